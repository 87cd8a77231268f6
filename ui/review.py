"""The review step's pieces: each question with its controls, own questions, browse more."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from questions import edits, limits
from questions.content import load_bank
from questions.document_files import document_warnings
from questions.engine import MAX_BANK_QUESTIONS, own_index
from questions.escape import streamlit_markdown
from questions.listing import ListItem, PatientList, item_for, patient_list
from questions.models import MAX_CUSTOM_CHARS
from questions.shorten import shorten
from ui import accessibility, state
from ui.session import answers, pack, t

MESSAGES = {
    # outcome: (words, where the message shows beside the control that caused it)
    "top_full": ("review.top_limit", "top"),
    "empty": ("review.own_empty", "own"),
    "too_long": ("review.own_too_long", "own"),
    "full": ("review.own_full", "own"),
    "duplicate": ("review.own_duplicate", "own"),
    "added_own": ("review.own_added", "own"),
    "list_full": ("review.list_full", "browse"),
    "added": ("review.added", "browse"),
    "removed": ("review.removed", "top"),
    "moved_later": ("review.moved_later", "top"),
    "moved_main": ("review.moved_main", "if_time"),
    "moved_first": ("review.moved_first", "top"),
    "moved_back": ("review.moved_back", "top"),
    "kept": ("review.kept", "top"),
    "removed_own": ("review.removed_own", "own"),
}
GOOD = {
    "removed_own",
    "added_own",
    "added",
    "removed",
    "moved_later",
    "moved_main",
    "moved_first",
    "moved_back",
}


def _top_key(question_id: str) -> str:
    """The "Ask first" box of a question: bound to the answers' top three."""
    return state.BOUND(f"top.{question_id}")


def _say(outcome: str, *, near: str | None = None, **values: object) -> None:
    """Remember what the last action did, to say once on the next run, beside its control.

    ``near``: a question's id, to show the words just above that question's card (where
    the patient is), instead of at the top of the section. Never a toast: it covered
    the questions at the top right.
    """
    if outcome in MESSAGES:
        words, where = MESSAGES[outcome]
        st.session_state[state.REVIEW_MESSAGE] = (
            outcome,
            f"card:{near}" if near else where,
            t(words, **limits.words(), **values),
        )


def _shown(plist: PatientList) -> tuple[list[ListItem], list[ListItem]]:
    """The cards as the step shows them: the main list (top three, topics, own), then
    "If there is time"."""
    main = [*plist.top, *(item for _, items in plist.by_topic for item in items), *plist.own]
    return main, list(plist.if_time)


class Place(NamedTuple):
    """Where a card stood before an edit: which part of the list, and how far down it."""

    card: ListItem | None
    later: bool
    position: int


def _place(question_id: str) -> Place:
    main, later = _shown(patient_list(answers()))
    for in_later, items in ((False, main), (True, later)):
        for index, item in enumerate(items):
            if item.id == question_id:
                return Place(item, in_later, index)
    return Place(None, False, 0)


def _land(place: Place, outcome: str, **values: object) -> None:
    """After an edit that took a card from its place: the words saying what happened, and the
    keyboard focus, on the card that now stands there (its first control); on the step's
    heading when that part of the list is empty.

    The page does not follow a card that moved (a tick on "Ask first" used to scroll a phone
    by thousands of pixels: the CSS turns the browser's scroll anchoring off). The patient
    stays where they were, and the words above the card now in its place say where the
    question went. The list is ordered anew after an edit, so the card "next" before it is
    not always next after it: the place counts, not the neighbour.
    """
    main, later = _shown(patient_list(answers()))
    items = later if place.later else main
    item = items[min(place.position, len(items) - 1)] if items else None
    _say(outcome, near=item.id if item else None, **values)
    if item is None:
        accessibility.focus_heading_after_rerun(t("review.heading"))
    elif place.later:
        accessibility.focus_after_rerun(state.MAIN(item.id))
    else:
        accessibility.focus_after_rerun(_top_key(item.id))


def _words_of(card: ListItem | None) -> str:
    return streamlit_markdown(shorten(card.text)) if card else ""


def _on_top(question_id: str, key: str) -> None:
    place = _place(question_id)
    wanted = bool(st.session_state[key])
    outcome = edits.toggle_top(answers(), question_id, wanted)
    if outcome != "ok":  # nothing moved: the words and the focus stay on this card
        _say(outcome, near=question_id)
        accessibility.focus_after_rerun(key)
        return
    _land(place, "moved_first" if wanted else "moved_back", question=_words_of(place.card))


def _on_remove(question_id: str) -> None:
    place = _place(question_id)
    outcome = edits.remove_question(answers(), question_id)
    if outcome == "ok":
        _land(place, "removed", question=_words_of(place.card))
    else:
        _say(outcome, near=question_id)


def _on_move_later(question_id: str) -> None:
    place = _place(question_id)
    outcome = edits.move_to_if_time(answers(), question_id)
    if outcome == "ok":
        _land(place, "moved_later", question=_words_of(place.card))
    else:
        _say(outcome, near=question_id)


def _on_move_main(question_id: str) -> None:
    place = _place(question_id)
    edits.move_to_main(answers(), question_id)
    _land(place, "moved_main", question=_words_of(place.card))


def _on_restore(question_id: str) -> None:
    edits.restore_question(answers(), question_id)
    accessibility.focus_after_rerun(_top_key(question_id))


def _on_add(question_id: str) -> None:
    bank = load_bank()
    more = set(patient_list(answers()).selection.more)
    topic = bank.by_id[question_id].topic
    shown = [q.id for q in bank.questions if q.topic == topic and q.id in more]
    outcome = edits.add_from_bank(answers(), question_id)
    _say("added" if outcome == "ok" else outcome)
    if outcome == "ok":
        # The added question's button goes away: the focus moves to the next one offered.
        index = shown.index(question_id)
        rest = shown[index + 1 :] or shown[:index][-1:]
        accessibility.focus_after_rerun(f"add_{rest[0]}" if rest else "_browse_topic")


def _on_remove_own(index: int, question_id: str) -> None:
    place = _place(question_id)
    edits.remove_custom(answers(), index)
    _land(place, "removed_own", question=_words_of(place.card))


def _keep_draft() -> None:
    st.session_state[state.OWN_DRAFT] = st.session_state.get(state.OWN_QUESTION, "")


def _on_add_own() -> None:
    text = st.session_state.get(state.OWN_QUESTION, "")
    outcome = edits.add_custom(answers(), text)
    if outcome == "ok":
        st.session_state[state.OWN_DRAFT] = ""
        _say("added_own")
    else:
        st.session_state[state.OWN_DRAFT] = text
        _say(outcome, count=len(text.strip()))


def show_message(where: str) -> None:
    """The last action's outcome, if it belongs here, beside its control (never a toast)."""
    message = st.session_state.get(state.REVIEW_MESSAGE)
    if not message or message[1] != where:
        return
    outcome, _, words = st.session_state.pop(state.REVIEW_MESSAGE)
    if outcome in GOOD:
        st.success(words, icon=":material/check_circle:")
    else:
        st.warning(words, icon=":material/info:")


def _named(key: str, label_key: str, item: ListItem) -> str:
    """The control's short visible words; its accessible name adds the question's own first
    words ("Remove: Will my insurance pay…"), which stay the same wherever the card moves."""
    label = t(label_key)
    accessibility.name_control(key, t("review.control_name", control=label, question=shorten(item.text)))
    return label


def question_card(item: ListItem, number: int, *, suggested_first: bool = False) -> None:
    """One question: its number, words and why, "Ask first", move, and remove.

    The number is the one the question prints with. The controls are named by the
    question's words, not by the number, which changes after every edit.
    """
    show_message(f"card:{item.id}")
    with st.container(border=True, key=state.CARD(item.id)):
        words = f"{number}\\. **{streamlit_markdown(item.text)}**"
        if suggested_first:
            words += f"  \n:material/auto_awesome: *{t('review.suggested_first')}*"
        if item.why:  # a size smaller than the question: the card stays short on a phone
            words += f"  \n:small[*{t('review.why_label')}:* {streamlit_markdown(item.why)}]"
        st.markdown(words)
        key = _top_key(item.id)
        st.session_state[key] = item.id in answers().top_questions
        kept = not item.custom and load_bank().by_id[item.id].keep
        with st.container(
            horizontal=True, vertical_alignment="center", gap="small", key=state.CONTROLS(item.id)
        ):
            st.checkbox(
                _named(key, "review.ask_first_label", item),
                key=key,
                on_change=_on_top,
                args=(item.id, key),
            )
            if kept:
                st.caption(t("review.kept"))
                return
            if not item.custom:
                st.button(
                    _named(state.LATER(item.id), "review.move_later", item),
                    key=state.LATER(item.id),
                    icon=":material/arrow_downward:",
                    on_click=_on_move_later,
                    args=(item.id,),
                )
            _remove_button(item)


def if_time_card(item: ListItem, number: int) -> None:
    """A question in "if there is time": its words, and move up or remove."""
    show_message(f"card:{item.id}")
    with st.container(border=True, key=state.CARD(item.id)):
        words = f"{number}\\. {streamlit_markdown(item.text)}"
        if item.why:  # a size smaller than the question: the card stays short on a phone
            words += f"  \n:small[*{t('review.why_label')}:* {streamlit_markdown(item.why)}]"
        st.markdown(words)
        with st.container(
            horizontal=True, vertical_alignment="center", gap="small", key=state.CONTROLS(item.id)
        ):
            st.button(
                _named(state.MAIN(item.id), "review.move_main", item),
                key=state.MAIN(item.id),
                icon=":material/arrow_upward:",
                on_click=_on_move_main,
                args=(item.id,),
            )
            _remove_button(item)


def _remove_button(item: ListItem) -> None:
    on_click: Callable[..., None]
    args: tuple[object, ...]
    key = state.REMOVE(item.id)
    if item.custom:
        on_click, args = _on_remove_own, (own_index(item.id), item.id)
        label, icon = _named(key, "review.own_remove", item), ":material/delete:"
    else:
        on_click, args = _on_remove, (item.id,)
        label, icon = _named(key, "review.remove", item), ":material/remove_circle:"
    st.button(label, key=key, icon=icon, on_click=on_click, args=args)


def top_section(plist: PatientList, numbers: dict[str, int]) -> None:
    st.subheader(t("review.ask_first_heading"), anchor=False)
    show_message("top")
    picks = len(answers().top_questions)
    if picks == 0:
        st.caption(t("review.ask_first_engine"))
    elif picks < len(plist.top):
        st.caption(t("review.ask_first_some"))
    picked = set(answers().top_questions)
    for item in plist.top:
        question_card(item, numbers[item.id], suggested_first=item.id not in picked)


def topic_sections(plist: PatientList, numbers: dict[str, int]) -> None:
    for label, items in plist.by_topic:
        st.subheader(label, anchor=False)
        for item in items:
            question_card(item, numbers[item.id])


def own_section(plist: PatientList, numbers: dict[str, int]) -> None:
    st.subheader(t("review.own_heading"), anchor=False)
    for item in plist.own:
        question_card(item, numbers[item.id])
    st.session_state[state.OWN_QUESTION] = st.session_state.get(state.OWN_DRAFT, "")
    st.text_area(
        t("review.own_label"),
        key=state.OWN_QUESTION,
        max_chars=MAX_CUSTOM_CHARS,
        help=t("review.own_help", **limits.words()),
        height=80,
        on_change=_keep_draft,
    )
    st.button(t("review.own_add"), icon=":material/add:", on_click=_on_add_own, key=state.ADD_OWN)
    show_message("own")


def if_time_section(plist: PatientList, numbers: dict[str, int]) -> None:
    """Folded until asked for: the main list is what a visit has time for."""
    if not plist.if_time:
        return
    title = t("review.if_time_fold", count=len(plist.if_time))
    with st.expander(title, icon=":material/schedule:", key=state.IF_TIME_FOLD):
        st.caption(t("review.if_time_intro"))
        show_message("if_time")
        for item in plist.if_time:
            if_time_card(item, numbers[item.id])


def removed_section(plist: PatientList) -> None:
    removed = plist.selection.removed
    if not removed:
        return
    with st.expander(t("review.removed_heading", count=len(removed))):
        for question_id in removed:
            item = item_for(question_id, pack())
            st.markdown(streamlit_markdown(item.text))
            st.button(
                t("review.restore"),
                key=state.RESTORE(question_id),
                icon=":material/undo:",
                on_click=_on_restore,
                args=(question_id,),
            )


def browse_section(plist: PatientList) -> None:
    """The rest of the bank, folded until asked for, then one topic at a time (showing all
    of it at once is slow and long)."""
    with st.expander(t("review.browse_heading"), icon=":material/library_add:", key=state.BROWSE_FOLD):
        st.caption(t("review.browse_intro"))
        words = pack()
        by_topic = plist.more_by_topic()
        topic = st.selectbox(
            t("review.browse_topic"),
            list(by_topic),
            index=None,
            format_func=lambda topic: f"{words.labels.topics[topic]} ({len(by_topic[topic])})",
            placeholder=t("review.browse_prompt"),
            key=state.BROWSE_TOPIC,
            filter_mode=None,  # a list to tap, not a box to type in: no keyboard over it on a phone
        )
        if len(plist.selection.bank_ids) >= MAX_BANK_QUESTIONS:
            st.info(t("review.list_full", **limits.words()), icon=":material/info:")
        show_message("browse")
        for question_id in by_topic.get(topic, []) if topic else []:
            st.button(
                streamlit_markdown(words.questions[question_id].text),
                key=state.ADD(question_id),
                icon=":material/add:",
                on_click=_on_add,
                args=(question_id,),
            )


def render() -> None:
    """The whole review step body."""
    plist = patient_list(answers())
    for warning in plist.warnings(streamlit_markdown):
        st.warning(warning, icon=":material/info:")
    for warning in document_warnings(plist, ".pdf"):  # it quotes characters the patient typed
        st.warning(streamlit_markdown(warning), icon=":material/print_disabled:")
    st.markdown(
        t("review.count", main=t("review.main_count", count=len(plist.main)), later=len(plist.if_time))
    )
    numbers = {item.id: number for number, item in enumerate(plist.items, start=1)}
    top_section(plist, numbers)
    topic_sections(plist, numbers)
    if_time_section(plist, numbers)
    own_section(plist, numbers)
    removed_section(plist)
    browse_section(plist)
    st.session_state.pop(state.REVIEW_MESSAGE, None)  # its place was not drawn this time: say nothing late
