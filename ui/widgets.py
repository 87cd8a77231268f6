"""Widgets bound to a field of the answers model.

Streamlit forgets a widget's value once its page is not shown, so an answer typed on one
step would be gone after visiting another (TECH-NOTES.md). Each widget here is keyed
``state.BOUND(<field>)``: before it renders, its value is copied from the model; when the patient
changes it, an ``on_change`` callback copies it back. The model is the only truth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from questions import languages
from ui import state
from ui.session import answers, pack


def widget_key(path: str) -> str:
    """The key of the widget bound to field ``path`` (``state.BOUND``)."""
    return state.BOUND(path)


def get_field(path: str) -> Any:
    """Read ``visit.stage`` style paths from the answers model."""
    node: Any = answers()
    for part in path.split("."):
        node = getattr(node, part)
    return node


def set_field(path: str, value: Any) -> None:
    """Write a dotted path on the answers model (validated on assignment)."""
    *parents, last = path.split(".")
    node: Any = answers()
    for part in parents:
        node = getattr(node, part)
    setattr(node, last, value)


def _prime(path: str, value: Any) -> str:
    key = widget_key(path)
    st.session_state[key] = value
    return key


def _toggle(path: str, option: str, options: Sequence[str], key: str) -> None:
    chosen = set(get_field(path))
    if st.session_state[key]:
        chosen.add(option)
    else:
        chosen.discard(option)
    set_field(path, [item for item in options if item in chosen])


def checkbox_group(
    path: str, options: Sequence[str], labels: Mapping[str, str], *, shown: Sequence[str] | None = None
) -> None:
    """One checkbox per vocabulary id; the list field holds the ticked ids in vocabulary order.

    ``shown`` draws only some of the ids (a step that groups its boxes under headings calls
    this once per group); ``options`` stays the whole vocabulary, so ticking a box in one
    group keeps the ids ticked in the others, in vocabulary order.
    """
    chosen = set(get_field(path))
    for option in options if shown is None else shown:
        key = _prime(f"{path}.{option}", option in chosen)
        st.checkbox(labels[option], key=key, on_change=_toggle, args=(path, option, options, key))


def _copy(path: str, key: str) -> None:
    set_field(path, st.session_state[key])


def choice(
    path: str, label: str, options: Sequence[str], labels: Mapping[str, str], *, help: str | None = None
) -> None:
    """A radio group that may stay unanswered (None)."""
    key = _prime(path, get_field(path))
    st.radio(
        label,
        options,
        index=None,
        format_func=lambda option: labels[option],
        key=key,
        on_change=_copy,
        args=(path, key),
        horizontal=True,
        help=help,
    )


def text(path: str, label: str, *, max_chars: int, help: str | None = None, area: bool = False) -> None:
    """A text box; what the patient types is kept in the model as they leave the box."""
    key = _prime(path, get_field(path))
    widget = st.text_area if area else st.text_input
    widget(label, key=key, max_chars=max_chars, help=help, on_change=_copy, args=(path, key))


DATE_PARTS = ("month", "day", "year")


def _date_parts_key(path: str) -> str:
    return widget_key(f"{path}.parts")


def _date_parts(path: str) -> dict[str, int | None]:
    """The month, day and year chosen so far: the model's date, or an unfinished choice."""
    kept: dict[str, int | None] | None = st.session_state.get(_date_parts_key(path))
    if kept is not None:
        return kept
    stored = get_field(path)
    if not stored:
        return dict.fromkeys(DATE_PARTS)
    day = dt.date.fromisoformat(stored)
    return {"month": day.month, "day": day.day, "year": day.year}


def _copy_date_part(path: str, part: str, key: str) -> None:
    """Keep every part the patient chose; the model gets a date once all three make one."""
    parts = dict(_date_parts(path))
    parts[part] = st.session_state[key]
    st.session_state[_date_parts_key(path)] = parts
    try:
        chosen = dt.date(parts["year"], parts["month"], parts["day"])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        set_field(path, "")
    else:
        set_field(path, chosen.isoformat())


def date(path: str, label: str) -> None:
    """A date as three choices: the month in words, the day, the year.

    Typed numbers are easy to misread (12/09 is December 9 in the U.S. and September 12
    in much of the Spanish-speaking world), and Streamlit's calendar speaks English and
    opens a phone's keyboard (its box is typeable). Here
    the month is a word in the patient's language, the parts come in their language's
    order, each is a list to tap that cannot be typed in (no keyboard covers it), and the
    saved file always holds YYYY-MM-DD ("" until all three are chosen).
    """
    words = pack()
    language = answers().language
    months = languages.month_names(language)
    parts = _date_parts(path)
    this_year = dt.date.today().year
    years = sorted({*range(this_year - 1, this_year + 3), *([parts["year"]] if parts["year"] else [])})
    options = {"month": list(range(1, 13)), "day": list(range(1, 32)), "year": years}
    shown: dict[str, Callable[[int], str]] = {
        "month": lambda month: months[month - 1],
        "day": str,
        "year": str,
    }
    order = {"m": "month", "d": "day", "y": "year"}
    st.markdown(f"**{label}**")
    columns = st.columns([3, 2, 2])
    for column, letter in zip(columns, languages.date_order(language), strict=True):
        part = order[letter]
        key = _prime(f"{path}.{part}", parts[part])
        column.selectbox(
            words.text(f"visit.date_{part}"),
            options[part],
            index=None,
            format_func=shown[part],
            placeholder=words.text("visit.date_pick"),
            key=key,
            filter_mode=None,  # a list to tap, not a box to type in: no keyboard over it on a phone
            on_change=_copy_date_part,
            args=(path, part, key),
        )
    if get_field(path):
        chosen = dt.date.fromisoformat(get_field(path))
        written = languages.long_date(chosen, language)
        st.caption(words.text("visit.date_shown", date=written))
    elif all(parts.values()):
        month = parts["month"] or 1  # all() above: every part is chosen
        st.warning(
            words.text(
                "visit.date_no_such_day",
                month=languages.month_names(language, in_sentence=True)[month - 1],
                day=parts["day"],
                year=parts["year"],
            ),
            icon=":material/event_busy:",
        )
    elif any(parts.values()):
        st.caption(words.text("visit.date_unfinished"))


def flag(path: str, label: str, *, help: str | None = None) -> None:
    """A yes/no switch over a boolean field."""
    key = _prime(path, get_field(path))
    st.toggle(label, key=key, help=help, on_change=_copy, args=(path, key))
