"""The health step with vocabulary version 3, as a patient uses it, in English and Spanish:
every answer is offered once under calm headings, the 988 line sits beside the suicide box,
and ticking each new answer brings its questions to the review step."""

from __future__ import annotations

import re

import pytest
from app_driver import NOTHING, go, heading, model, next_step, seeded, tick
from test_app import in_page_order

from questions import vocab
from questions.content import load_language
from questions.escape import streamlit_markdown
from questions.listing import patient_list

LANGUAGES = ("en", "es")
NEW_HEALTH = (
    "suicidal_thoughts",
    "brain_or_eye_pressure",
    "past_reaction",
    "breathing_or_sleep_apnea",
    "memory_or_thinking",
    "thyroid",
)


def health_step(language: str):
    """A patient who chose ``language`` and has answered nothing, on the health step."""
    at = seeded("health", NOTHING, language=language)
    assert heading(at) == load_language(language).text("health.heading")
    return at


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_health_answer_medicine_and_age_group_is_offered_once(language):
    words = load_language(language)
    at = health_step(language)
    labels = [box.label for box in at.checkbox]
    for flag in vocab.HEALTH_FLAGS:
        assert labels.count(words.labels.health[flag]) == 1, flag
    for kind in vocab.MEDICATION_TYPES:
        assert labels.count(words.labels.medication_types[kind]) == 1, kind
    age = at.radio(key="_w_age_group")
    assert age.label == words.text("health.age_label")
    assert list(age.options) == [words.labels.age_groups[group] for group in vocab.AGE_GROUPS]
    assert age.value is None, "the age group is optional and starts unanswered"
    shown = " ".join(block.value for block in at.markdown)
    for key in ("health.group_mind", "health.group_body", "health.group_other", "health.meds_heading"):
        assert words.text(key).strip("*") in shown, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_988_line_sits_right_under_the_suicide_box(language):
    words = load_language(language)
    at = health_step(language)
    page = [element for element in in_page_order(at.main) if element.type in ("checkbox", "markdown")]
    box = next(
        n for n, element in enumerate(page) if getattr(element, "key", None) == "_w_health.suicidal_thoughts"
    )
    beside = page[box + 1]
    assert beside.type == "markdown"
    assert words.text("health.suicidal_now") in beside.value
    assert "988" in beside.value
    if language == "es":
        assert re.search(r"marc(ar|que) 2", beside.value) and "AYUDA" in beside.value
    # The line is there before anything is ticked, and stays after: it never depends on the answer.
    tick(at, "health.suicidal_thoughts")
    assert any(words.text("health.suicidal_now") in block.value for block in at.markdown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_patient_who_ticks_every_new_answer_finds_their_questions_on_the_review_step(language):
    words = load_language(language)
    at = seeded("health", NOTHING, language=language, visit={"stage": "first_consultation"})
    for group in vocab.AGE_GROUPS:  # each choice is kept as the patient changes their mind
        at.radio(key="_w_age_group").set_value(group).run()
        assert model(at).age_group == group
    for flag in NEW_HEALTH:
        tick(at, f"health.{flag}")
    tick(at, "health.takes_medications")
    tick(at, "medication_types.nasal_sprays")
    assert model(at).health == [f for f in vocab.HEALTH_FLAGS if f in (*NEW_HEALTH, "takes_medications")]
    assert model(at).medication_types == ["nasal_sprays"]
    next_step(at, "health")
    go(at, "review")
    assert heading(at) == words.text("review.heading")
    plist = patient_list(model(at))
    shown = " ".join(block.value for block in at.markdown)
    for signal in (
        *(f"health:{f}" for f in NEW_HEALTH),
        "medication_types:nasal_sprays",
        "age_groups:65_or_older",
    ):
        mine = [item for item in plist.items if signal in item.reasons]
        assert mine, f"nothing on the list for {signal}"
        assert streamlit_markdown(mine[0].text) in shown, (
            f"{signal}: {mine[0].text!r} is not on the review step"
        )
    # Back on the health step, every box and the age are as the patient left them.
    go(at, "health")
    for flag in NEW_HEALTH:
        assert at.checkbox(key=f"_w_health.{flag}").value, flag
    assert at.checkbox(key="_w_medication_types.nasal_sprays").value
    assert at.radio(key="_w_age_group").value == "65_or_older"


def test_ticking_a_box_in_one_group_keeps_the_boxes_ticked_in_the_others():
    at = health_step("en")
    tick(at, "health.thyroid")
    tick(at, "health.suicidal_thoughts")
    tick(at, "health.takes_medications")
    at.checkbox(key="_w_health.thyroid").uncheck().run()
    assert model(at).health == ["takes_medications", "suicidal_thoughts"]
