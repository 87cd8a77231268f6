"""The PDF's list: each question with its check box, reason and room to write, under its
section's heading; "If there is time" as a short checklist."""

from __future__ import annotations

from reportlab.platypus import Flowable

from questions.document import Question, Section
from questions.escape import reportlab as escape
from questions.pdf_layout import Layout, no_lone_rows, number_width, user_markup
from questions.pdf_parts import Fields, Para, QuestionBlock


def question_markup(question: Question) -> str:
    """A bank question's words escaped; the patient's own also made printable, breaks kept."""
    return user_markup(question.text) if question.custom else escape(question.text)


def question(
    layout: Layout,
    question: Question,
    *,
    compact: bool = False,
    reasons: bool = True,
    lead: tuple[Flowable, ...] = (),
) -> QuestionBlock:
    """One question, its reason and its writing room (the compact form: the question only)."""
    look = layout.look
    document = layout.document
    why = None
    if question.show_why and reasons:
        why = layout.para(f"<b>{escape(document.why_label)}:</b> {escape(question.why)}", "why")
    fields = None
    if document.fillable:
        fields = Fields(
            asked=f"q_{question.id}_asked",
            answer=f"q_{question.id}_answer" if question.room else None,
            asked_tooltip=question.asked_label,
            answer_tooltip=question.answer_label,
        )
    return QuestionBlock(
        Para(question_markup(question), layout.styles["question"], bulletText=f"{question.number}."),
        why,
        box=look.box,
        gutter=look.gutter,
        indent=number_width(look),
        font_size=look.body,
        why_gap=look.space * 0.4,
        lines=look.answer_lines if question.room else 0,
        line_gap=look.line_gap,
        lines_gap=look.space * 0.2,
        space_after=look.space * (0.9 if compact else 1.5),
        fields=fields,
        max_height=layout.frame_height,
        lead=lead,
    )


def section(layout: Layout, section: Section, *, reasons: bool = True) -> list[Flowable]:
    """A heading and its questions.

    The heading is part of the first question's block, so it always travels with it (and
    the block may still fit itself to a page's end). "If there is time" is a short
    checklist, no reasons and no writing room, never leaving a lone row on a page.
    """
    if section.compact:
        rows: list[Flowable] = [question(layout, item, compact=True) for item in section.questions]
        return no_lone_rows(layout.heading(section.title), rows)
    first, *rest = section.questions
    return [
        question(layout, first, reasons=reasons, lead=tuple(layout.heading(section.title))),
        *(question(layout, item, reasons=reasons) for item in rest),
    ]
