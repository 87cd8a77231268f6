"""One sentence from one pydantic error: the one builder every file reader uses.

A saved-answers file, a clinic file and the content in ``data/`` are all validated by
pydantic models; what went wrong is told in plain words that name the field as the file
writes it (``support.ride_home``, ``extra_questions[0].en.text``), never pydantic's own
words ("Input should be a valid dictionary or instance of ..."), which name our classes.
Each reader says what is particular to its file through :class:`Wording`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic_core import ErrorDetails

QUOTE_CHARS = 60
"""A value from a file is quoted in a message up to this many characters."""

Location = tuple[str | int, ...]


def quote(value: object) -> str:
    """A value from a file, short enough to quote in a one-line message."""
    text = " ".join(str(value).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "\u2026"


def where(location: Sequence[str | int]) -> str:
    """A field's place as a person reads it: ``support.ride_home``, ``conditions[2]``."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _no_such_field(parent: Location, key: str) -> str:
    return f"this file format has no field called '{quote(key)}'"


def _no_hint(error: ErrorDetails) -> str | None:
    return None


@dataclass(frozen=True)
class Wording:
    """What one kind of file says in its own words."""

    unknown_key: Callable[[Location, str], str] = _no_such_field
    """An unknown key (``extra_forbidden``), from its parent's place and the key."""
    missing: str = "this field is required"
    hint: Callable[[ErrorDetails], str | None] = field(default=_no_hint)
    """The file's own words for an error, when it has them (None: the common words)."""
    nothing: str = "the file"
    """What a problem of the whole file is named."""


PLAIN = Wording()


def location(error: ErrorDetails) -> Location:
    """The error's place without pydantic's own steps (``function-after[...]``, ``literal[...]``)."""
    return tuple(p for p in error["loc"] if not str(p).startswith(("function-", "literal[")))


def message(error: ErrorDetails, wording: Wording = PLAIN) -> str:
    """What is wrong, in plain words, without the place."""
    kind = error["type"]
    context = error.get("ctx") or {}
    given = error.get("input")
    own = wording.hint(error)
    if own is not None:
        return own
    if kind == "extra_forbidden":
        loc = location(error)
        return wording.unknown_key(loc[:-1], str(loc[-1]) if loc else "")
    if kind == "missing":
        return wording.missing
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace(" or ", ", ")
        return f"'{quote(given)}' is not one of the known choices ({expected})"
    if kind == "too_long":
        return f"has {context.get('actual_length')} entries; the most allowed is {context.get('max_length')}"
    if kind == "string_too_long":
        length = len(given) if isinstance(given, str) else "too many"
        return f"has {length} characters; the most allowed is {context.get('max_length')}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write it as keys with values under it, not as a single value"
    if kind in ("tuple_type", "list_type"):
        return "write it as a list (- one item a line, or [a, b])"
    text = str(error["msg"]).replace("Input should be", "must be").replace("a valid tuple", "a list")
    return text[0].lower() + text[1:] if text else "this value is not right"


def sentence(error: ErrorDetails, wording: Wording = PLAIN) -> str:
    """One error as one sentence that names the field: ``visit.date: ...``."""
    loc = location(error)
    if error["type"] == "extra_forbidden":
        loc = loc[:-1]  # the unknown key is named in the message, beside the keys there are
        place = quote(where(loc))
    else:
        place = quote(where(loc)) or wording.nothing
    text = message(error, wording)
    return f"{place}: {text}" if place else text


def and_more(first: str, count: int) -> str:
    """The first of ``count`` problems in full, with how many more follow: for a one-line message."""
    more = count - 1
    return first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else "")
