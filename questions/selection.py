"""The default list (selection policy version 3): the answers and the bank in, the main list
and "if there is time" out, before the patient's own edits.

DESIGN.md, "The question bank and the selection policy (version 3)". Coverage as in
version 2 (every signal heard once before any is heard twice; a question counts for every
signal its rule matches), with the clinical weights of ``data/bank.yaml``'s ``policy:``.
The main list is filled by these steps, in this order, each stopping when it is full:

1. the essentials: the crisis question, the after-hours question with a crisis-plan gap,
   and the stage's essentials (FDA status, driving, food), which do not count as hearing
   the stage;
2. the two most serious critical safety signals, one question each;
3. the patient's first concern;
4. the stage's own place;
5. every other critical safety signal, one question each;
5b. every concern, the age groups and gaps heard with safety, and every other health flag
    and medicine kind except the low-weight ones, one question each (the concerns after
    the first waiting when the places left cannot hold them all);
6. a second question for the two most serious critical signals;
7. a deciding question for a readiness gap;
8. language access;
8b. on a list for someone I help, one of the helper's own questions (issue #24);
9. a clinic's own ``priority: main`` questions;
10. the spine (core general questions) on a thin list;
11. rounds of coverage over every signal, light support gaps left out and every other
    support gap heard at most once.

"If there is time" then takes the light gaps first and more rounds of coverage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from questions.content import NAMED_CONDITIONS, SAFETY_KEYS, Bank, BankQuestion
from questions.models import Answers
from questions.signals import (
    FOR_WHOM,
    GENERAL,
    LANGUAGE,
    Signal,
    clinical_signal_count,
    patient_signals,
    ranked_with_age,
    safety_signals,
    signal_name,
)
from questions.vocab import READINESS_KEYS


def readiness_no(answers: Answers) -> bool:
    """A "no" among the readiness answers (not a "not sure"): the patient is not ready to decide."""
    return any(getattr(answers.readiness, key) == "no" for key in READINESS_KEYS)


MAX_MAIN = 12
"""Suggested questions on the main list (the patient's own come on top of these)."""
MAX_IF_TIME = 10
"""Questions the engine puts under "if there is time"."""
MAX_NAMED_CONDITIONS = 3
"""Conditions one question may name (more would make a question too long to read)."""


class Choice(NamedTuple):
    """One question the policy chose, the signals it covers, and the conditions it names."""

    question: BankQuestion
    covers: list[Signal]
    named: tuple[str, ...] = ()
    chosen_for: Signal | None = None
    """The signal the question was chosen for: the only one it counts as heard (policy
    ``heard_by_chosen_only``); None for a step's own picks, which count for all they cover."""


class Selection:
    """The state of one patient's default list while the policy's steps fill it."""

    def __init__(self, answers: Answers, bank: Bank) -> None:
        self.answers = answers
        self.bank = bank
        self.policy = bank.policy
        self.stage = answers.visit.stage
        self.signals = [*patient_signals(answers, bank), GENERAL]
        critical = [s for s in safety_signals(answers, bank) if f"{s[0]}:{s[1]}" in self.policy.critical]
        self.critical = ranked_with_age(critical, answers, bank)
        self.conditions = [c for c in answers.conditions if c in NAMED_CONDITIONS]
        self.heard: Counter[Signal] = Counter()
        self.groups: set[str] = set()
        self.order: list[str] = []
        """Question ids in the order the policy chose them."""
        self.reasons: dict[str, list[Signal]] = {}
        self.named: dict[str, tuple[str, ...]] = {}
        self.essentials: list[str] = []
        self.deferred: list[str] = []
        """Stage essentials moved to "If there is time" by a readiness "no"."""
        self.budget = MAX_MAIN
        self.exhausted: set[Signal] = set()
        """Signals no question fits any more (see ``pick``)."""
        self.heard_with_safety = {s for s in self.signals if signal_name(s) in self.policy.with_safety}
        self.late = {s for s in self.signals if signal_name(s) in self.policy.heard_late}

    def with_safety(self, signal: Signal) -> bool:
        """An age group or support gap the policy hears with the safety flags (``with_safety``)."""
        return signal in self.heard_with_safety

    def deferrable(self) -> tuple[str, ...]:
        """The essentials a readiness "no" moves to "If there is time" (``readiness_no_defers``)."""
        return self.policy.readiness_no_defers if readiness_no(self.answers) else ()

    def full(self) -> bool:
        return len(self.order) >= self.budget

    def fits(self, question: BankQuestion) -> bool:
        """Not chosen yet, fits the visit stage, and no question of its group is chosen."""
        return (
            question.id not in self.reasons
            and question.when.fits_stage(self.stage)
            and self.groups.isdisjoint(question.groups)
        )

    def matches(self, question: BankQuestion) -> list[Signal]:
        """The patient's signals this question answers to, in the order they are heard.

        A language-access question answers the language signal, which no rule names. A
        question made for one stage (``only_stages``) does not answer the stage: "it helped
        at first, now it helps less" answers the not-working concern, and the stage still
        earns its own in-treatment question."""
        answers_to = self.bank.signals_of[question.id]
        language = question.id in self.policy.language_access
        matched = [s for s in self.signals if s in answers_to or (language and s[0] == LANGUAGE)]
        if question.when.always:
            matched.append(GENERAL)
        return matched

    def take(self, choice: Choice) -> None:
        question = choice.question
        self.order.append(question.id)
        self.reasons[question.id] = choice.covers
        self.groups.update(question.groups)
        if choice.named:
            self.named[question.id] = choice.named
        self.heard.update(self.heard_by(choice))

    def heard_by(self, choice: Choice) -> list[Signal]:
        """The signals a chosen question counts as heard: the one it was chosen for, and the
        others of a key the policy hears together (``heard_together``: a deciding question
        answers every readiness gap it names); a step's own pick counts for all it covers."""
        if choice.chosen_for is None:
            return choice.covers
        together = self.policy.heard_together
        return [s for s in choice.covers if s == choice.chosen_for or s[0] in together]

    def candidates(self, signal: Signal) -> Iterator[BankQuestion]:
        """The questions that may answer a signal, best first (bank order)."""
        by_id = self.bank.by_id
        if signal == GENERAL:
            yield from (q for q in self.bank.questions if q.when.always and not q.essential)
        elif signal[0] == LANGUAGE:
            yield from (by_id[qid] for qid in self.policy.language_access if qid in by_id)
        else:
            yield from self.bank.raised_by.get(signal, ())

    def pick(self, signal: Signal) -> Choice | None:
        """The best question for one signal that still fits the list. A signal with none
        left never has one again (a list only grows), so it is not searched twice."""
        if signal in self.exhausted:
            return None
        choice = self._first_fitting(signal)
        if choice is None:
            self.exhausted.add(signal)
        return choice

    def _first_fitting(self, signal: Signal) -> Choice | None:
        for question in self.candidates(signal):
            if not self.fits(question) or self.general_for_safety(question, signal):
                continue
            if not question.names_conditions:
                return Choice(question, self.matches(question), chosen_for=signal)
            named = self._unheard_conditions(question)
            if signal[0] == "conditions" and len(named) >= 2:
                return Choice(question, [("conditions", c) for c in named], named)
        return None

    def general_for_safety(self, question: BankQuestion, signal: Signal) -> bool:
        """A general medicine question offered for a safety signal above ``heard_late``,
        which earns a question of its own (``general_medicines_group``)."""
        group = self.policy.general_medicines_group
        return (
            group is not None
            and group in question.groups
            and signal[0] in SAFETY_KEYS
            and signal not in self.late
        )

    def _unheard_conditions(self, question: BankQuestion) -> tuple[str, ...]:
        """The patient's conditions not yet heard that a several-condition question names."""
        unheard = [
            c for c in self.conditions if not self.heard[("conditions", c)] and c in question.when.conditions
        ]
        return tuple(unheard[:MAX_NAMED_CONDITIONS])

    def hear(self, signal: Signal) -> bool:
        """Give one signal one more question, if the list has room and a question fits."""
        if self.full():
            return False
        choice = self.pick(signal)
        if choice is None:
            return False
        self.take(choice)
        return True

    def hear_once(self, signals: list[Signal]) -> None:
        """Every signal of ``signals`` not heard yet earns one question."""
        for signal in signals:
            if not self.heard[signal]:
                self.hear(signal)


# --- the steps of the main list, in DESIGN.md's order ------------------------------------


def choose_essentials(sel: Selection) -> None:
    """Step 1. The crisis question on every list; the after-hours question with a
    crisis-plan gap; the consent question under 18; the stage's essentials. The stage is
    not heard by them."""
    for question in (q for q in sel.bank.questions if q.essential or q.essential_stages):
        covers = [s for s in sel.matches(question) if s != GENERAL and s[0] != "stages"]
        wanted = (question.essential and (covers or question.when.always)) or (
            sel.stage in question.essential_stages
        )
        if wanted and question.id in sel.deferrable():
            sel.deferred.append(question.id)
        elif wanted and sel.fits(question) and not sel.full():
            sel.take(Choice(question, covers, chosen_for=essential_hears(sel, question, covers)))
            sel.essentials.append(question.id)


def essential_hears(sel: Selection, question: BankQuestion, covers: list[Signal]) -> Signal | None:
    """What an essential is chosen for. The crisis questions: the crisis-plan gap they answer
    (None: all they cover). A stage essential is chosen for the stage, which it does not
    hear, and hears no concern either (the FDA question leaves "which forms do you offer"
    its own place), except a session-day logistics question, which is the after-session
    concern's own answer (``logistics``, ``logistics_concern``). An essential that answers
    something other than a support gap (the under-18 consent question) hears nothing: the
    age group keeps its own places."""
    if question.essential:
        return None if all(s[0] == "support_gaps" for s in covers) else GENERAL
    concern = ("concerns", sel.policy.logistics_concern)
    return concern if question.id in sel.policy.logistics and concern in covers else GENERAL


def choose_critical_first(sel: Selection) -> None:
    """Step 2. The two most serious critical safety signals, one question each."""
    sel.hear_once(sel.critical[: sel.policy.second_questions])


def choose_first_concern(sel: Selection) -> None:
    """Step 3. The patient's first concern (the concerns step promises it near the top)."""
    if sel.answers.concerns:
        sel.hear_once([("concerns", sel.answers.concerns[0])])


def choose_stage_place(sel: Selection) -> None:
    """Step 4. The stage's own place: first a question made for this stage that answers a
    concern ("it helped at first, now it helps less" for the not-working concern leads),
    then the stage's own question (in treatment "could my plan change"; choosing a clinic
    a vetting question; a first consultation a screening question)."""
    if not sel.stage:
        return
    for question in (q for q in sel.bank.questions if sel.stage in q.when.only_stages):
        covers = sel.matches(question)
        if covers and sel.fits(question) and not sel.full():
            sel.take(Choice(question, covers))
    sel.hear_once([("stages", sel.stage)])


def choose_critical_rest(sel: Selection) -> None:
    """Step 5. Every other critical safety signal, one question each."""
    sel.hear_once(sel.critical)


def choose_before_seconds(sel: Selection) -> None:
    """Step 5b. Before any signal earns a second question: every concern, the age groups and
    support gaps heard with safety (``with_safety``), and every other health flag and medicine
    kind (not the ``heard_late`` ones), one question each, in coverage order. When the places
    left cannot hold them all, the concerns after the first (which has its place, step 3)
    wait for coverage: every safety answer is seated first (clinician reviews 2 and 3: a heart
    patient's second heart question, then a second concern, took the only main-list place of
    their memory flag and their sleep medicine; a helper's question, of a ride gap's)."""
    with places_kept_for_later(sel):
        safety = [
            s
            for s in sel.signals
            if (sel.with_safety(s) or (s[0] in SAFETY_KEYS and s not in sel.late))
            and not sel.heard[s]
            and sel.pick(s) is not None
        ]
        concerns = [s for s in sel.signals if s[0] == "concerns" and not sel.heard[s]]
        room = max(0, sel.budget - len(sel.order) - len(safety))
        seated = {*safety, *concerns[:room]}
        sel.hear_once([s for s in sel.signals if s in seated])


@contextmanager
def places_kept_for_later(sel: Selection) -> Iterator[None]:
    """While steps 5b and 6 run, the places the later steps promise stay free."""
    reserved = places_promised_later(sel)
    sel.budget -= reserved
    try:
        yield
    finally:
        sel.budget += reserved


def places_promised_later(sel: Selection) -> int:
    """Main-list places the steps after 6 promise, kept free while 5b and 6 run: the deciding
    question for readiness gaps none answers yet (step 7), language access (step 8), the
    helper's question (step 8b) and a clinic's ``priority: main`` questions (step 9)."""
    gaps = [s for s in sel.signals if s[0] == "readiness_gaps"]
    places = int(bool(gaps) and not any(sel.heard[gap] for gap in gaps))
    places += sel.policy.language_on_main * any(s[0] == LANGUAGE for s in sel.signals)
    places += any(s[0] == FOR_WHOM for s in sel.signals)
    clinic = [q for q in sel.bank.questions if q.priority == "main" and sel.matches(q) and sel.fits(q)]
    return places + min(len(clinic), sel.policy.clinic_main_at_most)


def choose_critical_second(sel: Selection) -> None:
    """Step 6. A second question for the two most serious critical signals."""
    with places_kept_for_later(sel):
        for signal in sel.critical[: sel.policy.second_questions]:
            if sel.heard[signal] < 2:
                sel.hear(signal)


def choose_readiness(sel: Selection) -> None:
    """Step 7. One deciding question for the readiness gaps, if none answers them yet."""
    gaps = [s for s in sel.signals if s[0] == "readiness_gaps"]
    if not any(sel.heard[gap] for gap in gaps):
        for gap in gaps:
            if sel.hear(gap):
                break
    choose_readiness_second(sel)


def choose_readiness_second(sel: Selection) -> None:
    """With a readiness "no" (not ready to decide) on a thin list, a second deciding question
    ("can I take time to think") before any concern earns its second; a busy list keeps its
    places for its safety signals."""
    if not readiness_no(sel.answers) or clinical_signal_count(sel.answers) >= sel.policy.thin_list_below:
        return
    for key in READINESS_KEYS:
        gap = ("readiness_gaps", key)
        if getattr(sel.answers.readiness, key) == "no" and sel.heard[gap] < 2 and sel.hear(gap):
            return


def choose_language(sel: Selection) -> None:
    """Step 8. Language access for a patient using the app in another language: the
    interpreter and the forms in their language (``language_on_main``)."""
    for signal in (s for s in sel.signals if s[0] == LANGUAGE):
        while sel.heard[signal] < sel.policy.language_on_main and sel.hear(signal):
            pass


def choose_helper(sel: Selection) -> None:
    """Step 8b. On a list for someone I help, one of the helper's own questions (can I stay,
    what do I watch for at home, whom do we call) on the main list (issue #24). It ranks
    with the essentials, after the patient's own signals, so it never takes a place in the
    three to ask first from the patient's concerns or conditions."""
    chosen = len(sel.order)
    sel.hear_once([s for s in sel.signals if s[0] == FOR_WHOM])
    sel.essentials += sel.order[chosen:]


def choose_clinic_main(sel: Selection) -> None:
    """Step 9. A clinic's own questions marked ``priority: main`` whose rule matches."""
    taken = 0
    for question in (q for q in sel.bank.questions if q.priority == "main"):
        if taken >= sel.policy.clinic_main_at_most or sel.full():
            return
        covers = sel.matches(question)
        if covers and sel.fits(question):
            sel.take(Choice(question, covers))
            taken += 1


def choose_spine(sel: Selection) -> None:
    """Step 10. On a thin list, the core general questions."""
    if clinical_signal_count(sel.answers) >= sel.policy.thin_list_below:
        return
    for qid in sel.policy.spine:
        question = sel.bank.by_id.get(qid)
        if question is not None and sel.fits(question) and not sel.full():
            sel.take(Choice(question, sel.matches(question)))


def choose_main_coverage(sel: Selection) -> None:
    """Step 11. Rounds of coverage for the rest of the main list: no light gap, and every
    other support gap heard at most once."""
    light = {("support_gaps", gap) for gap in sel.policy.light_gaps}
    once = set(sel.policy.once_on_main)
    signals = [s for s in sel.signals if s not in light]
    cover_in_rounds(sel, signals, lambda signal: signal[0] in once and sel.heard[signal] >= 1)


def choose_if_time(sel: Selection) -> None:
    """ "If there is time": the light gaps first, the essentials a readiness "no" deferred,
    the rest of language access, then more rounds over every signal."""
    sel.budget = MAX_MAIN + MAX_IF_TIME
    light = [("support_gaps", gap) for gap in sel.policy.light_gaps]
    sel.hear_once([s for s in light if s in sel.signals])
    for qid in sel.deferred:
        question = sel.bank.by_id[qid]
        if sel.fits(question) and not sel.full():
            sel.take(Choice(question, [s for s in sel.matches(question) if s[0] != "stages"]))
    for signal in (s for s in sel.signals if s[0] == LANGUAGE):
        while sel.heard[signal] < len(sel.policy.language_access) and sel.hear(signal):
            pass
    cover_in_rounds(sel, sel.signals, lambda signal: False)


def cover_in_rounds(sel: Selection, signals: list[Signal], capped: Callable[[Signal], bool]) -> None:
    """In round n every signal heard at most n times earns one more question, until the
    list is full or a round finds no signal heard more than n times (then no question is
    left for any signal: a question taken in round n makes its signal heard n + 1 times)."""
    round_number = 0
    while not sel.full() and round_number <= max(sel.heard[s] for s in signals):
        for signal in signals:
            if sel.heard[signal] <= round_number and not capped(signal):
                sel.hear(signal)
        round_number += 1


MAIN_STEPS: tuple[Callable[[Selection], None], ...] = (
    choose_essentials,
    choose_critical_first,
    choose_first_concern,
    choose_stage_place,
    choose_critical_rest,
    choose_before_seconds,
    choose_critical_second,
    choose_readiness,
    choose_language,
    choose_helper,
    choose_clinic_main,
    choose_spine,
    choose_main_coverage,
)
"""The main list's steps, in DESIGN.md's order."""


class DefaultList(NamedTuple):
    """The policy's list before the patient's edits."""

    main: list[str]
    if_time: list[str]
    essentials: list[str]
    ranked: list[str]
    """Every chosen question in print rank: the main list's picks in the order chosen, then the
    essentials and language access (they do not depend on the patient's clinical answers,
    which print first), then "if there is time"."""
    selection: Selection


def default_list(answers: Answers, bank: Bank) -> DefaultList:
    """Run the policy's steps for one patient."""
    sel = Selection(answers, bank)
    for step in MAIN_STEPS:
        step(sel)
    main = list(sel.order)
    choose_if_time(sel)
    every_list = [*sel.essentials, *(q for q in main if q in sel.policy.language_access)]
    picks = [q for q in main if q not in every_list]
    ranked = [*picks, *every_list, *sel.order[len(main) :]]
    return DefaultList(main, sel.order[len(main) :], list(sel.essentials), ranked, sel)
