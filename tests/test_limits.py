"""The limits a patient reads about come from the code's limits, never restated in the words."""

from __future__ import annotations

import re

import pytest
from app_driver import open_step

from questions import limits
from questions.content import load_language
from questions.models import MAX_CUSTOM_CHARS
from questions.vocab import LANGUAGES

LIMITED_WORDS = {
    "review.own_too_long": "max_own_chars",
    "review.own_help": "max_own_chars",
    "review.own_full": "max_own",
    "review.list_full": "max_suggested",
    "restore_errors.too_large_upload": "max_upload_mb",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("key", "name"), LIMITED_WORDS.items())
def test_each_limit_is_a_placeholder_filled_with_the_current_value(
    language: str, key: str, name: str
) -> None:
    words = load_language(language)
    raw = words.text(key)
    value = limits.words()[name]
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
