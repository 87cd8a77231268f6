"""The PDF's cards and tables: the summary for the provider, the support plan, and the
worksheet to compare clinics.

For a screen reader each is a section (``Sect`` > ``H2``, the line under it, a ``Table``):
a card's label is its row's header cell; the worksheet's first row and column are headers.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from questions.document import Summary, SupportPlan, Worksheet
from questions.escape import reportlab as escape
from questions.fonts import BOLD
from questions.pdf_layout import EMBEDDED_FONT, Layout, no_lone_rows, table_row, user_markup
from questions.pdf_parts import HAIRLINE, MUTED, TINT, BlankLine, LabeledLine, WriteBox
from questions.pdf_tags import Node, table_decor


def _opening(layout: Layout, heading: str, intro: str) -> tuple[list[Flowable], Node]:
    """A card's heading and the line under it, in a new section; the section's table."""
    sect = layout.root.child("Sect")
    opening = [*layout.heading(heading, sect), layout.text(intro, "lead", sect.child("P"))]
    return opening, sect.child("Table")


def support_plan(layout: Layout, support: SupportPlan) -> list[Flowable]:
    """A card with one row per part of the plan; a gap gets a line to write who could help."""
    look = layout.look
    # Large print: a narrower label column leaves "Who could help:" room for its line.
    label_width = layout.width * (0.42 if layout.document.large_print else 0.5)
    opening, table = _opening(layout, support.heading, support.intro)
    rows: list[Flowable] = []
    for row in support.rows:
        header, value = table_row(table)
        cell: list[Flowable] = [layout.para(f"<b>{escape(row.answer)}</b>", "cell", value.child("P"))]
        if row.gap:
            cell.append(
                LabeledLine(
                    support.who,
                    font=BOLD,
                    font_size=look.small,
                    leading=look.small_leading,
                    color=MUTED,
                    field=layout.field(f"support_{row.key}_who"),
                    tooltip=row.who_label,
                    gap=look.space,
                    label_tag=value.child("P"),
                    tag=value.child("Form") if layout.document.fillable else None,
                )
            )
        rows.append(layout.card_row(layout.text(row.label, "cell", header.child("P")), cell, label_width))
    return no_lone_rows(opening, rows)


def summary(layout: Layout, summary: Summary) -> list[Flowable]:
    """What the patient shared, for the provider: one row per part, never a lone row."""
    opening, table = _opening(layout, summary.heading, summary.intro)
    rows: list[Flowable] = []
    for row in summary.rows:
        header, cell = table_row(table)
        value = [layout.para(user_markup(item), "value", cell.child("P")) for item in row.items]
        label = layout.text(row.label, "label", header.child("P"))
        rows.append(layout.card_row(label, value, layout.width * 0.32))
    if not rows:
        sect = table.parent
        rows.append(layout.text(summary.nothing, "value", sect.child("P") if sect else None))
    return no_lone_rows(opening, rows)


def worksheet(layout: Layout, worksheet: Worksheet) -> list[Flowable]:
    """For a patient choosing a clinic: the clinic questions in rows, a column per clinic."""
    look = layout.look
    question_width = layout.width * 0.37
    clinic_width = (layout.width - question_width) / len(worksheet.clinics)
    fillable = layout.document.fillable
    opening, table_tag = _opening(layout, worksheet.heading, worksheet.intro)
    tags = table_tag.child("TR")
    first = tags.child("TH", scope="Column")
    header: list[Any] = [layout.text(worksheet.question_label, "label", first.child("P"))]
    for clinic in worksheet.clinics:
        cell = tags.child("TH", scope="Column")
        header.append(
            [
                layout.text(clinic.label, "cell_bold", cell.child("P")),
                BlankLine(
                    height=look.leading * 1.3,
                    font_size=look.body,
                    field=layout.field(f"clinic_{clinic.number}_name"),
                    tooltip=clinic.name_label,
                    tag=cell.child("Form") if fillable else None,
                ),
            ]
        )
    data = [header]
    for row in worksheet.rows:
        tags = table_tag.child("TR")
        cells: list[Any] = [layout.text(row.text, "cell", tags.child("TH", scope="Row").child("P"))]
        for clinic, label in zip(worksheet.clinics, row.answer_labels, strict=True):
            cells.append(
                WriteBox(
                    height=look.line_gap * 2.5,
                    font_size=look.small,
                    field=layout.field(f"clinic_{clinic.number}_{row.id}"),
                    tooltip=label,
                    tag=tags.child("TD").child("Form") if fillable else None,
                )
            )
        data.append(cells)
    table = Table(
        data,
        colWidths=[question_width, *([clinic_width] * len(worksheet.clinics))],
        hAlign="LEFT",
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
        renderCB=table_decor,
    )
    pad = look.space
    table.setStyle(
        TableStyle(
            [
                EMBEDDED_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                ("GRID", (0, 0), (-1, -1), 0.7, HAIRLINE),
                ("BACKGROUND", (0, 0), (-1, 0), TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ]
        )
    )
    return [KeepTogether([*opening, table])]
