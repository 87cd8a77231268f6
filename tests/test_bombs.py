"""Upload bombs (issue #21): every hostile file is refused in plain words, cheaply.

Each bomb from ``tests/bombs.py`` goes the ways a file reaches the reader without a
browser: the reader the upload box calls, the tab's restore message (the tab script sends
text), and the command line (in-process, ``cli.main``). Each must be refused with "not a
saved-answers file" within ``CPU_SECONDS`` of CPU (this process and the child that reads
a PDF, never wall-clock) and ``MEMORY_BYTES`` of resident memory above the baseline.
The upload box itself, in a browser, is ``tests/browser/test_bombs_in_browser.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bombs import Budget, json_bombs, pdf_bombs, yaml_bombs

from questions import answers_pdf, cli, limits
from questions.answers_file import MAX_PDF_BYTES, AnswersFileError, parse_answers
from questions.clinic import ClinicFileError, parse_clinic, read_clinic

CPU_SECONDS = 2.0
MEMORY_BYTES = 100 * 1024 * 1024
CHILD_MEMORY_BYTES = 200 * 1024 * 1024
"""The PDF reader's child process at its peak: Python and pypdf (about 50 MB) plus its cap."""
PDF_BOMBS = pdf_bombs()
JSON_BOMBS = json_bombs()
YAML_BOMBS = yaml_bombs()


def assert_cheap(budget: Budget) -> None:
    cost = budget.cost
    assert cost.cpu_seconds <= CPU_SECONDS, f"{cost.cpu_seconds:.2f} CPU-seconds"
    assert cost.peak_rss_growth <= MEMORY_BYTES, f"{cost.peak_rss_growth / 1e6:.0f} MB above the baseline"
    assert cost.child_peak_rss <= CHILD_MEMORY_BYTES, (
        f"the reader's child peaked at {cost.child_peak_rss / 1e6:.0f} MB"
    )


def test_the_bombs_are_what_the_issue_describes():
    sizes = [len(pdf) for pdf in PDF_BOMBS.values()]
    assert max(sizes) <= 1_000_000 and min(sizes) < 5_000
    ascii_bombs = [pdf for name, pdf in PDF_BOMBS.items() if "ASCII" in name]
    assert ascii_bombs and all(pdf.isascii() for pdf in ascii_bombs)


@pytest.mark.parametrize("name", list(PDF_BOMBS))
def test_a_pdf_bomb_is_not_a_saved_answers_file_and_costs_little(name):
    with Budget() as budget, pytest.raises(AnswersFileError) as refused:
        parse_answers(PDF_BOMBS[name])
    assert refused.value.code == "not_answers_pdf"
    assert "not a saved-answers file" in str(refused.value)
    assert_cheap(budget)
    assert budget.cost.child_peak_rss > 0, "the reader's child was measured"


@pytest.mark.parametrize("name", [name for name in PDF_BOMBS if "ASCII" in name or "4,650" in name])
def test_a_pdf_bomb_in_the_tabs_restore_message_never_reaches_a_pdf_reader(name):
    text = PDF_BOMBS[name].decode("latin-1")  # the tab script sends its copy as text
    with Budget() as budget, pytest.raises(AnswersFileError) as refused:
        parse_answers(text, pdf=False)
    assert "not a saved-answers file" in str(refused.value)
    assert_cheap(budget)
    assert budget.cost.cpu_seconds < 0.5, "refused before any PDF is parsed (a reader child costs more)"


@pytest.mark.parametrize("name", list(JSON_BOMBS))
@pytest.mark.parametrize("as_text", [False, True], ids=["upload", "tab message"])
def test_a_json_bomb_is_not_a_saved_answers_file_and_costs_little(name, as_text):
    raw = JSON_BOMBS[name]
    with Budget() as budget, pytest.raises(AnswersFileError) as refused:
        parse_answers(raw.decode() if as_text else raw, pdf=not as_text)
    assert "not a saved-answers file" in str(refused.value)
    assert_cheap(budget)


CLI_PDF_BOMBS = [name for name in PDF_BOMBS if name.endswith("999,000 bytes")]
"""Each kind of PDF bomb once, at its largest: the command line reads a PDF with the very
reader the tests above try with every bomb (each read is a child process of up to a
CPU-second), so what is the CLI's own here is the one line and the exit status."""


@pytest.mark.parametrize("name", [*CLI_PDF_BOMBS, *JSON_BOMBS])
def test_the_command_line_refuses_a_bomb_in_one_line_with_exit_2(name, tmp_path: Path, capsys):
    data = PDF_BOMBS.get(name) or JSON_BOMBS[name]
    path = tmp_path / ("list.pdf" if data.startswith(b"%PDF") else "answers.json")
    path.write_bytes(data)
    with Budget() as budget:
        status = cli.main(["list", str(path)])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and "not a saved-answers file" in captured.err, captured.err
    assert_cheap(budget)


@pytest.mark.parametrize("name", list(YAML_BOMBS))
def test_a_yaml_bomb_is_one_plain_problem_and_costs_little(name, tmp_path: Path, capsys):
    with Budget() as budget, pytest.raises(ClinicFileError) as refused:
        parse_clinic(YAML_BOMBS[name])
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 300
    assert_cheap(budget)
    path = tmp_path / "clinic.yaml"
    path.write_bytes(YAML_BOMBS[name])
    with pytest.raises(ClinicFileError):
        read_clinic(path)
    with Budget() as budget:
        status = cli.main(["clinic", str(path)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and err.startswith("error: clinic file"), err
    assert_cheap(budget)


@pytest.mark.parametrize("name", list(YAML_BOMBS))
def test_a_yaml_bomb_uploaded_as_saved_answers_is_not_a_saved_answers_file(name):
    with pytest.raises(AnswersFileError) as refused:
        parse_answers(YAML_BOMBS[name])
    assert refused.value.code == "not_json"


def test_the_reader_and_the_upload_box_have_one_limit():
    """The browser refuses a file over the upload box's megabytes (1,000,000 bytes each):
    the reader refuses the same files, whichever way they come (the CLI, the tab)."""
    assert MAX_PDF_BYTES == limits.UPLOAD_LIMIT_MB * 1_000_000
    just_over = b"%PDF-1.7\n%" + b"x" * (MAX_PDF_BYTES - 9)
    assert len(just_over) == MAX_PDF_BYTES + 1
    with Budget() as budget, pytest.raises(AnswersFileError) as refused:
        parse_answers(just_over)
    assert refused.value.code == "not_answers_pdf"
    assert budget.cost.cpu_seconds < 0.1, "refused by its size, before any reader starts"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("2026-12-03", "2026-12-03"),
        ("20261203", "2026-12-03"),
        ("2026-W49-4", "2026-12-03"),
        (" 2026-12-03 ", "2026-12-03"),
    ],
)
def test_a_visit_date_is_kept_in_its_one_canonical_form(written, kept):
    loaded = parse_answers(json.dumps({"version": 1, "visit": {"date": written}}))
    assert loaded.visit.date == kept
    assert json.loads(loaded.to_json())["visit"]["date"] == kept


@pytest.mark.parametrize("written", ["0001-01-01", "9999-12-31", "2026-13-01", "next Tuesday"])
def test_a_visit_date_no_appointment_has_is_named(written):
    with pytest.raises(AnswersFileError, match=r"visit\.date: must be a date"):
        parse_answers(json.dumps({"version": 1, "visit": {"date": written}}))


def test_a_utf16_file_from_windows_notepad_is_read():
    text = json.dumps(
        {"version": 1, "conditions": ["ptsd"], "custom_questions": ["¿Puedo ir con mi pareja?"]}
    )
    for encoded in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        loaded = parse_answers(encoded)
        assert loaded.conditions == ["ptsd"] and loaded.custom_questions == ["¿Puedo ir con mi pareja?"]


def test_a_damaged_utf16_file_is_named_as_such():
    with pytest.raises(AnswersFileError) as refused:
        parse_answers("{}".encode("utf-16") + b"\x00")
    assert refused.value.code == "not_text" and "UTF-16" in str(refused.value)


def test_when_every_reader_is_busy_a_pdf_waits_then_is_refused_as_busy(monkeypatch):
    """At most ``PARALLEL_READS`` PDFs are read at once per server (each can cost a
    CPU-second): one more waits its turn, and past ``QUEUE_SECONDS`` the patient is told
    to try again, in words that do not blame the file."""
    monkeypatch.setattr(answers_pdf, "QUEUE_SECONDS", 0.05)
    taken = [answers_pdf._slots.acquire(timeout=5) for _ in range(answers_pdf.PARALLEL_READS)]
    try:
        assert all(taken)
        with pytest.raises(AnswersFileError) as refused:
            parse_answers(PDF_BOMBS[next(iter(PDF_BOMBS))])
    finally:
        for _ in taken:
            answers_pdf._slots.release()
    assert refused.value.code == "busy" and "Try again" in str(refused.value)
