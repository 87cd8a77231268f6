"""Vocabulary version 3 (issue #23): every new answer is heard, the same way in English and
Spanish, and older saved files keep loading."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

from questions import vocab
from questions.bank_export import bank_rows
from questions.content import load_bank, load_language
from questions.engine import QuestionList, build_list
from questions.listing import patient_list
from questions.models import Answers

BANK = load_bank()
NEW_HEALTH = (
    "suicidal_thoughts",
    "brain_or_eye_pressure",
    "past_reaction",
    "breathing_or_sleep_apnea",
    "memory_or_thinking",
    "thyroid",
)
NEW_ANSWERS = (
    *(("health", flag) for flag in NEW_HEALTH),
    ("medication_types", "nasal_sprays"),
    *(("age_group", group) for group in vocab.AGE_GROUPS),
)
LIGHT = {"age_groups:25_to_64"}
"""Answers whose question may wait under "If there is time" (most adults are 25 to 64: the
age question is a general one for them)."""
SIGNAL_KEY = {"health": "health", "medication_types": "medication_types", "age_group": "age_groups"}


def patient(language: str, **extra: object) -> Answers:
    """A typical first consultation: depression, worried about side effects and cost, a
    support plan with a ride but no one to check in."""
    return Answers.model_validate(
        {
            "version": 1,
            "language": language,
            "visit": {"stage": "first_consultation"},
            "conditions": ["depression"],
            "tried_treatments": ["antidepressants"],
            "concerns": ["side_effects", "cost"],
            "support": {"ride_home": "yes", "check_in": "no", "crisis_plan": "yes"},
            "readiness": {"sure_of_choice": "yes"},
            **extra,
        }
    )


def ticked(language: str, field: str, value: str) -> Answers:
    return patient(language, **{field: value if field == "age_group" else [value]})


def chosen_for(selection: QuestionList, signal: str) -> list[str]:
    return [question.id for question in selection.questions if signal in question.reasons]


def in_common_order(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The ids both lists hold, each in its own list's order (a language may add a question of
    its own, such as one about an interpreter)."""
    return [qid for qid in first if qid in second], [qid for qid in second if qid in first]


@pytest.mark.parametrize(("field", "value"), NEW_ANSWERS, ids=[value for _, value in NEW_ANSWERS])
def test_ticking_each_new_answer_changes_the_list_the_same_way_in_english_and_spanish(field, value):
    signal = f"{SIGNAL_KEY[field]}:{value}"
    chosen = {}
    lists = {}
    for language in ("en", "es"):
        before = build_list(patient(language), BANK)
        after = build_list(ticked(language, field, value), BANK)
        assert after.bank_ids != before.bank_ids, f"{signal} changes nothing in {language}"
        chosen[language] = chosen_for(after, signal)
        assert chosen[language], f"no question is chosen for {signal}"
        first = next(q for q in after.questions if q.id == chosen[language][0])
        assert signal in LIGHT or not first.if_time, f"{signal}'s own question is not on the main list"
        lists[language] = after
    # Policy version 3 gives a Spanish speaker a language-access question on the main list:
    # it takes a place, so the last English pick waits under "If there is time" and the last
    # question there may drop off. The signal's questions come in the same order otherwise,
    # its first on the main list in both languages.
    assert chosen["es"][0] == chosen["en"][0]
    assert [q for q in chosen["en"] if q in chosen["es"]] == chosen["es"]
    # The main list holds the same questions (its print order follows the three to ask first,
    # which the moved pick may change); "If there is time" holds them in the same order.
    main = {language: tuple(q.id for q in lists[language].main) for language in lists}
    english, spanish = in_common_order(main["en"], main["es"])
    assert set(spanish) == set(english)
    later = {language: tuple(q.id for q in lists[language].if_time) for language in lists}
    english, spanish = in_common_order(later["en"], later["es"])
    assert spanish == english


@pytest.mark.parametrize(("field", "value"), NEW_ANSWERS, ids=[value for _, value in NEW_ANSWERS])
def test_each_new_answer_has_its_own_words_in_both_languages(field, value):
    signal = f"{SIGNAL_KEY[field]}:{value}"
    for language in ("en", "es"):
        words = load_language(language).questions
        plist = patient_list(ticked(language, field, value))
        mine = [item for item in plist.items if signal in item.reasons]
        assert mine
        for item in mine:
            assert item.text == words[item.id].text


def test_a_suicide_history_keeps_the_crisis_question_and_asks_how_i_will_be_kept_safe():
    for language in ("en", "es"):
        main = [q.id for q in build_list(ticked(language, "health", "suicidal_thoughts"), BANK).main]
        assert {"crisis_mood_worse", "suicide_keep_safe"} <= set(main)


def test_each_new_health_flag_is_heard_for_a_patient_already_in_treatment():
    for flag in NEW_HEALTH:
        answers = patient("en", health=[flag], visit={"stage": "in_treatment"})
        assert chosen_for(build_list(answers, BANK), f"health:{flag}"), flag


def test_a_file_saved_before_vocabulary_3_still_loads_and_the_schema_lists_the_new_ids():
    older = Answers.model_validate(
        {"version": 1, "health": ["psychosis_or_mania"], "medication_types": ["maoi"]}
    )
    assert older.age_group is None
    schema = json.dumps(Answers.model_json_schema())
    for value in (*NEW_HEALTH, "nasal_sprays", *vocab.AGE_GROUPS):
        assert f'"{value}"' in schema, value
    with pytest.raises(ValueError, match="age_group"):
        Answers.model_validate({"version": 1, "age_group": "40_to_50"})


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_bank_export_shows_each_new_answer_in_a_rule(language):
    """A clinician reviewing `python -m questions bank` sees which question each new id raises."""
    rules = " | ".join(row["rule"] for row in bank_rows(language))
    for flag in NEW_HEALTH:
        assert f"health: {flag}" in rules or f", {flag}" in rules, flag
    assert "medication_types: nasal_sprays" in rules
    for group in vocab.AGE_GROUPS:
        assert group in rules, group
    assert "age_groups: 65_or_older" in rules


def test_the_readme_lists_every_answer_id_and_data_readme_every_version_3_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for ids in (
        vocab.STAGES,
        vocab.CONDITIONS,
        vocab.TRIED_TREATMENTS,
        vocab.AGE_GROUPS,
        vocab.HEALTH_FLAGS,
        vocab.MEDICATION_TYPES,
        vocab.CONCERNS,
        vocab.SUPPORT_KEYS,
        vocab.READINESS_KEYS,
    ):
        for value in ids:
            assert f"`{value}`" in readme, value
    clinical = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for value in (*NEW_HEALTH, "nasal_sprays", *vocab.AGE_GROUPS):
        assert f": {value}`" in clinical, value
