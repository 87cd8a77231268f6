"""Every place the app leans on Streamlit's internals rather than its public API.

Verified on Streamlit 1.67.0 (pinned in requirements.in). Each function says what it
relies on and why no public API does the job. ``tests/test_streamlit_internals.py`` pins
each behaviour, so an upgrade that changes one fails loudly there, naming the function,
instead of quietly breaking a patient's visit. Keep this module small: new reliance on
internals goes here, with a test.

Also relied on, outside this module:
- ``app.py`` declares ``app = st.App(__file__)``: ``streamlit run`` finds that assignment
  by reading the file (``streamlit.web.server.app_discovery``), then imports app.py once
  at start-up, which is where broken content stops the server. A public API (``st.App``)
  used in a way Streamlit documents, but its discovery is what makes start-up checks
  possible, so the test pins it too.
- ``tests/app_driver.py`` swaps two classes inside ``streamlit.testing.v1.app_test``.
"""

from __future__ import annotations

import re

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

KEY_CLASS_UNSAFE = re.compile(r"[^a-zA-Z0-9_-]")
"""Characters Streamlit's frontend replaces with ``-`` when it turns a key into a class."""


def in_pages_folder_mode() -> bool:
    """Whether this run came through Streamlit's old "pages folder" mode.

    A fresh server's first request runs in that mode when its URL names a page (a
    bookmarked step, a tab reconnecting after a restart): the step file runs alone,
    without ``app.py``'s router. ``st.navigation`` leaves the mode, process-wide, but only
    once it has run; there is no public way to ask or to leave it sooner.
    """
    return bool(PagesManager.uses_pages_directory)


def leave_pages_folder_mode() -> None:
    """Switch the process out of the "pages folder" mode, as ``st.navigation`` would."""
    PagesManager.uses_pages_directory = False


def page_script_hash() -> str:
    """An id of the page being run ("" outside a script run).

    Streamlit has no public API for the current page inside a page's script;
    the script run context carries its hash.
    """
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def key_class(key: str) -> str:
    """The CSS class Streamlit's frontend gives an element with ``key=`` (``st-key-...``).

    The one way to reach a keyed element from CSS or a script; the rule lives in
    Streamlit's JavaScript, copied here.
    """
    return "st-key-" + KEY_CLASS_UNSAFE.sub("-", key.strip())
