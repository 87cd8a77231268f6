"""Mutation testing of the text-handling modules, beside the engine's ``[tool.mutmut]`` table.

``pyproject.toml``'s ``[tool.mutmut]`` table is the selection engine's (README, "Testing").
mutmut 3 reads its settings only from the ``pyproject.toml`` of the folder it runs in, so
this script runs it in a scratch copy of the project (``.mutation/<group>/``, ignored by git
and ruff) whose table names one group of modules and their own tests instead. The copy
is kept, so a second run only re-tests what changed.

    python tools/mutate.py text                  # all of questions/escape.py, edits.py, answers_file.py
    python tools/mutate.py text results          # the survivors of the last run
    python tools/mutate.py text show NAME        # one survivor's diff

Runs with ``--max-children 1`` unless ``MUTATE_CHILDREN`` says otherwise: it is CPU-heavy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / ".mutation"

GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "text": (
        ["questions/escape.py", "questions/edits.py", "questions/answers_file.py"],
        ["tests/test_hostile_text.py", "tests/test_edits.py", "tests/test_engine.py", "tests/test_models.py"],
    ),
}
"""Group name -> (modules mutated, the test files that should kill their mutants)."""

_TABLE = re.compile(r"^\[tool\.mutmut\]\n(?:(?!\[).*\n?)*", re.MULTILINE)


def _table(modules: list[str], tests: list[str]) -> str:
    def strings(values: list[str]) -> str:
        return "[" + ", ".join(f'"{value}"' for value in values) + "]"

    return (
        "[tool.mutmut]\n"
        'source_paths = ["questions"]\n'
        f"only_mutate = {strings(modules)}\n"
        'also_copy = ["data", "examples"]\n'
        f"pytest_add_cli_args_test_selection = {strings(tests)}\n"
        'pytest_add_cli_args = ["-n", "0", "-p", "no:cacheprovider"]\n'
        "use_git_change_detection = false\n"
    )


def prepare(group: str) -> Path:
    """Copy the project's files (tracked and new, not ignored) and write the group's table."""
    modules, tests = GROUPS[group]
    work = SCRATCH / group
    SCRATCH.mkdir(exist_ok=True)
    (SCRATCH / ".gitignore").write_text("*\n", encoding="utf-8")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != source.read_bytes():
                shutil.copy2(source, target)
    pyproject = work / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = _TABLE.sub("", text).rstrip("\n") + "\n\n" + _table(modules, tests)
    pyproject.write_text(text, encoding="utf-8")
    return work


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in GROUPS:
        print(f"usage: python tools/mutate.py {{{','.join(GROUPS)}}} [results | show NAME]", file=sys.stderr)
        return 2
    group, rest = argv[0], argv[1:]
    work = prepare(group)
    children = os.environ.get("MUTATE_CHILDREN", "1")
    command = rest or ["run", "--max-children", children]
    return subprocess.run([sys.executable, "-m", "mutmut", *command], cwd=work, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
