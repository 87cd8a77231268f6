"""Loading and validating the content in ``data/``: the bank, the guide, labels, UI words,
and the language registry (``data/<code>/language.yaml``: a language is a folder).

Content is validated once, when first loaded, so a typo in a YAML file fails the tests
and the app's start-up rather than a patient's visit. What is served, a content folder
(``QUESTION_PREP_DATA``) and, in the clinic edition, the clinic, is one :class:`Edition`;
everything is cached per edition: content never changes while the app runs.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from questions import strict_yaml, vocab
from questions.weights import Weights

if TYPE_CHECKING:
    from questions.clinic import Clinic


def _shipped_data() -> Path:
    """The project's own content folder: ``data/`` at the root of a checkout, or, when the
    package is installed (``pip install .``), the same folder installed inside it as
    ``questions/data`` (pyproject.toml maps it there without moving it)."""
    package = Path(__file__).resolve().parent
    installed = package / "data"
    return installed if (installed / "bank.yaml").is_file() else package.parent / "data"


DATA_DIR = _shipped_data()
"""The project's own content. The content a process serves is :func:`data_dir`."""
DATA_ENV_VAR = "QUESTION_PREP_DATA"
"""Names another content folder (a copy of ``data/`` with a language added, say): the
app, the CLI and ``python -m questions check`` all read it. Unset: ``DATA_DIR``."""
FONTS_DIR = DATA_DIR / "fonts"
SOURCE_LANGUAGE = "en"
"""The language the content is written in first: every other language is checked against
it (same keys, same placeholders), it is listed first, and it is the default."""
LANGUAGE_FILES = (
    "language.yaml",
    "questions.yaml",
    "guide.yaml",
    "labels.yaml",
    "ui.yaml",
    "document.yaml",
    "questions_for_helper.yaml",
    "ui_for_helper.yaml",
)
"""The files of one language's folder (``data/<code>/``): a folder with all of them is a
language the app offers; adding a language is adding such a folder."""
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
"""CLDR plural categories: a words entry whose keys are among these (``other`` always
there) is one text in several forms, chosen by a count (:meth:`LanguagePack.text`)."""


def configured_data_dir() -> Path:
    """The content folder the environment names (``$QUESTION_PREP_DATA``), else ``data/``."""
    configured = os.environ.get(DATA_ENV_VAR, "").strip()
    return Path(configured).resolve() if configured else DATA_DIR


@dataclass(frozen=True)
class Edition:
    """What is served: a content folder and, for the clinic edition, the clinic.

    The one explicit context of the core: the loaders below take an edition (or use the
    served one, :func:`served`), and everything loaded is cached per edition, so the
    engine, the renderers, the app and the CLI see one consistent bank and its words.
    """

    data: Path = DATA_DIR
    clinic: Clinic | None = None


_served = Edition(configured_data_dir())
"""The edition this process serves: deployment configuration, set once at start-up (the
app) or for one command (the CLI, :func:`serving`)."""


def served() -> Edition:
    """The edition this process serves."""
    return _served


def serve(edition: Edition) -> Edition:
    """Serve ``edition`` from now on; returns the one served before."""
    global _served
    before, _served = _served, edition
    return before


@contextmanager
def serving(edition: Edition) -> Iterator[Edition]:
    """Serve ``edition`` for the length of a ``with`` block (one CLI command, one test),
    then the one served before again."""
    before = serve(edition)
    try:
        yield edition
    finally:
        serve(before)


def data_dir() -> Path:
    """The content folder this process serves."""
    return _served.data


def use_data_dir(folder: str | os.PathLike[str] | None) -> Path:
    """Serve the content in ``folder`` from now on (None: ``$QUESTION_PREP_DATA`` or
    ``data/`` again), with the served clinic unchanged."""
    data = Path(folder).resolve() if folder is not None else configured_data_dir()
    serve(replace(_served, data=data))
    return data


Tier = Literal["safety", "concern", "personal", "general", "browse"]


class Trigger(NamedTuple):
    """One kind of answer a rule can match on: its rule key, its ids, and its tier."""

    key: str
    ids: tuple[str, ...]
    tier: Tier


TRIGGERS: tuple[Trigger, ...] = (
    Trigger("health", vocab.HEALTH_FLAGS, "safety"),
    Trigger("medication_types", vocab.MEDICATION_TYPES, "safety"),
    Trigger("concerns", vocab.CONCERNS, "concern"),
    Trigger("conditions", vocab.CONDITIONS, "personal"),
    Trigger("support_gaps", vocab.SUPPORT_KEYS, "personal"),
    Trigger("readiness_gaps", vocab.READINESS_KEYS, "personal"),
    Trigger("stages", vocab.STAGES, "personal"),
    Trigger("age_groups", vocab.AGE_GROUPS, "personal"),
    Trigger("tried_treatments", vocab.TRIED_TREATMENTS, "personal"),
    Trigger("for_whom", (vocab.HELPER,), "personal"),
)
"""The one table of what a rule can match on, in the order the engine hears signals.

Validation, tiers, the bank's index and the engine's signals are all derived from it.
"""

TRIGGER_KEYS: tuple[str, ...] = tuple(trigger.key for trigger in TRIGGERS)
TRIGGER_TIERS: dict[str, Tier] = {trigger.key: trigger.tier for trigger in TRIGGERS}
NAMED_CONDITIONS: tuple[str, ...] = tuple(c for c in vocab.CONDITIONS if c not in ("other", "exploring"))
"""Conditions a question can name in its words ("other" is the patient's own text)."""
SAFETY_KEYS: tuple[str, ...] = tuple(t.key for t in TRIGGERS if t.tier == "safety")
CITATIONS: tuple[str, ...] = ("Translational Psychiatry, 2023", "Current Research in Neuropharmacology, 2024")
"""The guide's two studies. Each backs one claim (new connections in the brain; feeling more
emotionally aware), so a citation rides on the questions that restate that claim, never on
a whole guide section."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_ids(field: str, values: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ValueError(f"{field}: unknown ids {unknown}; use any of: {', '.join(allowed)}")
    return values


class Rule(_Frozen):
    """When a question is suggested: any one matching answer is enough, unless the
    patient's visit stage is one the question does not fit (``not_stages``)."""

    always: bool = False
    health: tuple[str, ...] = ()
    medication_types: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    tried_treatments: tuple[str, ...] = ()
    support_gaps: tuple[str, ...] = ()
    readiness_gaps: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    for_whom: tuple[str, ...] = ()
    """Issue #24: ``[someone_i_help]`` for the helper's own questions (can I stay, what do I
    watch for at home, whom do we call)."""
    not_stages: tuple[str, ...] = ()
    only_stages: tuple[str, ...] = ()
    """Policy version 3: never suggested unless the visit stage is one of these ("it helped
    at first, now it helps less" is only for a patient in treatment)."""

    @model_validator(mode="after")
    def _known_ids(self) -> Rule:
        for trigger in TRIGGERS:
            _check_ids(trigger.key, getattr(self, trigger.key), trigger.ids)
        _check_ids("not_stages", self.not_stages, vocab.STAGES)
        _check_ids("only_stages", self.only_stages, vocab.STAGES)
        clash = set(self.stages) & set(self.not_stages) or set(self.only_stages) & set(self.not_stages)
        if clash:
            raise ValueError(f"not_stages names {sorted(clash)}, which the rule also asks for")
        return self

    def fits_stage(self, stage: str | None) -> bool:
        """False when the patient's stage is one this question does not fit."""
        if self.only_stages:
            return stage in self.only_stages
        return stage is None or stage not in self.not_stages

    def describe(self) -> str:
        """The rule in one line, for clinical reviewers (``bank`` command)."""
        parts = ["always"] if self.always else []
        for key in TRIGGER_KEYS:
            ids = getattr(self, key)
            if ids:
                parts.append(f"{key}: {', '.join(ids)}")
        if self.not_stages:
            parts.append(f"not for stages: {', '.join(self.not_stages)}")
        if self.only_stages:
            parts.append(f"only for stages: {', '.join(self.only_stages)}")
        return "; ".join(parts) or "browse only"


class BankQuestion(_Frozen):
    """A question's structure; its words are looked up per language."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    topic: str
    source: str | None
    group: str | None = Field(default=None, pattern=r"^[a-z0-9_]{1,64}$")
    """Questions that ask the same thing share a group; a list holds at most one of each."""
    also_groups: tuple[Annotated[str, Field(pattern=r"^[a-z0-9_]{1,64}$")], ...] = ()
    """Further groups a question overlaps with (a broad question that asks what two groups
    ask): on a list it keeps out the questions of every one of its groups, and they it."""
    essential: bool = False
    """On every list its rule matches, ahead of the coverage budget (the crisis question,
    the session-day basics)."""
    essential_stages: tuple[str, ...] = ()
    """Policy version 3: on every list of a patient at one of these visit stages, whatever
    its rule (the FDA question, driving, food); it does not count as hearing the stage."""
    keep: bool = False
    """The patient cannot remove it or move it off the main list (the crisis question)."""
    priority: Literal["main"] | None = None
    """A clinic's own question marked ``priority: main``: a main-list place when its rule
    matches (at most two on one list)."""
    names_conditions: bool = False
    """Its words hold ``{conditions}``: it asks about several of the patient's conditions
    at once, so one question covers them all."""
    citations: tuple[str, ...] = ()
    """The studies behind the claim its "why" restates (only questions that restate one)."""
    when: Rule = Field(default_factory=Rule)

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """Every group the question belongs to: its ``group`` first, then ``also_groups``."""
        return ((self.group,) if self.group else ()) + self.also_groups

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str) -> str:
        return _check_ids("topic", (value,), vocab.TOPICS)[0]

    @field_validator("essential_stages")
    @classmethod
    def _known_stages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_ids("essential_stages", value, vocab.STAGES)

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str | None) -> str | None:
        if value is not None:
            _check_ids("source", (value,), vocab.GUIDE_SECTIONS)
        return value

    @model_validator(mode="after")
    def _combined_needs_conditions(self) -> BankQuestion:
        if self.names_conditions and len(self.when.conditions) < 2:
            raise ValueError(f"{self.id}: names_conditions needs a rule with several conditions")
        if self.keep and not self.essential:
            raise ValueError(f"{self.id}: keep is only for essential questions")
        _check_ids("citations", self.citations, CITATIONS)
        if self.citations and self.source is None:
            raise ValueError(f"{self.id}: a citation needs the guide section it comes from")
        return self

    @property
    def default_tier(self) -> Tier:
        """The best tier a question can reach from its rule alone."""
        for trigger in TRIGGERS:
            if getattr(self.when, trigger.key):
                return trigger.tier
        return "general" if self.when.always else "browse"


class QuestionText(_Frozen):
    text: str = Field(min_length=1)
    why: str = Field(min_length=1)


class HelperText(_Frozen):
    """A question as someone who helps the patient asks it (``questions_for_helper.yaml``):
    the helper speaking about the patient ("my family member", "they"). ``why`` only where
    the patient's "why" would read wrongly to a helper."""

    text: str = Field(min_length=1)
    why: str | None = Field(default=None, min_length=1)


HELPER_LABELS = "labels"
"""The section of ``ui_for_helper.yaml`` that overlays ``labels.yaml`` (the rest overlays
``ui.yaml`` and, under ``document:``, ``document.yaml``)."""


def _dotted(node: Any, prefix: str = "") -> dict[str, Any]:
    """Every leaf of a words tree by dotted key (a text with plural forms is one leaf)."""
    if isinstance(node, dict) and not is_plural(node):
        found: dict[str, Any] = {}
        for key, value in node.items():
            found.update(_dotted(value, f"{prefix}{key}."))
        return found
    return {prefix.rstrip("."): node}


def _overlaid(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """``base`` with the leaves of ``overlay`` put in their places."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and not is_plural(value) and isinstance(merged.get(key), dict):
            merged[key] = _overlaid(merged[key], value)
        else:
            merged[key] = value
    return merged


def _braces(text: Any) -> set[str]:
    texts = text.values() if isinstance(text, dict) else [text]
    return {
        name
        for value in texts
        if isinstance(value, str)
        for _, name, _, _ in string.Formatter().parse(value)
        if name
    }


def overlay_problems(base: dict[str, Any], overlay: dict[str, Any], file: str) -> list[str]:
    """Keys of a helper's overlay that the base words lack, or whose ``{names}`` differ."""
    have = _dotted(base)
    problems = []
    for key, text in _dotted(overlay).items():
        if key not in have:
            problems.append(f"'{key}' is not a key of {file}")
        elif _braces(text) != _braces(have[key]):
            problems.append(f"'{key}' must use the placeholders {sorted(_braces(have[key]))}")
    return problems


class GuideSection(_Frozen):
    """One section of the guide in plain words. A study is named inside the sentence whose
    claim it supports, never on a whole section (so there is no section-level citation)."""

    title: str = Field(min_length=1)
    body: str = Field(min_length=1)


class Labels(_Frozen):
    """The words shown for every vocabulary id."""

    topics: dict[str, str]
    stages: dict[str, str]
    conditions: dict[str, str]
    condition_names: dict[str, str]
    """Short names of conditions to sit inside a sentence (a question naming several)."""
    tried_treatments: dict[str, str]
    health: dict[str, str]
    medication_types: dict[str, str]
    concerns: dict[str, str]
    support: dict[str, str]
    readiness: dict[str, str]
    answers: dict[str, str]
    age_groups: dict[str, str]

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
            "age_groups": vocab.AGE_GROUPS,
            "condition_names": NAMED_CONDITIONS,
        }
        for field, ids in expected.items():
            have = set(getattr(self, field))
            if have != set(ids):
                raise ValueError(
                    f"labels.{field}: missing {sorted(set(ids) - have)}, extra {sorted(have - set(ids))}"
                )
        return self


TOPICS_HIDDEN = "topics_hidden"
"""Validation context: a clinic edition's bank, some of whose topics are hidden."""


class Bank(_Frozen):
    risk_order: tuple[str, ...]
    """Every health flag and medicine kind as ``key:id``, most serious first: the order
    safety signals are heard in (clinical judgement, written down here, not vocabulary
    order)."""
    policy: Weights
    """The selection policy's weights (version 3), next to ``risk_order``."""
    questions: tuple[BankQuestion, ...]

    @model_validator(mode="after")
    def _policy_names_the_bank(self, info: ValidationInfo) -> Bank:
        # A clinic edition may hide topics, so its bank lacks some of the names: the
        # project's own bank was checked in full when it loaded.
        if info.context and info.context.get(TOPICS_HIDDEN):
            return self
        problems = self.policy.problems(self.risk_order, {question.id for question in self.questions})
        if problems:
            raise ValueError(f"policy: {'; '.join(problems)}")
        return self

    @model_validator(mode="after")
    def _unique_ids(self) -> Bank:
        ids = [question.id for question in self.questions]
        repeated = sorted({qid for qid in ids if ids.count(qid) > 1})
        if repeated:
            raise ValueError(f"repeated question ids: {repeated}")
        return self

    @model_validator(mode="after")
    def _complete_risk_order(self) -> Bank:
        expected = {f"{t.key}:{value}" for t in TRIGGERS if t.tier == "safety" for value in t.ids}
        have = list(self.risk_order)
        if len(have) != len(set(have)) or set(have) != expected:
            raise ValueError(
                f"risk_order must name each of {sorted(expected)} once: "
                f"missing {sorted(expected - set(have))}, extra {sorted(set(have) - expected)}"
            )
        return self

    @cached_property
    def risk_rank(self) -> dict[str, int]:
        """``key:id`` -> place in the clinical risk order (0 is most serious)."""
        return {signal: n for n, signal in enumerate(self.risk_order)}

    # Derived once per loaded bank (the bank never changes while the app runs).
    @cached_property
    def by_id(self) -> dict[str, BankQuestion]:
        return {question.id: question for question in self.questions}

    @cached_property
    def position(self) -> dict[str, int]:
        """Each question's place in editorial order."""
        return {question.id: n for n, question in enumerate(self.questions)}

    @cached_property
    def signals_of(self) -> dict[str, frozenset[tuple[str, str]]]:
        """For each question, every (rule key, id) its rule answers to."""
        return {
            question.id: frozenset(
                (key, value) for key in TRIGGER_KEYS for value in getattr(question.when, key)
            )
            for question in self.questions
        }

    @cached_property
    def raised_by(self) -> dict[tuple[str, str], tuple[BankQuestion, ...]]:
        """For each (rule key, vocabulary id), the questions it raises, in editorial order."""
        index: dict[tuple[str, str], list[BankQuestion]] = {}
        for question in self.questions:
            for key in TRIGGER_KEYS:
                for value in getattr(question.when, key):
                    index.setdefault((key, value), []).append(question)
        return {trigger: tuple(questions) for trigger, questions in index.items()}


Readability = Literal["flesch_kincaid_grade", "fernandez_huerta"]
"""The readability formulas the content rules know (``questions.content_rules``)."""


class LanguageInfo(_Frozen):
    """``data/<code>/language.yaml``: what the app needs to know about a language.

    Dates, month names and plural rules come from Babel's data for ``locale``.
    """

    native_name: str = Field(min_length=1, max_length=60)
    """The language in its own words, as the language picker shows it ("Español")."""
    tag: str = Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """The BCP-47 tag documents declare ("es-US")."""
    direction: Literal["ltr", "rtl"] = "ltr"
    locale: str
    """Babel's locale for dates and plurals ("es_US")."""
    readability: Readability
    """The readability formula its questions are held to (CONTENT.md)."""

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValueError(f"'{value}' is not a locale Babel knows (write it like es_US)") from None
        return value

    @cached_property
    def babel_locale(self) -> Locale:
        return Locale.parse(self.locale)


def is_plural(node: Any) -> bool:
    """Is this words entry one text in several plural forms (``one:``, ``other:``, ...)?"""
    return isinstance(node, dict) and "other" in node and set(node) <= set(PLURAL_FORMS)


class LanguagePack(_Frozen):
    """All the words of one language."""

    language: str
    info: LanguageInfo
    questions: dict[str, QuestionText]
    guide: dict[str, GuideSection]
    labels: Labels
    ui: dict[str, Any]
    for_helper: dict[str, HelperText] = Field(default_factory=dict)
    """Every bank question as a helper asks it (``questions_for_helper.yaml``)."""
    ui_for_helper: dict[str, Any] = Field(default_factory=dict)
    """The words that change for a helper (``ui_for_helper.yaml``): ``ui.yaml`` keys,
    ``document:`` keys and, under ``labels:``, ``labels.yaml`` keys."""
    for_whom: str = "me"
    """Whose side the words speak from: ``me`` (the patient) or ``someone_i_help``."""
    contact: str = ""
    """In a clinic edition, the clinic's name, phone and website in one line; else empty."""
    after_hours: str = ""
    """In a clinic edition, what the clinic says to call outside office hours; else empty."""

    def helper_view(self) -> LanguagePack:
        """The same words from a helper's side: each question's helper wording (its
        patient "why" unless the helper has one), the overlaid app and document words and
        labels. A clinic's own questions have only their own words and keep them."""
        questions = {
            qid: QuestionText(text=helper.text, why=helper.why or words.why)
            if (helper := self.for_helper.get(qid)) is not None
            else words
            for qid, words in self.questions.items()
        }
        overlay = {key: value for key, value in self.ui_for_helper.items() if key != HELPER_LABELS}
        labels = _overlaid(self.labels.model_dump(), self.ui_for_helper.get(HELPER_LABELS) or {})
        return self.model_copy(
            update={
                "questions": questions,
                "ui": _overlaid(self.ui, overlay),
                "labels": Labels.model_validate(labels),
                "for_whom": vocab.HELPER,
            }
        )

    def text(self, key: str, **values: Any) -> str:
        """A UI string by dotted key, with ``{name}`` values filled in.

        A text with plural forms (``one:``/``other:`` ...) takes the form the language's
        plural rule picks for ``count`` (English and Spanish: "1 page", "2 pages").
        """
        node: Any = self.ui
        for part in key.split("."):
            node = node[part]
        if is_plural(node):
            if "count" not in values:
                raise KeyError(f"ui text '{key}' has plural forms: it needs a count")
            node = node.get(self.info.babel_locale.plural_form(values["count"]), node["other"])
        if not isinstance(node, str):
            raise KeyError(f"ui text '{key}' is not a string")
        return node.format(**values) if values else node


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return strict_yaml.load(handle)


def _ui_words(folder: Path) -> dict[str, Any]:
    """The app's words (``ui.yaml``), with the printed document's words under ``document``."""
    words: dict[str, Any] = _read_yaml(folder / "ui.yaml") or {}
    document = folder / "document.yaml"
    if document.exists():
        words["document"] = _read_yaml(document)
    return words


def _own_bank() -> Bank:
    """The project's own bank, as ``data/bank.yaml`` has it."""
    return _bank_in(data_dir())


@cache
def _bank_in(folder: Path) -> Bank:
    return Bank.model_validate(_read_yaml(folder / "bank.yaml"))


def language_folders() -> tuple[str, ...]:
    """Every folder of the content folder that holds a language's files (complete or not),
    the source language first, then by code."""
    return _language_folders_in(data_dir())


@cache
def _language_folders_in(folder: Path) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    found = [
        child.name
        for child in folder.iterdir()
        if child.is_dir() and any((child / name).is_file() for name in LANGUAGE_FILES)
    ]
    return tuple(sorted(found, key=lambda code: (code != SOURCE_LANGUAGE, code)))


def load_language_info(language: str) -> LanguageInfo:
    """``data/<language>/language.yaml``, validated."""
    return _language_info_in(data_dir(), language)


@cache
def _language_info_in(folder: Path, language: str) -> LanguageInfo:
    if language not in _available_in(folder):
        raise ValueError(f"unknown language '{language}'")
    return LanguageInfo.model_validate(_read_yaml(folder / language / "language.yaml"))


@cache
def _language_in(data: Path, language: str) -> LanguagePack:
    """The content folder's own words for ``language``, checked against its bank and the
    guide's ids (without a clinic's questions)."""
    folder = data / language
    pack = LanguagePack(
        language=language,
        info=_language_info_in(data, language),
        questions=_read_yaml(folder / "questions.yaml"),
        guide=_read_yaml(folder / "guide.yaml"),
        labels=_read_yaml(folder / "labels.yaml"),
        ui=_ui_words(folder),
        for_helper=_read_yaml(folder / "questions_for_helper.yaml") or {},
        ui_for_helper=_read_yaml(folder / "ui_for_helper.yaml") or {},
    )
    bank_ids = {question.id for question in _bank_in(data).questions}
    for file, words in (("questions.yaml", pack.questions), ("questions_for_helper.yaml", pack.for_helper)):
        if set(words) != bank_ids:
            raise ValueError(
                f"{language}/{file} does not match bank.yaml: "
                f"missing {sorted(bank_ids - set(words))}, "
                f"extra {sorted(set(words) - bank_ids)}"
            )
    overlay = {key: value for key, value in pack.ui_for_helper.items() if key != HELPER_LABELS}
    problems = overlay_problems(pack.ui, overlay, "ui.yaml or document.yaml")
    problems += overlay_problems(
        pack.labels.model_dump(), pack.ui_for_helper.get(HELPER_LABELS) or {}, "labels.yaml"
    )
    if problems:
        raise ValueError(f"{language}/ui_for_helper.yaml: {'; '.join(problems)}")
    if set(pack.guide) != set(vocab.GUIDE_SECTIONS):
        raise ValueError(f"{language}/guide.yaml must have exactly the sections {vocab.GUIDE_SECTIONS}")
    return pack


def activate_clinic(clinic: Clinic | None) -> None:
    """Serve ``clinic``'s edition (None: the public one), with the served content folder."""
    serve(replace(_served, clinic=clinic))


def active_clinic() -> Clinic | None:
    """The clinic this process serves, or None."""
    return _served.clinic


def load_bank(edition: Edition | None = None) -> Bank:
    """The question bank's structure (rules, topics, sources), in editorial order, of
    ``edition`` (default: the served one).

    In a clinic edition: its hidden topics left out (never a question the patient may
    not remove, such as the crisis question), its own questions added at the end.
    """
    return _load_bank(edition or _served)


@lru_cache(maxsize=8)
def _load_bank(edition: Edition) -> Bank:
    bank = _bank_in(edition.data)
    clinic = edition.clinic
    if clinic is None:
        return bank
    kept = [q for q in bank.questions if q.topic not in clinic.hide_topics or q.keep]
    extra = [
        BankQuestion(id=q.id, topic=q.topic, source=None, when=q.when, priority=q.priority)
        for q in clinic.extra_questions
    ]
    return Bank.model_validate(
        {"risk_order": bank.risk_order, "policy": bank.policy, "questions": (*kept, *extra)},
        context={TOPICS_HIDDEN: bool(clinic.hide_topics)},
    )


def load_language(language: str, for_whom: str = "me", edition: Edition | None = None) -> LanguagePack:
    """Every word for ``language`` in ``edition`` (default: the served one): the content
    folder's, plus a clinic's questions and its name, phone and after-hours line; from a
    helper's side when ``for_whom`` is ``someone_i_help``."""
    if for_whom == vocab.HELPER:
        return _load_helper_language(edition or _served, language)
    return _load_language(edition or _served, language)


@lru_cache(maxsize=32)
def _load_helper_language(edition: Edition, language: str) -> LanguagePack:
    return _load_language(edition, language).helper_view()


@lru_cache(maxsize=32)
def _load_language(edition: Edition, language: str) -> LanguagePack:
    pack = _language_in(edition.data, language)
    clinic = edition.clinic
    if clinic is None:
        return pack
    extra = {q.id: q.words(language) for q in clinic.extra_questions}
    return pack.model_copy(
        update={
            "questions": {**pack.questions, **extra},
            "contact": clinic.contact(pack),
            "after_hours": clinic.after_hours_in(language),
        }
    )


def available_languages() -> tuple[str, ...]:
    """The languages whose folder is complete, in the picker's order (the source language
    first, then by code). Looked up once per content folder: every rerun asks."""
    return _available_in(data_dir())


@cache
def _available_in(folder: Path) -> tuple[str, ...]:
    return tuple(
        code
        for code in _language_folders_in(folder)
        if all((folder / code / name).is_file() for name in LANGUAGE_FILES)
    )
