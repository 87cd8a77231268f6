"""Shared test helpers: building answers, running the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from questions.models import Answers

ROOT = Path(__file__).resolve().parent.parent


def answers(**fields: Any) -> Answers:
    """A valid answers model from keyword fields (version filled in)."""
    return Answers.model_validate({"version": 1, **fields})


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m questions`` as a user would, in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "questions", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """A refused command: exit 2, one plain ``error:`` line on stderr, no traceback."""
    assert result.returncode == 2, result.stderr
    message = result.stderr.decode()
    assert message.count("\n") == 1 and message.startswith("error: "), message
    assert "Traceback" not in message
    assert result.stdout == b"", "nothing printed as if it had worked"
    return message


APP_PARTS = ("app.py", "ui", "pages", "questions", "data", ".streamlit")


def copy_of_app(folder: Path) -> Path:
    """The app's code, words and settings copied into ``folder``, for breaking on purpose."""
    for part in APP_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / part)
    return folder


def run_in(folder: Path, *command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python COMMAND`` in ``folder`` so the code and data there are the ones used."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [sys.executable, *command], capture_output=True, cwd=folder, env=env, timeout=timeout
    )
