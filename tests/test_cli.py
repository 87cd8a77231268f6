"""The command line as a script or a clinician uses it: in-process (``cli.main`` with its
streams), and once for real, installed with pip."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from helpers import ROOT, one_line_error, run_cli

from questions.content import load_bank

PATIENT = {
    "version": 1,
    "conditions": ["ptsd"],
    "health": ["heart_or_blood_pressure"],
    "support": {"ride_home": "no"},
    "custom_questions": ["Can my partner stay in the room?"],
}


def test_list_json_has_the_documented_shape(write_answers):
    result = run_cli("list", str(write_answers(PATIENT)), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["language"] == "en"
    questions = document["questions"]
    for question in questions:
        assert {"id", "topic", "text", "why", "top", "custom", "reasons", "if_time"} <= set(question)
        assert isinstance(question["top"], bool) and isinstance(question["custom"], bool)
        assert isinstance(question["if_time"], bool) and isinstance(question["reasons"], list)
    suggested = [q for q in questions if not q["custom"]]
    assert sum(not q["if_time"] for q in suggested) <= 12
    assert any(q["if_time"] for q in suggested)
    assert "support_gaps:ride_home" in {r for q in questions for r in q["reasons"]}
    assert sum(q["top"] for q in questions) == 3
    assert questions[0]["id"] == "bp_heart_safe" and questions[0]["top"]
    assert questions[-1] == {**questions[-1], "custom": True, "text": "Can my partner stay in the room?"}


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_list_in_words_shows_every_question(write_answers, fmt):
    as_json = json.loads(run_cli("list", str(write_answers(PATIENT)), "--format", "json").stdout)
    result = run_cli("list", str(write_answers(PATIENT)), "--format", fmt)
    assert result.returncode == 0
    out = result.stdout.decode()
    for question in as_json["questions"]:
        assert question["text"] in out
    assert out.lower().index("ask these first") < out.index(as_json["questions"][3]["text"])


def test_list_reads_standard_input():
    result = run_cli("list", "-", "--format", "json", stdin=json.dumps(PATIENT).encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["questions"]


def test_stale_question_ids_warn_but_still_list(write_answers):
    result = run_cli(
        "list", str(write_answers({"version": 1, "top_questions": ["retired_q"]})), "--format", "json"
    )
    assert result.returncode == 0
    assert "retired_q" in result.stderr.decode() and "warning" in result.stderr.decode()
    assert len(json.loads(result.stdout)["questions"]) >= 3


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ("{not json", "not valid JSON"),
        ({"version": 1, "conditions": ["bipolar"]}, "conditions[0]"),
        ({"version": 1, "colour": "blue"}, "no field called 'colour'"),
        ({"version": 1, "output": {"large_print": "yes"}}, "output.large_print"),
        ({"version": 1, "custom_questions": ["Why?"] * 21}, "custom_questions"),
        ({"version": 1, "custom_questions": ["x" * 301]}, "301 characters"),
        ({"version": 1, "top_questions": ["a", "b", "c", "d"]}, "top_questions"),
        ({"version": 3}, "newer version"),
        ({"conditions": []}, "version: this field is required"),
    ],
)
def test_bad_input_exits_2_with_one_plain_line(write_answers, document, named):
    message = one_line_error(run_cli("list", str(write_answers(document)), "--format", "json"))
    assert named in message


def test_missing_file_and_bad_arguments_exit_2(tmp_path):
    assert "no such file" in one_line_error(run_cli("list", str(tmp_path / "nope.json")))
    assert "folder" in one_line_error(run_cli("list", str(tmp_path)))
    one_line_error(run_cli("list", str(tmp_path / "x.json"), "--format", "yaml"))
    one_line_error(run_cli())
    one_line_error(run_cli("frobnicate"))


def test_bank_exports_every_question_with_source_and_rule():
    total = len(load_bank().questions)
    as_json = json.loads(run_cli("bank", "--format", "json").stdout)
    assert len(as_json["questions"]) == total
    assert all(row["why"] and row["rule"] for row in as_json["questions"])
    rows = list(csv.DictReader(io.StringIO(run_cli("bank", "--format", "csv").stdout.decode())))
    assert len(rows) == total and {"id", "topic", "text", "why", "source", "rule"} <= set(rows[0])
    markdown = run_cli("bank", "--format", "markdown").stdout.decode()
    assert markdown.count("\n### ") == total
    assert "Translational Psychiatry, 2023" in markdown


def test_schema_is_the_answers_json_schema():
    schema = json.loads(run_cli("schema").stdout)
    assert schema["required"] == ["version"]
    assert "custom_questions" in schema["properties"]


# ---- the real process: the installed command ---------------------------------------------


def test_pip_install_gives_a_command_that_works_from_any_folder(tmp_path):
    """``pip install .`` (into a folder of its own, from a copy of the project) gives
    ``question-prep`` and a ``python -m questions`` that find the content without a checkout."""
    source = tmp_path / "source"
    source.mkdir()
    for part in ("pyproject.toml", "requirements.in", "requirements-dev.in", "README.md"):
        shutil.copy2(ROOT / part, source / part)
    for package in ("questions", "ui", "data"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "installed"
    install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "--no-compile",
    ]
    install += ["--disable-pip-version-check", "--target", str(target), str(source)]
    subprocess.run(install, check=True, timeout=300, capture_output=True)
    shutil.rmtree(source)  # nothing of the checkout is left to lean on
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "answers.json").write_text(json.dumps(PATIENT), encoding="utf-8")
    clean = {key: value for key, value in os.environ.items() if key != "QUESTION_PREP_DATA"}
    clean["PYTHONPATH"] = str(target)  # what an environment's site-packages would be
    built = subprocess.run(
        [
            str(target / "bin" / "question-prep"),
            "build",
            "answers.json",
            "-o",
            "list.txt",
            "--language",
            "es",
        ],
        cwd=elsewhere,
        capture_output=True,
        env=clean,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    assert built.stderr.decode() == f"wrote {elsewhere.resolve() / 'list.txt'}\n"
    assert "Preguntas para mi cita" in (elsewhere / "list.txt").read_text(encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "questions", "check"],
        cwd=elsewhere,
        capture_output=True,
        env=clean,
        timeout=120,
    )
    assert checked.returncode == 0 and checked.stdout.startswith(b"content ok: "), checked.stderr
    refused = subprocess.run(
        [str(target / "bin" / "question-prep"), "list", "nowhere.json"],
        cwd=elsewhere,
        capture_output=True,
        env=clean,
        timeout=120,
    )
    assert refused.returncode == 2
    assert refused.stderr.decode() == "error: cannot read 'nowhere.json': there is no such file\n"
