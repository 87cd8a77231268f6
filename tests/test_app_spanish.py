"""The wizard in Spanish: switching mid-way keeps every answer and the PDF comes out in Spanish."""

from __future__ import annotations

import io

from app_driver import NOTHING, go, heading, model, next_step, seeded, start
from helpers import pdf_text
from pypdf import PdfReader

from questions.content import load_language
from questions.listing import patient_list
from ui.downloads import document_bytes

ES = load_language("es")


def test_switching_to_spanish_mid_way_keeps_every_answer_and_prints_in_spanish():
    at = seeded("review")
    before = model(at).model_copy(deep=True)
    at.radio(key="_w_language_sidebar").set_value("es").run()
    assert not at.exception
    assert model(at).language == "es"
    assert model(at).model_dump(exclude={"language"}) == before.model_dump(exclude={"language"})
    assert heading(at) == ES.text("review.heading")
    assert any("marque 2" in block.value for block in at.markdown)
    next_step(at, "review")
    assert heading(at) == ES.text("print.heading")
    chosen = patient_list(model(at)).items
    assert all(item.text == ES.questions[item.id].text for item in chosen if not item.custom)
    pdf = document_bytes(model(at), ".pdf")
    text = pdf_text(pdf)
    for item in chosen:
        assert " ".join(item.text.split())[:50] in text
    assert "Página 1 de" in text
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "es-US"


def test_the_welcome_step_offers_the_language_and_going_back_keeps_answers():
    at = start()
    at.radio(key="_w_language_welcome").set_value("es").run()
    assert heading(at) == ES.text("welcome.heading")
    at.button(key="start").click().run()
    at.text_input(key="_w_visit.provider").input("Dra. Núñez").run()
    go(at, "welcome")
    at.radio(key="_w_language_welcome").set_value("en").run()
    assert heading(at) == "Get ready for your ketamine appointment"
    assert model(at).visit.provider == "Dra. Núñez"


def test_the_new_health_and_medicine_boxes_are_offered_and_choose_their_questions_in_both_languages():
    for language in ("en", "es"):
        words = load_language(language)
        at = seeded("health", NOTHING, language=language)
        labels = [box.label for box in at.checkbox]
        assert words.labels.health["stroke_or_aneurysm"] in labels
        assert words.labels.medication_types["antidepressants"] in labels
        at.checkbox(key="_w_health.stroke_or_aneurysm").check().run()
        at.checkbox(key="_w_medication_types.antidepressants").check().run()
        reasons = {r for item in patient_list(model(at)).main for r in item.reasons}
        assert {"health:stroke_or_aneurysm", "medication_types:antidepressants"} <= reasons
