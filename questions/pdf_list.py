"""The PDF's list: each question with its check box, reason and room to write, under its
section's heading; "If there is time" as a short checklist.

For a screen reader a section is ``Sect`` > ``H2`` and ``L``; each question a list item
(``LI`` > ``Lbl`` "3." and ``LBody`` > the question, its reason, its fields)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from questions.document import Question, Section
from questions.escape import reportlab as escape
from questions.pdf_layout import Layout, no_lone_rows, number_width, user_markup
from questions.pdf_parts import Fields, Para, QuestionBlock
from questions.pdf_tags import Node


def question_markup(question: Question) -> str:
    """A bank question's words escaped; the patient's own also made printable, breaks kept."""
    return user_markup(question.text) if question.custom else escape(question.text)


def question(
    layout: Layout,
    question: Question,
    items: Node,
    *,
    compact: bool = False,
    lines: int | None = None,
    lead: tuple[Flowable, ...] = (),
) -> QuestionBlock:
    """One question, its reason and its writing room (the compact form: the question only),
    as an item of the list ``items``; ``lines`` of room to write (the print size's by default)."""
    look = layout.look
    document = layout.document
    item = items.child("LI")
    label = item.child("Lbl")
    body = item.child("LBody")
    text = body.child("P")
    why = None
    if question.show_why:
        markup = f"<b>{escape(document.why_label)}:</b> {escape(question.why)}"
        why = layout.para(markup, "why", body.child("P"))
    fields = None
    if document.fillable:
        fields = Fields(
            asked=f"q_{question.id}_asked",
            answer=f"q_{question.id}_answer" if question.room else None,
            asked_tooltip=question.asked_label,
            answer_tooltip=question.answer_label,
            asked_tag=body.child("Form"),
            answer_tag=body.child("Form") if question.room else None,
        )
    return QuestionBlock(
        Para(
            question_markup(question),
            layout.styles["question"],
            bulletText=f"{question.number}.",
            tag=text,
            label=label,
        ),
        why,
        box=look.box,
        gutter=look.gutter,
        indent=number_width(look),
        font_size=look.body,
        why_gap=look.space * 0.4,
        lines=(look.answer_lines if lines is None else lines) if question.room else 0,
        line_gap=look.line_gap,
        lines_gap=look.space * 0.2,
        space_after=look.space * (0.9 if compact else 1.5),
        fields=fields,
        max_height=layout.frame_height,
        lead=lead,
    )


def section(layout: Layout, section: Section, parent: Node, *, lines: int | None = None) -> list[Flowable]:
    """A heading and its questions (a ``Sect`` under ``parent``), each with ``lines`` of
    room to write (the print size's by default).

    The heading is part of the first question's block, so it always travels with it (and
    the block may still fit itself to a page's end). "If there is time" is a short
    checklist, no reasons and no writing room, never leaving a lone row on a page.
    """
    sect = parent.child("Sect")
    heading = layout.heading(section.title, sect)
    items = sect.child("L")
    if section.compact:
        rows: list[Flowable] = [question(layout, item, items, compact=True) for item in section.questions]
        return no_lone_rows(heading, rows)
    first, *rest = section.questions
    return [
        question(layout, first, items, lines=lines, lead=tuple(heading)),
        *(question(layout, item, items, lines=lines) for item in rest),
    ]
