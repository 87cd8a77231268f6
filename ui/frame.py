"""What every step shares: the crisis line, "Step N of M", the guide panel, Back and Next."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from questions import languages
from questions.clinic import after_hours_line, contact_line, fresh_answers, screen_markdown
from questions.content import active_clinic
from ui import media, state
from ui.session import answers, pack, t
from ui.steps import BY_SLUG, STEPS, neighbours
from ui.streamlit_internals import ensure_router


def clinic_lines(*, welcome: bool = False) -> None:
    """The clinic's name and phone, and its after-hours line (beside the 988 line, never
    instead of it). Words from a clinic file are shown as text, never as markup."""
    clinic = active_clinic()
    if clinic is None:
        return
    if welcome:
        st.info(
            screen_markdown(t("clinic.welcome", name=clinic.name, phone=clinic.phone)),
            icon=":material/local_hospital:",
        )
        if clinic.website:  # shown as text (plain), never as a link to follow
            st.caption(
                screen_markdown(
                    t("clinic.website", website=clinic.website.removeprefix("https://").rstrip("/"))
                )
            )
        return
    st.markdown(screen_markdown(contact_line(pack()) or ""))
    if after_hours := after_hours_line(pack()):
        st.caption(screen_markdown(after_hours))


def crisis_line() -> None:
    """The 988 line, at the top of every step so it is visible without opening the sidebar."""
    st.markdown(f":material/call: **{t('frame.crisis_short')}**")
    if after_hours := after_hours_line(pack()):  # a clinic's own line, beside 988, never instead
        st.caption(screen_markdown(after_hours))


def fresh_session_notice(slug: str) -> None:
    """Explain an empty step to a patient whose session did not begin at Welcome.

    That happens when the server restarted under an open tab (the page reconnects and
    its next click runs in a new, empty session) or a link opened a step directly.
    Answers are never stored, so they cannot come back by themselves; a saved file can.
    Shown on every step until the patient answers something or visits Welcome. Not
    before the tab script (``ui.tab``) has said it holds no copy of the answers: after a
    reload the copy comes back a moment later, and the notice would flash meanwhile.
    """
    if slug == "welcome":
        st.session_state[state.SEEN_WELCOME] = True
        return
    if (
        not st.session_state.get(state.SEEN_WELCOME)
        and st.session_state.get(state.TAB_CHECKED)
        and answers() == fresh_answers(answers().language)
    ):
        with st.container(border=True, key=state.FRESH_NOTICE):
            st.markdown(t("frame.fresh_session"))
            if st.button(
                t("frame.fresh_session_button"), icon=":material/upload_file:", key=state.FRESH_TO_WELCOME
            ):
                st.switch_page(STEPS[0].path)


def follow_navigation(slug: str) -> None:
    """Leave at once when this run was started by Back or Next.

    The buttons sit at the foot of the step, so without this the whole step would be
    drawn and sent once more before ``switch_page`` in ``step_nav`` moved on: a patient
    would wait for a page they are leaving. A pressed button's value is already in the
    session state when the run starts.
    """
    before, after = neighbours(slug)
    for target, key in ((after, state.NEXT(slug)), (before, state.BACK(slug))):
        if target and st.session_state.get(key):
            st.switch_page(target.path)


PRINT_SLUG = "print"


def step_header(slug: str) -> None:
    """The crisis line, where the patient is, and the step's heading.

    The heading is sent first and drawn under the rest (Streamlit draws a container's
    contents where the container was made): the browser shows a new step as soon as its
    heading arrives, so it is what a patient sees change first after Next.
    """
    ensure_router()
    follow_navigation(slug)
    top = st.container()
    st.header(t(f"{slug}.heading"), anchor=False)
    with top:
        crisis_line()
        fresh_session_notice(slug)
        number = [step.slug for step in STEPS].index(slug) + 1
        with st.container(horizontal=True, vertical_alignment="center", key=state.STEP_BAR):
            st.caption(t("frame.step_of", number=number, total=len(STEPS)))
            if slug != PRINT_SLUG:  # the print step saves among its downloads: one button per name
                save_button()
        st.progress(number / len(STEPS))
        saved_notice(state.SAVE_ANSWERS)


def _saved(key: str) -> None:
    """Which "Save my answers" button was pressed: its words say so once, beside it."""
    st.session_state[state.SAVED_WITH] = key


def answers_file_name() -> str:
    return f"{t('print.answers_file_name')}.json"


def saved_notice(key: str) -> None:
    """ "Saved to your device as ...", once, after the patient pressed the button ``key``.

    On the page, not in a tooltip (one covered the crisis line), and in words that agree
    with "nothing is stored on a server": the file is on the patient's own device.
    """
    if st.session_state.get(state.SAVED_WITH) == key:
        del st.session_state[state.SAVED_WITH]
        st.success(t("frame.saved", file=answers_file_name()), icon=":material/download_done:")


def save_button(
    label_key: str = "frame.save",
    *,
    key: str = state.SAVE_ANSWERS,
    kind: Literal["primary", "secondary", "tertiary"] = "tertiary",
) -> None:
    """The "Save my answers" button, in the same small place at the top of every step (phones too).

    The file is the patient's to keep: the only way answers outlive the tab. The print
    step shows the same button among its downloads. A press reruns the step once, to say
    on the page that it saved (``saved_notice``); no tooltip.
    """
    st.download_button(
        t(label_key),
        # The session's random part: a download's address cannot be guessed (ui.media).
        data=answers().to_json(copy_id=media.session_nonce()),
        file_name=answers_file_name(),
        mime="application/json",
        icon=":material/save:",
        type=kind,
        on_click=_saved,
        args=(key,),
        key=key,
    )


def guide_panel(slug: str) -> None:
    """The matching part of the patient guide, in plain words, folded away until wanted."""
    words = pack()
    sections = [words.guide[section_id] for section_id in BY_SLUG[slug].guide]
    with st.expander(t("frame.guide_heading"), icon=":material/menu_book:"):
        # One element for the whole text: every element is one more message and one more
        # redraw in the browser on every step.
        st.markdown("\n\n".join(f"**{section.title}**\n\n{section.body}" for section in sections))


def step_nav(slug: str) -> None:
    """Next, then Back: in reading order and under a phone user's thumb, Next comes first.

    CSS (``ui.accessibility``) draws them on one row, Back on the left and Next on the
    right. ``switch_page`` runs in the page body (it fails inside callbacks in AppTest).
    """
    before, after = neighbours(slug)
    with st.container(horizontal=True, vertical_alignment="center", key=state.NAV(slug)):
        if after and st.button(
            t("frame.next"), icon=":material/arrow_forward:", type="primary", key=state.NEXT(slug)
        ):
            st.switch_page(after.path)
        if before and st.button(t("frame.back"), icon=":material/arrow_back:", key=state.BACK(slug)):
            st.switch_page(before.path)


def step_footer(slug: str) -> None:
    """Navigation, then the guide, then the not-medical-advice line."""
    step_nav(slug)
    guide_panel(slug)
    st.caption(t("not_advice"))


def _set_language(key: str) -> None:
    answers().language = st.session_state[key]


def language_picker(where: str) -> None:
    """Choose the language; every answer is kept, only the words change."""
    codes = languages.codes()
    if len(codes) < 2:
        return
    key = state.BOUND(f"language_{where}")
    st.session_state[key] = answers().language
    st.radio(
        t("welcome.language_label") if where == "welcome" else t("sidebar.language"),
        codes,
        format_func=languages.native_name,
        key=key,
        on_change=_set_language,
        args=(key,),
        horizontal=True,
    )


def sidebar() -> None:
    """Language, privacy, the crisis line and the not-advice line, beside the step list."""
    with st.sidebar:
        language_picker("sidebar")
        st.markdown(f":material/call: **{t('crisis_line')}**")
        clinic_lines()
        st.caption(f"{t('sidebar.privacy')}\n\n{t('not_advice')}")  # one element: one redraw
