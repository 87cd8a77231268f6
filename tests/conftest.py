"""Shared fixtures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings


@pytest.fixture
def write_answers(tmp_path: Path):
    """Write an answers document (dict, or raw text/bytes) to a file and return its path."""

    def write(document: dict | str | bytes, name: str = "answers.json") -> Path:
        path = tmp_path / name
        if isinstance(document, dict):
            path.write_text(json.dumps(document), encoding="utf-8")
        elif isinstance(document, bytes):
            path.write_bytes(document)
        else:
            path.write_text(document, encoding="utf-8")
        return path

    return write


# Hypothesis: the default run is bounded and fixed-seed (each test sets its own limits with
# helpers.examples); HYPOTHESIS_PROFILE=fuzz-long multiplies them by 20 for a long run by hand.
settings.register_profile("fuzz-long", max_examples=2000, deadline=None)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject.toml) runs one test file in this process, anything more on workers.

    Starting workers costs each of them the imports (a few seconds of CPU): worth it for the
    suite or a folder, not for one file. ``None`` leaves the count to pytest-xdist (the cores).
    """
    files = {Path(arg.split("::")[0]) for arg in config.args}
    if len(files) == 1 and next(iter(files)).is_file():
        return 0
    return None
