"""The saved-answers file: what loads, what is refused, and how the refusal reads."""

from __future__ import annotations

import codecs
import io
import json

import pytest
from helpers import DESIGN_EXAMPLE, answers
from pypdf import PdfWriter

from questions import answers_pdf, vocab
from questions.answers_file import (
    ANSWERS_ATTACHMENT,
    MAX_FILE_BYTES,
    MAX_PDF_BYTES,
    AnswersFileError,
    embedded_answers,
    parse_answers,
    read_limited,
)
from questions.models import Answers


def problem(document: object) -> str:
    with pytest.raises(AnswersFileError) as caught:
        parse_answers(json.dumps(document))
    return str(caught.value)


def test_design_example_loads_and_round_trips():
    loaded = parse_answers(json.dumps(DESIGN_EXAMPLE))
    assert loaded.visit.provider == "Dr. Rivera"
    assert loaded.support.ride_home == "no"
    assert parse_answers(loaded.to_json()) == loaded


def test_only_version_is_required():
    loaded = parse_answers('{"version": 1}')
    assert loaded == Answers.empty()
    assert "version: this field is required" in problem({})


@pytest.mark.parametrize(
    ("document", "named"),
    [
        (
            {"version": 1, "conditions": ["bipolar"]},
            "conditions[0]: 'bipolar' is not one of the known choices",
        ),
        ({"version": 1, "concerns": ["cost", "price"]}, "concerns[1]"),
        ({"version": 1, "support": {"ride_home": "maybe"}}, "support.ride_home"),
        (
            {"version": 1, "support": {"bus_pass": "yes"}},
            "support: this file format has no field called 'bus_pass'",
        ),
        ({"version": 1, "visit": {"stage": "after"}}, "visit.stage"),
        ({"version": 1, "language": "fr"}, "language"),
        ({"version": 1, "output": {"paper": "legal"}}, "output.paper"),
        ({"version": 1, "output": {"large_print": "yes"}}, "output.large_print"),
        ({"version": 1, "conditions": "ptsd"}, "conditions"),
        ({"version": 1, "medications": 50}, "medications"),
        ({"version": 1, "visit": {"date": "03/12/2026"}}, "visit.date: must be a date written as YYYY-MM-DD"),
        ({"version": 1, "favourite_colour": "blue"}, "no field called 'favourite_colour'"),
        ({"version": "1"}, "version: must be the number 1"),
        ({"version": True}, "version: must be the number 1"),
        ({"version": 2}, "saved by a newer version"),
        ({"version": 1, "top_questions": ["a", "b", "c", "d"]}, "top_questions"),
        ({"version": 1, "custom_questions": ["Ok?"] * 21}, "custom_questions"),
        ({"version": 1, "custom_questions": ["   "]}, "custom_questions: question 1 is empty"),
        ({"version": 1, "custom_questions": ["x" * 301]}, "has 301 characters; the most is 300"),
    ],
)
def test_refusals_name_the_field(document, named):
    message = problem(document)
    assert named in message
    assert "\n" not in message


def test_limits_count_after_trimming_and_accept_any_unicode():
    text = "  " + "é" * 300 + "  "
    loaded = answers(custom_questions=[text, "¿Puede mi pareja quedarse? 🙂 你好"])
    assert loaded.custom_questions[0] == "é" * 300


def test_control_characters_are_stripped_but_text_kept():
    loaded = answers(custom_questions=["Can I\x00 bring\x1b my dog?"], medications="a\x07b")
    assert loaded.custom_questions == ["Can I bring my dog?"]
    assert loaded.medications == "ab"


def test_repeated_ticks_count_once():
    loaded = answers(conditions=["ptsd", "ptsd", "anxiety"])
    assert loaded.conditions == ["ptsd", "anxiety"]


def test_not_json_and_wrong_shapes_are_explained():
    for raw, named in [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not text"),
        (b"[1, 2]", "should be a JSON object"),
        (b"", "not valid JSON"),
        (b"x" * (MAX_FILE_BYTES + 1), "too large"),
        (("[" * 100_000 + "]" * 100_000).encode(), "nested too deeply"),
        (('{"version": 1, "visit": ' + '{"a":' * 20 + "1" + "}" * 21).encode(), "nested too deeply"),
    ]:
        with pytest.raises(AnswersFileError, match=named):
            parse_answers(raw)


def _enum(schema: dict, node: dict) -> list[str]:
    """The choices a schema node allows, through a ``$ref``, a list's items or an optional's ``anyOf``."""
    if "$ref" in node:
        return _enum(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "items" in node:
        return _enum(schema, node["items"])
    if "anyOf" in node:
        (choices,) = [_enum(schema, option) for option in node["anyOf"] if option.get("type") != "null"]
        return choices
    return node["enum"]


def _properties(schema: dict, field: str) -> dict:
    return schema["$defs"][schema["properties"][field]["$ref"].rsplit("/", 1)[1]]["properties"]


def test_schema_lists_every_vocabulary_id():
    """The published schema (what another tool writes files against) allows exactly the
    vocabulary this version reads, each list at its own field, in the contract's order."""
    schema = Answers.model_json_schema()
    fields = schema["properties"]
    for field, ids in {
        "conditions": vocab.CONDITIONS,
        "tried_treatments": vocab.TRIED_TREATMENTS,
        "health": vocab.HEALTH_FLAGS,
        "medication_types": vocab.MEDICATION_TYPES,
        "concerns": vocab.CONCERNS,
        "age_group": vocab.AGE_GROUPS,
        "for_whom": vocab.FOR_WHOM,
    }.items():
        assert _enum(schema, fields[field]) == list(ids), field
    assert fields["conditions"]["type"] == "array" and fields["age_group"]["default"] is None
    visit = _properties(schema, "visit")
    assert _enum(schema, visit["stage"]) == list(vocab.STAGES)
    for group, keys in (("support", vocab.SUPPORT_KEYS), ("readiness", vocab.READINESS_KEYS)):
        answers_of = _properties(schema, group)
        assert list(answers_of) == list(keys), group
        for key in keys:
            assert _enum(schema, answers_of[key]) == list(vocab.YES_NO_UNSURE), (group, key)
    assert _enum(schema, _properties(schema, "output")["paper"]) == list(vocab.PAPERS)


# --- Every refusal, word for word: the CLI prints the sentence, the app says it from code and params ---

KNOWN_CONDITIONS = ", ".join(f"'{condition}'" for condition in vocab.CONDITIONS)
LONG_NAME = "k" * 80
QUOTED = "k" * 59 + "\u2026"
"""A name from the file, quoted at its first 59 characters and an ellipsis."""


def refusal(raw: bytes | str, **options: bool) -> tuple[str, str, dict]:
    with pytest.raises(AnswersFileError) as caught:
        parse_answers(raw, **options)
    return caught.value.code, str(caught.value), caught.value.params


def as_json(document: object) -> bytes:
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("raw", "code", "message", "params"),
    [
        (
            b"{" + b" " * MAX_FILE_BYTES + b"}",
            "too_large",
            "The file is too large: a saved-answers file is at most 256 KB.",
            {"limit": 256},
        ),
        (
            b'{"version": 1, "visit": {"provider": "a", "provider": "b"}}',
            "duplicate_key",
            "The file is not a saved-answers file: the name 'provider' appears twice in one place.",
            {"name": "provider"},
        ),
        (
            f'{{"version": 1, "{LONG_NAME}": 1, "{LONG_NAME}": 2}}'.encode(),
            "duplicate_key",
            f"The file is not a saved-answers file: the name '{QUOTED}' appears twice in one place.",
            {"name": QUOTED},
        ),
        (
            b'{"version": 1, "x": ' + b"9" * 4301 + b"}",
            "giant_number",
            "The file is not a saved-answers file: it holds a number with 4301 digits.",
            {"digits": 4301},
        ),
        (
            b'{"version": -' + b"9" * 4301 + b"}",
            "giant_number",
            "The file is not a saved-answers file: it holds a number with 4301 digits.",
            {"digits": 4301},
        ),
        (
            b'{"version": 1,\n  oops}',
            "not_json",
            "The file is not valid JSON (line 2, column 3: expecting property name enclosed in double quotes).",
            {"line": 2},
        ),
        (b"[]", "not_object", "The file is not a saved-answers file (it should be a JSON object).", {}),
        (b'"text"', "not_object", "The file is not a saved-answers file (it should be a JSON object).", {}),
        (
            b'{"version": 1, "medications": "caf\xe9"}',
            "not_text",
            "The file is not a saved-answers file (it is not text).",
            {},
        ),
        (
            codecs.BOM_UTF16_LE + b"{\x00\x00\xd8",
            "not_text",
            "The file is not a saved-answers file (it is not text: it starts like UTF-16 text, then is damaged).",
            {},
        ),
        (
            b'{"version": 1, "a": ' + b"[" * 8 + b"]" * 8 + b"}",
            "nested",
            "The file is not a saved-answers file: it is nested too deeply.",
            {},
        ),
        (
            b'{"version": 2}',
            "newer_version",
            "The file has a problem: version: this file was saved by a newer version of the tool (format 2);"
            " this version reads format 1.",
            {"version": 2},
        ),
        (
            b'{"version": true}',
            "field",
            "The file has a problem: version: must be the number 1.",
            {"field": "version"},
        ),
        (
            b'{"version": 2, "x": 1}',
            "newer_version",
            "The file has a problem: version: this file was saved by a newer version of the tool (format 2);"
            " this version reads format 1 (and 1 more problem).",
            {"version": 2},
        ),
        (b"{}", "field", "The file has a problem: version: this field is required.", {"field": "version"}),
        (
            as_json({"version": 1, "conditions": ["x"], "concerns": ["y"]}),
            "field",
            f"The file has a problem: conditions[0]: 'x' is not one of the known choices ({KNOWN_CONDITIONS})"
            " (and 1 more problem).",
            {"field": "conditions[0]"},
        ),
        (
            as_json({"version": 1, "conditions": ["x"], "concerns": ["y"], "health": ["z"]}),
            "field",
            f"The file has a problem: conditions[0]: 'x' is not one of the known choices ({KNOWN_CONDITIONS})"
            " (and 2 more problems).",
            {"field": "conditions[0]"},
        ),
        (
            as_json({"version": 1, "for_whom": "you"}),
            "field",
            "The file has a problem: for_whom: 'you' is not one of the known choices ('me', 'someone_i_help').",
            {"field": "for_whom"},
        ),
        (
            as_json({"version": 1, "custom_questions": ["Ok?"] * 21}),
            "field",
            "The file has a problem: custom_questions: has 21 entries; the most allowed is 20.",
            {"field": "custom_questions"},
        ),
        (
            as_json({"version": 1, "other_condition": "x" * 201}),
            "field",
            "The file has a problem: other_condition: has 201 characters; the most allowed is 200.",
            {"field": "other_condition"},
        ),
        (
            as_json({"version": 1, "output": {"colour": 1}}),
            "field",
            "The file has a problem: output: this file format has no field called 'colour'.",
            {"field": "output.colour"},
        ),
        (
            as_json({"version": 1, LONG_NAME: 1}),
            "field",
            f"The file has a problem: this file format has no field called '{QUOTED}'.",
            {"field": QUOTED},
        ),
        (
            as_json({"version": 1, "output": {"large_print": "yes"}}),
            "field",
            "The file has a problem: output.large_print: must be a valid boolean.",
            {"field": "output.large_print"},
        ),
        (
            as_json({"version": 1, "visit": {"stage": 3}}),
            "field",
            "The file has a problem: visit.stage: '3' is not one of the known choices ('choosing_clinic',"
            " 'first_consultation', 'in_treatment').",
            {"field": "visit.stage"},
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_each_refusal_reads_exactly_and_carries_what_the_app_translates(raw, code, message, params):
    assert refusal(raw) == (code, message, params)


def test_a_file_at_the_size_limit_nested_to_the_limit_with_the_longest_number_loads():
    document = b'{"version": 1, "visit": {"provider": "' + b"p" * 200 + b'"}}'
    padded = document[:-1] + b" " * (MAX_FILE_BYTES - len(document)) + b"}"
    assert len(padded) == MAX_FILE_BYTES
    assert parse_answers(padded).visit.provider == "p" * 200
    # 8 levels (the object, six lists, the number); 4300 digits, Python's own limit.
    deep = b'{"version": 1, "n": ' + b"[" * 6 + b"9" * 4300 + b"]" * 6 + b"}"
    assert refusal(deep) == (
        "field",
        "The file has a problem: this file format has no field called 'n'.",
        {"field": "n"},
    ), "read whole, then refused only for its unknown field"
    assert refusal(deep.replace(b"[", b"[[", 1).replace(b"]", b"]]", 1))[0] == "nested"


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + b'{"version": 1, "medications": "caf\xc3\xa9"}',
        codecs.BOM_UTF16_LE + '{"version": 1, "medications": "café"}'.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + '{"version": 1, "medications": "café"}'.encode("utf-16-be"),
        '{"version": 1, "medications": "café"}'.encode("utf-16-le"),
        '{"version": 1, "medications": "café"}'.encode("utf-16-be"),
        '{"version": 1, "medications": "café"}',
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "text"],
)
def test_every_encoding_a_text_editor_saves_loads(raw):
    assert parse_answers(raw).medications == "café"


def test_text_with_a_broken_character_still_loads():
    assert parse_answers(b'{"version": 1, "medications": "a\\ud800b"}').medications == "a\ufffdb"


def pdf_holding(answers_json: bytes | None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if answers_json is not None:
        writer.add_attachment(ANSWERS_ATTACHMENT, answers_json)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


NOT_OURS = (
    "not_answers_pdf",
    "The file is not a saved-answers file: this PDF does not hold saved answers.",
    {},
)


def test_a_pdf_with_answers_inside_loads_them_and_any_other_pdf_is_not_a_saved_file():
    assert parse_answers(pdf_holding(b'{"version": 1, "medications": "ok"}')).medications == "ok"
    assert refusal(pdf_holding(None)) == NOT_OURS
    assert refusal(pdf_holding(b'{"version": 1, "x": 1}')) == NOT_OURS, "damage inside, not a field to fix"
    assert refusal(pdf_holding(b"[1]")) == NOT_OURS
    assert refusal(b"%PDF-1.7 and nothing else") == NOT_OURS
    newer = refusal(pdf_holding(b'{"version": 2}'))
    assert newer[0] == "newer_version" and newer[2] == {"version": 2}, "a newer app's PDF says so"


def test_a_pdf_read_directly_without_answers_is_refused_the_same_way():
    with pytest.raises(AnswersFileError) as caught:
        embedded_answers(pdf_holding(None))
    assert (caught.value.code, str(caught.value), caught.value.params) == NOT_OURS


def test_when_every_pdf_reader_is_busy_the_patient_is_asked_to_try_again(monkeypatch):
    """Words that do not blame the file (``tests/test_bombs.py`` has the waiting side)."""
    monkeypatch.setattr(answers_pdf, "QUEUE_SECONDS", 0.01)
    taken = [answers_pdf._slots.acquire(timeout=5) for _ in range(answers_pdf.PARALLEL_READS)]
    try:
        assert all(taken)
        assert refusal(pdf_holding(b'{"version": 1}')) == (
            "busy",
            "The file could not be read now: too many PDFs are being read at once. Try again in a minute.",
            {},
        )
    finally:
        for _ in taken:
            answers_pdf._slots.release()


def test_the_tabs_own_copy_refuses_a_pdf_before_any_pdf_parser_reads_it():
    assert refusal(pdf_holding(b'{"version": 1}'), pdf=False) == NOT_OURS
    assert parse_answers(b'{"version": 1}', pdf=False) == Answers.empty()


def test_reading_an_upload_stops_one_byte_past_the_largest_file_accepted():
    limit = max(MAX_FILE_BYTES, MAX_PDF_BYTES)
    huge = io.BytesIO(b"x" * (limit + 1000))
    assert len(read_limited(huge)) == limit + 1
    assert read_limited(io.BytesIO(b"small")) == b"small"
