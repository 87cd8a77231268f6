"""Spanish is first-class: complete, really translated, and plain (CONTENT.md, "Languages")."""

from __future__ import annotations

import re
import statistics

import pytest
import textstat
import yaml

from questions.content import DATA_DIR, load_bank, load_language
from questions.listing import patient_list
from questions.models import Answers

FILES = ("questions.yaml", "guide.yaml", "labels.yaml", "ui.yaml", "document.yaml")
SAME_IN_BOTH = {"No"}
"""Words that are spelled the same in English and Spanish."""


def flatten(node, prefix: str = "") -> dict[str, str]:
    if isinstance(node, dict):
        return {k: v for key, value in node.items() for k, v in flatten(value, f"{prefix}.{key}").items()}
    if isinstance(node, list):
        return {k: v for n, value in enumerate(node) for k, v in flatten(value, f"{prefix}[{n}]").items()}
    return {prefix: node}


def strings(language: str, name: str) -> dict[str, str]:
    return flatten(yaml.safe_load((DATA_DIR / language / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", FILES)
def test_every_english_text_has_spanish_text(name):
    english, spanish = strings("en", name), strings("es", name)
    assert set(spanish) == set(english), set(spanish) ^ set(english)
    for key, text in english.items():
        if isinstance(text, str):
            assert isinstance(spanish[key], str) and spanish[key].strip(), key
            placeholders = set(re.findall(r"\{(\w+)\}", text))
            assert set(re.findall(r"\{(\w+)\}", spanish[key])) == placeholders, key


@pytest.mark.parametrize("name", FILES)
def test_no_spanish_text_is_left_in_english(name):
    english, spanish = strings("en", name), strings("es", name)
    for key, text in english.items():
        if not isinstance(text, str) or text in SAME_IN_BOTH or key.endswith(".citation"):
            continue
        if not re.search(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", "", text)):
            continue  # numbers, names and placeholders only
        assert spanish[key] != text, f"{name}{key} is still English: {text}"


def test_the_crisis_line_says_spanish_is_offered():
    spanish = load_language("es")
    assert "988" in spanish.text("crisis_line") and "marque 2" in spanish.text("crisis_line")
    assert "marque 2" in spanish.text("frame.crisis_short")


QUESTIONS = load_language("es").questions


def fernandez_huerta(text: str) -> float:
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")


@pytest.mark.parametrize("qid", [q.id for q in load_bank().questions])
def test_each_spanish_question_is_one_fairly_easy_question(qid):
    text = QUESTIONS[qid].text
    assert fernandez_huerta(text) >= 70, text
    assert len(text.split()) <= 25
    assert text.startswith("¿") and text.endswith("?") and text.count("?") == 1, text


def test_spanish_bank_median_is_easy():
    assert statistics.median(fernandez_huerta(q.text) for q in QUESTIONS.values()) >= 80


def test_the_language_in_the_answers_picks_the_words():
    answers = Answers.model_validate({"version": 1, "language": "es", "conditions": ["ptsd"]})
    plist = patient_list(answers)
    assert plist.items[0].text == QUESTIONS[plist.items[0].id].text
    assert plist.pack.text("list.ask_first") != load_language("en").text("list.ask_first")
