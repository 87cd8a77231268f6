"""The limits a patient reads about come from the code's limits, never restated in the words."""

from __future__ import annotations

import re

import pytest
from app_driver import open_step

from questions import languages, limits
from questions.content import LanguagePack, is_plural, load_language
from questions.models import MAX_CUSTOM_CHARS

LIMITED_WORDS = {
    "review.own_too_long": "max_own_chars",
    "review.own_help": "max_own_chars",
    "review.own_full": "max_own",
    "review.list_full": "max_suggested",
    "restore_errors.too_large_upload": "max_upload_mb",
}


def forms(words: LanguagePack, key: str) -> list[str]:
    """A text as written in the words file: each of its plural forms, or the one text."""
    node = words.ui
    for part in key.split("."):
        node = node[part]
    return [str(form) for form in node.values()] if is_plural(node) else [str(node)]


@pytest.mark.parametrize("language", languages.codes())
@pytest.mark.parametrize(("key", "name"), LIMITED_WORDS.items())
def test_each_limit_is_a_placeholder_filled_with_the_current_value(
    language: str, key: str, name: str
) -> None:
    words = load_language(language)
    value = limits.words()[name]
    for raw in forms(words, key):
        assert "{" + name + "}" in raw, f"{language} {key} restates its limit instead of naming {{{name}}}"
        assert not re.search(rf"(?<!\d){value}(?!\d)", raw), f"{language} {key} writes the number {value}"
    shown = words.text(key, **limits.words(), count=MAX_CUSTOM_CHARS + 1)
    assert re.search(rf"(?<!\d){value}(?!\d)", shown)


def test_the_own_question_box_tells_its_real_limit() -> None:
    at = open_step("review")
    box = at.text_area[0]
    assert box.max_chars == MAX_CUSTOM_CHARS
    assert str(MAX_CUSTOM_CHARS) in (box.help or "")
    assert "{" not in (box.help or "")
