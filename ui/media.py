"""Download files that nobody else can fetch, gone when the tab closes.

Streamlit 1.67 serves every download button's bytes at ``/media/<id>`` with no session
check, and the id is a hash of the bytes, the media type and the file name. Two
defences, both needed:

1. **A random part per session inside every file** (``session_nonce``, stamped in by
   ``questions.document_files.stamp`` and ``Answers.to_json(copy_id=...)``): the id can no
   longer be worked out from a guessed set of answers, and two patients with identical
   answers get different addresses.
2. **Not served once the tab closes.** Streamlit keeps a closed tab's session for
   ``server.disconnectedSessionTTL`` (120 s) in case it reconnects, and its media file
   manager deletes a download file only on the second clean-up pass after that session
   ends: files stayed fetchable for 160 to 190 s. ``install_cleanup`` wraps the
   runtime's ``disconnect_session`` (once per server) so that, the moment a tab's
   connection closes, the files that session created and no other session uses are
   taken out of the media store (``/media/<id>`` answers 404). They are kept aside, not
   served, for that window: a tab that reconnects after a network blip does not rerun,
   and its download buttons still point at them, so ``connect_session`` puts them back.
   After the window (or when Streamlit closes the session) they are let go.

This reaches into Streamlit's media file manager and wraps three of its runtime's methods:
there is no public hook for "a session ended". Those reliances live in
``ui/streamlit_internals.py`` (``withdraw_session_files``, ``restore_session_files``,
``on_session_events``), pinned by ``tests/test_streamlit_internals.py``;
``tests/browser/test_hostile_screens.py`` checks the whole behaviour on a real server.
The response header ``Cache-Control: no-store`` on ``/media`` is the reverse proxy's job
(README, "Serving it to others").
"""

from __future__ import annotations

import secrets
import threading
import time

import streamlit as st
from streamlit import config

from ui import state
from ui.streamlit_internals import (
    WithdrawnFiles,
    current_session_id,
    media_manager,
    on_session_events,
    server_runtime,
    session_media_files,
    withdraw_session_files,
)
from ui.streamlit_internals import restore_session_files as serve_again

_files_by_session: dict[str, set[str]] = {}
"""Every media file id each live session has registered (ids are not answers)."""
_parked: dict[str, tuple[float, WithdrawnFiles]] = {}
"""Disconnected sessions' files, not served: session id -> (when, what was withdrawn)."""
_guard = threading.Lock()
_installed_on: list[int] = []


def session_nonce() -> str:
    """This session's random part (128 bits), made on first use."""
    if state.DOWNLOAD_NONCE not in st.session_state:
        st.session_state[state.DOWNLOAD_NONCE] = secrets.token_hex(16)
    nonce: str = st.session_state[state.DOWNLOAD_NONCE]
    return nonce


def remember_files() -> None:
    """Note the media files this session's run has registered so far (call after the downloads)."""
    session_id, manager = current_session_id(), media_manager()
    if session_id is None or manager is None:
        return
    current = session_media_files(manager, session_id)
    with _guard:
        _files_by_session.setdefault(session_id, set()).update(current)


def park_session_files(session_id: str) -> int:
    """Stop serving the files ``session_id`` registered that no other session uses; how many.

    They are kept aside (not served) in case the same tab reconnects within Streamlit's
    reconnect window; ``restore_session_files`` puts them back, ``_sweep`` lets them go.
    """
    manager = media_manager()
    if manager is None:
        return 0
    with _guard:
        ours = _files_by_session.pop(session_id, set())
    withdrawn = withdraw_session_files(manager, session_id, ours)
    with _guard:
        _parked[session_id] = (time.monotonic(), withdrawn)
    _sweep()
    return len(withdrawn.files)


def restore_session_files(session_id: str) -> None:
    """A tab reconnected to its session: serve its files again (its page still links to them)."""
    with _guard:
        entry = _parked.pop(session_id, None)
    manager = media_manager()
    if entry is None or manager is None:
        return
    withdrawn = entry[1]
    serve_again(manager, session_id, withdrawn)
    with _guard:
        _files_by_session.setdefault(session_id, set()).update(withdrawn.files)


def forget_session(session_id: str) -> None:
    """The session is gone for good: drop everything kept for it."""
    with _guard:
        _parked.pop(session_id, None)
        _files_by_session.pop(session_id, None)


def _sweep() -> None:
    """Let go of files kept for tabs that can no longer reconnect (Streamlit's window has passed)."""
    window = float(config.get_option("server.disconnectedSessionTTL")) + 60
    now = time.monotonic()
    with _guard:
        for session_id in [sid for sid, (when, _) in _parked.items() if now - when > window]:
            del _parked[session_id]


def install_cleanup() -> None:
    """Once per server process: stop serving a session's files the moment its tab disconnects."""
    runtime = server_runtime()
    if runtime is None:
        return  # AppTest and bare script runs have no server
    with _guard:
        if id(runtime) in _installed_on:
            return
        _installed_on.append(id(runtime))
    on_session_events(
        runtime,
        disconnected=park_session_files,
        connected=restore_session_files,
        closed=forget_session,
    )
