"""Everything the app knows about a language: its name, its tag, its dates.

This is the one place the rest of the code asks. The facts come from the language
registry, ``data/<code>/language.yaml`` (validated by ``questions.content.LanguageInfo``),
and from Babel's CLDR data for the language's locale: month names, the order a date's
parts are written in, the long date. Documents declare ``tag``; the page declares
``html_lang``; the language picker shows ``native_name``; dates are written with
``long_date`` and chosen with ``month_names`` in ``date_order``. Plural forms are picked
by ``questions.content.LanguagePack.text`` with the same locale.

Adding a language is adding a folder to ``data/`` (data/README.md, "Languages"): nothing
here names one.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date, get_month_names

from questions.content import available_languages, load_language_info


def codes() -> tuple[str, ...]:
    """The languages a patient can choose, in the order the picker shows them."""
    return available_languages()


def tag(code: str) -> str:
    """The BCP-47 tag documents declare (U.S. English, U.S. Spanish)."""
    return load_language_info(code).tag


def html_lang(code: str) -> str:
    """The page's ``lang`` attribute: the language of the tag (``es`` for ``es-US``).

    The page says which language it is in, so a screen reader picks its voice; the
    documents a patient downloads declare the full tag."""
    return tag(code).split("-")[0].lower()


def native_name(code: str) -> str:
    """The language in its own words, so a patient finds theirs whatever is showing."""
    return load_language_info(code).native_name


def direction(code: str) -> str:
    """``ltr`` or ``rtl``."""
    return load_language_info(code).direction


def _locale(code: str) -> Locale:
    return load_language_info(code).babel_locale


def month_names(code: str, *, in_sentence: bool = False) -> list[str]:
    """January to December in the language: as a list of choices shows them (Babel's
    stand-alone form), or as they read inside a sentence (``in_sentence``: the format form)."""
    return list(_months(_locale(code), "format" if in_sentence else "stand-alone"))


@cache
def _months(locale: Locale, context: Literal["format", "stand-alone"]) -> tuple[str, ...]:
    names = get_month_names("wide", context, locale=locale)
    return tuple(str(names[month]) for month in range(1, 13))


def date_order(code: str) -> str:
    """The order a patient of this language writes a date's parts in (``mdy``, ``dmy``,
    ``ymd``): the order of the locale's short date pattern ("M/d/yy", "d/M/y")."""
    return _order(_locale(code))


@cache
def _order(locale: Locale) -> str:
    pattern = str(locale.date_formats["short"].pattern)
    order = ""
    for char in pattern:
        letter = {"M": "m", "L": "m", "d": "d", "y": "y"}.get(char)
        if letter and letter not in order:
            order += letter
    return order if sorted(order) == ["d", "m", "y"] else "mdy"


def long_date(date: dt.date, code: str) -> str:
    """A date in words ("December 3, 2026", "3 de diciembre de 2026"): no one has to guess
    the order of numbers."""
    return str(format_date(date, format="long", locale=_locale(code)))
