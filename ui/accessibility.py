"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets

import streamlit as st

from questions.content import load_language
from ui.streamlit_internals import key_class, page_script_hash

HTML_LANG = {"en": "en", "es": "es"}

FOCUS = "#1f5f8b"
"""The focus ring's colour: the theme's primary colour, 6.8:1 on white, 6.1:1 on the sidebar."""

CAPTION = "#5a636c"
"""Small grey text: 6.1:1 on white and 5.5:1 on the sidebar's #eef3f7 (WCAG AA needs 4.5)."""

HIDDEN_FRAME_KEY = "a11y_page_script"
FOCUS_KEY = "_focus_after_rerun"

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
/* The frame that sets the language and opens each step at its top shows nothing. */
.st-key-{HIDDEN_FRAME_KEY} {{ display: none; }}

/* The main area is a Tab stop of its own (a scrollable region, and the skip link's target). */
[data-testid="stMain"]:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: -3px; }}

/* Text boxes and the date field only change a 1px border colour when focused. */
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stDateInputField"]:focus-within {{
  outline: 2px solid {FOCUS};
  outline-offset: 1px;
}}
</style>
"""


# Runs in a hidden frame on the app's own page (same origin, no network). The frame's
# text changes with the step or the language, and only then does the browser run it again.
# The script itself never changes: its values ride in a JSON block beside it, so the
# reverse proxy's Content-Security-Policy can allow exactly this script by its hash
# (PAGE_SCRIPT_SHA256, in deploy/nginx and deploy/kubernetes).
PAGE_SCRIPT = """
const app = window.parent;
const page = JSON.parse(document.getElementById('kqp-page').textContent);
app.document.documentElement.lang = page.lang;
if (app.__kqpStep !== page.step) {
  app.__kqpStep = page.step;
  const main = app.document.querySelector('[data-testid="stMain"]');
  if (main) main.scrollTo(0, 0);
}
if (page.focus) {
  let tries = 0;
  const refocus = () => {
    const box = app.document.querySelector('.' + page.focus + ' input');
    if (box) box.focus({preventScroll: false});
    else if (tries++ < 40) setTimeout(refocus, 50);
  };
  refocus();
}
"""
PAGE_SCRIPT_SHA256 = base64.b64encode(hashlib.sha256(PAGE_SCRIPT.encode()).digest()).decode()
"""The hash a Content-Security-Policy names to let the page script run."""


def focus_after_rerun(key: str) -> None:
    """Ask for the keyboard focus to return to widget ``key`` once this rerun is drawn.

    Streamlit redraws a widget that moves on the page as a new one, and the focus falls
    back to the top: a keyboard user would lose their place after ticking "Ask first".
    """
    st.session_state[FOCUS_KEY] = key


def apply(language: str) -> None:
    """Fix contrast and focus rings, set the page's language, open each step at its top."""
    st.html(CSS + streamlit_words_css(language))
    page_script(language)


def _css_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string with quotes escaped is a CSS string


def streamlit_words_css(language: str) -> str:
    """Say Streamlit's own few built-in words in the patient's language.

    Streamlit writes "Upload", "1MB per file" and "Press Enter to apply" in English
    whatever the page's language. Their words live in ``ui.yaml`` (``streamlit``); the
    English ones are Streamlit's own, so nothing changes in English.
    """
    if language == "en":
        return ""
    words = load_language(language)
    upload, limit, enter = (
        _css_string(words.text(f"streamlit.{key}")) for key in ("upload", "upload_limit", "press_enter")
    )
    return f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {upload}; font-size: 1rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
[data-testid="InputInstructions"] > span:first-child {{ font-size: 0; }}
[data-testid="InputInstructions"] > span:first-child::after {{ content: {enter}; font-size: 0.75rem; }}
</style>"""


def page_script(language: str) -> None:
    """Set ``<html lang>`` and open every step at its top.

    Streamlit fixes ``<html lang>`` to ``en``; screen readers choose their voice from it.

    Streamlit keeps the scroll position when the page changes, so after Next at the foot
    of a long step the following one opened scrolled down, its heading, the crisis line and
    (on "Print and save") the download buttons out of sight. The script scrolls only when
    the step changed, so a rerun on the same step never moves the page.

    A frame rather than ``st.html`` with scripts: that one's extra rerun swallows a button
    press in AppTest. ``st.iframe`` rather than ``components.html`` (deprecated): it can be
    kept out of the Tab order, and its container is hidden so it takes no space.
    """
    focus = st.session_state.pop(FOCUS_KEY, None)
    values = {
        "lang": HTML_LANG.get(language, "en"),
        "step": page_script_hash(),
        # A new value each time, so the frame's text changes and the browser runs it again.
        "focus": key_class(focus) if focus else "",
        "nonce": secrets.token_hex(4) if focus else "",
    }
    # JSON inside <script>: "<" escaped, so no value can close the block early.
    data = json.dumps(values).replace("<", "\\u003c")
    frame = f'<script type="application/json" id="kqp-page">{data}</script><script>{PAGE_SCRIPT}</script>'
    with st.container(key=HIDDEN_FRAME_KEY):
        st.iframe(frame, height=1, tab_index=-1)
