"""Every place the app leans on Streamlit's internals rather than its public API.

Verified on Streamlit 1.67.0 (pinned in requirements.in). Each function or constant says
what it relies on and why no public API does the job. ``tests/test_streamlit_internals.py``
pins each behaviour (and ``tests/browser/test_streamlit_words.py`` the page markup), so an
upgrade that changes one fails loudly there, naming it, instead of quietly breaking a
patient's visit. Keep this module small: new reliance on internals goes here, with a test.

Also relied on, outside this module:
- ``app.py`` declares ``app = st.App(__file__)``: ``streamlit run`` finds that assignment
  by reading the file (``streamlit.web.server.app_discovery``), then imports app.py once
  at start-up, which is where broken content stops the server. A public API (``st.App``)
  used in a way Streamlit documents, but its discovery is what makes start-up checks
  possible, so the test pins it too.
- The English words Streamlit writes itself ("Upload", "Skip to main content", ...): the
  keys of ``streamlit.texts`` and ``streamlit.labels`` in ``data/en/ui.yaml``, which the tab
  script replaces with the patient's words (``ui.accessibility.streamlit_words``).
- ``tests/app_driver.py`` swaps AppTest's in-memory file store for one it can read back
  (downloads); its other two changes to AppTest are here (``route_app_test_through_router``,
  ``scan_installed_components_once``).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import state

KEY_CLASS_PREFIX = "st-key-"
KEY_CLASS_UNSAFE = re.compile(r"[^a-zA-Z0-9_-]")
"""Characters Streamlit's frontend replaces with ``-`` when it turns a key into a class."""

TEST_IDS: dict[str, str] = {
    # Streamlit's own elements, by the ``data-testid`` its frontend gives them: the one
    # stable handle on them from CSS or a script. What relies on each:
    "stCaptionContainer": "captions drawn dark enough (ui/static/app.css)",
    "stSidebarNavLink": "a focus ring and wrapping on the step list (ui/static/app.css)",
    "stCheckbox": "a focus ring and a touch-sized row on check boxes (ui/static/app.css)",
    "stRadioOption": "a focus ring and a touch-sized row on radio options (ui/static/app.css)",
    "stExpandSidebarButton": "a touch-sized sidebar opener on a phone (ui/static/app.css)",
    "stExpander": "a touch-sized title on folded sections (ui/static/app.css)",
    "stMarkdownContainer": "left-aligned add buttons; the upload button's word (accessibility)",
    "stTextArea": "a text area's misleading Ctrl+Enter hint hidden (ui/static/app.css)",
    "InputInstructions": "the Enter hint hidden or said in the patient's language (accessibility)",
    "stMain": "a focus ring on the main area; scrolling and focusing a new step (ui.tab)",
    "stTextInputRootElement": "a focus ring on text boxes (ui/static/app.css)",
    "stTextAreaRootElement": "a focus ring on text areas (ui/static/app.css)",
    "stSelectbox": "a focus ring on select boxes (ui/static/app.css)",
    "stFileUploaderDropzone": "the upload button's word in the patient's language (accessibility)",
    "stFileUploaderDropzoneInstructions": "the size limit in the patient's language (accessibility)",
    "stFileChip": "a file the browser refused reported in words (ui.tab)",
    "stSkipToContent": "the skip link in the patient's language (accessibility)",
    "stStatusWidget": "the running indicator's words in the patient's language (accessibility)",
}
"""Every ``data-testid`` the app's CSS and scripts rely on; reach them through ``test_id``."""

TRANSIENT_TEST_IDS = frozenset({"stStatusWidget", "stExpandSidebarButton"})
"""Relied on but not on a settled step's page at every size (the running indicator shows
only during a slow run; the sidebar opener only while the sidebar is closed, as on a
phone): checked in Streamlit's bundle instead."""


def test_id(name: str) -> str:
    """The CSS selector of Streamlit's element ``data-testid=name`` (listed in ``TEST_IDS``)."""
    if name not in TEST_IDS:
        raise KeyError(f"{name}: add it to TEST_IDS (ui/streamlit_internals.py) with what relies on it")
    return f'[data-testid="{name}"]'


# --- The price of the pages/ layout ---------------------------------------------------
#
# The steps live in ``pages/`` (the layout the project is specified with). Streamlit 1.67
# treats a ``pages/`` folder beside the main script as its old "pages folder" mode until
# ``st.navigation`` has run once in the process: a fresh server's first request that names
# a step (a bookmark, a tab reconnecting after a restart) runs that step file alone, without
# ``app.py``'s router, and AppTest resets the mode before every run. Both workarounds are
# here, together, so the cost of the layout is paid in one place: ``ensure_router`` (every
# step calls it first, through ``ui.frame.step_header``) and ``route_app_test_through_router``
# (tests/app_driver.py calls it once). A flat layout (steps outside ``pages/``) would need
# neither.


def in_pages_folder_mode() -> bool:
    """Whether this run came through Streamlit's old "pages folder" mode.

    ``st.navigation`` leaves the mode, process-wide, but only once it has run; there is no
    public way to ask or to leave it sooner.
    """
    return bool(PagesManager.uses_pages_directory)


def leave_pages_folder_mode() -> None:
    """Switch the process out of the "pages folder" mode, as ``st.navigation`` would."""
    PagesManager.uses_pages_directory = False


def ensure_router() -> None:
    """Send a first visit that lands straight on a step through ``app.py``.

    In the "pages folder" mode the step runs without the router: the sidebar lists file
    names and the crisis line there is missing. Until ``st.navigation`` has run once,
    switch the mode off here and rerun so the router takes over. Only a session's first
    run can need this (no click can be lost then); AppTest resets the mode before every
    run, so the check must not repeat (``state.ROUTED``, which ``app.py`` sets too).
    """
    if in_pages_folder_mode() and not st.session_state.get(state.ROUTED):
        leave_pages_folder_mode()
        st.session_state[state.ROUTED] = True
        st.rerun()


def route_app_test_through_router() -> None:
    """Make AppTest behave as a real server does after its first request: every run goes
    through ``app.py``.

    AppTest builds a new ``PagesManager`` for every run, which puts the process back in the
    "pages folder" mode, so each rerun would execute the step file alone, without the
    router, the sidebar or the language picker. This swaps the class AppTest builds for one
    that leaves the mode at once. For tests only (it imports ``streamlit.testing``).
    """
    app_test_module: Any = importlib.import_module("streamlit.testing.v1.app_test")
    if getattr(app_test_module.PagesManager, "routes_through_app", False):
        return

    class _RouterPagesManager(PagesManager):
        routes_through_app = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test_module.PagesManager = _RouterPagesManager


def scan_installed_components_once() -> None:
    """Make AppTest look for installed Streamlit components once per process, as a server does.

    Each new AppTest scans the metadata of every installed distribution for component
    manifests (``streamlit.components.v2.manifest_scanner.scan_component_manifests``,
    imported when called): about 0.25 CPU-seconds, nearly all of a seeded test's first run,
    for an answer that cannot change while the tests run (the app's one component is
    declared inline, not installed). A real server scans once, at start-up. For tests only.
    """
    scanner: Any = importlib.import_module("streamlit.components.v2.manifest_scanner")
    if getattr(scanner.scan_component_manifests, "cache_info", None) is None:
        scanner.scan_component_manifests = functools.cache(scanner.scan_component_manifests)


def key_class(key: str) -> str:
    """The CSS class Streamlit's frontend gives an element with ``key=`` (``st-key-...``).

    The one way to reach a keyed element from CSS or a script; the rule lives in
    Streamlit's JavaScript, copied here (and nowhere else).
    """
    return KEY_CLASS_PREFIX + KEY_CLASS_UNSAFE.sub("-", key.strip())


def key_selector(key: str) -> str:
    """The CSS selector of the element with ``key=key``."""
    return "." + key_class(key)


def key_prefix_selector(prefix: str) -> str:
    """The CSS selector of every element whose key starts with ``prefix``."""
    return f'[class*="{key_class(prefix)}"]'


# --- Downloads: the media file manager and the runtime's session life cycle (ui.media) ---
#
# Streamlit serves a download's bytes at /media/<id> with no session check, and keeps them
# for minutes after the tab closed. ``ui.media`` takes a closed tab's files out of the store
# at once; there is no public hook for "a session's connection closed" nor a public way to
# withdraw a file, so these reach into ``MediaFileManager`` (its lock, its two tables, its
# ``_delete_file``), ``MemoryMediaFileStorage._files_by_id`` and three ``Runtime`` methods.


@dataclass(frozen=True)
class WithdrawnFiles:
    """A session's download files taken out of the store, to be put back if it reconnects."""

    files: dict[str, tuple[Any, Any]]
    """file id -> (the stored file, its metadata): ids and bytes, never looked inside."""
    refs: dict[str, str]
    """The session's element coordinates -> file id, as the manager kept them."""


def server_runtime() -> Any | None:
    """The server's runtime; None in AppTest or a bare script run (no server)."""
    return Runtime.instance() if Runtime.exists() else None


def media_manager() -> Any | None:
    """The server's media file manager; None without a server."""
    runtime = server_runtime()
    return runtime.media_file_mgr if runtime is not None else None


def current_session_id() -> str | None:
    """The id of the session whose script is running on this thread, if any."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def session_media_files(manager: Any, session_id: str) -> set[str]:
    """The ids of the files ``session_id``'s current run has registered with ``manager``."""
    with manager._lock:
        return set(manager._files_by_session_and_coord.get(session_id, {}).values())


def withdraw_session_files(manager: Any, session_id: str, also: set[str]) -> WithdrawnFiles:
    """Stop serving ``session_id``'s files (and ``also``) that no other session uses.

    The session's references go with them, so Streamlit's own clean-up no longer counts
    it as a user; ``restore_session_files`` undoes both.
    """
    stored: dict[str, Any] | None = getattr(manager._storage, "_files_by_id", None)
    files: dict[str, tuple[Any, Any]] = {}
    with manager._lock:
        refs = dict(manager._files_by_session_and_coord.pop(session_id, {}))
        ours = also | set(refs.values())
        in_use = {
            file_id
            for by_coordinates in manager._files_by_session_and_coord.values()
            for file_id in by_coordinates.values()
        }
        for file_id in ours - in_use:
            if file_id in manager._file_metadata:
                kept = stored.get(file_id) if stored is not None else None
                files[file_id] = (kept, manager._file_metadata[file_id])
                manager._delete_file(file_id)
    return WithdrawnFiles(files, refs)


def restore_session_files(manager: Any, session_id: str, withdrawn: WithdrawnFiles) -> None:
    """Serve withdrawn files again, referenced by ``session_id`` as before."""
    stored: dict[str, Any] | None = getattr(manager._storage, "_files_by_id", None)
    with manager._lock:
        for file_id, (kept, metadata) in withdrawn.files.items():
            if kept is not None and stored is not None:
                stored[file_id] = kept
                manager._file_metadata[file_id] = metadata
        manager._files_by_session_and_coord[session_id].update(withdrawn.refs)


def on_session_events(
    runtime: Any,
    *,
    disconnected: Callable[[str], object],
    connected: Callable[[str], object],
    closed: Callable[[str], object],
) -> None:
    """Call ``disconnected`` when a session's last client leaves (it may still reconnect),
    ``connected`` after a client connects (or reconnects), ``closed`` once it is gone.

    Wraps ``Runtime.disconnect_session``, ``connect_session`` and ``close_session`` on this
    runtime (call once per runtime); ``is_active_session`` tells a real disconnect from a
    second tab of the same session leaving.
    """
    disconnect, connect, close = runtime.disconnect_session, runtime.connect_session, runtime.close_session

    def disconnect_session(session_id: str, **kwargs: Any) -> None:
        disconnect(session_id, **kwargs)
        if not runtime.is_active_session(session_id):
            disconnected(session_id)

    def connect_session(*args: Any, **kwargs: Any) -> str:
        session_id: str = connect(*args, **kwargs)
        connected(session_id)
        return session_id

    def close_session(session_id: str) -> None:
        close(session_id)
        closed(session_id)

    runtime.disconnect_session = disconnect_session
    runtime.connect_session = connect_session
    runtime.close_session = close_session


ON_THE_COMMAND_LINE = frozenset({"command-line argument or environment variable", "environment variable"})
"""Where Streamlit's config says an option was set by a flag or ``STREAMLIT_*`` (1.67's words)."""


def announce_start() -> None:
    """Streamlit's own "You can now view your Streamlit app" lines, printed once the
    start-up checks have passed (``app.py``).

    ``streamlit run`` prints them before it imports ``app.py``, so a server whose content
    or clinic file is broken would announce itself and then stop. The project's settings
    turn them off (``logger.hideWelcomeMessage``, a hidden option, in
    ``.streamlit/config.toml``) and this prints them with Streamlit's own printer
    (``streamlit.web.bootstrap._print_url``) when it is safe to; a deployment that hides
    them on its command line still gets none.
    """
    from streamlit import config
    from streamlit.web import bootstrap

    if config.get_where_defined("logger.hideWelcomeMessage") in ON_THE_COMMAND_LINE:
        return
    hidden = config.get_option("logger.hideWelcomeMessage")
    config.set_option("logger.hideWelcomeMessage", False)
    try:
        bootstrap._print_url(is_running_hello=False)
    finally:
        config.set_option("logger.hideWelcomeMessage", hidden)
