"""Download files that nobody else can fetch, gone when the tab closes.

Streamlit 1.67 serves every download button's bytes at ``/media/<id>`` with no session
check, and the id is a hash of the bytes, the media type and the file name. Two
defences, both needed:

1. **A random part per session inside every file** (``session_nonce``, stamped in by
   ``questions.documents.stamp`` and ``Answers.to_json(copy_id=...)``): the id can no
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

This reaches into Streamlit's media file manager (``_lock``, ``_files_by_session_and_coord``,
``_delete_file``): there is no public hook for "a session ended". requirements.txt pins
Streamlit exactly, and ``tests/browser/test_hostile_screens.py`` fails if an upgrade breaks it.
The response header ``Cache-Control: no-store`` on ``/media`` is the reverse proxy's job
(README, "Serving it to others").
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

import streamlit as st
from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import state

_files_by_session: dict[str, set[str]] = {}
"""Every media file id each live session has registered (ids are not answers)."""
_parked: dict[str, tuple[float, dict[str, tuple[Any, Any]], dict[str, str]]] = {}
"""Disconnected sessions' files, not served: session id -> (when, {file id: (file, metadata)}, refs)."""
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
    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return
    manager: Any = Runtime.instance().media_file_mgr
    with manager._lock:
        current = set(manager._files_by_session_and_coord.get(ctx.session_id, {}).values())
    with _guard:
        _files_by_session.setdefault(ctx.session_id, set()).update(current)


def _manager() -> Any:
    return Runtime.instance().media_file_mgr


def park_session_files(session_id: str) -> int:
    """Stop serving the files ``session_id`` registered that no other session uses; how many.

    They are kept aside (not served) in case the same tab reconnects within Streamlit's
    reconnect window; ``restore_session_files`` puts them back, ``_sweep`` lets them go.
    """
    manager = _manager()
    stored: dict[str, Any] | None = getattr(manager._storage, "_files_by_id", None)
    with _guard:
        ours = _files_by_session.pop(session_id, set())
    files: dict[str, tuple[Any, Any]] = {}
    with manager._lock:
        refs = dict(manager._files_by_session_and_coord.pop(session_id, {}))
        ours |= set(refs.values())
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
    with _guard:
        _parked[session_id] = (time.monotonic(), files, refs)
    _sweep()
    return len(files)


def restore_session_files(session_id: str) -> None:
    """A tab reconnected to its session: serve its files again (its page still links to them)."""
    with _guard:
        entry = _parked.pop(session_id, None)
    if entry is None:
        return
    _, files, refs = entry
    manager = _manager()
    stored: dict[str, Any] | None = getattr(manager._storage, "_files_by_id", None)
    with manager._lock:
        for file_id, (kept, metadata) in files.items():
            if kept is not None and stored is not None:
                stored[file_id] = kept
                manager._file_metadata[file_id] = metadata
        manager._files_by_session_and_coord[session_id].update(refs)
    with _guard:
        _files_by_session.setdefault(session_id, set()).update(files)


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
        for session_id in [sid for sid, (when, _, _) in _parked.items() if now - when > window]:
            del _parked[session_id]


def install_cleanup() -> None:
    """Once per server process: stop serving a session's files the moment its tab disconnects."""
    if not Runtime.exists():
        return  # AppTest and bare script runs have no server
    runtime = Runtime.instance()
    with _guard:
        if id(runtime) in _installed_on:
            return
        _installed_on.append(id(runtime))
    disconnect, connect, close = runtime.disconnect_session, runtime.connect_session, runtime.close_session

    def disconnect_session(session_id: str, **kwargs: Any) -> None:
        disconnect(session_id, **kwargs)
        if not runtime.is_active_session(session_id):
            park_session_files(session_id)

    def connect_session(*args: Any, **kwargs: Any) -> str:
        session_id = connect(*args, **kwargs)
        restore_session_files(session_id)
        return session_id

    def close_session(session_id: str) -> None:
        close(session_id)
        forget_session(session_id)

    runtime.disconnect_session = disconnect_session  # type: ignore[method-assign]
    runtime.connect_session = connect_session  # type: ignore[method-assign]
    runtime.close_session = close_session  # type: ignore[method-assign]
