"""CONTENT.md's measurable rules, enforced on every word a patient reads."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import textstat
import yaml
from helpers import ROOT

from questions import vocab
from questions.content import DATA_DIR, available_languages, load_bank, load_language
from questions.content_rules import FIRST_PERSON, FORBIDDEN, PLACEHOLDER, question_problems

BANK = load_bank()
EN = load_language("en")
CRISIS = (
    "If you are thinking about suicide or are in crisis, call or text 988 (Suicide & Crisis Lifeline, U.S.). "
    "In an emergency, call 911."
)


def all_strings(node) -> list[str]:
    """Every string inside a loaded YAML document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in all_strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in all_strings(value)]
    return []


def patient_texts(language: str) -> list[str]:
    folder = DATA_DIR / language
    return [
        s for path in sorted(folder.glob("*.yaml")) for s in all_strings(yaml.safe_load(path.read_text()))
    ]


QUESTIONS = [(qid, EN.questions[qid].text, EN.questions[qid].why) for qid in (q.id for q in BANK.questions)]


def test_bank_is_big_enough_and_ids_are_unique():
    ids = [question.id for question in BANK.questions]
    assert len(ids) >= 90
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("qid", "text", "why"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_each_question_is_one_short_plain_first_person_question(qid, text, why):
    assert textstat.flesch_kincaid_grade(text) <= 8, text
    assert len(text.split()) <= 25, text
    assert FIRST_PERSON.search(text), f"not in the patient's voice: {text}"
    assert text.endswith("?") and text.count("?") == 1, f"one question per question: {text}"
    assert why.strip() and len(re.findall(r"[.!?](\s|$)", why)) <= 3, why


def test_bank_median_grade_is_six_or_lower():
    grades = [textstat.flesch_kincaid_grade(text) for _, text, _ in QUESTIONS]
    assert statistics.median(grades) <= 6


def test_why_texts_are_plain():
    grades = {qid: textstat.flesch_kincaid_grade(why) for qid, _, why in QUESTIONS}
    assert max(grades.values()) <= 9.5, max(grades.items(), key=lambda kv: kv[1])
    easy = sum(grade <= 8 for grade in grades.values())
    assert easy / len(grades) >= 0.95


def test_every_cited_section_exists_and_clinic_questions_claim_no_guide_facts():
    for question in BANK.questions:
        why = EN.questions[question.id].why
        if question.source is None:
            assert "guide" not in why.lower(), f"{question.id} cites no section but quotes the guide"
        else:
            assert question.source in EN.guide


def test_guide_keeps_its_citations_and_every_section_is_plain():
    citations = {section.citation for section in EN.guide.values()}
    assert "Translational Psychiatry, 2023" in citations
    assert "Current Research in Neuropharmacology, 2024" in citations
    assert list(EN.guide) == list(vocab.GUIDE_SECTIONS)
    for section in EN.guide.values():
        assert textstat.flesch_kincaid_grade(section.body) <= 9, section.title


def test_clinic_questions_cover_what_a_careful_patient_checks():
    clinic = " ".join(EN.questions[q.id].text.lower() for q in BANK.questions if q.topic == "clinic")
    for needle in ("train", "watch", "wrong", "after"):
        assert needle in clinic, needle
    cost = " ".join(EN.questions[q.id].text.lower() for q in BANK.questions if q.topic == "cost")
    assert "includ" in cost


@pytest.mark.parametrize("language", available_languages())
def test_no_advice_no_placeholders_no_exclamation_marks(language):
    for text in patient_texts(language):
        lowered = text.lower()
        for phrase in FORBIDDEN:
            assert phrase not in lowered, f"advice or stigma wording '{phrase}' in: {text}"
        assert not PLACEHOLDER.search(text), f"placeholder text: {text}"
        assert "!" not in text, f"exclamation mark: {text}"


def test_crisis_line_and_not_advice_line_are_the_agreed_words():
    assert EN.text("crisis_line") == CRISIS
    assert EN.text("not_advice").startswith("Not medical advice")


def test_the_guide_and_content_rules_exist_where_the_docs_say():
    assert (ROOT / "data" / "README.md").exists()
    assert Path(DATA_DIR / "fonts" / "LICENSE-DejaVu.txt").exists()


@pytest.mark.parametrize("language", available_languages())
def test_the_shared_rules_pass_the_whole_bank(language):
    """The rules a clinic's own questions are held to (questions.content_rules) are the
    bank's rules: every bank question passes them, and a bad one is caught."""
    words = load_language(language).questions
    failing = {q.id: question_problems(words[q.id].text, words[q.id].why, language) for q in BANK.questions}
    assert not {qid: p for qid, p in failing.items() if p}
    assert question_problems("You should stop taking your pills now!", "", language)
