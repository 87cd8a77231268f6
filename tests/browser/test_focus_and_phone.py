"""Where the keyboard focus goes after Next, Remove and Add; Back and Next on a phone; dates
and words in Spanish."""

from __future__ import annotations

import contextlib

import pytest
from browser_driver import PHONE, Wizard, key_selector
from patient_answers import EN, pick, start_from_saved_file, w
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from questions.content import load_language
from questions.shorten import shorten

pytestmark = pytest.mark.browser
ES = load_language("es")


def test_after_next_the_focus_is_on_the_new_heading_and_tab_reaches_its_first_question(server, new_tab):
    wiz = Wizard(new_tab(), server.url).open()
    wiz.forward("welcome", "visit")
    focused = wiz.focused()
    assert (focused["tag"], focused["text"]) == ("h2", EN.text("visit.heading"))
    wiz.next("visit", "conditions")
    wiz.next("conditions", "health")
    focused = wiz.focused()
    assert (focused["tag"], focused["text"]) == ("h2", EN.text("health.heading"))
    # The next Tab lands on the step's first question (the age group), not where the old
    # Next button was.
    wiz.page.keyboard.press("Tab")
    assert wiz.focused()["key"].startswith("_w_age_group"), wiz.focused()
    wiz.back("health", "conditions")
    assert wiz.focused()["text"] == EN.text("conditions.heading")


def test_after_remove_and_add_the_focus_is_on_a_neighbour_with_a_ring(server, new_tab, tmp_path):
    wiz = Wizard(new_tab(), server.url)
    start_from_saved_file(wiz, tmp_path)
    wiz.jump("8. " + EN.text("review.heading"), "review")
    cards = wiz.question_cards()
    gone = cards[3]["key"].removeprefix("_w_top-")
    with wiz.rerun():
        wiz.by_key(f"remove_{gone}").get_by_role("button").click()
    assert cards[3]["text"] not in wiz.question_texts()
    # The focus is on the first control of the card now in its place (named by its words).
    now_there = wiz.question_cards()[3]["key"]
    wiz.page.wait_for_function(
        "(key) => document.activeElement.closest('.st-key-' + key) !== null", arg=now_there
    )
    focused = wiz.focused()
    assert focused["key"] == now_there and focused["tag"] == "input"
    assert focused["label"].startswith(EN.text("review.ask_first_label") + ": ")
    assert focused["ring"], "the moved focus shows a ring"
    # The words saying what happened are beside that card, not in a toast far away.
    removed = wiz.main.get_by_text(EN.text("review.removed", question=shorten(cards[3]["text"])))
    expect(removed).to_be_visible()
    expect(wiz.page.locator("[data-testid=stToast]")).to_have_count(0)
    above = removed.bounding_box()["y"]
    assert above < wiz.by_key(now_there).bounding_box()["y"]

    # Browse more (folded until asked for): add one question of a topic; the focus goes to
    # the next one offered.
    wiz.by_key("browse_fold").locator("summary").click()
    topic = wiz.by_key("_browse_topic").locator("input[role=combobox]")
    expect(topic).to_be_visible()  # the fold opens with an animation
    pick(wiz, "_browse_topic")
    adds = wiz.main.locator("[class*='st-key-add_']:not(.st-key-add_own)")
    keys = [
        next(c for c in adds.nth(i).get_attribute("class").split() if c.startswith("st-key-"))[7:]
        for i in range(adds.count())
    ]
    assert len(keys) >= 2
    with wiz.rerun():
        wiz.by_key(keys[0]).get_by_role("button").click()
    wiz.page.wait_for_function(
        "(key) => document.activeElement.closest('.st-key-' + key) !== null", arg=keys[1]
    )
    assert wiz.focused()["ring"]
    # A long question on an add button reads from the left, like text.
    align = wiz.by_key(keys[1]).get_by_role("button").evaluate("(b) => getComputedStyle(b).justifyContent")
    assert align in ("flex-start", "start", "left")


def test_own_question_box_counts_to_300_and_an_empty_add_says_so(server, new_tab, tmp_path):
    wiz = Wizard(new_tab(), server.url)
    start_from_saved_file(wiz, tmp_path)
    wiz.jump("8. " + EN.text("review.heading"), "review")
    box = wiz.by_key("_w_own_question").locator("textarea")
    box.fill("x" * 298)
    box.press_sequentially("yyyy")
    assert len(box.input_value()) == 300, "the box stops at the real limit"
    expect(wiz.by_key("_w_own_question").get_by_text("300/300")).to_be_visible()
    expect(wiz.by_key("_w_own_question").get_by_text("Ctrl+Enter", exact=False)).to_be_hidden()
    box.fill("")
    with wiz.rerun():
        wiz.by_key("add_own").get_by_role("button").click()
    expect(wiz.main.get_by_text(EN.text("review.own_empty"))).to_be_visible()


def nav_boxes(wiz: Wizard, slug: str) -> dict:
    return wiz.page.evaluate(
        """([next, back]) => {
          const n = document.querySelector(next + ' button'), b = document.querySelector(back + ' button');
          const box = (e) => { const r = e.getBoundingClientRect(); return {top: r.top, left: r.left, right: r.right}; };
          return {next: box(n), back: box(b), width: document.documentElement.clientWidth,
                  nextFirst: !!(n.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)};
        }""",
        [key_selector(f"next_{slug}"), key_selector(f"back_{slug}")],
    )


def test_on_a_phone_next_comes_before_back(new_tab, server):
    wiz = Wizard(new_tab(**PHONE), server.url).open("visit")
    # The app's layout CSS is drawn after the step's widgets: wait until it applies
    # (a broken rule still fails below, when the wait runs out).
    next_key, back_key = key_selector("next_visit"), key_selector("back_visit")
    with contextlib.suppress(PlaywrightTimeoutError):  # measured and reported by the asserts below
        wiz.page.wait_for_function(
            """([next, back]) => {
              const n = document.querySelector(next + ' button'), b = document.querySelector(back + ' button');
              return n && b && n.getBoundingClientRect().left > b.getBoundingClientRect().left;
            }""",
            arg=[next_key, back_key],
            timeout=10_000,
        )
    found = nav_boxes(wiz, "visit")
    assert found["nextFirst"], "Next comes before Back in reading order (and for a screen reader)"
    assert found["next"]["top"] <= found["back"]["top"] + 1, "Next is not below Back"
    assert found["next"]["right"] <= found["width"] and found["back"]["left"] >= 0
    assert found["next"]["left"] > found["back"]["left"], "Back on the left, Next on the right"
    # "Save my answers" is on the phone's screen too, at the top of the step.
    save = wiz.by_key("save_answers").get_by_role("button", name=EN.text("frame.save"))
    expect(save).to_be_visible()
    assert save.bounding_box()["y"] < wiz.main.locator("h2").first.bounding_box()["y"]


def test_spanish_dates_focus_and_names(server, new_tab):
    wiz = Wizard(new_tab(), server.url).open()
    wiz.choose("_w_language_welcome", "Español")
    wiz.forward("welcome", "visit")
    assert wiz.focused()["text"] == ES.text("visit.heading")
    # Day, month, year: the month in words, in Spanish; the boxes are named in Spanish.
    # (Waits for them: the heading is drawn first, the step's questions a moment later.)
    labels = wiz.main.locator("[class*='st-key-_w_visit-date-'] [data-testid=stWidgetLabel]")
    expect(labels).to_have_text([ES.text(f"visit.date_{p}") for p in ("day", "month", "year")])
    for part, text in (("day", "9"), ("month", "diciembre"), ("year", "2026")):
        pick(wiz, w(f"visit.date.{part}"), text)
    expect(wiz.main.get_by_text(ES.text("visit.date_shown", date="9 de diciembre de 2026"))).to_be_visible()
    # A reload keeps the language and the date (the tab's own copy).
    wiz.reload()
    assert wiz.heading() == ES.text("visit.heading")
    expect(wiz.main.get_by_text(ES.text("visit.date_shown", date="9 de diciembre de 2026"))).to_be_visible()
    wiz.page.wait_for_function(
        "() => document.querySelector('[data-testid=stSelectbox] button[aria-label=\"Abrir la lista\"]') !== null"
    )
    # An impossible date is explained, and what was chosen stays.
    pick(wiz, w("visit.date.day"), "31")
    pick(wiz, w("visit.date.month"), "noviembre")
    expect(
        wiz.main.get_by_text(ES.text("visit.date_no_such_day", month="noviembre", day=31, year=2026))
    ).to_be_visible()
    assert wiz.by_key(w("visit.date.day")).locator("input[role=combobox]").input_value() == "31"
    # The sidebar names each step by its heading.
    expect(wiz.nav_link("4. " + ES.text("health.heading"))).to_have_count(1)
