"""The command line's last resort (issue #21, item 5): closed streams, any console encoding,
a full disk, clinic files that are devices, pipes or YAML traps. Each is one line and exit 2.

In-process (``cli.main``) wherever Python's own objects say the same thing a real shell
gives (``sys.stdin is None`` is what Python makes of a closed descriptor 0); a subprocess
only where the real thing is needed: a descriptor closed by the shell, a console encoding.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_driver import APP, TIMEOUT, start
from helpers import ROOT, one_line_error
from streamlit.testing.v1 import AppTest

from questions import cli
from questions.clinic import ENV_VAR
from questions.content import activate_clinic, load_language

GOOD_ANSWERS = '{"version": 1, "custom_questions": ["Can my partner stay? \U0001f91d caf\u00e9"]}'
YAML_TRAPS = {
    "20,000 levels deep": "name: " + "[" * 20_000 + "]" * 20_000 + "\nphone: '555 010 0100'\n",
    "a list as a mapping key": "? [a, b]\n: 1\nname: Lakeside\nphone: '555 010 0100'\n",
    "a 5,000-digit phone": "name: Lakeside\nphone: " + "5" * 5_000 + "\n",
}


def refused(status: int, capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert status == 2, captured.err
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: "), captured.err
    assert "Traceback" not in captured.err
    return captured.err


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(GOOD_ANSWERS, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def public_edition():
    yield
    activate_clinic(None)


def test_a_closed_standard_input_is_one_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", None)
    assert "standard input: it is closed" in refused(cli.main(["list", "-"]), capsys)


def test_a_closed_standard_output_is_one_line(monkeypatch, capsys, answers_file):
    monkeypatch.setattr(sys, "stdout", None)
    assert "standard output is closed" in refused(cli.main(["list", str(answers_file)]), capsys)


@pytest.mark.parametrize(
    "command", [["check"], ["clinic", str(ROOT / "examples" / "clinic.yaml")], ["clinic"]]
)
def test_check_and_clinic_writing_to_a_full_disk_are_one_line(command, monkeypatch, capsys):
    monkeypatch.delenv(ENV_VAR, raising=False)
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stdout", full)
    try:
        message = refused(cli.main(command), capsys)
    finally:
        full.close()
    assert "cannot write the output: No space left on device" in message


def test_a_clinic_device_is_refused_without_reading_it(capsys):
    message = refused(cli.main(["clinic", "/dev/zero"]), capsys)
    assert "is not a regular file" in message


def test_a_clinic_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path, capsys):
    fifo = tmp_path / "clinic.yaml"
    os.mkfifo(fifo)
    assert "is not a regular file" in refused(cli.main(["clinic", str(fifo)]), capsys)


@pytest.mark.parametrize("name", list(YAML_TRAPS))
def test_a_yaml_trap_in_a_clinic_file_is_one_line(name, tmp_path: Path, capsys, monkeypatch):
    path = tmp_path / "clinic.yaml"
    path.write_text(YAML_TRAPS[name], encoding="utf-8")
    assert refused(cli.main(["clinic", str(path)]), capsys).startswith(f"error: clinic file '{path}': ")
    # the container's start-up: the file the variable names
    monkeypatch.setenv(ENV_VAR, str(path))
    assert refused(cli.main(["clinic"]), capsys).startswith(f"error: clinic file '{path}': ")
    # and every command that takes --clinic
    assert refused(cli.main(["bank", "--clinic", str(path)]), capsys).startswith("error: clinic file")


@pytest.mark.parametrize("name", list(YAML_TRAPS))
def test_the_app_refuses_a_yaml_trap_with_one_plain_line(name, tmp_path: Path, monkeypatch, capfd):
    path = tmp_path / f"clinic-{len(name)}.yaml"  # one file per case: the app reads each path once
    path.write_text(YAML_TRAPS[name], encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception and len(at.error) == 2 and not at.button
    err = capfd.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and errors[0].startswith(f"error: clinic file '{path}': "), err
    # (Streamlit's logger may complain about an earlier test's closed capture: not ours.)
    assert not any(
        word in err for word in ("RecursionError", "TypeError", "ValueError: Exceeds", "/yaml/")
    ), err


# ---- the real thing: a shell's closed descriptors, a console's encoding ------------------


def shell(command: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        timeout=120,
    )


def test_a_shell_closing_standard_input_gets_one_line():
    message = one_line_error(shell(f"{sys.executable} -m questions list - <&-"))
    assert "standard input: it is closed" in message


def test_a_shell_closing_standard_output_gets_one_line(answers_file):
    message = one_line_error(shell(f"{sys.executable} -m questions list '{answers_file}' >&-"))
    assert "standard output is closed" in message


def _shown_on_console(result: str, encoding: str, fmt: str) -> None:
    assert "Can my partner stay? ?" in result or "Can my partner stay? \\ud83e" in result, result
    if encoding == "cp1252" and fmt != "json":
        assert "caf\u00e9" in result  # what the console can show is kept


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_an_emoji_in_an_own_question_prints_on_any_console(encoding, fmt, answers_file):
    """A console that cannot hold every character (the streams of ``PYTHONIOENCODING``)."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout, stderr = (io.TextIOWrapper(raw, encoding=encoding, write_through=True) for raw in (out, err))
    status = cli.main(["list", str(answers_file), "--format", fmt], stdout=stdout, stderr=stderr)
    assert status == 0 and err.getvalue() == b"", err.getvalue()
    _shown_on_console(out.getvalue().decode(encoding), encoding, fmt)


def test_a_console_encoding_set_by_the_environment_is_honoured(answers_file):
    """The real thing once: Python's own streams made from ``PYTHONIOENCODING``."""
    result = shell(f"{sys.executable} -m questions list '{answers_file}'", PYTHONIOENCODING="ascii")
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    _shown_on_console(result.stdout.decode("ascii"), "ascii", "text")


# ---- many unknown saved ids: one line (issue #21, item 7) -------------------------------

MANY_UNKNOWN = json.dumps(
    {
        "version": 1,
        "removed_questions": [f"retired_{n}" for n in range(500)],
        "top_questions": ["gone_a", "gone_b", "gone_c"],
    }
)


def test_many_unknown_saved_ids_are_one_warning_line_in_the_cli(tmp_path: Path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(MANY_UNKNOWN, encoding="utf-8")
    assert cli.main(["list", str(path)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: 503 questions saved in an older version are no longer in the list and were skipped"
        " (for example: gone_a, gone_b, gone_c)."
    ]


def test_many_unknown_saved_ids_are_one_box_on_welcome_and_on_review():
    at = start()
    at.file_uploader(key="_upload_answers").set_value(
        ("answers.json", MANY_UNKNOWN.encode(), "application/json")
    ).run()
    assert not at.exception and at.success
    assert len(at.warning) == 1 and "503 questions" in at.warning[0].value
    at.switch_page("pages/review.py").run()
    skipped = [box for box in at.warning if "older version" in box.value]
    assert len(skipped) == 1 and "503" in skipped[0].value


@pytest.mark.parametrize("kind", ["a device", "a FIFO"])
def test_the_app_refuses_a_clinic_file_that_is_no_regular_file_without_waiting(
    kind, tmp_path: Path, monkeypatch, capfd
):
    """Patients get the plain sentence in every language (never the path or the staff's
    words); the server's log gets the one line that names the problem."""
    path = Path("/dev/zero")
    if kind == "a FIFO":
        path = tmp_path / "clinic.yaml"
        os.mkfifo(path)
    monkeypatch.setenv(ENV_VAR, str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception and not at.button
    assert [box.value for box in at.error] == [
        load_language(code).text("clinic.unavailable") for code in ("en", "es")
    ]
    assert not any(str(path) in box.value for box in at.error)
    logged = [line for line in capfd.readouterr().err.splitlines() if line.startswith("error:")]
    assert logged == [f"error: clinic file '{path}': it is not a regular file (a device, a pipe or a socket)"]
