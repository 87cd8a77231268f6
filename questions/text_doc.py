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

from questions import vocab
from questions.escape import markdown as md_escape
from questions.escape import one_line
from questions.listing import ListItem, PatientList

LANGUAGE_TAGS = {"en": "en-US", "es": "es-US"}
"""The language tag every document declares for an answers language (U.S. English and Spanish)."""

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
    """Anything but "yes": the document leaves a line to write who could help."""


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
    node: object = plist.pack.ui["document"]
    for part in path:
        node = node[part]  # type: ignore[index]
    return [str(item) for item in node]  # type: ignore[union-attr]


def format_date(iso: str, plist: PatientList) -> str:
    """A visit date in words ("December 3, 2026"): no one has to guess the order of numbers."""
    date = dt.date.fromisoformat(iso)
    month = word_list(plist, "months")[date.month - 1]
    return words(plist, "date_format", month=month, day=date.day, year=date.year)


def visit_rows(plist: PatientList) -> list[VisitRow]:
    """Provider, date and kind of visit, in words; blank values stay blank."""
    visit = plist.answers.visit
    values = {
        "provider": visit.provider,
        "date": format_date(visit.date, plist) if visit.date else "",
        "stage": plist.pack.labels.stages[visit.stage] if visit.stage else "",
    }
    return [VisitRow(key, words(plist, f"visit.{key}"), value) for key, value in values.items()]


def support_rows(plist: PatientList) -> list[SupportRow]:
    """Every part of the support plan with the patient's answer; anything but "yes" is a gap."""
    labels = plist.pack.labels
    rows = []
    for key in vocab.SUPPORT_KEYS:
        answer = getattr(plist.answers.support, key)
        said = labels.answers[answer] if answer else words(plist, "support.not_answered")
        rows.append(SupportRow(key, labels.support[key], said, answer != "yes"))
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
    """The printed groups (ask first, topics, own questions) with each question's number."""
    number = 0
    groups = []
    for title, items in plist.sections():
        entries = []
        for item in items:
            number += 1
            entries.append((number, item))
        groups.append((title, entries))
    return groups


# ---- Markdown ---------------------------------------------------------------------------

_MD_BLANK = "\\_" * 24
"""A line to write on, in Markdown (escaped underscores, so no emphasis forms)."""


def build_markdown(plist: PatientList) -> str:
    """The list as a Markdown document with check-box items and room to write."""
    pack = plist.pack
    output = plist.answers.output
    lines = [f"# {md_escape(words(plist, 'title'))}", "", md_escape(words(plist, "intro")), ""]
    lines += [f"> {md_escape(pack.text('crisis_line'))}", ""]
    lines += [f"## {md_escape(words(plist, 'visit.heading'))}", ""]
    for row in visit_rows(plist):
        lines.append(f"- **{md_escape(row.label)}:** {md_escape(row.value) if row.value else _MD_BLANK}")
    lines.append("")
    why = md_escape(pack.text("list.why"))
    answer_label = md_escape(words(plist, "answer_label"))
    for title, entries in numbered(plist):
        lines += [f"## {md_escape(title)}", ""]
        if entries and entries[0][1].top:
            lines += [md_escape(words(plist, "ask_first_intro")), ""]
        for number, item in entries:
            lines.append(f"- [ ] **{number}.** {md_escape(item.text)}")
            if output.include_reasons and item.why:
                lines.append(f"  - *{why}:* {md_escape(item.why)}")
            if output.answer_space:
                lines.append(f"  - {answer_label}: {_MD_BLANK}")
        lines.append("")
    lines += [
        f"## {md_escape(words(plist, 'support.heading'))}",
        "",
        md_escape(words(plist, "support.intro")),
        "",
    ]
    who = md_escape(words(plist, "support.who"))
    for row in support_rows(plist):
        line = f"- **{md_escape(row.label)}:** {md_escape(row.answer)}"
        if row.gap:
            line += f". {who} {_MD_BLANK}"
        lines.append(line)
    lines.append("")
    if output.include_summary:
        lines += [
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


def build_text(plist: PatientList) -> str:
    """The list as plain text: numbered questions with [ ] boxes and lines to write on."""
    pack = plist.pack
    output = plist.answers.output
    title = words(plist, "title")
    lines = [title, "=" * len(title), ""]
    lines += [*_wrap(words(plist, "intro")), ""]
    lines += [*_wrap(pack.text("crisis_line")), ""]
    lines += _heading(words(plist, "visit.heading"))
    for row in visit_rows(plist):
        lines += _wrap(one_line(row.value) or "_" * 30, f"{row.label}: ")
    lines.append("")
    why = pack.text("list.why")
    rule = "_" * (WIDTH - 8)
    for title_text, entries in numbered(plist):
        lines += _heading(title_text)
        if entries and entries[0][1].top:
            lines += [*_wrap(words(plist, "ask_first_intro")), ""]
        for number, item in entries:
            lines += _wrap(one_line(item.text), f"[ ] {number:>2}. ", " " * 8)
            if output.include_reasons and item.why:
                lines += _wrap(f"{why}: {item.why}", " " * 8)
            if output.answer_space:
                lines += ["", f"        {rule}", "", f"        {rule}"]
            lines.append("")
    lines += _heading(words(plist, "support.heading"))
    lines += [*_wrap(words(plist, "support.intro")), ""]
    for row in support_rows(plist):
        lines += _wrap(f"{row.label}: {row.answer}", "- ", "  ")
        if row.gap:
            lines += _wrap(f"{words(plist, 'support.who')} {'_' * 30}", "  ")
    lines.append("")
    if output.include_summary:
        lines += _heading(words(plist, "summary.heading"))
        lines += [*_wrap(words(plist, "summary.intro")), ""]
        rows = summary_rows(plist)
        for row in rows:
            lines.append(f"{row.label}:")
            for item in row.items:
                lines += _wrap(one_line(item), "- ", "  ")
            lines.append("")
        if not rows:
            lines += [words(plist, "summary.nothing"), ""]
    lines += _heading(words(plist, "tips.heading"))
    for tip in word_list(plist, "tips", "items"):
        lines += _wrap(tip, "- ", "  ")
    lines += ["", *_heading(words(plist, "notes.heading"))]
    lines += [line for _ in range(3) for line in ("_" * WIDTH, "")]
    lines += ["", "-" * WIDTH, *_wrap(pack.text("not_advice")), *_wrap(pack.text("crisis_line"))]
    return "\n".join(lines).rstrip() + "\n"
