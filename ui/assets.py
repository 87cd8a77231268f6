"""The browser-side files in ``ui/static/`` (the tab script and the styles), read once.

They are real files, not strings in Python, so that a syntax check sees them
(``tests/test_static_files.py``: ``node --check`` for the scripts, Chromium's own parser for
the styles). Each is read when its module is imported, once per server process, and never
holds patient text: what changes per patient is sent to the script as data.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
"""Shipped with the ``ui`` package (``[tool.setuptools.package-data]`` in pyproject.toml)."""


def read(name: str) -> str:
    """The text of ``ui/static/<name>``."""
    return (STATIC / name).read_text(encoding="utf-8")
