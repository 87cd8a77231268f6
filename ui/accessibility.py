"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

from typing import Any

import streamlit as st

from questions import colours, languages, limits
from questions.content import load_language
from ui.streamlit_internals import key_class, key_prefix_selector, key_selector, test_id

FOCUS = colours.PRIMARY
"""The focus ring's colour: the theme's primary colour (``questions.colours``)."""

CAPTION = colours.CAPTION
"""Small grey text, darker than Streamlit's own (``questions.colours``)."""

HIDDEN_FRAME_KEY = "a11y_page_script"
FOCUS_KEY = "_focus_after_rerun"
NAMES_KEY = "_control_names"
"""Accessible names given to controls this run (``name_control``), sent by the tab script."""
FRESH_NOTICE_KEY = "fresh_session"
"""The "Starting fresh" notice's box (``ui.frame.fresh_session_notice``)."""
TAB_CHECKED_KEY = "_tab_checked"
"""Set once the tab script has said whether it holds a copy of the answers (``ui.tab``)."""
FOCUS_RING_CLASS = "kqp-focus-ring"
"""Drawn by the tab script on a control it moved the focus to (``ui.tab``)."""

CSS = f"""
<style>
/* Streamlit draws captions in the text colour at 60% opacity: 4.2:1, below WCAG AA. */
{test_id("stCaptionContainer")} {{ opacity: 1; color: {CAPTION}; }}

/* Keyboard focus must be visible. Streamlit hides the real radio and checkbox inputs and
   shows no ring around their labels, and its sidebar step links show none at all. */
{test_id("stSidebarNavLink")}:focus-visible,
{test_id("stCheckbox")} label[data-focus-visible],
{test_id("stRadioOption")}[data-focus-visible] {{
  outline: 3px solid {FOCUS};
  outline-offset: 2px;
  border-radius: 4px;
}}
/* The focus the app moved after an action (Remove, Add, "Ask first") shows a ring too. */
.{FOCUS_RING_CLASS} {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px; border-radius: 4px; }}

/* Back and Next: Next comes first in reading order (and first under a phone user's
   thumb), drawn on the right with Back on the left. */
{key_prefix_selector("nav_")} {{ flex-direction: row-reverse; justify-content: flex-start; }}
{key_prefix_selector("nav_")} > {key_prefix_selector("back_")} {{ margin-right: auto; }}

/* The step list names each step by its full heading: let a long one wrap, not cut off
   (Streamlit draws each name on one line and cuts it with an ellipsis). */
{test_id("stSidebarNavLink")} {{ height: auto; min-height: 2.75rem; }}
{test_id("stSidebarNavLink")} span,
{test_id("stSidebarNavLink")} {test_id("stMarkdownContainer")},
{test_id("stSidebarNavLink")} {test_id("stMarkdownContainer")} p {{
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.3;
}}

/* Touch targets: every choice is at least 24px high (WCAG 2.2), 44px on a touch screen.
   Streamlit's check-box rows are 21px, Yes/No/Not sure 22px and the sidebar opener 28px. */
{test_id("stCheckbox")} label,
{test_id("stRadioOption")} {{ min-height: 28px; align-items: center; }}
{test_id("stExpandSidebarButton")} {{ min-height: 32px; min-width: 32px; }}
@media (pointer: coarse) {{
  {test_id("stCheckbox")} label,
  {test_id("stRadioOption")},
  {test_id("stExpander")} summary {{ min-height: 44px; align-items: center; }}
  {test_id("stExpandSidebarButton")} {{ min-height: 44px; min-width: 44px; }}
}}

/* The review step's cards on a narrow screen: less padding and space inside each card,
   so the list stays short (two dozen cards). */
@media (max-width: 640px) {{
  {key_prefix_selector("card_")} {{ padding: 0.6rem 0.75rem; gap: 0.5rem; }}
  {key_prefix_selector("controls_")} {{ gap: 0.5rem; row-gap: 0.4rem; }}
  {key_prefix_selector("controls_")} button {{ padding-left: 0.6rem; padding-right: 0.6rem; }}
}}

/* "Step N of M" on the left, "Save my answers" on the right, at the top of every step. */
{key_selector("step_bar")} {{ justify-content: space-between; flex-wrap: wrap; }}

/* "Browse more": a long question on an add button reads from the left, like text. */
{key_prefix_selector("add_")} button {{ justify-content: flex-start; text-align: left; }}
{key_prefix_selector("add_")} button {test_id("stMarkdownContainer")} p {{ text-align: left; }}

/* A text area's "Press Ctrl+Enter to apply" only stores the text (leaving the box does
   too): for an own question it reads as if it added it. The character count stays.
   display: none takes it out of what a screen reader reads too. */
{test_id("stTextArea")} {test_id("InputInstructions")} > span:first-child {{ display: none; }}

/* The tab script (language, focus, the tab's copy of the answers) shows nothing. */
{key_selector(HIDDEN_FRAME_KEY)} {{ display: none; }}

/* No scroll anchoring: when a card the patient just ticked moves to the top of the list,
   the browser would follow it there (thousands of pixels on a phone). The page stays put;
   the focus goes to the card now in its place (``ui.review``). */
{test_id("stMain")} {{ overflow-anchor: none; }}

/* The main area is a Tab stop of its own (a scrollable region, and the skip link's target). */
{test_id("stMain")}:focus-visible {{ outline: 3px solid {FOCUS}; outline-offset: -3px; }}

/* Text boxes and select boxes only change a 1px border colour when focused. */
{test_id("stTextInputRootElement")}:focus-within,
{test_id("stTextAreaRootElement")}:focus-within,
{test_id("stSelectbox")} [role="group"]:focus-within {{
  outline: 2px solid {FOCUS};
  outline-offset: 1px;
}}
</style>
"""

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

WORDS_JS = """
// Streamlit writes a few words itself, in English whatever the page's language: button
// names ("Open"), region names ("Sidebar"), the upload box ("Upload", "1MB per file"),
// the skip link. Put the patient's words in their place, in the page itself, so a screen
// reader reads only those (hiding text with CSS would leave the English in what it reads).
// Streamlit redraws its elements at will: a MutationObserver puts the words back in the
// same task, before the page is painted or read, looking only at what changed.
function kqpStreamlitWords(state, words) {
  const own = (map, key) => Object.prototype.hasOwnProperty.call(map, key);
  const label = (el) => {
    const said = el.getAttribute('aria-label');
    if (said === null) return;
    let local = own(state.words.labels, said) ? state.words.labels[said] : undefined;
    for (const [from, to] of state.words.prefixes) {
      if (local === undefined && said.startsWith(from) && !said.startsWith(to)) local = to + said.slice(from.length);
    }
    if (local !== undefined && local !== said) el.setAttribute('aria-label', local);
  };
  const text = (node) => {
    const said = node.nodeValue.trim();
    if (!own(state.words.texts, said)) return;
    const local = node.nodeValue.replace(said, state.words.texts[said]);
    if (local !== node.nodeValue) node.nodeValue = local;
  };
  const hide = (icon) => {
    if (icon.getAttribute('aria-hidden') !== 'true') icon.setAttribute('aria-hidden', 'true');
  };
  const inPlace = (node) => node.parentElement && node.parentElement.closest(state.words.places);
  const all = (root) => {  // an element and everything inside it
    const w = state.words;
    label(root);
    root.querySelectorAll('[aria-label]').forEach(label);
    for (const place of root.closest(w.places) ? [root] : root.querySelectorAll(w.places)) {
      const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) text(node);
    }
    if (root.matches(w.icons)) hide(root);
    root.querySelectorAll(w.icons).forEach(hide);
  };
  state.words = words;
  all(document.body);
  if (!state.wordsObserver) {
    state.wordsObserver = new MutationObserver((changes) => {
      if (state.applyNames) state.applyNames();
      for (const change of changes) {
        if (change.type === 'attributes') label(change.target);
        else if (change.type === 'characterData') { if (inPlace(change.target)) text(change.target); }
        else {
          for (const node of change.addedNodes) {
            if (node.nodeType === Node.ELEMENT_NODE) all(node);
            else if (node.nodeType === Node.TEXT_NODE && inPlace(node)) text(node);
          }
        }
      }
    });
    state.wordsObserver.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label'],
    });
  }
}

// The app's own names for controls whose visible words are short ("Remove" becomes
// "Remove: Will my insurance pay…"): by the control's key class, kept when Streamlit redraws.
function kqpNames(state, names) {
  state.names = names || {};
  state.applyNames = () => {
    for (const [cls, name] of Object.entries(state.names)) {
      for (const el of document.querySelectorAll('.' + cls + ' button, .' + cls + ' input')) {
        if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      }
    }
  };
  state.applyNames();
}
"""
"""Defines ``kqpStreamlitWords(state, words)``; the tab script (``ui.tab``) calls it with
``streamlit_words(language)`` on every run, and ``kqpNames(state, names)`` with
``control_names()``."""


def focus_after_rerun(key: str) -> None:
    """Move the keyboard focus to widget ``key``, with a visible ring, once this rerun is drawn.

    Streamlit redraws a widget that moves on the page as a new one, and removes the one
    a patient just used (Remove, Add): the focus falls back to the page and a keyboard
    user loses their place. The tab script (``ui.tab``) moves it.
    """
    st.session_state[FOCUS_KEY] = key


def focus_heading_after_rerun(text: str) -> None:
    """Move the keyboard focus to the heading that reads ``text``, once this rerun is drawn
    (after an edit that left no control in its place)."""
    st.session_state[FOCUS_KEY] = {"heading": text}


def name_control(key: str, name: str) -> None:
    """Give widget ``key`` the accessible name ``name`` (its visible words stay short).

    Streamlit names a control only by its label. "Remove" on 25 cards says nothing about
    which question; the tab script (``ui.tab``) sets ``aria-label`` from this, as data.
    """
    st.session_state.setdefault(NAMES_KEY, {})[key_class(key)] = name


def control_names() -> dict[str, str]:
    """The names given this run (taken once, by the tab script's mount)."""
    names: dict[str, str] = st.session_state.pop(NAMES_KEY, {})
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
