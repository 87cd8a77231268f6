"""Selection policy version 3 after clinician review 3 (data/README.md, "Clinician review 3"):
each rule pinned with the realistic patients of ``tests/patients`` and named after what it protects."""

from __future__ import annotations

import pytest
from helpers import answers
from test_engine import EVERYTHING
from test_policy import BANK, PATIENTS, main_ids, patient, top_ids

from questions.engine import build_list
from questions.models import Answers
from questions.selection import default_list
from questions.top_three import TopThree

GROUP_OF = {q.id: set(q.groups) for q in BANK.questions}
CONDITION_KNOWN = {q.id for q in BANK.questions if "condition_known" in q.groups}
GENERAL_MEDICINES = {q.id for q in BANK.questions if BANK.policy.general_medicines_group in q.groups}
IN_TREATMENT = [name for name in PATIENTS if patient(name).visit.stage == "in_treatment"]


def in_treatment(answers_: Answers) -> Answers:
    return answers_.model_copy(update={"visit": answers_.visit.model_copy(update={"stage": "in_treatment"})})


@pytest.mark.parametrize("name", [*PATIENTS, "everything ticked"])
def test_a_patient_in_treatment_is_not_taught_what_is_known_for_their_condition(name):
    answers_ = answers(**EVERYTHING) if name == "everything ticked" else patient(name)
    on_list = CONDITION_KNOWN & set(build_list(in_treatment(answers_)).bank_ids)
    assert not on_list, on_list


def test_the_patient_whose_ketamine_fades_is_asked_when_it_is_not_working_in_the_three():
    result = build_list(patient("in_treatment_sessions_stopped_helping"))
    top = top_ids(result)
    assert top[0] == "intreat_helped_less"
    assert any("not_working" in GROUP_OF[q] for q in top[1:]), top
    assert "stage_intreat_progress" not in result.bank_ids, "'how am I doing' repeats 'it helps less'"


@pytest.mark.parametrize("name", IN_TREATMENT)
def test_how_am_i_doing_never_shares_a_list_with_could_my_plan_change(name):
    ids = set(build_list(patient(name)).bank_ids)
    assert len(ids & {"stage_intreat_progress", "stage_intreat_change_plan", "intreat_helped_less"}) == 1


@pytest.mark.parametrize(
    "medicine", ["maoi", "stimulants", "opioids", "benzodiazepines", "sleep_or_sedating"]
)
def test_a_medicine_that_needs_its_own_question_never_gets_a_general_one(medicine):
    alone = answers(
        visit={"stage": "first_consultation"}, medication_types=[medicine], support={"crisis_plan": "yes"}
    )
    result = build_list(alone)
    assert not GENERAL_MEDICINES & set(result.bank_ids), (
        "'do any of my medicines need to change' is not its question"
    )
    assert any(f"medication_types:{medicine}" in q.reasons for q in result.main)


def test_an_opioid_s_second_question_is_its_breathing_check():
    main = main_ids(build_list(patient("chronic_pain_on_opioids")))
    assert {"med_opioids", "mon_breathing_oxygen"} <= set(main), main
    assert "meds_change_before" not in main


def test_a_busy_list_seats_every_health_answer_before_a_second_concern():
    older = build_list(patient("older_patient_many_medicines"))
    assert {"memory_worse", "mon_breathing_oxygen", "age_older_dose", "gap_ride_arrange"} <= set(
        main_ids(older)
    )
    helper = build_list(
        patient("older_patient_many_medicines").model_copy(update={"for_whom": "someone_i_help"})
    )
    assert "mon_breathing_oxygen" in main_ids(helper), "the helper's question takes no medicine's only place"


def test_a_quiet_list_keeps_the_second_concern_near_the_top():
    veteran = answers(
        visit={"stage": "first_consultation"},
        conditions=["ptsd"],
        concerns=["dissociation", "strong_emotions"],
        support={"ride_home": "no", "crisis_plan": "yes"},
    )
    result = build_list(veteran)
    second = next(n for n, q in enumerate(result.questions, 1) if "concerns:strong_emotions" in q.reasons)
    assert second <= 6, second


def test_a_patient_not_ready_to_decide_is_asked_what_could_happen_if_they_wait():
    result = build_list(patient("not_ready_no_to_benefits_and_risks"))
    assert "wait_or_not" in main_ids(result)
    assert "ready_take_time" not in main_ids(result), "'what if I wait' comes before 'can I take time'"


def test_how_soon_do_i_need_to_decide_reaches_a_list_of_a_patient_unsure_of_their_choice():
    unsure = answers(visit={"stage": "first_consultation"}, readiness={"sure_of_choice": "no"})
    assert "decide_how_soon" in build_list(unsure).bank_ids


def test_a_clinic_shopper_fills_the_third_place_with_a_vetting_question():
    result = build_list(patient("clinic_shopper"))
    assert set(top_ids(result)) <= set(BANK.policy.clinic_vetting), top_ids(result)
    assert "tell_you_before_start" not in top_ids(result), "'before we start' is not what a shopper compares"


def test_a_concern_already_answered_in_the_three_gives_its_place_to_the_next_concern():
    worried = answers(
        visit={"stage": "first_consultation"},
        health=["heart_or_blood_pressure"],
        concerns=["blood_pressure", "cost"],
        support={"crisis_plan": "yes"},
    )
    default = default_list(worried, BANK)
    three = TopThree(worried, default.main, [], default)
    first = three.concern([])
    assert ("concerns", "blood_pressure") in default.selection.reasons[first]
    instead = three.concern([first])
    assert instead != first and ("concerns", "cost") in default.selection.reasons[instead]


def test_side_effects_named_in_a_why_say_there_are_others():
    from questions.content import load_language

    for language in ("en", "es"):
        why = load_language(language).questions["se_likely_for_me"].why
        assert ("among others" in why) or ("entre otros" in why), why
