"""Is the content in ``data/`` whole? One plain line either way.

``python -m questions check`` and the app's start-up (``app.py``) both ask
:func:`check_content`: it loads the bank and every language the way the app does, so a
typo in a YAML file stops the server before a patient meets it, naming the file and the
problem in one line (never a traceback).
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from questions import content, problems, strict_yaml

LANGUAGE_FILES = content.LANGUAGE_FILES
_FIELD_FILES = {
    "questions": "questions.yaml",
    "guide": "guide.yaml",
    "labels": "labels.yaml",
    "for_helper": "questions_for_helper.yaml",
    "ui_for_helper": "ui_for_helper.yaml",
}


class ContentError(Exception):
    """Broken content: the message is one plain line naming the file and the problem."""


def _shown(path: Path) -> str:
    """A data file's name as a person finds it: ``data/es/ui.yaml``."""
    try:
        return path.relative_to(content.data_dir().parent).as_posix()
    except ValueError:
        return path.as_posix()


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _first_error(exc: ValidationError) -> tuple[tuple[int | str, ...], str]:
    """The first problem's place and what is wrong, in the words of ``questions.problems``."""
    error = exc.errors()[0]
    return problems.location(error), problems.message(error, _WORDING)


_WORDING = problems.Wording(unknown_key=lambda parent, key: f"'{problems.quote(key)}' is not a key here")
"""Content files: an unknown key is named as one (the writer is the project)."""


def _read(path: Path) -> Any:
    if not path.is_file():
        raise ContentError(f"{_shown(path)}: the file is missing")
    try:
        with path.open(encoding="utf-8") as handle:
            return strict_yaml.load(handle)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ContentError(f"{_shown(path)}: {where}{_one_line(exc.problem or exc)}") from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise ContentError(f"{_shown(path)}: {_one_line(exc)}") from None


def _strings(node: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every dotted key of a words tree, with its text (a text with plural forms is one
    entry, its forms a dict; ``None`` for a branch that is not text)."""
    if content.is_plural(node):
        yield prefix.rstrip("."), node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), node if isinstance(node, str) else None


def _placeholders(text: str | None) -> set[str]:
    if text is None:
        return set()
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def _forms(text: Any) -> dict[str, str | None]:
    """A text's plural forms (a plain text is its own ``other`` form)."""
    if content.is_plural(text):
        return {form: value if isinstance(value, str) else None for form, value in text.items()}
    return {"other": text if isinstance(text, str) else None}


def _check_words(pack: content.LanguagePack, english: dict[str, Any]) -> None:
    """Every English app word exists in ``pack``'s language with the same ``{placeholders}``;
    a text with plural forms has the forms the language's plural rule uses (``other``
    always; a language with one form may write a plain text)."""
    theirs = dict(_strings(pack.ui))
    categories = {*pack.info.babel_locale.plural_form.tags, "other"}
    for key, text in _strings(english):
        file = "document.yaml" if key.startswith("document.") else "ui.yaml"
        shown = _shown(content.data_dir() / pack.language / file)
        if key not in theirs:
            raise ContentError(f"{shown}: '{key}' is missing (it is in English)")
        wanted = _placeholders(_forms(text)["other"])
        if not content.is_plural(text) and content.is_plural(theirs[key]):
            raise ContentError(f"{shown}: '{key}' has plural forms, but in English it is one text")
        for form, value in _forms(theirs[key]).items():
            if form not in categories:
                raise ContentError(
                    f"{shown}: '{key}.{form}' is not a plural form of {pack.info.locale} "
                    f"(it has {', '.join(sorted(categories))})"
                )
            have = _placeholders(value)
            if have != wanted and not (form != "other" and have <= wanted):
                raise ContentError(
                    f"{shown}: '{key}{'.' + form if content.is_plural(theirs[key]) else ''}' "
                    f"must use the placeholders {sorted(wanted)}, not {sorted(have)}"
                )


def _check_helper_words(pack: content.LanguagePack, english: content.LanguagePack) -> None:
    """A helper's words (``ui_for_helper.yaml``) change the same keys in every language, so
    no step speaks to a helper in one language and to the patient in another."""
    shown = _shown(content.data_dir() / pack.language / "ui_for_helper.yaml")
    theirs = dict(_strings(pack.ui_for_helper))
    for key in dict(_strings(english.ui_for_helper)):
        if key not in theirs:
            raise ContentError(f"{shown}: '{key}' is missing (it is in English)")
    extra = sorted(set(theirs) - dict(_strings(english.ui_for_helper)).keys())
    if extra:
        raise ContentError(f"{shown}: '{extra[0]}' is not in English's ui_for_helper.yaml")
    try:
        pack.helper_view()
    except ValidationError as exc:
        raise ContentError(f"{shown}: {_one_line(_first_error(exc)[1])}") from None


def _checked_bank() -> content.Bank:
    path = content.data_dir() / "bank.yaml"
    _read(path)
    try:
        return content.load_bank()
    except ValidationError as exc:
        loc, message = _first_error(exc)
        where = ".".join(str(part) for part in loc)
        raise ContentError(f"{_shown(path)}: {where + ': ' if where else ''}{_one_line(message)}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{_shown(path)}: {_one_line(exc)}") from None


def _checked_language(language: str) -> content.LanguagePack:
    folder = content.data_dir() / language
    for name in LANGUAGE_FILES:
        _read(folder / name)
    try:
        content.load_language_info(language)
    except ValidationError as exc:
        loc, message = _first_error(exc)
        where = ".".join(str(part) for part in loc)
        raise ContentError(
            f"{_shown(folder / 'language.yaml')}: {where + ': ' if where else ''}{_one_line(message)}"
        ) from None
    try:
        return content.load_language(language)
    except ValidationError as exc:
        loc, message = _first_error(exc)
        field = str(loc[0]) if loc else ""
        file = _FIELD_FILES.get(field, "ui.yaml")
        if field == "ui" and len(loc) > 1 and loc[1] == "document":
            file = "document.yaml"
        where = ".".join(str(part) for part in loc[1:])
        raise ContentError(
            f"{_shown(folder / file)}: {where + ': ' if where else ''}{_one_line(message)}"
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        message = _one_line(exc)
        # load_language names the file relative to data/ ("es/questions.yaml ...").
        prefix = "" if message.startswith(f"{language}/") else f"{_shown(folder)}: "
        if not prefix:
            message = f"{_shown(content.data_dir())}/{message}"
        raise ContentError(f"{prefix}{message}") from None


def check_content() -> str:
    """Load and cross-check all content; return a one-line summary or raise :class:`ContentError`."""
    folder = content.data_dir()
    if not folder.is_dir():
        raise ContentError(f"{_shown(folder)}: there is no such folder ({content.DATA_ENV_VAR} names it)")
    bank = _checked_bank()
    source = content.SOURCE_LANGUAGE
    found = content.language_folders()
    if source not in found:
        raise ContentError(
            f"{_shown(folder / source)}: the folder is missing (every language is checked against it)"
        )
    packs = {language: _checked_language(language) for language in found}
    english = packs[source].ui
    for language, pack in packs.items():
        if language != source:
            _check_words(pack, english)
            _check_helper_words(pack, packs[source])
    guide = len(packs[source].guide)
    return (
        f"content ok: {len(bank.questions)} questions, {guide} guide sections, "
        f"labels and words complete in {len(packs)} languages ({', '.join(packs)})"
    )
