"""The clinic edition in a real browser, served by ``streamlit run`` with QUESTION_PREP_CLINIC.

A good file: the clinic's name and phone on the Welcome step and in the sidebar, its
after-hours line beside the 988 line. A bad file: the page shows the problem in one plain
line (in each language, the patient's is not known yet) and no step; the server's log
gets exactly one ``error:`` line and no traceback.
"""

from __future__ import annotations

import re

import pytest
from browser_driver import IDLE, Wizard
from conftest import start_server
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
        expect(wiz.sidebar.get_by_text("Lakeside Mind Clinic: (555) 010-0142")).to_be_visible()
        expect(wiz.sidebar.get_by_text("988", exact=False).first).to_be_visible()
        expect(wiz.sidebar.get_by_text("Outside office hours, call our on-call nurse")).to_be_visible()
        # Beside the 988 line at the top of every step too.
        wiz.forward("welcome", "visit")
        expect(wiz.main.get_by_text("Outside office hours, call our on-call nurse")).to_be_visible()
    finally:
        app.stop()


def test_a_bad_clinic_file_shows_one_plain_line_and_no_step(chromium, log_dir, context, tmp_path):
    bad = tmp_path / "clinic.yaml"
    bad.write_text("name: '**Bold** clinic'\nphone: (555) 010-0100\n", encoding="utf-8")
    app = start_server(log_dir, env={"QUESTION_PREP_CLINIC": str(bad)})
    try:
        page = context.new_page()
        page.goto(f"{app.url}/visit")
        page.wait_for_selector("[data-testid=stAlertContentError]")
        page.wait_for_selector(IDLE, state="attached")
        alerts = page.locator("[data-testid=stAlertContentError]")
        expect(alerts).to_have_count(2)
        for index in range(2):
            text = alerts.nth(index).locator("[data-testid=stMarkdownContainer]").inner_text()
            assert "name: use plain words" in text, text
            assert "\n" not in text.strip()
        expect(page.locator("[data-testid=stMain] h2")).to_have_count(0)  # no step drawn
        expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
        log = app.log()
        errors = [line for line in log.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and errors[0].startswith(f"error: clinic file '{bad}': name: use plain"), log
        assert not re.search(r"Traceback|Uncaught app exception", log), log
    finally:
        app.stop()
