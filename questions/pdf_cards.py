"""The PDF's cards and tables: the summary for the provider, the support plan, and the
worksheet to compare clinics."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from questions.document import Summary, Support, Worksheet
from questions.escape import reportlab as escape
from questions.fonts import BOLD
from questions.pdf_layout import Layout, no_lone_rows, user_markup
from questions.pdf_parts import HAIRLINE, MUTED, TINT, BlankLine, LabeledLine, WriteBox


def support_plan(layout: Layout, support: Support) -> list[Flowable]:
    """A card with one row per part of the plan; a gap gets a line to write who could help."""
    look = layout.look
    # Large print: a narrower label column leaves "Who could help:" room for its line.
    label_width = layout.width * (0.42 if layout.document.large_print else 0.5)
    rows: list[Flowable] = []
    for row in support.rows:
        cell: list[Flowable] = [layout.para(f"<b>{escape(row.answer)}</b>", "cell")]
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
                )
            )
        rows.append(layout.card_row(layout.text(row.label, "cell"), cell, label_width))
    opening = [*layout.heading(support.heading), layout.text(support.intro, "lead")]
    return no_lone_rows(opening, rows)


def summary(layout: Layout, summary: Summary) -> list[Flowable]:
    """What the patient shared, for the provider: one row per part, never a lone row."""
    rows: list[Flowable] = []
    for row in summary.rows:
        value = [layout.para(user_markup(item), "value") for item in row.items]
        rows.append(layout.card_row(layout.text(row.label, "label"), value, layout.width * 0.32))
    if not rows:
        rows.append(layout.text(summary.nothing, "value"))
    opening = [*layout.heading(summary.heading), layout.text(summary.intro, "lead")]
    return no_lone_rows(opening, rows)


def worksheet(layout: Layout, worksheet: Worksheet) -> list[Flowable]:
    """For a patient choosing a clinic: the clinic questions in rows, a column per clinic."""
    look = layout.look
    question_width = layout.width * 0.37
    clinic_width = (layout.width - question_width) / len(worksheet.clinics)
    header: list[Any] = [layout.text(worksheet.question_label, "label")]
    for clinic in worksheet.clinics:
        header.append(
            [
                layout.text(clinic.label, "cell_bold"),
                BlankLine(
                    height=look.leading * 1.3,
                    font_size=look.body,
                    field=layout.field(f"clinic_{clinic.number}_name"),
                    tooltip=clinic.name_label,
                ),
            ]
        )
    data = [header]
    for row in worksheet.rows:
        cells: list[Any] = [layout.text(row.text, "cell")]
        for clinic, label in zip(worksheet.clinics, row.answer_labels, strict=True):
            cells.append(
                WriteBox(
                    height=look.line_gap * 2.5,
                    font_size=look.small,
                    field=layout.field(f"clinic_{clinic.number}_{row.id}"),
                    tooltip=label,
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
    )
    pad = look.space
    table.setStyle(
        TableStyle(
            [
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
    opening = [*layout.heading(worksheet.heading), layout.text(worksheet.intro, "lead")]
    return [KeepTogether([*opening, table])]
