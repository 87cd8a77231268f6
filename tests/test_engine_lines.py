"""What each line of a list says about itself (``reasons``, ``tier``, the conditions it
names) and where the patient's own changes print: the parts of ``questions/engine.py``
after the policy has chosen (mutation testing found them unguarded)."""

from __future__ import annotations

from helpers import answers
from test_policy import BANK, main_ids, patient, top_ids

from questions.content import TRIGGER_TIERS
from questions.engine import build_list
from questions.selection import readiness_no


def line(result, qid):
    return next(q for q in result.questions if q.id == qid)


def test_a_question_the_patient_added_that_no_answer_asks_for_says_it_was_chosen():
    result = build_list(answers(added_questions=["breastfeeding_baby"]))
    added = line(result, "breastfeeding_baby")
    assert added.reasons == ("chosen",) and added.tier == "chosen"


def test_each_line_carries_the_tier_of_the_answer_that_chose_it():
    result = build_list(patient("spanish_speaker"))
    assert line(result, "lang_interpreter").tier == "personal", "language access is the patient's own"
    cost = next(q for q in result.main if q.reasons[0].startswith("concerns:"))
    assert cost.tier == TRIGGER_TIERS["concerns"] != "personal"
    general = build_list(answers())
    assert {q.tier for q in general.main if q.id != "crisis_mood_worse"} == {"general"}


def test_a_several_condition_question_the_patient_added_names_their_conditions():
    one = answers(
        visit={"stage": "first_consultation"},
        conditions=["ocd", "other"],
        added_questions=["cond_known_several"],
    )
    result = build_list(one)
    added = line(result, "cond_known_several")
    assert added.conditions == ("ocd",), "only the conditions the question can name"
    assert added.reasons == ("conditions:ocd",)
    four = answers(
        visit={"stage": "first_consultation"},
        conditions=["depression", "anxiety", "ptsd", "ocd"],
        removed_questions=["cond_known_several"],
    )
    assert "cond_known_several" not in build_list(four).bank_ids
    back = build_list(
        four.model_copy(update={"removed_questions": [], "added_questions": ["cond_known_several"]})
    )
    assert len(line(back, "cond_known_several").conditions) <= 3


def test_an_essential_says_the_answer_it_answers_not_the_stage():
    worried = answers(visit={"stage": "first_consultation"}, concerns=["after_session"])
    assert line(build_list(worried), "after_drive").reasons == ("concerns:after_session",)


def test_a_question_named_in_an_edit_that_the_bank_has_is_never_reported_missing():
    edited = answers(
        custom_questions=["Can my sister come?"],
        top_questions=["own-1", "total_cost"],
        removed_questions=["common_side_effects", "gone_in_2025"],
        if_time_questions=["own-1"],
    )
    assert build_list(edited).skipped_ids == ("gone_in_2025",)


def test_a_question_the_patient_moved_under_if_there_is_time_prints_after_the_policys():
    base = build_list(patient("first_consultation_trd_no_flags"))
    more = [q for q in base.more][:2]
    moved = patient("first_consultation_trd_no_flags").model_copy(update={"if_time_questions": more})
    later = [q.id for q in build_list(moved).if_time]
    policy = [q for q in later if q not in more]
    assert later.index(more[0]) > later.index(policy[0]), later
    assert later.index(more[0]) < later.index(more[1]), "the patient's moves in bank order"


def test_a_question_the_patient_added_prints_after_the_policys_in_its_topic():
    chosen = build_list(patient("first_consultation_trd_no_flags"))
    topic = next(q.topic for q in chosen.main if not q.top)
    extra = next(q for q in BANK.questions if q.topic == topic and q.id in chosen.more)
    added = build_list(
        patient("first_consultation_trd_no_flags").model_copy(update={"added_questions": [extra.id]})
    )
    in_topic = [q.id for q in added.main if q.topic == topic and not q.top]
    assert in_topic[-1] == extra.id, in_topic


def test_a_readiness_no_puts_one_deciding_question_in_the_three_not_two():
    not_ready = patient("not_ready_no_to_benefits_and_risks")
    assert readiness_no(not_ready)
    result = build_list(not_ready)
    deciding = [q for q in result.top if any(r.startswith("readiness_gaps") for r in q.reasons)]
    assert len(deciding) == 1, top_ids(result)
    assert sum(q.topic == "deciding" for q in result.main) >= 2, "a second one is on the main list"


def test_a_shopper_not_ready_to_decide_keeps_the_deciding_question_in_the_three():
    shopper = patient("clinic_shopper")
    unready = shopper.model_copy(
        update={"readiness": shopper.readiness.model_copy(update={"sure_of_choice": "no"})}
    )
    result = build_list(unready)
    assert any(q.topic == "deciding" for q in result.top), top_ids(result)
    assert any(q in BANK.policy.clinic_vetting for q in top_ids(result)), "and a vetting question"
    assert "crisis_mood_worse" in main_ids(result)


def test_the_three_are_never_one_topic_unless_each_answers_a_safety_flag():
    stroke = answers(
        visit={"stage": "first_consultation"},
        health=["past_reaction", "stroke_or_aneurysm"],
        medication_types=["opioids"],
        concerns=["blood_pressure", "session_experience", "speed_of_relief"],
        support={"crisis_plan": "yes"},
    )
    top = build_list(stroke).top
    assert [q.id for q in top[:2]] == ["stroke_fit", "bp_checked_during"]
    assert top[2].topic != "safety", (
        "'will I need tests' would make three safety questions, one for the stage"
    )


def test_a_concern_with_no_question_left_gives_the_place_to_the_next_open_concern():
    from questions.selection import default_list
    from questions.top_three import TopThree

    cost = [q.id for q in BANK.questions if "cost" in q.when.concerns]
    worried = answers(
        visit={"stage": "first_consultation"},
        health=["heart_or_blood_pressure"],
        concerns=["blood_pressure", "cost", "side_effects"],
        support={"crisis_plan": "yes"},
        removed_questions=cost,
    )
    default = default_list(worried, BANK)
    edited_main = [q for q in default.main if q not in cost]
    three = TopThree(worried, edited_main, [], default)
    answered = three.concern([])
    instead = three.concern([answered])
    assert ("concerns", "side_effects") in default.selection.reasons[instead], instead


def test_food_a_readiness_no_deferred_leads_if_there_is_time_as_the_session_day_question():
    result = build_list(patient("not_ready_no_to_benefits_and_risks"))
    assert result.if_time[0].id == "browse_food_drink"
    assert result.if_time[0].reasons == ("stages:first_consultation",)


# --- the policy's smaller steps, at their edges ------------------------------------------------


def test_a_support_gap_earns_one_main_list_question_and_its_second_waits():
    result = build_list(answers(support={"ride_home": "no", "check_in": "no"}))
    ride = [q.id for q in result.main if "support_gaps:ride_home" in q.reasons]
    assert ride == ["gap_ride_arrange"], "one ride question, not two"
    assert "gap_ride_options" in [q.id for q in result.if_time]
    assert [q.id for q in result.main if "support_gaps:check_in" in q.reasons] == ["after_call_unwell"]


def test_three_clinical_answers_make_a_list_that_is_not_thin():
    """``thin_list_below: 3``: three concerns are enough signals to do without the spine."""
    from test_policy import with_policy

    three = answers(
        visit={"stage": "first_consultation"},
        concerns=["cost", "side_effects", "blood_pressure"],
        support=dict.fromkeys(["ride_home", "check_in", "therapist", "crisis_plan"], "no"),
    )
    main = main_ids(build_list(three))
    assert "other_options" not in main, "no spine on a list of three clinical answers"
    assert "other_options" in main_ids(build_list(three, with_policy(thin_list_below=4)))


def test_a_thin_list_with_a_readiness_no_gets_a_second_deciding_question_for_that_no():
    from test_policy import with_policy

    base = {"visit": {"stage": "first_consultation"}, "conditions": ["depression"], "concerns": ["cost"]}
    thin = build_list(answers(**base, readiness={"sure_of_choice": "unsure", "enough_support": "no"}))
    deciding = [q.id for q in thin.main if any(r.startswith("readiness_gaps") for r in q.reasons)]
    assert "ready_who_helps" in deciding, "the second is for the 'no' (enough support), not the 'not sure'"
    assert len(deciding) == 2, deciding
    busy = answers(**{**base, "concerns": ["cost", "side_effects"]}, readiness={"sure_of_choice": "no"})

    def gaps(result):
        return [q for q in result.main if any(r.startswith("readiness_gaps") for r in q.reasons)]

    assert len(gaps(build_list(busy))) == 1, "three clinical answers: not a thin list"
    assert len(gaps(build_list(busy, with_policy(thin_list_below=4)))) == 2


def test_a_readiness_gap_with_no_question_left_passes_to_the_next_gap():
    from questions.content import Bank

    kept = tuple(q for q in BANK.questions if "sure_of_choice" not in q.when.readiness_gaps)
    bank = Bank(risk_order=BANK.risk_order, policy=BANK.policy, questions=kept)
    unsure = answers(
        visit={"stage": "first_consultation"}, readiness={"sure_of_choice": "no", "enough_support": "no"}
    )
    deciding = [
        q.id for q in build_list(unsure, bank).main if any(r.startswith("readiness_gaps") for r in q.reasons)
    ]
    assert deciding, "the 'enough support' gap still earns its deciding question"


def test_a_clinics_main_question_keeps_its_place_on_the_busiest_list():
    from test_policy import with_questions

    from questions.content import BankQuestion

    own = BankQuestion.model_validate(
        {
            "id": "clinic_parking",
            "topic": "session",
            "source": None,
            "priority": "main",
            "when": {"always": True},
        }
    )
    bank = with_questions(own)
    older = patient("older_patient_many_medicines")
    assert "clinic_parking" in main_ids(build_list(older, bank))
    for_helper = older.model_copy(update={"for_whom": "someone_i_help", "language": "es"})
    assert "clinic_parking" in main_ids(build_list(for_helper, bank))


def test_a_medicine_counts_as_a_clinical_answer_toward_a_list_that_is_not_thin():
    from test_policy import with_policy

    three = answers(
        visit={"stage": "in_treatment"},
        health=["memory_or_thinking"],
        medication_types=["nasal_sprays"],
        concerns=["long_term_effects"],
    )
    assert "other_options" not in main_ids(build_list(three)), "a flag, a medicine and a concern: not thin"
    assert "other_options" in main_ids(build_list(three, with_policy(thin_list_below=4)))


def test_a_several_condition_line_names_at_most_three_conditions_and_hears_only_those():
    from questions.engine import listed
    from questions.selection import DefaultList, Selection

    four = answers(visit={"stage": "first_consultation"}, conditions=["depression", "anxiety", "ptsd", "ocd"])
    untouched = Selection(four, BANK)
    line_ = listed("cond_known_several", DefaultList([], [], [], [], untouched), top=False, later=False)
    assert line_.conditions == ("depression", "anxiety", "ptsd")
    assert line_.reasons == ("conditions:depression", "conditions:anxiety", "conditions:ptsd")


def test_an_added_question_early_in_the_bank_still_prints_after_the_policys_own_in_its_topic():
    patient_ = answers(visit={"stage": "first_consultation"}, conditions=["depression"], concerns=["cost"])
    result = build_list(patient_.model_copy(update={"added_questions": ["bp_heart_safe"]}))
    safety = [q.id for q in result.main if q.topic == "safety" and not q.top]
    assert safety.index("screening_tests") < safety.index("bp_heart_safe"), safety


def test_a_busy_lists_readiness_gap_with_no_question_passes_its_place_to_the_next_gap():
    from questions.content import Bank

    kept = tuple(q for q in BANK.questions if "sure_of_choice" not in q.when.readiness_gaps)
    bank = Bank(risk_order=BANK.risk_order, policy=BANK.policy, questions=kept)
    older = patient("older_patient_many_medicines")
    unready = older.model_copy(
        update={
            "readiness": older.readiness.model_copy(update={"sure_of_choice": "no", "enough_support": "no"})
        }
    )
    main = build_list(unready, bank).main
    assert any("readiness_gaps:enough_support" in q.reasons for q in main), [q.id for q in main]


def test_with_a_crisis_plan_the_crisis_question_gives_its_place_in_the_three_to_the_patients_own():
    keep = {"crisis_mood_worse", "forms_fda", "common_side_effects"}
    planned = answers(
        visit={"stage": "first_consultation"},
        support={"crisis_plan": "yes"},
        custom_questions=["Can my sister come with me?"],
        removed_questions=[q.id for q in BANK.questions if q.id not in keep],
    )
    result = build_list(planned)
    assert "crisis_mood_worse" in main_ids(result) and "crisis_mood_worse" not in top_ids(result)
    assert "own-1" in top_ids(result)


def test_the_crisis_questions_count_as_hearing_the_crisis_plan_gap():
    """A clinic's own question for the same gap waits: the gap already has two questions."""
    from test_policy import with_questions

    from questions.content import BankQuestion

    own = BankQuestion.model_validate(
        {
            "id": "clinic_crisis_line",
            "topic": "support",
            "source": None,
            "when": {"support_gaps": ["crisis_plan"]},
        }
    )
    result = build_list(answers(support={"crisis_plan": "no"}), with_questions(own))
    assert {"crisis_mood_worse", "gap_crisis_after_hours"} <= set(main_ids(result))
    assert "clinic_crisis_line" in [q.id for q in result.if_time]
