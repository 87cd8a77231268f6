"""The selection engine: a patient's answers and the bank in, an ordered list out.

Pure and deterministic: the same answers always give the same list, in any process, so
the app, the CLI and the PDF agree, and a clinic can reproduce what a patient printed.

Ranking (DESIGN.md): safety questions raised by health flags and medicines, then the
patient's concerns, then their conditions, treatments tried, support and readiness gaps
and visit stage, then general questions. Inside a tier the first question of every
matching answer comes before the second of any, so each box a patient ticks is heard
before any is heard twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import BaseModel, ConfigDict

from questions import vocab
from questions.content import TIER_ORDER, Bank, Tier, load_bank
from questions.models import MAX_TOP, Answers, normalise_question

MAX_BANK_QUESTIONS = 25
OWN_PREFIX = "own-"
OWN_TOPIC = "own"

# (rule field, tier) in the order the tiers rank.
_TRIGGER_FIELDS: tuple[tuple[str, Tier], ...] = (
    ("health", "safety"),
    ("medication_types", "safety"),
    ("concerns", "concern"),
    ("conditions", "personal"),
    ("tried_treatments", "personal"),
    ("support_gaps", "personal"),
    ("readiness_gaps", "personal"),
    ("stages", "personal"),
)

SortKey = tuple[int, int, int, int]


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
    def bank_ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions if not question.custom)


def own_id(index: int) -> str:
    """The id of the patient's own question at 0-based position ``index``."""
    return f"{OWN_PREFIX}{index + 1}"


def active_triggers(answers: Answers) -> Iterator[tuple[str, str]]:
    """Every (rule field, id) the answers switch on, in a stable order."""
    yield from (("health", flag) for flag in answers.health)
    yield from (("medication_types", kind) for kind in answers.medication_types)
    yield from (("concerns", concern) for concern in answers.concerns)
    yield from (("conditions", condition) for condition in answers.conditions)
    yield from (("tried_treatments", treatment) for treatment in answers.tried_treatments)
    for key in vocab.SUPPORT_KEYS:
        if getattr(answers.support, key) in vocab.GAP_ANSWERS:
            yield ("support_gaps", key)
    for key in vocab.READINESS_KEYS:
        if getattr(answers.readiness, key) in vocab.GAP_ANSWERS:
            yield ("readiness_gaps", key)
    if answers.visit.stage:
        yield ("stages", answers.visit.stage)


def _ranked_candidates(answers: Answers, bank: Bank) -> dict[str, tuple[SortKey, list[str]]]:
    """Every suggested bank question with its best sort key and the answers behind it."""
    tiers = dict(_TRIGGER_FIELDS)
    position_in_bank = bank.position
    ranked: dict[str, tuple[SortKey, list[str]]] = {}
    for sequence, (field, value) in enumerate(active_triggers(answers)):
        tier = TIER_ORDER.index(tiers[field])
        for position, question in enumerate(bank.raised_by.get((field, value), ())):
            key = (tier, position, sequence, position_in_bank[question.id])
            best, reasons = ranked.get(question.id, (key, []))
            reasons.append(f"{field}:{value}")
            ranked[question.id] = (min(best, key), reasons)
    general = TIER_ORDER.index("general")
    for question in bank.questions:
        if question.when.always and question.id not in ranked:
            ranked[question.id] = ((general, 0, 0, position_in_bank[question.id]), ["always"])
    return ranked


def _own_questions(answers: Answers) -> list[tuple[str, str]]:
    """The patient's own questions as (id, text), repeats (ignoring case and spacing) dropped."""
    seen: set[str] = set()
    own: list[tuple[str, str]] = []
    for index, text in enumerate(answers.custom_questions):
        key = normalise_question(text)
        if key and key not in seen:
            seen.add(key)
            own.append((own_id(index), text))
    return own


def build_list(answers: Answers, bank: Bank | None = None) -> QuestionList:
    """The patient's list in print order: top three, then by topic, then their own."""
    bank = bank or load_bank()
    by_id = bank.by_id
    own = _own_questions(answers)
    own_ids = {qid for qid, _ in own}

    mentioned = [*answers.top_questions, *answers.removed_questions, *answers.added_questions]
    skipped = tuple(dict.fromkeys(q for q in mentioned if q not in by_id and q not in own_ids))
    removed = [q for q in answers.removed_questions if q in by_id]
    removed_set = set(removed)

    ranked = _ranked_candidates(answers, bank)
    browse_tier = TIER_ORDER.index("browse")

    def key_of(qid: str) -> SortKey:
        return ranked[qid][0] if qid in ranked else (browse_tier, 0, 0, bank.position[qid])

    chosen_by_patient = [
        q
        for q in dict.fromkeys([*answers.top_questions, *answers.added_questions])
        if q in by_id and q not in removed_set
    ][:MAX_BANK_QUESTIONS]
    # The default list is the engine's best 25; removing one leaves a free place rather
    # than pulling in the 26th, so the patient can fill it from "browse more".
    default = sorted(ranked, key=key_of)[:MAX_BANK_QUESTIONS]
    engine_kept = [q for q in default if q not in removed_set and q not in chosen_by_patient]
    room = MAX_BANK_QUESTIONS - len(chosen_by_patient)
    on_list = [*chosen_by_patient, *engine_kept[:room]]

    top = _pick_top(answers, on_list, own, key_of)
    top_set = set(top)

    def listed(qid: str) -> ListedQuestion:
        if qid in own_ids:
            text = dict(own)[qid]
            return ListedQuestion(
                id=qid, topic=OWN_TOPIC, custom=True, top=qid in top_set, tier=OWN_TOPIC, text=text
            )
        tier = TIER_ORDER[key_of(qid)[0]] if qid in ranked else "chosen"
        reasons = tuple(ranked[qid][1]) if qid in ranked else ("chosen",)
        return ListedQuestion(
            id=qid, topic=by_id[qid].topic, custom=False, top=qid in top_set, tier=tier, reasons=reasons
        )

    rest = sorted((q for q in on_list if q not in top_set), key=key_of)
    topic_rank: dict[str, SortKey] = {}
    for qid in rest:
        topic_rank.setdefault(by_id[qid].topic, key_of(qid))
    rest.sort(key=lambda q: (topic_rank[by_id[q].topic], vocab.TOPICS.index(by_id[q].topic), key_of(q)))

    printed = [*top, *rest, *(qid for qid, _ in own if qid not in top_set)]
    on_list_set = set(on_list)
    return QuestionList(
        questions=tuple(listed(qid) for qid in printed),
        more=tuple(q.id for q in bank.questions if q.id not in on_list_set and q.id not in removed_set),
        removed=tuple(removed),
        skipped_ids=skipped,
    )


def _pick_top(
    answers: Answers,
    on_list: list[str],
    own: list[tuple[str, str]],
    key_of: Callable[[str], SortKey],
) -> list[str]:
    """The three to ask first: the patient's picks, then the engine's (safety first)."""
    own_ids = [qid for qid, _ in own]
    allowed = set(on_list) | set(own_ids)
    # Nothing removed is on the list, so a removed pick falls away here too.
    top = [q for q in answers.top_questions if q in allowed][:MAX_TOP]
    for qid in [*sorted(on_list, key=key_of), *own_ids]:
        if len(top) >= MAX_TOP:
            break
        if qid not in top:
            top.append(qid)
    return top
