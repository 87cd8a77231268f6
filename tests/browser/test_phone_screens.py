"""The patient's screens on a phone (390x844, touch) and a desktop, in English and Spanish.

The example patient's "Your questions" step stays short and still: "If there is time" and
"Browse more" are folded, an edit moves the page by less than one screen, the focus lands
on a control, and each control is named by its question's words, not by a number. Every
choice is big enough to tap; the step list's names fit; a Spanish browser opens in Spanish.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_driver import DESKTOP, PHONE, Wizard
from patient_answers import OWN_QUESTION_PLAIN, saved_answers
from playwright.sync_api import expect

from questions.content import LanguagePack, load_language
from questions.shorten import shorten
from ui.steps import STEPS

pytestmark = pytest.mark.browser

SIZES = {"phone": PHONE, "desktop": {"viewport": DESKTOP}}
LOCALES = {"en": "en-US", "es": "es-US"}
MAX_PHONE_REVIEW_PX = 5_500
MIN_TARGET_PX = 24
PHONE_TARGET_PX = 44
SLUGS = [step.slug for step in STEPS]


def load_patient(wiz: Wizard, language: str, folder: Path) -> None:
    answers = saved_answers(OWN_QUESTION_PLAIN)
    answers.language = language
    path = folder / "answers.json"
    path.write_text(answers.to_json(), encoding="utf-8")
    wiz.load_saved_file(path)


def scroll_top(wiz: Wizard) -> float:
    return wiz.page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop")


def card_ids(wiz: Wizard) -> list[str]:
    return [card["key"].removeprefix("_w_top-") for card in wiz.question_cards()]


def movable(wiz: Wizard) -> list[str]:
    """Cards with every control (the crisis question stays and has only "Ask first")."""
    return [qid for qid in card_ids(wiz) if wiz.by_key(f"remove_{qid}").count()]


def edit_and_measure(wiz: Wizard, control, viewport_height: int) -> dict:
    """Press ``control`` where the patient sees it; how far the page moved, and the focus after."""
    control.scroll_into_view_if_needed()
    wiz.page.wait_for_timeout(200)
    before = scroll_top(wiz)
    with wiz.rerun():
        control.click()
    # The tab script moves the focus once the run is drawn.
    wiz.page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('[class*=\"st-key-\"]') !== null",
        timeout=5_000,
    )
    wiz.page.wait_for_timeout(300)
    moved = abs(scroll_top(wiz) - before)
    assert moved < viewport_height, f"the page jumped {moved:.0f}px (one screen is {viewport_height}px)"
    return wiz.focused()


def assert_on_a_card_control(focused: dict) -> None:
    assert focused["tag"] in ("input", "button"), focused
    assert re.match(r"^(_w_top-|main_|remove_|later_)", focused["key"]), focused
    assert focused["ring"], "the moved focus shows a ring"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_review_step_stays_short_and_still(new_tab, server, tmp_path, size, language):
    words: LanguagePack = load_language(language)
    wiz = Wizard(new_tab(**SIZES[size], locale=LOCALES[language]), server.url).open()
    assert wiz.heading() == words.text("welcome.heading"), "the browser's language"
    load_patient(wiz, language, tmp_path)
    # "Continue where you stopped": every step of the file is answered, so it opens this one.
    wiz.go("restore_continue", "review")
    viewport = SIZES[size]["viewport"]["height"]

    # Folded until asked for.
    for key in ("if_time_fold", "browse_fold"):
        expect(wiz.by_key(key).locator("details")).not_to_have_attribute("open", re.compile(".*"))
    height = wiz.page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    print(f"{size}/{language}: the review step is {height}px tall")
    if size == "phone":
        assert height <= MAX_PHONE_REVIEW_PX, f"{height}px on a phone"

    # Every control is named by its question's own words, never by a number.
    for qid in movable(wiz)[:4]:
        text = wiz.by_key(f"card_{qid}").locator("strong").first.inner_text()
        name = wiz.by_key(f"remove_{qid}").locator("button").get_attribute("aria-label") or ""
        assert name == words.text(
            "review.control_name", control=words.text("review.remove"), question=shorten(text)
        ), name
        tick = wiz.by_key(f"_w_top.{qid}").locator("input").get_attribute("aria-label") or ""
        assert tick.endswith(shorten(text)) and not re.search(r"\d", tick.replace(shorten(text), ""))

    # "Ask first" on the sixth card: it moves to the top, the page stays, the move is said.
    ticked = movable(wiz)[4]
    text = wiz.by_key(f"card_{ticked}").locator("strong").first.inner_text()
    focused = edit_and_measure(wiz, wiz.by_key(f"_w_top.{ticked}").locator("label"), viewport)
    assert_on_a_card_control(focused)
    said = words.text("review.moved_first", question=shorten(text))
    expect(wiz.main.locator("[role=status]").filter(has_text=said)).to_be_visible()
    assert card_ids(wiz).index(ticked) < 3, "it is one of the three to ask first"

    # Move one to "If there is time", then remove one: same stillness, focus on a control.
    later = movable(wiz)[6]
    assert_on_a_card_control(edit_and_measure(wiz, wiz.by_key(f"later_{later}").locator("button"), viewport))
    assert later not in card_ids(wiz)
    gone = movable(wiz)[5]
    focused = edit_and_measure(wiz, wiz.by_key(f"remove_{gone}").locator("button"), viewport)
    assert_on_a_card_control(focused)
    assert gone not in card_ids(wiz)
    assert focused["key"].startswith("_w_top-"), "the next card's first control"
    expect(wiz.by_key("if_time_fold").locator("details")).not_to_have_attribute("open", re.compile(".*"))


TARGETS = """(min) => {
  const small = [];
  const seen = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.bottom > 0; };
  const boxes = [...document.querySelectorAll(
    '[data-testid=stCheckbox] label, [data-testid=stRadioOption], [data-testid=stExpandSidebarButton]')];
  for (const el of boxes) {
    if (!seen(el) || el.closest('[data-testid=stSidebar][data-collapsed=true]')) continue;
    const h = el.getBoundingClientRect().height;
    if (h < min) small.push([el.innerText.trim().slice(0, 40) || el.getAttribute('data-testid'), Math.round(h)]);
  }
  return {small, count: boxes.length};
}"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_choice_is_big_enough_to_tap(new_tab, server, tmp_path, size):
    minimum = PHONE_TARGET_PX if size == "phone" else MIN_TARGET_PX
    wiz = Wizard(new_tab(**SIZES[size], locale="en-US"), server.url).open()
    load_patient(wiz, "en", tmp_path)
    problems = []
    for index, slug in enumerate(SLUGS):
        if index:
            wiz.forward(SLUGS[index - 1], slug)
        found = wiz.page.evaluate(TARGETS, minimum)
        problems += [f"{slug}: {name!r} is {height}px high" for name, height in found["small"]]
    assert not problems, f"choices under {minimum}px:\n" + "\n".join(problems)


NAMES = """() => [...document.querySelectorAll('[data-testid=stSidebarNavLink]')].map((link) => {
  const text = link.querySelector('[data-testid=stMarkdownContainer] p') || link;
  const r = text.getBoundingClientRect(), l = link.getBoundingClientRect();
  return {name: text.innerText, cut: text.scrollWidth > text.clientWidth + 1 || r.right > l.right + 1,
          ellipsis: getComputedStyle(text).textOverflow === 'ellipsis' && getComputedStyle(text).whiteSpace === 'nowrap'};
})"""


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_step_name_fits_in_the_step_list(new_tab, server, size, language):
    wiz = Wizard(new_tab(**SIZES[size], locale=LOCALES[language]), server.url).open()
    if size == "phone":
        opener = wiz.page.locator("[data-testid=stExpandSidebarButton]")
        opener.click()
        expect(wiz.sidebar).to_have_attribute("data-collapsed", "false")
        wiz.page.wait_for_timeout(500)  # the sidebar slides in
    links = wiz.page.evaluate(NAMES)
    assert len(links) == len(SLUGS)
    words = load_language(language)
    assert [link["name"] for link in links] == [
        f"{n}. {words.text(f'{slug}.heading')}" for n, slug in enumerate(SLUGS, start=1)
    ]
    cut = [link["name"] for link in links if link["cut"] or link["ellipsis"]]
    assert not cut, f"step names cut off: {cut}"


def test_a_spanish_browser_opens_in_spanish_and_can_switch(new_tab, server):
    es, en = load_language("es"), load_language("en")
    wiz = Wizard(new_tab(locale="es-MX"), server.url).open()
    assert wiz.heading() == es.text("welcome.heading")
    assert wiz.page.evaluate("document.documentElement.lang") == "es"
    wiz.forward("welcome", "visit")
    # Still changeable on every step: the sidebar's picker.
    with wiz.rerun():
        wiz.sidebar.locator("[data-testid=stRadioOption]").filter(has_text="English").click()
    expect(wiz.main.locator("h2").first).to_have_text(en.text("visit.heading"))
    # A reload keeps the patient's choice (the tab's copy), not the browser's language.
    wiz.reload()
    assert wiz.heading() == en.text("visit.heading")
    # "Save my answers" says on the page that it saved, and where; no tooltip over 988.
    save = wiz.by_key("save_answers")
    save.locator("button").hover()
    wiz.page.wait_for_timeout(800)  # a tooltip would show by now
    expect(wiz.page.locator("[data-testid=stTooltipContent]")).to_have_count(0)
    with wiz.page.expect_download() as download, wiz.rerun():
        save.locator("button").click()
    name = download.value.suggested_filename
    said = en.text("frame.saved", file=name)
    expect(wiz.main.locator("[role=status]").filter(has_text=said)).to_be_visible()
    assert "stored on our server" in said and "step 1" in said
    wiz = Wizard(new_tab(locale="en-US"), server.url).open()
    assert wiz.heading() == en.text("welcome.heading")
