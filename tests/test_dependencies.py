"""Locked dependencies: every package pinned with hashes, and the locks agree with what people edit.

``requirements.in`` and ``requirements-dev.in`` are edited by hand; pip-compile turns them
into ``requirements.txt`` and ``requirements-dev.txt`` (the README's install commands),
with every transitive dependency pinned and hashed, so two installs get the same code.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path: Path) -> list[str]:
    """The requirement lines of a requirements file, continuation lines joined, comments dropped."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in requirements(path):
        if line.startswith("-"):
            continue
        match = PIN.match(line)
        assert match, f"{path.name}: '{line}' is not pinned exactly (name==version)"
        found[canonical(match[1])] = match[2]
    return found


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_package_is_pinned_with_hashes(lock):
    lines = requirements(ROOT / lock)
    assert len(lines) > 20, "a lock lists the transitive dependencies too"
    for line in lines:
        assert PIN.match(line), f"{lock}: '{line[:60]}' is not an exact pin"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", line), f"{lock}: {line.split()[0]} has no hash"
    # Streamlit's own dependencies, which floated before the locks.
    assert {"protobuf", "pandas", "pyarrow", "numpy", "starlette", "uvicorn"} <= set(pins(ROOT / lock))


@pytest.mark.parametrize(
    ("source", "lock"),
    [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")],
)
def test_the_locks_keep_every_hand_written_pin(source, lock):
    wanted, locked = pins(ROOT / source), pins(ROOT / lock)
    assert wanted, f"{source} pins nothing"
    for name, version in wanted.items():
        assert locked.get(name) == version, (
            f"{source} pins {name}=={version} but {lock} has {locked.get(name)}: "
            f"run pip-compile as {source} says"
        )


def test_the_tools_install_the_same_runtime_the_app_runs_on():
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    different = {
        name: (version, dev.get(name)) for name, version in runtime.items() if dev.get(name) != version
    }
    assert not different, f"requirements-dev.txt disagrees with requirements.txt: {different}"
    # The command that makes the dev lock reads the runtime too, constrained by its lock.
    command = next(
        line
        for line in (ROOT / "requirements-dev.in").read_text().splitlines()
        if "-o requirements-dev.txt" in line
    )
    assert "-c requirements.txt" in command and " requirements.in requirements-dev.in" in command


def test_pyproject_declares_the_project_and_its_dependencies():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["build-system"]["requires"]
    assert "dependencies" in pyproject["project"]["dynamic"]
    source = pyproject["tool"]["setuptools"]["dynamic"]["dependencies"]["file"]
    assert source == ["requirements.in"], "one list of runtime pins, read by pip-compile and pyproject"
    dev = pyproject["tool"]["setuptools"]["dynamic"]["optional-dependencies"]["dev"]["file"]
    assert dev == ["requirements-dev.in"], "one list of tool pins, read by pip-compile and pyproject"
    assert "optional-dependencies" in pyproject["project"]["dynamic"]
    assert not [line for line in requirements(ROOT / "requirements-dev.in") if line.startswith("-")], (
        "setuptools reads requirements-dev.in as requirement lines: no -r or -c in it"
    )
