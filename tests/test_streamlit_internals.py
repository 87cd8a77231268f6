"""Streamlit's internals the app relies on (ui/streamlit_internals.py), pinned.

When one of these fails after a Streamlit upgrade, the named function in
ui/streamlit_internals.py (or the app.py start-up, or tests/app_driver.py) needs a look
before the upgrade can ship: each test says what the app would lose.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import streamlit
import streamlit.testing.v1.app_test as app_test_module
from helpers import ROOT
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.web.server.app_discovery import discover_asgi_app

from ui import streamlit_internals

VERIFIED_ON = "1.67.0"


def test_the_installed_streamlit_is_the_one_these_internals_were_verified_on():
    assert metadata.version("streamlit") == VERIFIED_ON, (
        "Streamlit changed version: check every function in ui/streamlit_internals.py, the start-up "
        "in app.py and tests/app_driver.py against it, then update VERIFIED_ON"
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


PAGE = """
import streamlit as st
from ui.streamlit_internals import page_script_hash

st.text(page_script_hash())
"""


def test_each_page_run_has_its_own_script_hash(tmp_path: Path):
    """ui.accessibility scrolls to the top only when this id changes (a new step)."""
    for name in ("one.py", "two.py"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    router = tmp_path / "router.py"
    router.write_text(
        'import streamlit as st\nst.navigation([st.Page("one.py"), st.Page("two.py")]).run()\n',
        encoding="utf-8",
    )
    at = AppTest.from_file(str(router)).run()
    first = at.text[0].value
    again = at.run().text[0].value
    second = at.switch_page("two.py").run().text[0].value
    assert first and first == again, "the same page keeps its id across reruns"
    assert second and second != first, "another page has another id"
    assert streamlit_internals.page_script_hash() == "", "outside a run there is no page"


def test_the_key_class_rule_matches_streamlits_frontend():
    """Focus and hiding rules in ui/accessibility.py reach keyed elements by this class."""
    static = Path(streamlit.__file__).parent / "static"
    bundle = "".join(path.read_text(encoding="utf-8", errors="replace") for path in static.rglob("*.js"))
    assert re.search(r"`st-key-`\+\w+\.trim\(\)\.replaceAll\(/\[\^a-zA-Z0-9_-\]/g,`-`\)", bundle), (
        "Streamlit's frontend builds st-key-* classes differently now: update key_class"
    )
    assert streamlit_internals.key_class(" _w_top-a.b c ") == "st-key-_w_top-a-b-c"


def test_streamlit_run_imports_app_py_at_start_up():
    """app.py's content check runs before serving only because Streamlit finds ``app = st.App``."""
    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"


def test_app_test_still_has_the_classes_app_driver_swaps():
    """tests/app_driver.py routes AppTest through app.py and keeps downloads readable."""
    assert isinstance(app_test_module.PagesManager, type)
    assert isinstance(app_test_module.MemoryMediaFileStorage, type)
