"""The clinic edition: a clinic names itself, adds its own questions and hides topics.

A clinic file is YAML (``examples/clinic.yaml``), validated by :class:`Clinic` with
unknown keys rejected. Its words are held to the bank's own content rules
(``questions.content_rules``). The app reads it from ``QUESTION_PREP_CLINIC`` at start-up,
the CLI from ``--clinic FILE``; :func:`use_clinic_file` loads one and makes it the
process's edition (``questions.content.activate_clinic``). Without one, the app is the
public, clinic-neutral edition.

Everything a clinic writes is shown as text, never as markup: the characters that would
start formatting in the app (Markdown, Streamlit's icons and colours, LaTeX, HTML) are
refused with a message that says so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from questions import content, vocab
from questions.content import LanguagePack, QuestionText, Rule
from questions.content_rules import question_problems, wording_problems
from questions.escape import streamlit_markdown
from questions.models import Answers
from questions.vocab import Language, Paper

ENV_VAR = "QUESTION_PREP_CLINIC"
MAX_FILE_BYTES = 256 * 1024
MAX_EXTRA_QUESTIONS = 20
MAX_MAIN_PRIORITY = 2
"""Clinic questions that may be marked ``priority: main`` (DESIGN.md, "Clinic edition")."""

_MARKUP = re.compile(r"[*_`\[\]<>$\\#|~{}^]|:[a-z_]+[/\[]")
_PHONE = re.compile(r"^[0-9+() .\-]{3,30}$")


class ClinicFileError(ValueError):
    """A clinic file that cannot be used: one plain sentence naming the problem."""


def _plain(value: str) -> str:
    value = " ".join(value.split())
    if _MARKUP.search(value):
        raise ValueError(
            "use plain words: the characters * _ ` [ ] < > $ \\ # | ~ { } ^ would be read as formatting"
        )
    problems = wording_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


PlainText = Annotated[str, Field(min_length=1, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _every_language(words: dict[str, Any] | None) -> dict[str, Any]:
    """A clinic's words keyed by language code: exactly the languages the app speaks
    (the registry, ``data/<code>/``); a missing one is named as a missing field."""
    words = words or {}
    known = content.available_languages()
    unknown = [code for code in words if code not in known]
    if unknown:
        raise PydanticCustomError(
            "unknown_language",
            "'{code}' is not a language of this app (it has {known})",
            {"code": unknown[0], "known": ", ".join(known)},
        )
    for code in known:
        if code not in words:
            raise PydanticCustomError("missing_language", "this is required", {"language": code})
    return words


class InBothLanguages(_Strict):
    """A line of the clinic's own words, in every language the app speaks: one key per
    language code (``en:``, ``es:``, and any language added to ``data/``)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, PlainText] = Field(init=False)

    @model_validator(mode="after")
    def _plain_words(self) -> InBothLanguages:
        words = _every_language(self.__pydantic_extra__)
        for code, value in words.items():
            try:
                words[code] = _plain(value)
            except ValueError as exc:
                raise PydanticCustomError(
                    "in_language", "{problem}", {"language": code, "problem": str(exc)}
                ) from None
        return self

    def words(self, language: str) -> str:
        """The line in ``language``."""
        return str((self.__pydantic_extra__ or {})[language])


class ExtraQuestion(_Strict):
    """One of the clinic's own questions: the bank's form, with its words in every language
    the app speaks (one key per language code, ``en:``, ``es:``, ...)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, QuestionText] = Field(init=False)

    id: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    topic: str
    when: Rule = Field(default_factory=Rule)
    priority: Literal["main"] | None = None
    """``main``: a main-list place whenever its rule matches (selection policy version 3)."""

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str) -> str:
        if value not in vocab.TOPICS:
            raise ValueError(f"'{value}' is not a topic; use one of: {', '.join(vocab.TOPICS)}")
        return value

    @model_validator(mode="after")
    def _content_rules(self) -> ExtraQuestion:
        for language in _every_language(self.__pydantic_extra__):
            words = self.words(language)
            for field in ("text", "why"):
                try:
                    _plain(getattr(words, field))
                except ValueError as exc:
                    raise ValueError(f"{language}.{field}: {exc}") from None
            problems = question_problems(words.text, words.why, language)
            if problems:
                raise ValueError(f"{language}: {'; '.join(problems)}")
        return self

    def words(self, language: str) -> QuestionText:
        """The question and its "why" in ``language``."""
        words: QuestionText = (self.__pydantic_extra__ or {})[language]
        return words


class Clinic(_Strict):
    """A clinic file (DESIGN.md, "Clinic edition")."""

    name: PlainText
    phone: str
    website: str | None = None
    after_hours: InBothLanguages | None = None
    """What to call outside office hours; shown beside the 988 line, never instead of it."""
    extra_questions: tuple[ExtraQuestion, ...] = Field(default=(), max_length=MAX_EXTRA_QUESTIONS)
    hide_topics: tuple[str, ...] = ()
    default_language: Language = content.SOURCE_LANGUAGE
    default_paper: Paper = "letter"

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        return _plain(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        value = " ".join(value.split())
        if not _PHONE.match(value) or sum(c.isdigit() for c in value) < 3:
            raise ValueError(
                "write the number with digits, spaces, + ( ) - and dots only, e.g. (555) 010-0100"
            )
        return value

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(
            r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[A-Za-z0-9._~/-]*)?", value
        ):
            raise ValueError("write the full address starting with https://, e.g. https://clinic.example.org")
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        known = content.available_languages()
        if value not in known:
            raise ValueError(f"'{value}' is not a language of this app; use one of: {', '.join(known)}")
        return value

    @field_validator("hide_topics")
    @classmethod
    def _known_topics(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [topic for topic in value if topic not in vocab.TOPICS]
        if unknown:
            raise ValueError(f"unknown topics {unknown}; use any of: {', '.join(vocab.TOPICS)}")
        return value

    @model_validator(mode="after")
    def _ids_are_new(self) -> Clinic:
        ids = [question.id for question in self.extra_questions]
        repeated = sorted({qid for qid in ids if ids.count(qid) > 1})
        if repeated:
            raise ValueError(f"extra_questions: the id {repeated[0]} is used twice")
        taken = [qid for qid in ids if qid in content._own_bank().by_id]
        if taken:
            raise ValueError(
                f"extra_questions: the id {taken[0]} is already a question in the bank; pick another"
            )
        main = [q.id for q in self.extra_questions if q.priority == "main"]
        if len(main) > MAX_MAIN_PRIORITY:
            raise ValueError(
                f"extra_questions: {len(main)} questions have priority: main ({', '.join(main)}); "
                f"at most {MAX_MAIN_PRIORITY} may"
            )
        hidden = [q.id for q in self.extra_questions if q.topic in self.hide_topics]
        if hidden:
            raise ValueError(f"extra_questions: {hidden[0]} is in a topic hide_topics hides")
        return self


def _where(location: tuple[str | int, ...]) -> str:
    """A field's place as a clinic reads it: ``extra_questions[0].en.text``."""
    parts: list[str] = []
    for part in location:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]" if parts else f"[{part}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def _first_problem(error: ValidationError) -> str:
    """The first problem pydantic found, as one sentence naming the field."""
    first = error.errors(include_url=False)[0]
    where = _where(tuple(p for p in first["loc"] if not str(p).startswith(("function-", "literal"))))
    message = first["msg"].removeprefix("Value error, ")
    context = first.get("ctx") or {}
    if first["type"] in ("missing_language", "in_language"):
        where = f"{where}.{context['language']}" if where else str(context["language"])
    if first["type"] == "extra_forbidden":
        message = "this key is not one a clinic file has (check its spelling)"
    elif first["type"] == "missing":
        message = "this is required"
    else:
        message = message.replace("Input should be", "must be").replace("a valid tuple", "a list")
    count = error.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML that refuses a key written twice (plain YAML keeps the last one silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ClinicFileError(f"'{key}' is written twice (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_clinic(text: str | bytes) -> Clinic:
    """A validated clinic from the file's text, or :class:`ClinicFileError`."""
    if len(text) > MAX_FILE_BYTES:
        raise ClinicFileError(f"it is larger than {MAX_FILE_BYTES // 1024} KB; a clinic file is a short list")
    try:
        document = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader that also refuses repeated keys
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ClinicFileError(f"it is not valid YAML{where}") from None
    if not isinstance(document, dict):
        raise ClinicFileError("it must be a YAML mapping with at least name and phone")
    try:
        return Clinic.model_validate(document)
    except ValidationError as exc:
        raise ClinicFileError(_first_problem(exc)) from None


def read_clinic(path: str | os.PathLike[str]) -> Clinic:
    """Read and validate the clinic file at ``path``; every problem is a :class:`ClinicFileError`
    whose message names the file."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ClinicFileError(f"clinic file '{path}': there is no such file") from None
    except IsADirectoryError:
        raise ClinicFileError(f"clinic file '{path}': it is a folder, not a file") from None
    except OSError as exc:
        raise ClinicFileError(f"clinic file '{path}': {exc.strerror or exc}") from None
    try:
        return parse_clinic(raw)
    except ClinicFileError as exc:
        raise ClinicFileError(f"clinic file '{path}': {exc}") from None


def plain(text: str) -> str:
    """Text shown literally by Streamlit's Markdown: the one escaper, ``questions.escape.streamlit_markdown``."""
    return streamlit_markdown(text)


def contact_line(pack: LanguagePack) -> str | None:
    """The active clinic's name and phone in one line ("Lakeside Mind Clinic: (555) 010-0142")."""
    clinic = content.active_clinic()
    return pack.text("clinic.contact", name=clinic.name, phone=clinic.phone) if clinic else None


def after_hours_line(pack: LanguagePack) -> str | None:
    """What the active clinic says to call outside office hours, in the pack's language.

    Shown beside the 988 line, never instead of it."""
    clinic = content.active_clinic()
    if clinic is None or clinic.after_hours is None:
        return None
    line: str = clinic.after_hours.words(pack.language)
    return line


def fresh_answers(language: Language | None = None) -> Answers:
    """A patient who has answered nothing yet, with the active clinic's defaults (language
    and paper) where the patient has not chosen."""
    clinic = content.active_clinic()
    answers = Answers.empty(language or (clinic.default_language if clinic else content.SOURCE_LANGUAGE))
    if clinic is not None:
        answers.output.paper = clinic.default_paper
    return answers


def use_clinic_file(path: str | os.PathLike[str] | None) -> Clinic | None:
    """Serve the clinic at ``path`` (or the public edition for None or "")."""
    clinic = read_clinic(path) if path else None
    content.activate_clinic(clinic)
    return clinic


def use_clinic_from_environment() -> Clinic | None:
    """The app's start-up: the clinic file named by ``QUESTION_PREP_CLINIC``, if any."""
    return use_clinic_file(os.environ.get(ENV_VAR, "").strip() or None)
