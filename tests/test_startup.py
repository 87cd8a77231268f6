"""Content is checked before a patient meets it: ``python -m questions check`` and the server's start-up."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from helpers import ROOT, copy_of_app, one_line_error, run_cli, run_in


def _break(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file} any more: pick another line to break"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_passes_on_the_shipped_content():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("content ok: "), lines
    assert "(en, es)" in lines[0]


BREAKAGES = [
    # (file, text to find, replacement, what the one line must name)
    ("es/labels.yaml", "\n", "\n  - broken: [\n", "data/es/labels.yaml: line "),
    ("bank.yaml", "\n", "\n\t\n", "data/bank.yaml: line "),
    ("es/questions.yaml", "\n  why:", "\n  wy:", "data/es/questions.yaml: "),
    ("en/guide.yaml", "title:", "titel:", "data/en/guide.yaml: "),
    ("es/ui.yaml", "{number}", "{numero}", "data/es/ui.yaml: "),
    ("es/document.yaml", "{date}", "{fecha}", "data/es/document.yaml: "),
]


@pytest.mark.parametrize(("file", "old", "new", "named"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_check_names_the_broken_file_in_one_line(tmp_path, file, old, new, named):
    folder = copy_of_app(tmp_path)
    _break(folder, file, old, new)
    message = one_line_error(run_in(folder, "-m", "questions", "check"))
    assert message.startswith(f"error: {named}"), message


def test_check_names_a_missing_file(tmp_path):
    folder = copy_of_app(tmp_path)
    (folder / "data" / "es" / "guide.yaml").unlink()
    message = one_line_error(run_in(folder, "-m", "questions", "check"))
    assert message == "error: data/es/guide.yaml: the file is missing\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_server_refuses_to_start_on_broken_content(tmp_path):
    """``streamlit run app.py`` exits with status 2 and one plain line; it never serves."""
    folder = copy_of_app(tmp_path)
    _break(folder, "es/labels.yaml", "\n", "\n  - broken: [\n")
    command = ["-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(_free_port()), "--server.address", "127.0.0.1"]
    result = run_in(folder, *command, "--server.fileWatcherType", "none", timeout=120)
    assert result.returncode == 2, (result.stdout, result.stderr)
    errors = result.stderr.decode()
    assert errors.startswith("error: the app cannot start: data/es/labels.yaml: line "), errors
    assert errors.count("\n") == 1 and "Traceback" not in errors, errors


@pytest.mark.parametrize(
    ("clinic_text", "named"),
    [
        ("name: Example Clinic\nphone: 555-0100\ncolour: blue\n", "colour"),
        ("name: '**Bold** clinic'\nphone: (555) 010-0100\n", "name: use plain words"),
    ],
    ids=["unknown-key", "markup-in-name"],
)
def test_the_server_refuses_to_start_with_a_bad_clinic_file(tmp_path, clinic_text, named):
    """A bad clinic file stops ``streamlit run`` with one plain line, before it serves."""
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(clinic_text, encoding="utf-8")
    command = ["-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(_free_port()), "--server.address", "127.0.0.1"]
    command += ["--server.fileWatcherType", "none"]
    result = run_in(ROOT, *command, timeout=120, env={"QUESTION_PREP_CLINIC": str(clinic)})
    assert result.returncode == 2, (result.stdout, result.stderr)
    errors = result.stderr.decode()
    assert errors.startswith("error: the app cannot start: ") and named in errors, errors
    assert errors.count("\n") == 1 and "Traceback" not in errors, errors
