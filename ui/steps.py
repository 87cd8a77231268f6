"""The wizard's steps in order: where each lives, its title and its part of the guide."""

from __future__ import annotations

from dataclasses import dataclass

PAGES_FOLDER = "pages"
"""Where the step files live, beside ``app.py`` (``ui.streamlit_internals`` says what this
layout costs)."""


@dataclass(frozen=True)
class Step:
    slug: str
    """The step's id: its file is ``pages/<slug>.py``, its URL ``/<slug>``, its words ``ui.<slug>``."""
    guide: tuple[str, ...]
    """Guide section ids shown under "What the guide says"."""
    icon: str

    @property
    def path(self) -> str:
        """The step's file, as ``st.Page`` and ``st.switch_page`` take it (the one place a
        step's path is written)."""
        return f"{PAGES_FOLDER}/{self.slug}.py"


STEPS: tuple[Step, ...] = (
    Step("welcome", ("overview", "not_one_size"), ":material/waving_hand:"),
    Step("visit", ("finding_clinic", "faq_cost"), ":material/event:"),
    Step("conditions", ("faq_conditions", "how_it_works"), ":material/favorite:"),
    Step("health", ("faq_side_effects", "risks"), ":material/medication:"),
    Step("concerns", ("session_experience", "benefits", "risks", "faq_timing"), ":material/help:"),
    Step("support", ("support_plan", "session_experience"), ":material/diversity_1:"),
    Step("readiness", ("not_one_size", "benefits", "risks"), ":material/psychology:"),
    Step("review", ("faq_timing", "faq_cost"), ":material/checklist:"),
    Step("print", ("not_one_size",), ":material/print:"),
)

BY_SLUG = {step.slug: step for step in STEPS}


def neighbours(slug: str) -> tuple[Step | None, Step | None]:
    """The steps before and after ``slug`` (None at either end)."""
    index = [step.slug for step in STEPS].index(slug)
    before = STEPS[index - 1] if index > 0 else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after


def following(slug: str) -> Step:
    """The step after ``slug`` (which must not be the last)."""
    after = neighbours(slug)[1]
    if after is None:
        raise ValueError(f"{slug} is the last step")
    return after
