"""Every colour a patient sees, in one place: the printed documents and the app's screens.

Hex strings, so each target uses them its own way: reportlab's ``HexColor``
(``questions/pdf_parts.py``), the HTML page's CSS (``questions/html_doc.py``), the app's
CSS (``ui/accessibility.py``). ``.streamlit/config.toml`` cannot import them: its
``[theme]`` is checked against ``THEME`` by ``tests/test_colours.py``, which also checks
every pair of text and background for contrast (WCAG AA: 4.5:1).
"""

from __future__ import annotations

# ---- the printed documents (PDF and HTML) ---------------------------------------------------

INK = "#1B1F23"
"""Every word on the page."""
ACCENT = "#1D5B73"
"""Headings, the rule under them, the app's name: the documents' one accent."""
MUTED = "#4A535C"
"""Reasons, labels and lead-ins."""
RULE = "#9EA8B1"
"""Lines to write on, and the borders of the HTML page's text boxes."""
HAIRLINE = "#C9D1D8"
"""Card borders, the footer's rule."""
TINT = "#EEF4F7"
"""The background of the visit details, cards and tips."""
PAPER = "#FFFFFF"

# ---- the app's screens (the Streamlit theme and the app's CSS) ------------------------------

PRIMARY = "#1F5F8B"
"""Buttons, links and the focus ring: 6.8:1 on white, 6.1:1 on the sidebar."""
BACKGROUND = "#FFFFFF"
SIDEBAR = "#EEF3F7"
"""The sidebar's (Streamlit's "secondary") background."""
TEXT = "#1B2631"
CAPTION = "#5A636C"
"""Small grey text: 6.1:1 on white and 5.5:1 on the sidebar (Streamlit's own grey fails)."""

THEME = {
    "primaryColor": PRIMARY,
    "backgroundColor": BACKGROUND,
    "secondaryBackgroundColor": SIDEBAR,
    "textColor": TEXT,
}
"""The ``[theme]`` colours of ``.streamlit/config.toml``, which must match these."""
