"""The PDF's bundled font (DejaVu Sans, four faces) and which characters it can print.

reportlab draws a character the font lacks as an empty box without any error, and it
writes a broken text layer for characters beyond the Basic Multilingual Plane (emoji),
so a PDF could silently lose what a patient typed. This module says which characters
those are, so the CLI and the app can name them before anything is printed, and gives
the PDF renderer one place to turn them into a visible marker.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from questions import escape
from questions.content import FONTS_DIR
from questions.models import Answers

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)

MARKER = "\u25a1"
"""What the PDF prints in place of a character the font cannot draw (WHITE SQUARE, □)."""

_KEEP = frozenset("\n\t ")


@cache
def register_fonts() -> str:
    """Register the four bundled faces once per process, as one family; returns its name.

    Without ``registerFontFamily`` (and the mappings behind it), ``<b>`` and ``<i>`` in a
    paragraph silently fall back to the regular face.
    """
    for face in _FACES:
        pdfmetrics.registerFont(TTFont(face, str(FONTS_DIR / f"{face}.ttf")))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    faces: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, REGULAR),
        (1, 0, BOLD),
        (0, 1, ITALIC),
        (1, 1, BOLD_ITALIC),
    )
    for bold, italic, face in faces:
        addMapping(FAMILY, bold, italic, face)
    return FAMILY


@cache
def _drawable() -> frozenset[int]:
    """Code points the regular face (the one all patient text prints in) has a glyph for."""
    font = TTFont(REGULAR, str(FONTS_DIR / f"{REGULAR}.ttf"))
    return frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph and code <= 0xFFFF)


def is_invisible(char: str) -> bool:
    """A character that never prints anything by itself (joiners, variation selectors, controls).

    These are left out of the PDF and are not reported: nothing the patient can see is lost.
    """
    return char not in _KEEP and escape.is_invisible(char)  # the one definition: questions.escape


def _printable(char: str) -> bool:
    return char in _KEEP or is_invisible(char) or ord(char) in _drawable()


def unprintable_characters(text: str) -> list[str]:
    """The characters of ``text`` the PDF cannot print, sorted and without repeats.

    A character is unprintable when the bundled font has no glyph for it (Chinese,
    Japanese, Korean, Devanagari, most emoji ...) or when it lies beyond the Basic
    Multilingual Plane (every emoji), which reportlab cannot map back to text. A lone
    surrogate (broken text) is reported as U+FFFD, the replacement character.
    """
    found = {("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char) for char in text if not _printable(char)}
    return sorted(found)


def _answer_texts(answers: Answers) -> Iterable[str]:
    yield answers.visit.provider
    yield answers.other_condition
    yield answers.medications
    yield from answers.custom_questions


def unprintable_in_answers(answers: Answers) -> list[str]:
    """Every character the patient typed that the PDF cannot print, sorted, without repeats."""
    return unprintable_characters("".join(_answer_texts(answers)))


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` has right-to-left letters (Hebrew, Arabic ...).

    reportlab prints them, but in the order they were typed, without reordering them
    for reading right to left.
    """
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def right_to_left_in_answers(answers: Answers) -> bool:
    """Whether anything the patient typed is written right to left."""
    return any(has_right_to_left(text) for text in _answer_texts(answers))


def printable(text: str) -> str:
    """``text`` as the PDF prints it: invisible characters dropped, unprintable ones as □."""
    if all(_printable(char) and not is_invisible(char) for char in text):
        return text
    return "".join("" if is_invisible(char) else (char if _printable(char) else MARKER) for char in text)
