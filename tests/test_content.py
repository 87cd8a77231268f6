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
from questions.bank_export import bank_rows
from questions.content import CITATIONS, DATA_DIR, TRIGGERS, available_languages, load_bank, load_language
from questions.content_rules import FIRST_PERSON, FORBIDDEN, PLACEHOLDER, question_problems
from questions.listing import patient_list
from questions.models import Answers

BANK = load_bank()
EN = load_language("en")
ES = load_language("es")
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


@pytest.mark.parametrize(("qid", "text", "why"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_every_why_is_grade_eight_or_lower(qid, text, why):
    assert textstat.flesch_kincaid_grade(why) <= 8, why


def filled(pack, question, names: list[str]) -> str:
    joined = f"{', '.join(names[:-1])} {pack.text('list.and')} {names[-1]}"
    return pack.questions[question.id].text.format(conditions=joined)


def test_the_question_naming_several_conditions_stays_short_and_plain():
    """At most 25 words even with the three longest names; plain with everyday names (the
    medical names themselves are long words no rewording can shorten)."""
    for question in (q for q in BANK.questions if q.names_conditions):
        for pack in (EN, ES):
            names = sorted((pack.labels.condition_names[c] for c in question.when.conditions), key=len)
            assert len(filled(pack, question, names[-3:]).split()) <= 25
            everyday = filled(pack, question, names[:3])
            if pack is EN:
                assert textstat.flesch_kincaid_grade(everyday) <= 8, everyday
            else:
                textstat.set_lang("es")
                try:
                    assert textstat.fernandez_huerta(everyday) >= 70, everyday
                finally:
                    textstat.set_lang("en_US")


ABBREVIATIONS = (
    "MAOI",
    "TMS",
    "ECT",
    "FND",
    "CRPS",
    "IV",
    "PTSD",
    "ADHD",
    "PHQ",
    "FDA",
    "OCD",
    "SSRI",
    "SNRI",
    "HSA",
    "AVM",
    "CPAP",
    "REMS",
)
"""Abbreviations a patient may not know: a question (which may print without its "why") only
uses one in brackets, after the plain words it stands for."""


@pytest.mark.parametrize("language", ["en", "es"])
def test_questions_say_abbreviations_in_plain_words_first(language):
    pack = load_language(language)
    for qid, words in pack.questions.items():
        for abbreviation in ABBREVIATIONS:
            for match in re.finditer(rf"\b{abbreviation}\b", words.text):
                before = words.text[: match.start()]
                assert before.count("(") > before.count(")"), f"{qid}: {abbreviation} without brackets"
                plain = before[: before.rfind("(")].split()
                assert len(plain) >= 3, f"{qid}: no plain words before ({abbreviation})"


UNSAID_HISTORY = {
    "en": re.compile(r"\bmy history\b(?! of\b)", re.I),
    "es": re.compile(r"\bmis? (historial|antecedentes)\b(?! del?\b)", re.I),
}
"""'My history' with nothing after it: a printed question that does not say which history."""
EXPLAINED_TERMS = {
    "esketamine": re.compile(r"nose spray|nasal spray|Spravato", re.I),
    "esketamina": re.compile(r"nariz|nasal|Spravato", re.I),
    "lozenge": re.compile(r"melts", re.I),
    "benzodiazepine": re.compile(r"calming|Ativan|Xanax|lorazepam|alprazolam", re.I),
    "benzodiazepina": re.compile(r"calma|Ativan|Xanax|lorazepam|alprazolam", re.I),
}
"""Words a patient may not know, and the plain words that must stand beside them in the
same question (issue #23: the question may print without its why)."""
NEVER_IN_A_QUESTION = ("PHQ",)
"""A depression form's name: the question goes to pain and OCD patients too."""


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_question_says_which_history_and_explains_its_words(language):
    """A question stands alone (CONTENT.md): never "my history" without saying which, no
    medical word without plain words beside it, no form names."""
    for qid, words in load_language(language).questions.items():
        assert not UNSAID_HISTORY[language].search(words.text), f"{qid}: which history? {words.text}"
        for term, plain in EXPLAINED_TERMS.items():
            if re.search(rf"\b{term}", words.text, re.I):
                assert plain.search(words.text), f"{qid}: '{term}' is not explained: {words.text}"
        for name in NEVER_IN_A_QUESTION:
            assert name not in words.text, f"{qid}: {name} in the question"


def test_the_history_and_explanation_checks_catch_a_bad_question():
    assert UNSAID_HISTORY["en"].search("With my history, what signs will you watch for?")
    assert not UNSAID_HISTORY["en"].search("With my history of bipolar disorder, what will you watch for?")
    assert UNSAID_HISTORY["es"].search("Con mi historial, ¿qué señales van a vigilar?")
    assert not EXPLAINED_TERMS["esketamine"].search("How is esketamine different from ketamine?")


@pytest.mark.parametrize("language", available_languages())
def test_words_readers_misread_are_not_used(language):
    """ "Everyday" reads as "daily" (CONTENT.md); "whom" is stiff; "many people" only where the
    guide says many, and it never does."""
    texts = " ".join(patient_texts(language)).lower()
    misread = {
        "en": ("everyday", "whom", " many people"),
        "es": ("cada día.", "antidepresivo de uso diario", "antidepresivos de uso diario", "muchas personas"),
    }[language]
    for word in misread:
        assert word not in texts.replace("how many people", ""), word


def test_no_template_phrases():
    """A list reads as one voice, not a template (CONTENT.md, "Plain language")."""
    english = " ".join(f"{text} {why}" for _, text, why in QUESTIONS).lower()
    assert english.count("safe fit") <= 2
    assert english.count("a good clinic can answer this clearly") <= 1


def six_word_phrases(text: str) -> set[str]:
    words = re.findall(r"[\w'-]+", text.lower())
    return {" ".join(words[n : n + 6]) for n in range(len(words) - 5)}


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_six_word_phrase_repeats_across_more_than_three_whys(language):
    pack = load_language(language)
    counts: dict[str, int] = {}
    for words in pack.questions.values():
        for phrase in six_word_phrases(words.why):
            counts[phrase] = counts.get(phrase, 0) + 1
    repeated = {phrase: n for phrase, n in counts.items() if n > 3}
    assert not repeated, repeated


BENEFIT = {"en": re.compile(r"\bbenefit|\bpros\b", re.I), "es": re.compile(r"beneficio|ventajas", re.I)}
RISK = {"en": re.compile(r"\brisk|\bcons\b", re.I), "es": re.compile(r"riesgo|desventajas", re.I)}


@pytest.mark.parametrize("language", ["en", "es"])
def test_benefits_are_never_asked_without_risks(language):
    pack = load_language(language)
    for qid, words in pack.questions.items():
        for part in (words.text, words.why):
            if BENEFIT[language].search(part):
                assert RISK[language].search(part), f"{qid}: benefits without risks: {part}"


def test_risks_are_never_presented_as_a_complete_list():
    for pack in (EN, ES):
        for qid in ("ready_risks", "ready_benefits"):
            why = pack.questions[qid].why.lower()
            assert "some risks" in why or "algunos riesgos" in why or "like" in why or "como" in why, why
    assert "your provider can tell you about others" in EN.guide["risks"].body.lower()
    assert "su proveedor le puede hablar de otros" in ES.guide["risks"].body.lower()


def test_every_cited_section_exists_and_clinic_questions_claim_no_guide_facts():
    """A "why" that says what the guide says cites the section it comes from."""
    for question in BANK.questions:
        for pack, word in ((EN, "guide"), (ES, "guía")):
            why = pack.questions[question.id].why
            if question.source is None:
                assert word not in why.lower(), f"{question.id} cites no section but quotes the guide"
            else:
                assert question.source in pack.guide


CLAIMS = {
    "Translational Psychiatry, 2023": re.compile(
        r"new connections|neuroplasticity|nuevas conexiones|neuroplasticidad|2023"
    ),
    "Current Research in Neuropharmacology, 2024": re.compile(
        r"emotionally aware|in touch with|en contacto con|2024"
    ),
}
"""The one claim each of the guide's studies supports, in both languages."""


def test_citations_ride_on_exactly_the_claims_they_support():
    for question in BANK.questions:
        for pack in (EN, ES):
            why = pack.questions[question.id].why
            for citation, claim in CLAIMS.items():
                assert (citation in question.citations) == bool(claim.search(why)), (question.id, citation)
    for pack in (EN, ES):
        assert list(pack.guide) == list(vocab.GUIDE_SECTIONS)
        for section in pack.guide.values():
            for citation in CITATIONS:
                journal = citation.split(",")[0]
                if journal in section.body:
                    sentence = next(s for s in re.split(r"(?<=\.) ", section.body) if journal in s)
                    assert CLAIMS[citation].search(sentence), sentence
        bodies = " ".join(section.body for section in pack.guide.values())
        assert all(citation.split(",")[0] in bodies for citation in CITATIONS)


GUIDE_CLAIMS = {
    "Translational Psychiatry": re.compile(
        r"new (connections|pathways|links)|neuroplasticity|nuevas conexiones|nuevos caminos|neuroplasticidad"
    ),
    "Current Research in Neuropharmacology": re.compile(
        r"emotionally aware|aware of their feelings|en contacto con sus emociones"
    ),
}


def test_every_guide_sentence_with_a_studied_claim_names_its_study():
    for pack in (EN, ES):
        for section in pack.guide.values():
            for sentence in re.split(r"(?<=[.)]) (?=[A-Z])", section.body):
                for journal, claim in GUIDE_CLAIMS.items():
                    if claim.search(sentence):
                        assert journal in sentence, sentence


def test_guide_sections_are_plain():
    """Grade 8 at most, as every question (issue #23: the overview, how it works, benefits and
    conditions panels read above it). Measured without bracketed study names and abbreviations (references, not reading), and
    with each condition's name counted as one short word: a patient knows the name of their
    own condition, and spelling it out is plainer than an abbreviation."""
    names = sorted(EN.labels.condition_names.values(), key=len, reverse=True)
    names += ["complex regional pain syndrome", "obsessive-compulsive disorder", "post-traumatic stress"]
    for section in EN.guide.values():
        body = re.sub(r" \([^()]*\)", "", section.body)
        for name in names:
            body = body.replace(name, "pain")
        assert textstat.flesch_kincaid_grade(body) <= 8, section.title


def test_guide_sections_are_grade_eight_even_with_their_study_and_condition_names():
    """As a patient reads them, names and all (issue #23 measured the overview, how it works,
    benefits and conditions panels above grade 8 this way)."""
    for section in EN.guide.values():
        assert textstat.flesch_kincaid_grade(section.body) <= 8, section.title


def test_every_answer_raises_a_question_and_every_concern_two():
    """Each box a patient can tick is heard; each concern has a second question for the
    "If there is time" section."""
    for trigger in TRIGGERS:
        for value in trigger.ids:
            raised = BANK.raised_by.get((trigger.key, value), ())
            assert raised, f"{trigger.key}:{value} raises no question"
            if trigger.key == "concerns":
                assert len(raised) >= 2, f"concerns:{value} raises only {[q.id for q in raised]}"


BEFORE_STARTING = re.compile(
    r"before (we|I) start|first session|good fit for me|is ketamine safe for me", re.I
)


def test_questions_about_starting_never_reach_a_patient_in_treatment():
    for question in BANK.questions:
        if BEFORE_STARTING.search(EN.questions[question.id].text) and question.default_tier != "browse":
            assert "in_treatment" in question.when.not_stages, question.id


def test_a_patient_in_treatment_still_has_a_question_for_every_health_flag():
    for value in vocab.HEALTH_FLAGS:
        fitting = [q for q in BANK.raised_by[("health", value)] if "in_treatment" not in q.when.not_stages]
        assert fitting, f"health:{value} has no question for a patient in treatment"


def test_clinic_questions_cover_what_a_careful_patient_checks():
    # The vetting rows a shopper compares (policy clinic_vetting) and the monitoring questions
    # live under the topics that fit every stage ("what if something goes wrong" is a safety
    # question in treatment too, not "Choosing a clinic").
    vetting = set(BANK.policy.clinic_vetting)
    clinic = " ".join(
        EN.questions[q.id].text.lower()
        for q in BANK.questions
        if q.topic == "clinic" or q.id in vetting or q.id.startswith("mon_")
    )
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


def test_the_crisis_question_is_on_every_list_and_cannot_be_removed():
    crisis = BANK.by_id["crisis_mood_worse"]
    assert crisis.essential and crisis.keep and crisis.when.always and not crisis.when.not_stages
    assert "suicide" in EN.questions[crisis.id].text and "suicidio" in ES.questions[crisis.id].text


def test_the_stage_essentials_are_the_ones_design_names():
    """Policy version 3: FDA status before anyone starts; driving for everyone going to
    sessions; food and drink before the first one."""
    essentials = {q.id: set(q.essential_stages) for q in BANK.questions if q.essential_stages}
    assert essentials == {
        "forms_fda": {"choosing_clinic", "first_consultation"},
        "after_drive": {"first_consultation", "in_treatment"},
        "browse_food_drink": {"first_consultation"},
    }


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_bank_export_labels_only_the_studied_claims_with_a_study(language):
    rows = bank_rows(language)
    cited = {row["id"]: row["citation"] for row in rows if row["citation"]}
    assert cited == {
        "browse_neuroplasticity": "Translational Psychiatry, 2023",
        "browse_emotional_awareness": "Current Research in Neuropharmacology, 2024",
    }
    for row in rows:
        for citation in row["citation"].split("; ") if row["citation"] else []:
            assert CLAIMS[citation].search(row["why"]), row["id"]


@pytest.mark.parametrize("language", available_languages())
def test_the_shared_rules_pass_the_whole_bank(language):
    """The rules a clinic's own questions are held to (questions.content_rules) are the
    bank's rules: every bank question passes them, and a bad one is caught."""
    words = load_language(language).questions
    failing = {q.id: question_problems(words[q.id].text, words[q.id].why, language) for q in BANK.questions}
    assert not {qid: p for qid, p in failing.items() if p}
    assert question_problems("You should stop taking your pills now!", "", language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_condition_is_not_named_beside_the_kind_of_it_the_patient_has(language):
    """Complex regional pain syndrome is a long-lasting pain, hard-to-treat depression a
    depression: "I have long-lasting pain and complex regional pain syndrome" reads as two."""
    pack = load_language(language)
    for wider, narrower in (("chronic_pain", "crps"), ("depression", "treatment_resistant_depression")):
        answers = Answers.model_validate(
            {"version": 1, "language": language, "conditions": [wider, narrower]}
        )
        several = next(item for item in patient_list(answers).items if item.id == "cond_known_several")
        assert pack.labels.condition_names[narrower] in several.text
        assert pack.labels.condition_names[wider] not in several.text.replace(
            pack.labels.condition_names[narrower], ""
        ), several.text
