"""What a screen reader reads on our screens: the patient's language, never Streamlit's English.

Streamlit writes some words itself, in English whatever the page's language: "Upload",
"1MB per file" (the upload limit), "Press Enter to apply", "Skip to main content", the names of its buttons
and regions ("Open", "Sidebar", "Help for ..."). The tab script puts the patient's words
in their place (``ui.accessibility.WORDS_JS``). These tests read the accessibility tree
Chromium gives a screen reader (Playwright's ``aria_snapshot``), not the pixels: text hidden
with ``font-size: 0`` and a CSS ``::after`` replacement are both still in it.

The English run also proves the words the app replaces are still the ones Streamlit writes
(``data/en/ui.yaml``, ``streamlit:``): after an upgrade that changes them, it fails here.
The second test finds every ``data-testid`` the app's CSS and scripts rely on
(``ui.streamlit_internals.TEST_IDS``) on a real page.
"""

from __future__ import annotations

import itertools
import re

import pytest
from browser_driver import DESKTOP, Wizard, start_server
from patient_answers import EN, pick, w
from playwright.sync_api import expect

from questions import languages, limits
from questions.content import load_language
from ui.steps import STEPS
from ui.streamlit_internals import TEST_IDS, TRANSIENT_TEST_IDS

pytestmark = pytest.mark.browser

STREAMLIT = EN.ui["streamlit"]
"""Streamlit's English words (the keys) and the English the app keeps for them."""

ON_SCREEN = {
    # What each screen shows of Streamlit's own words, once the patient is there.
    "welcome": (
        "Upload",
        "{max_upload_mb}MB per file",
        "Skip to main content",
        "Sidebar",
        "App pages",
        "progress",
        "file upload",
    ),
    "visit": ("Press Enter to apply", "Open", "Clear value", "Skip to main content", "Help for "),
    "review": ("Open", "Help for "),
}

OTHER_ENGLISH = (
    # Streamlit words that must never be read on a Spanish page either, whether this
    # version shows them or not (older ones did; a setting could bring them back).
    "Drag and drop",
    "Browse files",
    "Limit 200MB",
    "Press Ctrl+Enter",
    "Press ⌘+Enter",
    "Made with Streamlit",
    "Deploy",
    "Choose an option",
    "No results",
    "Connection error",
    "icon",  # "call icon": a Markdown icon's name
)


def said(language: str, english: str) -> str:
    """The patient's words for Streamlit's English word ``english`` in ``language``."""
    words = load_language(language).ui["streamlit"]
    if english == "Help for ":
        return str(words["help_prefix"])
    part = "texts" if english in STREAMLIT["texts"] else "labels"
    return str(words[part][english]).format(**limits.words())


def spoken(snapshot: str, words: str) -> bool:
    """Whether ``words`` are in the tree, not as the start of a longer word ("progress" in
    "progreso"). Run into other words they count: text hidden with CSS and its ``::after``
    replacement are read as one ("UploadSubir archivo")."""
    return re.search(rf"(?<!\w){re.escape(words.strip())}(?![a-zà-ÿ])", snapshot) is not None


def english_words() -> list[str]:
    return [said("en", word) for word in (*STREAMLIT["texts"], *STREAMLIT["labels"], "Help for ")] + [
        *OTHER_ENGLISH
    ]


def screens(wiz: Wizard, language: str) -> dict[str, str]:
    """Walk the three screens with Streamlit's words on them; the tree of each, as read."""
    tree = lambda: wiz.page.locator("body").aria_snapshot()  # noqa: E731
    seen = {}
    wiz.open()
    if language != "en":
        wiz.choose("_w_language_welcome", "Español")
        seen["welcome"] = tree()
        # Back to English and again to Spanish: each time, the words follow.
        wiz.choose("_w_language_welcome", "English")
        seen["welcome, back in English"] = tree()
        wiz.choose("_w_language_welcome", "Español")
    seen["welcome"] = tree()

    wiz.forward("welcome", "visit")
    month = languages.month_names(language)[4]
    pick(wiz, w("visit.date.month"), month)  # a chosen value adds the "clear" button
    provider = wiz.by_key(w("visit.provider")).locator("input")
    provider.fill("Dr. Vega")  # typed, not yet sent: the Enter hint shows
    wiz.page.wait_for_selector('[data-testid="InputInstructions"]')
    seen["visit"] = tree()
    with wiz.rerun():
        provider.press("Enter")

    review = load_language(language).text("review.heading")
    wiz.jump(f"{[step.slug for step in STEPS].index('review') + 1}. {review}", "review")
    own = wiz.by_key("_w_own_question").locator("textarea")
    own.fill("¿Cuánto dura una sesión?")  # typed: the box's own hint and count show
    wiz.page.wait_for_selector('[data-testid="stTextArea"] [data-testid="InputInstructions"]')
    wiz.open_expanders()  # "Browse more" is folded until asked for: its topic list says "Open"
    seen["review"] = tree()
    return seen


def test_a_spanish_page_reads_only_spanish(server, new_tab):
    wiz = Wizard(new_tab(), server.url)
    trees = screens(wiz, "es")
    back = trees.pop("welcome, back in English")
    assert not [said("es", word) for word in ON_SCREEN["welcome"] if spoken(back, said("es", word))], back
    assert all(spoken(back, said("en", word)) for word in ON_SCREEN["welcome"]), back
    for screen, tree in trees.items():
        english = [word for word in english_words() if spoken(tree, word)]
        assert not english, f"a screen reader reads Streamlit's English on {screen}: {english}\n{tree}"
        missing = [said("es", word) for word in ON_SCREEN[screen] if not spoken(tree, said("es", word))]
        assert not missing, f"Streamlit's words not said in Spanish on {screen}: {missing}\n{tree}"
    assert "Más información: Escriba una pregunta suya" in trees["review"]


def test_an_english_page_reads_streamlits_words_as_the_app_expects_them(server, new_tab):
    """Streamlit still writes each word the app replaces, exactly (else a Spanish page
    would read English again); and the Markdown icons' names are not read."""
    trees = screens(Wizard(new_tab(), server.url), "en")
    for screen, tree in trees.items():
        gone = [said("en", word) for word in ON_SCREEN[screen] if not spoken(tree, said("en", word))]
        assert not gone, (
            f"Streamlit no longer writes {gone} on {screen}: update streamlit: in data/*/ui.yaml\n{tree}"
        )
        assert not spoken(tree, "icon"), f"a Markdown icon's name is read on {screen}\n{tree}"
        assert not spoken(tree, "Press Ctrl+Enter"), f"the text area's misleading hint is read on {screen}"


PRESENT = "() => [...new Set([...document.querySelectorAll('[data-testid]')].map((e) => e.dataset.testid))]"


def test_every_data_testid_the_app_relies_on_is_on_a_page(server, new_tab, tmp_path):
    """Each selector in TEST_IDS (CSS and tab script) still matches something where it should."""
    wiz = Wizard(new_tab(), server.url).open()
    found = set(wiz.page.evaluate(PRESENT))
    too_large = tmp_path / "answers.json"
    too_large.write_bytes(b" " * 2_000_000)  # the browser refuses it: its chip stays in the box
    wiz.page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(too_large)
    with_chip = f"() => document.querySelector('[data-testid=\"stFileChip\"]') && ({PRESENT})()"
    found |= set(wiz.page.wait_for_function(with_chip).json_value())
    # The tab script reports the refused file: wait for that run's words before moving on.
    expect(wiz.main.locator('[data-testid="stAlertContentError"]')).to_be_visible()
    wiz.idle()
    slugs = [step.slug for step in STEPS]
    for before, slug in itertools.pairwise(slugs):
        wiz.forward(before, slug)
        if slug == "visit":
            wiz.by_key(w("visit.provider")).locator("input").fill("Dr. Vega")
            wiz.page.wait_for_selector('[data-testid="InputInstructions"]')
        found |= set(wiz.page.evaluate(PRESENT))
    missing = set(TEST_IDS) - TRANSIENT_TEST_IDS - found
    assert not missing, (
        f"no element with data-testid {sorted(missing)} on any step: Streamlit's markup changed"
    )


def test_the_restart_dialog_reads_only_spanish(browser, log_dir):
    """Streamlit's "Connection error" dialog, said in the patient's words (ui.tab), and
    nothing else of Streamlit's English around it while the server is away."""
    app = start_server(log_dir)
    context = browser.new_context(viewport=DESKTOP)
    try:
        wiz = Wizard(context.new_page(), app.url).open()
        wiz.choose("_w_language_welcome", "Español")
        app.stop()
        dialog = wiz.page.locator("section[role=dialog]")
        spanish = load_language("es")
        expect(dialog.get_by_text(spanish.text("frame.restart_title"))).to_be_visible(timeout=30_000)
        tree = wiz.page.locator("body").aria_snapshot()
        english = [word for word in english_words() if spoken(tree, word)]
        assert not english, (
            f"a screen reader reads Streamlit's English while the server is away: {english}\n{tree}"
        )
        assert spoken(tree, spanish.text("frame.restart_body")), tree
    finally:
        context.close()
        app.stop()
