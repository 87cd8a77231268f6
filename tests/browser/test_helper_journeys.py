"""A family member fills the wizard in for the patient (issue #24), in English and Spanish.

The helper says so on the first question of "About your visit"; from then on every step
asks about "the person you help", every suggested question speaks about "my family
member", one of the helper's own questions is on the list, the PDF's first page says whom
the list is for, the choice is saved in the answers file and comes back when it is loaded,
and axe finds nothing serious on any changed screen.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from browser_driver import Wizard
from playwright.sync_api import expect
from pypdf import PdfReader
from test_accessibility import StepAxe, allowed_by, blocking_findings

from questions import vocab
from questions.content import load_bank, load_language
from questions.content_rules import patient_voice_problems
from ui.steps import STEPS

pytestmark = pytest.mark.browser

SLUGS = [step.slug for step in STEPS]
HELPER_OWN = {q.id for q in load_bank().questions if q.when.for_whom}
OWN_QUESTION = "He gets confused easily. Is that a problem?"
TITLE = {
    "en": "Questions to ask about my family member's ketamine treatment",
    "es": "Preguntas sobre el tratamiento con ketamina de mi familiar",
}


def download(wiz: Wizard, button_key: str, folder: Path) -> Path:
    with wiz.page.expect_download() as event:
        wiz.by_key(button_key).locator("button").click()
    target = folder / event.value.suggested_filename
    event.value.save_as(target)
    return target


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_helper_fills_the_wizard_in_for_a_family_member(server, new_tab, tmp_path, language):
    words, theirs = load_language(language), load_language(language, vocab.HELPER)
    wiz = Wizard(new_tab(), server.url).open()
    if language == "es":
        wiz.choose("_w_language_welcome", "Español")
    wiz.go("start", "visit")
    assert wiz.chosen("_w_for_whom") == words.text("visit.for_whom_options.me")
    wiz.choose("_w_for_whom", words.text("visit.for_whom_options.someone_i_help"))
    expect(wiz.main.get_by_role("heading", name=theirs.text("visit.heading"))).to_be_visible()
    expect(wiz.main.get_by_text(theirs.text("visit.stage_label"))).to_be_visible()
    wiz.choose("_w_visit.stage", theirs.labels.stages["first_consultation"])

    axe = StepAxe()

    def audit(where: str) -> list:
        """axe on the helper's English steps. The Spanish helper's steps are the same
        elements with other words: axe sees Spanish in ``test_accessibility``, on a phone."""
        return blocking_findings(axe.run(wiz.page), where) if language == "en" else []

    findings = audit(f"{language}/visit")
    wiz.next("visit", "conditions")
    assert wiz.heading() == theirs.text("conditions.heading")
    wiz.tick("_w_conditions.depression")
    findings += audit(f"{language}/conditions")
    wiz.next("conditions", "health")
    assert wiz.heading() == theirs.text("health.heading")
    expect(wiz.main.get_by_text(theirs.text("health.health_label"))).to_be_visible()
    wiz.tick("_w_health.heart_or_blood_pressure")
    wiz.tick("_w_health.memory_or_thinking")
    findings += audit(f"{language}/health")
    for slug, after in pairwise(SLUGS[SLUGS.index("health") : SLUGS.index("review") + 1]):
        wiz.next(slug, after)
        assert wiz.heading() == theirs.text(f"{after}.heading")
        wiz.open_expanders()
        findings += audit(f"{language}/{after}")

    # "Your questions": every suggested question speaks about the patient, never as them.
    wiz.type_text("_w_own_question", OWN_QUESTION)
    with wiz.rerun():
        wiz.by_key("add_own").locator("button").click()
    texts = wiz.question_texts()
    assert theirs.questions["bp_heart_safe"].text in texts
    assert OWN_QUESTION in texts
    helper_texts = {theirs.questions[qid].text for qid in HELPER_OWN}
    assert helper_texts & set(texts), "no question of the helper's own is on the list"
    for text in texts:
        if text != OWN_QUESTION and text not in helper_texts:
            assert patient_voice_problems(text, language) == [], text

    wiz.next("review", "print")
    findings += audit(f"{language}/print")
    unexplained = [finding for finding in findings if allowed_by(finding) is None]
    assert not unexplained, "axe found serious or critical problems:\n" + "\n".join(map(str, unexplained))

    pdf = PdfReader(download(wiz, "download.pdf", tmp_path))
    page_one = " ".join((pdf.pages[0].extract_text() or "").split())
    assert TITLE[language] in page_one
    everything = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    assert theirs.text("document.support.heading") in everything
    assert OWN_QUESTION in everything

    # Saved, and restored from the file on the Welcome step.
    saved = download(wiz, "download_answers", tmp_path)
    assert json.loads(saved.read_text(encoding="utf-8"))["for_whom"] == "someone_i_help"
    with wiz.rerun():
        wiz.by_key("start_over").locator("button").click()
    with wiz.rerun():
        wiz.by_key("start_over_yes").locator("button").click()
    wiz.jump("1. " + words.text("welcome.heading"), "welcome")
    wiz.load_saved_file(saved)
    wiz.jump("2. " + theirs.text("visit.heading"), "visit")
    assert wiz.chosen("_w_for_whom") == words.text("visit.for_whom_options.someone_i_help")
