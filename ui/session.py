"""The one answers model in the session, and the words of its language.

Every page reads from and writes to the answers model (``state.ANSWERS``) only. Widget
values are copies (see ``ui.widgets``): Streamlit deletes a widget's state when its page is
not shown, so the model, not the widget, holds the truth. The session keeps other keys
too (messages to say once, the tab script's bookkeeping): ``ui.state`` lists them all.
"""

from __future__ import annotations

import streamlit as st

from questions import languages
from questions.clinic import fresh_answers
from questions.content import SOURCE_LANGUAGE, LanguagePack, load_language
from questions.models import Answers
from ui import state


def browser_language(locale: str | None) -> str | None:
    """The app's language for the browser's ``locale`` (``"es-US"`` gives ``"es"``), or None.

    None also for English: ``en-US`` is what most devices say whatever their owner reads,
    so it does not overrule a clinic that chose Spanish for its patients.
    """
    code = (locale or "").replace("_", "-").split("-")[0].strip().lower()
    return code if code in languages.codes() and code != SOURCE_LANGUAGE else None


def _locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser behind this run (AppTest, a bare script): no preference
        return None


def fresh() -> Answers:
    """What a new session starts with: nothing answered, in the browser's language when the
    app speaks it (else the clinic's default, else English)."""
    return fresh_answers(browser_language(_locale()))


def answers() -> Answers:
    """This patient's answers, created empty on the first visit to any page."""
    if state.ANSWERS not in st.session_state:
        st.session_state[state.ANSWERS] = fresh()
    current: Answers = st.session_state[state.ANSWERS]
    return current


def replace_answers(new: Answers) -> None:
    """Swap in a whole new model (a loaded file, or starting over)."""
    st.session_state[state.ANSWERS] = new
    for key in [key for key in st.session_state if state.BOUND.holds(str(key))]:
        del st.session_state[key]


def pack() -> LanguagePack:
    """The words of the patient's chosen language, from a helper's side on a list for
    someone I help."""
    current = answers()
    return load_language(current.language, current.for_whom)


def t(key: str, **values: object) -> str:
    """A UI string in the patient's language."""
    return pack().text(key, **values)
