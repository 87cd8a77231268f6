"""The selection engine (policy version 3): a patient's answers and the bank in, a list out.

Pure and deterministic: the same answers always give the same list, in any process, so
the app, the CLI and the PDF agree, and a clinic can reproduce what a patient printed.

``build_list`` runs the policy in four steps, each its own module:

1. ``selection.default_list``: the policy's main list (at most ``MAX_MAIN``) and "if there
   is time" (at most ``MAX_IF_TIME``), from the answers alone (DESIGN.md, "The question
   bank and the selection policy (version 3)"; the weights are ``policy:`` in
   ``data/bank.yaml``);
2. ``applied_edits.apply_edits``: the patient's picks, added, moved and removed questions
   on top, so removing one question never reshuffles the others;
3. ``top_three.pick_top``: the three to ask first;
4. print order (here): the three, the rest of the main list by topic, "if there is time",
   the patient's own questions.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from questions.applied_edits import MAX_BANK_QUESTIONS, apply_edits
from questions.content import TRIGGER_TIERS, Bank, BankQuestion, load_bank
from questions.models import Answers, normalise_question
from questions.selection import MAX_IF_TIME, MAX_MAIN, MAX_NAMED_CONDITIONS, DefaultList, default_list
from questions.signals import ALWAYS, LANGUAGE, Signal, patient_signals, signal_name
from questions.top_three import pick_top
from questions.vocab import TOPICS

__all__ = [
    "MAX_BANK_QUESTIONS",
    "MAX_IF_TIME",
    "MAX_MAIN",
    "ListedQuestion",
    "QuestionList",
    "build_list",
    "own_id",
    "own_index",
    "patient_signals",
]

OWN_PREFIX = "own-"
OWN_TOPIC = "own"


class ListedQuestion(BaseModel):
    """One line of the patient's list, before words are attached."""

    model_config = ConfigDict(frozen=True)

    id: str
    topic: str
    custom: bool
    top: bool
    tier: str
    reasons: tuple[str, ...] = ()
    if_time: bool = False
    """True for the short "if there is time" section after the main list."""
    conditions: tuple[str, ...] = ()
    """For a question that names several conditions: the ones it names, in order."""
    text: str | None = None
    """The patient's own words; None for bank questions (their words depend on language)."""


class QuestionList(BaseModel):
    """The engine's answer: the list in print order, and what it left aside."""

    model_config = ConfigDict(frozen=True)

    questions: tuple[ListedQuestion, ...]
    more: tuple[str, ...]
    """Bank ids not on the list and not removed: one click away in "browse more"."""
    removed: tuple[str, ...]
    skipped_ids: tuple[str, ...]
    """Question ids in the answers that this bank no longer has (an older saved file)."""

    @property
    def top(self) -> tuple[ListedQuestion, ...]:
        return tuple(question for question in self.questions if question.top)

    @property
    def main(self) -> tuple[ListedQuestion, ...]:
        return tuple(question for question in self.questions if not question.if_time)

    @property
    def if_time(self) -> tuple[ListedQuestion, ...]:
        return tuple(question for question in self.questions if question.if_time)

    @property
    def bank_ids(self) -> tuple[str, ...]:
        """Every suggested question on the list, main and "if there is time"."""
        return tuple(question.id for question in self.questions if not question.custom)


def own_id(index: int) -> str:
    """The id of the patient's own question at 0-based position ``index``."""
    return f"{OWN_PREFIX}{index + 1}"


def own_index(question_id: str) -> int:
    """The 0-based position of the patient's own question ``own-N`` (the inverse of ``own_id``)."""
    return int(question_id.removeprefix(OWN_PREFIX)) - 1


def own_questions(answers: Answers) -> list[tuple[str, str]]:
    """The patient's own questions as (id, text), repeats (ignoring case and spacing) dropped."""
    seen: set[str] = set()
    own: list[tuple[str, str]] = []
    for index, text in enumerate(answers.custom_questions):
        key = normalise_question(text)
        if key and key not in seen:
            seen.add(key)
            own.append((own_id(index), text))
    return own


def skipped_ids(answers: Answers, bank: Bank, own_ids: set[str]) -> tuple[str, ...]:
    """Ids in the answers' edits that this bank no longer has (warned about, never an error)."""
    mentioned = [
        *answers.top_questions,
        *answers.removed_questions,
        *answers.added_questions,
        *answers.if_time_questions,
    ]
    return tuple(dict.fromkeys(q for q in mentioned if q not in bank.by_id and q not in own_ids))


def tier_of(signals: Sequence[Signal]) -> str:
    """The tier of the most important signal behind a question ("chosen" for none)."""
    if not signals:
        return "chosen"
    key = signals[0][0]
    if key == ALWAYS:
        return "general"
    return "personal" if key == LANGUAGE else TRIGGER_TIERS[key]


def named_for(question: BankQuestion, conditions: Sequence[str]) -> tuple[str, ...]:
    """The conditions a several-condition question names when the patient chose it."""
    if not question.names_conditions:
        return ()
    return tuple(c for c in conditions if c in question.when.conditions)[:MAX_NAMED_CONDITIONS]


def print_order(main: list[str], top: list[str], default: DefaultList, bank: Bank) -> list[str]:
    """The main list after the three: grouped by topic, topics in the order their first
    question ranks, then the bank's topic order, then rank."""
    place = {qid: n for n, qid in enumerate(default.ranked)}

    def rank(qid: str) -> tuple[int, int]:
        return (0, place[qid]) if qid in place else (1, bank.position[qid])

    rest = sorted((q for q in main if q not in top), key=rank)
    topic_rank: dict[str, tuple[int, int]] = {}
    for qid in rest:
        topic_rank.setdefault(bank.by_id[qid].topic, rank(qid))
    return sorted(
        rest, key=lambda q: (topic_rank[bank.by_id[q].topic], TOPICS.index(bank.by_id[q].topic), rank(q))
    )


def listed(qid: str, default: DefaultList, *, top: bool, later: bool) -> ListedQuestion:
    """A bank question as a line of the list, with the signals that chose it."""
    sel = default.selection
    question = sel.bank.by_id[qid]
    named = sel.named.get(qid) or named_for(question, sel.conditions)
    signals = [("conditions", c) for c in named] if question.names_conditions else None
    signals = signals or sel.reasons.get(qid) or sel.matches(question)
    return ListedQuestion(
        id=qid,
        topic=question.topic,
        custom=False,
        top=top,
        tier=tier_of(signals),
        reasons=tuple(signal_name(s) for s in signals) or ("chosen",),
        if_time=later,
        conditions=named,
    )


def build_list(answers: Answers, bank: Bank | None = None) -> QuestionList:
    """The patient's list in print order (DESIGN.md, "The PDF"): the three to ask first,
    the rest of the main list by topic, "if there is time", then the patient's own."""
    bank = bank or load_bank()
    own = own_questions(answers)
    own_text = dict(own)
    default = default_list(answers, bank)
    edited = apply_edits(answers, default, bank)
    top = pick_top(answers, edited.main, list(own_text), default)
    place = {qid: n for n, qid in enumerate(default.ranked)}
    if_time = sorted(edited.if_time, key=lambda q: place.get(q, len(place) + bank.position[q]))

    def line(qid: str, *, later: bool = False) -> ListedQuestion:
        if qid in own_text:
            return ListedQuestion(
                id=qid, topic=OWN_TOPIC, custom=True, top=qid in top, tier=OWN_TOPIC, text=own_text[qid]
            )
        return listed(qid, default, top=qid in top, later=later)

    printed = [line(q) for q in [*top, *print_order(edited.main, top, default, bank)]]
    printed += [line(q, later=True) for q in if_time]
    printed += [line(qid) for qid in own_text if qid not in top]
    on_list = set(edited.main) | set(if_time)
    gone = set(edited.removed)
    return QuestionList(
        questions=tuple(printed),
        more=tuple(q.id for q in bank.questions if q.id not in on_list and q.id not in gone),
        removed=tuple(edited.removed),
        skipped_ids=skipped_ids(answers, bank, set(own_text)),
    )
