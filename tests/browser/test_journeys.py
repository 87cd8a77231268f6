"""Journey 1: a patient with a mouse answers everything, checks it, prints, saves and reloads.

The same journey is also the privacy check: every request the page makes is recorded and
must go to the app's own server, and the server's log must not contain what was typed.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_driver import Wizard
from patient_answers import (
    EN,
    MEDICINES,
    OTHER_CONDITION,
    OWN_QUESTION,
    PROVIDER,
    STEPS_WITH_ANSWERS,
    TYPED,
    answer_step,
    assert_step_answers,
)
from playwright.sync_api import expect
from pypdf import PdfReader

from ui.steps import STEPS

pytestmark = pytest.mark.browser

SLUGS = [step.slug for step in STEPS]


def collapse(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return collapse(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


class Recorder:
    """Every request and WebSocket the page opens, for the privacy check."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def attach(self, page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("websocket", lambda socket: self.urls.append(socket.url))

    def foreign(self, own_host: str) -> list[str]:
        """URLs that went anywhere but the app's own server (data:, blob: and about:srcdoc stay in the tab)."""
        return [
            url
            for url in self.urls
            if urlparse(url).scheme not in ("data", "blob", "about") and urlparse(url).netloc != own_host
        ]


def walk_forward_answering(wiz: Wizard) -> None:
    """Welcome -> Start -> answer every step -> Next ... -> Print and save."""
    wiz.go("start", "visit")
    for slug, after in pairwise(SLUGS[1:]):
        if slug in STEPS_WITH_ANSWERS:
            answer_step(wiz, slug)
        wiz.next(slug, after)
    assert wiz.slug() == "print"


def walk_back_checking(wiz: Wizard) -> None:
    """Back from the last step to the first; every step still shows its answers."""
    for slug, before in pairwise(reversed(SLUGS)):
        if slug in STEPS_WITH_ANSWERS:
            assert_step_answers(wiz, slug)
        wiz.back(slug, before)
    assert wiz.heading() == EN.text("welcome.heading")


def walk_forward_checking(wiz: Wizard) -> None:
    """Start again and Next through every step; every answer is still there."""
    wiz.go("start", "visit")
    for slug, after in pairwise(SLUGS[1 : SLUGS.index("review") + 1]):
        assert_step_answers(wiz, slug)
        wiz.next(slug, after)
    assert wiz.slug() == "review"


def add_own_question_and_pick_three(wiz: Wizard) -> list[str]:
    """Add an own question with markup characters, then pick three questions to ask first."""
    page = wiz.page
    wiz.type_text("_w_own_question", OWN_QUESTION)
    with wiz.rerun():
        wiz.by_key("add_own").locator("button").click()
    expect(wiz.main.get_by_text(EN.text("review.own_added"))).to_be_visible()
    # Shown literally: the characters, not bold text and not an entity.
    own_card = wiz.main.locator("strong").filter(has_text=OWN_QUESTION)
    expect(own_card).to_have_count(1)
    assert own_card.inner_text() == OWN_QUESTION
    assert page.evaluate("() => document.querySelectorAll('[data-testid=stMain] strong b').length") == 0

    texts = wiz.question_texts()
    picks = [texts[4], texts[7], OWN_QUESTION]
    for text in picks:
        ids = page.evaluate(
            """(wanted) => [...document.querySelectorAll('[class*="st-key-_w_top-"]')]
                 .filter((box) => box.closest('[data-testid=stHorizontalBlock]')
                   .closest('[data-testid=stVerticalBlock]').querySelector('strong').innerText === wanted)
                 .map((box) => [...box.classList].find((c) => c.startsWith('st-key-')).slice(7))""",
            text,
        )
        assert len(ids) == 1, (text, ids)
        wiz.tick(ids[0])
    # The three picked now lead the list, in the order they were picked.
    assert wiz.question_texts()[:3] == picks
    expect(wiz.main.get_by_text(EN.text("review.ask_first_engine"))).to_have_count(0)
    return picks


def download(wiz: Wizard, button_key: str, folder: Path) -> Path:
    with wiz.page.expect_download() as event:
        wiz.by_key(button_key).locator("button").click()
    target = folder / event.value.suggested_filename
    event.value.save_as(target)
    return target


def test_mouse_journey(server, new_tab, tmp_path):
    page = new_tab()
    recorder = Recorder()
    recorder.attach(page)
    wiz = Wizard(page, server.url).open()

    walk_forward_answering(wiz)
    walk_back_checking(wiz)
    walk_forward_checking(wiz)

    assert wiz.heading() == EN.text("review.heading")
    picks = add_own_question_and_pick_three(wiz)
    listed = wiz.question_texts()

    wiz.next("review", "print")
    pdf = download(wiz, "download.pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    printed = pdf_text(pdf)
    for text in picks:
        assert collapse(text) in printed, f"{text!r} is not in the PDF"

    saved = download(wiz, "download_answers", tmp_path)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["visit"] == {"stage": "first_consultation", "provider": PROVIDER, "date": "2026-12-03"}
    assert document["other_condition"] == OTHER_CONDITION
    assert document["medications"] == MEDICINES
    assert document["custom_questions"] == [OWN_QUESTION]
    assert len(document["top_questions"]) == 3

    # Start over, confirmed: the answers are gone.
    with wiz.rerun():
        wiz.by_key("start_over").locator("button").click()
    with wiz.rerun():
        wiz.by_key("start_over_yes").locator("button").click()
    expect(wiz.main.get_by_text(EN.text("print.cleared"))).to_be_visible()
    wiz.jump("8. " + EN.text("review.heading"), "review")
    assert OWN_QUESTION not in wiz.question_texts()
    assert wiz.question_texts() != listed

    # Load the saved file on the Welcome step: the same list comes back, in the same order.
    wiz.jump("1. " + EN.text("welcome.heading"), "welcome")
    with wiz.rerun():
        wiz.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(saved)
    expect(wiz.main.get_by_text(EN.text("welcome.restored"))).to_be_visible()
    wiz.jump("8. " + EN.text("review.heading"), "review")
    assert wiz.question_texts() == listed
    wiz.jump("2. " + EN.text("visit.heading"), "visit")
    assert_step_answers(wiz, "visit")

    # Privacy: nothing left the machine, and the server did not log what the patient typed.
    assert recorder.urls, "no requests were recorded"
    foreign = recorder.foreign(server.host)
    assert not foreign, f"{len(foreign)} requests left the machine, to: {sorted(set(foreign))}"
    log = server.log()
    for typed in TYPED:
        assert typed not in log, f"the server log contains {typed!r}"
    assert not re.search(r"Traceback|Uncaught app exception", log), log
