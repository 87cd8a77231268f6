"""The PDF's page one: the title, the visit details (or lines to fill them in) and the three
questions to ask first, all on the first page.

For a screen reader: the title (``H1``) and the line under it, the visit details as a table
(a header cell and a data cell per row), then "Ask these first" as a section of the list."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from questions.document import Section, VisitDetails
from questions.pdf_layout import EMBEDDED_FONT, Layout, table_row, user_markup
from questions.pdf_list import section
from questions.pdf_parts import TINT, BlankLine, KeepWhole, QuestionBlock
from questions.pdf_tags import Node, table_decor


def opening(layout: Layout) -> list[Flowable]:
    """The title and the line under it."""
    document = layout.document
    root = layout.root
    return [
        layout.text(document.title, "title", root.child("H1")),
        layout.text(document.intro, "intro", root.child("P")),
    ]


def visit(layout: Layout, visit: VisitDetails) -> Flowable:
    """Provider, date and kind of visit; a line to write on (and a field) for each blank."""
    look = layout.look
    label_width = max(look.body * 7.5, layout.width * 0.24)
    value_width = layout.width - label_width - 2 * look.space * 2
    data = []
    blank_rows = []
    tags = layout.root.child("Table")
    for number, row in enumerate(visit.rows):
        header, value = table_row(tags)
        label = layout.text(row.label, "label", header.child("P"))
        if row.value:
            cell: Flowable = layout.para(user_markup(row.value), "value", value.child("P"))
        else:
            blank_rows.append(number)
            cell = BlankLine(
                height=look.leading * 1.2,
                font_size=look.body,
                field=layout.field(f"visit_{row.key}"),
                tooltip=row.label,
                width=value_width,
                tag=value.child("Form") if layout.document.fillable else None,
            )
        data.append([label, cell])
    # A name of any height may continue on the next page, inside its row.
    table = Table(
        data,
        colWidths=[label_width, layout.width - label_width],
        hAlign="LEFT",
        splitByRow=1,
        splitInRow=1,
        renderCB=table_decor,
    )
    pad = look.space * 2
    drop = look.body - look.small
    table.setStyle(
        TableStyle(
            [
                EMBEDDED_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                # Labels sit on the first line of a value, or on the line to write on.
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *(("VALIGN", (0, n), (-1, n), "BOTTOM") for n in blank_rows),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), look.space * 0.4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.space * 0.4),
                ("TOPPADDING", (0, 0), (-1, 0), pad * 0.5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.5),
                # A label is smaller than its value: lower it so both share a baseline.
                *(
                    ("TOPPADDING", (0, n), (0, n), (pad * 0.5 if n == 0 else look.space * 0.4) + drop)
                    for n in range(len(data))
                    if n not in blank_rows
                ),
            ]
        )
    )
    return KeepWhole(table, max_height=layout.frame_height)


def ask_first(layout: Layout, top: Section, room: float) -> list[Flowable]:
    """The three to ask first, each with its reason (when reasons are asked for) and room
    for its answer, on page 1 whenever they fit there (``room`` is what is left of it).

    To fit, they give up a line of writing room each; never a reason (issue #25: the
    patient asked for them, and the three matter most). Where even that is too tall (large
    print: three reasons at 18 pt are taller than what page 1 has left), the three keep
    their full room and the last of them continue at the top of page 2, each whole, under
    the heading again ("Ask these first (continued)").
    """
    look = layout.look
    for lines in dict.fromkeys((look.answer_lines, min(1, look.answer_lines))):
        trial = Node("Div")
        flowables = section(layout, top, trial, lines=lines)
        if sum(layout.height(flowable) for flowable in flowables) <= room:
            break
    else:
        trial = Node("Div")
        flowables = section(layout, top, trial)
    for sect in trial.kids:
        if isinstance(sect, Node):  # always: nothing is drawn yet
            layout.root.add(sect)
    # One that starts page 2 says what it continues (not read out: the list says it already).
    for flowable in flowables[1:]:
        if isinstance(flowable, QuestionBlock):
            flowable.continued = (layout.text(top.continued, "label"), Spacer(1, layout.look.space * 0.6))
    return flowables
