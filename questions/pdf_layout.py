"""The PDF's sizes and styles, and what every section of it shares: a ``Layout``.

A ``Layout`` is one document on one page size: the format-neutral document
(``questions.document``), the print size's measurements (``Look``), the paragraph styles,
the body's width and height, and the root of the structure tree a screen reader reads
(``questions.pdf_tags``): each section adds its elements under it as it adds its flowables. The section modules (``pdf_page_one``, ``pdf_list``,
``pdf_cards``, ``pdf_closing``) turn the document's blocks into flowables with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from questions.document import Document
from questions.escape import reportlab as escape  # the one reportlab escaper (questions/escape.py)
from questions.fonts import BOLD, REGULAR, printable, register_fonts
from questions.pdf_parts import ACCENT, HAIRLINE, INK, MUTED, TINT, AccentBar, KeepWhole, Para
from questions.pdf_tags import Node, table_decor

PAGE_SIZES = {"letter": letter, "a4": A4}

EMBEDDED_FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)
"""Every table's first style command: a table sets its cells' font even when they hold
paragraphs, and reportlab's default is Helvetica, which is not embedded (PDF/UA 7.21.4.1)."""


@dataclass(frozen=True)
class Look:
    """Every size on the page, for one print size; large print scales all of them."""

    body: float
    leading: float
    small: float
    """Reasons, labels and lead-ins: smaller in normal print, 18 pt in large print."""
    small_leading: float
    title: float
    heading: float
    footer: float
    """Page furniture (header, footer): may be smaller than what the patient reads, but
    at least 14 pt in large print (issue #25: the 988 line and "Page X of Y" are read too)."""
    box: float
    gutter: float
    line_gap: float
    answer_lines: int
    margin: float
    space: float


NORMAL = Look(
    body=11,
    leading=14.5,
    small=9.5,
    small_leading=12.5,
    title=20,
    heading=13.5,
    footer=8.5,
    box=10.5,
    gutter=22,
    line_gap=20,
    answer_lines=2,
    margin=0.75 * inch,
    space=6,
)
LARGE = Look(
    body=18,
    leading=22,
    small=18,
    small_leading=22,
    title=22,
    heading=20,
    footer=14,
    box=17,
    gutter=32,
    line_gap=27,
    answer_lines=2,
    margin=0.55 * inch,
    space=7,
)


def look_of(document: Document) -> Look:
    return LARGE if document.large_print else NORMAL


def number_width(look: Look) -> float:
    """Room for a question's number ("25.") before its text."""
    return stringWidth("00.", BOLD, look.body) + look.body * 0.4


@cache
def styles(look: Look) -> dict[str, ParagraphStyle]:
    """Paragraph styles for one print size (built once per process)."""
    family = register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=family,
        fontSize=look.body,
        leading=look.leading,
        textColor=INK,
        # Never split a word across lines (large print above all); only a word wider
        # than the whole line is broken, so it cannot run off the page.
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        wordWrap=None,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    small = {"fontSize": look.small, "leading": look.small_leading}
    return {
        "title": style(
            "title",
            fontName=BOLD,
            fontSize=look.title,
            leading=look.title * 1.2,
            textColor=INK,
            spaceAfter=look.space * 0.5,
        ),
        "intro": style("intro", textColor=MUTED, spaceAfter=look.space * 1.5),
        "heading": style(
            "heading",
            fontName=BOLD,
            fontSize=look.heading,
            leading=look.heading * 1.25,
            textColor=ACCENT,
            spaceBefore=look.space * 1.6,
            spaceAfter=look.space * 0.3,
        ),
        "subheading": style("subheading", fontName=BOLD, spaceAfter=look.space * 0.5),
        "lead": style("lead", **small, textColor=MUTED, spaceAfter=look.space * 1.2),
        # The number hangs to the left of the question, so every line of it starts at one edge.
        "question": style(
            "question",
            leftIndent=number_width(look),
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=look.body,
        ),
        "why": style("why", **small, textColor=MUTED),
        "label": style("label", **small, fontName=BOLD, textColor=MUTED),
        "value": style("value"),
        "cell": style("cell"),
        "cell_bold": style("cell_bold", fontName=BOLD),
        "tip": style(
            "tip",
            **small,
            leftIndent=look.gutter,
            # The embedded font's bullet (reportlab's default is Helvetica's, not embedded).
            # It is wider: in large print it sits a little further left, so that it never
            # pushes the first line of its tip past the others (platypus would).
            bulletIndent=min(
                look.gutter * 0.35,
                look.gutter - stringWidth("\u2022", REGULAR, look.small) - look.small * 0.61,
            ),
            bulletFontName=REGULAR,
            bulletFontSize=look.small,
            spaceAfter=look.space * 0.5,
        ),
    }


def user_markup(text: str) -> str:
    """Patient-typed text as safe paragraph markup: printable characters, escaped, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


def no_lone_rows(opening: list[Flowable], rows: list[Flowable]) -> list[Flowable]:
    """A heading and the rows of a table or card, never leaving one row alone on a page.

    The heading travels with the first two rows and the last two rows travel together;
    three rows or fewer stay together. (Never nested: an inner KeepTogether reports an
    endless height and forces a new page.) Content taller than a page still flows on.
    """
    if len(rows) <= 3:
        return [KeepTogether([*opening, *rows])]
    return [KeepTogether([*opening, *rows[:2]]), *rows[2:-2], KeepTogether(rows[-2:])]


@dataclass(frozen=True)
class Layout:
    """One document laid out on one page body: what every PDF section needs."""

    document: Document
    look: Look
    width: float
    """The page body's width."""
    frame_height: float
    """The page body's height: a block no taller is kept on one page."""
    root: Node = field(default_factory=lambda: Node("Document"))
    """The structure tree's root: the document's elements are added under it in print order."""

    @property
    def styles(self) -> dict[str, ParagraphStyle]:
        return styles(self.look)

    def para(self, markup: str, style: str, tag: Node | None = None) -> Paragraph:
        """A paragraph of ``markup`` (already escaped: see ``escape`` and ``user_markup``),
        read as the words of ``tag``."""
        return Para(markup, self.styles[style], tag=tag)

    def text(self, words: str, style: str, tag: Node | None = None) -> Paragraph:
        """A paragraph of plain words (the document's own, never markup)."""
        return self.para(escape(words), style, tag)

    def heading(self, words: str, parent: Node) -> list[Flowable]:
        """A section's heading (an ``H2`` under ``parent``) and the accent rule under it."""
        look = self.look
        return [
            self.text(words, "heading", parent.child("H2")),
            AccentBar(width=look.gutter * 1.5, thickness=look.space * 0.45, space_after=look.space),
        ]

    def height(self, flowable: Flowable) -> float:
        """A flowable's height on this page's body, spaces included."""
        height = flowable.wrap(self.width, self.frame_height)[1]
        return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())

    def field(self, name: str) -> str | None:
        """A form field's name in a fillable PDF; None when the PDF is for a pen only."""
        return name if self.document.fillable else None

    def card_row(self, label: Flowable, cell: Sequence[Flowable], label_width: float) -> Flowable:
        """One row of a card: its own small table, so the card may continue between rows.

        For a screen reader the rows are one table (see ``table_row``)."""
        pad = self.look.space
        table = Table(
            [[label, cell]],
            colWidths=[label_width, self.width - label_width],
            hAlign="LEFT",
            splitByRow=1,
            splitInRow=1,
            renderCB=table_decor,
        )
        table.setStyle(
            TableStyle(
                [
                    EMBEDDED_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                    ("BOX", (0, 0), (-1, -1), 0.7, HAIRLINE),
                    ("BACKGROUND", (0, 0), (0, -1), TINT),
                ]
            )
        )
        return KeepWhole(table, max_height=self.frame_height)


def table_row(table: Node) -> tuple[Node, Node]:
    """A row of a two-column card or table: its header cell (the label, for the row) and
    its data cell."""
    row = table.child("TR")
    return row.child("TH", scope="Row"), row.child("TD")
