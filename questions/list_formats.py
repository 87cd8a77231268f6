"""The ``list`` command's output: the chosen questions in print order, as JSON, Markdown or text."""

from __future__ import annotations

import json

from questions.escape import markdown, one_line
from questions.listing import PatientList


def list_as_json(plist: PatientList) -> str:
    """The documented JSON form: ``language`` and ``questions`` (id, topic, text, why, top,
    custom, reasons, if_time, ...), main list first, then "if there is time", then own."""
    document = {
        "language": plist.answers.language,
        "questions": [
            {
                "id": item.id,
                "topic": item.topic,
                "topic_label": item.topic_label,
                "text": item.text,
                "why": item.why,
                "source": item.source,
                "top": item.top,
                "custom": item.custom,
                "tier": item.tier,
                "reasons": list(item.reasons),
                "if_time": item.if_time,
            }
            for item in plist.items
        ],
        "warnings": plist.warnings(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def list_as_markdown(plist: PatientList) -> str:
    """Headings per group, one check-box bullet per question, its why beneath; all text literal."""
    why = markdown(plist.pack.text("list.why"))
    lines: list[str] = []
    for title, items in plist.sections():
        lines.extend([f"## {markdown(title)}", ""])
        for item in items:
            lines.append(f"- [ ] {markdown(item.text)}")
            if item.why:
                lines.append(f"  - *{why}:* {markdown(item.why)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def list_as_text(plist: PatientList) -> str:
    """Numbered lines, group titles in capitals, for a terminal or a plain e-mail.

    Each question on one line (``one_line``: normalised, line breaks become spaces), so a
    question typed over several lines cannot pass for a heading or another question.
    """
    why = plist.pack.text("list.why")
    lines: list[str] = []
    number = 0
    for title, items in plist.sections():
        lines.extend([title.upper(), ""])
        for item in items:
            number += 1
            lines.append(f"{number}. {one_line(item.text)}")
            if item.why:
                lines.append(f"   {why}: {one_line(item.why)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


LIST_FORMATS = {"json": list_as_json, "markdown": list_as_markdown, "text": list_as_text}
