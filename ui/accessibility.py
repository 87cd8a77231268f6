"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

from typing import Any

import streamlit as st

from questions import colours, languages, limits
from questions.content import load_language
from ui import assets, state
from ui.streamlit_internals import key_class, test_id

FOCUS = colours.PRIMARY
"""The focus ring's colour: the theme's primary colour (``questions.colours``)."""

CAPTION = colours.CAPTION
"""Small grey text, darker than Streamlit's own (``questions.colours``)."""

FOCUS_RING_CLASS = "kqp-focus-ring"
"""Drawn by the tab script on a control it moved the focus to (``ui.tab``)."""

STYLES = assets.read("app.css")
"""The app's styles (``ui/static/app.css``): contrast, focus rings, touch sizes, layout."""

CSS = f"<style>\n:root {{ --kqp-focus: {FOCUS}; --kqp-caption: {CAPTION}; }}\n{STYLES}</style>"
"""What ``apply`` sends: the styles, with the colours they use as custom properties."""

WORD_PLACES = ", ".join(
    (
        f"{test_id('stFileUploaderDropzone')} button",  # "Upload"
        test_id("stFileUploaderDropzoneInstructions"),  # "1MB per file"
        test_id("InputInstructions"),  # "Press Enter to apply"
        test_id("stSkipToContent"),  # "Skip to main content"
        test_id("stStatusWidget"),  # "Stop" while a run is slow
    )
)
"""Where Streamlit writes its own words as text (never where patient text can be)."""

DECORATIVE_ICONS = f'{test_id("stMarkdownContainer")} [role="img"][aria-label$=" icon"]'
"""An icon in Markdown (``:material/call:``) is read as "call icon, call": in English
whatever the language, and always beside words that say the same. Hidden from screen readers."""

WORDS_JS = assets.read("words.js")
"""Defines ``kqpStreamlitWords(state, words)`` (``ui/static/words.js``); the tab script
(``ui.tab``) calls it with ``streamlit_words(language)`` on every run, and
``kqpNames(state, names)`` with ``control_names()``."""


def focus_after_rerun(key: str) -> None:
    """Move the keyboard focus to widget ``key``, with a visible ring, once this rerun is drawn.

    Streamlit redraws a widget that moves on the page as a new one, and removes the one
    a patient just used (Remove, Add): the focus falls back to the page and a keyboard
    user loses their place. The tab script (``ui.tab``) moves it.
    """
    st.session_state[state.FOCUS] = key


def focus_heading_after_rerun(text: str) -> None:
    """Move the keyboard focus to the heading that reads ``text``, once this rerun is drawn
    (after an edit that left no control in its place)."""
    st.session_state[state.FOCUS] = {"heading": text}


def name_control(key: str, name: str) -> None:
    """Give widget ``key`` the accessible name ``name`` (its visible words stay short).

    Streamlit names a control only by its label. "Remove" on 25 cards says nothing about
    which question; the tab script (``ui.tab``) sets ``aria-label`` from this, as data.
    """
    st.session_state.setdefault(state.CONTROL_NAMES, {})[key_class(key)] = name


def control_names() -> dict[str, str]:
    """The names given this run (taken once, by the tab script's mount)."""
    names: dict[str, str] = st.session_state.pop(state.CONTROL_NAMES, {})
    return names


def apply() -> None:
    """Fix contrast, focus rings and layout.

    The page's language, Streamlit's own words in the patient's language, each step
    opening at its heading and the focus after an action are set by the tab script
    (``ui.tab``, with ``WORDS_JS`` and ``streamlit_words``).
    """
    st.html(CSS)


def _streamlit_section(code: str, part: str) -> Any:
    return load_language(code).ui["streamlit"][part]


def _to_local(english: str, part: str, language: str) -> dict[str, str]:
    """Streamlit's English word, and the same word in every language, mapped to ``language``'s.

    Limits in the words (``{max_upload_mb}``) are filled as Streamlit fills them.
    """
    fill = limits.words()
    local = str(_streamlit_section(language, part)[english]).format(**fill)
    said = {english} | {str(_streamlit_section(code, part)[english]) for code in languages.codes()}
    return {word.format(**fill): local for word in said if word.format(**fill) != local}


def streamlit_words(language: str) -> dict[str, Any]:
    """What the tab script needs to say Streamlit's own words in ``language``.

    The keys of ``streamlit.texts`` and ``streamlit.labels`` in ``data/en/ui.yaml`` are
    Streamlit's English words exactly as it writes them (text, and ``aria-label``s). Each
    language maps them to its own. Words already in another language are mapped too, so
    switching back from Spanish to English puts Streamlit's English back.
    """
    english = load_language("en").ui["streamlit"]
    texts: dict[str, str] = {}
    labels: dict[str, str] = {}
    for word in english["texts"]:
        texts |= _to_local(str(word), "texts", language)
    for word in english["labels"]:
        labels |= _to_local(str(word), "labels", language)
    prefix = str(_streamlit_section(language, "help_prefix"))
    prefixes = sorted(
        {str(_streamlit_section(code, "help_prefix")) for code in languages.codes()} - {prefix},
        key=len,
        reverse=True,
    )
    return {
        "texts": texts,
        "labels": labels,
        "prefixes": [[said, prefix] for said in prefixes],
        "places": WORD_PLACES,
        "icons": DECORATIVE_ICONS,
    }
