"""Selection policy version 3 after clinician review 2 (data/README.md, "Clinician review 2"),
each rule pinned with the realistic patients of ``tests/patients`` and named after what it protects."""

from __future__ import annotations

import pytest
from test_policy import BANK, PATIENTS, main_ids, patient, top_ids

from questions import strict_yaml
from questions.engine import build_list
from questions.models import Answers
from questions.selection import MAIN_STEPS, Selection
from questions.signals import signal_name

LATE = set(BANK.policy.heard_late)
CALL_GROUP = BANK.by_id["gap_crisis_after_hours"].group
WHOM_TO_CALL = {q.id for q in BANK.questions if CALL_GROUP in q.groups}


def as_helper(answers_: Answers) -> Answers:
    return answers_.model_copy(update={"for_whom": "someone_i_help"})


def every_patient() -> list[Answers]:
    return [patient(name) for name in PATIENTS] + [as_helper(patient(name)) for name in PATIENTS]


def safety_flags(answers_: Answers) -> set[str]:
    flags = {f"health:{h}" for h in answers_.health} | {
        f"medication_types:{m}" for m in answers_.medication_types
    }
    return flags - LATE


@pytest.mark.parametrize("answers_", every_patient(), ids=[*PATIENTS, *(f"helper-{n}" for n in PATIENTS)])
def test_no_critical_flag_earns_a_second_question_before_every_flag_has_its_first(answers_):
    selection = Selection(answers_, BANK)
    for step in MAIN_STEPS:
        step(selection)
    flags = {signal_name(s) for s in selection.signals} & safety_flags(answers_)
    heard = {signal_name(s): n for s, n in selection.heard.items()}
    seconds = [flag for flag in BANK.policy.critical if flag in flags and heard.get(flag, 0) >= 2]
    if seconds:
        assert all(heard.get(flag, 0) >= 1 for flag in flags), (seconds, flags - set(heard))


def test_the_older_patients_sleep_medicine_is_heard_before_the_heart_flag_is_heard_twice():
    result = build_list(patient("older_patient_many_medicines"))
    assert any("medication_types:sleep_or_sedating" in q.reasons for q in result.main)
    assert "bp_checked_during" not in main_ids(result)
    assert top_ids(result)[0] == "bp_heart_safe", "the heart flag keeps the safety place of the three"


@pytest.mark.parametrize("answers_", every_patient(), ids=[*PATIENTS, *(f"helper-{n}" for n in PATIENTS)])
def test_one_whom_do_i_call_question_beside_the_crisis_question(answers_):
    on_list = [qid for qid in build_list(answers_).bank_ids if qid in WHOM_TO_CALL]
    assert len(on_list) <= 1, on_list


def test_the_everything_unsure_patient_is_asked_whom_to_call_once_besides_the_crisis_question():
    main = main_ids(build_list(patient("everything_not_sure")))
    assert "crisis_mood_worse" in main and "gap_crisis_after_hours" in main
    assert "after_call_unwell" not in main


def test_the_fit_question_never_shares_a_list_with_go_over_my_full_list_or_what_you_need_to_know():
    overlapping = {"fit_given_history", "meds_full_list", "tell_you_before_start"}
    for answers_ in every_patient():
        on_list = overlapping & set(build_list(answers_).bank_ids)
        assert len(on_list) <= 1 or "fit_given_history" not in on_list, on_list


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"health": ["heart_or_blood_pressure", "substance_use", "memory_or_thinking"]},
        {"concerns": ["cost"]},
    ],
    ids=["the teenager", "a teenager with three flags", "a teenager worried about cost"],
)
def test_a_teenagers_list_asks_whether_a_parent_must_consent(extra):
    teen = patient("teenagers_parent").model_copy(update=extra)
    result = build_list(teen)
    assert "age_under_18_guardian" in main_ids(result), "no clinic treats a minor without consent"
    assert "age_under_18_guardian" not in top_ids(result), "it ranks with the essentials"
    assert "age_young_mood_watch" in main_ids(result) or extra, "the boxed warning keeps its place"
    adult = build_list(teen.model_copy(update={"age_group": "18_to_24"}))
    assert "age_under_18_guardian" not in adult.bank_ids


def test_the_helpers_question_never_takes_a_ride_gaps_only_place():
    for name in ("older_patient_many_medicines", "everything_not_sure", "pregnant_first_consultation"):
        mine = patient(name).model_copy(
            update={"support": patient(name).support.model_copy(update={"ride_home": "no"})}
        )
        for answers_ in (mine, as_helper(mine)):
            main = build_list(answers_).main
            assert any("support_gaps:ride_home" in q.reasons for q in main), (name, answers_.for_whom)


def test_a_busy_list_keeps_the_places_later_steps_promise():
    """A deciding question, language access and the helper's question on one busy list."""
    busy = patient("older_patient_many_medicines").model_copy(
        update={
            "language": "es",
            "for_whom": "someone_i_help",
            "readiness": patient("older_patient_many_medicines").readiness.model_copy(
                update={"sure_of_choice": "no"}
            ),
        }
    )
    main = build_list(busy).main
    reasons = [r for q in main for r in q.reasons]
    assert any(r.startswith("readiness_gaps") for r in reasons)
    assert any(r.startswith("language") for r in reasons)
    assert any(r.startswith("for_whom") for r in reasons)
    assert len(main) <= 12


def test_no_question_says_someone_like_me_twice_on_one_list():
    for answers_ in every_patient():
        words = [q.text or "" for q in build_list(answers_).questions if not q.custom]
        assert sum("someone like me" in text for text in words) <= 1, words


def test_a_key_written_twice_in_the_projects_own_yaml_is_refused_with_its_line():
    with pytest.raises(strict_yaml.yaml.constructor.ConstructorError) as caught:
        strict_yaml.load("- id: a\n  group: one\n  group: two\n")
    assert "'group' is written twice" in str(caught.value) and "line 3" in str(caught.value)
    assert strict_yaml.load("- id: a\n  group: one\n") == [{"id": "a", "group": "one"}]


def test_a_content_file_with_a_key_written_twice_is_refused_in_one_line_naming_it(tmp_path):
    """``python -m questions check`` and the server's start-up read through the strict loader."""
    from questions import check

    bank = tmp_path / "bank.yaml"
    bank.write_text("questions:\n  - id: a\n    group: one\n    group: two\n", encoding="utf-8")
    with pytest.raises(check.ContentError) as caught:
        check._read(bank)
    message = str(caught.value)
    assert "bank.yaml" in message and "line 4" in message and "'group' is written twice" in message
    assert "\n" not in message
