"""Streamlit's internals the app relies on (ui/streamlit_internals.py), pinned.

When one of these fails after a Streamlit upgrade, the named function in
ui/streamlit_internals.py (or the app.py start-up, or tests/app_driver.py) needs a look
before the upgrade can ship: each test says what the app would lose.
"""

from __future__ import annotations

import inspect
import re
from importlib import metadata
from pathlib import Path

import pytest
import streamlit
import streamlit.testing.v1.app_test as app_test_module
from helpers import ROOT
from streamlit.runtime import Runtime, media_file_manager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
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
    """streamlit_internals.ensure_router reads and clears it; without it, a bookmarked step loses the router."""
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
    "ui/static/app.css": accessibility.CSS,
    "ui/static/words.js and its places": accessibility.WORDS_JS + str(accessibility.streamlit_words("es")),
    "ui/static/tab.js": tab.JS + tab.UPLOADED_FILE,
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
    """tests/app_driver.py keeps downloads readable by swapping AppTest's file store."""
    assert isinstance(app_test_module.MemoryMediaFileStorage, type)


def test_app_test_runs_go_through_the_router():
    """route_app_test_through_router (the pages/ layout's price in AppTest): a run's new
    PagesManager leaves the "pages folder" mode, as a real server does after one request."""
    before = PagesManager.uses_pages_directory
    try:
        streamlit_internals.route_app_test_through_router()
        swapped = app_test_module.PagesManager
        assert issubclass(swapped, PagesManager) and swapped is not PagesManager
        streamlit_internals.route_app_test_through_router()
        assert app_test_module.PagesManager is swapped, "a second call swaps nothing more"
        PagesManager.uses_pages_directory = True
        swapped(str(ROOT / "app.py"))
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


def test_app_test_finds_installed_components_through_the_scanner_it_imports_when_called():
    """scan_installed_components_once caches the scanner AppTest calls on each new AppTest;
    if AppTest stopped calling it (or imported it at load), the cache would do nothing."""
    from streamlit.components.v2 import component_manager, manifest_scanner

    source = inspect.getsource(app_test_module.AppTest._run)
    assert "discover_and_register_components" in source
    calls = inspect.getsource(component_manager.BidiComponentManager.discover_and_register_components)
    assert "from streamlit.components.v2.manifest_scanner import" in calls
    assert "scan_component_manifests" in calls
    streamlit_internals.scan_installed_components_once()
    streamlit_internals.scan_installed_components_once()
    scan = manifest_scanner.scan_component_manifests
    assert scan.cache_info() is not None and not hasattr(scan.__wrapped__, "cache_info"), "wrapped once"
    assert scan() is scan(), "scanned once"


# --- Downloads: the media file manager and the runtime's session events (ui.media) -------


@pytest.fixture
def media(monkeypatch):
    """Streamlit's own media file manager and in-memory store, as a server builds them; the
    session a file is added for is chosen by the test (Streamlit reads it from the run)."""
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    session = {"id": "patient-a"}
    monkeypatch.setattr(media_file_manager, "_get_session_id", lambda: session["id"])

    def add(session_id: str, data: bytes, coordinates: str) -> str:
        session["id"] = session_id
        url = manager.add(
            data, "application/pdf", coordinates, file_name="list.pdf", is_for_static_download=True
        )
        return url.rsplit("/", 1)[1].split(".")[0]

    return manager, storage, add


def served(storage: MemoryMediaFileStorage, file_id: str) -> bool:
    try:
        storage.get_file(file_id)
    except MediaFileStorageError:
        return False
    return True


def test_a_closed_tabs_files_are_withdrawn_and_come_back_on_reconnect(media):
    """ui.media withdraws a disconnected session's downloads at once (no public hook for it)."""
    manager, storage, add = media
    own = add("patient-a", b"%PDF patient a", "1.2")
    shared = add("patient-a", b"the same bytes", "1.3")
    add("patient-b", b"the same bytes", "1.3")
    assert streamlit_internals.session_media_files(manager, "patient-a") == {own, shared}

    withdrawn = streamlit_internals.withdraw_session_files(manager, "patient-a", set())
    assert not served(storage, own), "a closed tab's own file is no longer served"
    assert served(storage, shared), "a file another session still shows stays"
    assert set(withdrawn.files) == {own}
    assert streamlit_internals.session_media_files(manager, "patient-a") == set()

    streamlit_internals.restore_session_files(manager, "patient-a", withdrawn)
    assert served(storage, own) and storage.get_file(own).content == b"%PDF patient a"
    assert streamlit_internals.session_media_files(manager, "patient-a") == {own, shared}
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
    assert served(storage, own), "Streamlit's own clean-up counts the session as a user again"


def test_files_noted_earlier_are_withdrawn_too(media):
    """A file the session registered on an earlier run (ui.media.remember_files) goes too."""
    manager, storage, add = media
    earlier = add("patient-a", b"an earlier PDF", "1.2")
    manager.clear_session_refs("patient-a")  # a later run replaced it
    streamlit_internals.withdraw_session_files(manager, "patient-a", {earlier})
    assert not served(storage, earlier)


def test_the_runtime_session_methods_ui_media_wraps_are_still_there():
    """on_session_events wraps these three and reads is_active_session."""
    names = {
        "disconnect_session": ["self", "session_id", "client"],
        "connect_session": ["self", "client", "user_info", "existing_session_id", "session_id_override"],
        "close_session": ["self", "session_id"],
        "is_active_session": ["self", "session_id"],
    }
    for name, parameters in names.items():
        assert list(inspect.signature(getattr(Runtime, name)).parameters) == parameters, name
    assert inspect.signature(Runtime.connect_session).return_annotation in (str, "str")
    assert "media_file_mgr" in {name for name, _ in inspect.getmembers(Runtime)}


def test_session_events_are_heard_once_each():
    heard: list[tuple[str, str]] = []
    active = {"s1": False}

    class FakeRuntime:
        def disconnect_session(self, session_id: str, **kwargs: object) -> None:
            heard.append(("streamlit disconnect", session_id))

        def connect_session(self, *args: object, **kwargs: object) -> str:
            return "s1"

        def close_session(self, session_id: str) -> None:
            heard.append(("streamlit close", session_id))

        def is_active_session(self, session_id: str) -> bool:
            return active[session_id]

    runtime = FakeRuntime()
    streamlit_internals.on_session_events(
        runtime,
        disconnected=lambda sid: heard.append(("disconnected", sid)),
        connected=lambda sid: heard.append(("connected", sid)),
        closed=lambda sid: heard.append(("closed", sid)),
    )
    assert runtime.connect_session(object(), {}) == "s1"
    runtime.disconnect_session("s1", client=None)
    active["s1"] = True  # another tab of the same session is still there
    runtime.disconnect_session("s1")
    runtime.close_session("s1")
    assert heard == [
        ("connected", "s1"),
        ("streamlit disconnect", "s1"),
        ("disconnected", "s1"),
        ("streamlit disconnect", "s1"),
        ("streamlit close", "s1"),
        ("closed", "s1"),
    ]


def test_no_session_outside_a_run():
    assert streamlit_internals.current_session_id() is None
    assert streamlit_internals.server_runtime() is None
    assert streamlit_internals.media_manager() is None


def test_only_the_internals_module_reaches_into_streamlits_private_parts():
    """Every ``._name`` on a Streamlit object, and every ``streamlit.runtime`` import, lives in
    ui/streamlit_internals.py: a second home would escape these pins on the next upgrade."""
    elsewhere = {}
    for path in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]:
        if path.name == "streamlit_internals.py":
            continue
        text = path.read_text(encoding="utf-8")
        found = re.findall(
            r"(?:from|import) streamlit\.(?:runtime|web|testing)\S*|manager\._\w+|\._storage", text
        )
        if found:
            elsewhere[str(path.relative_to(ROOT))] = found
    assert not elsewhere, f"Streamlit internals outside ui/streamlit_internals.py: {elsewhere}"
