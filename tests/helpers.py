"""Shared test helpers: building answers, running the real CLI."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from questions import vocab
from questions.models import Answers

ROOT = Path(__file__).resolve().parent.parent

DESIGN_EXAMPLE = json.loads((ROOT / "examples" / "answers.json").read_text(encoding="utf-8"))
"""DESIGN.md's example saved-answers file, kept in examples/ for the README and the bench."""

CRISIS = (
    "If you are thinking about suicide or are in crisis, call or text 988 "
    "(Suicide & Crisis Lifeline, U.S.). In an emergency, call 911."
)
NOT_ADVICE = "Not medical advice: a list to talk through with your provider."

# A realistic patient: PTSD and high blood pressure, a few concerns, one own question.
PATIENT = {
    "visit": {"stage": "first_consultation", "provider": "Dr. Rivera", "date": "2026-12-03"},
    "conditions": ["ptsd"],
    "health": ["heart_or_blood_pressure", "takes_medications"],
    "medications": "sertraline 50 mg",
    "concerns": ["dissociation", "cost", "after_session"],
    "support": {"ride_home": "no", "check_in": "yes", "therapist": "unsure"},
    "custom_questions": ["Can my partner stay in the room?"],
}

HOSTILE = [
    "<b>bold?</b>",
    '<img src="/etc/passwd"/>',
    '<a href="javascript:alert(1)">x</a>',
    "<i>never closed",
    "Fish &amp; chips & more",
    "¿Puedo tomar café después? Señora Muñoz, añadí más",
    "“Curly” ‘quotes’ — and dashes",
    "Ελληνικά: μπορώ να οδηγήσω;",
    "Русский: можно ли мне водить?",
]
HEBREW = "שלום, האם אפשר לנהוג?"
LONG = ("Could we talk about how the sessions fit around my work shifts and my children " * 5)[:300].strip()


def everything(**output: object) -> dict:
    """The largest list the answers can ask for."""
    return {
        "visit": {"stage": "in_treatment", "provider": "P" * 200, "date": "2026-02-28"},
        "conditions": list(vocab.CONDITIONS),
        "other_condition": "o" * 200,
        "tried_treatments": list(vocab.TRIED_TREATMENTS),
        "health": list(vocab.HEALTH_FLAGS),
        "medications": ("lamotrigine 100 mg, lorazepam as needed\n" * 30)[:1000],
        "medication_types": list(vocab.MEDICATION_TYPES),
        "concerns": list(vocab.CONCERNS),
        "support": dict.fromkeys(vocab.SUPPORT_KEYS, "no"),
        "readiness": dict.fromkeys(vocab.READINESS_KEYS, "unsure"),
        "custom_questions": [f"{n} {LONG}"[:300] for n in range(20)],
        "output": {
            "large_print": True,
            "include_reasons": True,
            "answer_space": True,
            "include_summary": True,
            **output,
        },
    }


# --- the system Chromium (browser tests, and the CSS check in test_static_files) ----------
# The flags every Chromium the tests and benchmarks start gets: no network of its own (this
# machine refuses it), no GPU.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_CHROMIUM = (
    "Chromium not found on PATH: the browser tests and the CSS check need it. Install it with "
    "`apt-get install chromium-headless-shell` (or `chromium`; Debian/Ubuntu), "
    "or set CHROMIUM=/path/to/chromium."
)
CHROMIUM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser")
"""In order of preference. Debian's ``chromium-headless-shell`` is the same Blink without
the browser around it (what Playwright itself runs headless): the same pages and layout for
about a quarter less CPU per test."""


def chromium_path() -> str | None:
    """The system Chromium (``playwright install`` cannot download browsers here)."""
    return os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


def require_chromium(needed_by: str) -> str:
    """The system Chromium, or a skip saying how to get it; in CI (``CI`` set) a failure, so a
    broken CI image cannot pass by skipping."""
    import pytest

    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so {needed_by} must run. {HOW_TO_GET_CHROMIUM}")
        pytest.skip(HOW_TO_GET_CHROMIUM)
    return path


FUZZ_LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz-long"


def examples(everyday: int) -> int:
    """How many examples a property test tries: ``everyday`` in the default run, 20 times
    as many with ``HYPOTHESIS_PROFILE=fuzz-long``.

    A test's own ``max_examples`` wins over any Hypothesis profile, so each test asks here
    instead of hard-coding a number the long run could not raise.
    """
    return everyday * 20 if FUZZ_LONG else everyday


def pdf_page_texts(data: bytes) -> list[str]:
    """Each page's text, as a reader that copies text out of the PDF gets it.

    PDFium (pypdfium2, pdfplumber's own renderer) rather than pypdf's extractor: the same
    words in the same order for about a ninth of the CPU, which the suite pays on every
    page of hundreds of PDFs. Whitespace differs between extractors; compare ``squash``ed.
    """
    document = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_bounded().replace("\r\n", "\n") for page in document]
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    """The whole PDF's text, squashed to single spaces."""
    return squash(" ".join(pdf_page_texts(data)))


def squash(text: str) -> str:
    return " ".join(text.split())


def answers(**fields: Any) -> Answers:
    """A valid answers model from keyword fields (version filled in)."""
    return Answers.model_validate({"version": 1, **fields})


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command line in this process (``cli.main`` with its streams given, in
    ``cwd``, the project folder by default), with what a subprocess would give back: the
    exit status and the bytes written to stdout and stderr (UTF-8)."""
    from questions import cli

    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n", write_through=True)
    with contextlib.chdir(cwd or ROOT):
        status = cli.main(list(args), stdin=io.BytesIO(stdin or b""), stdout=stdout, stderr=stderr)
    result = subprocess.CompletedProcess(["question-prep", *args], status, out.getvalue(), err.getvalue())
    stdout.detach(), stderr.detach()
    return result


def run_cli_process(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run ``python -m questions`` as a user would, in a subprocess: only for what needs a
    real process (exit codes through ``sys.exit``, pipes, signals, a console's encoding)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "questions", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """A refused command: exit 2, one plain ``error:`` line on stderr, no traceback."""
    assert result.returncode == 2, result.stderr
    message = result.stderr.decode()
    assert message.count("\n") == 1 and message.startswith("error: "), message
    assert "Traceback" not in message
    assert result.stdout == b"", "nothing printed as if it had worked"
    return message


def as_shown(markdown_source: str) -> str:
    """What a reader sees of Markdown that ``questions.escape.streamlit_markdown`` made literal.

    Backslash escapes are dropped and the invisible word joiners removed; anything left
    that looks like Markdown would have been shown as such (the browser tests check that).
    """
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown_source).replace("\u2060", "")


APP_PARTS = ("app.py", "ui", "pages", "questions", "data", ".streamlit")


def copy_of_app(folder: Path) -> Path:
    """The app's code, words and settings copied into ``folder``, for breaking on purpose."""
    for part in APP_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / part)
    return folder


def run_in(
    folder: Path, *command: str, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run ``python COMMAND`` in ``folder`` so the code and data there are the ones used."""
    env = {**os.environ, "PYTHONPATH": str(folder), **(env or {})}
    return subprocess.run(
        [sys.executable, *command], capture_output=True, cwd=folder, env=env, timeout=timeout
    )
