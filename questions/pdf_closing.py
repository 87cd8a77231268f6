"""The PDF's close: tips for the visit, then lines for notes to the end of the last page.

For a screen reader: the tips as a section with a heading and a list, the notes as a
section with a heading and its field."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from questions.document import Notes, Tips
from questions.escape import reportlab as escape
from questions.pdf_layout import EMBEDDED_FONT, Layout
from questions.pdf_parts import ACCENT, TINT, Para, WritingLines
from questions.pdf_tags import table_decor

MIN_NOTE_LINES = 3
"""The notes start on the last page of questions only if it has room for this many lines."""


def tips(layout: Layout, tips: Tips) -> list[Flowable]:
    """A tinted box with an accent edge: the heading, then a bullet per tip."""
    look = layout.look
    sect = layout.root.child("Sect")
    cell: list[Flowable] = [layout.text(tips.heading, "subheading", sect.child("H2"))]
    items = sect.child("L")
    for tip in tips.items:
        item = items.child("LI")
        label = item.child("Lbl")
        words = item.child("LBody").child("P")
        cell.append(Para(escape(tip), layout.styles["tip"], bulletText="\u2022", tag=words, label=label))
    box = Table([[cell]], colWidths=[layout.width], hAlign="LEFT", renderCB=table_decor)
    pad = look.space * 1.6
    box.setStyle(
        TableStyle(
            [
                EMBEDDED_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), look.space * 0.6, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5),
            ]
        )
    )
    return [Spacer(1, look.space), box]


def notes(layout: Layout, notes: Notes) -> list[Flowable]:
    """The heading, then ruled lines (one fillable field) to the end of the page."""
    look = layout.look
    sect = layout.root.child("Sect")
    return [
        *layout.heading(notes.heading, sect),
        WritingLines(
            lines=1,
            gap=look.line_gap,
            indent=0,
            font_size=look.body,
            field=layout.field("notes"),
            tooltip=notes.label,
            fill=True,
            tag=sect.child("Form") if layout.document.fillable else None,
        ),
    ]


def closing(layout: Layout, tip_flowables: list[Flowable], note_flowables: list[Flowable]) -> list[Flowable]:
    """Tips, then notes: on a new page unless this one has room for the tips and a few
    lines of notes."""
    needed = sum(layout.height(flowable) for flowable in [*tip_flowables, *note_flowables[:-1]])
    needed += MIN_NOTE_LINES * layout.look.line_gap
    return [CondPageBreak(needed), *tip_flowables, *note_flowables]
