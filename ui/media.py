"""Download files that nobody else can fetch, gone when the tab closes.

Streamlit 1.67 serves every download button's bytes at ``/media/<id>`` with no session
check, and the id is a hash of the bytes, the media type and the file name. Two
defences, both needed:

1. **A random part per session inside every file** (``session_nonce``, stamped in by
   ``questions.documents.stamp`` and ``Answers.to_json(copy_id=...)``): the id can no
   longer be worked out from a guessed set of answers, and two patients with identical
   answers get different addresses.
2. **Removal when the tab closes.** Streamlit keeps a closed tab's session for
   ``server.disconnectedSessionTTL`` (120 s) in case it reconnects, and its media file
   manager deletes a download file only on the second clean-up pass after that session
   ends: files stayed fetchable for 160 to 190 s. ``install_cleanup`` wraps the
   runtime's ``disconnect_session`` (once per server) so that, the moment a tab's
   connection closes, the files that session created and no other session uses are
   deleted. A tab that reconnects gets them back on its next rerun: the documents are
   kept in its session and simply re-registered.

This reaches into Streamlit's media file manager (``_lock``, ``_files_by_session_and_coord``,
``_delete_file``): there is no public hook for "a session ended". requirements.txt pins
Streamlit exactly, and ``tests/browser/test_hostile_text.py`` fails if an upgrade breaks it.
The response header ``Cache-Control: no-store`` on ``/media`` is the reverse proxy's job
(README, "Serving it to others").
"""

from __future__ import annotations

import secrets
import threading
from typing import Any

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

NONCE_KEY = "_download_nonce"

_files_by_session: dict[str, set[str]] = {}
"""Every media file id each live session has registered (ids are not answers)."""
_guard = threading.Lock()
_installed_on: list[int] = []


def session_nonce() -> str:
    """This session's random part (128 bits), made on first use."""
    if NONCE_KEY not in st.session_state:
        st.session_state[NONCE_KEY] = secrets.token_hex(16)
    return st.session_state[NONCE_KEY]


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


def forget_session_files(session_id: str) -> int:
    """Delete the files ``session_id`` registered that no other session uses; how many went."""
    manager: Any = Runtime.instance().media_file_mgr
    with _guard:
        ours = _files_by_session.pop(session_id, set())
    deleted = 0
    with manager._lock:
        ours |= set(manager._files_by_session_and_coord.pop(session_id, {}).values())
        in_use = {
            file_id
            for by_coordinates in manager._files_by_session_and_coord.values()
            for file_id in by_coordinates.values()
        }
        for file_id in ours - in_use:
            if file_id in manager._file_metadata:
                manager._delete_file(file_id)
                deleted += 1
    return deleted


def install_cleanup() -> None:
    """Once per server process: delete a session's download files when its tab disconnects."""
    if not Runtime.exists():
        return  # AppTest and bare script runs have no server
    runtime = Runtime.instance()
    with _guard:
        if id(runtime) in _installed_on:
            return
        _installed_on.append(id(runtime))
    original = runtime.disconnect_session

    def disconnect_session(session_id: str, **kwargs: Any) -> None:
        original(session_id, **kwargs)
        if not runtime.is_active_session(session_id):
            forget_session_files(session_id)

    runtime.disconnect_session = disconnect_session  # type: ignore[method-assign]
