"""The printable, fillable PDF: the list a patient takes to the appointment.

Page 1 holds the title, the visit details (or blanks to fill in) and the three questions
to ask first; then the rest by topic, the patient's own questions, the support plan, an
optional summary for the provider, a few tips for the visit and a notes page. Every page
says "Page X of Y", that this is not medical advice, and how to reach the 988 line.

Everything the patient typed is escaped before it reaches reportlab's paragraph markup,
so ``<img src=...>`` prints as those characters and never pulls in a file.
"""

from __future__ import annotations

import io
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
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

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
    Para,
    QuestionBlock,
    WritingLines,
    numbered_canvas,
)
from questions.text_doc import LANGUAGE_TAGS, format_date, summary_rows, support_rows, visit_rows, word_list

PAGE_SIZES = {"letter": letter, "a4": A4}


@dataclass(frozen=True)
class Look:
    """Every size on the page, for one print size; large print scales all of them."""

    body: float
    leading: float
    small: float
    small_leading: float
    title: float
    heading: float
    footer: float
    box: float
    gutter: float
    line_gap: float
    answer_lines: int
    margin: float
    top_margin: float
    space: float


NORMAL = Look(
    body=11,
    leading=15,
    small=9.5,
    small_leading=13,
    title=20,
    heading=14,
    footer=9.5,
    box=11,
    gutter=24,
    line_gap=21,
    answer_lines=3,
    margin=0.85 * inch,
    top_margin=0.7 * inch,
    space=6,
)
LARGE = Look(
    body=18,
    leading=24,
    small=16,
    small_leading=21,
    title=26,
    heading=22,
    footer=16,
    box=17,
    gutter=36,
    line_gap=30,
    answer_lines=3,
    margin=0.6 * inch,
    top_margin=0.6 * inch,
    space=8,
)


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

    return {
        "body": base,
        "app": style("app", fontName=BOLD, fontSize=look.small, leading=look.small_leading, textColor=ACCENT),
        "title": style(
            "title",
            fontName=BOLD,
            fontSize=look.title,
            leading=look.title * 1.2,
            textColor=INK,
            spaceBefore=look.space * 0.5,
            spaceAfter=look.space,
        ),
        "intro": style("intro", textColor=MUTED, spaceAfter=look.space * 1.5),
        "heading": style(
            "heading",
            fontName=BOLD,
            fontSize=look.heading,
            leading=look.heading * 1.25,
            textColor=ACCENT,
            spaceBefore=look.space * 3,
            spaceAfter=look.space * 0.5,
        ),
        "subheading": style("subheading", fontName=BOLD, spaceAfter=look.space * 0.5),
        "lead": style(
            "lead",
            fontSize=look.small,
            leading=look.small_leading,
            textColor=MUTED,
            spaceAfter=look.space * 1.5,
        ),
        # The number hangs to the left of the question, so every line of it starts at one edge.
        "question": style(
            "question",
            leftIndent=number_width(look),
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=look.body,
        ),
        "why": style(
            "why",
            fontSize=look.small,
            leading=look.small_leading,
            textColor=MUTED,
        ),
        "label": style(
            "label", fontName=BOLD, fontSize=look.small, leading=look.small_leading, textColor=MUTED
        ),
        "value": style("value"),
        "cell": style("cell"),
        "item": style(
            "item", leftIndent=look.body * 1.2, bulletIndent=look.body * 0.2, spaceBefore=look.space * 0.3
        ),
        "bullet": style(
            "bullet", leftIndent=look.gutter, bulletIndent=look.gutter * 0.35, spaceAfter=look.space
        ),
        "footer": style("footer", fontSize=look.footer, leading=look.footer * 1.3, textColor=INK),
        "footer_bold": style("footer_bold", fontName=BOLD, fontSize=look.footer, leading=look.footer * 1.3),
        "footer_right": style(
            "footer_right",
            fontSize=look.footer,
            leading=look.footer * 1.3,
            alignment=TA_RIGHT,
            textColor=MUTED,
        ),
        "header": style("header", fontSize=look.footer, leading=look.footer * 1.3, textColor=MUTED),
    }


def user_markup(text: str) -> str:
    """Patient-typed text as safe paragraph markup: printable characters, escaped, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


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
        self.number = 0
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
        top = self.plist.top
        if top and self.output.large_print:
            # Three large-print questions with their writing room do not fit on page 1:
            # list them there in short, then give each its room under the same numbers.
            story += self.top_at_a_glance(top)
            story += [PageBreak()]
            story += self.section(self.word("top_room_heading"), top)
        elif top:
            # No lead-in sentence here: page 1 must hold all three, in any language.
            story += self.section(self.ui("list.ask_first"), top)
        for topic_label, items in self.plist.by_topic:
            story += self.section(escape(topic_label), items)
        if self.plist.if_time:
            story += self.section(self.ui("list.if_time"), self.plist.if_time)
        if self.plist.own:
            story += self.section(self.ui("list.own_questions"), self.plist.own)
        story += self.support_plan()
        if self.output.include_summary:
            story += self.summary()
        # Tips for the visit, then lines for notes to the end of the page: on a new page
        # unless more than half of this one is still free.
        story += [CondPageBreak(self.frame_height * 0.55), Spacer(1, self.look.space * 3), *self.tips()]
        story += self.notes()
        return story

    def heading(self, markup: str) -> list[Flowable]:
        look = self.look
        return [
            self.para(markup, "heading"),
            AccentBar(width=look.gutter * 1.5, thickness=look.space * 0.5, space_after=look.space * 1.5),
        ]

    def visit(self) -> Flowable:
        """Provider, date and kind of visit; a line to write on (and a field) for each blank."""
        look = self.look
        label_width = max(look.body * 7.5, self.width * 0.22)
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
        table = Table(data, colWidths=[label_width, self.width - label_width], hAlign="LEFT")
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
                    ("TOPPADDING", (0, 0), (-1, -1), look.space * 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), look.space * 0.5),
                    ("TOPPADDING", (0, 0), (-1, 0), pad * 0.6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.6),
                    # A label is smaller than its value: lower it so both share a baseline.
                    *(
                        ("TOPPADDING", (0, n), (0, n), (pad * 0.6 if n == 0 else look.space * 0.5) + drop)
                        for n in range(len(data))
                        if n not in blank_rows
                    ),
                ]
            )
        )
        return table

    def question(self, item: ListItem) -> QuestionBlock:
        """One question, its reason and its writing room: never split across pages."""
        look = self.look
        self.number += 1
        number = self.number
        text = user_markup(item.text) if item.custom else escape(item.text)
        why = None
        if self.output.include_reasons and item.why:
            why = self.para(f"<b>{self.ui('list.why')}:</b> {escape(item.why)}", "why")
        fields = None
        if self.fields:
            fields = Fields(
                asked=f"q_{item.id}_asked",
                answer=f"q_{item.id}_answer",
                asked_tooltip=self.pack.text("document.question_number", number=number)
                + ": "
                + self.pack.text("document.asked"),
                answer_tooltip=self.pack.text("document.answer_for", number=number),
            )
        room = self.output.answer_space
        return QuestionBlock(
            Para(text, self.styles["question"], bulletText=f"{number}."),
            why,
            box=look.box,
            gutter=look.gutter,
            indent=number_width(look),
            font_size=look.body,
            why_gap=look.space * 0.5,
            lines=look.answer_lines if room else 0,
            line_gap=look.line_gap,
            lines_gap=look.space * 0.5,
            space_after=look.space * 2,
            fields=fields,
        )

    def top_at_a_glance(self, top: tuple[ListItem, ...]) -> list[Flowable]:
        """The three to ask first as a short numbered list, so page 1 always shows them."""
        flowables = self.heading(self.ui("list.ask_first"))
        for number, item in enumerate(top, start=1):
            text = user_markup(item.text) if item.custom else escape(item.text)
            flowables.append(Para(text, self.styles["question"], bulletText=f"{number}."))
            flowables.append(Spacer(1, self.look.space * 1.5))
        return flowables

    def section(self, title: str, items: tuple[ListItem, ...] | list[ListItem]) -> list[Flowable]:
        """A heading and its questions; the heading always travels with the first question."""
        opening = self.heading(title)
        blocks = [self.question(item) for item in items]
        flowables: list[Flowable] = [KeepTogether([*opening, blocks[0]])]
        flowables += blocks[1:]
        return flowables

    def support_plan(self) -> list[Flowable]:
        """A card with one row per part of the plan; a gap gets a line to write who could help.

        Each row is its own small table, so the card may continue on the next page between
        rows (never inside one), and its heading always stays with the first row.
        """
        look = self.look
        label_width = self.width * 0.5
        pad = look.space * 1.5
        style = TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("BOX", (0, 0), (-1, -1), 0.7, HAIRLINE),
                ("BACKGROUND", (0, 0), (0, -1), TINT),
            ]
        )
        rows: list[Flowable] = []
        for row in support_rows(self.plist):
            cell: list[Flowable] = [self.para(f"<b>{escape(row.answer)}</b>", "cell")]
            if row.gap:
                cell += [
                    Spacer(1, look.space * 0.5),
                    self.para(self.word("support.who"), "label"),
                    BlankLine(
                        height=look.leading * 1.3,
                        font_size=look.body,
                        field=f"support_{row.key}_who" if self.fields else None,
                        tooltip=self.pack.text("document.support.who_for", item=row.label),
                    ),
                ]
            table = Table(
                [[self.para(escape(row.label), "cell"), cell]],
                colWidths=[label_width, self.width - label_width],
                hAlign="LEFT",
            )
            table.setStyle(style)
            rows.append(table)
        opening = [*self.heading(self.word("support.heading")), self.para(self.word("support.intro"), "lead")]
        return [KeepTogether([*opening, rows[0]]), *rows[1:]]

    def summary(self) -> list[Flowable]:
        """What the patient shared, for the provider: one short labelled list per part."""
        look = self.look
        groups: list[list[Flowable]] = []
        for row in summary_rows(self.plist):
            items = [Para(user_markup(item), self.styles["item"], bulletText="\u2022") for item in row.items]
            groups.append([self.para(escape(row.label), "label"), *items, Spacer(1, look.space * 1.5)])
        if not groups:
            groups.append([self.para(self.word("summary.nothing"), "value")])
        opening = [*self.heading(self.word("summary.heading")), self.para(self.word("summary.intro"), "lead")]
        # Never nest KeepTogether: an inner one reports an endless height and forces a new page.
        return [KeepTogether([*opening, *groups[0]]), *(KeepTogether(group) for group in groups[1:])]

    def tips(self) -> list[Flowable]:
        look = self.look
        items = word_list(self.plist, "tips", "items")
        cell: list[Flowable] = [self.para(self.word("tips.heading"), "subheading")]
        cell += [Para(escape(tip), self.styles["bullet"], bulletText="\u2022") for tip in items]
        box = Table([[cell]], colWidths=[self.width], hAlign="LEFT")
        pad = look.space * 2
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
    loose page still says what it belongs to.
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
        number_room = self.size * 9
        self.crisis = simpleSplit(pack.text("crisis_line"), BOLD, self.size, frame_width)
        self.advice = simpleSplit(pack.text("not_advice"), REGULAR, self.size, frame_width - number_room)
        self.bottom = 0.4 * inch
        self.height = (len(self.crisis) + len(self.advice)) * self.leading + look.space
        header = pack.text("document.title")
        if plist.answers.visit.date:
            date = format_date(plist.answers.visit.date, plist)
            header += " \u00b7 " + pack.text("document.visit.header", date=date)
        self.header = simpleSplit(header, REGULAR, self.size, frame_width)[:1]
        self.app = pack.text("app_title")

    @property
    def bottom_margin(self) -> float:
        """Where the page's body must stop so it never touches the footer."""
        return self.bottom + self.height + self.look.space * 3

    def draw(self, canv: Canvas, page: int, pages: int) -> None:
        look = self.look
        canv.saveState()
        top = self.bottom + self.height
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.6)
        canv.line(self.left, top + look.space, self.left + self.width, top + look.space)
        y = top - self.size
        canv.setFillColor(INK)
        canv.setFont(BOLD, self.size)
        for line in self.crisis:
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
        y = self.page_height - look.top_margin + look.space * 2
        if page == 1:
            canv.setFillColor(ACCENT)
            canv.setFont(BOLD, self.size)
            canv.drawString(self.left, y, self.app)
        else:
            for line in self.header:
                canv.drawString(self.left, y, line)
        canv.restoreState()


def build_pdf(plist: PatientList, *, invariant: bool = False) -> bytes:
    """The patient's list as a PDF (``invariant`` gives byte-identical output, for tests)."""
    output = plist.answers.output
    look = LARGE if output.large_print else NORMAL
    pack = plist.pack
    page_width, page_height = PAGE_SIZES[output.paper]
    frame_width = page_width - 2 * look.margin
    register_fonts()
    furniture = _PageFurniture(plist, look, frame_width, page_height)
    bottom_margin = furniture.bottom_margin

    # Binary (not ASCII85) streams: smaller files, and a pure-Python encoding step saved.
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    frame_height = page_height - look.top_margin - bottom_margin
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
        topMargin=look.top_margin,
        bottomMargin=bottom_margin,
        title=pack.text("document.title"),
        author=pack.text("app_title"),
        subject=pack.text("document.subject"),
        creator=pack.text("app_title"),
        lang=LANGUAGE_TAGS.get(plist.answers.language, "en-US"),
        displayDocTitle=True,
        invariant=1 if invariant else 0,
    )
    doc.build(_Builder(plist, frame_width, frame_height).story(), canvasmaker=numbered_canvas(furniture.draw))
    return buffer.getvalue()


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
