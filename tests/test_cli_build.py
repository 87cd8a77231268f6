"""``python -m questions build``: every format, warnings, and bad input that writes nothing."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pypdf
import pytest
from helpers import ROOT, one_line_error, pdf_text, run_cli

PATIENT = {
    "version": 1,
    "visit": {"provider": "Dr. Rivera", "date": "2026-12-03"},
    "conditions": ["ptsd"],
    "health": ["heart_or_blood_pressure"],
    "support": {"ride_home": "no"},
    "custom_questions": ["Can my partner stay in the room?"],
}


def test_build_writes_each_format_chosen_by_the_suffix(write_answers, tmp_path: Path):
    source = str(write_answers(PATIENT))
    starts = {
        "list.pdf": b"%PDF-",
        "list.html": b"<!DOCTYPE html>",
        "list.md": b"# Questions for my ketamine appointment",
        "list.txt": b"Questions for my ketamine appointment\n",
        "LIST.PDF": b"%PDF-",
    }
    for name, start in starts.items():
        out = tmp_path / name
        result = run_cli("build", source, "-o", str(out))
        assert result.returncode == 0, result.stderr
        # One line says where it went (the full path); standard output stays empty for scripts.
        assert result.stderr.decode() == f"wrote {out.resolve()}\n" and result.stdout == b""
        assert out.read_bytes().startswith(start), name
    text = pdf_text((tmp_path / "list.pdf").read_bytes())
    assert "Dr. Rivera" in text and "Can my partner stay in the room?" in text
    assert "Can my partner stay in the room?" in (tmp_path / "list.md").read_text(encoding="utf-8")


def test_build_reads_standard_input(tmp_path: Path):
    out = tmp_path / "list.pdf"
    result = run_cli("build", "-", "--output", str(out), stdin=json.dumps(PATIENT).encode())
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_build_warns_about_skipped_ids_and_unprintable_characters(write_answers, tmp_path: Path):
    source = str(
        write_answers({**PATIENT, "top_questions": ["retired_question"], "custom_questions": ["Ok? 🙂 谢谢"]})
    )
    result = run_cli("build", source, "-o", str(tmp_path / "list.pdf"))
    assert result.returncode == 0, result.stderr
    *lines, wrote = result.stderr.decode().splitlines()
    assert wrote == f"wrote {(tmp_path / 'list.pdf').resolve()}"
    assert lines and all(line.startswith("warning: ") for line in lines), lines
    assert any("retired_question" in line for line in lines)
    assert any("🙂" in line and "谢" in line for line in lines)
    # The HTML keeps every character, so it has nothing to warn about them.
    result = run_cli("build", source, "-o", str(tmp_path / "list.html"))
    assert result.returncode == 0
    assert "🙂" not in result.stderr.decode()
    assert "🙂 谢谢" in (tmp_path / "list.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ("this is not json", "not valid JSON"),
        ({"version": 1, "conditions": ["not_a_condition"]}, "conditions[0]"),
        ({"version": 1, "visit": {"date": "03/12/2026"}}, "visit.date"),
        ("[1, 2, 3]", "JSON object"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(write_answers, tmp_path: Path, document, words):
    source = str(write_answers(document))
    out = tmp_path / "out" / "list.pdf"
    out.parent.mkdir()
    message = one_line_error(run_cli("build", source, "-o", str(out)))
    assert words in message
    assert os.listdir(out.parent) == []


def test_bad_input_leaves_an_existing_file_untouched(write_answers, tmp_path: Path):
    out = tmp_path / "list.pdf"
    out.write_bytes(b"yesterday's list")
    one_line_error(run_cli("build", str(write_answers("{")), "-o", str(out)))
    assert out.read_bytes() == b"yesterday's list"
    assert sorted(os.listdir(tmp_path)) == ["answers.json", "list.pdf"]


def test_missing_answers_file(tmp_path: Path):
    out = tmp_path / "list.pdf"
    message = one_line_error(run_cli("build", str(tmp_path / "nowhere.json"), "-o", str(out)))
    assert "no such file" in message
    assert not out.exists()


@pytest.mark.parametrize("name", ["list.docx", "list", "list.pdf.bak"])
def test_an_unknown_suffix_is_a_usage_error(write_answers, tmp_path: Path, name):
    message = one_line_error(run_cli("build", str(write_answers(PATIENT)), "-o", str(tmp_path / name)))
    assert ".pdf, .html, .md or .txt" in message
    assert sorted(os.listdir(tmp_path)) == ["answers.json"]


def test_output_is_required(write_answers):
    message = one_line_error(run_cli("build", str(write_answers(PATIENT))))
    assert "-o" in message


def test_output_in_a_missing_folder_or_onto_a_folder(write_answers, tmp_path: Path):
    source = str(write_answers(PATIENT))
    assert "no folder" in one_line_error(run_cli("build", source, "-o", str(tmp_path / "nope" / "list.pdf")))
    (tmp_path / "folder.pdf").mkdir()
    assert "folder" in one_line_error(run_cli("build", source, "-o", str(tmp_path / "folder.pdf")))


def _pdf(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def test_paper_print_size_and_language_options_win_over_the_file_for_that_build(write_answers, tmp_path):
    """The answers say Letter, normal print, English; the options make this one A4, large, Spanish."""
    source = write_answers({**PATIENT, "output": {"paper": "letter", "large_print": False}})
    plain, chosen = tmp_path / "plain.pdf", tmp_path / "chosen.pdf"
    assert run_cli("build", str(source), "-o", str(plain)).returncode == 0
    result = run_cli(
        "build", str(source), "-o", str(chosen), "--paper", "a4", "--large-print", "--language", "es"
    )
    assert result.returncode == 0, result.stderr
    before, after = _pdf(plain), _pdf(chosen)
    assert [round(float(v)) for v in before.pages[0].mediabox[2:]] == [612, 792]  # Letter
    assert [round(float(v)) for v in after.pages[0].mediabox[2:]] == [595, 842]  # A4
    assert len(after.pages) > len(before.pages), "large print takes more pages"
    spanish = pdf_text(chosen.read_bytes())
    assert "Preguntas para mi cita" in spanish and "Questions for my" not in spanish
    # The file itself is untouched, and the next build without options follows it again.
    assert json.loads(source.read_text(encoding="utf-8"))["output"] == {
        "paper": "letter",
        "large_print": False,
    }
    again = tmp_path / "again.pdf"
    assert run_cli("build", str(source), "-o", str(again), "--normal-print").returncode == 0
    assert len(_pdf(again).pages) == len(before.pages)


def test_large_and_normal_print_together_are_refused(write_answers, tmp_path):
    args = ["build", str(write_answers(PATIENT)), "-o", str(tmp_path / "x.pdf")]
    message = one_line_error(run_cli(*args, "--large-print", "--normal-print"))
    assert "--normal-print: not allowed with argument --large-print" in message
    assert "--paper: invalid choice: 'legal'" in one_line_error(run_cli(*args, "--paper", "legal"))
    assert not (tmp_path / "x.pdf").exists()


def test_help_offers_paper_print_size_and_language():
    result = run_cli("build", "--help")
    assert result.returncode == 0
    shown = " ".join(result.stdout.decode().split())
    for option in ("--paper {letter,a4}", "--large-print", "--normal-print", "--language {en,es}"):
        assert option in shown, option


def test_list_takes_the_language_option(write_answers):
    result = run_cli("list", str(write_answers(PATIENT)), "--format", "json", "--language", "es")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["language"] == "es"


def test_every_command_works_from_another_folder(tmp_path, write_answers):
    """Relative paths are the caller's; the content is the project's wherever it runs from."""
    (tmp_path / "answers.json").write_text(json.dumps(PATIENT), encoding="utf-8")
    result = run_cli("build", "answers.json", "-o", "list.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF-")
    assert result.stderr.decode() == f"wrote {tmp_path.resolve() / 'list.pdf'}\n"
    clinic = str(ROOT / "examples" / "clinic.yaml")
    assert run_cli("list", "answers.json", "--clinic", clinic, cwd=tmp_path).returncode == 0
    assert run_cli("check", cwd=tmp_path).stdout.startswith(b"content ok: ")
