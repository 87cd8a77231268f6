"""The selection engine (policy version 2): a patient's answers and the bank in, a list out.

Pure and deterministic: the same answers always give the same list, in any process, so
the app, the CLI and the PDF agree, and a clinic can reproduce what a patient printed.

A visit lasts 15 to 20 minutes, so the main list holds at most ``MAX_MAIN`` suggested
questions, built by coverage rather than by tier (DESIGN.md, "selection policy version 2"):

1. Essential questions first: the crisis question on every list, and the session-day
   basics for everyone going to sessions.
2. Then rounds over the patient's signals: each health flag and medicine kind in the
   bank's clinical risk order, each concern, each condition, each support and readiness
   gap, the visit stage, each treatment tried, and last the general questions. In every
   round each signal that is not yet heard that many times earns one question, so every
   signal is heard once before any is heard twice. A question counts for every signal its
   rule matches, and one question may name several conditions.
3. A list holds one question per bank group (no near-duplicates), and never a question
   whose rule excludes the patient's visit stage.
4. What does not fit the main list is the "if there is time" section (at most
   ``MAX_IF_TIME``); everything else stays in "browse more".

The patient's own edits (picks, added, moved, removed) are applied on top of that default
list, so removing one question never reshuffles the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from questions import vocab
from questions.content import NAMED_CONDITIONS, SAFETY_KEYS, TRIGGER_TIERS, Bank, BankQuestion, load_bank
from questions.models import MAX_TOP, Answers, normalise_question

MAX_MAIN = 12
"""Suggested questions on the main list (the patient's own come on top of these)."""
MAX_IF_TIME = 10
"""Questions the engine puts under "if there is time"."""
MAX_BANK_QUESTIONS = 25
"""Suggested questions a list may hold in all, main list and "if there is time" together."""
MAX_NAMED_CONDITIONS = 3
"""Conditions one question may name (more would make a question too long to read)."""
OWN_PREFIX = "own-"
OWN_TOPIC = "own"
ALWAYS = "always"

Signal = tuple[str, str]
"""(rule key, id), for example ("concerns", "cost"); ("always", "") for general questions."""
GENERAL: Signal = (ALWAYS, "")


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


def patient_signals(answers: Answers, bank: Bank) -> list[Signal]:
    """Every signal the answers give, in the order the engine hears them."""
    safety = [(key, value) for key in SAFETY_KEYS for value in getattr(answers, key)]
    safety.sort(key=lambda signal: bank.risk_rank[f"{signal[0]}:{signal[1]}"])
    signals: list[Signal] = [*safety]
    signals += [("concerns", concern) for concern in answers.concerns]
    signals += [("conditions", condition) for condition in answers.conditions]
    signals += [("support_gaps", key) for key in vocab.SUPPORT_KEYS if _is_gap(getattr(answers.support, key))]
    signals += [
        ("readiness_gaps", key) for key in vocab.READINESS_KEYS if _is_gap(getattr(answers.readiness, key))
    ]
    if answers.visit.stage:
        signals.append(("stages", answers.visit.stage))
    if answers.age_group:
        signals.append(("age_groups", answers.age_group))
    signals += [("tried_treatments", treatment) for treatment in answers.tried_treatments]
    return signals


def _is_gap(answer: str | None) -> bool:
    return answer in vocab.GAP_ANSWERS


def _matches(question: BankQuestion, signals: Iterable[Signal], bank: Bank) -> list[Signal]:
    """The patient's signals this question's rule answers to, in the order they are heard."""
    answers_to = bank.signals_of[question.id]
    matched = [signal for signal in signals if signal in answers_to]
    if question.when.always:
        matched.append(GENERAL)
    return matched


class _Selection:
    """The default list for one patient: essentials, then rounds of coverage."""

    def __init__(self, answers: Answers, bank: Bank) -> None:
        self.bank = bank
        self.stage = answers.visit.stage
        self.signals = [*patient_signals(answers, bank), GENERAL]
        self.heard: Counter[Signal] = Counter()
        self.groups: set[str] = set()
        self.order: list[str] = []
        """Question ids in the order the engine chose them."""
        self.rank: dict[str, tuple[float, ...]] = {}
        self.reasons: dict[str, list[Signal]] = {}
        self.named: dict[str, tuple[str, ...]] = {}
        self.essential_ids: list[str] = []
        patient_conditions = [c for c in answers.conditions if c in NAMED_CONDITIONS]
        self.patient_conditions = patient_conditions

    def fits(self, question: BankQuestion) -> bool:
        return (
            question.id not in self.rank
            and question.when.fits_stage(self.stage)
            and (question.group is None or question.group not in self.groups)
        )

    def take(self, question: BankQuestion, rank: tuple[float, ...], covers: list[Signal]) -> None:
        self.order.append(question.id)
        self.rank[question.id] = rank
        self.reasons[question.id] = covers
        if question.group:
            self.groups.add(question.group)
        self.heard.update(covers)

    def choose_essentials(self) -> None:
        """The questions every matching list carries, ranked just after the concerns."""
        after_concerns = sum(1 for key, _ in self.signals if key in (*SAFETY_KEYS, "concerns"))
        for question in self.bank.questions:
            if not question.essential or not self.fits(question):
                continue
            # An essential question that also applies to everyone does not use up the
            # general questions' turn: only the patient's own signals count as heard.
            covers = [signal for signal in _matches(question, self.signals, self.bank) if signal != GENERAL]
            if covers or question.when.always:
                self.take(question, (0, after_concerns - 0.5, len(self.essential_ids)), covers)
                self.essential_ids.append(question.id)

    def candidates(self, signal: Signal) -> Iterator[BankQuestion]:
        if signal == GENERAL:
            yield from (q for q in self.bank.questions if q.when.always and not q.essential)
        else:
            yield from self.bank.raised_by.get(signal, ())

    def pick(self, signal: Signal) -> tuple[BankQuestion, list[Signal], tuple[str, ...]] | None:
        """The best question for one signal, with the signals it covers and names."""
        for question in self.candidates(signal):
            if not self.fits(question):
                continue
            if question.names_conditions:
                named = tuple(
                    c
                    for c in self.patient_conditions
                    if self.heard[("conditions", c)] == 0 and c in question.when.conditions
                )
                if signal[0] != "conditions" or len(named) < 2:
                    continue
                named = named[:MAX_NAMED_CONDITIONS]
                return question, [("conditions", c) for c in named], named
            return question, _matches(question, self.signals, self.bank), ()
        return None

    def choose(self, budget: int) -> None:
        """Rounds of coverage until ``budget`` questions are chosen or nothing fits."""
        round_number = 0
        while len(self.order) < budget:
            waiting = False  # a signal heard more often than this round may still want more
            progress = False
            for position, signal in enumerate(self.signals):
                if len(self.order) >= budget:
                    break
                if self.heard[signal] > round_number:
                    waiting = True
                    continue
                found = self.pick(signal)
                if found is None:
                    continue
                question, covers, named = found
                self.take(question, (round_number, position, 0), covers)
                if named:
                    self.named[question.id] = named
                progress = True
            if not progress and not waiting:
                break
            round_number += 1


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


def _tier(signals: list[Signal]) -> str:
    """The tier of the most important signal behind a question ("chosen" for none)."""
    if not signals:
        return "chosen"
    key = signals[0][0]
    return "general" if key == ALWAYS else TRIGGER_TIERS[key]


def build_list(answers: Answers, bank: Bank | None = None) -> QuestionList:
    """The patient's list in print order (DESIGN.md, "The PDF"): the three to ask first,
    the rest of the main list by topic, "if there is time", then the patient's own."""
    bank = bank or load_bank()
    by_id = bank.by_id
    own = _own_questions(answers)
    own_ids = {qid for qid, _ in own}

    mentioned = [
        *answers.top_questions,
        *answers.removed_questions,
        *answers.added_questions,
        *answers.if_time_questions,
    ]
    skipped = tuple(dict.fromkeys(q for q in mentioned if q not in by_id and q not in own_ids))

    selection = _Selection(answers, bank)
    selection.choose_essentials()
    selection.choose(MAX_MAIN + MAX_IF_TIME)
    essentials = selection.essential_ids
    engine_picks = [q for q in selection.order if q not in essentials]
    main_room = max(MAX_MAIN - len(essentials), 0)
    default_main = [*essentials, *engine_picks[:main_room]]
    default_if_time = engine_picks[main_room : main_room + MAX_IF_TIME]

    # The patient's edits, on top of the default list.
    kept = {q.id for q in bank.questions if q.keep}
    removed = [q for q in answers.removed_questions if q in by_id and q not in kept]
    removed_set = set(removed)
    picks = [q for q in answers.top_questions if q in by_id and q not in removed_set]
    wanted = [q for q in answers.added_questions if q in by_id and q not in removed_set]
    later = [
        q
        for q in answers.if_time_questions
        if q in by_id and q not in removed_set and q not in kept and q not in picks
    ]
    later_set = set(later)
    wanted = [q for q in wanted if q not in later_set]

    priority = [
        *(q for q in essentials if q in kept),
        *picks,
        *wanted,
        *(q for q in default_main if q not in removed_set and q not in later_set),
    ]
    patient_chosen = set(picks) | set(wanted)
    main: list[str] = []
    overflow: list[str] = []
    groups_on_main: set[str] = set()
    for qid in dict.fromkeys(priority):
        group = by_id[qid].group
        if qid not in patient_chosen and group and group in groups_on_main:
            continue  # the patient chose a question that asks the same thing
        if len(main) < MAX_MAIN:
            main.append(qid)
            if group:
                groups_on_main.add(group)
        else:
            overflow.append(qid)

    on_main = set(main)
    if_time: list[str] = []
    patient_sourced = [q for q in dict.fromkeys([*later, *(q for q in overflow if q in patient_chosen)])]
    engine_sourced = [
        q
        for q in dict.fromkeys([*overflow, *default_if_time])
        if q not in patient_chosen and q not in removed_set and q not in on_main
    ]
    for qid in patient_sourced:
        if qid not in on_main and len(main) + len(if_time) < MAX_BANK_QUESTIONS:
            if_time.append(qid)
    for qid in engine_sourced:
        if len(if_time) >= MAX_IF_TIME or len(main) + len(if_time) >= MAX_BANK_QUESTIONS:
            break
        if qid not in if_time:
            if_time.append(qid)

    reasons = selection.reasons

    def rank_of(qid: str) -> tuple[float, ...]:
        return selection.rank.get(qid, (float("inf"), float(bank.position[qid]), 0))

    top = _pick_top(answers, main, own, selection, by_id)
    top_set = set(top)

    rest = sorted((q for q in main if q not in top_set), key=rank_of)
    topic_rank: dict[str, tuple[float, ...]] = {}
    for qid in rest:
        topic_rank.setdefault(by_id[qid].topic, rank_of(qid))
    rest.sort(key=lambda q: (topic_rank[by_id[q].topic], vocab.TOPICS.index(by_id[q].topic), rank_of(q)))
    if_time.sort(key=rank_of)

    def listed(qid: str, *, later: bool = False) -> ListedQuestion:
        if qid in own_ids:
            return ListedQuestion(
                id=qid, topic=OWN_TOPIC, custom=True, top=qid in top_set, tier=OWN_TOPIC, text=dict(own)[qid]
            )
        signals = reasons.get(qid) or _matches(by_id[qid], selection.signals, bank)
        named = selection.named.get(qid) or _named_for(by_id[qid], selection.patient_conditions)
        if by_id[qid].names_conditions:
            signals = [("conditions", c) for c in named]
        return ListedQuestion(
            id=qid,
            topic=by_id[qid].topic,
            custom=False,
            top=qid in top_set,
            tier=_tier(signals),
            reasons=tuple(ALWAYS if s == GENERAL else f"{s[0]}:{s[1]}" for s in signals) or ("chosen",),
            if_time=later,
            conditions=named,
        )

    printed = [listed(q) for q in [*top, *rest]]
    printed += [listed(q, later=True) for q in if_time]
    printed += [listed(qid) for qid, _ in own if qid not in top_set]
    on_list = on_main | set(if_time)
    return QuestionList(
        questions=tuple(printed),
        more=tuple(q.id for q in bank.questions if q.id not in on_list and q.id not in removed_set),
        removed=tuple(removed),
        skipped_ids=skipped,
    )


def _named_for(question: BankQuestion, patient_conditions: Sequence[str]) -> tuple[str, ...]:
    """The conditions a several-condition question names when the patient chose it."""
    if not question.names_conditions:
        return ()
    return tuple(c for c in patient_conditions if c in question.when.conditions)[:MAX_NAMED_CONDITIONS]


def _pick_top(
    answers: Answers,
    main: list[str],
    own: list[tuple[str, str]],
    selection: _Selection,
    by_id: dict[str, BankQuestion],
) -> list[str]:
    """The three to ask first: the patient's picks; else the most serious safety flag's
    question, the crisis question when the crisis plan is not settled, and the first
    concern's question; never three of one topic unless all three are safety questions."""
    own_ids = [qid for qid, _ in own]
    allowed = set(main) | set(own_ids)
    top = [q for q in answers.top_questions if q in allowed][:MAX_TOP]

    ranked = sorted(main, key=lambda q: selection.rank.get(q, (float("inf"),)))

    def first_for(keys: tuple[str, ...], value: str | None = None) -> str | None:
        for qid in ranked:
            if any(
                key in keys and (value is None or v == value) for key, v in selection.reasons.get(qid, [])
            ):
                return qid
        return None

    safety_first = first_for(SAFETY_KEYS)
    crisis = None
    if answers.support.crisis_plan != "yes":
        crisis = next((q for q in selection.essential_ids if by_id[q].keep and q in main), None)
    concern = first_for(("concerns",), answers.concerns[0]) if answers.concerns else None
    if answers.concerns and concern is None:
        concern = first_for(("concerns",))
    preferred = [q for q in (safety_first, crisis, concern) if q]

    def is_safety(qid: str) -> bool:
        return qid in by_id and any(key in SAFETY_KEYS for key, _ in selection.reasons.get(qid, []))

    def topic(qid: str) -> str:
        return by_id[qid].topic if qid in by_id else OWN_TOPIC

    settled = {crisis_id for crisis_id in selection.essential_ids if crisis is None and by_id[crisis_id].keep}
    for qid in [*preferred, *ranked, *own_ids]:
        if len(top) >= MAX_TOP:
            break
        if qid in top or qid in settled:
            continue
        one_topic = len(top) == MAX_TOP - 1 and len({topic(q) for q in [*top, qid]}) == 1
        if one_topic and not all(is_safety(q) for q in [*top, qid]):
            continue
        top.append(qid)
    for qid in [*ranked, *own_ids]:  # only one topic on the whole list: allow it
        if len(top) >= MAX_TOP:
            break
        if qid not in top:
            top.append(qid)
    return top
