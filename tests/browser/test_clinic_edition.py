"""The clinic edition in a real browser, served by ``streamlit run`` with QUESTION_PREP_CLINIC.

A good file: the clinic's name, phone and website on the first step and in the sidebar,
its after-hours line beside the 988 line, and no phone number wrapped in the middle at any
width. (A bad file stops ``streamlit run`` before it
serves anything: ``tests/test_startup.py``.) The file is read once, at start-up: breaking
it on disk later changes nothing a patient sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_driver import AppServer, Wizard, start_server
from helpers import ROOT
from playwright.sync_api import expect

from questions.content import load_language
from ui.steps import STEPS

pytestmark = pytest.mark.browser

EXAMPLE = ROOT / "examples" / "clinic.yaml"
SLUGS = [step.slug for step in STEPS]


HELD = "(555)\u00a0010\u20110142"
"""The phone as shown: a non-breaking space and hyphen hold it together."""

LINES_OF = """([root, needle]) => {
    // How many lines each shown copy of `needle` inside `root` takes: the tops of its boxes.
    const found = [];
    const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(needle);
        if (at < 0 || !node.parentElement.checkVisibility()) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        found.push(new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size);
    }
    return found;
}"""


@pytest.fixture(scope="module")
def example_clinic(chromium, log_dir) -> Iterator[AppServer]:
    """The app as a clinic serves it with the example file, for the tests that only read it."""
    app = start_server(log_dir, env={"QUESTION_PREP_CLINIC": str(EXAMPLE)})
    yield app
    app.stop()


def test_the_clinic_is_named_on_welcome_and_in_the_sidebar(example_clinic, new_tab):
    wiz = Wizard(new_tab(), example_clinic.url).open()
    expect(wiz.main.get_by_text("Lakeside Mind Clinic offers this tool to its patients")).to_be_visible()
    expect(wiz.main.get_by_text("call (555) 010\u20110142", exact=False)).to_be_visible()
    expect(wiz.main.get_by_text("lakeside-mind.example.org", exact=False)).to_be_visible()
    # The escaper puts an invisible word joiner after a colon (no :icon: can form).
    expect(
        wiz.sidebar.get_by_text(
            re.compile(r"Lakeside Mind Clinic:\u2060? \(555\)\s010\u20110142 · lakeside-mind\.example\.org")
        )
    ).to_be_visible()
    expect(wiz.sidebar.get_by_text("988", exact=False).first).to_be_visible()
    expect(wiz.sidebar.get_by_text("Outside office hours, call our on-call nurse")).to_be_visible()
    # Beside the 988 line at the top of every step too.
    wiz.forward("welcome", "visit")
    expect(wiz.main.get_by_text("Outside office hours, call our on-call nurse")).to_be_visible()


def test_a_phone_number_never_wraps_inside_at_any_width(example_clinic, new_tab):
    """From a narrow phone to a desktop, every shown copy of a clinic phone number (the
    welcome text, the after-hours line, the sidebar's clinic line) sits on one line."""
    page = new_tab()
    Wizard(page, example_clinic.url).open()
    seen = 0
    # The step at every width; the sidebar (the clinic line) where it is open beside it.
    for width in range(320, 1300, 37):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(400)  # the sidebar's slide, when it closes or opens
        roots = ["[data-testid=stMain]", *(["[data-testid=stSidebar]"] if width >= 800 else [])]
        for root in roots:
            for needle in (HELD, "(555)\u00a0010\u20110199"):
                lines = page.evaluate(LINES_OF, [root, needle])
                seen += len(lines)
                assert all(count == 1 for count in lines), (width, root, needle, lines)
    assert seen >= 27 * 2, "both numbers were found on the page at every width"


def test_a_clinic_file_broken_after_start_up_changes_nothing_a_patient_sees(
    chromium, log_dir, new_tab, tmp_path
):
    """Read once at start-up and kept: a file broken (or changed) on disk while the server runs
    reaches no patient; every step keeps the clinic's name and the 988 line, and no screen
    shows a server path or a message meant for the clinic's staff.

    English walks every step; Spanish, whose pages run the same code with the kept file's
    Spanish words, the first two (a walk costs Chromium about four CPU-seconds)."""
    clinic = tmp_path / "clinic-on-the-server.yaml"
    clinic.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    app = start_server(log_dir, env={"QUESTION_PREP_CLINIC": str(clinic)})
    try:
        clinic.write_text("name: [this is not a clinic file\nphone: 1\n", encoding="utf-8")
        for locale, language, slugs in (("en-US", "en", SLUGS), ("es-US", "es", SLUGS[:2])):
            wiz = Wizard(new_tab(locale=locale), app.url).open()
            assert wiz.heading() == load_language(language).text("welcome.heading")
            for index, slug in enumerate(slugs):
                if index:
                    wiz.forward(SLUGS[index - 1], slug)
                shown = wiz.page.locator("body").inner_text()
                assert "988" in wiz.main.inner_text(), f"{language}/{slug}: the 988 line"
                assert "Lakeside Mind Clinic" in shown, f"{language}/{slug}: the clinic read at start-up"
                assert str(tmp_path) not in shown and "clinic-on-the-server" not in shown, slug
                expect(wiz.main.locator("[data-testid=stAlertContentError]")).to_have_count(0)
    finally:
        app.stop()
