"""Where a loaded file or a restored tab takes the patient: the first step not answered yet."""

from __future__ import annotations

from questions.models import Answers
from questions.progress import first_unanswered
from ui.steps import STEPS

ORDER = [step.slug for step in STEPS]


def answers(**fields: object) -> Answers:
    return Answers.model_validate({"version": 1, **fields})


def test_a_patient_who_answered_nothing_starts_at_the_visit_step():
    assert first_unanswered(answers(), ORDER) == "visit"


def test_the_first_gap_is_found_even_with_later_steps_answered():
    given = answers(visit={"provider": "Dr. Rivera"}, conditions=["ptsd"], concerns=["cost"])
    assert first_unanswered(given, ORDER) == "health"


def test_one_answer_is_enough_to_count_a_step():
    given = answers(
        visit={"date": "2026-12-03"},
        tried_treatments=["talk_therapy"],
        medications="sertraline",
        concerns=["cost"],
        support={"ride_home": "no"},
    )
    assert first_unanswered(given, ORDER) == "readiness"


def test_every_question_step_answered_means_none_left():
    given = answers(
        visit={"stage": "first_consultation"},
        conditions=["anxiety"],
        health=["takes_medications"],
        concerns=["cost"],
        support={"check_in": "yes"},
        readiness={"sure_of_choice": "unsure"},
    )
    assert first_unanswered(given, ORDER) is None
