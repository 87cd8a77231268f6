"""Fixes for what Streamlit's own markup gets wrong for assistive technology."""

from __future__ import annotations

import json

import streamlit as st

HTML_LANG = {"en": "en", "es": "es"}


def apply(language: str) -> None:
    """Tell screen readers the page's language (Streamlit fixes ``<html lang>`` to ``en``)."""
    lang = json.dumps(HTML_LANG.get(language, "en"))
    st.html(
        f"<script>document.documentElement.lang = {lang};</script>",
        unsafe_allow_javascript=True,
    )
