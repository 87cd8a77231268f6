"""Content is checked before a patient meets it: ``python -m questions check`` and the server's start-up.

``check`` runs in-process on a broken copy of ``data/`` (served for the one test); the
server is started for real: that it refuses before it announces itself is what is tested.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, copy_of_app, one_line_error, run_cli, run_in

from questions import content

ANNOUNCED = "You can now view your Streamlit app"


@pytest.fixture
def data_copy(tmp_path):
    """A copy of ``data/`` (without the fonts ``check`` does not read), served for one test."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("fonts"))
    with content.serving(content.Edition(data)):
        yield tmp_path


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
def test_check_names_the_broken_file_in_one_line(data_copy, file, old, new, named):
    _break(data_copy, file, old, new)
    message = one_line_error(run_cli("check"))
    assert message.startswith(f"error: {named}"), message


def test_check_names_a_missing_file(data_copy):
    (data_copy / "data" / "es" / "guide.yaml").unlink()
    message = one_line_error(run_cli("check"))
    assert message == "error: data/es/guide.yaml: the file is missing\n"


def test_check_in_a_real_process_reads_the_content_folder_it_is_given(tmp_path):
    """The process's own start: ``QUESTION_PREP_DATA`` read once, the status through ``sys.exit``."""
    folder = copy_of_app(tmp_path)
    _break(folder, "es/labels.yaml", "\n", "\n  - broken: [\n")
    message = one_line_error(run_in(folder, "-m", "questions", "check"))
    assert message.startswith("error: data/es/labels.yaml: line "), message


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
    assert ANNOUNCED not in result.stdout.decode(), "it said it was serving, then stopped"


def test_the_server_refuses_to_start_with_a_bad_clinic_file(tmp_path):
    """A bad clinic file stops ``streamlit run`` with one plain line, before it serves.

    One real server for the way a problem reaches the terminal; which problems a clinic
    file can have, and their words, are ``tests/test_clinic.py`` and
    ``tests/test_clinic_errors.py``, in-process (each server here costs about 1.5 CPU-seconds).
    """
    named = "name: use plain words"
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: '**Bold** clinic'\nphone: (555) 010-0100\n", encoding="utf-8")
    command = ["-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(_free_port()), "--server.address", "127.0.0.1"]
    command += ["--server.fileWatcherType", "none"]
    result = run_in(ROOT, *command, timeout=120, env={"QUESTION_PREP_CLINIC": str(clinic)})
    assert result.returncode == 2, (result.stdout, result.stderr)
    errors = result.stderr.decode()
    assert errors.startswith("error: the app cannot start: ") and named in errors, errors
    assert errors.count("\n") == 1 and "Traceback" not in errors, errors
    assert ANNOUNCED not in result.stdout.decode(), "it said it was serving, then stopped"


def test_a_clinic_file_with_several_problems_stops_the_server_naming_each(tmp_path):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Example Clinic\nphone: call us\ncolour: blue\n", encoding="utf-8")
    command = ["-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(_free_port()), "--server.address", "127.0.0.1"]
    result = run_in(ROOT, *command, timeout=120, env={"QUESTION_PREP_CLINIC": str(clinic)})
    assert result.returncode == 2 and ANNOUNCED not in result.stdout.decode()
    lines = result.stderr.decode().splitlines()
    assert (
        lines[0]
        == f"error: the app cannot start: clinic file '{clinic}': it has 2 problems, one a line below:"
    )
    assert lines[1].startswith("  - phone: ") and lines[2].startswith("  - 'colour' is not a key"), lines


def test_a_good_start_announces_itself_once_the_checks_pass(tmp_path):
    """Streamlit's own announcement is off (``.streamlit/config.toml``); ``app.py`` makes it
    after the checks, with the address it serves on."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
    finally:
        process.terminate()
        process.communicate(timeout=60)
    assert any(ANNOUNCED in line for line in lines), lines
    assert any(f"http://127.0.0.1:{port}" in line for line in lines), lines


def test_the_announcement_is_printed_by_streamlit_s_own_printer(capsys):
    """Pins the internal ``announce_start`` relies on (Streamlit 1.67): it prints the lines
    with the option lifted, and leaves the option as it was."""
    from streamlit import config

    from ui.streamlit_internals import announce_start

    before = config.get_option("logger.hideWelcomeMessage")
    config.set_option("logger.hideWelcomeMessage", True)
    try:
        announce_start()
        assert ANNOUNCED in capsys.readouterr().out
        assert config.get_option("logger.hideWelcomeMessage") is True
    finally:
        config.set_option("logger.hideWelcomeMessage", before)
