"""Continue from a saved file: load it whole, or change nothing and say why."""

from __future__ import annotations

import streamlit as st

from questions.answers_file import AnswersFileError, parse_answers
from questions.listing import patient_list
from ui.session import replace_answers, t

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
        reason = t(f"restore_errors.{problem.code}", **problem.params)
        st.session_state[MESSAGE_KEY] = ("error", [t("welcome.restore_failed", problem=reason)])
        return
    replace_answers(loaded)
    notes = [t("welcome.restored"), *patient_list(loaded).warnings()]
    st.session_state[MESSAGE_KEY] = ("success", notes)


def restore_from_upload() -> None:
    """The upload box and the outcome of the last file chosen."""
    st.file_uploader(
        t("welcome.upload_label"),
        type=["json"],
        key=UPLOAD_KEY,
        max_upload_size=1,
        on_change=_on_upload,
    )
    outcome = st.session_state.get(MESSAGE_KEY)
    if outcome:
        kind, lines = outcome
        if kind == "error":
            st.error(lines[0], icon=":material/error:")
        else:
            st.success(lines[0], icon=":material/check_circle:")
            for line in lines[1:]:
                st.warning(line, icon=":material/info:")
