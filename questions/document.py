"""The printed document, format-neutral: everything a patient's list holds, in plain strings.

:func:`document_for` turns a :class:`~questions.listing.PatientList` into a
:class:`Document` once; the PDF (``questions/pdf.py``), the HTML page
(``questions/html_doc.py``), the Markdown and plain-text documents
(``questions/text_doc.py``) and the ``list`` command's formats
(``questions/list_formats.py``) only render it. So what is in a document, in which order,
with which number, under which heading, is decided here and nowhere else, and the formats
cannot disagree.

Every string is plain text exactly as the patient or the bank wrote it (already
normalised by ``questions.models``): no markup of any kind. Each renderer escapes it for
its own target with ``questions.escape``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from questions import languages, vocab
from questions.clinic import after_hours_line, contact_line
from questions.content import load_bank
from questions.listing import ListItem, PatientList, item_for
from questions.vocab import Language, Paper

CLINIC_TOPIC = "clinic"
WORKSHEET_CLINICS = 3
"""How many clinics the "compare clinics" worksheet has a column for."""


# ---- the parts of a document ---------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One question on the list, with its number and the words printed around it.

    ``item`` is the list's own record of the question (``listing.ListItem``, which holds the
    engine's ``engine.ListedQuestion``): held, not copied, so the engine, the review step
    and every format read one record. The properties below are shortcuts to it."""

    number: int
    """One numbering, continuous from the first question to the last, in every format."""
    item: ListItem
    show_why: bool
    """The reason is printed under the question (reasons asked for; never in a compact section)."""
    room: bool
    """Room to write the answer under the question (and a field, in a fillable PDF)."""
    asked_label: str
    """Names the "asked" check box ("Question 3: Asked")."""
    answer_label: str
    """Names the room for the answer ("My answer / notes for question 3")."""

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def why(self) -> str:
        """Why ask it, in the bank's words ("" for the patient's own questions)."""
        return self.item.why

    @property
    def custom(self) -> bool:
        """The patient's own words (printed as typed: never read as anything but text)."""
        return self.item.custom

    @property
    def top(self) -> bool:
        return self.item.top

    @property
    def if_time(self) -> bool:
        return self.item.if_time

    @property
    def topic(self) -> str:
        return self.item.topic

    @property
    def topic_label(self) -> str:
        return self.item.topic_label

    @property
    def source(self) -> str | None:
        """The guide section the question comes from (None for questions about the clinic itself)."""
        return self.item.source

    @property
    def tier(self) -> str:
        return self.item.tier

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the engine put it on this patient's list (signal ids)."""
        return self.item.reasons


SectionKind = Literal["ask_first", "topic", "if_time", "own"]


@dataclass(frozen=True)
class Section:
    """A heading and its questions: "Ask these first", a topic, "If there is time", or the
    patient's own questions. Never empty."""

    kind: SectionKind
    title: str
    lead: str
    """A line under the heading ("If time is short, start with these three."), or ""."""
    questions: tuple[Question, ...]
    continued: str = ""
    """The heading again where the section goes on to a new page ("Ask these first
    (continued)"): the PDF's large print, where the three to ask first can run on to page 2."""

    @property
    def compact(self) -> bool:
        """Printed as a short checklist: no reasons, no room to write."""
        return self.kind == "if_time"


@dataclass(frozen=True)
class VisitRow:
    key: str
    label: str
    value: str
    """Empty when the patient left it blank (the document leaves room to write it in)."""


@dataclass(frozen=True)
class VisitDetails:
    """The visit as printed: its rows in words (``models.Visit`` is the answer it comes from)."""

    heading: str
    rows: tuple[VisitRow, ...]


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    """What the patient shared, in plain words, for the provider (only when asked for)."""

    heading: str
    intro: str
    rows: tuple[SummaryRow, ...]
    """Empty parts left out; no rows at all prints ``nothing``."""
    nothing: str


@dataclass(frozen=True)
class SupportRow:
    key: str
    label: str
    answer: str
    """The answer in words ("No", "Not sure"), or the words for "not answered yet"."""
    gap: bool
    """A "no" or "not sure": the document leaves a line to write who could help."""
    who_label: str
    """Names that line ("Who could help with: A ride home")."""


@dataclass(frozen=True)
class SupportPlan:
    """The support plan as printed, gaps marked (``models.Support`` is the answers it comes from)."""

    heading: str
    intro: str
    who: str
    """The words before a gap's line ("Who could help:")."""
    rows: tuple[SupportRow, ...]


@dataclass(frozen=True)
class WorksheetClinic:
    number: int
    label: str
    """A column's heading ("Clinic 1")."""
    name_label: str
    """Names the line for the clinic's name ("Clinic 1: name")."""


@dataclass(frozen=True)
class WorksheetRow:
    id: str
    text: str
    answer_labels: tuple[str, ...]
    """Names each clinic's box for this question, one per clinic, in column order."""


@dataclass(frozen=True)
class Worksheet:
    """For a patient choosing a clinic: the same questions asked of each clinic, side by side."""

    heading: str
    intro: str
    question_label: str
    clinics: tuple[WorksheetClinic, ...]
    rows: tuple[WorksheetRow, ...]


@dataclass(frozen=True)
class Tips:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Notes:
    heading: str
    label: str
    """Names the notes field."""


Block = VisitDetails | Section | Summary | SupportPlan | Worksheet | Tips | Notes
"""One part of the document's body; ``Document.body`` holds them in print order."""


@dataclass(frozen=True)
class HtmlWords:
    """Words only the HTML page shows."""

    skip_link: str
    print_hint: str
    crisis_label: str


@dataclass(frozen=True)
class Document:
    """Everything a printed document holds, in print order, in one language."""

    language: Language
    lang: str
    """The BCP-47 tag the document declares (``languages.tag``)."""
    direction: str
    """``ltr`` or ``rtl`` (``languages.direction``): how the HTML page runs."""
    app_title: str
    title: str
    subject: str
    intro: str
    contact: str
    """The clinic's name and phone (the clinic edition), or ""."""
    crisis: str
    """The 988 line: on every page and at the end of every format."""
    after_hours: str
    """The clinic's after-hours line (beside the crisis line, never instead of it), or ""."""
    not_advice: str
    running_header: str
    """What a loose page says it belongs to: the title, and the visit date when there is one."""
    why_label: str
    """"Why ask this", before a question's reason."""
    answer_heading: str
    """"My answer / notes", over the room to write an answer."""
    body: tuple[Block, ...]
    """The visit, the sections of questions (the summary right after "Ask these first"),
    the support plan, the worksheet, the tips and the notes, in print order."""
    html: HtmlWords
    paper: Paper
    large_print: bool
    fillable: bool
    """Room for the answers was asked for: a PDF with form fields (and room to write)."""
    saved_answers: str
    """The answers file (JSON), carried inside the PDF so the printout can be loaded again."""
    attachment_description: str
    warnings: tuple[str, ...]
    """Plain sentences about what in the answers was skipped (ids no longer in the bank)."""
    page_label: Callable[[int, int], str] = field(compare=False, repr=False)
    """"Page X of Y" in the document's language."""

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(block for block in self.body if isinstance(block, Section))

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question on the list, in print order (the numbering's order)."""
        return tuple(question for section in self.sections for question in section.questions)


# ---- building it ----------------------------------------------------------------------------

Words = Callable[..., str]
"""A word of the printed documents by its key under ``document`` (``data/<lang>/document.yaml``)."""


def document_for(plist: PatientList) -> Document:
    """The document for one patient's list: every word, number and row, in print order."""
    pack = plist.pack
    answers = plist.answers
    output = answers.output

    def words(key: str, **values: object) -> str:
        return pack.text(f"document.{key}", **values)

    sections = _sections(plist, words)
    summary = _summary(plist, words) if output.include_summary else None
    # The summary for the provider right after the three to ask first, where a provider looks.
    head, rest = (
        (sections[:1], sections[1:]) if sections and sections[0].kind == "ask_first" else ((), sections)
    )
    worksheet = _worksheet(plist, words)
    body: list[Block] = [
        _visit(plist, words),
        *head,
        *([summary] if summary else []),
        *rest,
        _support(plist, words),
        *([worksheet] if worksheet else []),
        Tips(words("tips.heading"), tuple(str(tip) for tip in pack.ui["document"]["tips"]["items"])),
        Notes(words("notes.heading"), words("notes.label")),
    ]
    title = words("title")
    running_header = title
    if answers.visit.date:
        running_header += " \u00b7 " + words(
            "visit.header", date=long_date(answers.visit.date, answers.language)
        )
    return Document(
        language=answers.language,
        lang=languages.tag(answers.language),
        direction=languages.direction(answers.language),
        app_title=pack.text("app_title"),
        title=title,
        subject=words("subject"),
        intro=words("intro"),
        contact=contact_line(pack) or "",
        crisis=pack.text("crisis_line"),
        after_hours=after_hours_line(pack) or "",
        not_advice=pack.text("not_advice"),
        running_header=running_header,
        why_label=pack.text("list.why"),
        answer_heading=words("answer_label"),
        body=tuple(body),
        html=HtmlWords(words("html.skip_link"), words("html.print_hint"), words("html.crisis_label")),
        paper=output.paper,
        large_print=output.large_print,
        fillable=output.answer_space,
        saved_answers=answers.to_json(),
        attachment_description=words("attachment", app=pack.text("app_title")),
        warnings=tuple(plist.warnings()),
        page_label=lambda page, pages: words("page", page=page, pages=pages),
    )


def long_date(iso: str, language: Language) -> str:
    """A visit date in words ("December 3, 2026"): no one has to guess the order of numbers."""
    return languages.long_date(dt.date.fromisoformat(iso), language)


def _visit(plist: PatientList, words: Words) -> VisitDetails:
    """Provider, date and kind of visit, in words (blank values stay blank), and the
    medicines the patient typed."""
    visit = plist.answers.visit
    values = {
        "provider": visit.provider,
        "date": long_date(visit.date, plist.answers.language) if visit.date else "",
        # The wizard's answer ("I am choosing a clinic") does not read as a kind of visit.
        "stage": words(f"visit.stages.{visit.stage}") if visit.stage else "",
    }
    rows = [VisitRow(key, words(f"visit.{key}"), value) for key, value in values.items()]
    # Issue #25: the medicines typed on the health step, where the provider reads the visit
    # (page 1), whether or not the summary is asked for. Only when typed: no blank to fill.
    if plist.answers.medications:
        rows.append(VisitRow("medications", words("visit.medications"), plist.answers.medications))
    return VisitDetails(words("visit.heading"), tuple(rows))


def _sections(plist: PatientList, words: Words) -> tuple[Section, ...]:
    """The printed groups in order, numbered once: ask first, each topic, "if there is
    time", then the patient's own; none empty."""
    pack = plist.pack
    groups: list[tuple[SectionKind, str, str, tuple[ListItem, ...]]] = [
        ("ask_first", pack.text("list.ask_first"), words("ask_first_intro"), plist.top),
        *(("topic", title, "", tuple(items)) for title, items in plist.by_topic),
        ("if_time", pack.text("list.if_time"), "", plist.if_time),
        ("own", pack.text("list.own_questions"), "", plist.own),
    ]
    reasons = plist.answers.output.include_reasons
    room = plist.answers.output.answer_space
    sections = []
    number = 0
    for kind, title, lead, items in groups:
        if not items:
            continue
        compact = kind == "if_time"
        questions = []
        for item in items:
            number += 1
            questions.append(
                Question(
                    number=number,
                    item=item,
                    show_why=reasons and bool(item.why) and not compact,
                    room=room and not compact,
                    asked_label=words("question_number", number=number) + ": " + words("asked"),
                    answer_label=words("answer_for", number=number),
                )
            )
        sections.append(Section(kind, title, lead, tuple(questions), words("continued", heading=title)))
    return tuple(sections)


def _summary(plist: PatientList, words: Words) -> Summary:
    """What the patient shared, in plain words, for the provider; empty parts left out."""
    answers = plist.answers
    labels = plist.pack.labels
    conditions = [labels.conditions[c] for c in answers.conditions if c != "other"]
    if answers.other_condition:
        conditions.append(words("summary.other_condition", text=answers.other_condition))
    elif "other" in answers.conditions:
        conditions.append(labels.conditions["other"])
    helper = answers.for_whom == vocab.HELPER
    parts = {
        # Issue #24: on a list for someone I help, the provider reads who filled it in first.
        "for_whom": [words("summary.by_helper")] if helper else [],
        "conditions": conditions,
        "tried_treatments": [labels.tried_treatments[t] for t in answers.tried_treatments],
        "health": [labels.health[h] for h in answers.health],
        "medications": [answers.medications] if answers.medications else [],
        "medication_types": [labels.medication_types[m] for m in answers.medication_types],
        "concerns": [labels.concerns[c] for c in answers.concerns],
    }
    rows = tuple(
        SummaryRow(key, words(f"summary.{key}"), tuple(items)) for key, items in parts.items() if items
    )
    return Summary(words("summary.heading"), words("summary.intro"), rows, words("summary.nothing"))


def _support(plist: PatientList, words: Words) -> SupportPlan:
    """Every part of the support plan with the patient's answer; a "no" or "not sure" is a gap."""
    labels = plist.pack.labels
    rows = []
    for key in vocab.SUPPORT_KEYS:
        answer = getattr(plist.answers.support, key)
        said = labels.answers[answer] if answer else words("support.not_answered")
        label = labels.support[key]
        rows.append(
            SupportRow(key, label, said, answer in vocab.GAP_ANSWERS, words("support.who_for", item=label))
        )
    return SupportPlan(words("support.heading"), words("support.intro"), words("support.who"), tuple(rows))


def worksheet_items(plist: PatientList) -> list[ListItem]:
    """For a patient choosing a clinic: the clinic-vetting questions to ask every clinic.

    The bank's vetting rows (``policy.clinic_vetting``: credentials, who watches me,
    emergencies, home doses, what the price includes, FDA status, after-hours help) that
    the patient has not removed, each in the words the list gives it; then the other
    questions about the clinic itself that are on the list. Empty for every other stage:
    then no document has a worksheet.
    """
    if plist.answers.visit.stage != "choosing_clinic":
        return []
    bank = load_bank()
    listed = {item.id: item for item in plist.items if not item.custom}
    by_group = {bank.by_id[qid].group: item for qid, item in listed.items() if bank.by_id[qid].group}
    removed = set(plist.answers.removed_questions)
    rows: dict[str, ListItem] = {}
    for qid in bank.policy.clinic_vetting:
        if qid in bank.by_id and qid not in removed:
            # A question of the same group on the list asks the same thing in its words.
            item = listed.get(qid) or by_group.get(bank.by_id[qid].group) or item_for(qid, plist.pack)
            rows.setdefault(item.id, item)
    for qid, item in listed.items():
        if item.topic == CLINIC_TOPIC:
            rows.setdefault(qid, item)
    return list(rows.values())


def _worksheet(plist: PatientList, words: Words) -> Worksheet | None:
    items = worksheet_items(plist)
    if not items:
        return None
    numbers = range(1, WORKSHEET_CLINICS + 1)
    clinics = tuple(
        WorksheetClinic(n, words("worksheet.clinic", number=n), words("worksheet.name_for", number=n))
        for n in numbers
    )
    rows = tuple(
        WorksheetRow(
            item.id,
            item.text,
            tuple(words("worksheet.answer_for", number=n, question=item.text) for n in numbers),
        )
        for item in items
    )
    return Worksheet(
        words("worksheet.heading"), words("worksheet.intro"), words("worksheet.question"), clinics, rows
    )
