"""Loading and validating the content in ``data/``: the bank, the guide, labels, UI words.

Content is validated once, when first loaded, so a typo in a YAML file fails the tests
and the app's start-up rather than a patient's visit. Everything is cached per process:
content never changes while the app runs.
"""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from questions import vocab

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FONTS_DIR = DATA_DIR / "fonts"

TRIGGER_KEYS: tuple[str, ...] = (
    "health",
    "medication_types",
    "concerns",
    "conditions",
    "tried_treatments",
    "support_gaps",
    "readiness_gaps",
    "stages",
)
"""The answers a rule can match on, in the order the engine ranks them."""

Tier = Literal["safety", "concern", "personal", "general", "browse"]
TIER_ORDER: tuple[Tier, ...] = ("safety", "concern", "personal", "general", "browse")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_ids(field: str, values: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ValueError(f"{field}: unknown ids {unknown}")
    return values


class Rule(_Frozen):
    """When a question is suggested: any one matching answer is enough."""

    always: bool = False
    health: tuple[str, ...] = ()
    medication_types: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    tried_treatments: tuple[str, ...] = ()
    support_gaps: tuple[str, ...] = ()
    readiness_gaps: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _known_ids(self) -> Rule:
        _check_ids("health", self.health, vocab.HEALTH_FLAGS)
        _check_ids("medication_types", self.medication_types, vocab.MEDICATION_TYPES)
        _check_ids("concerns", self.concerns, vocab.CONCERNS)
        _check_ids("conditions", self.conditions, vocab.CONDITIONS)
        _check_ids("tried_treatments", self.tried_treatments, vocab.TRIED_TREATMENTS)
        _check_ids("support_gaps", self.support_gaps, vocab.SUPPORT_KEYS)
        _check_ids("readiness_gaps", self.readiness_gaps, vocab.READINESS_KEYS)
        _check_ids("stages", self.stages, vocab.STAGES)
        return self

    def describe(self) -> str:
        """The rule in one line, for clinical reviewers (``bank`` command)."""
        parts = ["always"] if self.always else []
        for key in TRIGGER_KEYS:
            ids = getattr(self, key)
            if ids:
                parts.append(f"{key}: {', '.join(ids)}")
        return "; ".join(parts) or "browse only"


class BankQuestion(_Frozen):
    """A question's structure; its words are looked up per language."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    topic: str
    source: str | None
    when: Rule = Field(default_factory=Rule)

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str) -> str:
        return _check_ids("topic", (value,), vocab.TOPICS)[0]

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str | None) -> str | None:
        if value is not None:
            _check_ids("source", (value,), vocab.GUIDE_SECTIONS)
        return value

    @property
    def default_tier(self) -> Tier:
        """The best tier a question can reach from its rule alone."""
        rule = self.when
        if rule.health or rule.medication_types:
            return "safety"
        if rule.concerns:
            return "concern"
        if (
            rule.conditions
            or rule.tried_treatments
            or rule.support_gaps
            or rule.readiness_gaps
            or rule.stages
        ):
            return "personal"
        return "general" if rule.always else "browse"


class QuestionText(_Frozen):
    text: str = Field(min_length=1)
    why: str = Field(min_length=1)


class GuideSection(_Frozen):
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
    citation: str | None = None


class Labels(_Frozen):
    """The words shown for every vocabulary id."""

    topics: dict[str, str]
    stages: dict[str, str]
    conditions: dict[str, str]
    tried_treatments: dict[str, str]
    health: dict[str, str]
    medication_types: dict[str, str]
    concerns: dict[str, str]
    support: dict[str, str]
    readiness: dict[str, str]
    answers: dict[str, str]

    @model_validator(mode="after")
    def _complete(self) -> Labels:
        expected = {
            "topics": vocab.TOPICS,
            "stages": vocab.STAGES,
            "conditions": vocab.CONDITIONS,
            "tried_treatments": vocab.TRIED_TREATMENTS,
            "health": vocab.HEALTH_FLAGS,
            "medication_types": vocab.MEDICATION_TYPES,
            "concerns": vocab.CONCERNS,
            "support": vocab.SUPPORT_KEYS,
            "readiness": vocab.READINESS_KEYS,
            "answers": vocab.YES_NO_UNSURE,
        }
        for field, ids in expected.items():
            have = set(getattr(self, field))
            if have != set(ids):
                raise ValueError(
                    f"labels.{field}: missing {sorted(set(ids) - have)}, extra {sorted(have - set(ids))}"
                )
        return self


class Bank(_Frozen):
    questions: tuple[BankQuestion, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Bank:
        ids = [question.id for question in self.questions]
        repeated = sorted({qid for qid in ids if ids.count(qid) > 1})
        if repeated:
            raise ValueError(f"repeated question ids: {repeated}")
        return self

    # Derived once per loaded bank (the bank never changes while the app runs).
    @cached_property
    def by_id(self) -> dict[str, BankQuestion]:
        return {question.id: question for question in self.questions}

    @cached_property
    def position(self) -> dict[str, int]:
        """Each question's place in editorial order."""
        return {question.id: n for n, question in enumerate(self.questions)}

    @cached_property
    def raised_by(self) -> dict[tuple[str, str], tuple[BankQuestion, ...]]:
        """For each (rule key, vocabulary id), the questions it raises, in editorial order."""
        index: dict[tuple[str, str], list[BankQuestion]] = {}
        for question in self.questions:
            for key in TRIGGER_KEYS:
                for value in getattr(question.when, key):
                    index.setdefault((key, value), []).append(question)
        return {trigger: tuple(questions) for trigger, questions in index.items()}


class LanguagePack(_Frozen):
    """All the words of one language."""

    language: str
    questions: dict[str, QuestionText]
    guide: dict[str, GuideSection]
    labels: Labels
    ui: dict[str, Any]

    def text(self, key: str, **values: Any) -> str:
        """A UI string by dotted key, with ``{name}`` values filled in."""
        node: Any = self.ui
        for part in key.split("."):
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"ui text '{key}' is not a string")
        return node.format(**values) if values else node


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _ui_words(folder: Path) -> dict[str, Any]:
    """The app's words (``ui.yaml``), with the printed document's words under ``document``."""
    words: dict[str, Any] = _read_yaml(folder / "ui.yaml") or {}
    document = folder / "document.yaml"
    if document.exists():
        words["document"] = _read_yaml(document)
    return words


@cache
def load_bank() -> Bank:
    """The question bank's structure (rules, topics, sources), in editorial order."""
    return Bank.model_validate(_read_yaml(DATA_DIR / "bank.yaml"))


@cache
def load_language(language: str) -> LanguagePack:
    """Every word for ``language``, checked against the bank and the guide's ids."""
    if language not in vocab.LANGUAGES:
        raise ValueError(f"unknown language '{language}'")
    folder = DATA_DIR / language
    pack = LanguagePack(
        language=language,
        questions=_read_yaml(folder / "questions.yaml"),
        guide=_read_yaml(folder / "guide.yaml"),
        labels=_read_yaml(folder / "labels.yaml"),
        ui=_ui_words(folder),
    )
    bank_ids = {question.id for question in load_bank().questions}
    if set(pack.questions) != bank_ids:
        raise ValueError(
            f"{language}/questions.yaml does not match bank.yaml: "
            f"missing {sorted(bank_ids - set(pack.questions))}, "
            f"extra {sorted(set(pack.questions) - bank_ids)}"
        )
    if set(pack.guide) != set(vocab.GUIDE_SECTIONS):
        raise ValueError(f"{language}/guide.yaml must have exactly the sections {vocab.GUIDE_SECTIONS}")
    return pack


@cache
def available_languages() -> tuple[str, ...]:
    """The languages whose content is present (checked once: every rerun asks)."""
    needed = ("questions.yaml", "guide.yaml", "labels.yaml", "ui.yaml", "document.yaml")
    return tuple(
        lang for lang in vocab.LANGUAGES if all((DATA_DIR / lang / name).exists() for name in needed)
    )
