"""The patient's edits on top of the policy's default list: picks, added, moved, removed.

The default list never depends on the edits, so removing one question leaves its place
free and reshuffles nothing; the patient's own choices come before the policy's, and a
question the patient chose may stand beside its near-duplicate (they asked for it).
"""

from __future__ import annotations

from typing import NamedTuple

from questions.content import Bank
from questions.models import Answers
from questions.selection import MAX_IF_TIME, MAX_MAIN, DefaultList

MAX_BANK_QUESTIONS = 25
"""Suggested questions a list may hold in all, main list and "if there is time" together."""


class Choices(NamedTuple):
    """What the patient's edits ask for, each list cleaned of ids the bank lacks."""

    removed: list[str]
    picks: list[str]
    wanted: list[str]
    later: list[str]
    """Moved to "if there is time"."""


class Edited(NamedTuple):
    main: list[str]
    if_time: list[str]
    removed: list[str]


def patient_choices(answers: Answers, bank: Bank) -> Choices:
    """The edits in the answers; a question the patient may not remove is never removed or
    moved, and a removed question is never picked or added."""
    by_id = bank.by_id
    kept = {q.id for q in bank.questions if q.keep}
    removed = [q for q in answers.removed_questions if q in by_id and q not in kept]
    gone = set(removed)
    picks = [q for q in answers.top_questions if q in by_id and q not in gone]
    later = [q for q in answers.if_time_questions if q in by_id and q not in gone | kept and q not in picks]
    wanted = [q for q in answers.added_questions if q in by_id and q not in gone and q not in later]
    return Choices(removed, picks, wanted, later)


def fill_main(priority: list[str], chosen: set[str], bank: Bank) -> tuple[list[str], list[str]]:
    """The main list from ``priority`` (at most ``MAX_MAIN``), and what did not fit. One
    question per group, unless the patient chose the second one."""
    main: list[str] = []
    overflow: list[str] = []
    groups: set[str] = set()
    for qid in dict.fromkeys(priority):
        own_groups = bank.by_id[qid].groups
        if qid not in chosen and not groups.isdisjoint(own_groups):
            continue
        if len(main) >= MAX_MAIN:
            overflow.append(qid)
            continue
        main.append(qid)
        groups.update(own_groups)
    return main, overflow


def fill_if_time(main: list[str], patient_sourced: list[str], engine_sourced: list[str]) -> list[str]:
    """ "If there is time": what the patient moved there first, then the policy's next
    questions (at most ``MAX_IF_TIME`` of those); never more than 25 suggested in all."""
    on_main = set(main)
    if_time: list[str] = []
    for qid in dict.fromkeys(patient_sourced):
        if qid not in on_main and len(main) + len(if_time) < MAX_BANK_QUESTIONS:
            if_time.append(qid)
    # The policy's questions are never on the main list (a question the patient put there
    # is not among them), and 12 + 10 stays under the 25 cap: only the 10 limits them.
    for qid in dict.fromkeys(engine_sourced):
        if len(if_time) >= MAX_IF_TIME:
            break
        if qid not in if_time:
            if_time.append(qid)
    return if_time


def apply_edits(answers: Answers, default: DefaultList, bank: Bank) -> Edited:
    """The main list and "if there is time" once the patient's edits are applied."""
    choices = patient_choices(answers, bank)
    gone = set(choices.removed) | set(choices.later)
    kept = [q for q in default.essentials if bank.by_id[q].keep]
    priority = [*kept, *choices.picks, *choices.wanted, *(q for q in default.main if q not in gone)]
    chosen = set(choices.picks) | set(choices.wanted)
    main, overflow = fill_main(priority, chosen, bank)
    patient_sourced = [*choices.later, *(q for q in overflow if q in chosen)]
    engine_sourced = [
        q for q in [*overflow, *default.if_time] if q not in chosen and q not in set(choices.removed)
    ]
    return Edited(main, fill_if_time(main, patient_sourced, engine_sourced), choices.removed)
