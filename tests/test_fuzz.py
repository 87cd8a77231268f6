"""Fuzzing: whatever a file or a patient throws at us, we answer plainly and lose nothing.

The default run is fixed-seed and bounded (fast). For a long run by hand:
    HYPOTHESIS_PROFILE=fuzz-long python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import html
import io
import json
import unicodedata
from contextlib import redirect_stderr

from app_driver import model, typed_then_back_to_welcome
from helpers import DESIGN_EXAMPLE, examples, pdf_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from questions.answers_file import AnswersFileError, parse_answers
from questions.cli import main as cli_main
from questions.document_files import FORMATS
from questions.fonts import unprintable_characters
from questions.listing import patient_list
from questions.models import Answers

FUZZ = settings(
    max_examples=examples(60),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
FIELDS = list(DESIGN_EXAMPLE)


@st.composite
def mutated_saved_file(draw) -> bytes:
    """A valid saved file with one or more realistic kinds of damage."""
    document = json.loads(json.dumps(DESIGN_EXAMPLE))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["drop", "replace", "nest", "extra"]))
        field = draw(st.sampled_from(FIELDS))
        if kind == "drop":
            document.pop(field, None)
        elif kind == "replace":
            document[field] = draw(json_values)
        elif kind == "nest" and isinstance(document.get(field), dict):
            key = draw(st.sampled_from(sorted(document[field]) or ["x"]))
            document[field][key] = draw(json_values)
        else:
            document[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
    raw = json.dumps(document).encode()
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=4)) + raw[cut + draw(st.integers(0, 3)) :]
    return raw


any_file = st.one_of(
    mutated_saved_file(),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=200),
)


@FUZZ
@given(raw=any_file)
def test_build_either_writes_a_whole_pdf_or_refuses_in_one_line(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("fuzz")
    source, target = folder / "answers.json", folder / "out.pdf"
    source.write_bytes(raw)
    errors = io.StringIO()
    with redirect_stderr(errors):
        status = cli_main(["build", str(source), "-o", str(target)])
    message = errors.getvalue()
    assert "Traceback" not in message
    if status == 0:
        assert target.read_bytes().startswith(b"%PDF")
        assert len(PdfReader(target).pages) >= 1
    else:
        assert status == 2
        errors_only = [line for line in message.splitlines() if line.startswith("error:")]
        assert len(errors_only) == 1, message
        assert not target.exists(), "no partial file"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["answers.json", *(["out.pdf"] if status == 0 else [])]
    )


@FUZZ
@given(raw=any_file)
def test_restore_either_loads_whole_answers_or_explains(raw):
    """The app's "continue from a saved file" uses this reader; a refusal changes nothing."""
    try:
        loaded = parse_answers(raw)
    except AnswersFileError as problem:
        assert str(problem) and "\n" not in str(problem)
        assert "Traceback" not in str(problem)
    else:
        assert isinstance(loaded, Answers)
        assert parse_answers(loaded.to_json()) == loaded


patient_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() and any(not unicodedata.category(c).startswith("C") for c in s.strip()))
long_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ", min_size=100, max_size=300)


def drawable_runs(text: str) -> list[str]:
    """The stretches of plain left-to-right letters and digits the PDF must keep exactly.

    Characters the font cannot draw, marks, spaces and right-to-left scripts (which a PDF
    text extractor may return reordered) split the text into runs; each run is checked.
    """
    missing = set(unprintable_characters(text))
    runs, current = [], ""
    for char in text:
        if (
            char not in missing
            and unicodedata.category(char)[0] in "LN"
            and unicodedata.bidirectional(char) in {"L", "EN"}
            and not unicodedata.combining(char)
            and unicodedata.normalize("NFKC", char) == char
        ):
            current += char
        elif current:
            runs.append(current)
            current = ""
    return [*runs, current] if current else runs


@settings(FUZZ, max_examples=examples(15))
@given(own=st.lists(patient_text | long_words, min_size=1, max_size=3), name=patient_text, meds=patient_text)
def test_any_unicode_builds_every_format_and_keeps_what_the_font_can_draw(own, name, meds):
    try:
        answers = Answers.model_validate(
            {
                "version": 1,
                "visit": {"provider": name[:200]},
                "medications": meds,
                "custom_questions": [text[:300] for text in own],
                "output": {"include_summary": True},
            }
        )
    except ValueError:
        return  # text that cleans to nothing is refused with a message, tested elsewhere
    plist = patient_list(answers)
    outputs = {suffix: FORMATS[suffix](plist) for suffix in (".pdf", ".html", ".txt", ".md")}
    page_text = "".join(pdf_text(outputs[".pdf"]).split())
    for text in answers.custom_questions:
        for run in drawable_runs(text):
            assert run in page_text, (run, text)
        assert html.escape(text) in outputs[".html"].decode()
        assert text in outputs[".txt"].decode()


@settings(FUZZ, max_examples=examples(6))
@given(raw=any_file)
def test_the_app_keeps_what_was_typed_when_a_damaged_file_is_loaded(raw):
    at = typed_then_back_to_welcome()
    before = model(at).model_copy(deep=True)
    at.file_uploader(key="_upload_answers").set_value(("answers.json", raw, "application/json")).run()
    assert not at.exception
    try:
        expected = parse_answers(raw)
    except AnswersFileError:
        assert model(at) == before
        assert any("nothing was changed" in error.value for error in at.error)
    else:
        assert model(at) == expected
