"""The selection engine, checked against realistic patients and against its promises."""

from __future__ import annotations

import pytest
from helpers import answers
from hypothesis import given, settings
from hypothesis import strategies as st

from questions import vocab
from questions.content import load_bank, load_language
from questions.engine import MAX_BANK_QUESTIONS, build_list
from questions.models import Answers

BANK = load_bank()
BANK_IDS = [question.id for question in BANK.questions]
ALWAYS = {question.id for question in BANK.questions if question.when.always}


def ids(result) -> list[str]:
    return [question.id for question in result.questions]


def top_ids(result) -> list[str]:
    return [question.id for question in result.top]


def test_someone_who_answers_nothing_gets_the_general_questions():
    result = build_list(Answers.empty())
    assert set(ids(result)) == ALWAYS
    assert len(top_ids(result)) == 3
    assert all(question.tier == "general" for question in result.questions)
    assert result.skipped_ids == ()


def test_veteran_with_ptsd_and_no_ride_home():
    result = build_list(
        answers(
            conditions=["ptsd"],
            tried_treatments=["antidepressants", "talk_therapy"],
            support={"ride_home": "no", "check_in": "yes", "therapist": "yes"},
        )
    )
    listed = ids(result)
    assert {"cond_ptsd_known", "cond_ptsd_memories", "gap_ride_arrange", "tried_antidep_difference"} <= set(
        listed
    )
    # Nothing he did not raise: no pregnancy, medicine or check-in gap questions.
    assert not {"pregnancy_fit", "med_benzodiazepines", "gap_checkin_clinic", "bp_heart_safe"} & set(listed)
    assert "cond_ptsd_known" in top_ids(result)


def test_crps_and_high_blood_pressure_choosing_a_clinic():
    result = build_list(
        answers(
            visit={"stage": "choosing_clinic"},
            conditions=["crps"],
            health=["heart_or_blood_pressure"],
            concerns=["cost"],
        )
    )
    listed = ids(result)
    assert {"cond_crps_known", "stage_choose_compare", "clinic_credentials", "cost_what_included"} <= set(
        listed
    )
    assert top_ids(result)[:2] == ["bp_heart_safe", "bp_checked_during"]
    assert "pregnancy_fit" not in listed


def test_pregnant_with_treatment_resistant_depression_and_no_crisis_plan():
    result = build_list(
        answers(
            conditions=["treatment_resistant_depression"],
            health=["pregnant_or_breastfeeding"],
            support={"crisis_plan": "no"},
        )
    )
    listed = ids(result)
    assert {"pregnancy_fit", "pregnancy_options", "cond_trd_fit", "gap_crisis_who_call"} <= set(listed)
    assert top_ids(result)[:2] == ["pregnancy_fit", "pregnancy_options"]
    assert not {"bp_heart_safe", "psychosis_history_fit"} & set(listed)


def test_patient_ticking_everything_keeps_a_usable_list_with_every_health_flag_heard():
    everything = answers(
        visit={"stage": "first_consultation"},
        conditions=list(vocab.CONDITIONS),
        tried_treatments=list(vocab.TRIED_TREATMENTS),
        health=list(vocab.HEALTH_FLAGS),
        medication_types=list(vocab.MEDICATION_TYPES),
        concerns=list(vocab.CONCERNS),
        support=dict.fromkeys(vocab.SUPPORT_KEYS, "no"),
        readiness=dict.fromkeys(vocab.READINESS_KEYS, "unsure"),
    )
    result = build_list(everything)
    assert len(result.bank_ids) == MAX_BANK_QUESTIONS
    reasons = {reason for question in result.questions for reason in question.reasons}
    for flag in vocab.HEALTH_FLAGS:
        assert f"health:{flag}" in reasons, flag
    assert all(question.tier == "safety" for question in result.top)
    assert result.more, "everything else stays one click away"


def test_safety_then_concerns_then_personal_then_general():
    """With no picks of their own, a patient's three to ask first follow the ranking."""
    patient = answers(
        health=["substance_use"], concerns=["cost"], conditions=["ocd"], custom_questions=["Mine?"]
    )
    result = build_list(patient)
    # Both substance-use safety questions, then the first cost question; OCD and the
    # general questions wait their turn.
    assert top_ids(result) == ["substance_use_fit", "substance_use_plan", "cost_insurance"]
    without_safety = build_list(answers(concerns=["cost"], conditions=["ocd"]))
    assert top_ids(without_safety) == ["cost_insurance", "cost_what_included", "cost_payment_plan"]
    only_condition = build_list(answers(conditions=["ocd"]))
    assert top_ids(only_condition)[:2] == ["cond_ocd_known", "cond_ocd_with_care"]


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("conditions", vocab.CONDITIONS),
        ("tried_treatments", vocab.TRIED_TREATMENTS),
        ("health", vocab.HEALTH_FLAGS),
        ("medication_types", vocab.MEDICATION_TYPES),
        ("concerns", vocab.CONCERNS),
    ],
)
def test_every_ticked_box_adds_a_question(field, values):
    empty = set(ids(build_list(Answers.empty())))
    for value in values:
        added = set(ids(build_list(answers(**{field: [value]})))) - empty
        assert added, f"{field}={value} adds nothing"


@pytest.mark.parametrize("gap", ["no", "unsure"])
def test_every_support_and_readiness_gap_adds_a_question(gap):
    empty = set(ids(build_list(Answers.empty())))
    for key in vocab.SUPPORT_KEYS:
        assert set(ids(build_list(answers(support={key: gap})))) - empty, key
        assert not set(ids(build_list(answers(support={key: "yes"})))) - empty, key
    for key in vocab.READINESS_KEYS:
        assert set(ids(build_list(answers(readiness={key: gap})))) - empty, key


def test_every_visit_stage_adds_a_question():
    empty = set(ids(build_list(Answers.empty())))
    for stage in vocab.STAGES:
        assert set(ids(build_list(answers(visit={"stage": stage})))) - empty, stage


def test_patient_picks_come_first_then_the_engine_fills_with_safety():
    result = build_list(answers(health=["bladder_or_liver"], top_questions=["total_cost"]))
    assert top_ids(result) == ["total_cost", "bladder_liver_fit", "bladder_liver_tests"]
    assert ids(result)[:3] == top_ids(result), "the top three print first"


def test_a_pick_from_browse_more_joins_the_list():
    result = build_list(answers(top_questions=["browse_hsa"]))
    assert "browse_hsa" in top_ids(result)


def test_removed_questions_stay_removed_and_leave_a_free_place():
    before = build_list(answers(concerns=list(vocab.CONCERNS)))
    gone = before.questions[5].id
    after = build_list(answers(concerns=list(vocab.CONCERNS), removed_questions=[gone], top_questions=[gone]))
    assert gone not in ids(after)
    assert gone in after.removed
    assert gone not in top_ids(after)
    assert len(after.bank_ids) == len(before.bank_ids) - 1


def test_own_questions_are_kept_once_ignoring_case_and_spacing():
    result = build_list(
        answers(custom_questions=["Can my partner stay?", "can  my PARTNER stay?", "Is parking free?"])
    )
    own = [question for question in result.questions if question.custom]
    assert [question.text for question in own] == ["Can my partner stay?", "Is parking free?"]
    assert own[-1].id == "own-3"


def test_own_question_can_be_asked_first():
    result = build_list(answers(custom_questions=["Can my partner stay?"], top_questions=["own-1"]))
    assert result.top[0].custom
    assert result.top[0].text == "Can my partner stay?"


def test_only_own_questions_still_gives_three_to_ask_first():
    every_bank_id = [q for q in BANK_IDS]
    result = build_list(answers(removed_questions=every_bank_id, custom_questions=["A?", "B?", "C?", "D?"]))
    assert [q.text for q in result.top] == ["A?", "B?", "C?"]
    assert result.bank_ids == ()


def test_ids_from_an_older_bank_are_skipped_with_a_warning():
    result = build_list(answers(top_questions=["retired_question"], removed_questions=["gone_too"]))
    assert result.skipped_ids == ("retired_question", "gone_too")
    assert len(result.top) == 3


# --- properties over random valid answers -------------------------------------------------

yes_no = st.sampled_from([None, *vocab.YES_NO_UNSURE])
some = st.lists


@st.composite
def random_answers(draw) -> Answers:
    question_ids = st.sampled_from([*BANK_IDS, "own-1", "own-2", "no_longer_here"])
    return Answers.model_validate(
        {
            "version": 1,
            "visit": {"stage": draw(st.sampled_from([None, *vocab.STAGES]))},
            "conditions": draw(some(st.sampled_from(vocab.CONDITIONS), max_size=5)),
            "tried_treatments": draw(some(st.sampled_from(vocab.TRIED_TREATMENTS), max_size=4)),
            "health": draw(some(st.sampled_from(vocab.HEALTH_FLAGS), max_size=6)),
            "medication_types": draw(some(st.sampled_from(vocab.MEDICATION_TYPES), max_size=7)),
            "concerns": draw(some(st.sampled_from(vocab.CONCERNS), max_size=17)),
            "support": {key: draw(yes_no) for key in vocab.SUPPORT_KEYS},
            "readiness": {key: draw(yes_no) for key in vocab.READINESS_KEYS},
            "custom_questions": draw(
                some(
                    st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and s.isprintable()),
                    max_size=4,
                )
            ),
            "top_questions": draw(some(question_ids, max_size=3)),
            "removed_questions": draw(some(question_ids, max_size=10)),
            "added_questions": draw(some(question_ids, max_size=6)),
        }
    )


@settings(max_examples=150, deadline=None, derandomize=True)
@given(random_answers())
def test_properties_hold_for_any_valid_answers(patient: Answers):
    result = build_list(patient)
    listed = ids(result)
    assert len(result.bank_ids) <= MAX_BANK_QUESTIONS
    assert len(listed) == len(set(listed)), "no question twice"
    texts = [q.text.casefold() for q in result.questions if q.custom]
    assert len(texts) == len(set(texts))
    assert len(result.top) == min(3, len(listed))
    assert listed[: len(result.top)] == top_ids(result)
    assert not set(listed) & set(patient.removed_questions)
    kept_picks = [q for q in patient.top_questions if q in listed]
    assert top_ids(result)[: len(kept_picks)] == kept_picks
    assert build_list(patient) == result, "same answers, same list"
    assert build_list(Answers.model_validate_json(patient.to_json())) == result
    words = load_language("en").questions
    for question_id in result.bank_ids:
        assert words[question_id].why.strip()
