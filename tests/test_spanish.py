"""Spanish is first-class: complete, really translated, and plain (CONTENT.md, "Languages").

The coverage checks (every English text has a translation with the same placeholders, and
none is left in English) run for every language of the registry other than English, so a
language added as a folder of data is held to them too.
"""

from __future__ import annotations

import re
import statistics

import pytest
import textstat
import yaml

from questions import languages
from questions.content import DATA_DIR, SOURCE_LANGUAGE, is_plural, load_bank, load_language
from questions.listing import patient_list
from questions.models import Answers

FILES = ("questions.yaml", "guide.yaml", "labels.yaml", "ui.yaml", "document.yaml")
SAME_IN_BOTH = {"No"}
"""Words that are spelled the same in English and Spanish."""
TRANSLATIONS = [code for code in languages.codes() if code != SOURCE_LANGUAGE]
"""Every language of the registry other than English (the one the content is written in)."""


def flatten(node, prefix: str = "") -> dict[str, str]:
    """Every text by dotted key; a text with plural forms is one text (its ``other`` form)."""
    if is_plural(node):
        return {prefix: node["other"]}
    if isinstance(node, dict):
        return {k: v for key, value in node.items() for k, v in flatten(value, f"{prefix}.{key}").items()}
    if isinstance(node, list):
        return {k: v for n, value in enumerate(node) for k, v in flatten(value, f"{prefix}[{n}]").items()}
    return {prefix: node}


def strings(language: str, name: str) -> dict[str, str]:
    return flatten(yaml.safe_load((DATA_DIR / language / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("name", FILES)
def test_every_english_text_has_spanish_text(name, language):
    english, spanish = strings(SOURCE_LANGUAGE, name), strings(language, name)
    assert set(spanish) == set(english), set(spanish) ^ set(english)
    for key, text in english.items():
        if isinstance(text, str):
            assert isinstance(spanish[key], str) and spanish[key].strip(), key
            placeholders = set(re.findall(r"\{(\w+)\}", text))
            assert set(re.findall(r"\{(\w+)\}", spanish[key])) == placeholders, key


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("name", FILES)
def test_no_spanish_text_is_left_in_english(name, language):
    english, spanish = strings(SOURCE_LANGUAGE, name), strings(language, name)
    for key, text in english.items():
        if not isinstance(text, str) or text in SAME_IN_BOTH or key.endswith(".citation"):
            continue
        if not re.search(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", "", text)):
            continue  # numbers, names and placeholders only
        assert spanish[key] != text, f"{name}{key} is still English: {text}"


def test_the_crisis_line_names_both_ways_in_for_spanish():
    """Call 988 and press 2, or text AYUDA to 988 (CONTENT.md, "Safety")."""
    spanish = load_language("es")
    for text in (
        spanish.text("crisis_line"),
        spanish.text("frame.crisis_short"),
        QUESTIONS["gap_crisis_who_call"].why,
    ):
        assert "988" in text and "marque 2" in text and "AYUDA" in text, text


def test_ask_first_reads_as_ask_this_first():
    spanish = load_language("es")
    for key in ("list.ask_first", "review.ask_first_heading"):
        assert spanish.text(key).startswith("Pregunte"), key
    assert "Haga estas" not in " ".join(strings("es", "ui.yaml").values())
    assert "Haga estas" not in " ".join(strings("es", "document.yaml").values())


QUESTIONS = load_language("es").questions


def fernandez_huerta(text: str) -> float:
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")


INTERROGATIVES = r"(qué|cómo|cuál|cuáles|quién|quiénes|cuándo|cuánto|cuánta|cuántos|cuántas|dónde|por qué)"
INTRODUCTIONS = r"(con|si|como|según|dado|dada|aunque|cuando|en caso)"
SPANISH_ABBREVIATIONS = ("IMAO", "EMT", "TEC", "TNF", "SDRC", "TDAH", "TEPT", "TOC")
"""Spanish abbreviations a U.S. reader may not know: spelled out everywhere instead, or in
brackets right after the words they stand for (``SPELLED_OUT``)."""
SPELLED_OUT = {"TDAH": "trastorno por déficit de atención e hiperactividad (TDAH)"}
"""The one form each abbreviation may take: "TDAH" is how U.S. Spanish speakers hear ADHD
named, so it stands beside its words (issue #23)."""


@pytest.mark.parametrize("qid", [q.id for q in load_bank().questions])
def test_each_spanish_question_is_one_fairly_easy_question(qid):
    text = QUESTIONS[qid].text
    assert fernandez_huerta(text) >= 70, text
    assert len(text.split()) <= 25
    assert text.count("¿") == 1 and text.count("?") == 1 and text.endswith("?"), text


@pytest.mark.parametrize("qid", [q.id for q in load_bank().questions])
def test_the_opening_question_mark_sits_where_the_question_starts(qid):
    """'Con mi historial, ¿qué...?', never '¿Con mi historial, qué...?': an introductory
    clause (or a statement before it) stays outside the question marks."""
    text = QUESTIONS[qid].text
    opening = text.index("¿")
    assert opening == 0 or text[opening - 2 : opening] in (", ", ". "), text
    question = text[opening:]
    assert not re.match(rf"¿{INTRODUCTIONS}\b[^?]*, ", question, re.IGNORECASE), (
        f"¿ before an introduction: {text}"
    )
    assert not re.search(rf", {INTERROGATIVES}\b", question), f"the question starts after the ¿: {text}"


def test_spanish_spells_out_its_abbreviations():
    spanish = load_language("es")
    words = [q.text for q in spanish.questions.values()] + [q.why for q in spanish.questions.values()]
    words += [section.body for section in spanish.guide.values()]
    words += list(strings("es", "labels.yaml").values())
    for text in words:
        for abbreviation in SPANISH_ABBREVIATIONS:
            bare = text.replace(SPELLED_OUT.get(abbreviation, "\0"), "")
            assert not re.search(rf"\b{abbreviation}\b", bare), f"{abbreviation} in: {text}"


def test_spanish_bank_median_is_easy():
    assert statistics.median(fernandez_huerta(q.text) for q in QUESTIONS.values()) >= 80


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_language_in_the_answers_picks_the_words(language):
    answers = Answers.model_validate({"version": 1, "language": language, "conditions": ["ptsd"]})
    plist = patient_list(answers)
    assert plist.items[0].text == load_language(language).questions[plist.items[0].id].text
    assert plist.pack.text("list.ask_first") != load_language(SOURCE_LANGUAGE).text("list.ask_first")


def test_spanish_whys_are_plain_too():
    """The Spanish "why" texts read at least at normal difficulty (Fernández Huerta 60)."""
    hard = {
        qid: round(fernandez_huerta(q.why)) for qid, q in QUESTIONS.items() if fernandez_huerta(q.why) < 60
    }
    assert not hard, hard


def test_spanish_guide_sections_are_plain_too():
    """Each section of the guide reads at least at normal difficulty (Fernández Huerta 60), as
    the whys do; the English sections are held to grade 8 (tests/test_content.py)."""
    hard = {
        key: round(fernandez_huerta(section.body))
        for key, section in load_language("es").guide.items()
        if fernandez_huerta(section.body) < 60
    }
    assert not hard, hard
