"""The three to ask first (selection policy version 3, "The three 'ask these first'").

Unless the patient picked their own (their picks come first and the policy fills the rest):

1. the crisis question first when the crisis plan is "no" or thoughts of suicide are
   ticked; otherwise in the top three when the plan is not "yes";
2. the question of the most serious safety signal that may take this place (the bank's
   ``top_eligible_through`` cut-off in ``risk_order``);
3. the first concern's question;
4. any place left: with a readiness "no", the deciding question; then, choosing a clinic,
   a vetting question; then a fit or screening question (``top_fill``), else the next question in
   print rank; never session-day logistics unless the patient ticked the after-session
   concern, and never three of one topic unless all three are safety questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from questions.content import SAFETY_KEYS, Bank
from questions.models import MAX_TOP, Answers
from questions.selection import DefaultList, readiness_no
from questions.signals import Signal, ranked_with_age, safety_signals, signal_name
from questions.weights import GROUP_PREFIX

CrisisPlace = Literal["first", "top"] | None
CHOOSING_CLINIC = "choosing_clinic"


def crisis_place(answers: Answers) -> CrisisPlace:
    """Where the crisis question goes among the three: first, anywhere, or not there."""
    if answers.support.crisis_plan == "no" or "suicidal_thoughts" in answers.health:
        return "first"
    return "top" if answers.support.crisis_plan != "yes" else None


class TopThree:
    """The three to ask first for one list: the main list, the own questions, the policy's
    reasons and print rank."""

    def __init__(self, answers: Answers, main: list[str], own_ids: list[str], default: DefaultList) -> None:
        self.answers = answers
        self.bank: Bank = default.selection.bank
        self.own_ids = own_ids
        self.reasons = default.selection.reasons
        on_main = set(main)
        ranked = [q for q in default.ranked if q in on_main]
        self.ranked = [*ranked, *(q for q in main if q not in set(ranked))]
        self.crisis = next((q for q in main if self.bank.by_id[q].keep), None)
        self.top: list[str] = []

    def first_for(self, signals: Iterable[Signal]) -> str | None:
        """The best-ranked main-list question chosen for the first of ``signals`` that has one."""
        for signal in signals:
            for qid in self.ranked:
                if signal in self.reasons.get(qid, ()):
                    return qid
        return None

    def safety(self) -> str | None:
        policy = self.bank.policy
        eligible = policy.top_eligible(self.bank.risk_order)
        signals = [s for s in safety_signals(self.answers, self.bank) if signal_name(s) in eligible]
        return self.first_for(ranked_with_age(signals, self.answers, self.bank))

    def concern(self, before: list[str | None]) -> str | None:
        """The first concern's question; when a question already in the three answers that
        concern too (the MAOI question answers "how my medicines mix"), the next concern's
        (clinician review 3: the place repeated the MAOI question)."""
        concerns = [("concerns", concern) for concern in self.answers.concerns]
        answered = {signal for qid in before if qid for signal in self.reasons.get(qid, ())}
        still_open = [signal for signal in concerns if signal not in answered]
        return self.first_for(still_open[:1]) or self.first_for(still_open) or self.first_for(concerns)

    def preferred(self) -> list[str | None]:
        """Rules 1 to 3, in the order they take places."""
        place = crisis_place(self.answers)
        safety = self.safety()
        if place == "first":
            return [self.crisis, safety, self.concern([self.crisis, safety])]
        if place == "top":
            return [safety, self.crisis, self.concern([safety, self.crisis])]
        return [safety, self.concern([safety])]

    def fit_questions(self) -> list[str]:
        """Rule 4: the main list's fit and screening questions, in ``top_fill`` order; for a
        patient choosing a clinic, its vetting questions first (``clinic_vetting``: what to
        ask every clinic is the point of that visit; clinician review 3)."""
        found: list[str] = []
        if readiness_no(self.answers):
            deciding = [
                q for q in self.ranked if any(k == "readiness_gaps" for k, _ in self.reasons.get(q, ()))
            ]
            found += deciding[:1]
        if self.answers.visit.stage == CHOOSING_CLINIC:
            found += [q for q in self.bank.policy.clinic_vetting if q in self.ranked]
        for entry in self.bank.policy.top_fill:
            group = entry.removeprefix(GROUP_PREFIX) if entry.startswith(GROUP_PREFIX) else None
            found += [q for q in self.ranked if q == entry or (group and group in self.bank.by_id[q].groups)]
        return found

    def below_cut_off(self, qid: str) -> bool:
        """Chosen only for safety signals below the top-eligible cut-off (a common
        antidepressant): not "the most serious safety flag", so not a filler either."""
        eligible = self.bank.policy.top_eligible(self.bank.risk_order)
        safety = [signal_name(s) for s in self.reasons.get(qid, ()) if s[0] in SAFETY_KEYS]
        return bool(safety) and not any(name in eligible for name in safety)

    def settled(self, qid: str) -> bool:
        """The crisis question with a crisis plan in place: it need not go first."""
        return qid == self.crisis and crisis_place(self.answers) is None

    def is_logistics(self, qid: str) -> bool:
        policy = self.bank.policy
        return qid in policy.logistics and policy.logistics_concern not in self.answers.concerns

    def is_safety(self, qid: str) -> bool:
        return any(key in SAFETY_KEYS for key, _ in self.reasons.get(qid, ()))

    def topic(self, qid: str) -> str:
        question = self.bank.by_id.get(qid)
        return question.topic if question else "own"

    def one_topic(self, qid: str) -> bool:
        """Would ``qid`` make the three one topic without all three being safety questions?"""
        three = [*self.top, qid]
        if len(three) < MAX_TOP or len({self.topic(q) for q in three}) > 1:
            return False
        return not all(self.is_safety(q) for q in three)

    def offer(self, candidates: Iterable[str | None], *, strict: bool = True) -> None:
        """Take candidates in order while places are left; ``strict`` keeps the rules on
        logistics and on one topic (off only when nothing else is left)."""
        for qid in candidates:
            if len(self.top) >= MAX_TOP:
                return
            if qid is None or qid in self.top:
                continue
            if strict and (self.settled(qid) or self.is_logistics(qid) or self.one_topic(qid)):
                continue
            self.top.append(qid)

    def choose(self) -> list[str]:
        allowed = {*self.ranked, *self.own_ids}
        self.top = [q for q in self.answers.top_questions if q in allowed][:MAX_TOP]
        self.offer(self.preferred())
        self.offer(self.fit_questions())
        self.offer(q for q in [*self.ranked, *self.own_ids] if not self.below_cut_off(q))
        self.offer([*self.ranked, *self.own_ids], strict=False)
        return self.top


def pick_top(answers: Answers, main: list[str], own_ids: list[str], default: DefaultList) -> list[str]:
    """The three to ask first, in order."""
    return TopThree(answers, main, own_ids, default).choose()
