"""The selection policy's rules added after the first clinician review of the realistic
patients (tests/patients): each test is named after what it protects, with the patient the
review found the fault on. The rules and their reasons are in data/bank.yaml's ``policy:``
and data/README.md."""

from __future__ import annotations

import re

from helpers import answers
from test_policy import (
    BANK,
    GENERAL_MEDICINES,
    POLICY,
    if_time_ids,
    main_ids,
    patient,
    top_ids,
    with_policy,
)

from questions.content import TRIGGER_TIERS, load_language
from questions.engine import build_list

EN = load_language("en")
EVERY_KEY = (*TRIGGER_TIERS, "always", "language")


def test_a_question_chosen_for_another_signal_does_not_hear_the_heart_flag():
    # "Will I need tests, like a heart test" is the first visit's own question; the heart flag
    # (the only critical one) still earns its second question of its own.
    heart = answers(
        visit={"stage": "first_consultation"}, health=["heart_or_blood_pressure"], concerns=["cost"]
    )
    result = build_list(heart)
    assert "screening_tests" in main_ids(result)
    assert {"bp_heart_safe", "bp_checked_during"} <= set(main_ids(result))
    counted_for_all = build_list(heart, with_policy(heard_together=EVERY_KEY))
    assert "bp_checked_during" not in main_ids(counted_for_all), "the rule is what puts it there"


def test_a_deciding_question_hears_every_readiness_gap_it_names():
    result = build_list(patient("everything_not_sure"))
    deciding = [q for q in result.main if any(r.startswith("readiness_gaps") for r in q.reasons)]
    assert len(deciding) <= 3, [q.id for q in deciding]


def test_the_only_critical_signal_gets_a_second_main_list_question():
    result = build_list(patient("chronic_pain_on_opioids"))
    opioid = [q.id for q in result.main if "medication_types:opioids" in q.reasons]
    assert len(opioid) >= 2 and "med_opioids" in opioid, opioid


def test_common_medicines_wait_for_every_concern_and_the_ride_gap():
    result = build_list(patient("older_patient_many_medicines"))
    main = main_ids(result)
    assert "gap_ride_arrange" in main, "no ride home: the label says no driving until the next day"
    assert "memory_worse" in main, "a health answer is seated before a second concern (review 3)"
    assert "se_likely_for_me" in if_time_ids(result), "the side-effects concern leads 'If there is time'"
    assert len(GENERAL_MEDICINES & set(result.bank_ids)) == 1, "one general medicine question"


def test_a_common_antidepressant_takes_no_place_from_a_ride_gap():
    result = build_list(patient("spanish_speaker"))
    assert "gap_ride_arrange" in main_ids(result)
    assert not {"med_antidepressants", "tried_antidep_keep"} & set(main_ids(result))


def test_the_medicine_change_and_session_day_questions_are_general_medicine_questions():
    for qid in ("meds_change_before", "meds_session_day", "meds_full_list", "med_antidepressants"):
        assert qid in GENERAL_MEDICINES, qid


def test_a_readiness_no_puts_the_deciding_question_in_the_three_and_food_under_if_time():
    result = build_list(patient("not_ready_no_to_benefits_and_risks"))
    assert "ready_benefits" in top_ids(result)
    assert "wait_or_not" in main_ids(result), "a second deciding question for a 'no': what if I wait"
    assert "browse_food_drink" in if_time_ids(result)
    assert "after_drive" in main_ids(result), "driving stays: no driving until the next day"
    unsure = build_list(patient("everything_not_sure"))
    assert "ready_benefits" in main_ids(unsure), "'not sure' keeps the deciding question too"


def test_food_stays_on_the_main_list_without_a_readiness_no():
    result = build_list(patient("first_consultation_trd_no_flags"))
    assert "browse_food_drink" in main_ids(result)
    assert POLICY.readiness_no_defers == ("browse_food_drink",)


def test_under_18_fills_the_safety_place_and_hears_the_boxed_warning_on_the_main_list():
    result = build_list(patient("teenagers_parent"))
    assert top_ids(result)[0] == "age_under_18_approved"
    assert "age_young_mood_watch" in main_ids(result), "suicidality warning: 24 and younger"
    assert "ready_who_helps" in main_ids(result), "not enough support: who can help me decide"
    assert "decide_how_soon" not in result.bank_ids, "'how soon' is not a support question"
    without = build_list(patient("teenagers_parent"), with_policy(top_eligible_ages=()))
    assert top_ids(without)[0] != "age_under_18_approved"


def test_under_18_ranks_after_bipolar_disorder_for_the_safety_place():
    result = build_list(
        answers(visit={"stage": "first_consultation"}, age_group="under_18", health=["psychosis_or_mania"])
    )
    assert top_ids(result)[0] == "psychosis_history_fit"
    assert "age_under_18_approved" in main_ids(result)


def test_a_thin_list_has_one_cost_question():
    result = build_list(patient("everything_not_sure"))
    cost = [q.id for q in result.main if q.topic == "cost"]
    assert cost == ["total_cost"], cost


def test_an_in_treatment_list_has_no_first_visit_teaching_and_no_choosing_a_clinic_heading():
    first_visit = {
        "how_it_works_plain",
        "cond_depression_timing",
        "tried_antidep_difference",
        "who_watches_me",
    }
    for name in (
        "in_treatment_going_well",
        "in_treatment_sessions_stopped_helping",
        "stroke_history_in_treatment",
    ):
        result = build_list(patient(name))
        assert not first_visit & set(result.bank_ids), name
        assert not [q.id for q in result.main if q.topic == "clinic"], name


def test_the_plan_change_pair_is_one_question():
    result = build_list(patient("in_treatment_sessions_stopped_helping"))
    assert "intreat_helped_less" in top_ids(result)
    assert "stage_intreat_change_plan" not in result.bank_ids
    assert "nw_how_decide" in main_ids(result), "at what point would we decide it is not working"


def test_a_stroke_or_aneurysm_is_asked_as_is_it_safe_in_treatment_too():
    result = build_list(patient("stroke_history_in_treatment"))
    assert top_ids(result)[0] == "stroke_fit"
    assert "safe for me" in EN.questions["stroke_fit"].text
    assert "stroke_watch" not in main_ids(result) or "bp_checked_during" not in main_ids(result)


def test_language_access_is_not_under_choosing_a_clinic():
    result = build_list(patient("spanish_speaker"))
    lang = [q for q in result.questions if q.id in POLICY.language_access]
    assert lang and all(q.topic != "clinic" for q in lang)


def test_home_doses_reach_a_patient_worried_about_dissociation_or_with_sleep_apnea():
    for name in ("ptsd_worried_about_dissociation", "glaucoma_and_sleep_apnea"):
        assert "home_doses" in build_list(patient(name)).bank_ids, name


def test_the_spravato_certification_question_reaches_a_shopper_and_a_treatment_resistant_list():
    for name in ("clinic_shopper", "first_consultation_trd_no_flags"):
        assert "forms_esketamine_certified" in build_list(patient(name)).bank_ids, name


def test_no_question_says_my_history_or_safe_fit_or_a_good_clinic():
    for language in ("en", "es"):
        words = load_language(language).questions
        for qid in BANK.by_id:
            text, why = words[qid].text.lower(), words[qid].why.lower()
            assert not re.search(r"\bmy history\b(?! of)", text), (language, qid)
            assert "safe fit" not in why and "a good clinic can answer" not in why, (language, qid)


def test_the_fda_essential_leaves_the_forms_concern_its_own_question():
    result = build_list(patient("clinic_shopper"))
    assert {"forms_fda", "forms_options"} <= set(main_ids(result))
    cost = [q.id for q in result.main if q.topic == "cost"]
    assert len(cost) == 1, "the cost concern's second waits for every concern's first"


def test_driving_after_a_session_answers_the_after_session_concern():
    result = build_list(patient("alcohol_use"))
    assert {"after_drive", "home_doses", "session_alcohol_cannabis"} <= set(main_ids(result))


def test_agreed_goals_for_when_treatment_is_done_reach_the_main_list_of_a_pain_patient():
    # ASRA/AAPM/ASA 2018: agreed goals before repeated infusions for chronic pain.
    assert "nsess_when_done" in main_ids(build_list(patient("chronic_pain_on_opioids")))


def test_the_forms_in_my_language_lead_if_there_is_time_and_the_ride_gap_keeps_its_place():
    result = build_list(patient("spanish_speaker"))
    assert "lang_interpreter" in main_ids(result) and "gap_ride_arrange" in main_ids(result)
    assert if_time_ids(result)[0] == "lang_in_writing"
