"""Two patients on one server at the same time, each in their own browser context."""

from __future__ import annotations

import pytest
from browser_driver import Wizard
from patient_answers import EN, w

pytestmark = pytest.mark.browser


def test_two_patients_at_once_never_see_each_other(browser, server):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        alice, bob = (Wizard(context.new_page(), server.url).open() for context in contexts)
        patients = ((alice, "Dr. Alice Abernathy", "ptsd"), (bob, "Dr. Bob Brennan", "chronic_pain"))
        # Each action of one patient is followed by the same action of the other.
        for wiz, _, _ in patients:
            wiz.forward("welcome", "visit")
        for wiz, provider, _ in patients:
            wiz.type_text(w("visit.provider"), provider)
        for wiz, _, _ in patients:
            wiz.next("visit", "conditions")
        for wiz, _, condition in patients:
            wiz.tick(w(f"conditions.{condition}"))
        for wiz, _, _ in patients:
            wiz.jump("8. Your questions", "review")
        ptsd, pain = EN.questions["cond_ptsd_known"].text, EN.questions["cond_pain_known"].text
        assert ptsd in alice.question_texts() and pain not in alice.question_texts()
        assert pain in bob.question_texts() and ptsd not in bob.question_texts()
        for wiz, provider, _ in patients:
            wiz.jump("2. About your visit", "visit")
            assert wiz.text_value(w("visit.provider")) == provider
        assert "Bob" not in alice.page.content() and "Alice" not in bob.page.content()
    finally:
        for context in contexts:
            context.close()
