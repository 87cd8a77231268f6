"""A clinic file written the way a clinic's IT person first writes one, mistakes and all.

Every problem is named at once, one a line, each naming the key and the fix; an unknown
key lists the keys there are; no word of the code ("InBothLanguages", "valid
dictionary"). The forms a clinic first tries are either read with one clear meaning
(``text: {en: ..., es: ...}``, the bank's own form) or refused with the form to use.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from helpers import ROOT, examples, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_clinic import plain_problems

from questions.clinic import ClinicFileError, parse_clinic
from questions.content import Rule

EXAMPLE = yaml.safe_load((ROOT / "examples" / "clinic.yaml").read_text(encoding="utf-8"))
PARKING = {
    "id": "park",
    "topic": "clinic",
    "en": {"text": "Where do I park my car?", "why": "Parking near the clinic can be hard to find."},
    "es": {"text": "¿Dónde dejo mi carro?", "why": "Puede ser difícil estacionar cerca de la clínica."},
}


def problems_of(document: object) -> list[str]:
    text = document if isinstance(document, str) else yaml.safe_dump(document, allow_unicode=True)
    with pytest.raises(ClinicFileError) as refused:
        parse_clinic(text)
    return plain_problems(refused.value)


def clinic(**changes: object) -> dict:
    document = copy.deepcopy(EXAMPLE)
    document.update(changes)
    return document


def test_two_mistakes_are_two_lines_not_one_and_a_count():
    found = problems_of(clinic(phone="call the desk", website="clinic.example.org"))
    assert len(found) == 2, found
    assert found[0].startswith("phone: write a phone number")
    assert found[1].startswith("website: write the full address starting with https://")


def test_ten_mistakes_are_ten_lines_each_naming_its_key():
    document = clinic(
        colour="teal",
        phone="call us",
        website="http://x.org",
        default_paper="legal",
        hide_topics=["weather"],
        after_hours="Call 555 010 0199.",
    )
    first, second = document["extra_questions"]
    first["id"] = "Parking Lot"
    first["when"] = {"stage": ["in_treatment"]}
    second["es"].pop("why")
    second["priority"] = "yes"
    found = problems_of(document)
    keys = [
        "phone:",
        "website:",
        "after_hours:",
        "extra_questions[0].id:",
        "extra_questions[0].when:",
        "extra_questions[1].priority:",
        "extra_questions[1].es.why:",
        "hide_topics:",
        "default_paper:",
        "'colour' is not a key",
    ]
    for key in keys:
        assert [line for line in found if line.startswith(key)], (key, found)
    assert len(found) == len(keys), found


@pytest.mark.parametrize(
    ("where", "change", "keys"),
    [
        (
            "at the top",
            lambda d: d.update(colour="teal"),
            ["name", "phone", "website", "after_hours", "default_paper"],
        ),
        (
            "in a question",
            lambda d: d["extra_questions"][0].update(colour="teal"),
            ["id", "topic", "when", "priority", "en", "es"],
        ),
        (
            "in a rule",
            lambda d: d["extra_questions"][0]["when"].update(stage=["x"]),
            ["concerns", "stages", "not_stages"],
        ),
        ("in the words", lambda d: d["extra_questions"][0]["en"].update(note="x"), ["text", "why"]),
    ],
)
def test_an_unknown_key_lists_the_keys_there_are(where, change, keys):
    document = clinic()
    change(document)
    (found,) = problems_of(document)
    assert "is not a key" in found and "the keys are: " in found, found
    listed = found.split("the keys are: ")[1].split(", ")
    assert set(keys) <= set(listed), (where, listed)


def test_the_bank_form_text_and_why_by_language_means_the_same_question():
    """``text: {en, es}`` and ``why: {en, es}``: the same as ``en: {text, why}``, ``es: {...}``."""
    bank_form = {
        "id": "park",
        "topic": "clinic",
        "text": {"en": PARKING["en"]["text"], "es": PARKING["es"]["text"]},
        "why": {"en": PARKING["en"]["why"], "es": PARKING["es"]["why"]},
    }
    as_bank = parse_clinic(yaml.safe_dump(clinic(extra_questions=[bank_form]), allow_unicode=True))
    as_languages = parse_clinic(yaml.safe_dump(clinic(extra_questions=[PARKING]), allow_unicode=True))
    assert as_bank == as_languages
    assert as_bank.extra_questions[0].words("es").text == "¿Dónde dejo mi carro?"
    assert as_bank.extra_questions[0].when == Rule()


def test_the_bank_form_missing_a_language_names_it():
    bank_form = {
        "id": "park",
        "topic": "clinic",
        "text": {"en": PARKING["en"]["text"]},
        "why": {"en": PARKING["en"]["why"]},
    }
    (found,) = problems_of(clinic(extra_questions=[bank_form]))
    assert found == "extra_questions[0].es: this is required: the words in Español (es)"


@pytest.mark.parametrize("field", ["text", "why"])
def test_words_as_one_plain_string_are_refused_naming_the_form_to_use(field):
    question = {"id": "park", "topic": "clinic", "text": "Where do I park my car?", "why": "Parking is hard."}
    found = problems_of(clinic(extra_questions=[question]))
    line = next(line for line in found if line.startswith(f"extra_questions[0].{field}:"))
    assert f"e.g. {field}: {{en: ..., es: ...}}" in line and "en: {text: ..., why: ...}" in line


def test_words_written_both_ways_at_once_are_refused_naming_both_forms():
    question = {**PARKING, "text": {"en": "Where do I park?", "es": "¿Dónde me estaciono?"}}
    (found,) = problems_of(clinic(extra_questions=[question]))
    assert found.startswith("extra_questions[0].en: the words are written two ways"), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"after_hours": "Call our nurse at (555) 010-0199."},
            "after_hours: write it in each language the app speaks, one line under each: {en: ..., es: ...}",
        ),
        (
            {"name": {"en": "Lakeside", "es": "Lakeside"}},
            "name: write the clinic's name once, as plain words (it is the same in every language)",
        ),
        (
            {"phone": ["555 0100", "555 0101"]},
            "phone: write one phone number, in quotes: phone: '(555) 010-0100'",
        ),
        ({"hide_topics": "cost"}, "hide_topics: write a list of topics, e.g. hide_topics: [cost]"),
        (
            {"extra_questions": {"park": PARKING}},
            "extra_questions: write a list of questions, each starting with '- id:'",
        ),
        (
            {"extra_questions": ["Where do I park?"]},
            "extra_questions[0]: write each question as keys under '- id:'",
        ),
        (
            {"after_hours": {"en": "Call us.", "fr": "Appelez-nous."}},
            "after_hours: 'fr' is not a language of this app",
        ),
        (
            {"after_hours": {"en": "Call us at (555) 010-0199."}},
            "after_hours.es: this is required: the words in Español (es)",
        ),
    ],
    ids=[
        "after_hours as one line",
        "name by language",
        "two phones",
        "topics as one word",
        "questions by id",
        "a question as words",
        "a language the app lacks",
        "after_hours in English only",
    ],
)
def test_the_forms_a_clinic_first_tries_are_refused_with_the_form_to_use(change, expected):
    found = problems_of(clinic(**change))
    assert any(line.startswith(expected) for line in found), found


def test_every_problem_in_both_languages_of_one_question_is_named():
    question = copy.deepcopy(PARKING)
    question["en"]["why"] = "You should park in the back."
    question["es"]["text"] = "Dónde dejo mi carro?"
    found = problems_of(clinic(extra_questions=[question]))
    assert len(found) == 2, found
    assert found[0].startswith("extra_questions[0].en.why: 'you should'"), found
    assert found[1].startswith("extra_questions[0].es: a Spanish question has one '¿'"), found


def test_the_cli_prints_every_problem_a_line_each_and_exits_2(tmp_path):
    path = tmp_path / "clinic.yaml"
    path.write_text(yaml.safe_dump(clinic(phone="call us", colour="teal")), encoding="utf-8")
    result = run_cli("clinic", str(path))
    assert result.returncode == 2 and result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert lines[0] == f"error: clinic file '{path}': it has 2 problems, one a line below:"
    assert lines[1].startswith("  - phone: write a phone number")
    assert lines[2].startswith("  - 'colour' is not a key a clinic file has at the top")
    assert len(lines) == 3


# ---- any value anywhere: a ClinicFileError in plain words, never another error ------------

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(node, path=()):
    """Every place in a document: each key of each mapping, each item of each list."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


PLACES = [path for path in _paths(EXAMPLE) if path]


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), VALUES), min_size=1, max_size=4))
def test_any_value_in_any_place_is_refused_in_plain_words_or_read(changes):
    document = copy.deepcopy(EXAMPLE)
    for path, value in changes:
        node = document
        try:
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the place
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        parse_clinic(text)
    except ClinicFileError as refused:
        found = plain_problems(refused)
        assert found and all(line.strip() for line in found)
