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


def patient_signals(answers: Answers, bank: Bank) -> list[Signal]:
    """Every signal the answers give, in the order coverage hears them: safety in risk
    order (with the age groups the policy hears beside them), concerns, conditions,
    support and readiness gaps, the stage, the age group, treatments tried, the
    language when it is not the source language, and a helper's list (``for_whom``)."""
    signals = safety_signals(answers, bank)
    age: list[Signal] = [("age_groups", answers.age_group)] if answers.age_group else []
    early = [signal for signal in age if signal_name(signal) in bank.policy.with_safety]
    signals += early
    signals += [("concerns", concern) for concern in answers.concerns]
    signals += [("conditions", condition) for condition in answers.conditions]
    signals += [("support_gaps", key) for key in vocab.SUPPORT_KEYS if is_gap(getattr(answers.support, key))]
    signals += [
        ("readiness_gaps", key) for key in vocab.READINESS_KEYS if is_gap(getattr(answers.readiness, key))
    ]
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
