"""How far a patient got: the first step they have not answered yet.

A loaded file or a restored tab should take the patient back to where they stopped, not
to the start. Each question step is "answered" once any of its answers is given; the
steps' order comes from the caller (the app's step list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from questions.models import Answers

ANSWERED: dict[str, Callable[[Answers], bool]] = {
    "visit": lambda a: bool(a.visit.stage or a.visit.provider or a.visit.date),
    "conditions": lambda a: bool(a.conditions or a.other_condition or a.tried_treatments),
    "health": lambda a: bool(a.health or a.medication_types or a.medications),
    "concerns": lambda a: bool(a.concerns),
    "support": lambda a: any(value is not None for value in a.support.model_dump().values()),
    "readiness": lambda a: any(value is not None for value in a.readiness.model_dump().values()),
}
"""The steps that ask something, and whether a patient has answered any of it."""


def first_unanswered(answers: Answers, order: Sequence[str]) -> str | None:
    """The first step in ``order`` with no answer yet; None when every question step has one."""
    for slug in order:
        if slug in ANSWERED and not ANSWERED[slug](answers):
            return slug
    return None
