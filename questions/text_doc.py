"""The document's words, format-neutral, and its Markdown and plain-text versions.

The first half says *what* every document holds, in plain strings: the visit details, the
support plan, the summary for the provider. The PDF and HTML renderers use the same
functions, so the four formats can never disagree. The second half writes the Markdown
and plain-text documents: the same content as the PDF, for e-mail, notes apps and
screen readers.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Any

from questions import languages, vocab
from questions.clinic import after_hours_line, contact_line
from questions.content import load_bank
from questions.escape import markdown as md_escape
from questions.escape import one_line
from questions.listing import ListItem, PatientList, item_for

GAP_ANSWERS = ("no", "unsure")
"""Support answers that leave a gap in the plan (an unanswered part is not a gap yet)."""

WIDTH = 76
"""Plain-text line length: fits a terminal, an e-mail and a printed page."""


@dataclass(frozen=True)
class VisitRow:
    key: str
    label: str
    value: str
    """Empty when the patient left it blank (the document leaves room to write it in)."""


@dataclass(frozen=True)
class SupportRow:
    key: str
    label: str
    answer: str
    """The answer in words ("No", "Not sure"), or the words for "not answered yet"."""
    gap: bool
    """A "no" or "not sure": the document leaves a line to write who could help."""


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    items: tuple[str, ...]


def words(plist: PatientList, key: str, **values: object) -> str:
    """A word of the printed documents (``data/<lang>/document.yaml``)."""
    return plist.pack.text(f"document.{key}", **values)


def word_list(plist: PatientList, *path: str) -> list[str]:
    """A list of words from ``document.yaml`` (month names, tips)."""
    node: Any = plist.pack.ui["document"]
    for part in path:
        node = node[part]
    return [str(item) for item in node]


def format_date(iso: str, plist: PatientList) -> str:
    """A visit date in words ("December 3, 2026"): no one has to guess the order of numbers."""
    return languages.long_date(dt.date.fromisoformat(iso), plist.answers.language)


def visit_rows(plist: PatientList) -> list[VisitRow]:
    """Provider, date and kind of visit, in words; blank values stay blank."""
    visit = plist.answers.visit
    values = {
        "provider": visit.provider,
        "date": format_date(visit.date, plist) if visit.date else "",
        # The wizard's answer ("I am choosing a clinic") does not read as a kind of visit.
        "stage": words(plist, f"visit.stages.{visit.stage}") if visit.stage else "",
    }
    return [VisitRow(key, words(plist, f"visit.{key}"), value) for key, value in values.items()]


def support_rows(plist: PatientList) -> list[SupportRow]:
    """Every part of the support plan with the patient's answer; a "no" or "not sure" is a gap."""
    labels = plist.pack.labels
    rows = []
    for key in vocab.SUPPORT_KEYS:
        answer = getattr(plist.answers.support, key)
        said = labels.answers[answer] if answer else words(plist, "support.not_answered")
        rows.append(SupportRow(key, labels.support[key], said, answer in GAP_ANSWERS))
    return rows


def summary_rows(plist: PatientList) -> list[SummaryRow]:
    """What the patient shared, in plain words, for the provider; empty parts left out."""
    answers = plist.answers
    labels = plist.pack.labels
    conditions = [labels.conditions[c] for c in answers.conditions if c != "other"]
    if answers.other_condition:
        conditions.append(words(plist, "summary.other_condition", text=answers.other_condition))
    elif "other" in answers.conditions:
        conditions.append(labels.conditions["other"])
    parts = {
        "conditions": conditions,
        "tried_treatments": [labels.tried_treatments[t] for t in answers.tried_treatments],
        "health": [labels.health[h] for h in answers.health],
        "medications": [answers.medications] if answers.medications else [],
        "medication_types": [labels.medication_types[m] for m in answers.medication_types],
        "concerns": [labels.concerns[c] for c in answers.concerns],
    }
    return [
        SummaryRow(key, words(plist, f"summary.{key}"), tuple(items)) for key, items in parts.items() if items
    ]


def numbered(plist: PatientList) -> list[tuple[str, list[tuple[int, ListItem]]]]:
    """The printed groups with each question's number (one numbering in every format)."""
    number = 0
    groups = []
    for title, items in plist.sections():
        entries = []
        for item in items:
            number += 1
            entries.append((number, item))
        groups.append((title, entries))
    return groups


def is_compact(entries: list[tuple[int, ListItem]]) -> bool:
    """The "if there is time" group: printed as a short checklist, no reason, no room."""
    return bool(entries) and all(item.if_time for _, item in entries)


CLINIC_TOPIC = "clinic"
WORKSHEET_CLINICS = 3


def worksheet_questions(plist: PatientList) -> list[ListItem]:
    """For a patient choosing a clinic: the clinic-vetting questions to ask every clinic.

    The questions about the clinic itself that are on the list (the main list, then "if
    there is time"), then the bank's other questions for choosing a clinic that the patient
    has not removed. Empty for every other stage: then no document has a worksheet.
    """
    if plist.answers.visit.stage != "choosing_clinic":
        return []
    chosen = [item for item in plist.items if item.topic == CLINIC_TOPIC and not item.custom]
    seen = {item.id for item in chosen} | set(plist.answers.removed_questions)
    for question in load_bank().questions:
        if (
            question.topic == CLINIC_TOPIC
            and "choosing_clinic" in question.when.stages
            and question.id not in seen
        ):
            chosen.append(item_for(question.id, plist.pack))
    return chosen


# ---- Markdown ---------------------------------------------------------------------------

_MD_BLANK = "\\_" * 24
"""A line to write on, in Markdown (escaped underscores, so no emphasis forms)."""


def _md_summary(plist: PatientList) -> list[str]:
    lines = [
        f"## {md_escape(words(plist, 'summary.heading'))}",
        "",
        md_escape(words(plist, "summary.intro")),
        "",
    ]
    rows = summary_rows(plist)
    for row in rows:
        lines += [f"**{md_escape(row.label)}**", ""]
        lines += [f"- {md_escape(item)}" for item in row.items]
        lines.append("")
    if not rows:
        lines += [md_escape(words(plist, "summary.nothing")), ""]
    return lines


def _md_worksheet(plist: PatientList) -> list[str]:
    questions = worksheet_questions(plist)
    if not questions:
        return []
    clinics = [md_escape(words(plist, "worksheet.clinic", number=n)) for n in range(1, WORKSHEET_CLINICS + 1)]
    lines = [
        f"## {md_escape(words(plist, 'worksheet.heading'))}",
        "",
        md_escape(words(plist, "worksheet.intro")),
        "",
        f"| {md_escape(words(plist, 'worksheet.question'))} | {' | '.join(clinics)} |",
        "| --- |" + " --- |" * WORKSHEET_CLINICS,
    ]
    lines += [f"| {md_escape(item.text)} |" + "   |" * WORKSHEET_CLINICS for item in questions]
    return [*lines, ""]


def build_markdown(plist: PatientList) -> str:
    """The list as a Markdown document with check-box items and room to write."""
    pack = plist.pack
    output = plist.answers.output
    lines = [f"# {md_escape(words(plist, 'title'))}", "", md_escape(words(plist, "intro")), ""]
    if contact := contact_line(pack):
        lines += [f"**{md_escape(contact)}**", ""]
    lines += [f"> {md_escape(pack.text('crisis_line'))}", ""]
    if after_hours := after_hours_line(pack):
        lines += [f"> {md_escape(after_hours)}", ""]
    lines += [f"## {md_escape(words(plist, 'visit.heading'))}", ""]
    for row in visit_rows(plist):
        lines.append(f"- **{md_escape(row.label)}:** {md_escape(row.value) if row.value else _MD_BLANK}")
    lines.append("")
    why = md_escape(pack.text("list.why"))
    answer_label = md_escape(words(plist, "answer_label"))
    groups = numbered(plist)
    summary = _md_summary(plist) if output.include_summary else []
    if not groups or not groups[0][1][0][1].top:
        lines += summary
    for index, (title, entries) in enumerate(groups):
        lines += [f"## {md_escape(title)}", ""]
        if entries and entries[0][1].top:
            lines += [md_escape(words(plist, "ask_first_intro")), ""]
        compact = is_compact(entries)
        for number, item in entries:
            lines.append(f"- [ ] **{number}.** {md_escape(item.text)}")
            if compact:
                continue
            if output.include_reasons and item.why:
                lines.append(f"  - *{why}:* {md_escape(item.why)}")
            if output.answer_space:
                lines.append(f"  - {answer_label}: {_MD_BLANK}")
        lines.append("")
        if index == 0 and entries[0][1].top:
            lines += summary
    lines += [
        f"## {md_escape(words(plist, 'support.heading'))}",
        "",
        md_escape(words(plist, "support.intro")),
        "",
    ]
    who = md_escape(words(plist, "support.who"))
    for support in support_rows(plist):
        line = f"- **{md_escape(support.label)}:** {md_escape(support.answer)}"
        if support.gap:
            line += f". {who} {_MD_BLANK}"
        lines.append(line)
    lines.append("")
    lines += _md_worksheet(plist)
    lines += [f"## {md_escape(words(plist, 'tips.heading'))}", ""]
    lines += [f"- {md_escape(tip)}" for tip in word_list(plist, "tips", "items")]
    lines += ["", f"## {md_escape(words(plist, 'notes.heading'))}", ""]
    lines += [line for _ in range(3) for line in (_MD_BLANK * 2, "")]
    lines += [
        "",
        "---",
        "",
        f"*{md_escape(pack.text('not_advice'))}*",
        "",
        md_escape(pack.text("crisis_line")),
    ]
    return "\n".join(lines).rstrip() + "\n"


# ---- Plain text -------------------------------------------------------------------------


def _wrap(text: str, first: str = "", rest: str | None = None) -> list[str]:
    """Wrapped at WIDTH with a hanging indent; words are never split."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest if rest is not None else " " * len(first),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _heading(text: str) -> list[str]:
    return [text.upper(), "=" * min(len(text), WIDTH), ""]


def _text_summary(plist: PatientList) -> list[str]:
    lines = _heading(words(plist, "summary.heading"))
    lines += [*_wrap(words(plist, "summary.intro")), ""]
    rows = summary_rows(plist)
    for row in rows:
        lines.append(f"{row.label}:")
        for item in row.items:
            lines += _wrap(one_line(item), "- ", "  ")
        lines.append("")
    if not rows:
        lines += [words(plist, "summary.nothing"), ""]
    return lines


def _text_worksheet(plist: PatientList) -> list[str]:
    questions = worksheet_questions(plist)
    if not questions:
        return []
    lines = _heading(words(plist, "worksheet.heading"))
    lines += [*_wrap(words(plist, "worksheet.intro")), ""]
    for n in range(1, WORKSHEET_CLINICS + 1):
        lines.append(f"{words(plist, 'worksheet.name_for', number=n)} {'_' * 30}")
    lines.append("")
    for item in questions:
        lines += _wrap(one_line(item.text), "- ", "  ")
        for n in range(1, WORKSHEET_CLINICS + 1):
            lines.append(f"  {words(plist, 'worksheet.clinic', number=n)}: {'_' * 40}")
        lines.append("")
    return lines


def build_text(plist: PatientList) -> str:
    """The list as plain text: numbered questions with [ ] boxes and lines to write on."""
    pack = plist.pack
    output = plist.answers.output
    title = words(plist, "title")
    lines = [title, "=" * len(title), ""]
    lines += [*_wrap(words(plist, "intro")), ""]
    if contact := contact_line(pack):
        lines += [*_wrap(contact), ""]
    lines += [*_wrap(pack.text("crisis_line")), ""]
    if after_hours := after_hours_line(pack):
        lines += [*_wrap(after_hours), ""]
    lines += _heading(words(plist, "visit.heading"))
    for row in visit_rows(plist):
        lines += _wrap(one_line(row.value) or "_" * 30, f"{row.label}: ")
    lines.append("")
    why = pack.text("list.why")
    rule = "_" * (WIDTH - 8)
    groups = numbered(plist)
    summary = _text_summary(plist) if output.include_summary else []
    if not groups or not groups[0][1][0][1].top:
        lines += summary
    for index, (title_text, entries) in enumerate(groups):
        lines += _heading(title_text)
        if entries and entries[0][1].top:
            lines += [*_wrap(words(plist, "ask_first_intro")), ""]
        compact = is_compact(entries)
        for number, item in entries:
            lines += _wrap(one_line(item.text), f"[ ] {number:>2}. ", " " * 8)
            if compact:
                continue
            if output.include_reasons and item.why:
                lines += _wrap(f"{why}: {item.why}", " " * 8)
            if output.answer_space:
                lines += ["", f"        {rule}", "", f"        {rule}"]
            lines.append("")
        if compact:
            lines.append("")
        if index == 0 and entries[0][1].top:
            lines += summary
    lines += _heading(words(plist, "support.heading"))
    lines += [*_wrap(words(plist, "support.intro")), ""]
    for support in support_rows(plist):
        lines += _wrap(f"{support.label}: {support.answer}", "- ", "  ")
        if support.gap:
            lines += _wrap(f"{words(plist, 'support.who')} {'_' * 30}", "  ")
    lines.append("")
    lines += _text_worksheet(plist)
    lines += _heading(words(plist, "tips.heading"))
    for tip in word_list(plist, "tips", "items"):
        lines += _wrap(tip, "- ", "  ")
    lines += ["", *_heading(words(plist, "notes.heading"))]
    lines += [line for _ in range(3) for line in ("_" * WIDTH, "")]
    lines += ["", "-" * WIDTH, *_wrap(pack.text("not_advice")), *_wrap(pack.text("crisis_line"))]
    return "\n".join(lines).rstrip() + "\n"
