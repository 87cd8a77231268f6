"""The review step's edits, one by one: what each does to the saved answers, and what it refuses.

The answers are what the saved file holds (a contract) and what the list is built from, so
each test checks every list an edit may touch, exactly: an edit that also moved something
else would show the patient a different list. ``tests/test_engine.py`` checks the list the
engine builds after the edits.
"""

from __future__ import annotations

import pytest
from helpers import answers

from questions import edits
from questions.engine import build_list
from questions.models import MAX_CUSTOM, MAX_CUSTOM_CHARS

CRISIS = "crisis_mood_worse"
"""The one bank question marked ``keep``: it stays on the main list whatever happens."""
A, B, C, D = "bp_heart_safe", "bp_checked_during", "stroke_fit", "stroke_watch"


def lists(patient) -> dict[str, list[str]]:
    return {
        "top": patient.top_questions,
        "added": patient.added_questions,
        "if_time": patient.if_time_questions,
        "removed": patient.removed_questions,
        "custom": patient.custom_questions,
    }


def test_picking_a_question_to_ask_first_appends_it_and_brings_it_up_from_if_there_is_time():
    patient = answers(top_questions=[A], if_time_questions=[B, C])
    assert edits.toggle_top(patient, B, True) == "ok"
    assert lists(patient) == {"top": [A, B], "added": [], "if_time": [C], "removed": [], "custom": []}
    assert edits.toggle_top(patient, A, True) == "ok", "picking it again moves it last, once"
    assert patient.top_questions == [B, A]


def test_a_fourth_pick_is_refused_and_changes_nothing_but_unpicking_makes_room():
    patient = answers(top_questions=[A, B, C], if_time_questions=[D])
    assert edits.toggle_top(patient, D, True) == "top_full"
    assert lists(patient) == {"top": [A, B, C], "added": [], "if_time": [D], "removed": [], "custom": []}
    assert edits.toggle_top(patient, B, False) == "ok"
    assert lists(patient) == {"top": [A, C], "added": [], "if_time": [D], "removed": [], "custom": []}
    assert edits.toggle_top(patient, D, True) == "ok"
    assert patient.top_questions == [A, C, D] and patient.if_time_questions == []


def test_unpicking_leaves_if_there_is_time_alone():
    patient = answers(top_questions=[A], if_time_questions=[B])
    assert edits.toggle_top(patient, B, False) == "ok"
    assert lists(patient) == {"top": [A], "added": [], "if_time": [B], "removed": [], "custom": []}


def test_removing_takes_a_question_off_every_list_and_keeps_it_once_under_removed():
    patient = answers(
        top_questions=[A, B], added_questions=[A, C], if_time_questions=[A, D], removed_questions=[D]
    )
    assert edits.remove_question(patient, A) == "ok"
    assert lists(patient) == {"top": [B], "added": [C], "if_time": [D], "removed": [D, A], "custom": []}
    assert edits.remove_question(patient, A) == "ok"
    assert patient.removed_questions == [D, A], "removed twice, listed once"


def test_the_crisis_question_is_never_removed_or_moved_down():
    patient = answers(top_questions=[CRISIS], added_questions=[CRISIS])
    before = lists(patient)
    assert edits.remove_question(patient, CRISIS) == "kept"
    assert edits.move_to_if_time(patient, CRISIS) == "kept"
    assert lists(patient) == before


def test_putting_a_removed_question_back_touches_nothing_else():
    patient = answers(top_questions=[B], removed_questions=[A, C, D])
    assert edits.restore_question(patient, C) == "ok"
    assert lists(patient) == {"top": [B], "added": [], "if_time": [], "removed": [A, D], "custom": []}


def test_moving_up_and_down_keeps_each_question_on_one_list_once():
    patient = answers(top_questions=[A], added_questions=[A, B], if_time_questions=[C])
    assert edits.move_to_if_time(patient, A) == "ok"
    assert lists(patient) == {"top": [], "added": [B], "if_time": [C, A], "removed": [], "custom": []}
    assert edits.move_to_if_time(patient, C) == "ok"
    assert patient.if_time_questions == [C, A], "already there: not listed twice"
    assert edits.move_to_main(patient, C) == "ok"
    assert lists(patient) == {"top": [], "added": [B, C], "if_time": [A], "removed": [], "custom": []}
    assert edits.move_to_main(patient, B) == "ok"
    assert patient.added_questions == [B, C], "already there: not listed twice"


def test_adding_from_browse_more_takes_it_out_of_removed_and_onto_the_main_list():
    patient = answers(removed_questions=[A, B], if_time_questions=[A])
    assert edits.add_from_bank(patient, A) == "ok"
    assert lists(patient) == {"top": [], "added": [A], "if_time": [], "removed": [B], "custom": []}


def test_adding_to_a_full_list_is_refused_and_changes_nothing():
    patient = answers(concerns=["cost"])
    for question_id in build_list(patient).more:
        if edits.add_from_bank(patient, question_id) == "list_full":
            break
    full = len(build_list(patient).bank_ids)
    refused = next(q for q in build_list(patient).more if q not in patient.removed_questions)
    patient.removed_questions = [refused]
    before = lists(patient)
    assert edits.add_from_bank(patient, refused) == "list_full"
    assert lists(patient) == before
    edits.remove_question(patient, patient.added_questions[-1])
    assert len(build_list(patient).bank_ids) == full - 1
    assert edits.add_from_bank(patient, refused) == "ok", "one free place is room for one more"


def test_an_own_question_is_kept_cleaned_and_appended():
    patient = answers(custom_questions=["Can I drive home?"])
    assert edits.add_custom(patient, "  Can my\u200b partner \u202estay?  ") == "ok"
    assert patient.custom_questions == ["Can I drive home?", "Can my partner stay?"]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("   \u200b ", "empty"),
        ("x" * (MAX_CUSTOM_CHARS + 1), "too_long"),
        ("  can i   DRIVE home? ", "duplicate"),
    ],
)
def test_an_own_question_that_cannot_be_added_changes_nothing(text, outcome):
    patient = answers(custom_questions=["Can I drive home?"])
    assert edits.add_custom(patient, text) == outcome
    assert patient.custom_questions == ["Can I drive home?"]


def test_own_questions_stop_at_the_limit_and_the_longest_allowed_fits():
    patient = answers(custom_questions=[f"Question {n}?" for n in range(MAX_CUSTOM - 1)])
    longest = "y" * MAX_CUSTOM_CHARS
    assert edits.add_custom(patient, f" {longest} ") == "ok"
    assert patient.custom_questions[-1] == longest
    assert edits.add_custom(patient, "One more?") == "full"
    assert len(patient.custom_questions) == MAX_CUSTOM


def test_deleting_an_own_question_renumbers_the_picks_of_the_later_ones():
    patient = answers(
        custom_questions=["First?", "Second?", "Third?", "Fourth?"], top_questions=["own-4", "own-2", A]
    )
    assert edits.remove_custom(patient, 1) == "ok"
    assert patient.custom_questions == ["First?", "Third?", "Fourth?"]
    assert patient.top_questions == ["own-3", A], "the deleted one's pick goes, the fourth is now the third"


def test_deleting_an_own_question_keeps_earlier_picks_and_bank_picks_as_they_were():
    patient = answers(custom_questions=["First?", "Second?", "Third?"], top_questions=["own-2", "own-3", A])
    assert edits.remove_custom(patient, 2) == "ok"
    assert patient.custom_questions == ["First?", "Second?"]
    assert patient.top_questions == ["own-2", A]
    assert edits.remove_custom(patient, 0) == "ok"
    assert patient.custom_questions == ["Second?"] and patient.top_questions == ["own-1", A]


def test_a_pick_that_only_starts_like_an_own_question_is_left_alone():
    patient = answers(custom_questions=["First?", "Second?"], top_questions=["own-x2", "own-2"])
    assert edits.remove_custom(patient, 0) == "ok"
    assert patient.top_questions == ["own-x2", "own-1"]
