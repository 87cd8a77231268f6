"""The printable, fillable PDF: the list a patient takes to the appointment.

Page 1 holds the title, the visit details (or blanks to fill in) and the three questions
to ask first; then the optional summary for the provider (where a provider looks), the
main list by topic, "if there is time" as a short checklist, the patient's own questions,
the support plan, a worksheet to compare clinics (for a patient choosing one), a few tips
for the visit and a notes page. Every page says "Page X of Y", that this is not medical
advice, and how to reach the 988 line. The saved answers ride inside as an embedded file,
so the printed list is also the "continue later" file.

Everything the patient typed is escaped before it reaches reportlab's paragraph markup,
so ``<img src=...>`` prints as those characters and never pulls in a file; and text of any
height flows on from page to page, so nothing typed can stop the PDF from being made.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from questions import languages
from questions.answers_file import ANSWERS_ATTACHMENT
from questions.clinic import after_hours_line, contact_line
from questions.escape import reportlab as escape  # the one reportlab escaper (questions/escape.py)
from questions.fonts import (
    BOLD,
    REGULAR,
    printable,
    register_fonts,
    right_to_left_in_answers,
    unprintable_in_answers,
)
from questions.listing import ListItem, PatientList
from questions.pdf_parts import (
    ACCENT,
    HAIRLINE,
    INK,
    MUTED,
    TINT,
    AccentBar,
    BlankLine,
    Fields,
    KeepWhole,
    LabeledLine,
    Para,
    QuestionBlock,
    WriteBox,
    WritingLines,
    attach_file,
    numbered_canvas,
)
from questions.text_doc import (
    WORKSHEET_CLINICS,
    format_date,
    is_compact,
    numbered,
    summary_rows,
    support_rows,
    visit_rows,
    word_list,
    worksheet_questions,
)

PAGE_SIZES = {"letter": letter, "a4": A4}


@dataclass(frozen=True)
class Look:
    """Every size on the page, for one print size; large print scales all of them."""

    body: float
    leading: float
    small: float
    """Reasons, labels and lead-ins: smaller in normal print, 18 pt in large print."""
    small_leading: float
    title: float
    heading: float
    footer: float
    """Page furniture (header, footer): may be smaller than what the patient reads."""
    box: float
    gutter: float
    line_gap: float
    answer_lines: int
    margin: float
    space: float


NORMAL = Look(
    body=11,
    leading=14.5,
    small=9.5,
    small_leading=12.5,
    title=20,
    heading=13.5,
    footer=8.5,
    box=10.5,
    gutter=22,
    line_gap=20,
    answer_lines=2,
    margin=0.75 * inch,
    space=6,
)
LARGE = Look(
    body=18,
    leading=22,
    small=18,
    small_leading=22,
    title=22,
    heading=20,
    footer=12,
    box=17,
    gutter=32,
    line_gap=27,
    answer_lines=2,
    margin=0.55 * inch,
    space=7,
)

MIN_NOTE_LINES = 3
"""The notes start on the last page of questions only if it has room for this many lines."""
HEADER_TOP = 0.45 * inch
"""From the top of the paper to the top of the running header."""
FOOTER_BOTTOM = 0.4 * inch


def number_width(look: Look) -> float:
    """Room for a question's number ("25.") before its text."""
    return stringWidth("00.", BOLD, look.body) + look.body * 0.4


@cache
def _styles(large: bool) -> dict[str, ParagraphStyle]:
    """Paragraph styles for one print size (built once per process)."""
    family = register_fonts()
    look = LARGE if large else NORMAL
    base = ParagraphStyle(
        "base",
        fontName=family,
        fontSize=look.body,
        leading=look.leading,
        textColor=INK,
        # Never split a word across lines (large print above all); only a word wider
        # than the whole line is broken, so it cannot run off the page.
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        wordWrap=None,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    small = {"fontSize": look.small, "leading": look.small_leading}
    return {
        "body": base,
        "title": style(
            "title",
            fontName=BOLD,
            fontSize=look.title,
            leading=look.title * 1.2,
            textColor=INK,
            spaceAfter=look.space * 0.5,
        ),
        "intro": style("intro", textColor=MUTED, spaceAfter=look.space * 1.5),
        "heading": style(
            "heading",
            fontName=BOLD,
            fontSize=look.heading,
            leading=look.heading * 1.25,
            textColor=ACCENT,
            spaceBefore=look.space * 1.6,
            spaceAfter=look.space * 0.3,
        ),
        "subheading": style("subheading", fontName=BOLD, spaceAfter=look.space * 0.5),
        "lead": style("lead", **small, textColor=MUTED, spaceAfter=look.space * 1.2),
        # The number hangs to the left of the question, so every line of it starts at one edge.
        "question": style(
            "question",
            leftIndent=number_width(look),
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=look.body,
        ),
        "why": style("why", **small, textColor=MUTED),
        "label": style("label", **small, fontName=BOLD, textColor=MUTED),
        "value": style("value"),
        "cell": style("cell"),
        "cell_bold": style("cell_bold", fontName=BOLD),
        "tip": style(
            "tip",
            **small,
            leftIndent=look.gutter,
            bulletIndent=look.gutter * 0.35,
            bulletFontSize=look.small,
            spaceAfter=look.space * 0.5,
        ),
        "footer_right": style(
            "footer_right",
            fontSize=look.footer,
            leading=look.footer * 1.3,
            alignment=TA_RIGHT,
            textColor=MUTED,
        ),
    }


def user_markup(text: str) -> str:
    """Patient-typed text as safe paragraph markup: printable characters, escaped, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


def no_lone_rows(opening: list[Flowable], rows: list[Flowable]) -> list[Flowable]:
    """A heading and the rows of a table or card, never leaving one row alone on a page.

    The heading travels with the first two rows and the last two rows travel together;
    three rows or fewer stay together. (Never nested: an inner KeepTogether reports an
    endless height and forces a new page.) Content taller than a page still flows on.
    """
    if len(rows) <= 3:
        return [KeepTogether([*opening, *rows])]
    return [KeepTogether([*opening, *rows[:2]]), *rows[2:-2], KeepTogether(rows[-2:])]


class _Builder:
    """Turns one patient's list into platypus flowables."""

    def __init__(self, plist: PatientList, frame_width: float, frame_height: float) -> None:
        self.plist = plist
        self.pack = plist.pack
        self.answers = plist.answers
        self.output = plist.answers.output
        self.look = LARGE if self.output.large_print else NORMAL
        self.styles = _styles(self.output.large_print)
        self.width = frame_width
        self.frame_height = frame_height
        self.fields = self.output.answer_space

    def word(self, key: str, **values: Any) -> str:
        """A document word, escaped for paragraph markup (content is data, not markup)."""
        return escape(self.pack.text(f"document.{key}", **values))

    def ui(self, key: str, **values: Any) -> str:
        return escape(self.pack.text(key, **values))

    def para(self, markup: str, style: str) -> Paragraph:
        return Para(markup, self.styles[style])

    # ---- sections -------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [
            self.para(self.word("title"), "title"),
            self.para(self.word("intro"), "intro"),
            self.visit(),
        ]
        groups = numbered(self.plist)
        top = groups.pop(0)[1] if groups and groups[0][1][0][1].top else []
        if top:
            story += self.ask_first(top, room=self.frame_height - sum(self._height(f) for f in story))
        # The summary for the provider right after page 1's questions, where they look.
        if self.output.include_summary:
            story += self.summary()
        for title, entries in groups:
            if is_compact(entries):
                story += self.compact_section(escape(title), entries)
            else:
                story += self.section(escape(title), entries)
        story += self.support_plan()
        story += self.worksheet()
        # Tips for the visit, then lines for notes to the end of the page: on a new page
        # unless this one has room for the tips and a few lines of notes.
        tips, notes = [Spacer(1, self.look.space), *self.tips()], self.notes()
        needed = sum(self._height(flowable) for flowable in [*tips, *notes[:-1]])
        needed += MIN_NOTE_LINES * self.look.line_gap
        story += [CondPageBreak(needed), *tips, *notes]
        return story

    def ask_first(self, top: list[tuple[int, ListItem]], room: float) -> list[Flowable]:
        """The three to ask first, with room for their answers, all on page 1.

        With their reasons when page 1 holds them (normal print); without when it cannot
        (large print: three reasons at 18 pt would push the third question off page 1).
        """
        title = self.ui("list.ask_first")
        section = self.section(title, top)
        if sum(self._height(flowable) for flowable in section) <= room:
            return section
        return self.section(title, top, reasons=False)

    def _height(self, flowable: Flowable) -> float:
        """A flowable's height on this page's body, spaces included."""
        height = flowable.wrap(self.width, self.frame_height)[1]
        return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()

    def heading(self, markup: str) -> list[Flowable]:
        look = self.look
        return [
            self.para(markup, "heading"),
            AccentBar(width=look.gutter * 1.5, thickness=look.space * 0.45, space_after=look.space),
        ]

    def visit(self) -> Flowable:
        """Provider, date and kind of visit; a line to write on (and a field) for each blank."""
        look = self.look
        label_width = max(look.body * 7.5, self.width * 0.24)
        value_width = self.width - label_width - 2 * look.space * 2
        data = []
        blank_rows = []
        for number, row in enumerate(visit_rows(self.plist)):
            label = self.para(escape(row.label), "label")
            if row.value:
                cell: Flowable = self.para(user_markup(row.value), "value")
            else:
                blank_rows.append(number)
                cell = BlankLine(
                    height=look.leading * 1.2,
                    font_size=look.body,
                    field=f"visit_{row.key}" if self.fields else None,
                    tooltip=row.label,
                    width=value_width,
                )
            data.append([label, cell])
        # A name of any height may continue on the next page, inside its row.
        table = Table(
            data, colWidths=[label_width, self.width - label_width], hAlign="LEFT", splitByRow=1, splitInRow=1
        )
        pad = look.space * 2
        drop = look.body - look.small
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    # Labels sit on the first line of a value, or on the line to write on.
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *(("VALIGN", (0, n), (-1, n), "BOTTOM") for n in blank_rows),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), look.space * 0.4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), look.space * 0.4),
                    ("TOPPADDING", (0, 0), (-1, 0), pad * 0.5),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.5),
                    # A label is smaller than its value: lower it so both share a baseline.
                    *(
                        ("TOPPADDING", (0, n), (0, n), (pad * 0.5 if n == 0 else look.space * 0.4) + drop)
                        for n in range(len(data))
                        if n not in blank_rows
                    ),
                ]
            )
        )
        return KeepWhole(table, max_height=self.frame_height)

    def question_text(self, item: ListItem) -> str:
        return user_markup(item.text) if item.custom else escape(item.text)

    def question(
        self,
        number: int,
        item: ListItem,
        *,
        compact: bool = False,
        reasons: bool = True,
        lead: tuple[Flowable, ...] = (),
    ) -> QuestionBlock:
        """One question, its reason and its writing room (the compact form: the question only)."""
        look = self.look
        why = None
        if self.output.include_reasons and item.why and reasons and not compact:
            why = self.para(f"<b>{self.ui('list.why')}:</b> {escape(item.why)}", "why")
        room = self.output.answer_space and not compact
        fields = None
        if self.fields:
            fields = Fields(
                asked=f"q_{item.id}_asked",
                answer=f"q_{item.id}_answer" if room else None,
                asked_tooltip=self.pack.text("document.question_number", number=number)
                + ": "
                + self.pack.text("document.asked"),
                answer_tooltip=self.pack.text("document.answer_for", number=number),
            )
        return QuestionBlock(
            Para(self.question_text(item), self.styles["question"], bulletText=f"{number}."),
            why,
            box=look.box,
            gutter=look.gutter,
            indent=number_width(look),
            font_size=look.body,
            why_gap=look.space * 0.4,
            lines=look.answer_lines if room else 0,
            line_gap=look.line_gap,
            lines_gap=look.space * 0.2,
            space_after=look.space * (0.9 if compact else 1.5),
            fields=fields,
            max_height=self.frame_height,
            lead=lead,
        )

    def section(
        self, title: str, entries: list[tuple[int, ListItem]], *, reasons: bool = True
    ) -> list[Flowable]:
        """A heading and its questions; the heading is part of the first question's block, so
        it always travels with it (and the block may still fit itself to a page's end)."""
        (number, item), rest = entries[0], entries[1:]
        first = self.question(number, item, reasons=reasons, lead=tuple(self.heading(title)))
        return [first, *(self.question(number, item, reasons=reasons) for number, item in rest)]

    def compact_section(self, title: str, entries: list[tuple[int, ListItem]]) -> list[Flowable]:
        """ "If there is time": a short checklist, no reasons and no writing room."""
        rows: list[Flowable] = [self.question(number, item, compact=True) for number, item in entries]
        return no_lone_rows(self.heading(title), rows)

    def card_row(self, label: Flowable, cell: Sequence[Flowable], label_width: float) -> Flowable:
        """One row of a card: its own small table, so the card may continue between rows."""
        look = self.look
        pad = look.space
        table = Table(
            [[label, cell]],
            colWidths=[label_width, self.width - label_width],
            hAlign="LEFT",
            splitByRow=1,
            splitInRow=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                    ("BOX", (0, 0), (-1, -1), 0.7, HAIRLINE),
                    ("BACKGROUND", (0, 0), (0, -1), TINT),
                ]
            )
        )
        return KeepWhole(table, max_height=self.frame_height)

    def support_plan(self) -> list[Flowable]:
        """A card with one row per part of the plan; a gap gets a line to write who could help."""
        look = self.look
        rows: list[Flowable] = []
        for row in support_rows(self.plist):
            cell: list[Flowable] = [self.para(f"<b>{escape(row.answer)}</b>", "cell")]
            if row.gap:
                cell.append(
                    LabeledLine(
                        self.pack.text("document.support.who"),
                        font=BOLD,
                        font_size=look.small,
                        leading=look.small_leading,
                        color=MUTED,
                        field=f"support_{row.key}_who" if self.fields else None,
                        tooltip=self.pack.text("document.support.who_for", item=row.label),
                        gap=look.space,
                    )
                )
            # Large print: a narrower label column leaves "Who could help:" room for its line.
            label_width = self.width * (0.42 if self.output.large_print else 0.5)
            rows.append(self.card_row(self.para(escape(row.label), "cell"), cell, label_width))
        opening = [*self.heading(self.word("support.heading")), self.para(self.word("support.intro"), "lead")]
        return no_lone_rows(opening, rows)

    def summary(self) -> list[Flowable]:
        """What the patient shared, for the provider: one row per part, never a lone row."""
        rows: list[Flowable] = []
        for row in summary_rows(self.plist):
            value = [self.para(user_markup(item), "value") for item in row.items]
            rows.append(self.card_row(self.para(escape(row.label), "label"), value, self.width * 0.32))
        if not rows:
            rows.append(self.para(self.word("summary.nothing"), "value"))
        opening = [*self.heading(self.word("summary.heading")), self.para(self.word("summary.intro"), "lead")]
        return no_lone_rows(opening, rows)

    def worksheet(self) -> list[Flowable]:
        """For a patient choosing a clinic: the clinic questions in rows, a column per clinic."""
        questions = worksheet_questions(self.plist)
        if not questions:
            return []
        look = self.look
        clinics = range(1, WORKSHEET_CLINICS + 1)
        question_width = self.width * 0.37
        clinic_width = (self.width - question_width) / WORKSHEET_CLINICS
        header: list[Any] = [self.para(self.word("worksheet.question"), "label")]
        for n in clinics:
            header.append(
                [
                    self.para(self.word("worksheet.clinic", number=n), "cell_bold"),
                    BlankLine(
                        height=look.leading * 1.3,
                        font_size=look.body,
                        field=f"clinic_{n}_name" if self.fields else None,
                        tooltip=self.pack.text("document.worksheet.name_for", number=n),
                    ),
                ]
            )
        data = [header]
        for item in questions:
            cells: list[Any] = [self.para(self.question_text(item), "cell")]
            for n in clinics:
                cells.append(
                    WriteBox(
                        height=look.line_gap * 2.5,
                        font_size=look.small,
                        field=f"clinic_{n}_{item.id}" if self.fields else None,
                        tooltip=self.pack.text("document.worksheet.answer_for", number=n, question=item.text),
                    )
                )
            data.append(cells)
        table = Table(
            data,
            colWidths=[question_width, *([clinic_width] * WORKSHEET_CLINICS)],
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
        opening = [
            *self.heading(self.word("worksheet.heading")),
            self.para(self.word("worksheet.intro"), "lead"),
        ]
        return [KeepTogether([*opening, table])]

    def tips(self) -> list[Flowable]:
        look = self.look
        items = word_list(self.plist, "tips", "items")
        cell: list[Flowable] = [self.para(self.word("tips.heading"), "subheading")]
        cell += [Para(escape(tip), self.styles["tip"], bulletText="\u2022") for tip in items]
        box = Table([[cell]], colWidths=[self.width], hAlign="LEFT")
        pad = look.space * 1.6
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LINEBEFORE", (0, 0), (0, -1), look.space * 0.6, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), pad),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5),
                ]
            )
        )
        return [box]

    def notes(self) -> list[Flowable]:
        look = self.look
        return [
            *self.heading(self.word("notes.heading")),
            WritingLines(
                lines=1,
                gap=look.line_gap,
                indent=0,
                font_size=look.body,
                field="notes" if self.fields else None,
                tooltip=self.pack.text("document.notes.label"),
                fill=True,
            ),
        ]


class _PageFurniture:
    """The header and footer every page carries, laid out once and stamped on each page.

    Footer: a hairline, the crisis line (bold), then "not medical advice" on the left and
    "Page X of Y" on the right. Header (from page 2): the title and the visit date, so a
    loose page still says what it belongs to; wrapped by whole words, never cut.
    """

    def __init__(self, plist: PatientList, look: Look, frame_width: float, page_height: float) -> None:
        pack = plist.pack
        self.look = look
        self.pack = pack
        self.left = look.margin
        self.width = frame_width
        self.page_height = page_height
        self.size = look.footer
        self.leading = look.footer * 1.3
        number_room = (
            stringWidth(pack.text("document.page", page=88, pages=88), REGULAR, self.size) + look.space
        )
        self.crisis = simpleSplit(pack.text("crisis_line"), BOLD, self.size, frame_width)
        # A clinic's after-hours line goes beside the 988 line, never instead of it.
        after_hours = after_hours_line(pack)
        self.after_hours = simpleSplit(after_hours, REGULAR, self.size, frame_width) if after_hours else []
        self.advice = simpleSplit(pack.text("not_advice"), REGULAR, self.size, frame_width - number_room)
        lines = len(self.crisis) + len(self.after_hours) + len(self.advice)
        self.height = lines * self.leading + look.space
        header = pack.text("document.title")
        if plist.answers.visit.date:
            date = format_date(plist.answers.visit.date, plist)
            header += " \u00b7 " + pack.text("document.visit.header", date=date)
        # A clinic's name and phone, right-aligned on the header's first line on every page.
        self.contact = contact_line(pack) or ""
        room = frame_width - (
            stringWidth(self.contact, REGULAR, self.size) + look.space * 4 if self.contact else 0
        )
        self.header = simpleSplit(header, REGULAR, self.size, room)
        self.app = simpleSplit(pack.text("app_title"), BOLD, self.size, room)

    @property
    def bottom_margin(self) -> float:
        """Where the page's body must stop so it never touches the footer."""
        return FOOTER_BOTTOM + self.height + self.look.space * 2.5

    @property
    def top_margin(self) -> float:
        """Where the page's body starts: below the longest header (the words, never cut)."""
        lines = max(len(self.header), len(self.app))
        return HEADER_TOP + lines * self.leading + self.look.space * 2.5

    def draw(self, canv: Canvas, page: int, pages: int) -> None:
        look = self.look
        canv.saveState()
        top = FOOTER_BOTTOM + self.height
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.6)
        canv.line(self.left, top + look.space, self.left + self.width, top + look.space)
        y = top - self.size
        canv.setFillColor(INK)
        canv.setFont(BOLD, self.size)
        for line in self.crisis:
            canv.drawString(self.left, y, line)
            y -= self.leading
        canv.setFont(REGULAR, self.size)
        for line in self.after_hours:
            canv.drawString(self.left, y, line)
            y -= self.leading
        y -= look.space
        canv.setFont(REGULAR, self.size)
        number_y = y
        for line in self.advice:
            canv.drawString(self.left, y, line)
            y -= self.leading
        canv.setFillColor(MUTED)
        number = self.pack.text("document.page", page=page, pages=pages)
        canv.drawRightString(self.left + self.width, number_y, number)
        # Header: the app's name on page 1, then the title (and date) on every later page.
        y = self.page_height - HEADER_TOP - self.size
        if self.contact:
            canv.setFillColor(INK)
            canv.setFont(REGULAR, self.size)
            canv.drawRightString(self.left + self.width, y, self.contact)
        if page == 1:
            canv.setFillColor(ACCENT)
            canv.setFont(BOLD, self.size)
            lines = self.app
        else:
            lines = self.header
        for line in lines:
            canv.drawString(self.left, y, line)
            y -= self.leading
        canv.restoreState()


def build_pdf(plist: PatientList, *, invariant: bool = False) -> bytes:
    """The patient's list as a PDF with the saved answers inside (``invariant`` gives
    byte-identical output, for tests)."""
    output = plist.answers.output
    look = LARGE if output.large_print else NORMAL
    pack = plist.pack
    page_width, page_height = PAGE_SIZES[output.paper]
    frame_width = page_width - 2 * look.margin
    register_fonts()
    furniture = _PageFurniture(plist, look, frame_width, page_height)
    bottom_margin = furniture.bottom_margin
    top_margin = furniture.top_margin

    # Binary (not ASCII85) streams: smaller files, and a pure-Python encoding step saved.
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    frame_height = page_height - top_margin - bottom_margin
    frame = Frame(
        look.margin,
        bottom_margin,
        frame_width,
        frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_width, page_height),
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
        leftMargin=look.margin,
        rightMargin=look.margin,
        topMargin=top_margin,
        bottomMargin=bottom_margin,
        title=pack.text("document.title"),
        author=pack.text("app_title"),
        subject=pack.text("document.subject"),
        creator=pack.text("app_title"),
        lang=languages.tag(plist.answers.language),
        displayDocTitle=True,
        invariant=1 if invariant else 0,
    )
    # The same bytes as "Save my answers": loading this PDF later restores the answers.
    saved = plist.answers.to_json().encode("utf-8")

    def attach(canv: Canvas) -> None:
        attach_file(
            canv,
            name=ANSWERS_ATTACHMENT,
            data=saved,
            media_type="application/json",
            description=pack.text("document.attachment", app=pack.text("app_title")),
        )

    story = _Builder(plist, frame_width, frame_height).story()
    doc.build(story, canvasmaker=numbered_canvas(furniture.draw, finish=attach))
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    """How many pages a PDF this module made has (read from the file itself)."""
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def pdf_warnings(plist: PatientList) -> list[str]:
    """Plain sentences about what the PDF cannot show as typed (said before it is made)."""
    answers = plist.answers
    warnings = []
    missing = unprintable_in_answers(answers)
    if missing:
        warnings.append(plist.pack.text("document.warnings.unprintable", characters=" ".join(missing)))
    if right_to_left_in_answers(answers):
        warnings.append(plist.pack.text("document.warnings.right_to_left"))
    return warnings
