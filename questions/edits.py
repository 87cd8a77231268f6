"""What a patient can do to their list in the review step, as plain functions on the answers.

Kept out of the UI so the rules (three to ask first, 20 own questions of at most 300
characters, 25 suggested questions in all, the crisis question always on the main list)
are tested without a browser and shared by any front end. Each function changes the answers in place and returns an outcome code the
UI turns into words; a refused change leaves the answers exactly as they were.
"""

from __future__ import annotations

from typing import Literal

from questions.content import load_bank
from questions.engine import MAX_BANK_QUESTIONS, OWN_PREFIX, build_list, own_id
from questions.models import MAX_CUSTOM, MAX_CUSTOM_CHARS, MAX_TOP, Answers, clean_text, normalise_question

Outcome = Literal["ok", "empty", "too_long", "full", "duplicate", "top_full", "list_full", "kept"]


def _without(values: list[str], question_id: str) -> list[str]:
    return [q for q in values if q != question_id]


def _is_kept(question_id: str) -> bool:
    """The crisis question stays on the main list whatever the patient does."""
    question = load_bank().by_id.get(question_id)
    return bool(question and question.keep)


def toggle_top(answers: Answers, question_id: str, wanted: bool) -> Outcome:
    """Pick (or unpick) a question to ask first; at most three picks. A pick from "if
    there is time" moves up to the main list, where the questions to ask first are."""
    picks = _without(answers.top_questions, question_id)
    if wanted:
        if len(picks) >= MAX_TOP:
            return "top_full"
        picks.append(question_id)
        answers.if_time_questions = _without(answers.if_time_questions, question_id)
    answers.top_questions = picks
    return "ok"


def remove_question(answers: Answers, question_id: str) -> Outcome:
    """Take a bank question off the list; it waits under "removed" to be put back."""
    if _is_kept(question_id):
        return "kept"
    answers.top_questions = _without(answers.top_questions, question_id)
    answers.added_questions = _without(answers.added_questions, question_id)
    answers.if_time_questions = _without(answers.if_time_questions, question_id)
    if question_id not in answers.removed_questions:
        answers.removed_questions = [*answers.removed_questions, question_id]
    return "ok"


def restore_question(answers: Answers, question_id: str) -> Outcome:
    """Put a removed question back where it was."""
    answers.removed_questions = [q for q in answers.removed_questions if q != question_id]
    return "ok"


def add_from_bank(answers: Answers, question_id: str) -> Outcome:
    """Add a question from "browse more" to the main list, if the list has room."""
    if len(build_list(answers).bank_ids) >= MAX_BANK_QUESTIONS:
        return "list_full"
    answers.removed_questions = _without(answers.removed_questions, question_id)
    return move_to_main(answers, question_id)


def move_to_main(answers: Answers, question_id: str) -> Outcome:
    """Move a question from "if there is time" up to the main list.

    The main list stays short: if it is full, the engine's least important pick moves
    down to "if there is time" in its place (the engine does that, not this function).
    """
    answers.if_time_questions = _without(answers.if_time_questions, question_id)
    if question_id not in answers.added_questions:
        answers.added_questions = [*answers.added_questions, question_id]
    return "ok"


def move_to_if_time(answers: Answers, question_id: str) -> Outcome:
    """Move a question from the main list down to "if there is time"."""
    if _is_kept(question_id):
        return "kept"
    answers.top_questions = _without(answers.top_questions, question_id)
    answers.added_questions = _without(answers.added_questions, question_id)
    if question_id not in answers.if_time_questions:
        answers.if_time_questions = [*answers.if_time_questions, question_id]
    return "ok"


def add_custom(answers: Answers, text: str) -> Outcome:
    """Add the patient's own question; empty text is ignored, limits are explained."""
    text = clean_text(text)
    if not text:
        return "empty"
    if len(text) > MAX_CUSTOM_CHARS:
        return "too_long"
    if len(answers.custom_questions) >= MAX_CUSTOM:
        return "full"
    if normalise_question(text) in {normalise_question(q) for q in answers.custom_questions}:
        return "duplicate"
    answers.custom_questions = [*answers.custom_questions, text]
    return "ok"


def remove_custom(answers: Answers, index: int) -> Outcome:
    """Delete own question ``index`` (0-based); picks of later own questions move with them."""
    removed = own_id(index)
    renumbered: list[str] = []
    for pick in answers.top_questions:
        if pick == removed:
            continue
        if pick.startswith(OWN_PREFIX) and pick[len(OWN_PREFIX) :].isdigit():
            number = int(pick[len(OWN_PREFIX) :])
            if number > index + 1:
                pick = own_id(number - 2)
        renumbered.append(pick)
    answers.custom_questions = [q for n, q in enumerate(answers.custom_questions) if n != index]
    answers.top_questions = renumbered
    return "ok"
