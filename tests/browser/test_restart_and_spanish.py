"""A server restart mid-visit, and a whole visit in Spanish, in a real browser."""

from __future__ import annotations

import pytest
from browser_driver import Wizard, start_server, step_url
from patient_answers import EN, LABELS, answer_step, assert_step_answers, w
from playwright.sync_api import expect
from pypdf import PdfReader

from questions.content import load_language
from questions.listing import patient_list
from questions.models import Answers
from ui.steps import STEPS

pytestmark = pytest.mark.browser
ES = load_language("es")


def test_a_restart_mid_visit_says_so_plainly_and_the_answers_come_back(browser, log_dir):
    app = start_server(log_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    try:
        wiz = Wizard(context.new_page(), app.url).open()
        wiz.forward("welcome", "visit")
        answer_step(wiz, "visit")
        wiz.next("visit", "conditions")
        answer_step(wiz, "conditions")
        port = app.port
        connection = wiz.page.locator("[data-testid=stApp]")
        app.stop()
        # Streamlit's own dialog blamed the patient's internet connection: it says what happened.
        dialog = wiz.page.locator("section[role=dialog]")
        expect(dialog.get_by_text(EN.text("frame.restart_title"))).to_be_visible(timeout=30_000)
        expect(dialog.get_by_text(EN.text("frame.restart_body"))).to_be_visible()
        assert "connected to the internet" not in dialog.inner_text()
        app = start_server(log_dir, port=port)
        # The tab reconnects by itself. The patient's next click runs in a new, empty
        # session: the tab's own copy fills it, so nothing was lost.
        expect(connection).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30_000)
        expect(dialog).to_have_count(0, timeout=30_000)
        wiz.main.get_by_role("button", name=EN.text("frame.back")).click()
        expect(wiz.page).to_have_url(step_url("visit"))
        expect(wiz.main.get_by_role("radio", name=LABELS.stages["first_consultation"])).to_be_checked()
        wiz.idle()
        assert_step_answers(wiz, "visit")
        wiz.next("visit", "conditions")
        assert_step_answers(wiz, "conditions")
        assert "Traceback" not in wiz.page.content()
    finally:
        context.close()
        app.stop()


def test_a_step_opened_in_a_new_tab_explains_it_is_empty(server, new_tab):
    wiz = Wizard(new_tab(), server.url).open("conditions")
    notice = wiz.main.get_by_text(EN.text("frame.fresh_session").split("**")[1])
    expect(notice).to_be_visible()
    expect(wiz.main.get_by_text(EN.text("frame.crisis_short"))).to_be_visible()
    wiz.go("fresh_to_welcome", "welcome")
    assert wiz.heading() == EN.text("welcome.heading")


def test_switching_to_spanish_mid_visit_keeps_answers_and_prints_in_spanish(server, new_tab):
    wiz = Wizard(new_tab(), server.url).open()
    wiz.forward("welcome", "visit")
    for slug, after in (("visit", "conditions"), ("conditions", "health"), ("health", "concerns")):
        answer_step(wiz, slug)
        wiz.next(slug, after)
    # Mid-way, in the sidebar: Español.
    with wiz.rerun():
        wiz.sidebar.get_by_text("Español", exact=True).click()
    assert wiz.heading() == ES.text("concerns.heading")
    expect(wiz.main.get_by_text(ES.text("frame.crisis_short"))).to_be_visible()
    assert wiz.page.evaluate("document.documentElement.lang") == "es"
    for slug in ("health", "conditions", "visit"):
        wiz.back(STEPS[[s.slug for s in STEPS].index(slug) + 1].slug, slug)
        assert_step_answers(wiz, slug, ES.labels)
    assert wiz.text_value(w("visit.provider")) == "Dr. Imani Okonkwo, Lakeside Mind Clinic"
    slugs = [step.slug for step in STEPS]
    for index in range(slugs.index("visit"), len(slugs) - 1):
        wiz.next(slugs[index], slugs[index + 1])
    with wiz.page.expect_download() as download:
        wiz.main.get_by_role("button", name=ES.text("print.pdf")).click()
    pdf = PdfReader(download.value.path())
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Página 1 de" in text and "marque 2" in text
    answers = Answers.model_validate(
        {
            "version": 1,
            "language": "es",
            "visit": {"stage": "first_consultation"},
            "conditions": ["ptsd", "other"],
            "health": ["heart_or_blood_pressure", "takes_medications"],
            "medication_types": ["benzodiazepines"],
            "tried_treatments": ["talk_therapy"],
        }
    )
    for item in patient_list(answers).top:
        assert " ".join(item.text.split())[:40] in text
