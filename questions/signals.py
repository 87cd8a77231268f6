"""What a patient's answers say, as signals the selection policy hears.

A signal is ``(rule key, id)``: ``("concerns", "cost")``, ``("health", "substance_use")``,
``("support_gaps", "ride_home")``. The language a patient uses the app in is one too
(``("language", "es")``, for language access), and ``GENERAL`` stands for the general
questions every patient may get.
"""

from __future__ import annotations

from questions import vocab
from questions.content import NAMED_CONDITIONS, SAFETY_KEYS, SOURCE_LANGUAGE, Bank
from questions.models import Answers

Signal = tuple[str, str]
"""(rule key, id), for example ("concerns", "cost"); ("always", "") for general questions."""
ALWAYS = "always"
GENERAL: Signal = (ALWAYS, "")
LANGUAGE = "language"
"""The key of the language-access signal (no rule names a language: the policy does)."""
FOR_WHOM = "for_whom"
"""The key of the helper's signal (issue #24): a list for someone I help."""


def signal_name(signal: Signal) -> str:
    """How a list shows why a question was chosen: ``concerns:cost``, or ``always``."""
    return ALWAYS if signal == GENERAL else f"{signal[0]}:{signal[1]}"


def is_gap(answer: str | None) -> bool:
    """A "no" or "not sure" in the support plan or readiness: a gap that raises questions."""
    return answer in vocab.GAP_ANSWERS


def safety_signals(answers: Answers, bank: Bank) -> list[Signal]:
    """The health flags and medicine kinds ticked, most serious first (``risk_order``)."""
    safety = [(key, value) for key in SAFETY_KEYS for value in getattr(answers, key)]
    return sorted(safety, key=lambda signal: bank.risk_rank[signal_name(signal)])


def ranked_with_age(signals: list[Signal], answers: Answers, bank: Bank) -> list[Signal]:
    """Safety signals in risk order with a ``top_eligible_ages`` age group placed right after
    ``ages_rank_after`` (under 18: esketamine is not approved for them): it may then fill
    the "most serious safety flag" place and earn a second question like a critical signal."""
    policy = bank.policy
    age: Signal = ("age_groups", answers.age_group or "")
    if signal_name(age) not in policy.top_eligible_ages or policy.ages_rank_after is None:
        return signals
    cut = bank.risk_rank[policy.ages_rank_after]
    before = [s for s in signals if bank.risk_rank[signal_name(s)] <= cut]
    return [*before, age, *signals[len(before) :]]


def patient_signals(answers: Answers, bank: Bank) -> list[Signal]:
    """Every signal the answers give, in the order coverage hears them: the critical safety
    signals in risk order, the concerns (the concerns step promises them near the top), the
    age groups and the ride-home gap the policy hears with the safety signals
    (``with_safety``), the other safety signals in risk order, conditions, support and readiness
    gaps, the low-weight medicine signals (``heard_late``), the stage, the other age groups,
    treatments tried, the language when it is not the source language, and a helper's list
    (``for_whom``)."""
    safety = safety_signals(answers, bank)
    late = [signal for signal in safety if signal_name(signal) in bank.policy.heard_late]
    critical = [signal for signal in safety if signal_name(signal) in bank.policy.critical]
    age: list[Signal] = [("age_groups", answers.age_group)] if answers.age_group else []
    early = [signal for signal in age if signal_name(signal) in bank.policy.with_safety]
    gaps = [("support_gaps", key) for key in vocab.SUPPORT_KEYS if is_gap(getattr(answers.support, key))]
    early += [gap for gap in gaps if signal_name(gap) in bank.policy.with_safety]
    signals = [*critical, *(("concerns", concern) for concern in answers.concerns), *early]
    signals += [s for s in safety if s not in critical and s not in late]
    signals += [("conditions", condition) for condition in answers.conditions]
    signals += [gap for gap in gaps if gap not in early]
    signals += [
        ("readiness_gaps", key) for key in vocab.READINESS_KEYS if is_gap(getattr(answers.readiness, key))
    ]
    signals += late
    if answers.visit.stage:
        signals.append(("stages", answers.visit.stage))
    signals += [signal for signal in age if signal not in early]
    signals += [("tried_treatments", treatment) for treatment in answers.tried_treatments]
    if answers.language != SOURCE_LANGUAGE:
        signals.append((LANGUAGE, answers.language))
    if answers.for_whom == vocab.HELPER:
        signals.append((FOR_WHOM, vocab.HELPER))
    return signals


def clinical_signal_count(answers: Answers) -> int:
    """Health flags, medicine kinds, concerns and named conditions: fewer than the policy's
    ``thin_list_below`` make a thin list."""
    named = [condition for condition in answers.conditions if condition in NAMED_CONDITIONS]
    return len(answers.health) + len(answers.medication_types) + len(answers.concerns) + len(named)
