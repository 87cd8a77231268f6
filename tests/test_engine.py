"""The selection engine (policy version 3), checked against realistic patients and its promises.

DESIGN.md, "The question bank and the selection policy (version 3)": a main list of at
most 12 suggested questions built by coverage with clinical weights, the crisis question
on every list, the stage's essentials, one question per group, stage fits, "if there is
time" for the next 10, and three to ask first. The policy's own rules, patient by patient,
are in tests/test_policy.py; this file holds the engine's contract and its properties.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from helpers import answers, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from questions import edits, vocab
from questions.content import SAFETY_KEYS, load_bank, load_language
from questions.engine import (
    MAX_BANK_QUESTIONS,
    MAX_IF_TIME,
    MAX_MAIN,
    build_list,
    patient_signals,
)
from questions.listing import patient_list
from questions.models import Answers
from questions.selection import MAIN_STEPS, Selection
from questions.signals import signal_name

BANK = load_bank()
BANK_IDS = [question.id for question in BANK.questions]
CRISIS = "crisis_mood_worse"
KEPT = {q.id for q in BANK.questions if q.keep}
POLICY = BANK.policy
SAFETY_REASONS = {
    f"{key}:{value}"
    for key, values in (("health", vocab.HEALTH_FLAGS), ("medication_types", vocab.MEDICATION_TYPES))
    for value in values
}
GENERAL_MEDICINES = {q.id for q in BANK.questions if q.group == BANK.by_id["med_other"].group}


def stage_essentials(stage: str | None) -> set[str]:
    return {q.id for q in BANK.questions if stage in q.essential_stages}


def ids(result) -> list[str]:
    return [question.id for question in result.questions]


def main_ids(result) -> list[str]:
    return [question.id for question in result.main if not question.custom]


def top_ids(result) -> list[str]:
    return [question.id for question in result.top]


def heard_on_main(result) -> Counter[str]:
    """How many main-list questions answer each signal ("concerns:cost" -> 2)."""
    return Counter(reason for question in result.main for reason in question.reasons)


def signal_names(patient: Answers) -> list[str]:
    return [f"{key}:{value}" for key, value in patient_signals(patient, BANK)]


EVERYTHING = dict(
    visit={"stage": "first_consultation"},
    conditions=list(vocab.CONDITIONS),
    tried_treatments=list(vocab.TRIED_TREATMENTS),
    health=list(vocab.HEALTH_FLAGS),
    medication_types=list(vocab.MEDICATION_TYPES),
    concerns=list(vocab.CONCERNS),
    support=dict.fromkeys(vocab.SUPPORT_KEYS, "no"),
    readiness=dict.fromkeys(vocab.READINESS_KEYS, "unsure"),
)


# --- realistic patients ---------------------------------------------------------------------


def test_someone_who_answers_nothing_gets_a_short_general_list_with_the_crisis_question():
    result = build_list(Answers.empty())
    assert CRISIS in main_ids(result)
    assert len(main_ids(result)) == MAX_MAIN, "the general questions fill the main list"
    assert len(result.top) == 3 and CRISIS in top_ids(result), "no crisis plan given: ask it first"
    assert all(q.tier == "general" for q in result.questions if q.id != CRISIS)
    assert result.skipped_ids == ()


def test_treatment_resistant_depression_with_five_concerns_and_an_unsure_crisis_plan():
    concerns = ["side_effects", "speed_of_relief", "cost", "not_working", "long_term_effects"]
    patient = answers(
        visit={"stage": "first_consultation"},
        conditions=["treatment_resistant_depression"],
        concerns=concerns,
        support={"crisis_plan": "unsure"},
    )
    result = build_list(patient)
    heard = heard_on_main(result)
    assert CRISIS in top_ids(result), "the crisis question is on her list, near the top"
    for concern in concerns:
        assert heard[f"concerns:{concern}"] >= 1, concern
    assert heard["conditions:treatment_resistant_depression"] >= 1
    first_concern = [q for q in result.top if "concerns:side_effects" in q.reasons]
    assert first_concern, "her first concern is among the three to ask first"
    assert len(main_ids(result)) <= MAX_MAIN


def test_ptsd_and_chronic_pain_with_high_blood_pressure_substance_use_and_no_crisis_plan():
    patient = answers(
        conditions=["ptsd", "chronic_pain"],
        health=["heart_or_blood_pressure", "substance_use"],
        support={"crisis_plan": "no"},
    )
    result = build_list(patient)
    heard = heard_on_main(result)
    for signal in signal_names(patient):
        assert heard[signal] >= 1, signal
    assert top_ids(result)[0] == CRISIS, "no crisis plan: the crisis question first"
    assert "health:heart_or_blood_pressure" in result.top[1].reasons, "then the most serious flag"


def test_crps_and_high_blood_pressure_while_choosing_a_clinic():
    patient = answers(
        visit={"stage": "choosing_clinic"},
        conditions=["crps"],
        health=["heart_or_blood_pressure"],
        concerns=["cost", "clinic_quality"],
    )
    result = build_list(patient)
    heard = heard_on_main(result)
    for signal in signal_names(patient):
        assert heard[signal] >= 1, signal
    assert "health:heart_or_blood_pressure" in result.top[0].reasons
    assert not {"after_drive", "browse_food_drink"} & set(main_ids(result)), "no session-day questions yet"


def test_a_patient_with_a_crisis_plan_still_has_the_crisis_question():
    result = build_list(answers(concerns=["cost"], support={"crisis_plan": "yes"}))
    assert CRISIS in main_ids(result)
    assert CRISIS not in top_ids(result), "a settled crisis plan does not need to go first"


def test_unsure_about_every_support_and_readiness_item_hears_every_gap_light_ones_if_time():
    patient = answers(
        support=dict.fromkeys(vocab.SUPPORT_KEYS, "unsure"),
        readiness=dict.fromkeys(vocab.READINESS_KEYS, "unsure"),
    )
    result = build_list(patient)
    heard = heard_on_main(result)
    later = Counter(reason for question in result.if_time for reason in question.reasons)
    gaps = [s for s in signal_names(patient) if s.startswith(("support_gaps", "readiness_gaps"))]
    assert len(gaps) == 10
    light = {f"support_gaps:{gap}" for gap in POLICY.light_gaps}
    for gap in gaps:
        if gap in light:
            assert not heard[gap] and later[gap] >= 1, gap
        else:
            assert heard[gap] >= 1, gap


def test_every_condition_alone_is_heard_on_the_main_list():
    for condition in vocab.CONDITIONS:
        result = build_list(answers(conditions=[condition]))
        assert heard_on_main(result)[f"conditions:{condition}"] >= 1, condition


def test_one_question_names_several_conditions_instead_of_one_each():
    patient = answers(conditions=["ptsd", "depression", "chronic_pain", "anxiety"])
    plist = patient_list(patient)
    named = [
        item for item in plist.items if "{conditions}" not in item.text and item.id == "cond_known_several"
    ]
    assert len(named) == 1
    words = load_language("en").labels.condition_names
    assert words["ptsd"] in named[0].text and words["depression"] in named[0].text
    assert words["chronic_pain"] in named[0].text, "up to three conditions in one question"
    assert words["anxiety"] not in named[0].text
    group = BANK.by_id["cond_known_several"].group
    assert (
        sum(1 for qid in ids(plist.selection) if BANK.by_id.get(qid) and BANK.by_id[qid].group == group) == 1
    )
    assert heard_on_main(plist.selection)["conditions:anxiety"] >= 1, "the fourth condition is heard too"


def test_a_veterans_two_concerns_come_near_the_top():
    patient = answers(
        visit={"stage": "first_consultation"},
        conditions=["ptsd"],
        tried_treatments=["antidepressants", "talk_therapy"],
        concerns=["dissociation", "strong_emotions"],
        support={"ride_home": "no", "check_in": "yes", "therapist": "yes", "crisis_plan": "yes"},
    )
    result = build_list(patient)
    positions = {
        concern: next(n for n, q in enumerate(result.questions, 1) if f"concerns:{concern}" in q.reasons)
        for concern in patient.concerns
    }
    assert positions["dissociation"] <= 3, positions
    assert positions["strong_emotions"] <= 6, positions


def test_safety_is_heard_in_the_banks_clinical_risk_order_not_vocabulary_order():
    patient = answers(
        health=["heart_or_blood_pressure", "psychosis_or_mania", "substance_use", "pregnant_or_breastfeeding"]
    )
    result = build_list(patient)
    assert "health:pregnant_or_breastfeeding" in result.top[0].reasons
    risk = BANK.risk_rank
    assert risk["health:pregnant_or_breastfeeding"] < risk["health:heart_or_blood_pressure"]
    maoi = build_list(answers(health=["takes_medications"], medication_types=["maoi"]))
    order = ids(maoi)
    assert "medication_types:maoi" in maoi.top[0].reasons, "an MAOI before the generic full list"
    general = [q for q in order if q in GENERAL_MEDICINES]
    assert len(general) == 1 and order.index(maoi.top[0].id) < order.index(general[0])


def test_everything_ticked_keeps_a_main_list_of_twelve_and_the_rest_in_reach():
    result = build_list(answers(**EVERYTHING))
    assert len(main_ids(result)) == MAX_MAIN
    assert len(result.if_time) == MAX_IF_TIME
    assert CRISIS in main_ids(result) and set(main_ids(result)) >= stage_essentials("first_consultation")
    assert result.more, "everything else stays one click away"
    topics = {q.topic for q in result.top}
    assert len(topics) > 1 or all("health:" in r or "medication" in r for q in result.top for r in q.reasons)


def test_the_stage_essentials_for_each_stage():
    """FDA status before treatment starts; driving for everyone going to sessions; food and
    drink before the first one. None for a patient who has not said their stage."""
    expected = {
        "choosing_clinic": {"forms_fda"},
        "first_consultation": {"forms_fda", "after_drive", "browse_food_drink"},
        "in_treatment": {"after_drive"},
    }
    for stage, ids_ in expected.items():
        assert stage_essentials(stage) == ids_, stage
        result = build_list(answers(visit={"stage": stage}, concerns=list(vocab.CONCERNS)))
        assert set(main_ids(result)) >= ids_, stage
        assert not (stage_essentials("first_consultation") - ids_) & set(main_ids(result)), stage
    assert not stage_essentials(None) & set(main_ids(build_list(Answers.empty())))


def test_a_patient_in_treatment_is_not_asked_start_or_fit_questions():
    patient = answers(**{**EVERYTHING, "visit": {"stage": "in_treatment"}})
    result = build_list(patient)
    for qid in result.bank_ids:
        assert "in_treatment" not in BANK.by_id[qid].when.not_stages, qid
    assert not {"fit_given_history", "session_step_by_step", "tell_you_before_start"} & set(ids(result))
    assert heard_on_main(result)["stages:in_treatment"] >= 1


def test_near_duplicates_never_share_a_list():
    result = build_list(
        answers(
            health=["heart_or_blood_pressure"],
            concerns=["blood_pressure", "safety_monitoring", "side_effects", "after_session", "not_working"],
            conditions=["depression", "ptsd"],
        )
    )
    groups = [BANK.by_id[q].group for q in result.bank_ids if BANK.by_id[q].group]
    assert len(groups) == len(set(groups)), Counter(groups).most_common(3)


# --- the three to ask first -----------------------------------------------------------------


def test_engine_top_three_is_safety_then_crisis_then_first_concern_with_an_unsure_plan():
    result = build_list(
        answers(
            health=["bladder_or_liver"], concerns=["cost", "dissociation"], support={"crisis_plan": "unsure"}
        )
    )
    assert "health:bladder_or_liver" in result.top[0].reasons
    assert result.top[1].id == CRISIS
    assert "concerns:cost" in result.top[2].reasons


def test_engine_top_three_is_crisis_then_safety_then_first_concern_with_no_plan():
    result = build_list(
        answers(health=["bladder_or_liver"], concerns=["cost", "dissociation"], support={"crisis_plan": "no"})
    )
    assert result.top[0].id == CRISIS
    assert "health:bladder_or_liver" in result.top[1].reasons
    assert "concerns:cost" in result.top[2].reasons


def test_three_to_ask_first_are_never_one_topic_unless_all_safety():
    result = build_list(answers(concerns=["cost"], support={"crisis_plan": "yes"}))
    assert len({q.topic for q in result.top}) > 1


def test_patient_picks_come_first_then_the_engine_fills():
    result = build_list(answers(health=["bladder_or_liver"], top_questions=["total_cost"]))
    assert top_ids(result)[0] == "total_cost"
    assert "health:bladder_or_liver" in result.top[1].reasons
    assert ids(result)[:3] == top_ids(result), "the top three print first"


def test_a_pick_from_browse_more_joins_the_main_list():
    result = build_list(answers(top_questions=["browse_hsa"]))
    assert "browse_hsa" in top_ids(result) and "browse_hsa" in main_ids(result)


# --- the patient's edits --------------------------------------------------------------------


def test_removing_a_question_leaves_a_free_place_and_reshuffles_nothing():
    patient = answers(concerns=list(vocab.CONCERNS))
    before = build_list(patient)
    gone = main_ids(before)[5]
    assert gone != CRISIS
    edits.remove_question(patient, gone)
    after = build_list(patient)
    assert gone not in ids(after) and gone in after.removed
    assert [q for q in main_ids(before) if q != gone] == main_ids(after), "same questions, same order"
    assert [q.id for q in after.if_time] == [q.id for q in before.if_time]
    assert top_ids(after) == top_ids(before)


def test_the_crisis_question_cannot_be_removed_or_moved_even_from_a_file():
    patient = answers(removed_questions=[CRISIS], if_time_questions=[CRISIS])
    assert CRISIS in main_ids(build_list(patient))
    assert edits.remove_question(patient, CRISIS) == "kept"
    assert edits.move_to_if_time(patient, CRISIS) == "kept"


def test_moving_between_the_main_list_and_if_there_is_time():
    patient = answers(**EVERYTHING)
    result = build_list(patient)
    down = main_ids(result)[-1]
    up = result.if_time[0].id
    edits.move_to_if_time(patient, down)
    edits.move_to_main(patient, up)
    moved = build_list(patient)
    assert down in [q.id for q in moved.if_time]
    assert up in main_ids(moved)
    assert len(main_ids(moved)) <= MAX_MAIN


def test_adding_stops_at_25_suggested_questions():
    patient = answers(**EVERYTHING)
    for qid in build_list(patient).more:
        if edits.add_from_bank(patient, qid) == "list_full":
            break
    result = build_list(patient)
    assert len(result.bank_ids) == MAX_BANK_QUESTIONS
    assert len(main_ids(result)) <= MAX_MAIN
    assert edits.add_from_bank(patient, result.more[0]) == "list_full"


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


def test_with_every_suggestion_removed_the_crisis_question_and_own_questions_remain():
    result = build_list(answers(removed_questions=BANK_IDS, custom_questions=["A?", "B?", "C?", "D?"]))
    assert result.bank_ids == (CRISIS,)
    assert top_ids(result)[0] == CRISIS and [q.text for q in result.top[1:]] == ["A?", "B?"]


def test_an_old_saved_file_with_retired_ids_still_loads_with_warnings_only():
    old = answers(
        top_questions=["retired_question"],
        removed_questions=["gone_too"],
        added_questions=["also_gone"],
        if_time_questions=["gone_as_well"],
    )
    result = build_list(old)
    assert result.skipped_ids == ("retired_question", "gone_too", "also_gone", "gone_as_well")
    assert result.removed == (), "an id the bank no longer has is not counted as removed"
    assert len(result.top) == 3
    assert patient_list(old).warnings()


# --- properties over random valid answers -------------------------------------------------

PROPERTY_EXAMPLES = examples(15 if os.environ.get("MUTANT_UNDER_TEST") else 50)
"""Mutation testing (mutmut sets MUTANT_UNDER_TEST) runs each property with fewer
examples: the realistic patients kill most mutants, and the run stays within minutes."""
yes_no = st.sampled_from([None, *vocab.YES_NO_UNSURE])
some = st.lists


@st.composite
def random_answers(draw, edits_too: bool = True) -> Answers:
    question_ids = st.sampled_from([*BANK_IDS, "own-1", "own-2", "no_longer_here"])
    no_edits = st.just([])
    chosen = some(question_ids, max_size=6) if edits_too else no_edits
    return Answers.model_validate(
        {
            "version": 1,
            "language": draw(st.sampled_from(["en", "es"])),
            "visit": {"stage": draw(st.sampled_from([None, *vocab.STAGES]))},
            "age_group": draw(st.sampled_from([None, *vocab.AGE_GROUPS])),
            "conditions": draw(some(st.sampled_from(vocab.CONDITIONS), max_size=5)),
            "tried_treatments": draw(some(st.sampled_from(vocab.TRIED_TREATMENTS), max_size=4)),
            "health": draw(some(st.sampled_from(vocab.HEALTH_FLAGS), max_size=7)),
            "medication_types": draw(some(st.sampled_from(vocab.MEDICATION_TYPES), max_size=8)),
            "concerns": draw(some(st.sampled_from(vocab.CONCERNS), max_size=17)),
            "support": {key: draw(yes_no) for key in vocab.SUPPORT_KEYS},
            "readiness": {key: draw(yes_no) for key in vocab.READINESS_KEYS},
            "custom_questions": draw(
                some(
                    st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and s.isprintable()),
                    max_size=4,
                )
            ),
            "top_questions": draw(some(question_ids, max_size=3) if edits_too else no_edits),
            "removed_questions": draw(some(question_ids, max_size=10) if edits_too else no_edits),
            "added_questions": draw(chosen),
            "if_time_questions": draw(chosen),
        }
    )


def _available(qid: str, patient: Answers, on_list: set[str]) -> bool:
    """Could this question still join the list (stage fits, its group is free)?"""
    question = BANK.by_id[qid]
    groups = {BANK.by_id[q].group for q in on_list if BANK.by_id[q].group}
    return (
        qid not in on_list
        and question.when.fits_stage(patient.visit.stage)
        and not question.names_conditions
        and (question.group is None or question.group not in groups)
    )


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None, derandomize=True)
@given(random_answers(edits_too=False))
def test_policy_holds_for_any_patient(patient: Answers):
    result = build_list(patient)
    main = main_ids(result)
    assert len(main) <= MAX_MAIN
    assert len(result.if_time) <= MAX_IF_TIME
    assert CRISIS in main, "the crisis question is on every list"
    groups = [group for q in result.bank_ids for group in BANK.by_id[q].groups]
    assert len(groups) == len(set(groups)), "no two questions of one group"
    for qid in result.bank_ids:
        assert BANK.by_id[qid].when.fits_stage(patient.visit.stage), qid
    if len(result.main) >= 3:
        assert len(result.top) == 3
    heard = heard_on_main(result)
    if len(main) < MAX_MAIN:
        for key, value in patient_signals(patient, BANK):
            could = [
                q.id for q in BANK.raised_by.get((key, value), ()) if _available(q.id, patient, set(main))
            ]
            assert heard[f"{key}:{value}"] or not could, f"{key}:{value} unheard with room left"
    not_ready = "no" in patient.readiness.model_dump().values()
    deferred = set(POLICY.readiness_no_defers) if not_ready else set()
    assert set(main) >= stage_essentials(patient.visit.stage) - deferred, "a readiness 'no' defers only those"
    # Version 3's invariants.
    logistics = set(POLICY.logistics) & set(top_ids(result))
    assert not logistics or POLICY.logistics_concern in patient.concerns or len(main) <= 3, logistics
    assert len(GENERAL_MEDICINES & set(result.bank_ids)) <= 1, "at most one general medicine question"
    if patient.visit.stage:
        stage = f"stages:{patient.visit.stage}"
        heard_stage = [
            q for q in result.main if stage in q.reasons and q.id not in stage_essentials(patient.visit.stage)
        ]
        assert heard_stage, "the stage is heard on the main list by a question that is not an essential"
    if patient.support.crisis_plan == "no" or "suicidal_thoughts" in patient.health:
        assert top_ids(result)[0] == CRISIS, "crisis first when it must be"
    if patient.concerns:
        first = f"concerns:{patient.concerns[0]}"
        critical = [q for q in result.top if set(q.reasons) & set(POLICY.critical)]
        assert any(first in q.reasons for q in result.top) or (
            CRISIS in top_ids(result) and len(critical) == 2
        )
    light = {f"support_gaps:{gap}" for gap in POLICY.light_gaps}
    assert not [q.id for q in result.main if q.reasons and set(q.reasons) <= light], "light gaps wait"
    assert_no_second_before_every_first(patient)
    three = [BANK.by_id.get(q.id) for q in result.top]
    if len(three) == 3 and all(three) and len({q.topic for q in three if q}) == 1:
        assert all(set(q.reasons) & SAFETY_REASONS for q in result.top), "three of one topic, not all safety"


def assert_no_second_before_every_first(patient: Answers) -> None:
    """Clinician review 2: a critical flag's second main-list question comes after the first
    question of every health flag and medicine kind (but the low-weight ones) that has one."""
    selection = Selection(patient, BANK)
    for step in MAIN_STEPS:
        step(selection)
    heard = {signal_name(s): n for s, n in selection.heard.items()}
    flags = [s for s in selection.signals if s[0] in SAFETY_KEYS and signal_name(s) not in POLICY.heard_late]
    if any(heard.get(flag, 0) >= 2 for flag in POLICY.critical):
        unheard = [s for s in flags if not heard.get(signal_name(s)) and selection.pick(s) is not None]
        assert not unheard, f"a critical second before the first question of {unheard}"


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None, derandomize=True)
@given(random_answers())
def test_edits_keep_the_list_whole_for_any_answers(patient: Answers):
    result = build_list(patient)
    listed = ids(result)
    assert len(result.bank_ids) <= MAX_BANK_QUESTIONS
    assert len(main_ids(result)) <= MAX_MAIN
    assert CRISIS in main_ids(result)
    assert len(listed) == len(set(listed)), "no question twice"
    texts = [q.text.casefold() for q in result.questions if q.custom]
    assert len(texts) == len(set(texts))
    assert len(result.top) == min(3, len(result.main))
    assert listed[: len(result.top)] == top_ids(result)
    assert not set(result.bank_ids) & (set(patient.removed_questions) - KEPT)
    kept_picks = [q for q in patient.top_questions if q in listed]
    assert top_ids(result)[: len(kept_picks)] == kept_picks
    assert build_list(patient) == result, "same answers, same list"
    assert build_list(Answers.model_validate_json(patient.to_json())) == result
    words = load_language("en").questions
    for question_id in result.bank_ids:
        assert words[question_id].why.strip()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_listed_question_reads_as_words_in_both_languages(language):
    patient = answers(**{**EVERYTHING, "language": language})
    for item in patient_list(patient).items:
        assert "{" not in item.text and item.text.strip(), item.id


# --- what mutation testing found unguarded -------------------------------------------------


def test_every_treatment_tried_raises_its_own_question():
    for treatment in vocab.TRIED_TREATMENTS:
        result = build_list(answers(tried_treatments=[treatment], support={"crisis_plan": "yes"}))
        assert heard_on_main(result)[f"tried_treatments:{treatment}"] >= 1, treatment


def test_a_chosen_question_counts_for_every_signal_its_rule_matches():
    result = build_list(
        answers(
            health=["heart_or_blood_pressure"], concerns=["blood_pressure"], support={"crisis_plan": "yes"}
        )
    )
    both = next(q for q in result.main if q.id == "bp_checked_during")
    assert both.reasons == ("health:heart_or_blood_pressure", "concerns:blood_pressure")
    heard = heard_on_main(result)
    assert heard["concerns:blood_pressure"] >= 2 and heard["health:heart_or_blood_pressure"] >= 2


def test_rounds_after_the_first_give_a_signal_its_second_and_third_question():
    result = build_list(answers(concerns=["cost"], support={"crisis_plan": "yes"}))
    cost = [q.id for q in result.main if "concerns:cost" in q.reasons]
    assert cost[:1] == ["cost_insurance"] and len(cost) >= 3, cost
    assert len(main_ids(result)) == MAX_MAIN


def test_a_question_the_patient_added_replaces_its_near_duplicate_and_two_they_chose_both_stay():
    assert BANK.by_id["se_likely_for_me"].group == BANK.by_id["common_side_effects"].group
    assert "se_likely_for_me" in main_ids(build_list(answers(concerns=["side_effects"])))
    added = build_list(answers(concerns=["side_effects"], added_questions=["common_side_effects"]))
    assert "common_side_effects" in main_ids(added) and "se_likely_for_me" not in added.bank_ids
    both = answers(concerns=["side_effects"], added_questions=["common_side_effects", "se_likely_for_me"])
    assert {"se_likely_for_me", "common_side_effects"} <= set(main_ids(build_list(both)))


def test_the_main_list_prints_topic_by_topic_in_the_order_of_each_topics_first_question():
    result = build_list(answers(**EVERYTHING))
    rest = [q for q in result.main if not q.top]
    topics = [q.topic for q in rest]
    blocks = [t for n, t in enumerate(topics) if n == 0 or topics[n - 1] != t]
    assert len(blocks) == len(set(blocks)), f"each topic printed in one block: {blocks}"
    assert blocks[0] == "safety", "the patient's most serious signals print first"
    assert [q.id for q in result.if_time] == sorted(
        (q.id for q in result.if_time), key=[q.id for q in result.if_time].index
    )


def test_if_there_is_time_keeps_the_order_the_policy_chose_and_holds_ten():
    result = build_list(answers(**EVERYTHING))
    assert len(result.if_time) == MAX_IF_TIME
    assert not set(q.id for q in result.if_time) & set(main_ids(result))


def test_moved_questions_go_first_under_if_there_is_time_within_the_25_cap():
    patient = answers(**EVERYTHING)
    result = build_list(patient)
    patient.if_time_questions = list(result.more[:5])
    moved = build_list(patient)
    later = [q.id for q in moved.if_time]
    assert set(patient.if_time_questions) <= set(later), "what the patient moved is there first"
    assert len(later) == MAX_IF_TIME and set(later) - set(patient.if_time_questions) < {
        q.id for q in result.if_time
    }
    patient.if_time_questions = list(result.more[:15])
    many = build_list(patient)
    assert len(many.bank_ids) == MAX_BANK_QUESTIONS, "the patient's moves may fill it to 25, no further"
    assert {q.id for q in many.if_time} < set(patient.if_time_questions)


def test_a_question_both_removed_and_moved_stays_removed():
    patient = answers(**EVERYTHING)
    later = build_list(patient).more[0]
    patient.removed_questions = [later]
    patient.if_time_questions = [later]
    result = build_list(patient)
    assert later not in result.bank_ids and later in result.removed


def test_own_question_ids_and_positions_are_inverses():
    from questions.engine import own_id, own_index

    assert [own_id(n) for n in range(3)] == ["own-1", "own-2", "own-3"]
    assert [own_index(own_id(n)) for n in range(25)] == list(range(25))


def test_general_questions_give_always_as_their_reason():
    result = build_list(Answers.empty())
    assert {q.reasons for q in result.main if q.id != CRISIS} == {("always",)}


def test_three_own_questions_may_be_asked_first_with_everything_else_removed():
    patient = answers(
        removed_questions=BANK_IDS, custom_questions=["A?", "B?", "C?", "D?"], support={"crisis_plan": "yes"}
    )
    result = build_list(patient)
    assert len(result.top) == 3 and CRISIS in result.bank_ids


def test_a_question_moved_where_the_policy_had_it_is_listed_once():
    patient = answers(**EVERYTHING)
    already = build_list(patient).if_time[0].id
    patient.if_time_questions = [already]
    ids_ = ids(build_list(patient))
    assert ids_.count(already) == 1


def test_a_near_duplicate_skipped_for_the_patients_choice_leaves_the_rest_of_the_list():
    added = build_list(answers(concerns=["side_effects"], added_questions=["common_side_effects"]))
    assert len(main_ids(added)) == MAX_MAIN
