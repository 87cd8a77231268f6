"""Shared test helpers: building answers, running the real CLI."""

from __future__ import annotations

import os
import re
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


def as_shown(markdown_source: str) -> str:
    """What a reader sees of Markdown that ``questions.escape.streamlit_markdown`` made literal.

    Backslash escapes are dropped and the invisible word joiners removed; anything left
    that looks like Markdown would have been shown as such (the browser tests check that).
    """
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown_source).replace("\u2060", "")
