"""The clinic edition: a clinic names itself, adds its own questions and hides topics.

A clinic file is YAML (``examples/clinic.yaml``), validated by :class:`Clinic` with
unknown keys rejected. Its words are held to the bank's own content rules
(``questions.content_rules``). The app reads it from ``QUESTION_PREP_CLINIC`` at start-up,
the CLI from ``--clinic FILE`` (for one command: ``questions.content.serving``). Without
one, the app is the public, clinic-neutral edition.

Everything a clinic writes is shown as text, never as markup: the characters that would
start formatting in the app (Markdown, Streamlit's icons and colours, LaTeX, HTML) are
refused with a message that says so.
"""

from __future__ import annotations

import os
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from questions import content, problems, vocab
from questions.clinic_yaml import ClinicFileError as ClinicFileError
from questions.clinic_yaml import load_yaml, read_regular_file, short
from questions.content import LanguagePack, QuestionText, Rule
from questions.content_rules import question_problems, wording_problems
from questions.escape import one_line, streamlit_markdown
from questions.models import Answers
from questions.vocab import Language, Paper

ENV_VAR = "QUESTION_PREP_CLINIC"
MAX_EXTRA_QUESTIONS = 20
MAX_MAIN_PRIORITY = 2
"""Clinic questions that may be marked ``priority: main`` (DESIGN.md, "Clinic edition")."""

_MARKUP = re.compile(r"[*_`\[\]<>$\\#|~{}^]|:[a-z_]+[/\[]")
_GROUP = r"(?:\(\d{1,5}\)|\d{1,12})"
_PHONE = re.compile(rf"\+?{_GROUP}(?:[ .\-]?{_GROUP})*")
"""Groups of digits (an area code may be in brackets) with at most one space, dot or dash
between them, and an optional + in front: "(555) 010-0100", "+44 20 7946 0958"."""
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15
"""Seven: the shortest local number; fifteen: the most a number has anywhere (ITU E.164)."""
_WEBSITE = re.compile(
    r"https://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?:/[A-Za-z0-9._~/-]*)?"
)
MAX_WEBSITE_CHARS = 100


def _checked_words(value: str) -> str:
    """A clinic's line of words after the patient words' normalisation policy
    (``questions.escape.normalise``: no bidi controls, zero-width or control characters,
    one line), checked as what will be shown."""
    value = one_line(value)
    if not value:
        raise ValueError("it is blank: write the words (spaces and invisible characters do not count)")
    if _MARKUP.search(value):
        raise ValueError(
            "use plain words: the characters * _ ` [ ] < > $ \\ # | ~ { } ^ would be read as formatting"
        )
    problems = wording_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


MAX_LINE_CHARS = 200
"""The longest line of a clinic's own words (its name, its after-hours line)."""
PlainText = Annotated[str, Field(max_length=MAX_LINE_CHARS)]
"""Checked for length as written; ``_checked_words`` refuses it blank after normalising."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _several(found: list[tuple[str, str]]) -> PydanticCustomError:
    """Several problems found by one validator, each with its place below the model's
    (``en.why``) and what is wrong: one line each in the clinic's message (``_problems``)."""
    return PydanticCustomError(
        SEVERAL, "{summary}", {"summary": "; ".join(m for _, m in found), "problems": found}
    )


def _every_language(words: dict[str, Any] | None, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """A clinic's words keyed by language code: exactly the languages the app speaks
    (the registry, ``data/<code>/``). ``keys``: the model's own keys, named beside the
    languages when a key is neither."""
    words = words or {}
    known = content.available_languages()
    found: list[tuple[str, str]] = []
    for code in words:
        if code in known:
            continue
        if keys:
            allowed = ", ".join((*keys, *known))
            found.append(
                (
                    "",
                    f"'{short(code)}' is not a key of a question (check its spelling); the keys are: {allowed}",
                )
            )
        else:
            found.append(
                (
                    "",
                    f"'{short(code)}' is not a language of this app; write one line for each of: {', '.join(known)}",
                )
            )
    found += [
        (code, f"this is required: the words in {_language_name(code)}")
        for code in known
        if code not in words
    ]
    if found:
        raise _several(found)
    return words


def _language_name(code: str) -> str:
    """A language as a clinic's staff name it: "Español (es)"."""
    return f"{content.load_language_info(code).native_name} ({code})"


class InBothLanguages(_Strict):
    """A line of the clinic's own words, in every language the app speaks: one key per
    language code (``en:``, ``es:``, and any language added to ``data/``)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Any] = Field(init=False)
    """Checked by ``_plain_words`` (a language the app lacks is named before a wrong value)."""

    @model_validator(mode="before")
    @classmethod
    def _one_line_each(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise PydanticCustomError(
                SEVERAL,
                "{summary}",
                {"summary": _IN_EACH_LANGUAGE(), "problems": [("", _IN_EACH_LANGUAGE())]},
            )
        return value

    @model_validator(mode="after")
    def _plain_words(self) -> InBothLanguages:
        words = _every_language(self.__pydantic_extra__)
        found: list[tuple[str, str]] = []
        for code, value in words.items():
            if not isinstance(value, str):
                found.append((code, "write it as plain words"))
            elif len(value) > MAX_LINE_CHARS:
                found.append((code, f"has {len(value)} characters; the most allowed is {MAX_LINE_CHARS}"))
            else:
                try:
                    words[code] = _checked_words(value)
                except ValueError as exc:
                    found.append((code, str(exc)))
        if found:
            raise _several(found)
        return self

    def words(self, language: str) -> str:
        """The line in ``language``."""
        return str((self.__pydantic_extra__ or {})[language])


def _by_language(value: Any) -> Any:
    """The bank's own form, ``text: {en: ..., es: ...}`` and ``why: {en: ..., es: ...}``,
    means the same as ``en: {text: ..., why: ...}``, ``es: {...}``: turned into that."""
    if not isinstance(value, dict) or not {"text", "why"} & set(value):
        return value
    fields = {field: value[field] for field in ("text", "why") if field in value}
    languages = content.available_languages()
    plain = [field for field, words in fields.items() if not isinstance(words, dict)]
    if plain:
        each = ", ".join(f"{code}: ..." for code in languages)
        raise _several(
            [
                (
                    field,
                    f"write it in each language the app speaks, e.g. {field}: {{{each}}}"
                    " (or the words under each language: en: {text: ..., why: ...})",
                )
                for field in plain
            ]
        )
    mixed = [code for code in languages if code in value]
    if mixed:
        problem = (
            f"the words are written two ways ({mixed[0]}: beside text: and why:); keep one: "
            "text: {en: ..., es: ...} with why: the same way, or en: {text: ..., why: ...}"
        )
        raise _several([(mixed[0], problem)])
    rest = {key: words for key, words in value.items() if key not in fields}
    codes = dict.fromkeys(code for words in fields.values() for code in words)
    for code in codes:
        rest[code] = {field: words[code] for field, words in fields.items() if code in words}
    return rest


class ExtraQuestion(_Strict):
    """One of the clinic's own questions: the bank's form, with its words in every language
    the app speaks (one key per language code, ``en:``, ``es:``, ...)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Any] = Field(init=False)
    """Checked, and made ``QuestionText``, by ``_content_rules``: every problem at once."""

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

    @model_validator(mode="before")
    @classmethod
    def _words_by_language(cls, value: Any) -> Any:
        return _by_language(value)

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, value: Any, handler: ModelWrapValidatorHandler[ExtraQuestion]) -> ExtraQuestion:
        """A question's words are checked even when one of its keys is wrong (a wrong
        ``priority`` and a missing Spanish "why" are two lines, not one)."""
        try:
            return handler(value)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            value = _by_language(value)  # raises on a form it cannot read
            if not isinstance(value, dict) or any(e["type"] == SEVERAL for e in errors):
                raise  # not a question at all, or its words were checked already
            found = [pair for e in errors for pair in _found(e, _WORDING, within=("extra_questions", 0))]
            words = {key: words for key, words in value.items() if key not in cls.model_fields}
            try:
                _checked_question_words(words, tuple(cls.model_fields))
            except PydanticCustomError as words_error:
                found += list((words_error.context or {})["problems"])
            raise _several(found) from None

    @model_validator(mode="after")
    def _content_rules(self) -> ExtraQuestion:
        _checked_question_words(self.__pydantic_extra__, tuple(type(self).model_fields))
        return self

    def words(self, language: str) -> QuestionText:
        """The question and its "why" in ``language``."""
        words: QuestionText = (self.__pydantic_extra__ or {})[language]
        return words


def _checked_question_words(extra: dict[str, Any] | None, keys: tuple[str, ...]) -> None:
    """A question's words in every language, checked by the bank's content rules and, in
    place, made the ``QuestionText`` shown (normalised); every problem raised at once."""
    extra = _every_language(extra, keys=keys)
    found: list[tuple[str, str]] = []
    for language in extra:
        try:
            words = QuestionText.model_validate(extra[language])
        except ValidationError as exc:
            found += [
                (f"{language}.{below}" if below else language, message)
                for e in exc.errors(include_url=False)
                for below, message in _found(e, _WORDING, within=("extra_questions", 0, language))
            ]
            continue
        plain_words: dict[str, str] = {}
        for field in ("text", "why"):
            try:
                plain_words[field] = _checked_words(getattr(words, field))
            except ValueError as exc:
                found.append((f"{language}.{field}", str(exc)))
        if len(plain_words) < 2:
            continue
        # What is checked is what is shown: the normalised words replace the written ones.
        words = extra[language] = words.model_copy(update=plain_words)
        found += [(language, problem) for problem in question_problems(words.text, words.why, language)]
    if found:
        raise _several(found)


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
        return _checked_words(value)

    @field_validator("phone", mode="before")
    @classmethod
    def _number_as_written(cls, value: object) -> object:
        """``phone: 5550100142`` without quotes is a YAML number: take it as written."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        value = one_line(value)
        digits = sum(char.isdigit() for char in value)
        if not _PHONE.fullmatch(value) or not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
            raise ValueError(
                f"write a phone number of {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} digits, in groups"
                " with single spaces, dots or dashes between them, e.g. (555) 010-0100 or +1 555 010 0100"
            )
        return value

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = one_line(value)
        if len(value) > MAX_WEBSITE_CHARS or not _WEBSITE.fullmatch(value):
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

    def contact(self, pack: LanguagePack) -> str:
        """Name, phone and website in one line, in the pack's words, the phone held together."""
        phone = unbroken_phones(self.phone)
        if not self.website:
            return pack.text("clinic.contact", name=self.name, phone=phone)
        shown = self.website.removeprefix("https://").rstrip("/")
        return pack.text("clinic.contact_website", name=self.name, phone=phone, website=shown)

    def after_hours_in(self, language: str) -> str:
        """What to call outside office hours in ``language`` ("" if the file says nothing),
        its phone numbers held together."""
        return unbroken_phones(self.after_hours.words(language)) if self.after_hours else ""

    @model_validator(mode="after")
    def _ids_are_new(self) -> Clinic:
        found: list[tuple[str, str]] = []
        ids = [question.id for question in self.extra_questions]
        found += [
            (
                f"extra_questions[{ids.index(qid)}].id",
                f"the id {qid} is used twice; give each question its own",
            )
            for qid in sorted({qid for qid in ids if ids.count(qid) > 1})
        ]
        bank = content._own_bank().by_id
        found += [
            (f"extra_questions[{n}].id", f"the id {qid} is already a question in the bank; pick another")
            for n, qid in enumerate(ids)
            if qid in bank
        ]
        main = [q.id for q in self.extra_questions if q.priority == "main"]
        if len(main) > MAX_MAIN_PRIORITY:
            found.append(
                (
                    "extra_questions",
                    f"{len(main)} questions have priority: main ({', '.join(main)}); "
                    f"at most {MAX_MAIN_PRIORITY} may",
                )
            )
        found += [
            (f"extra_questions[{n}].topic", f"{q.id} is in the topic {q.topic}, which hide_topics hides")
            for n, q in enumerate(self.extra_questions)
            if q.topic in self.hide_topics
        ]
        if found:
            raise _several(found)
        return self


SEVERAL = "clinic_problems"
"""The error type of a validator that found several problems (``_several``)."""


def _IN_EACH_LANGUAGE() -> str:
    languages = content.available_languages()
    return (
        "write it in each language the app speaks, one line under each: {"
        + ", ".join(f"{code}: ..." for code in languages)
        + "}"
    )


_INNER: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Clinic, "extra_questions"): ExtraQuestion,
    (Clinic, "after_hours"): InBothLanguages,
    (ExtraQuestion, "when"): Rule,
}


def _model_at(parent: problems.Location) -> type[BaseModel] | None:
    """The part of a clinic file at a place (None: a place with no keys of its own)."""
    model: type[BaseModel] = Clinic
    for part in parent:
        if isinstance(part, int):
            continue
        inner = _INNER.get((model, part))
        if inner is None and model is ExtraQuestion and part in content.available_languages():
            inner = QuestionText
        if inner is None:
            return None
        model = inner
    return model


_NOUNS: dict[type[BaseModel], str] = {
    Clinic: "a clinic file has at the top",
    ExtraQuestion: "of a question",
    Rule: "of a rule (when:)",
    QuestionText: "of a question's words",
}


def _no_hint(error: ErrorDetails) -> str | None:
    if error["type"] == "string_type":
        return "write it as plain words"
    return None


def _unknown_key(parent: problems.Location, key: str) -> str:
    model = _model_at(parent)
    if model is None:
        return f"'{short(key)}' is not a key here"
    return _unknown_in(model, key)


def _unknown_in(model: type[BaseModel], key: str) -> str:
    keys = (*model.model_fields, *(content.available_languages() if model is ExtraQuestion else ()))
    return f"'{short(key)}' is not a key {_NOUNS.get(model, 'here')} (check its spelling); the keys are: {', '.join(keys)}"


_HINTS: dict[tuple[str, str], str] = {
    (
        "model_type",
        "extra_questions[]",
    ): "write each question as keys under '- id:': id, topic, when, en and es (see examples/clinic.yaml)",
    (
        "model_type",
        "extra_questions[].when",
    ): "write the rule as keys with lists, e.g. when: {concerns: [cost]}",
    ("model_type", "extra_questions[].<language>"): "write the question's words as text: and why: under it",
    (
        "string_type",
        "name",
    ): "write the clinic's name once, as plain words (it is the same in every language)",
    ("string_type", "phone"): "write one phone number, in quotes: phone: '(555) 010-0100'",
    ("string_type", "website"): "write one address, starting with https://",
    ("tuple_type", "extra_questions"): "write a list of questions, each starting with '- id:'",
    ("tuple_type", "hide_topics"): "write a list of topics, e.g. hide_topics: [cost]",
    ("literal_error", "extra_questions[].priority"): "write priority: main, or leave it out",
    ("string_pattern_mismatch", "extra_questions[].id"): "use only lower-case letters, digits and _"
    " (at most 64), e.g. lakeside_parking",
}
"""The clinic file's own words for an error at a place (indexes and languages as ``[]`` and
``<language>``), where pydantic's own would name our classes or say too little."""


def _shape(location: problems.Location) -> str:
    languages = content.available_languages()
    parts = ["[]" if isinstance(p, int) else "<language>" if p in languages else str(p) for p in location]
    return "".join(p if p == "[]" else f".{p}" for p in parts).lstrip(".")


def _hint(error: ErrorDetails) -> str | None:
    kind, place = error["type"], _shape(problems.location(error))
    if kind == SEVERAL:
        return None
    if (kind, place) in _HINTS:
        return _HINTS[kind, place]
    if kind in ("model_type", "dict_type") and place == "after_hours":
        return _IN_EACH_LANGUAGE()
    if kind in ("tuple_type", "list_type"):
        return "write a list, e.g. [cost, side_effects] (or one item a line, each after '- ')"
    if kind.startswith("bool"):
        return "write true or false"
    if kind == "string_type":
        return "write it as plain words"
    return None


_WORDING = problems.Wording(unknown_key=_unknown_key, missing="this is required", hint=_hint)


def _found(
    error: ErrorDetails, wording: problems.Wording, within: problems.Location = ()
) -> list[tuple[str, str]]:
    """One pydantic error as (place, what is wrong and the fix) pairs: one pair, or the
    several a validator found. ``within``: where in the file the validated part sits (a
    question's words are validated on their own), for the words that depend on it."""
    place = problems.location(error)
    if error["type"] == SEVERAL:
        shown = problems.where(place)
        return [
            (".".join(part for part in (shown, below) if part), message)
            for below, message in (error.get("ctx") or {})["problems"]
        ]
    in_file = {**error, "loc": (*within, *error["loc"])}
    if error["type"] == "extra_forbidden":
        place = place[:-1]  # the key is named in the message, with the keys there are
    return [(problems.where(place), problems.message(in_file, wording))]  # type: ignore[arg-type]


def _problems(error: ValidationError) -> tuple[str, ...]:
    """Every problem pydantic found, one sentence each naming the key and the fix."""
    found = [pair for detail in error.errors(include_url=False) for pair in _found(detail, _WORDING)]
    return tuple(dict.fromkeys(f"{key}: {message}" if key else message for key, message in found))


def parse_clinic(text: str | bytes) -> Clinic:
    """A validated clinic from the file's text, or :class:`ClinicFileError` (never another error)."""
    document = load_yaml(text)
    if not isinstance(document, dict):
        raise ClinicFileError("it must be a YAML mapping with at least name and phone")
    try:
        return Clinic.model_validate(document)
    except ValidationError as exc:
        found = _problems(exc)
        if len(found) == 1:
            raise ClinicFileError(found[0]) from None
        raise ClinicFileError(f"it has {len(found)} problems, one a line below:", found) from None
    except (RecursionError, ValueError, TypeError):
        raise ClinicFileError("it holds a value of the wrong kind; see examples/clinic.yaml") from None


def read_clinic(path: str | os.PathLike[str]) -> Clinic:
    """Read and validate the clinic file at ``path``; every problem is a :class:`ClinicFileError`
    whose message names the file."""
    shown = short(os.fspath(path), 300)
    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        raise ClinicFileError(f"clinic file '{shown}': there is no such file") from None
    except IsADirectoryError:
        raise ClinicFileError(f"clinic file '{shown}': it is a folder, not a file") from None
    except ClinicFileError as exc:
        raise ClinicFileError(f"clinic file '{shown}': {exc}") from None
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL character
        raise ClinicFileError(f"clinic file '{shown}': {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return parse_clinic(raw)
    except ClinicFileError as exc:
        raise ClinicFileError(f"clinic file '{shown}': {exc.headline}", exc.problems) from None


def unbroken_phones(text: str) -> str:
    """``text`` with every phone number in it held together: its spaces non-breaking
    (U+00A0) and its dashes non-breaking hyphens (U+2011), so no screen or page wraps a
    number in the middle ("(555) 010-" on one line, "0142" on the next)."""

    def hold(match: re.Match[str]) -> str:
        number = match.group(0)
        if not MIN_PHONE_DIGITS <= sum(char.isdigit() for char in number) <= MAX_PHONE_DIGITS:
            return number
        return number.replace(" ", "\u00a0").replace("-", "\u2011")

    return _PHONE.sub(hold, text)


_HOLD = "\ue000"
"""Stands in for a non-breaking space while Streamlit's escaper makes a line one line (it
turns every kind of space into a plain one); a private-use character no clinic words hold."""


def screen_markdown(text: str) -> str:
    """A clinic's line for Streamlit's Markdown: shown literally (the one escaper,
    ``questions.escape.streamlit_markdown``), its phone numbers held together."""
    held = unbroken_phones(text.replace(_HOLD, "")).replace("\u00a0", _HOLD)
    return streamlit_markdown(held).replace(_HOLD, "\u00a0")


def contact_line(pack: LanguagePack) -> str | None:
    """The clinic's name, phone and website in one line ("Lakeside Mind Clinic:
    (555) 010-0142 · lakeside-mind.example.org"), or None in the public edition: the
    welcome step, every screen's clinic line, the PDF's header and every document use
    this one line, which the pack of a clinic edition carries (``Clinic.contact``)."""
    return pack.contact or None


def after_hours_line(pack: LanguagePack) -> str | None:
    """What the clinic says to call outside office hours, in the pack's language, or None.

    Shown beside the 988 line, never instead of it."""
    return pack.after_hours or None


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
