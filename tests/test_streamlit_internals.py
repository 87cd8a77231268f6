"""Streamlit's internals the app relies on (ui/streamlit_internals.py), pinned.

When one of these fails after a Streamlit upgrade, the named function in
ui/streamlit_internals.py (or the app.py start-up, or tests/app_driver.py) needs a look
before the upgrade can ship: each test says what the app would lose.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
import streamlit
import streamlit.testing.v1.app_test as app_test_module
from helpers import ROOT
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.server.app_discovery import discover_asgi_app

from questions import limits
from questions.content import load_language
from ui import accessibility, streamlit_internals, tab

VERIFIED_ON = "1.67.0"

STATIC = Path(streamlit.__file__).parent / "static"
BUNDLE = "".join(path.read_text(encoding="utf-8", errors="replace") for path in STATIC.rglob("*.js"))
"""Streamlit's frontend: where its markup and its English words come from."""


def test_the_installed_streamlit_is_the_one_these_internals_were_verified_on():
    assert metadata.version("streamlit") == VERIFIED_ON, (
        "Streamlit changed version: check every function in ui/streamlit_internals.py, the start-up "
        "in app.py and tests/app_driver.py against it, then update VERIFIED_ON"
    )


def test_the_pinned_streamlit_is_the_one_these_internals_were_verified_on():
    """An upgrade starts with the pin: it fails here before any patient sees the new version."""
    pins = (ROOT / "requirements.in").read_text(encoding="utf-8")
    assert f"streamlit=={VERIFIED_ON}" in pins.splitlines(), (
        "requirements.in pins another Streamlit: check ui/streamlit_internals.py (TEST_IDS, key_class, the "
        "pages-folder switch) and the streamlit: words in data/en/ui.yaml against it, then update VERIFIED_ON"
    )


def test_pages_folder_mode_is_a_process_wide_switch():
    """ui.frame.ensure_router reads and clears it; without it, a bookmarked step loses the router."""
    assert "uses_pages_directory" in PagesManager.__dict__, "the switch moved: ensure_router cannot work"
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert streamlit_internals.in_pages_folder_mode()
        streamlit_internals.leave_pages_folder_mode()
        assert not streamlit_internals.in_pages_folder_mode()
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


def test_the_key_class_rule_matches_streamlits_frontend():
    """Focus and hiding rules in ui/accessibility.py reach keyed elements by this class."""
    assert re.search(r"`st-key-`\+\w+\.trim\(\)\.replaceAll\(/\[\^a-zA-Z0-9_-\]/g,`-`\)", BUNDLE), (
        "Streamlit's frontend builds st-key-* classes differently now: update key_class"
    )
    assert streamlit_internals.key_class(" _w_top-a.b c ") == "st-key-_w_top-a-b-c"
    assert streamlit_internals.key_selector("a.b") == ".st-key-a-b"
    assert streamlit_internals.key_prefix_selector("nav_") == '[class*="st-key-nav_"]'


def test_no_other_copy_of_the_key_class_rule():
    """The rule lives in key_class only: a copy would drift from it on the next upgrade."""
    copies = [
        str(path.relative_to(ROOT))
        for folder in ("ui", "pages", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "test_streamlit_internals.py"
        and path.name != "streamlit_internals.py"
        and "a-zA-Z0-9_-" in path.read_text(encoding="utf-8")
    ]
    assert not copies, f"Streamlit's key-to-class rule copied outside ui/streamlit_internals.py: {copies}"


TEST_ID = re.compile(r"""data-testid=\\?["']?([A-Za-z]+)""")
OUR_MARKUP = {
    "ui/accessibility.py CSS": accessibility.CSS,
    "ui/accessibility.py WORDS_JS and its places": accessibility.WORDS_JS
    + str(accessibility.streamlit_words("es")),
    "ui/tab.py JS": tab.JS + tab.UPLOADED_FILE,
}


def test_every_data_testid_the_app_relies_on_is_listed():
    """A selector on Streamlit's markup that is not in TEST_IDS would escape the upgrade checks."""
    for where, text in OUR_MARKUP.items():
        unlisted = set(TEST_ID.findall(text)) - set(streamlit_internals.TEST_IDS)
        assert not unlisted, f"{where} relies on {sorted(unlisted)}: add them to TEST_IDS"
    used = set().union(*(TEST_ID.findall(text) for text in OUR_MARKUP.values()))
    assert used == set(streamlit_internals.TEST_IDS), (
        f"listed but no longer used (remove them): {sorted(set(streamlit_internals.TEST_IDS) - used)}"
    )


def test_streamlits_frontend_still_draws_every_data_testid_the_app_relies_on():
    """Each selector in TEST_IDS names an element Streamlit 1.67 draws (the browser test
    tests/browser/test_streamlit_words.py finds each on a real page too)."""
    gone = [
        name
        for name in streamlit_internals.TEST_IDS
        if f"`{name}`" not in BUNDLE and f'"{name}"' not in BUNDLE
    ]
    assert not gone, (
        f"Streamlit no longer draws data-testid {gone}: the CSS or script relying on it needs a look"
    )


def test_an_unlisted_data_testid_is_refused():
    with pytest.raises(KeyError, match="TEST_IDS"):
        streamlit_internals.test_id("stSomethingNew")


ENGLISH = load_language("en").ui["streamlit"]
MADE_FROM = {
    # Words Streamlit builds from parts: the part of its frontend that writes each.
    "{max_upload_mb}MB per file": " per file`",
    "Press Enter to apply": "`Press Enter to ${",
    "Help for ": "`Help for ${",
}


@pytest.mark.parametrize("word", [*ENGLISH["texts"], *ENGLISH["labels"], ENGLISH["help_prefix"]])
def test_streamlit_still_writes_the_english_words_the_app_replaces(word: str):
    """data/en/ui.yaml names Streamlit's words exactly; a word Streamlit stopped writing (or
    changed) would be replaced no more, and a Spanish page would speak English again."""
    assert f"`{word}`" in BUNDLE or MADE_FROM.get(word, "\0") in BUNDLE, (
        f"Streamlit no longer writes {word!r}: find its new words, update streamlit: in data/*/ui.yaml"
    )


def test_the_tab_script_gets_the_patients_words_for_streamlits_own():
    spanish = accessibility.streamlit_words("es")
    assert spanish["texts"]["Upload"] == "Subir archivo"
    assert spanish["labels"]["Sidebar"] == "Menú lateral"
    assert spanish["prefixes"] == [["Help for ", "Más información: "]]
    english = accessibility.streamlit_words("en")  # back from Spanish: Streamlit's words again
    assert english["texts"]["Subir archivo"] == "Upload"
    assert "Upload" not in english["texts"]
    said = load_language("es").ui["streamlit"]
    assert set(spanish["texts"].values()) == {
        str(word).format(**limits.words()) for word in said["texts"].values()
    }
    assert spanish["texts"][f"{limits.UPLOAD_LIMIT_MB}MB per file"].startswith(f"{limits.UPLOAD_LIMIT_MB} MB")
    assert set(spanish["labels"].values()) == {str(word) for word in said["labels"].values()}


def test_streamlit_run_imports_app_py_at_start_up():
    """app.py's content check runs before serving only because Streamlit finds ``app = st.App``."""
    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"


def test_app_test_still_has_the_classes_app_driver_swaps():
    """tests/app_driver.py routes AppTest through app.py and keeps downloads readable."""
    assert isinstance(app_test_module.PagesManager, type)
    assert isinstance(app_test_module.MemoryMediaFileStorage, type)
