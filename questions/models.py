"""The saved-answers file, format version 1: the one model every part of the system shares.

The JSON form is public (DESIGN.md): fields may be added, never renamed. Unknown fields,
unknown vocabulary ids and wrong types are refused so that a typo never silently drops
an answer; question ids are checked later against the bank, because an id an older bank
knew must still load (it is skipped with a warning instead).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    field_validator,
)

from questions.content import SOURCE_LANGUAGE, available_languages, load_language_info
from questions.escape import normalise
from questions.vocab import (
    AgeGroup,
    Concern,
    Condition,
    ForWhom,
    HealthFlag,
    Language,
    MedicationType,
    Paper,
    Stage,
    TriedTreatment,
    YesNoUnsure,
)

FORMAT_VERSION = 1
MAX_TOP = 3
MAX_CUSTOM = 20
MAX_CUSTOM_CHARS = 300
MAX_ADDED = 25
MAX_REMOVED = 500
MAX_SHORT_TEXT = 200
MAX_CHOICES = 50
MAX_MEDICATIONS_CHARS = 1000

QUESTION_ID_PATTERN = r"^[a-z0-9_\-]{1,64}$"
QuestionId = Annotated[StrictStr, Field(pattern=QUESTION_ID_PATTERN)]


def clean_text(value: str) -> str:
    """A free-text answer under the one normalisation policy (``questions.escape``).

    Broken characters become U+FFFD, control and invisible format characters (bidi
    overrides, zero-width characters) are removed, newlines are kept, the ends trimmed.
    """
    return normalise(value)


def _clean_before(value: Any) -> Any:
    """Normalise a string before pydantic checks it: a lone surrogate would fail its check."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(item) if isinstance(item, str) else item for item in value]
    return value


def normalise_question(text: str) -> str:
    """The form two questions are compared in: case and spacing ignored."""
    return " ".join(text.casefold().split())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Visit(_Strict):
    """The appointment the list is for; every part optional (the PDF leaves blanks)."""

    stage: Stage | None = None
    provider: Annotated[StrictStr, Field(max_length=MAX_SHORT_TEXT)] = ""
    date: StrictStr = ""

    @field_validator("provider", mode="before")
    @classmethod
    def _clean_provider(cls, value: Any) -> Any:
        return _clean_before(value)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return value
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date written as YYYY-MM-DD, for example 2026-12-03") from None
        if not 1900 <= day.year <= 2199:
            raise ValueError("must be a date between the years 1900 and 2199, for example 2026-12-03")
        # Stored and saved in the one canonical form ("20261203" and "2026-W49-4" are 2026-12-03).
        return day.isoformat()


class Support(_Strict):
    """The patient's support plan; a ``no`` or ``unsure`` is a gap that becomes questions."""

    ride_home: YesNoUnsure | None = None
    check_in: YesNoUnsure | None = None
    therapist: YesNoUnsure | None = None
    journaling: YesNoUnsure | None = None
    rest_time: YesNoUnsure | None = None
    crisis_plan: YesNoUnsure | None = None


class Readiness(_Strict):
    """How ready the patient feels to decide; anything but ``yes`` adds decision questions."""

    sure_of_choice: YesNoUnsure | None = None
    know_benefits_risks: YesNoUnsure | None = None
    know_what_matters: YesNoUnsure | None = None
    enough_support: YesNoUnsure | None = None


class Output(_Strict):
    """How the printed list looks."""

    paper: Paper = "letter"
    large_print: StrictBool = False
    include_reasons: StrictBool = True
    answer_space: StrictBool = True
    include_summary: StrictBool = False


def _unique(values: list[Any]) -> list[Any]:
    """Keep the first of each repeated value, in order (ticking a box twice means once)."""
    return list(dict.fromkeys(values))


class Answers(_Strict):
    """Everything a patient told us. Only ``version`` is required."""

    version: int = Field(description="Format version; this software reads version 1.")
    language: Language = Field(
        default=SOURCE_LANGUAGE,
        description="A language code of the app's content folder (data/<code>/): en, es, ...",
    )
    visit: Visit = Field(default_factory=Visit)
    for_whom: ForWhom = Field(
        default="me",
        description=(
            "Vocabulary version 3: 'me' (the patient fills it in) or 'someone_i_help' (a family "
            "member or friend fills it in for the patient). A file without it is 'me'."
        ),
    )
    age_group: AgeGroup | None = Field(
        default=None, description="Vocabulary version 3: under_18, 18_to_24, 25_to_64 or 65_or_older."
    )
    conditions: list[Condition] = Field(default_factory=list, max_length=MAX_CHOICES)
    other_condition: Annotated[StrictStr, Field(max_length=MAX_SHORT_TEXT)] = ""
    tried_treatments: list[TriedTreatment] = Field(default_factory=list, max_length=MAX_CHOICES)
    health: list[HealthFlag] = Field(default_factory=list, max_length=MAX_CHOICES)
    medications: Annotated[StrictStr, Field(max_length=MAX_MEDICATIONS_CHARS)] = ""
    medication_types: list[MedicationType] = Field(default_factory=list, max_length=MAX_CHOICES)
    concerns: list[Concern] = Field(default_factory=list, max_length=MAX_CHOICES)
    support: Support = Field(default_factory=Support)
    readiness: Readiness = Field(default_factory=Readiness)
    custom_questions: list[StrictStr] = Field(default_factory=list, max_length=MAX_CUSTOM)
    top_questions: list[QuestionId] = Field(default_factory=list, max_length=MAX_TOP)
    removed_questions: list[QuestionId] = Field(default_factory=list, max_length=MAX_REMOVED)
    added_questions: list[QuestionId] = Field(
        default_factory=list,
        max_length=MAX_ADDED,
        description="Extension: bank questions the patient put on the main list (from 'browse more' or 'if there is time').",
    )
    if_time_questions: list[QuestionId] = Field(
        default_factory=list,
        max_length=MAX_ADDED,
        description="Extension: bank questions the patient moved to 'if there is time'.",
    )
    output: Output = Field(default_factory=Output)
    copy_id: Annotated[StrictStr, Field(max_length=64)] = Field(
        default="",
        description=(
            "Extension: random characters the app writes into each saved copy, so that its "
            "download address cannot be worked out from the answers. Has no effect when read."
        ),
    )

    @field_validator("version", mode="before")
    @classmethod
    def _known_version(cls, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be the number {FORMAT_VERSION}")
        if value > FORMAT_VERSION:
            raise ValueError(
                f"this file was saved by a newer version of the tool (format {value}); "
                f"this version reads format {FORMAT_VERSION}"
            )
        if value != FORMAT_VERSION:
            raise ValueError(f"must be the number {FORMAT_VERSION}")
        return value

    @field_validator("language", mode="before")
    @classmethod
    def _known_language(cls, value: Any) -> Any:
        known = available_languages()
        if not isinstance(value, str) or value not in known:
            shown = f"'{value[:20]}\u2026'" if isinstance(value, str) and len(value) > 20 else f"'{value}'"
            shown = shown if isinstance(value, str) else "that"
            names = ", ".join(f"{load_language_info(code).native_name} ({code})" for code in known)
            raise ValueError(f"{shown} is not a language this tool has; it has {names}")
        return value

    @field_validator("other_condition", "medications", "custom_questions", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return _clean_before(value)

    @field_validator(
        "conditions",
        "tried_treatments",
        "health",
        "medication_types",
        "concerns",
        "top_questions",
        "removed_questions",
        "added_questions",
        "if_time_questions",
    )
    @classmethod
    def _dedupe(cls, value: list[Any]) -> list[Any]:
        return _unique(value)

    @field_validator("custom_questions")
    @classmethod
    def _custom_limits(cls, value: list[str]) -> list[str]:
        cleaned: list[str] = []
        for index, text in enumerate(value):
            text = clean_text(text)
            if not text:
                raise ValueError(f"question {index + 1} is empty")
            if len(text) > MAX_CUSTOM_CHARS:
                raise ValueError(
                    f"question {index + 1} has {len(text)} characters; the most is {MAX_CUSTOM_CHARS}"
                )
            cleaned.append(text)
        return cleaned

    @classmethod
    def empty(cls, language: Language = SOURCE_LANGUAGE) -> Answers:
        """A fresh patient who has answered nothing yet."""
        return cls(version=FORMAT_VERSION, language=language)

    def to_json(self, *, copy_id: str | None = None) -> str:
        """The saved-answers file's text (what "Save to continue later" downloads).

        ``copy_id``: the session's random part (``ui.media``), written into the file.
        """
        saved = self if copy_id is None else self.model_copy(update={"copy_id": copy_id})
        return saved.model_dump_json(indent=2)
