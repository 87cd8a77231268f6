"""Answers survive a reload (the tab's own copy), a file saved mid-way loads back, and every
file a patient might pick by mistake gets clear words."""

from __future__ import annotations

import json

import pytest
from browser_driver import Wizard
from patient_answers import EN, OWN_QUESTION, PROVIDER, answer_step, assert_step_answers, saved_answers, w
from playwright.sync_api import expect

from questions import limits
from questions.content import load_language
from questions.models import Answers
from ui.state import FRESH_NOTICE
from ui.streamlit_internals import key_selector

pytestmark = pytest.mark.browser
ES = load_language("es")
STORED = "() => sessionStorage.getItem('kqp.answers')"


def stored(wiz: Wizard) -> Answers | None:
    text = wiz.page.evaluate(STORED)
    return Answers.model_validate_json(text) if text else None


FRESH_NOTICE_WATCH = """
window.__freshShown = [];
new MutationObserver(() => {
  for (const box of document.querySelectorAll(SELECTOR)) {
    if (box.dataset.watched) continue;
    box.dataset.watched = '1';
    window.__freshShown.push(getComputedStyle(box).visibility);
    requestAnimationFrame(() => window.__freshShown.push(getComputedStyle(box).visibility));
  }
}).observe(document, { childList: true, subtree: true });
""".replace("SELECTOR", repr(key_selector(FRESH_NOTICE)))
"""Records whether "Starting fresh" is visible when it is drawn (after a reload, before the
tab's copy brings the answers back)."""


def assert_no_fresh_notice_flashed(wiz: Wizard) -> None:
    shown = wiz.page.evaluate("() => window.__freshShown")
    assert "visible" not in shown, f"'Starting fresh' flashed during the restore: {shown}"


def test_a_reload_on_two_steps_and_after_review_edits_brings_everything_back(server, new_tab):
    wiz = Wizard(new_tab(), server.url).open()
    wiz.page.add_init_script(FRESH_NOTICE_WATCH)
    wiz.forward("welcome", "visit")
    answer_step(wiz, "visit")
    wiz.reload()  # on the visit step
    assert wiz.slug() == "visit"
    assert_step_answers(wiz, "visit")
    assert_no_fresh_notice_flashed(wiz)

    wiz.next("visit", "conditions")
    answer_step(wiz, "conditions")
    wiz.reload()  # on the conditions step
    assert_step_answers(wiz, "conditions")
    wiz.back("conditions", "visit")
    assert_step_answers(wiz, "visit")

    # The review step: remove one question, pick one to ask first, add one of our own.
    wiz.jump("8. " + EN.text("review.heading"), "review")
    cards = wiz.question_cards()
    gone = cards[2]["key"].removeprefix("_w_top-")
    with wiz.rerun():
        wiz.by_key(f"remove_{gone}").get_by_role("button").click()
    wiz.tick(cards[5]["key"])
    wiz.type_text("_w_own_question", OWN_QUESTION)
    with wiz.rerun():
        wiz.by_key("add_own").locator("button").click()
    listed = wiz.question_texts()
    assert OWN_QUESTION in listed and cards[2]["text"] not in listed
    assert listed[0] == cards[5]["text"], "the pick comes first"

    wiz.reload()
    assert wiz.slug() == "review"
    assert wiz.question_texts() == listed, "every edit is back, in the same order"
    kept = stored(wiz)
    assert kept is not None and kept.custom_questions == [OWN_QUESTION]
    # The copy lives in this tab only: none of it in localStorage (which outlives the tab;
    # Streamlit keeps a few settings of its own there).
    local = wiz.page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    assert "kqp" not in local and PROVIDER not in local and "ptsd" not in local


def test_start_over_clears_the_tab_copy_and_a_new_tab_starts_empty(server, new_tab):
    wiz = Wizard(new_tab(), server.url).open()
    wiz.forward("welcome", "visit")
    answer_step(wiz, "visit")
    assert stored(wiz).visit.provider  # type: ignore[union-attr]
    # Another tab of the same browser has its own storage: it starts empty.
    other = Wizard(new_tab(), server.url).open("visit")
    assert other.text_value(w("visit.provider")) == ""
    other.page.close()

    wiz.jump("9. " + EN.text("print.heading"), "print")
    with wiz.rerun():
        wiz.by_key("start_over").locator("button").click()
    with wiz.rerun():
        wiz.by_key("start_over_yes").locator("button").click()
    expect(wiz.main.get_by_text(EN.text("print.cleared"))).to_be_visible()
    assert stored(wiz) is None
    wiz.reload(restores=False)
    wiz.jump("2. " + EN.text("visit.heading"), "visit")
    assert wiz.text_value(w("visit.provider")) == ""


def test_save_from_a_middle_step_and_load_it_to_continue_where_it_stopped(server, new_tab, tmp_path):
    wiz = Wizard(new_tab(), server.url).open()
    # Welcome says where saving lives.
    expect(wiz.main.get_by_text(EN.text("frame.save"), exact=True).first).to_be_visible()
    wiz.forward("welcome", "visit")
    answer_step(wiz, "visit")
    wiz.next("visit", "conditions")
    answer_step(wiz, "conditions")
    with wiz.page.expect_download() as download:
        wiz.by_key("save_answers").get_by_role("button", name=EN.text("frame.save")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["visit"]["date"] == "2026-12-03", "the file keeps the date as YYYY-MM-DD"
    assert document["conditions"] == ["ptsd", "other"]

    # Another day, a new tab: its own session, nothing stored but the file.
    wiz = Wizard(new_tab(), server.url).open()
    wiz.load_saved_file(saved)
    expect(wiz.main.get_by_text(EN.text("welcome.restored"))).to_be_visible()
    expect(wiz.page.locator("[data-testid=stFileChip]")).to_have_count(0)  # the box is empty again
    expect(
        wiz.main.get_by_text(EN.text("welcome.continue_opens", step=EN.text("health.heading")))
    ).to_be_visible()
    wiz.go("restore_continue", "health")  # the first step with no answers yet
    assert wiz.heading() == EN.text("health.heading")
    wiz.back("health", "conditions")
    assert_step_answers(wiz, "conditions")


def choose_file(wiz: Wizard, path) -> None:
    with wiz.rerun():
        wiz.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(path)


def error_words(wiz: Wizard, expected: str) -> str:
    """The one error message on the step, once it says ``expected`` (the last file's words).

    Waiting for the words, not just for an error, matters: the previous file's message
    stays on screen until the new one is drawn.
    """
    alert = wiz.main.locator("[data-testid=stAlertContentError]")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text(expected)
    return " ".join(alert.inner_text().split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_wrong_file_gets_clear_words_and_a_good_one_a_way_on(server, new_tab, tmp_path, language):
    words = EN if language == "en" else ES
    wiz = Wizard(new_tab(), server.url).open()
    if language == "es":
        wiz.choose("_w_language_welcome", "Español")
    files = {
        "photo.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe" + bytes(200), "not_text"),
        "notes.txt": (b"my questions for the doctor", "not_json"),
        "newer.json": (json.dumps({"version": 9}).encode(), "newer_version"),
        "edited.json": (json.dumps({"version": 1, "conditions": ["flu"]}).encode(), "field"),
    }
    for name, (content, code) in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        choose_file(wiz, path)
        expected = " ".join(words.text(f"restore_errors.{code}").split())
        said = error_words(wiz, expected)
        assert expected in said, name
        assert words.text("welcome.restore_failed", problem="").strip() in said
        assert "The part called" not in said and "La parte llamada" not in said

    # A good file: a message, the way on, an empty box.
    good = tmp_path / "answers.json"
    good.write_text(saved_answers().model_copy(update={"language": language}).to_json(), encoding="utf-8")
    choose_file(wiz, good)
    expect(wiz.main.get_by_text(words.text("welcome.restored"))).to_be_visible()
    expect(
        wiz.by_key("restore_continue").get_by_role("button", name=words.text("welcome.continue_where"))
    ).to_be_visible()
    expect(wiz.page.locator("[data-testid=stFileChip]")).to_have_count(0)
    # The keyboard focus is on the way on, with a ring.
    expect(wiz.by_key("restore_continue").locator("button")).to_be_focused()

    # Then a file over 1 MB (the browser refuses to send it): words, and no stale "welcome back".
    big = tmp_path / "big.json"
    big.write_bytes(b"{" + b" " * (1100 * 1024) + b"}")
    choose_file(wiz, big)
    too_large = " ".join(words.text("restore_errors.too_large_upload", **limits.words()).split())
    assert too_large in error_words(wiz, too_large)
    expect(wiz.main.get_by_text(words.text("welcome.restored"))).to_have_count(0)
    expect(wiz.page.locator("[data-testid=stFileChip]")).to_have_count(0)
