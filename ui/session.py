"""The one answers model in the session, and the words of its language.

Every page reads from and writes to ``st.session_state["answers"]`` only. Widget values
are copies (see ``ui.widgets``): Streamlit deletes a widget's state when its page is not
shown, so the model, not the widget, holds the truth.
"""

from __future__ import annotations

import streamlit as st

from questions.clinic import fresh_answers
from questions.content import LanguagePack, load_language
from questions.models import Answers

ANSWERS_KEY = "answers"


def answers() -> Answers:
    """This patient's answers, created empty on the first visit to any page."""
    if ANSWERS_KEY not in st.session_state:
        st.session_state[ANSWERS_KEY] = fresh_answers()
    return st.session_state[ANSWERS_KEY]


def replace_answers(new: Answers) -> None:
    """Swap in a whole new model (a loaded file, or starting over)."""
    st.session_state[ANSWERS_KEY] = new
    for key in [key for key in st.session_state if str(key).startswith("_w_")]:
        del st.session_state[key]


def pack() -> LanguagePack:
    """The words of the patient's chosen language, from a helper's side on a list for
    someone I help."""
    current = answers()
    return load_language(current.language, current.for_whom)


def t(key: str, **values: object) -> str:
    """A UI string in the patient's language."""
    return pack().text(key, **values)
