"""Everything the app knows about a language: its name, its tag, its dates.

This is the one place the rest of the code asks. Documents declare ``tag``; the page
declares ``html_lang``; the language picker shows ``native_name``; dates are written with
``long_date`` and chosen with ``month_names`` in ``date_order``.
"""

from __future__ import annotations

import datetime as dt

from questions.content import available_languages, load_language

_TAGS = {"en": "en-US", "es": "es-US"}
_NATIVE_NAMES = {"en": "English", "es": "Español"}


def codes() -> tuple[str, ...]:
    """The languages a patient can choose, in the order the picker shows them."""
    return available_languages()


def tag(code: str) -> str:
    """The BCP-47 tag documents declare (U.S. English, U.S. Spanish)."""
    return _TAGS[code]


def html_lang(code: str) -> str:
    """The page's ``lang`` attribute."""
    return code


def native_name(code: str) -> str:
    """The language in its own words, so a patient finds theirs whatever is showing."""
    return _NATIVE_NAMES[code]


def direction(code: str) -> str:
    """``ltr`` or ``rtl``."""
    return "ltr"


def month_names(code: str) -> list[str]:
    """January to December in the language, as a patient reads them in a sentence."""
    return [str(month) for month in load_language(code).ui["document"]["months"]]


def date_order(code: str) -> str:
    """The order a patient of this language writes a date's parts in: ``mdy`` or ``dmy``."""
    return load_language(code).text("visit.date_order")


def long_date(date: dt.date, code: str) -> str:
    """A date in words ("December 3, 2026"): no one has to guess the order of numbers."""
    month = month_names(code)[date.month - 1]
    return load_language(code).text("document.date_format", month=month, day=date.day, year=date.year)
