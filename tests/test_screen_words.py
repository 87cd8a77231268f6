"""The words the screens derive: a question shortened to name its controls, and the
language a new session starts in from the browser's locale."""

from __future__ import annotations

import pytest

from questions.content import load_language
from questions.shorten import ELLIPSIS, shorten
from ui.session import browser_language


def test_a_short_question_names_its_controls_whole():
    assert shorten("How many sessions will I need?") == "How many sessions will I need?"
    assert shorten("  How many\nsessions?  ") == "How many sessions?", "one line"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_long_question_is_cut_at_a_word_and_says_so(language):
    words = load_language(language)
    long = [q.text for q in words.questions.values() if len(q.text) > 60]
    assert long
    for text in long:
        short = shorten(text)
        assert short.endswith(ELLIPSIS) and len(short) <= 49
        kept = short.removesuffix(ELLIPSIS)
        assert text.startswith(kept), "the question's own first words"
        assert text[len(kept)] in " ,;:.?", f"cut inside a word: {short!r}"
        assert not kept.endswith((" ", ",")), short


def test_one_very_long_word_is_cut_rather_than_dropped():
    assert shorten("x" * 80) == "x" * 48 + ELLIPSIS


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("es-US", "es"),
        ("es-MX", "es"),
        ("es", "es"),
        ("ES_mx", "es"),
        ("en-US", None),  # English says little: most devices say it; the clinic's default stays
        ("fr-FR", None),
        ("", None),
        (None, None),
    ],
)
def test_a_new_session_follows_the_browsers_language_when_the_app_speaks_it(locale, language):
    assert browser_language(locale) == language
