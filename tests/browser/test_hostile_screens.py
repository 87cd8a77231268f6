"""Hostile text in a real browser, and download addresses nobody else can use.

Every request that does not go to the app's own server is blocked and logged (``page.route``);
each test ends by asserting the log is empty. The corpus (``tests/hostile.py``) arrives the
way it would in real life: in a saved-answers file the patient chose (lone surrogates and
control characters as JSON escapes), and as a key name in a doctored file.
"""

from __future__ import annotations

import json
import re
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_driver import Wizard, key_selector
from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile import CORPUS, OUTSIDE, saved_answers_file, shown

from questions.content import load_language
from questions.escape import normalise
from questions.shorten import shorten
from ui.steps import STEPS

pytestmark = pytest.mark.browser

WORDS = load_language("en")
WORD_JOINER = "\u2060"

MARKUP = (
    "img, a, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr, code, pre, del, em, table, script, "
    ".katex, [role=img], .stMarkdownColoredText, .stMarkdownColoredBackground, .stMarkdownBadge"
)
"""Anything patient text would become if it were read as Markdown."""
BLOCKS = "img, a, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr, code, pre, del, table, script, .katex"


def seen(text: str) -> str:
    """Displayed text as a reader perceives it: word joiners are invisible, spacing is layout."""
    return " ".join(text.replace(WORD_JOINER, "").split())


@pytest.fixture
def outside(context, server) -> list[str]:
    """Block, and list, every request that would leave the app's own server."""
    blocked: list[str] = []

    def handle(route) -> None:
        if urlparse(route.request.url).netloc == server.host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", handle)
    return blocked


def title(slug: str) -> str:
    number = [step.slug for step in STEPS].index(slug) + 1
    return f"{number}. {WORDS.text(f'{slug}.heading')}"


def upload(wizard: Wizard, path: Path) -> None:
    with wizard.rerun():
        wizard.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(path)


CARD_MARKDOWN = """(selector) => {
  const box = document.querySelector(selector);
  const card = box.closest('[data-testid=stVerticalBlock]');
  const text = card.querySelector('[data-testid=stMarkdownContainer]');
  const strong = text.querySelector('strong');
  // Inside the question's words: no markup at all. Around them (the card adds an icon and
  // italics of its own for "suggested first"): nothing a question could have made.
  return {text: strong.innerText, markup: strong.querySelectorAll(%s).length
          + text.querySelectorAll(%s).length};
}"""


def test_the_corpus_is_shown_literally_on_every_screen_and_loads_nothing(context, server, outside, tmp_path):
    answers = tmp_path / "hostile.json"
    answers.write_bytes(saved_answers_file())
    wizard = Wizard(context.new_page(), server.url).open()
    upload(wizard, answers)
    expect(wizard.main.locator("[data-testid=stAlertContentSuccess]")).to_be_visible()

    wizard.jump(title("visit"), "visit")
    assert wizard.text_value("_w_visit.provider") == normalise(CORPUS["bidi"])
    wizard.jump(title("conditions"), "conditions")
    assert wizard.text_value("_w_other_condition") == CORPUS["image"]
    wizard.jump(title("health"), "health")
    medications = wizard.text_value("_w_medications")
    assert "\u202e" not in medications and "\x1b" not in medications and "\ufffd" in medications

    wizard.jump(title("review"), "review")
    for number, raw in enumerate(CORPUS.values(), start=1):
        card = wizard.page.evaluate(
            CARD_MARKDOWN % (json.dumps(MARKUP), json.dumps(BLOCKS)), key_selector(f"_w_top.own-{number}")
        )
        assert seen(card["text"]) == shown(raw), raw
        assert card["markup"] == 0, f"{raw!r} became markup on its card"

    # Each "Remove" button is named by its question's first words: an attribute, never markup.
    for number, raw in enumerate(CORPUS.values(), start=1):
        button = wizard.by_key(f"remove_own-{number}").locator("button").first
        expect(button).to_have_attribute("aria-label", re.compile(".+"))
        name = seen(button.get_attribute("aria-label") or "")
        assert seen(shorten(shown(raw))) in name, (raw, name)
        assert button.locator(MARKUP).count() == 0, f"{raw!r} became markup in its button"

    wizard.jump(title("print"), "print")
    wizard.page.wait_for_timeout(300)  # any image or link a mistake made would be requested by now
    assert outside == [], f"requests left the server: {outside}"
    assert not any(OUTSIDE in url for url in outside)


def test_a_doctored_key_name_never_becomes_markup_in_the_error(context, server, outside, tmp_path):
    """The restore error speaks plain words; whatever of the file it shows is never markup."""
    key = f"![x](http://{OUTSIDE}/key.png) :red[KEY] :material/home: [a](http://{OUTSIDE}/) $x^2$ ## h"
    doctored = tmp_path / "doctored.json"
    doctored.write_text(json.dumps({"version": 1, "visit": {key: "x"}}), encoding="utf-8")
    wizard = Wizard(context.new_page(), server.url).open()
    upload(wizard, doctored)
    error = wizard.main.locator("[data-testid=stAlertContentError]")
    expect(error).to_be_visible()
    assert "could not be loaded" in seen(error.inner_text())
    assert "KEY" not in seen(error.inner_text()) or shown(key)[:40] in seen(error.inner_text())
    assert error.locator(MARKUP).count() == 0
    wizard.page.wait_for_timeout(300)
    assert outside == [], f"requests left the server: {outside}"


DOWNLOADS = ("print.pdf", "print.html", "print.text", "print.save")


RERUNS = {"print.save"}
"""The download whose button reruns the step (to say on the page that it saved)."""


def download_urls(wizard: Wizard) -> list[str]:
    """Each download's address, once any run its button started has finished: a connection
    closed in the middle of that run would stop it before it put its buttons back."""
    urls = []
    for label in DOWNLOADS:
        with wizard.page.expect_download() as download, wizard.rerun() if label in RERUNS else nullcontext():
            wizard.main.get_by_role("button", name=WORDS.text(label)).click()
        urls.append(download.value.url)
    return urls


def status(context, url: str) -> int:
    return context.request.get(url, fail_on_status_code=False).status


def test_download_addresses_differ_per_session_and_die_with_the_tab(browser, server):
    first, second = (browser.new_context(accept_downloads=True) for _ in range(2))
    try:
        mine, theirs = (Wizard(ctx.new_page(), server.url).open() for ctx in (first, second))
        for wizard in (mine, theirs):
            wizard.jump(title("print"), "print")
        mine_urls, their_urls = download_urls(mine), download_urls(theirs)
        # Identical (empty) answers, yet no address in common: each holds its session's random part.
        assert not set(mine_urls) & set(their_urls)
        # The address is the only secret: while the tab is open, whoever has it gets the file.
        assert [status(second, url) for url in mine_urls] == [200] * len(DOWNLOADS)

        first.close()
        deadline = time.monotonic() + 20
        while any(status(second, url) != 404 for url in mine_urls):
            assert time.monotonic() < deadline, "a closed tab's files were still served"
            time.sleep(0.2)
        # The other patient's files are untouched.
        assert [status(second, url) for url in their_urls] == [200] * len(DOWNLOADS)
    finally:
        for ctx in (first, second):
            ctx.close()


RECORD_SOCKETS = """(() => {
  const Original = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Original {
    constructor(...args) { super(...args); window.__sockets.push(this); }
  };
})();"""


def test_a_tab_that_reconnects_can_still_download(browser, server):
    """Files stop being served when the connection drops, and come back if the same tab reconnects."""
    context = browser.new_context(accept_downloads=True)
    try:
        context.add_init_script(RECORD_SOCKETS)
        wizard = Wizard(context.new_page(), server.url).open()
        wizard.jump(title("print"), "print")
        before = download_urls(wizard)
        sockets = []
        wizard.page.on("websocket", lambda socket: sockets.append(socket))
        wizard.page.evaluate("window.__sockets.forEach((socket) => socket.close())")
        deadline = time.monotonic() + 20
        while not sockets:  # Streamlit's page reconnects by itself
            assert time.monotonic() < deadline, "the page did not reconnect"
            wizard.page.wait_for_timeout(100)
        expect(
            wizard.page.locator("[data-testid=stApp][data-test-connection-state=CONNECTED]")
        ).to_have_count(1)
        deadline = time.monotonic() + 20
        while any(status(context, url) != 200 for url in before):
            assert time.monotonic() < deadline, "the reconnected tab's files were not served again"
            wizard.page.wait_for_timeout(100)
    finally:
        context.close()
