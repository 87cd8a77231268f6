"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

import json

import streamlit as st

from questions.content import load_language

FOCUS = "#1f5f8b"
"""The focus ring's colour: the theme's primary colour, 6.8:1 on white, 6.1:1 on the sidebar."""

CAPTION = "#5a636c"
"""Small grey text: 6.1:1 on white and 5.5:1 on the sidebar's #eef3f7 (WCAG AA needs 4.5)."""

HIDDEN_FRAME_KEY = "a11y_page_script"
FOCUS_KEY = "_focus_after_rerun"
FOCUS_RING_CLASS = "kqp-focus-ring"
"""Drawn by the tab script on a control it moved the focus to (``ui.tab``)."""

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
/* The focus the app moved after an action (Remove, Add, "Ask first") shows a ring too. */
.{FOCUS_RING_CLASS} {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px; border-radius: 4px; }}

/* Back and Next: Next comes first in reading order (and first under a phone user's
   thumb), drawn on the right with Back on the left. */
[class*="st-key-nav_"] {{ flex-direction: row-reverse; justify-content: flex-start; }}
[class*="st-key-nav_"] > [class*="st-key-back_"] {{ margin-right: auto; }}

/* The step list names each step by its full heading: let a long one wrap, not cut off. */
[data-testid="stSidebarNavLink"] span {{ white-space: normal; overflow: visible; text-overflow: clip; }}

/* "Step N of M" on the left, "Save my answers" on the right, at the top of every step. */
.st-key-step_bar {{ justify-content: space-between; flex-wrap: wrap; }}

/* "Browse more": a long question on an add button reads from the left, like text. */
[class*="st-key-add_"] button {{ justify-content: flex-start; text-align: left; }}
[class*="st-key-add_"] button [data-testid="stMarkdownContainer"] p {{ text-align: left; }}

/* A text area's "Press Ctrl+Enter to apply" only stores the text (leaving the box does
   too): for an own question it reads as if it added it. The character count stays. */
[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:first-child {{ display: none; }}

/* The tab script (language, focus, the tab's copy of the answers) shows nothing. */
.st-key-{HIDDEN_FRAME_KEY} {{ display: none; }}

/* The main area is a Tab stop of its own (a scrollable region, and the skip link's target). */
[data-testid="stMain"]:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: -3px; }}

/* Text boxes, select boxes and the date field only change a 1px border colour when focused. */
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stDateInputField"]:focus-within,
[data-testid="stSelectbox"] [role="group"]:focus-within {{
  outline: 2px solid {FOCUS};
  outline-offset: 1px;
}}
</style>
"""


def focus_after_rerun(key: str) -> None:
    """Move the keyboard focus to widget ``key``, with a visible ring, once this rerun is drawn.

    Streamlit redraws a widget that moves on the page as a new one, and removes the one
    a patient just used (Remove, Add): the focus falls back to the page and a keyboard
    user loses their place. The tab script (``ui.tab``) moves it.
    """
    st.session_state[FOCUS_KEY] = key


def apply(language: str) -> None:
    """Fix contrast, focus rings and layout, and say Streamlit's own words in the patient's language.

    The page's language, each step opening at its heading and the focus after an action
    are set by the tab script (``ui.tab``).
    """
    st.html(CSS + streamlit_words_css(language))


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
