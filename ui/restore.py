"""Continue from a saved file: load it whole, or change nothing and say why."""

from __future__ import annotations

import streamlit as st

from questions.answers_file import AnswersFileError, parse_answers
from questions.listing import patient_list
from ui.session import answers, replace_answers, t

UPLOAD_KEY = "_upload_answers"
MESSAGE_KEY = "_restore_message"


def _on_upload() -> None:
    """Runs once per newly chosen file, before the page renders."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        return
    try:
        loaded = parse_answers(uploaded.getvalue())
    except AnswersFileError as problem:
        st.session_state[MESSAGE_KEY] = ("error", problem.code, problem.params)
        return
    replace_answers(loaded)
    st.session_state[MESSAGE_KEY] = ("success", "", {})


def forget_upload() -> None:
    """Start over: no "welcome back", and an empty upload box."""
    st.session_state.pop(MESSAGE_KEY, None)
    st.session_state.pop(UPLOAD_KEY, None)


def restore_from_upload() -> None:
    """The upload box and the outcome of the last file chosen, in the current language."""
    st.file_uploader(
        t("welcome.upload_label"),
        type=["json", "pdf"],
        key=UPLOAD_KEY,
        max_upload_size=1,
        on_change=_on_upload,
    )
    outcome = st.session_state.get(MESSAGE_KEY)
    if not outcome:
        return
    kind, code, params = outcome
    if kind == "error":
        reason = t(f"restore_errors.{code}", **params)
        st.error(t("welcome.restore_failed", problem=reason), icon=":material/error:")
        return
    st.success(t("welcome.restored"), icon=":material/check_circle:")
    for warning in patient_list(answers()).warnings():
        st.warning(warning, icon=":material/info:")
