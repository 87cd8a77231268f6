"""The ``list`` command's output: the chosen questions in print order, as JSON, Markdown or text.

Read from the same format-neutral document as the printed versions
(``questions.document``): the same sections and order (and, in JSON and text, the same
numbers; Markdown shows check boxes), without the rest of the document around them.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from questions.document import Document, Section, document_for
from questions.escape import markdown, one_line
from questions.listing import PatientList


def list_as_json(plist: PatientList) -> str:
    """The documented JSON form: ``language`` and ``questions`` (id, topic, text, why, top,
    custom, reasons, if_time, ...), main list first, then "if there is time", then own."""
    document = document_for(plist)
    data = {
        "language": document.language,
        "questions": [
            {
                "id": question.id,
                "topic": question.topic,
                "topic_label": question.topic_label,
                "text": question.text,
                "why": question.why,
                "source": question.source,
                "top": question.top,
                "custom": question.custom,
                "tier": question.tier,
                "reasons": list(question.reasons),
                "if_time": question.if_time,
            }
            for question in document.questions
        ],
        "warnings": list(document.warnings),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _just_the_list(document: Document, section_lines: Callable[[Section], list[str]]) -> str:
    """Only the document's sections of questions (every reason shown, whatever the print
    options say), one after another."""
    lines = [line for section in document.sections for line in section_lines(section)]
    return "\n".join(lines).rstrip() + "\n"


def list_as_markdown(plist: PatientList) -> str:
    """Headings per group, one check-box bullet per question, its why beneath; all text literal."""
    document = document_for(plist)
    why = markdown(document.why_label)

    def section(section: Section) -> list[str]:
        lines = [f"## {markdown(section.title)}", ""]
        for question in section.questions:
            lines.append(f"- [ ] {markdown(question.text)}")
            if question.why:
                lines.append(f"  - *{why}:* {markdown(question.why)}")
        return [*lines, ""]

    return _just_the_list(document, section)


def list_as_text(plist: PatientList) -> str:
    """Numbered lines, group titles in capitals, for a terminal or a plain e-mail.

    Each question on one line (``one_line``: normalised, line breaks become spaces), so a
    question typed over several lines cannot pass for a heading or another question.
    """
    document = document_for(plist)

    def section(section: Section) -> list[str]:
        lines = [section.title.upper(), ""]
        for question in section.questions:
            lines.append(f"{question.number}. {one_line(question.text)}")
            if question.why:
                lines.append(f"   {document.why_label}: {one_line(question.why)}")
        return [*lines, ""]

    return _just_the_list(document, section)


LIST_FORMATS = {"json": list_as_json, "markdown": list_as_markdown, "text": list_as_text}
