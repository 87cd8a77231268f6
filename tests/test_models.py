"""The saved-answers file: what loads, what is refused, and how the refusal reads."""

from __future__ import annotations

import json

import pytest
from helpers import DESIGN_EXAMPLE, answers

from questions import vocab
from questions.answers_file import MAX_FILE_BYTES, AnswersFileError, parse_answers
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
