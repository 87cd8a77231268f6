"""Types: mypy --strict on questions/, mypy on ui/, pages/ and app.py, both with no errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import ROOT


@pytest.mark.parametrize(
    "arguments", [["--strict", "questions"], ["ui", "pages", "app.py"]], ids=["questions-strict", "ui-pages"]
)
def test_mypy_finds_no_errors(arguments):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *arguments], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
