"""CONTENT.md's measurable rules, as functions: the tests hold the bank to them, and a
clinic file's own questions are held to the same rules when it is loaded.

Each check returns plain sentences naming what is wrong (an empty list when all is well),
so a clinic sees every problem with its wording at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from questions.content import Readability, load_language_info

MAX_GRADE = 8
"""Flesch-Kincaid grade a question may reach (English)."""
MAX_WHY_GRADE = 8
MIN_EASE_ES = 70
"""Fernández Huerta ease a Spanish question must reach (higher is easier)."""
MAX_WORDS = 25
MAX_WHY_SENTENCES = 3

FIRST_PERSON = re.compile(r"\b(I|me|my|mine|myself|I'm|I've|I'll|I'd)\b")
HELPER_VOICE = re.compile(r"\b(I|me|my|we|us|our|they|them|their|I'm|I've)\b", re.IGNORECASE)
"""A helper's wording speaks from the helper's side about the patient: "my family member",
"we", "they", "I"."""
PATIENT_VOICE: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:I|me|mine|myself|I'm|I've|I'll|I'd|I am)\b|\b[Mm]y\b(?! family member)"),
    "es": re.compile(
        r"(?i)\b(?:yo|me|mí|conmigo|mis|mío|mía|míos|mías)\b|\bmi\b(?! familiar)"
        r"|\b\w+(?:arme|erme|irme|ándome|iéndome)\b"
        r"|\b(?:tengo|tomo|estoy|soy|he|tuve|uso|usé|doy|siento|puedo|debo|necesito|"
        r"necesitaré|quiero|voy|llego|espero|decido|falto|noto|pago|pienso|probé|tomé|sé|hago|"
        r"hice|llamo|aviso|recibo|elijo|podré|tendré|estaré)\b"
    ),
}
"""First-person singular about the patient ("I have", "my heart"; "Tengo", "Tomo", "mi
presión", "acompañarme"): on a helper's list, a question speaks about the patient, never
as them. The only "my" is "my family member" ("mi familiar")."""
FORBIDDEN = (
    "you should",
    "you must",
    "should stop",
    "stop taking",
    "start taking",
    "do not take",
    "don't take",
    "avoid taking",
    "is safe for you",
    "is right for you",
    "is not right for you",
    "will help you",
    "will work",
    "will cure",
    "cures",
    "guarantee",
    "abuser",
    "addict ",
    "addicts",
    "junkie",
    "crazy",
    # Spanish
    "usted debe",
    "debería dejar",
    "deje de tomar",
    "no tome",
    "empiece a tomar",
    "es seguro para usted",
    "es segura para usted",
    "es adecuado para usted",
    "le va a ayudar",
    "le ayudará",
    "funcionará",
    "garantiza",
    "lo cura",
    "la cura",
    "adicto",
    "drogadicto",
    "loco",
)
"""Advice and stigma wording: the tool asks questions, it never advises."""
PLACEHOLDER = re.compile(r"(?i:lorem|ipsum|placeholder|\bxxx\b)|\bTODO\b|\bTBD\b|FIXME")


@cache
def _textstat() -> Any:
    """textstat, imported on first use (it loads a pronunciation dictionary; it has no types)."""
    import textstat  # type: ignore[import-untyped]

    return textstat


def grade(text: str) -> float:
    """Flesch-Kincaid grade (English)."""
    return float(_textstat().flesch_kincaid_grade(text))


def ease_es(text: str) -> float:
    """Fernández Huerta reading ease (Spanish)."""
    textstat = _textstat()
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")


def _grade_problems(text: str, why: str) -> list[str]:
    problems = []
    if grade(text) > MAX_GRADE:
        problems.append(f"the question reads above grade {MAX_GRADE}: use shorter words and sentences")
    if grade(why) > MAX_WHY_GRADE:
        problems.append(f"the why reads above grade {MAX_WHY_GRADE}: use shorter words and sentences")
    return problems


def _ease_problems(text: str, why: str) -> list[str]:
    if ease_es(text) < MIN_EASE_ES:
        return ["the question is hard to read: use shorter words and sentences"]
    return []


READABILITY: dict[Readability, Callable[[str, str], list[str]]] = {
    "flesch_kincaid_grade": _grade_problems,
    "fernandez_huerta": _ease_problems,
}
"""Each readability formula a language can name in its ``language.yaml``, as a check of
one question and its why."""


def wording_problems(text: str) -> list[str]:
    """Advice or stigma wording, placeholder text, exclamation marks."""
    lowered = text.lower()
    problems = [
        f"'{phrase.strip()}' sounds like advice or stigma" for phrase in FORBIDDEN if phrase in lowered
    ]
    if PLACEHOLDER.search(text):
        problems.append("it looks like placeholder text")
    if "!" in text:
        problems.append("no exclamation marks, please")
    return problems


def patient_voice_problems(text: str, language: str) -> list[str]:
    """A helper's wording of a patient's question that still speaks as the patient."""
    pattern = PATIENT_VOICE.get(load_language_info(language).babel_locale.language)
    found = pattern.search(text) if pattern else None
    if found is None:
        return []
    return [f"'{found.group(0)}' speaks as the patient: a helper asks about 'my family member'"]


def question_problems(text: str, why: str, language: str, *, helper: bool = False) -> list[str]:
    """Everything CONTENT.md asks of one question and its "why ask this", in ``language``.

    ``helper``: a helper's wording (issue #24), in the helper's voice rather than the
    patient's (the patient-voice check is :func:`patient_voice_problems`).
    """
    problems: list[str] = []
    words = len(text.split())
    if words > MAX_WORDS:
        problems.append(f"the question has {words} words; {MAX_WORDS} at most")
    if not text.endswith("?") or text.count("?") != 1:
        problems.append("it must be one question, ending in a single '?'")
    info = load_language_info(language)
    written_in = info.babel_locale.language
    # The rules of writing a language has: English's patient voice, Spanish's opening '¿'.
    if written_in == "en" and not helper and not FIRST_PERSON.search(text):
        problems.append("it must be in the patient's voice (I, me, my)")
    if written_in == "en" and helper and not HELPER_VOICE.search(text):
        problems.append("it must be in the helper's voice (my family member, we, I)")
    if written_in == "es":
        opening = text.find("¿")
        if text.count("¿") != 1 or (opening > 0 and text[opening - 2 : opening] not in (", ", ". ")):
            problems.append("a Spanish question has one '¿', where the question starts")
    problems += READABILITY[info.readability](text, why)
    if not why.strip() or len(re.findall(r"[.!?](\s|$)", why)) > MAX_WHY_SENTENCES:
        problems.append(f"the why must be one to {MAX_WHY_SENTENCES} sentences")
    return problems + wording_problems(text) + wording_problems(why)
