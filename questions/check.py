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

from questions import content, vocab

LANGUAGE_FILES = ("questions.yaml", "guide.yaml", "labels.yaml", "ui.yaml", "document.yaml")
_FIELD_FILES = {"questions": "questions.yaml", "guide": "guide.yaml", "labels": "labels.yaml"}


class ContentError(Exception):
    """Broken content: the message is one plain line naming the file and the problem."""


def _shown(path: Path) -> str:
    """A data file's name as a person finds it: ``data/es/ui.yaml``."""
    try:
        return path.relative_to(content.DATA_DIR.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _first_error(exc: ValidationError) -> tuple[tuple[int | str, ...], str]:
    error = exc.errors()[0]
    message = str(error["msg"]).removeprefix("Value error, ")
    return tuple(error["loc"]), message


def _read(path: Path) -> Any:
    if not path.is_file():
        raise ContentError(f"{_shown(path)}: the file is missing")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise ContentError(f"{_shown(path)}: {where}{_one_line(exc.problem or exc)}") from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise ContentError(f"{_shown(path)}: {_one_line(exc)}") from None


def _strings(node: Any, prefix: str = "") -> Iterator[tuple[str, str | None]]:
    """Every dotted key of a words tree, with its text (``None`` for a branch that is not text)."""
    if isinstance(node, dict):
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


def _check_words(language: str, words: dict[str, Any], english: dict[str, Any]) -> None:
    """Every English app word exists in ``language`` with the same ``{placeholders}``."""
    theirs = dict(_strings(words))
    for key, text in _strings(english):
        file = "document.yaml" if key.startswith("document.") else "ui.yaml"
        shown = _shown(content.DATA_DIR / language / file)
        if key not in theirs:
            raise ContentError(f"{shown}: '{key}' is missing (it is in English)")
        if _placeholders(theirs[key]) != _placeholders(text):
            raise ContentError(
                f"{shown}: '{key}' must use the placeholders {sorted(_placeholders(text))}, "
                f"not {sorted(_placeholders(theirs[key]))}"
            )


def _load_bank() -> content.Bank:
    path = content.DATA_DIR / "bank.yaml"
    _read(path)
    try:
        return content.load_bank()
    except ValidationError as exc:
        loc, message = _first_error(exc)
        where = ".".join(str(part) for part in loc)
        raise ContentError(f"{_shown(path)}: {where + ': ' if where else ''}{_one_line(message)}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{_shown(path)}: {_one_line(exc)}") from None


def _load_language(language: str) -> content.LanguagePack:
    folder = content.DATA_DIR / language
    for name in LANGUAGE_FILES:
        _read(folder / name)
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
            message = f"{_shown(content.DATA_DIR)}/{message}"
        raise ContentError(f"{prefix}{message}") from None


def check_content() -> str:
    """Load and cross-check all content; return a one-line summary or raise :class:`ContentError`."""
    bank = _load_bank()
    packs = {language: _load_language(language) for language in vocab.LANGUAGES}
    english = packs["en"].ui
    for language, pack in packs.items():
        if language != "en":
            _check_words(language, pack.ui, english)
    guide = len(packs["en"].guide)
    return (
        f"content ok: {len(bank.questions)} questions, {guide} guide sections, "
        f"labels and words complete in {len(packs)} languages ({', '.join(packs)})"
    )
