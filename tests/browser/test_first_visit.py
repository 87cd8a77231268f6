"""A brand-new server whose very first request is a step's URL (a bookmark, a restart).

Streamlit 1.67 would run that first request in its old "pages folder" mode: the sidebar
lists file names ("review") and the crisis line there is missing. The app routes it
through ``app.py`` instead; this checks the result in a real browser.
"""

from __future__ import annotations

import pytest
from browser_driver import Wizard
from patient_answers import EN
from playwright.sync_api import expect

from ui.steps import STEPS

pytestmark = pytest.mark.browser

NAV_LABELS = """() => [...document.querySelectorAll('[data-testid=stSidebarNavLink]')].map((link) => {
  const icon = link.querySelector('[data-testid=stIconMaterial]');
  return link.innerText.replace(icon ? icon.innerText : '', '').trim();
})"""


def test_first_request_to_a_step_url_shows_the_wizard(fresh_server, context):
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    wiz = Wizard(page, fresh_server.url).open("review")

    assert requests[0] == f"{fresh_server.url}/review"
    assert wiz.heading() == EN.text("review.heading")
    expected = [f"{n}. {EN.text(f'{step.slug}.heading')}" for n, step in enumerate(STEPS, start=1)]
    assert page.evaluate(NAV_LABELS) == expected
    for step in STEPS:
        expect(wiz.sidebar.get_by_role("link", name=step.slug, exact=True)).to_have_count(0)
    expect(wiz.sidebar.get_by_text(EN.text("crisis_line"))).to_be_visible()
    expect(wiz.main.get_by_text(EN.text("frame.crisis_short"))).to_be_visible()
    # The patient can carry on from here: Next goes to the last step.
    wiz.next("review", "print")
    assert wiz.heading() == EN.text("print.heading")
