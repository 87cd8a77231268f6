"""The selection policy's weights (version 3): clinical judgement written as data.

They live in ``data/bank.yaml`` under ``policy:``, next to ``risk_order``, where a clinician
can review them (``data/README.md`` explains each for a clinician). This module only says
what shape they have and checks that every name in them is a real signal or question.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from questions import vocab

GROUP_PREFIX = "group:"
"""An entry of ``top_fill`` that names a bank group rather than one question."""


class Weights(BaseModel):
    """``policy:`` in ``data/bank.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    critical: tuple[str, ...]
    """Safety signals (``key:id``) that always earn a main-list place, heard in risk order."""
    second_questions: int = Field(ge=0, le=4)
    """How many of the most serious critical signals present earn a second main-list question
    before any other signal earns its second."""
    top_eligible_through: str
    """The last ``risk_order`` entry that may fill the "most serious safety flag" place of the
    three to ask first; entries after it never do."""
    with_safety: tuple[str, ...] = ()
    """Signals (``key:id``) heard right after the safety signals rather than in their own
    place: the age groups a label treats differently."""
    heard_late: tuple[str, ...] = ()
    """Safety signals (``key:id``) below the cut-off heard after the concerns, conditions and
    gaps, not with the safety signals: a common antidepressant, other medicines, "I take
    medicines" never crowd out an unheard concern or gap."""
    heard_together: tuple[str, ...] = ()
    """Rule keys whose signals a chosen question hears together: every other signal counts as
    heard only by the question chosen for it."""
    top_eligible_ages: tuple[str, ...] = ()
    """Age groups (``age_groups:id``) that may fill the "most serious safety flag" place,
    ranked right after ``ages_rank_after`` in ``risk_order``."""
    ages_rank_after: str | None = None
    readiness_no_defers: tuple[str, ...] = ()
    """Stage essentials that wait for "If there is time" when a readiness answer is "no": the
    deciding question takes their place (driving stays: no driving until the next day)."""
    general_medicines_group: str | None = None
    """The bank group of general medicine questions ("do any of my medicines need to
    change"): never chosen for a safety signal above ``heard_late``, which earns its own."""
    light_gaps: tuple[str, ...]
    """Support-plan gaps that go to "If there is time" by default."""
    once_on_main: tuple[str, ...]
    """Rule keys whose every signal earns at most one main-list question of its own."""
    thin_list_below: int = Field(ge=0)
    """Fewer clinical signals than this (health flags, medicine kinds, concerns, named
    conditions) make a thin list, which keeps the ``spine`` questions on the main list."""
    spine: tuple[str, ...]
    logistics: tuple[str, ...]
    """Session-day logistics: never in the three to ask first unless the patient ticked the
    ``logistics_concern``."""
    logistics_concern: str
    top_fill: tuple[str, ...]
    """Fit or screening questions (ids, or ``group:name``) for a place left in the top three."""
    language_access: tuple[str, ...]
    """For a patient using the app in a language other than the source language."""
    language_on_main: int = Field(default=1, ge=0, le=2)
    """How many of ``language_access`` take a main-list place."""
    clinic_vetting: tuple[str, ...]
    """The rows a patient choosing a clinic compares, in worksheet order; one of them is on
    the main list for that stage."""
    clinic_main_at_most: int = Field(ge=0, le=2)

    def problems(self, risk_order: tuple[str, ...], question_ids: set[str]) -> list[str]:
        """Every name here that is not a safety signal or a question of the bank."""
        found = [f"critical: {s} is not in risk_order" for s in self.critical if s not in risk_order]
        if self.top_eligible_through not in risk_order:
            found.append(f"top_eligible_through: {self.top_eligible_through} is not in risk_order")
        found += [f"heard_late: {s} is not in risk_order" for s in self.heard_late if s not in risk_order]
        if self.ages_rank_after is not None and self.ages_rank_after not in risk_order:
            found.append(f"ages_rank_after: {self.ages_rank_after} is not in risk_order")
        found += [
            f"top_eligible_ages: {age} is not an age group"
            for age in self.top_eligible_ages
            if age.removeprefix("age_groups:") not in vocab.AGE_GROUPS or not age.startswith("age_groups:")
        ]
        found += [
            f"light_gaps: {gap} is not a support key"
            for gap in self.light_gaps
            if gap not in vocab.SUPPORT_KEYS
        ]
        lists = {
            "spine": self.spine,
            "logistics": self.logistics,
            "top_fill": tuple(q for q in self.top_fill if not q.startswith(GROUP_PREFIX)),
            "language_access": self.language_access,
            "readiness_no_defers": self.readiness_no_defers,
            "clinic_vetting": self.clinic_vetting,
        }
        found += [
            f"{name}: {qid} is not a question of the bank"
            for name, ids in lists.items()
            for qid in ids
            if qid not in question_ids
        ]
        if self.logistics_concern not in vocab.CONCERNS:
            found.append(f"logistics_concern: {self.logistics_concern} is not a concern")
        return found

    def top_eligible(self, risk_order: tuple[str, ...]) -> frozenset[str]:
        """The safety signals that may fill the "most serious safety flag" place."""
        return frozenset(risk_order[: risk_order.index(self.top_eligible_through) + 1])
