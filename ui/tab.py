"""The app's one script in the patient's browser tab (``st.components.v2``, no iframe).

It does what only the browser can do, and nothing else:

- **A copy of the answers in the tab's own ``sessionStorage``**, so a reload, a phone
  discarding a background tab, or a server restart under an open tab loses nothing.
  ``sessionStorage`` belongs to this one tab: it is gone when the tab closes, other tabs
  and sites cannot read it, and it is never sent to any server (not ``localStorage``,
  which outlives the tab). "Start over" empties it. When a new server session first
  meets the tab (a reload, a restart) and has no answers yet, the script sends the copy
  back once and the answers are restored.
- **The page's language and direction** (``<html lang dir>``; Streamlit fixes them to
  ``en`` and left-to-right).
- **Each step opens at its top with the keyboard focus on its heading**, so a screen
  reader announces the new step once and the next Tab starts at the step's first
  question, not where the old Next button was.
- **Focus after an action** that redraws a control (Remove, Add, "Ask first"): onto a
  sensible neighbour, with a visible ring.
- **Plain words when the server stops answering**: Streamlit's own dialog blames the
  patient's internet connection; it is replaced by words saying the app is restarting.

Patient text is only ever sent as ``data`` (JSON the browser parses); the HTML, CSS and
JavaScript (``ui/static/``) are constant.
"""

from __future__ import annotations

import secrets

import streamlit as st

from questions import languages
from questions.answers_file import MAX_FILE_BYTES, AnswersFileError, parse_answers
from ui import assets, restore, state
from ui.accessibility import FOCUS_RING_CLASS, WORDS_JS, control_names, streamlit_words
from ui.session import answers, fresh, replace_answers, t
from ui.streamlit_internals import key_class, key_prefix_selector, test_id

STORAGE_NAME = "kqp.answers"
UPLOADED_FILE = f"{key_prefix_selector(state.UPLOAD.prefix)} {test_id('stFileChip')}"
"""A file chosen in the upload box (the script reports one the browser refused)."""

JS = assets.read("tab.js")
"""The script itself (``ui/static/tab.js``), sent after ``WORDS_JS`` as one ES module."""

_component = st.components.v2.component("kqp_tab", js=WORDS_JS + JS)


def _checked() -> None:
    """The tab has no copy to give back: a "starting fresh" step may say so now."""
    st.session_state[state.TAB_CHECKED] = True


def _restore_from_tab() -> None:
    """The tab sent back its copy: load it if it is a good answers file, else ignore it."""
    st.session_state[state.TAB_CHECKED] = True
    result = st.session_state.get(state.TAB_COMPONENT)
    saved = getattr(result, "restore", None) if result is not None else None
    if not saved or answers() != fresh():
        return
    try:
        loaded = parse_answers(saved, pdf=False)  # the copy is JSON this app wrote: never a PDF
    except AnswersFileError:
        return  # an unreadable copy is simply replaced by the answers of this session
    replace_answers(loaded)


def _refused() -> None:
    result = st.session_state.get(state.TAB_COMPONENT)
    reason = getattr(result, "refused", None) if result is not None else None
    if reason:
        restore.refused_by_browser(reason)


def _focus(target: str | dict[str, str] | None) -> dict[str, str] | None:
    """Where the tab script moves the focus after this run: a widget's key, or a heading."""
    if not target:
        return None
    found = {"heading": target["heading"]} if isinstance(target, dict) else {"cls": key_class(target)}
    return {**found, "nonce": secrets.token_hex(4)}


def mirror(language: str, slug: str) -> None:
    """Mount the tab script for this run (at the end of every step)."""
    current = answers()
    # Nothing to keep until the patient answers something or picks a language (a Spanish
    # speaker who reloads stays in Spanish). After "Start over" only the language is kept.
    empty = current == fresh()  # a new session's own language (the browser's) is no answer
    focus = st.session_state.pop(state.FOCUS, None)
    data = {
        "lang": languages.html_lang(language),
        "dir": languages.direction(language),
        "session": st.session_state.setdefault(state.TAB_SESSION, secrets.token_hex(8)),
        "storage": STORAGE_NAME,
        "maxCopy": MAX_FILE_BYTES,
        "pristine": empty,
        # Only a session that may show "Starting fresh" waits to hear (one more run): not
        # one that began at Welcome, as almost every patient's does.
        "awaiting": not st.session_state.get(state.TAB_CHECKED)
        and not st.session_state.get(state.SEEN_WELCOME),
        "answers": None if empty else current.model_dump_json(),
        "step": slug,
        "heading": t(f"{slug}.heading"),
        "focus": _focus(focus),
        "names": control_names(),
        "ring": FOCUS_RING_CLASS,
        "restart": {"title": t("frame.restart_title"), "body": t("frame.restart_body")},
        "upload": UPLOADED_FILE,
        "words": streamlit_words(language),
    }
    _component(
        key=state.TAB_COMPONENT,
        data=data,
        on_restore_change=_restore_from_tab,
        on_refused_change=_refused,
        on_checked_change=_checked,
        height=0,
    )
