"""Widgets bound to a field of the answers model.

Streamlit forgets a widget's value once its page is not shown, so an answer typed on one
step would be gone after visiting another (TECH-NOTES.md). Each widget here is keyed
``_w_<field>``: before it renders, its value is copied from the model; when the patient
changes it, an ``on_change`` callback copies it back. The model is the only truth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from ui.session import answers

WIDGET_PREFIX = "_w_"


def widget_key(path: str) -> str:
    return f"{WIDGET_PREFIX}{path}"


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


def checkbox_group(path: str, options: Sequence[str], labels: Mapping[str, str]) -> None:
    """One checkbox per vocabulary id; the list field holds the ticked ids in vocabulary order."""
    chosen = set(get_field(path))
    for option in options:
        key = _prime(f"{path}.{option}", option in chosen)
        st.checkbox(labels[option], key=key, on_change=_toggle, args=(path, option, options, key))


def _copy(path: str, key: str) -> None:
    set_field(path, st.session_state[key])


def choice(path: str, label: str, options: Sequence[str], labels: Mapping[str, str]) -> None:
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
    )


def text(path: str, label: str, *, max_chars: int, help: str | None = None, area: bool = False) -> None:
    """A text box; what the patient types is kept in the model as they leave the box."""
    key = _prime(path, get_field(path))
    widget = st.text_area if area else st.text_input
    widget(label, key=key, max_chars=max_chars, help=help, on_change=_copy, args=(path, key))


def _copy_date(path: str, key: str) -> None:
    value = st.session_state[key]
    set_field(path, value.isoformat() if value else "")


def date(path: str, label: str, date_format: str) -> None:
    """A date picker over an ISO date string field ("" when not given).

    ``date_format`` is the order the patient's language writes dates in (MM/DD/YYYY in
    U.S. English, DD/MM/YYYY in Spanish); the saved file always holds YYYY-MM-DD.
    """
    stored = get_field(path)
    key = _prime(path, dt.date.fromisoformat(stored) if stored else None)
    st.date_input(label, key=key, format=date_format, on_change=_copy_date, args=(path, key))


def flag(path: str, label: str, *, help: str | None = None) -> None:
    """A yes/no switch over a boolean field."""
    key = _prime(path, get_field(path))
    st.toggle(label, key=key, help=help, on_change=_copy, args=(path, key))
