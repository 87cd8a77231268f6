"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

import json

import streamlit.components.v1 as components

HTML_LANG = {"en": "en", "es": "es"}


def apply(language: str) -> None:
    """Tell screen readers the page's language (Streamlit fixes ``<html lang>`` to ``en``).

    Only needed when it is not English. A zero-height component sets it on the parent
    page (same origin); ``st.html`` with scripts would do it too, but its extra rerun
    swallows a button press in AppTest.
    """
    lang = HTML_LANG.get(language, "en")
    if lang == "en":
        return
    components.html(
        f"<script>window.parent.document.documentElement.lang = {json.dumps(lang)};</script>",
        height=0,
    )
