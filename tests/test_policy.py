"""Selection policy version 3, rule by rule, with the realistic patients of tests/patients/.

Each test is named after what it protects (DESIGN.md, "The question bank and the selection
policy (version 3)"; issue #22). The weights come from ``data/bank.yaml``'s ``policy:``, so
some tests change a weight and check that the list follows it: the rule lives in the data.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import answers

from questions.content import TOPICS_HIDDEN, Bank, BankQuestion, Rule, load_bank, load_language
from questions.document import worksheet_items
from questions.engine import MAX_MAIN, QuestionList, build_list
from questions.listing import patient_list
from questions.models import Answers

BANK = load_bank()
POLICY = BANK.policy
CRISIS = "crisis_mood_worse"
PATIENTS_DIR = Path(__file__).parent / "patients"
PATIENTS = {path.stem: path for path in sorted(PATIENTS_DIR.glob("*.json"))}
GENERAL_MEDICINES = {q.id for q in BANK.questions if q.group == BANK.by_id["med_other"].group}


def patient(name: str) -> Answers:
    return Answers.model_validate_json(PATIENTS[name].read_text(encoding="utf-8"))


def main_ids(result: QuestionList) -> list[str]:
    return [q.id for q in result.main if not q.custom]


def top_ids(result: QuestionList) -> list[str]:
    return [q.id for q in result.top]


def if_time_ids(result: QuestionList) -> list[str]:
    return [q.id for q in result.if_time]


def heard_on_main(result: QuestionList) -> Counter[str]:
    return Counter(reason for q in result.main for reason in q.reasons)


def with_policy(**changes: object) -> Bank:
    """The bank with some weights changed: a rule that lives in the data follows it."""
    return Bank(
        risk_order=BANK.risk_order, policy=POLICY.model_copy(update=changes), questions=BANK.questions
    )


def with_questions(*extra: BankQuestion) -> Bank:
    return Bank(risk_order=BANK.risk_order, policy=POLICY, questions=(*BANK.questions, *extra))


def keeping_only(*kept: str, **fields: object) -> Answers:
    """A patient who removed every suggestion but ``kept``, and added those (the crisis
    question stays)."""
    removed = [q.id for q in BANK.questions if q.id not in kept]
    return answers(removed_questions=removed, added_questions=list(kept), **fields)


def test_there_are_at_least_sixteen_realistic_patients_and_each_makes_a_full_list():
    assert len(PATIENTS) >= 16
    for name in PATIENTS:
        result = build_list(patient(name))
        assert len(main_ids(result)) == MAX_MAIN, name
        assert CRISIS in main_ids(result), name
        assert len(result.top) == 3, name


# --- the crisis question -----------------------------------------------------------------


def test_a_suicide_history_with_no_crisis_plan_gets_the_crisis_question_first():
    result = build_list(patient("suicide_history_no_crisis_plan"))
    assert top_ids(result)[0] == CRISIS
    assert "health:suicidal_thoughts" in result.top[1].reasons, "then the suicide history's own question"
    assert "gap_crisis_after_hours" in main_ids(result), "no crisis plan: after-hours help on the main list"


def test_thoughts_of_suicide_put_the_crisis_question_first_even_with_a_crisis_plan():
    result = build_list(
        answers(health=["suicidal_thoughts"], concerns=["cost"], support={"crisis_plan": "yes"})
    )
    assert top_ids(result)[0] == CRISIS


def test_a_settled_crisis_plan_leaves_the_three_to_other_questions():
    result = build_list(patient("bipolar_on_lamotrigine"))
    assert CRISIS in main_ids(result) and CRISIS not in top_ids(result)
    assert "gap_crisis_after_hours" not in main_ids(result), "no crisis-plan gap: no after-hours question"


def test_an_unsure_crisis_plan_puts_the_crisis_question_in_the_three_after_the_most_serious_flag():
    result = build_list(patient("pregnant_first_consultation"))
    assert "health:pregnant_or_breastfeeding" in result.top[0].reasons
    assert top_ids(result)[1] == CRISIS


# --- the three to ask first ---------------------------------------------------------------


def test_a_common_antidepressant_never_counts_as_the_most_serious_safety_flag():
    for name in (
        "suicide_history_no_crisis_plan",
        "spanish_speaker",
        "in_treatment_sessions_stopped_helping",
    ):
        result = build_list(patient(name))
        assert not any("medication_types:antidepressants" in q.reasons for q in result.top), name
    alone = build_list(
        answers(medication_types=["antidepressants", "lamotrigine", "other"], concerns=["cost"])
    )
    assert not [q.id for q in alone.top if q.id in GENERAL_MEDICINES | {"med_lamotrigine"}]


def test_the_top_eligible_cut_off_is_read_from_the_bank():
    patient_ = answers(
        medication_types=["lamotrigine"], health=["takes_medications"], support={"crisis_plan": "yes"}
    )
    assert "med_lamotrigine" not in top_ids(build_list(patient_))
    moved = with_policy(top_eligible_through="medication_types:lamotrigine")
    assert top_ids(build_list(patient_, moved))[0] == "med_lamotrigine"


def test_a_first_consultation_for_treatment_resistant_depression_asks_fit_questions_first_not_logistics():
    result = build_list(patient("first_consultation_trd_no_flags"))
    assert top_ids(result)[0] == "cond_trd_fit", "the condition's own question"
    assert not set(POLICY.logistics) & set(top_ids(result)), "no driving or food in the three"
    assert {"after_drive", "browse_food_drink"} <= set(main_ids(result)), "they stay on the main list"


def test_logistics_reach_the_three_only_with_the_after_session_concern():
    kept = ("after_drive", "gap_ride_arrange", "other_options", "how_it_works_plain", "total_cost")
    fields = {"visit": {"stage": "first_consultation"}, "support": {"crisis_plan": "yes", "ride_home": "no"}}
    plain = build_list(keeping_only(*kept, **fields))
    assert {"after_drive", "gap_ride_arrange"} <= set(main_ids(plain))
    assert not set(POLICY.logistics) & set(top_ids(plain)), "three other questions were there"
    worried = build_list(keeping_only(*kept, concerns=["after_session"], **fields))
    assert "after_drive" in top_ids(worried), "their own concern may lead"


def test_the_first_concern_is_in_the_three_for_every_patient_who_ticked_one():
    for name in PATIENTS:
        p = patient(name)
        if p.concerns:
            result = build_list(p)
            assert any(f"concerns:{p.concerns[0]}" in q.reasons for q in result.top), name


def test_the_three_are_never_one_topic_unless_all_safety():
    settled = {"support": {"crisis_plan": "yes"}}
    costs = ("cost_insurance", "cost_payment_plan", "total_cost", "other_options")
    result = build_list(keeping_only(*costs, concerns=["cost"], **settled))
    assert "other_options" in top_ids(result), "not three cost questions while another is there"
    safety = ("stroke_fit", "stroke_watch", "pregnancy_fit", "pregnancy_options", "other_options")
    flags = keeping_only(*safety, health=["stroke_or_aneurysm", "pregnant_or_breastfeeding"], **settled)
    assert all(q.topic == "safety" for q in build_list(flags).top), (
        "three safety questions may stand together"
    )


def test_a_fit_question_takes_a_place_left_in_the_order_top_fill_gives():
    p = answers(
        visit={"stage": "first_consultation"}, conditions=["depression"], support={"crisis_plan": "yes"}
    )
    assert top_ids(build_list(p))[0] == "cond_depression_known"
    reordered = with_policy(top_fill=("tell_you_before_start", *POLICY.top_fill))
    assert top_ids(build_list(p, reordered))[0] == "tell_you_before_start"


# --- weight: critical signals --------------------------------------------------------------


def test_pregnancy_earns_a_second_main_list_question_the_choices_while_pregnant():
    result = build_list(patient("pregnant_first_consultation"))
    assert {"pregnancy_fit", "pregnancy_options"} <= set(main_ids(result))
    busy = patient("pregnant_first_consultation").model_copy(
        update={"concerns": ["side_effects", "long_term_effects", "cost", "dissociation", "after_session"]}
    )
    assert "pregnancy_options" in main_ids(build_list(busy))
    assert "pregnancy_options" not in main_ids(build_list(busy, with_policy(second_questions=0)))


def test_bipolar_disorder_gets_the_warning_signs_on_the_main_list():
    result = build_list(patient("bipolar_on_lamotrigine"))
    assert {"psychosis_history_fit", "psychosis_watch_signs"} <= set(main_ids(result))
    assert "health:psychosis_or_mania" in result.top[0].reasons


def test_alcohol_use_gets_the_session_day_alcohol_question_and_home_doses_on_the_main_list():
    result = build_list(patient("alcohol_use"))
    main = set(main_ids(result))
    assert {"substance_use_fit", "session_alcohol_cannabis", "home_doses"} <= main
    assert sum(1 for q in main if q in {"gap_ride_arrange", "gap_ride_options"}) == 1, (
        "one ride question, not two"
    )


def test_the_two_most_serious_critical_signals_get_their_second_question_before_any_other_second():
    p = answers(
        visit={"stage": "first_consultation"},
        health=["pregnant_or_breastfeeding", "psychosis_or_mania", "heart_or_blood_pressure"],
        concerns=["cost"],
        support={"crisis_plan": "yes"},
    )
    heard = heard_on_main(build_list(p))
    assert heard["health:pregnant_or_breastfeeding"] >= 2 and heard["health:psychosis_or_mania"] >= 2
    assert heard["health:heart_or_blood_pressure"] >= 1 and heard["concerns:cost"] >= 1


def test_every_critical_signal_is_heard_on_the_main_list():
    for name in (
        "glaucoma_and_sleep_apnea",
        "maoi_and_stimulant",
        "chronic_pain_on_opioids",
        "stroke_history_in_treatment",
    ):
        p = patient(name)
        heard = heard_on_main(build_list(p))
        for key in ("health", "medication_types"):
            for value in getattr(p, key):
                if f"{key}:{value}" in POLICY.critical:
                    assert heard[f"{key}:{value}"] >= 1, (name, value)


def test_an_maoi_and_a_stimulant_each_get_their_own_question_and_the_maoi_leads():
    result = build_list(patient("maoi_and_stimulant"))
    assert {"med_maoi", "med_stimulants"} <= set(main_ids(result))
    assert top_ids(result)[0] == "med_maoi"


def test_the_risk_order_puts_stroke_before_pregnancy_and_stimulants_before_benzodiazepines():
    rank = BANK.risk_rank
    assert rank["health:stroke_or_aneurysm"] < rank["health:pregnant_or_breastfeeding"]
    assert rank["medication_types:stimulants"] < rank["medication_types:benzodiazepines"]
    assert (
        rank["medication_types:antidepressants"]
        > rank["medication_types:lamotrigine"]
        > rank["health:bladder_or_liver"]
    )
    result = build_list(
        answers(health=["pregnant_or_breastfeeding", "stroke_or_aneurysm"], support={"crisis_plan": "yes"})
    )
    assert "health:stroke_or_aneurysm" in result.top[0].reasons
    assert list(POLICY.critical) == list(BANK.risk_order[: len(POLICY.critical)]), (
        "the first entries of risk_order"
    )


# --- the stage -----------------------------------------------------------------------------


def test_in_treatment_with_sessions_that_stopped_helping_gets_it_helped_less_in_the_three():
    result = build_list(patient("in_treatment_sessions_stopped_helping"))
    assert top_ids(result)[0] == "intreat_helped_less", "it leads"
    staged = [q.id for q in result.main if "stages:in_treatment" in q.reasons and q.id != "after_drive"]
    assert staged and "stage_intreat_change_plan" not in staged, (
        "the stage keeps its own question, not the duplicate"
    )
    assert "stage_intreat_change_plan" not in result.bank_ids, (
        "'could my plan change' asks what 'it helps less' asks"
    )
    assert "intreat_helped_less" not in build_list(patient("in_treatment_going_well")).bank_ids
    first_visit = patient("in_treatment_sessions_stopped_helping").model_copy(
        update={
            "visit": patient("in_treatment_sessions_stopped_helping").visit.model_copy(update={"stage": None})
        }
    )
    assert "intreat_helped_less" not in build_list(first_visit).bank_ids, "only for a patient in treatment"


def test_in_treatment_going_well_gets_an_in_treatment_question_not_it_helped_less():
    result = build_list(patient("in_treatment_going_well"))
    staged = [q.id for q in result.main if "stages:in_treatment" in q.reasons and q.id != "after_drive"]
    assert staged and "intreat_helped_less" not in result.bank_ids


START_WORDING = re.compile(r"before (we|I) start|first session|\bwould I\b|first few sessions", re.I)


def test_a_patient_in_treatment_gets_no_before_we_start_or_would_i_wording():
    words = load_language("en").questions
    for name in PATIENTS:
        p = patient(name)
        if p.visit.stage == "in_treatment":
            for qid in build_list(p).bank_ids:
                assert not START_WORDING.search(words[qid].text), (name, qid)


def test_the_stage_essentials_do_not_count_as_hearing_the_stage():
    result = build_list(answers(visit={"stage": "first_consultation"}, concerns=["cost"]))
    staged = [q.id for q in result.main if "stages:first_consultation" in q.reasons]
    assert set(staged) - {"forms_fda", "after_drive", "browse_food_drink"}, staged


def test_the_fda_question_is_on_every_list_before_treatment_starts():
    for stage in ("choosing_clinic", "first_consultation"):
        assert "forms_fda" in main_ids(
            build_list(answers(visit={"stage": stage}, concerns=["cost", "side_effects"]))
        )
    assert "forms_fda" not in build_list(answers(visit={"stage": "in_treatment"})).bank_ids


def test_a_clinic_shopper_gets_a_vetting_question_on_the_main_list_and_the_fuller_worksheet():
    p = patient("clinic_shopper")
    result = build_list(p)
    assert set(POLICY.clinic_vetting) & set(main_ids(result))
    rows = {item.id for item in worksheet_items(patient_list(p))}
    assert len(rows) >= 7
    for qid in POLICY.clinic_vetting:
        group = BANK.by_id[qid].group
        assert qid in rows or any(BANK.by_id[r].group == group for r in rows if group), qid


# --- support, readiness, the spine -----------------------------------------------------------


def test_everything_not_sure_gets_one_ride_question_and_the_core_general_questions():
    result = build_list(patient("everything_not_sure"))
    main = set(main_ids(result))
    assert len(main & {"gap_ride_arrange", "gap_ride_options"}) == 1
    assert set(POLICY.spine) <= main
    assert not set(POLICY.logistics) & set(top_ids(result))


def test_journaling_and_rest_time_gaps_wait_for_if_there_is_time():
    p = answers(support={"journaling": "no", "rest_time": "unsure"}, concerns=["cost"])
    result = build_list(p)
    light = {"gap_journal_how", "gap_journal_prompts", "gap_rest_how_much", "gap_rest_work"}
    assert not light & set(main_ids(result))
    assert light & set(if_time_ids(result))
    assert light & set(main_ids(build_list(p, with_policy(light_gaps=()))))


def test_a_thin_list_keeps_its_spine_and_a_full_one_need_not():
    thin = build_list(answers(visit={"stage": "first_consultation"}, conditions=["depression"]))
    assert set(POLICY.spine) <= set(main_ids(thin))
    assert not set(POLICY.spine) <= set(main_ids(build_list(patient("older_patient_many_medicines"))))


def test_a_no_to_benefits_and_risks_puts_the_benefits_and_risks_question_on_the_main_list():
    result = build_list(patient("not_ready_no_to_benefits_and_risks"))
    assert "ready_benefits" in main_ids(result)
    assert {"wait_or_not", "decide_how_soon"} & set(result.bank_ids), (
        "the new deciding questions reach the list"
    )


def test_the_deciding_questions_new_in_version_3_reach_an_unsure_patient():
    result = build_list(patient("everything_not_sure"))
    assert "wait_or_not" in main_ids(result)
    # "How soon do I need to decide" answers "not sure of my choice", not "not enough support"
    # (clinician review 1: a parent short of support needs "who can help me decide").
    unsure = build_list(
        answers(visit={"stage": "first_consultation"}, readiness={"sure_of_choice": "unsure"})
    )
    assert "decide_how_soon" in unsure.bank_ids or "ready_take_time" in main_ids(unsure)


# --- medicines, language, clinics ------------------------------------------------------------


def test_an_older_patient_on_many_medicines_has_one_general_medicine_question_and_the_age_question():
    result = build_list(patient("older_patient_many_medicines"))
    assert len(GENERAL_MEDICINES & set(result.bank_ids)) == 1
    assert "age_older_dose" in main_ids(result), "65 and older: heard beside the safety flags"


def test_a_spanish_speaker_gets_language_access_on_the_main_list_with_the_english_ids_in_order():
    p = patient("spanish_speaker")
    result = build_list(p)
    assert "lang_interpreter" in main_ids(result)
    assert "language:es" in next(q for q in result.main if q.id == "lang_interpreter").reasons
    english = build_list(p.model_copy(update={"language": "en"}))
    assert not {"lang_interpreter", "lang_in_writing"} & set(english.bank_ids)
    assert "lang_in_writing" in build_list(answers(language="es")).bank_ids, (
        "the pair's second where room allows"
    )


def test_a_clinic_question_marked_priority_main_takes_a_main_list_place():
    extra = BankQuestion(
        id="clinic_parking", topic="clinic", source=None, when=Rule(always=True), priority="main"
    )
    p = patient("maoi_and_stimulant")
    assert "clinic_parking" in main_ids(build_list(p, with_questions(extra)))
    plain = extra.model_copy(update={"priority": None})
    assert "clinic_parking" not in main_ids(build_list(p, with_questions(plain)))
    many = [extra.model_copy(update={"id": f"clinic_q{n}"}) for n in range(4)]
    on_main = {f"clinic_q{n}" for n in range(4)} & set(main_ids(build_list(p, with_questions(*many))))
    assert len(on_main) == POLICY.clinic_main_at_most
    unmatched = extra.model_copy(update={"when": Rule(stages=("in_treatment",))})
    assert "clinic_parking" not in build_list(p, with_questions(unmatched)).bank_ids, (
        "only when its rule matches"
    )


# --- other patients the issue names ----------------------------------------------------------


def test_chronic_pain_on_opioids_hears_the_opioid_and_the_pain_conditions():
    result = build_list(patient("chronic_pain_on_opioids"))
    assert "med_opioids" in main_ids(result) and top_ids(result)[0] == "med_opioids"
    assert heard_on_main(result)["conditions:chronic_pain"] >= 1


def test_ptsd_with_dissociation_worries_hears_each_of_the_three_concerns():
    result = build_list(patient("ptsd_worried_about_dissociation"))
    heard = heard_on_main(result)
    for concern in ("dissociation", "strong_emotions", "session_experience"):
        assert heard[f"concerns:{concern}"] >= 1, concern
    assert "concerns:dissociation" in result.top[1].reasons


def test_a_teenagers_list_hears_the_age_group():
    result = build_list(patient("teenagers_parent"))
    assert heard_on_main(result)["age_groups:under_18"] >= 1


def test_glaucoma_and_sleep_apnea_are_both_heard_on_the_main_list():
    result = build_list(patient("glaucoma_and_sleep_apnea"))
    heard = heard_on_main(result)
    assert heard["health:brain_or_eye_pressure"] >= 1 and heard["health:breathing_or_sleep_apnea"] >= 1


def test_language_access_only_adds_to_the_list_a_spanish_speaker_would_get_in_english():
    p = patient("spanish_speaker")
    spanish = build_list(p)
    english = build_list(p.model_copy(update={"language": "en"}))
    assert top_ids(spanish) == top_ids(english)
    assert set(main_ids(spanish)) - set(POLICY.language_access) < set(main_ids(english))


# --- the weights themselves ------------------------------------------------------------------


def test_every_name_in_the_policy_must_be_a_real_signal_or_question():
    bad = POLICY.model_copy(
        update={
            "critical": ("health:not_a_flag",),
            "top_eligible_through": "health:nowhere",
            "light_gaps": ("daydreaming",),
            "spine": ("no_such_question",),
            "top_fill": ("group:any_group", "missing_fill"),
            "logistics": ("no_logistics",),
            "language_access": ("no_language",),
            "clinic_vetting": ("no_vetting",),
            "logistics_concern": "parking",
        }
    )
    problems = bad.problems(BANK.risk_order, {q.id for q in BANK.questions})
    assert problems == [
        "critical: health:not_a_flag is not in risk_order",
        "top_eligible_through: health:nowhere is not in risk_order",
        "light_gaps: daydreaming is not a support key",
        "spine: no_such_question is not a question of the bank",
        "logistics: no_logistics is not a question of the bank",
        "top_fill: missing_fill is not a question of the bank",
        "language_access: no_language is not a question of the bank",
        "clinic_vetting: no_vetting is not a question of the bank",
        "logistics_concern: parking is not a concern",
    ]
    assert POLICY.problems(BANK.risk_order, {q.id for q in BANK.questions}) == []
    ages = POLICY.model_copy(
        update={
            "ages_rank_after": "health:nowhere",
            "top_eligible_ages": ("age_groups:unborn", "under_18"),
            "readiness_no_defers": ("no_defer",),
        }
    ).problems(BANK.risk_order, {q.id for q in BANK.questions})
    assert ages == [
        "ages_rank_after: health:nowhere is not in risk_order",
        "top_eligible_ages: age_groups:unborn is not an age group",
        "top_eligible_ages: under_18 is not an age group",
        "readiness_no_defers: no_defer is not a question of the bank",
    ], "an age group is named with its key, like every signal"
    assert (
        POLICY.model_copy(update={"ages_rank_after": None}).problems(BANK.risk_order, set(BANK.by_id)) == []
    )
    with pytest.raises(ValueError, match="spine: no_such_question"):
        Bank.model_validate({"risk_order": BANK.risk_order, "policy": bad, "questions": BANK.questions})


def test_the_top_eligible_signals_are_risk_order_down_to_the_cut_off():
    eligible = POLICY.top_eligible(BANK.risk_order)
    cut = BANK.risk_order.index(POLICY.top_eligible_through)
    assert eligible == frozenset(BANK.risk_order[: cut + 1])
    assert "medication_types:antidepressants" not in eligible and "health:memory_or_thinking" in eligible


def test_in_treatment_it_helped_less_leads_even_when_not_working_is_not_the_first_concern():
    p = answers(
        visit={"stage": "in_treatment"}, concerns=["cost", "not_working"], support={"crisis_plan": "yes"}
    )
    result = build_list(p)
    assert "intreat_helped_less" in top_ids(result), (
        "the stage's place puts it first among the stage's questions"
    )
    assert "concerns:cost" in result.top[0].reasons


def test_a_busy_patients_readiness_gap_still_earns_a_deciding_question_on_the_main_list():
    busy = patient("older_patient_many_medicines").model_copy(
        update={
            "readiness": patient("older_patient_many_medicines").readiness.model_copy(
                update={"sure_of_choice": "no"}
            )
        }
    )
    main = main_ids(build_list(busy))
    assert "ready_benefits" in main
    two = busy.model_copy(
        update={
            "readiness": busy.readiness.model_copy(
                update={"sure_of_choice": None, "know_what_matters": "no", "enough_support": "no"}
            )
        }
    )
    deciding = [q for q in main_ids(build_list(two)) if BANK.by_id[q].topic == "deciding"]
    assert len(deciding) == 1, f"one deciding question for the gaps, not one each: {deciding}"


def test_a_signal_without_any_question_in_the_bank_is_skipped_not_an_error():
    kept = tuple(q for q in BANK.questions if "cost" not in q.when.concerns)
    bank = Bank.model_validate(
        {"risk_order": BANK.risk_order, "policy": POLICY, "questions": kept}, context={TOPICS_HIDDEN: True}
    )
    result = build_list(answers(concerns=["cost", "side_effects"]), bank)
    assert len(main_ids(result)) == MAX_MAIN
    assert any("concerns:side_effects" in q.reasons for q in result.top)


def test_the_several_conditions_question_names_only_the_conditions_not_yet_heard():
    early = BankQuestion(
        id="clinic_depression",
        topic="clinic",
        source=None,
        when=Rule(conditions=("depression",)),
        priority="main",
    )
    p = answers(conditions=["depression", "ptsd", "anxiety"], support={"crisis_plan": "yes"})
    listed = {q.id: q for q in build_list(p, with_questions(early)).questions}
    assert listed["cond_known_several"].conditions == ("ptsd", "anxiety")
    assert listed["cond_known_several"].reasons == ("conditions:ptsd", "conditions:anxiety")


def test_a_busy_patient_in_treatment_with_not_working_last_still_gets_it_helped_less():
    busy = answers(
        visit={"stage": "in_treatment"},
        health=[
            "heart_or_blood_pressure",
            "substance_use",
            "pregnant_or_breastfeeding",
            "psychosis_or_mania",
        ],
        concerns=["cost", "side_effects", "dissociation", "strong_emotions", "not_working"],
        support={"crisis_plan": "yes"},
    )
    main = main_ids(build_list(busy))
    # "Could my plan change" shares a group with "it helps less" (clinician review 1): the
    # stage keeps a question of its own, not the duplicate.
    staged = [q for q in main if q.startswith("stage_intreat_")]
    assert "intreat_helped_less" in main and staged and "stage_intreat_change_plan" not in main


def test_light_gaps_lead_if_there_is_time_even_on_a_full_list():
    older = patient("older_patient_many_medicines")
    gaps = older.support.model_copy(update={"journaling": "no", "rest_time": "no"})
    result = build_list(older.model_copy(update={"support": gaps}))
    assert {"gap_journal_how", "gap_rest_how_much"} == set(if_time_ids(result)[:2])
