"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

import json

import streamlit as st
import streamlit.components.v1 as components
from streamlit.runtime.scriptrunner import get_script_run_ctx

HTML_LANG = {"en": "en", "es": "es"}

FOCUS = "#1f5f8b"
"""The focus ring's colour: the theme's primary colour, 6.8:1 on white, 6.1:1 on the sidebar."""

CAPTION = "#5a636c"
"""Small grey text: 6.1:1 on white and 5.5:1 on the sidebar's #eef3f7 (WCAG AA needs 4.5)."""

HIDDEN_FRAME_KEY = "a11y_new_step_at_top"

CSS = f"""
<style>
/* Streamlit draws captions in the text colour at 60% opacity: 4.2:1, below WCAG AA. */
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {CAPTION}; }}

/* Keyboard focus must be visible. Streamlit hides the real radio and checkbox inputs and
   shows no ring around their labels, and its sidebar step links show none at all. */
[data-testid="stSidebarNavLink"]:focus-visible,
[data-testid="stCheckbox"] label[data-focus-visible],
[data-testid="stRadioOption"][data-focus-visible] {{
  outline: 3px solid {FOCUS};
  outline-offset: 2px;
  border-radius: 4px;
}}
/* The frame that opens each step at its top runs a script and shows nothing. */
.st-key-{HIDDEN_FRAME_KEY} {{ display: none; }}

/* Text boxes and the date field only change a 1px border colour when focused. */
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stDateInputField"]:focus-within {{
  outline: 2px solid {FOCUS};
  outline-offset: 1px;
}}
</style>
"""


# Runs in a hidden frame on the app's own page (same origin, no network). It scrolls
# only when the step changed, so a rerun on the same step never moves the page.
NEW_STEP_AT_TOP = """<script>
const app = window.parent;
if (app.__kqpStep !== %s) {
  app.__kqpStep = %s;
  const main = app.document.querySelector('[data-testid="stMain"]');
  if (main) main.scrollTo(0, 0);
}
</script>"""


def apply(language: str) -> None:
    """Fix contrast and focus rings, open each step at its top, and set the page's language."""
    st.html(CSS)
    new_step_at_top()
    set_language(language)


def new_step_at_top() -> None:
    """Open every step at its top: its heading and the crisis line in view.

    Streamlit keeps the scroll position when the page changes, so after Next at the foot
    of a long step the following one opened scrolled down, its heading, the crisis line and
    (on "Print and save") the download buttons out of sight.
    """
    ctx = get_script_run_ctx()
    step = json.dumps(ctx.page_script_hash if ctx else "")
    with st.container(key=HIDDEN_FRAME_KEY):
        st.iframe(NEW_STEP_AT_TOP % (step, step), height=1, tab_index=-1)


def set_language(language: str) -> None:
    """Set ``<html lang>`` (Streamlit fixes it to ``en``); only needed when it is not English.

    A zero-height component sets it on the parent page (same origin); ``st.html`` with
    scripts would do it too, but its extra rerun swallows a button press in AppTest.
    """
    lang = HTML_LANG.get(language, "en")
    if lang == "en":
        return
    components.html(
        f"<script>window.parent.document.documentElement.lang = {json.dumps(lang)};</script>",
        height=0,
    )
