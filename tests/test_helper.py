"""A list for someone I help (issue #24): the helper's wording of every question, the
wizard's words, the helper's own questions, and what prints on page 1.

A family member or friend fills the wizard in for the patient. Every suggested question
then speaks from the helper's side about the patient ("my family member", "mi familiar"),
never as the patient; the list asks about the same things; and a ``me`` list is exactly
what it was before helpers existed.
"""

from __future__ import annotations

import json
import shutil
import statistics
from pathlib import Path

import pytest
from app_driver import fill_every_step, heading, model, next_step, press, start
from helpers import ROOT, pdf_page_texts, pdf_text, squash

from questions import content, vocab
from questions.check import ContentError, check_content
from questions.content import Bank, load_bank, load_language
from questions.content_rules import ease_es, grade, patient_voice_problems, question_problems
from questions.document_files import build_document
from questions.engine import build_list
from questions.listing import patient_list
from questions.models import Answers
from ui.downloads import document_bytes

BANK = load_bank()
LANGUAGES = ("en", "es")
PATIENTS = sorted((ROOT / "tests" / "patients").glob("*.json"))
HELPER_OWN = tuple(q.id for q in BANK.questions if q.when.for_whom)
TITLE = {
    "en": "Questions to ask about my family member's ketamine treatment",
    "es": "Preguntas sobre el tratamiento con ketamina de mi familiar",
}


def patient(path: Path, language: str = "en", **fields: object) -> Answers:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Answers.model_validate({**data, "language": language, **fields})


def helper(path: Path, language: str = "en") -> Answers:
    return patient(path, language, for_whom="someone_i_help")


def signals(answers: Answers) -> set[str]:
    """Every signal the list hears, main list and "if there is time" together."""
    return {reason for q in build_list(answers).questions for reason in q.reasons}


# --- the saved-answers file ------------------------------------------------------------------


def test_a_file_without_for_whom_loads_as_me_and_the_schema_lists_it():
    assert Answers.model_validate({"version": 1}).for_whom == "me"
    assert Answers.model_validate({"version": 1, "for_whom": "someone_i_help"}).for_whom == "someone_i_help"
    schema = Answers.model_json_schema()["properties"]["for_whom"]
    assert set(schema["enum"]) == {"me", "someone_i_help"} and schema["default"] == "me"


def test_an_unknown_for_whom_is_refused_naming_the_field():
    with pytest.raises(ValueError, match="for_whom"):
        Answers.model_validate({"version": 1, "for_whom": "my_dad"})


def test_for_whom_survives_saving_and_loading():
    saved = Answers.model_validate({"version": 1, "for_whom": "someone_i_help"}).to_json()
    assert Answers.model_validate_json(saved).for_whom == "someone_i_help"


# --- the words -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("qid", [q.id for q in BANK.questions])
def test_every_helper_wording_follows_the_content_rules(language, qid):
    pack = load_language(language)
    words = pack.for_helper[qid]
    text = words.text.replace("{conditions}", pack.labels.condition_names["anxiety"])
    why = words.why or pack.questions[qid].why
    assert question_problems(text, why, language, helper=True) == []
    if language == "es":
        assert ease_es(why) >= 60, why  # as test_spanish holds the patient's whys
    if qid not in HELPER_OWN:
        # A patient's question, asked by the helper: about the patient, never as them.
        assert patient_voice_problems(words.text, language) == []


def test_the_helpers_english_meets_the_banks_median_grade_as_written():
    """CONTENT.md's bank median (Flesch-Kincaid grade 6 or lower), measured on the helper's
    English exactly as a helper reads it, "my family member" and all."""
    texts = [w.text.replace("{conditions}", "anxiety") for w in load_language("en").for_helper.values()]
    assert statistics.median(grade(t) for t in texts) <= 6


@pytest.mark.parametrize("language", LANGUAGES)
def test_spanish_and_english_helper_wordings_name_the_patient_gender_neutrally(language):
    verbs = ("acompañar", "cuidar", "ayudar", "llevar", "vigilar", "observar", "atender")
    spanish = (" él ", " ella ", "embarazada", *(f"{v}{end}" for v in verbs for end in ("lo", "la")))
    gendered = {"en": (" he ", " she ", " his ", " her ", " him "), "es": spanish}
    for qid, words in load_language(language).for_helper.items():
        text = f" {words.text.lower()} "
        assert not [w for w in gendered[language] if w in text], qid


def test_the_patient_voice_check_finds_the_first_person_broadly():
    for text in (
        "I have heart problems. Is it safe?",
        "Can I drive after?",
        "Is it safe for me?",
        "How is my heart?",
    ):
        assert patient_voice_problems(text, "en"), text
    for text in (
        "Tengo problemas del corazón. ¿Es segura?",
        "Tomo lamotrigina. ¿Importa?",
        "¿Es segura para mí?",
        "¿Quién debería acompañarme?",
        "¿Cómo va mi presión?",
    ):
        assert patient_voice_problems(text, "es"), text
    assert not patient_voice_problems("Is ketamine safe for my family member?", "en")
    assert not patient_voice_problems("¿Es segura la ketamina para mi familiar?", "es")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_me_list_keeps_the_patient_words_and_a_helper_list_has_the_helper_words(language):
    mine, theirs = load_language(language), load_language(language, vocab.HELPER)
    assert {qid: q.text for qid, q in mine.questions.items()} != {
        qid: q.text for qid, q in theirs.questions.items()
    }
    for qid, words in theirs.questions.items():
        assert words.text == mine.for_helper[qid].text
        assert words.why == (mine.for_helper[qid].why or mine.questions[qid].why)
    assert theirs.text("document.title") == TITLE[language]
    assert mine.text("document.title") != TITLE[language]


def test_a_missing_helper_wording_stops_the_check_naming_the_file_and_the_question(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("fonts"))
    path = data / "es" / "questions_for_helper.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start_at = lines.index("bp_heart_safe:\n")
    del lines[start_at : start_at + 2]
    path.write_text("".join(lines), encoding="utf-8")
    content.use_data_dir(data)
    try:
        with pytest.raises(ContentError, match=r"es/questions_for_helper\.yaml.*missing \['bp_heart_safe'\]"):
            check_content()
    finally:
        content.use_data_dir(None)


def test_the_check_is_clean_with_every_helper_wording():
    assert check_content().startswith("content ok")


# --- the list --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATIENTS, ids=[p.stem for p in PATIENTS])
def test_for_whom_me_gives_exactly_the_list_without_helpers(path):
    """The bank without the helper's questions is the bank before issue #24: a ``me`` list
    must not notice they exist."""
    before = Bank.model_validate(
        {
            "risk_order": BANK.risk_order,
            "policy": BANK.policy,
            "questions": [q for q in BANK.questions if q.id not in HELPER_OWN],
        }
    )
    for language in LANGUAGES:
        answers = patient(path, language)
        now, then = build_list(answers), build_list(answers, before)
        assert now.questions == then.questions
        assert patient(path, language, for_whom="me") == answers


@pytest.mark.parametrize("path", PATIENTS, ids=[p.stem for p in PATIENTS])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_helper_list_never_speaks_as_the_patient(path, language):
    for item in patient_list(helper(path, language)).items:
        if not item.custom and item.id not in HELPER_OWN:
            assert patient_voice_problems(item.text, language) == [], (item.id, item.text)


@pytest.mark.parametrize("path", PATIENTS, ids=[p.stem for p in PATIENTS])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_helper_list_asks_about_the_same_things_plus_a_helper_question_on_the_main_list(path, language):
    mine, theirs = build_list(patient(path, language)), build_list(helper(path, language))
    lost = signals(patient(path, language)) - signals(helper(path, language))
    assert not lost, f"the helper's list no longer hears {lost}"
    own = [q for q in theirs.main if q.id in HELPER_OWN]
    assert len(own) == 1 and "for_whom:someone_i_help" in own[0].reasons
    # The main list trades exactly one question for the helper's; every other question the
    # helper's list lacks is one of the helper's own in its place ("if there is time").
    main_mine, main_theirs = {q.id for q in mine.main}, {q.id for q in theirs.main}
    assert len(main_mine - main_theirs) == 1 and main_theirs - main_mine == {own[0].id}
    # A question asking the same as a helper's ("can someone stay with me") gives way to it.
    helper_groups = {BANK.by_id[q].group for q in theirs.bank_ids if q in HELPER_OWN}
    missing = {
        q for q in set(mine.bank_ids) - set(theirs.bank_ids) if BANK.by_id[q].group not in helper_groups
    }
    assert len(missing) <= len(set(theirs.bank_ids) & set(HELPER_OWN))
    assert len(set(theirs.bank_ids) - set(mine.bank_ids) - set(HELPER_OWN)) <= 1
    # The crisis and safety places of the three are the patient's (the third may be the
    # question that gave its main-list place to the helper's).
    assert [q.id for q in mine.top][:2] == [q.id for q in theirs.top][:2]
    assert not any(q.id in HELPER_OWN for q in theirs.top)


def test_a_helper_list_keeps_own_questions_exactly_as_typed():
    typed = [
        "Can I stay in the room with my father during his session?",
        "He gets confused easily. Is that a problem?",
    ]
    for language in LANGUAGES:
        answers = patient(PATIENTS[0], language, for_whom="someone_i_help", custom_questions=typed)
        assert [item.text for item in patient_list(answers).items if item.custom] == typed


# --- the documents ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_says_on_page_one_whom_the_list_is_for(language):
    answers = patient(
        ROOT / "examples" / "answers.json",
        language,
        for_whom="someone_i_help",
        output={"include_summary": True},
    )
    words = load_language(language, vocab.HELPER)
    plist = patient_list(answers)
    pdf = build_document(plist, ".pdf")
    page_one = squash(pdf_page_texts(pdf)[0])
    assert TITLE[language] in page_one
    everything = pdf_text(pdf)
    assert words.text("document.support.heading") in everything
    assert words.text("document.summary.by_helper") in everything
    for suffix in (".html", ".md", ".txt"):
        text = build_document(plist, suffix).decode("utf-8")
        head = text[: text.index(words.questions["crisis_mood_worse"].text[:30])]
        assert TITLE[language] in head.replace("&#x27;", "'").replace("&#39;", "'"), suffix


def test_a_me_document_keeps_its_title():
    plist = patient_list(patient(ROOT / "examples" / "answers.json"))
    text = build_document(plist, ".txt").decode("utf-8")
    assert load_language("en").text("document.title") in text
    assert "family member" not in text


# --- the wizard (AppTest) --------------------------------------------------------------------


def _helper_journey(language: str):
    at = start()
    at.radio(key="_w_language_welcome").set_value(language).run()
    words = load_language(language)
    press(at, "start")
    radio = at.radio(key="_w_for_whom")
    assert radio.label == words.text("visit.for_whom_label")
    assert radio.value == "me"
    radio.set_value("someone_i_help").run()
    helper_words = load_language(language, vocab.HELPER)
    assert model(at).for_whom == "someone_i_help"
    assert heading(at) == helper_words.text("visit.heading")
    assert at.radio(key="_w_visit.stage").label == helper_words.text("visit.stage_label")
    next_step(at, "visit")
    next_step(at, "conditions")
    assert heading(at) == helper_words.text("health.heading")
    labels = [box.label for box in at.checkbox]
    assert helper_words.labels.health["takes_medications"] in labels
    at.checkbox(key="_w_health.heart_or_blood_pressure").check().run()
    return at, helper_words


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_helper_fills_the_wizard_in_and_every_question_speaks_about_the_patient(language):
    at, words = _helper_journey(language)
    for slug in ("health", "concerns", "support", "readiness"):
        next_step(at, slug)
    assert heading(at) == words.text("review.heading")
    shown = " ".join(block.value for block in at.markdown)
    assert words.questions["bp_heart_safe"].text.split(".")[0] in shown
    chosen = patient_list(model(at))
    assert any(item.id in HELPER_OWN for item in chosen.main)
    for item in chosen.items:
        assert patient_voice_problems(item.text, language) == [] or item.id in HELPER_OWN
    assert TITLE[language] in squash(pdf_page_texts(document_bytes(model(at), ".pdf"))[0])


def test_a_helper_going_back_to_me_gets_the_patient_words_again():
    at, _ = _helper_journey("en")
    at.switch_page("pages/visit.py")
    at.run()
    assert at.radio(key="_w_for_whom").value == "someone_i_help"
    at.radio(key="_w_for_whom").set_value("me").run()
    assert heading(at) == load_language("en").text("visit.heading")
    assert model(at).health == ["heart_or_blood_pressure"]


def test_a_patient_filling_every_step_stays_me():
    at = fill_every_step(start())
    assert model(at).for_whom == "me"
    assert heading(at) == load_language("en").text("review.heading")
