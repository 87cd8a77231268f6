"""Every colour in one place (``questions/colours.py``), readable on what it is drawn on."""

from __future__ import annotations

import re
import tomllib

import pytest
from helpers import PATIENT, ROOT, answers

from questions import colours
from questions.html_doc import build_html
from questions.listing import patient_list

HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    """WCAG 2 contrast ratio."""
    light, dark = sorted((_luminance(text), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula():  # guards the test below: black on white is 21:1, a colour on itself 1:1
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast(colours.TINT, colours.TINT) == pytest.approx(1)


@pytest.mark.parametrize(
    ("text", "background"),
    [(name, ground) for name in ("INK", "MUTED", "ACCENT") for ground in ("PAPER", "TINT")]
    + [(name, ground) for name in ("TEXT", "CAPTION", "PRIMARY") for ground in ("BACKGROUND", "SIDEBAR")]
    + [("BACKGROUND", "PRIMARY")],  # a primary button's words
)
def test_every_text_colour_reads_on_its_background(text, background):
    ratio = contrast(getattr(colours, text), getattr(colours, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_the_streamlit_theme_matches_the_colours():
    """config.toml cannot import them: the same values, checked here."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    theme = {key: value.upper() for key, value in config["theme"].items() if key in colours.THEME}
    assert theme == {key: value.upper() for key, value in colours.THEME.items()}


def test_no_other_python_file_writes_a_colour():
    sources = [
        *(ROOT / "questions").glob("*.py"),
        *(ROOT / "ui").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
    ]
    sources.append(ROOT / "app.py")
    found = {
        str(path.relative_to(ROOT)): HEX.findall(path.read_text(encoding="utf-8"))
        for path in sources
        if path.name != "colours.py"
    }
    assert len(sources) > 20
    assert {path: hexes for path, hexes in found.items() if hexes} == {}


def test_the_html_page_uses_only_the_documents_colours():
    html = build_html(patient_list(answers(**PATIENT)))
    used = {colour.upper() for colour in HEX.findall(html)}
    documents = {
        colours.INK,
        colours.ACCENT,
        colours.MUTED,
        colours.RULE,
        colours.HAIRLINE,
        colours.TINT,
        colours.PAPER,
    }
    assert used and used <= documents
