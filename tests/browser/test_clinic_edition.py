"""The clinic edition in a real browser, served by ``streamlit run`` with QUESTION_PREP_CLINIC.

A good file: the clinic's name and phone on the Welcome step and in the sidebar, its
after-hours line beside the 988 line. (A bad file stops ``streamlit run`` before it
serves anything: ``tests/test_startup.py``.)
"""

from __future__ import annotations

import re

import pytest
from browser_driver import Wizard, start_server
from helpers import ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EXAMPLE = ROOT / "examples" / "clinic.yaml"


def test_the_clinic_is_named_on_welcome_and_in_the_sidebar(chromium, log_dir, context):
    app = start_server(log_dir, env={"QUESTION_PREP_CLINIC": str(EXAMPLE)})
    try:
        wiz = Wizard(context.new_page(), app.url).open()
        expect(wiz.main.get_by_text("Lakeside Mind Clinic offers this tool to its patients")).to_be_visible()
        expect(wiz.main.get_by_text("call (555) 010-0142", exact=False)).to_be_visible()
        # The escaper puts an invisible word joiner after a colon (no :icon: can form).
        expect(
            wiz.sidebar.get_by_text(re.compile(r"Lakeside Mind Clinic:\u2060? \(555\) 010-0142"))
        ).to_be_visible()
        expect(wiz.sidebar.get_by_text("988", exact=False).first).to_be_visible()
        expect(wiz.sidebar.get_by_text("Outside office hours, call our on-call nurse")).to_be_visible()
        # Beside the 988 line at the top of every step too.
        wiz.forward("welcome", "visit")
        expect(wiz.main.get_by_text("Outside office hours, call our on-call nurse")).to_be_visible()
    finally:
        app.stop()
