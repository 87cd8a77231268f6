"""Continue from a saved file: load it whole, or change nothing and say why."""

from __future__ import annotations

import streamlit as st

from questions import limits
from questions.answers_file import AnswersFileError, parse_answers, read_limited
from questions.escape import streamlit_markdown
from questions.listing import patient_list
from questions.progress import first_unanswered
from ui import accessibility, state
from ui.session import answers, replace_answers, t
from ui.steps import BY_SLUG, STEPS


def upload_key() -> str:
    """The upload box's key this round: a new key gives an empty box (no old file chips)."""
    round_ = st.session_state.get(state.UPLOAD_ROUND, 0)
    return state.UPLOAD("" if not round_ else f"_{round_}")


def _empty_the_box() -> None:
    st.session_state.pop(upload_key(), None)
    st.session_state[state.UPLOAD_ROUND] = st.session_state.get(state.UPLOAD_ROUND, 0) + 1


def _on_upload(key: str) -> None:
    """Runs once per newly chosen file, before the page renders."""
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    data = read_limited(uploaded)
    try:
        loaded = parse_answers(data)
    except AnswersFileError as problem:
        st.session_state[state.RESTORE_MESSAGE] = ("error", problem.code, problem.params)
        return
    replace_answers(loaded)
    # The finished PDF is made on the print step: that is where its patient was.
    st.session_state[state.RESTORE_MESSAGE] = ("success", "pdf" if data.startswith(b"%PDF") else "", {})
    _empty_the_box()
    accessibility.focus_after_rerun(state.RESTORE_CONTINUE)


def refused_by_browser(reason: str) -> None:
    """The browser refused a file before sending it (too large): say so, empty the box.

    Streamlit marks such a file with only a small red icon and its server never hears of
    it; the tab script (``ui.tab``) reports it so the patient gets words, not an icon.
    """
    code = "too_large_upload" if reason == "size" else "wrong_kind"
    st.session_state[state.RESTORE_MESSAGE] = ("error", code, {})
    _empty_the_box()


def forget_upload() -> None:
    """Start over: no "welcome back", and an empty upload box."""
    st.session_state.pop(state.RESTORE_MESSAGE, None)
    _empty_the_box()


def restore_from_upload() -> None:
    """The upload box and the outcome of the last file chosen, in the current language."""
    key = upload_key()
    # No file-type filter: Streamlit would refuse a wrong file with only a red icon. Any
    # file reaches the reader, which names what is wrong with it in words.
    st.file_uploader(
        t("welcome.upload_label"),
        key=key,
        max_upload_size=limits.UPLOAD_LIMIT_MB,
        on_change=_on_upload,
        args=(key,),
    )
    outcome = st.session_state.get(state.RESTORE_MESSAGE)
    if not outcome:
        return
    kind, code, params = outcome
    if kind == "error":
        # Values from the file (a key's name ...) are shown literally, never as Markdown.
        values = {k: streamlit_markdown(str(v)) for k, v in params.items()}
        reason = t(f"restore_errors.{code}", **limits.words(), **values)
        st.error(t("welcome.restore_failed", problem=reason), icon=":material/error:")
        return
    st.success(t("welcome.restored"), icon=":material/check_circle:")
    for warning in patient_list(answers()).warnings(streamlit_markdown):
        st.warning(warning, icon=":material/info:")
    slugs = [step.slug for step in STEPS]
    target = BY_SLUG["print" if code == "pdf" else first_unanswered(answers(), slugs) or "review"]
    if st.button(
        t("welcome.continue_where"),
        type="primary",
        icon=":material/arrow_forward:",
        key=state.RESTORE_CONTINUE,
    ):
        st.session_state.pop(state.RESTORE_MESSAGE, None)
        st.switch_page(target.path)
    st.caption(t("welcome.continue_opens", step=t(f"{target.slug}.heading")))
