"""The core package stays free of streamlit (ruff and mypy run in ``.ci/run``, not in pytest)."""

from __future__ import annotations

import ast

from helpers import ROOT


def test_core_package_never_imports_streamlit():
    for path in (ROOT / "questions").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "streamlit" for name in names), path
