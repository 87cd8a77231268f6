"""The command line under hostile input: giant numbers, endless input, long names, a full disk,
escape codes and Ctrl-C. Each ends with one plain line and exit 2 (130 for Ctrl-C), never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, one_line_error, run_cli

from questions import cli
from questions.answers_file import MAX_FILE_BYTES

GOOD = {"version": 1, "conditions": ["ptsd"], "custom_questions": ["Can my partner stay?"]}
CONTROL = set(map(chr, [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)]))


def clean_line(result: subprocess.CompletedProcess) -> str:
    message = one_line_error(result)
    assert not CONTROL & set(message.rstrip("\n")), repr(message)
    return message


# ---- 3: giant numbers, and duplicate keys (10) -------------------------------------------


@pytest.mark.parametrize("command", [["list", "-"], ["build", "-", "-o", "out.pdf"]])
def test_a_5000_digit_number_is_not_a_saved_answers_file(tmp_path, command):
    result = run_cli(*command, stdin=b'{"version": ' + b"9" * 5000 + b"}", cwd=tmp_path)
    assert "not a saved-answers file" in clean_line(result) and "5000 digits" in result.stderr.decode()
    assert not (tmp_path / "out.pdf").exists()


def test_a_4300_digit_number_is_still_read_and_named_as_the_wrong_value():
    result = run_cli("list", "-", stdin=b'{"version": 1, "language": ' + b"7" * 4300 + b"}")
    assert "language" in clean_line(result)


def test_a_key_given_twice_is_refused_not_silently_overwritten():
    result = run_cli("list", "-", stdin=b'{"version": 1, "language": "es", "language": "en"}')
    message = clean_line(result)
    assert "not a saved-answers file" in message and "'language' appears twice" in message
    nested = run_cli("list", "-", stdin=b'{"version": 1, "support": {"ride_home": "no", "ride_home": "yes"}}')
    assert "'ride_home' appears twice" in clean_line(nested)


# ---- 4: bounded reads ----------------------------------------------------------------------


def test_an_endless_file_is_refused_after_reading_one_byte_more_than_the_limit():
    result = run_cli("build", "/dev/zero", "-o", "/tmp/never-written.pdf")
    assert "too large" in clean_line(result)
    assert not Path("/tmp/never-written.pdf").exists()


def test_a_large_standard_input_is_refused_without_reading_it_all(tmp_path):
    """50 MB offered on stdin: the CLI stops after the limit + 1 byte, so most is never read."""
    errors = tmp_path / "stderr"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "questions", "list", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        chunk = b" " * (1024 * 1024)
        written = 0
        try:
            for _ in range(50):
                process.stdin.write(chunk)
                written += len(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # the CLI stopped reading and exited: the rest was never read
        assert process.wait(timeout=60) == 2
    message = errors.read_text(encoding="utf-8")
    assert message.count("\n") == 1 and "too large" in message
    assert written < 50 * len(chunk), "the whole 50 MB was taken in"
    assert 50 * len(chunk) > MAX_FILE_BYTES


# ---- 5: long names, full disk ------------------------------------------------------------


def test_a_300_character_output_name_is_one_line(write_answers, tmp_path):
    result = run_cli("build", str(write_answers(GOOD)), "-o", str(tmp_path / ("a" * 300 + ".pdf")))
    assert "too long" in clean_line(result).lower()


def test_a_250_character_output_name_is_written(write_answers, tmp_path):
    """The temporary file beside it has a short fixed-length name, so it cannot overflow 255 bytes."""
    target = tmp_path / ("b" * 250 + ".txt")
    result = run_cli("build", str(write_answers(GOOD)), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Can my partner stay?" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize(
    "command", [["list", "ANSWERS"], ["list", "ANSWERS", "--format", "json"], ["bank"], ["schema"]]
)
def test_writing_to_a_full_disk_is_one_line(write_answers, command, capsys):
    answers = str(write_answers(GOOD))
    args = [answers if part == "ANSWERS" else part for part in command]
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        status = cli.main(args, stdout=full)
    finally:
        with contextlib.suppress(OSError):  # what is left in its buffer cannot be written either
            full.close()
    assert status == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "No space left on device" in message, message


def test_a_full_disk_leaves_no_second_complaint_at_exit(write_answers):
    """In a real process: after the one line, Python's own last flush of stdout at exit
    must not fail again ("Exception ignored ... BrokenPipeError")."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "questions", "list", str(write_answers(GOOD))],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.count("\n") == 1 and "No space left on device" in message, message
    assert "Traceback" not in message and "Exception ignored" not in message


# ---- 6: escape codes in key names and rejected values ---------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        {"version": 1, "\u001b[31mred\u001b[0m\u0007\u009b2J": 1},
        {"version": 1, "language": "\u001b]0;owned\u0007\u001b[2J"},
        {"version": 1, "support": {"ride_home": "\u001b[1A\r\nfake: ok"}},
        {"version": 1, "visit": {"\u202eedivorp": "x"}},
    ],
)
def test_escape_codes_from_the_file_never_reach_the_terminal(document):
    result = run_cli("list", "-", stdin=json.dumps(document).encode())
    message = clean_line(result)
    assert "\u202e" not in message


def test_a_huge_rejected_value_is_quoted_short():
    result = run_cli("list", "-", stdin=json.dumps({"version": 1, "language": "x" * 100_000}).encode())
    assert len(clean_line(result)) < 300


def test_escape_codes_in_arguments_are_not_echoed_raw():
    result = run_cli("list", "-", "--format", "\x1b[2Jjson")
    clean_line(result)


# ---- 7: list formats keep patient text literal (more in test_hostile_text.py) --------------


def test_list_markdown_and_text_keep_a_three_line_question_on_one_line(write_answers):
    patient = {
        "version": 1,
        "custom_questions": ["Is it safe?\n## Fake heading\n![x](http://198.51.100.7/x.png) <script>"],
    }
    markdown = run_cli("list", str(write_answers(patient)), "--format", "markdown").stdout.decode()
    assert "\n## Fake heading" not in markdown and "![x](" not in markdown and "<script>" not in markdown
    assert (
        "- [ ] Is it safe? \\#\\# Fake heading \\!\\[x\\](http\\://198.51.100.7/x.png) \\<script\\>"
        in markdown
    )
    text = run_cli("list", str(write_answers(patient)), "--format", "text").stdout.decode()
    assert "Is it safe? ## Fake heading ![x](http://198.51.100.7/x.png) <script>" in text
    assert "\n## Fake heading" not in text


# ---- 12: Ctrl-C ----------------------------------------------------------------------------


def _waiting_to_read(pid: int) -> bool:
    """Whether the process is blocked reading its standard input (Linux /proc)."""
    try:
        call = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return len(call) > 1 and call[0] == "0" and int(call[1], 16) == 0  # read(0, ...)


@pytest.mark.parametrize("command", [["list", "-"], ["build", "-", "-o", "never.pdf"]])
def test_ctrl_c_stops_quietly_with_status_130(tmp_path, command):
    process = subprocess.Popen(
        [sys.executable, "-m", "questions", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        # A terminal's foreground program: a shell starts a background job (``pytest &``)
        # with SIGINT ignored, and every process it starts would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not _waiting_to_read(process.pid):
            assert process.poll() is None and time.monotonic() < deadline, "never started reading"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert out == b"" and err == b""
    assert not (tmp_path / "never.pdf").exists()
