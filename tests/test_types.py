"""Types: mypy --strict on questions/, mypy on ui/, pages/ and app.py, both with no errors.

Each check keeps its own incremental cache under ``.mypy_cache/``: the two runs use
different options, so with one shared cache each run would throw away what the other
cached (about 10 s of checking pydantic and friends again, every time). A cold cache (a
fresh clone) costs a minute or so; a warm one a second.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import ROOT


@pytest.mark.timeout(900)  # a fresh clone's cold cache beside the browser tests took minutes
@pytest.mark.parametrize(
    "arguments", [["--strict", "questions"], ["ui", "pages", "app.py"]], ids=["questions-strict", "ui-pages"]
)
def test_mypy_finds_no_errors(arguments, request):
    cache = ROOT / ".mypy_cache" / f"tests-{request.node.callspec.id}"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
