"""The Markdown and plain-text documents: the same content as the PDF, for e-mail, notes
apps and screen readers.

Both are one walk over the format-neutral document (``questions.document``): ``_walk``
decides what comes where; a formatter (``_Markdown`` or ``_Text``) only says how each kind
of line looks in its format. Every string is escaped by the formatter (``questions.escape``).
"""

from __future__ import annotations

import textwrap
from typing import Protocol, assert_never

from questions.document import (
    Block,
    Document,
    Notes,
    Question,
    Section,
    Summary,
    SupportPlan,
    SupportRow,
    Tips,
    VisitDetails,
    Worksheet,
    document_for,
)
from questions.escape import markdown as md_escape
from questions.escape import one_line
from questions.listing import PatientList

WIDTH = 76
"""Plain-text line length: fits a terminal, an e-mail and a printed page."""

NOTE_LINES = 3
"""Lines to write on under "Notes" (the PDF fills the rest of its page instead)."""

Lines = list[str]


class _Format(Protocol):
    """How each kind of line looks; ``_walk`` decides which lines a document has."""

    def title(self, text: str) -> Lines: ...

    def paragraph(self, text: str) -> Lines: ...

    def contact(self, text: str) -> Lines: ...

    def notice(self, text: str) -> Lines:
        """The crisis line (and a clinic's after-hours line) near the top."""
        ...

    def heading(self, text: str) -> Lines: ...

    def field(self, label: str, value: str) -> Lines:
        """A visit detail; a blank value gets a line to write on."""
        ...

    def summary_row(self, label: str, items: tuple[str, ...]) -> Lines: ...

    def question(self, question: Question, section: Section, document: Document) -> Lines: ...

    def section_end(self, section: Section) -> Lines: ...

    def support_row(self, row: SupportRow, who: str) -> Lines: ...

    def worksheet(self, worksheet: Worksheet) -> Lines:
        """The worksheet's questions and room for each clinic (after its heading and intro)."""
        ...

    def bullet(self, text: str) -> Lines: ...

    def writing_line(self) -> Lines: ...

    def footer(self, not_advice: str, crisis: str) -> Lines: ...


def _walk(document: Document, out: _Format) -> str:
    """The document, top to bottom, in ``out``'s format."""
    lines = [*out.title(document.title), *out.paragraph(document.intro)]
    if document.contact:
        lines += out.contact(document.contact)
    lines += out.notice(document.crisis)
    if document.after_hours:
        lines += out.notice(document.after_hours)
    for block in document.body:
        lines += _block(block, document, out)
    lines += out.footer(document.not_advice, document.crisis)
    return "\n".join(lines).rstrip() + "\n"


def _block(block: Block, document: Document, out: _Format) -> Lines:
    """One block's lines. Exhaustive: mypy names a new kind of block this does not write."""
    match block:
        case Section():
            return _section(block, document, out)
        case VisitDetails():
            return [*out.heading(block.heading), *_visit(block, out), ""]
        case Summary():
            return [*out.heading(block.heading), *_summary(block, out)]
        case SupportPlan():
            return [*out.heading(block.heading), *_support(block, out), ""]
        case Worksheet():
            return [*out.heading(block.heading), *out.paragraph(block.intro), *out.worksheet(block)]
        case Tips():
            return [
                *out.heading(block.heading),
                *(line for tip in block.items for line in out.bullet(tip)),
                "",
            ]
        case Notes():
            # A few lines to write on (the PDF fills the rest of its page instead).
            return [
                *out.heading(block.heading),
                *(line for _ in range(NOTE_LINES) for line in out.writing_line()),
            ]
        case _:
            assert_never(block)


def _section(section: Section, document: Document, out: _Format) -> Lines:
    lines = out.heading(section.title)
    if section.lead:
        lines += out.paragraph(section.lead)
    for question in section.questions:
        lines += out.question(question, section, document)
    return lines + out.section_end(section)


def _visit(visit: VisitDetails, out: _Format) -> Lines:
    return [line for row in visit.rows for line in out.field(row.label, row.value)]


def _summary(summary: Summary, out: _Format) -> Lines:
    lines = out.paragraph(summary.intro)
    for row in summary.rows:
        lines += out.summary_row(row.label, row.items)
    return lines if summary.rows else lines + out.paragraph(summary.nothing)


def _support(support: SupportPlan, out: _Format) -> Lines:
    lines = out.paragraph(support.intro)
    for row in support.rows:
        lines += out.support_row(row, support.who)
    return lines


# ---- Markdown ---------------------------------------------------------------------------

_MD_BLANK = "\\_" * 24
"""A line to write on, in Markdown (escaped underscores, so no emphasis forms)."""


class _Markdown:
    def title(self, text: str) -> Lines:
        return [f"# {md_escape(text)}", ""]

    def paragraph(self, text: str) -> Lines:
        return [md_escape(text), ""]

    def contact(self, text: str) -> Lines:
        return [f"**{md_escape(text)}**", ""]

    def notice(self, text: str) -> Lines:
        return [f"> {md_escape(text)}", ""]

    def heading(self, text: str) -> Lines:
        return [f"## {md_escape(text)}", ""]

    def field(self, label: str, value: str) -> Lines:
        return [f"- **{md_escape(label)}:** {md_escape(value) if value else _MD_BLANK}"]

    def summary_row(self, label: str, items: tuple[str, ...]) -> Lines:
        return [f"**{md_escape(label)}**", "", *(f"- {md_escape(item)}" for item in items), ""]

    def question(self, question: Question, section: Section, document: Document) -> Lines:
        lines = [f"- [ ] **{question.number}.** {md_escape(question.text)}"]
        if question.show_why:
            lines.append(f"  - *{md_escape(document.why_label)}:* {md_escape(question.why)}")
        if question.room:
            lines.append(f"  - {md_escape(document.answer_heading)}: {_MD_BLANK}")
        return lines

    def section_end(self, section: Section) -> Lines:
        return [""]

    def support_row(self, row: SupportRow, who: str) -> Lines:
        line = f"- **{md_escape(row.label)}:** {md_escape(row.answer)}"
        return [f"{line}. {md_escape(who)} {_MD_BLANK}" if row.gap else line]

    def worksheet(self, worksheet: Worksheet) -> Lines:
        clinics = " | ".join(md_escape(clinic.label) for clinic in worksheet.clinics)
        empty = "   |" * len(worksheet.clinics)
        return [
            f"| {md_escape(worksheet.question_label)} | {clinics} |",
            "| --- |" + " --- |" * len(worksheet.clinics),
            *(f"| {md_escape(row.text)} |{empty}" for row in worksheet.rows),
            "",
        ]

    def bullet(self, text: str) -> Lines:
        return [f"- {md_escape(text)}"]

    def writing_line(self) -> Lines:
        return [_MD_BLANK * 2, ""]

    def footer(self, not_advice: str, crisis: str) -> Lines:
        return ["", "---", "", f"*{md_escape(not_advice)}*", "", md_escape(crisis)]


# ---- Plain text -------------------------------------------------------------------------


def _wrap(text: str, first: str = "", rest: str | None = None) -> Lines:
    """Wrapped at WIDTH with a hanging indent; words are never split."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest if rest is not None else " " * len(first),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


_RULE = "_" * (WIDTH - 8)
"""A line to write an answer on, indented under its question."""


class _Text:
    def title(self, text: str) -> Lines:
        return [text, "=" * len(text), ""]

    def paragraph(self, text: str) -> Lines:
        return [*_wrap(text), ""]

    contact = notice = paragraph

    def heading(self, text: str) -> Lines:
        return [text.upper(), "=" * min(len(text), WIDTH), ""]

    def field(self, label: str, value: str) -> Lines:
        return _wrap(one_line(value) or "_" * 30, f"{label}: ")

    def summary_row(self, label: str, items: tuple[str, ...]) -> Lines:
        lines = [f"{label}:"]
        for item in items:
            lines += _wrap(one_line(item), "- ", "  ")
        return [*lines, ""]

    def question(self, question: Question, section: Section, document: Document) -> Lines:
        lines = _wrap(one_line(question.text), f"[ ] {question.number:>2}. ", " " * 8)
        if section.compact:
            return lines
        if question.show_why:
            lines += _wrap(f"{document.why_label}: {question.why}", " " * 8)
        if question.room:
            lines += ["", f"        {_RULE}", "", f"        {_RULE}"]
        return [*lines, ""]

    def section_end(self, section: Section) -> Lines:
        return [""] if section.compact else []

    def support_row(self, row: SupportRow, who: str) -> Lines:
        lines = _wrap(f"{row.label}: {row.answer}", "- ", "  ")
        return lines + _wrap(f"{who} {'_' * 30}", "  ") if row.gap else lines

    def worksheet(self, worksheet: Worksheet) -> Lines:
        lines = [f"{clinic.name_label} {'_' * 30}" for clinic in worksheet.clinics]
        lines.append("")
        for row in worksheet.rows:
            lines += _wrap(one_line(row.text), "- ", "  ")
            lines += [f"  {clinic.label}: {'_' * 40}" for clinic in worksheet.clinics]
            lines.append("")
        return lines

    def bullet(self, text: str) -> Lines:
        return _wrap(text, "- ", "  ")

    def writing_line(self) -> Lines:
        return ["_" * WIDTH, ""]

    def footer(self, not_advice: str, crisis: str) -> Lines:
        return ["", "-" * WIDTH, *_wrap(not_advice), *_wrap(crisis)]


def markdown_document(document: Document) -> str:
    """The document in Markdown, with check-box items and room to write."""
    return _walk(document, _Markdown())


def text_document(document: Document) -> str:
    """The document as plain text: numbered questions with [ ] boxes and lines to write on."""
    return _walk(document, _Text())


def build_markdown(plist: PatientList) -> str:
    """The list as a Markdown document with check-box items and room to write."""
    return markdown_document(document_for(plist))


def build_text(plist: PatientList) -> str:
    """The list as plain text: numbered questions with [ ] boxes and lines to write on."""
    return text_document(document_for(plist))
