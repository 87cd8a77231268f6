"""Print and save: the options, the downloads, saving answers, and starting over."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from questions.clinic import fresh_answers
from questions.document_files import FORMATS, MEDIA_TYPES, document_warnings, file_name, stamp
from questions.escape import streamlit_markdown
from questions.listing import patient_list
from questions.models import Answers
from questions.pdf import page_count
from questions.vocab import PAPERS
from ui import frame, media, state, widgets
from ui.restore import forget_upload
from ui.session import answers, replace_answers, t


def document_bytes(snapshot: Answers, suffix: str, nonce: str = "") -> bytes:
    """Build one document from the answers, with this session's random part inside (``ui.media``)."""
    return stamp(FORMATS[suffix](patient_list(snapshot)), suffix, nonce)


def current_document(suffix: str) -> bytes:
    """This patient's document, built once for each version of their answers and options.

    Kept in the session (never in a shared cache: it is health information), so a rerun
    that changes nothing builds nothing. Not a deferred download (``data=callable``):
    Streamlit 1.67 stores a deferred file unowned by any session, and on a busy server its
    clean-up could delete it before the browser fetched it (seen in ``bench/load.py``).
    """
    version = answers().model_dump_json()
    built: dict[str, tuple[str, bytes]] = st.session_state.setdefault(state.DOCUMENTS, {})
    if suffix not in built or built[suffix][0] != version:
        built[suffix] = (version, document_bytes(answers(), suffix, media.session_nonce()))
    return built[suffix][1]


def options() -> None:
    widgets.choice(
        "output.paper",
        t("print.paper_label"),
        PAPERS,
        {paper: t(f"print.paper_{paper}") for paper in PAPERS},
    )
    widgets.flag("output.large_print", t("print.large_print"))
    widgets.flag("output.include_reasons", t("print.include_reasons"))
    widgets.flag("output.answer_space", t("print.answer_space"))
    widgets.flag("output.include_summary", t("print.include_summary"), help=t("print.summary_help"))


def pdf_pages(pdf: bytes) -> int | None:
    """How many pages this PDF has, counted once per built PDF (kept in the session only);
    None if it cannot be counted (then the step simply does not say)."""
    counted = st.session_state.get(state.PDF_PAGES)
    if counted is None or counted[0] is not pdf:
        try:
            counted = (pdf, page_count(pdf))
        except Exception:  # a count is a courtesy: never let it take the download with it
            counted = (pdf, None)
        st.session_state[state.PDF_PAGES] = counted
    return counted[1]


ButtonKind = Literal["primary", "secondary", "tertiary"]
DOWNLOADS: tuple[tuple[str, str, str, ButtonKind], ...] = (
    (".pdf", "print.pdf", ":material/picture_as_pdf:", "primary"),
    (".html", "print.html", ":material/accessibility_new:", "secondary"),
    (".txt", "print.text", ":material/description:", "secondary"),
)


def built_or_none(suffix: str) -> bytes | None:
    """This patient's document, or None when it cannot be made (the patient is told).

    Each download stands alone: one format failing never takes the others, "Save my
    answers" or "Start over" with it. Nothing about the failure is shown or logged
    beyond a plain sentence: the answers are health information.
    """
    try:
        return current_document(suffix)
    except Exception:  # whatever went wrong: say so plainly, keep the page working
        document = t(f"print.documents.{suffix[1:]}")
        st.error(t("print.build_failed", document=document), icon=":material/error:")
        return None


def downloads() -> None:
    st.subheader(t("print.downloads_heading"), anchor=False)
    plist = patient_list(answers())
    for warning in document_warnings(plist, ".pdf"):  # it quotes characters the patient typed
        st.warning(streamlit_markdown(warning), icon=":material/print_disabled:")
    for suffix, label_key, icon, kind in DOWNLOADS:
        data = built_or_none(suffix)
        if data is None:
            continue
        if suffix == ".pdf":
            pages = pdf_pages(data)
            if pages:
                st.caption(t("print.pdf_pages", count=pages))
        st.download_button(
            t(label_key),
            data=data,
            file_name=file_name(plist, suffix),
            mime=MEDIA_TYPES[suffix],
            icon=icon,
            type=kind,
            on_click="ignore",
            key=state.DOWNLOAD(suffix.removeprefix(".")),
        )
        if suffix == ".pdf":
            st.caption(t("print.pdf_holds_answers"))
    media.remember_files()


def save() -> None:
    st.subheader(t("print.save_heading"), anchor=False)
    st.caption(t("print.save_help"))
    frame.save_button("print.save", key=state.DOWNLOAD_ANSWERS, kind="secondary")
    frame.saved_notice(state.DOWNLOAD_ANSWERS)
    media.remember_files()


def _start_over() -> None:
    st.session_state[state.CONFIRM_START_OVER] = True


def _clear() -> None:
    language = answers().language
    replace_answers(fresh_answers(language))
    forget_upload()
    st.session_state.pop(state.OWN_DRAFT, None)
    st.session_state[state.CONFIRM_START_OVER] = False
    st.session_state[state.CLEARED] = True


def _keep() -> None:
    st.session_state[state.CONFIRM_START_OVER] = False


def start_over() -> None:
    st.subheader(t("print.start_over_heading"), anchor=False)
    if st.session_state.pop(state.CLEARED, False):
        st.success(t("print.cleared"), icon=":material/check_circle:")
    if st.session_state.get(state.CONFIRM_START_OVER):
        st.warning(t("print.start_over_confirm"), icon=":material/warning:")
        yes, no = st.columns(2)
        yes.button(t("print.start_over_yes"), on_click=_clear, key=state.START_OVER_YES)
        no.button(t("print.start_over_no"), on_click=_keep, type="primary", key=state.START_OVER_NO)
    else:
        st.button(
            t("print.start_over"), icon=":material/restart_alt:", on_click=_start_over, key=state.START_OVER
        )
