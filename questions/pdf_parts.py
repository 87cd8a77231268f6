"""The PDF's building blocks: check-box questions, writing room, fillable fields, rules.

Each fillable field is drawn by the flowable that owns it, with ``relative=True``, so it
lands exactly where platypus places the printed box or lines beneath it. Every field is
also printed (a box, a line): a form that is printed blank still works with a pen.

For screen readers (``questions.pdf_tags``) each flowable tags what it draws: its words
under the structure element it was given, its field under its ``Form`` element, and its
boxes, rules and tints as artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Indenter, Paragraph

from questions import colours
from questions.pdf_tags import Node, artifact, labelled, tagged, widget

# The documents' colours (``questions.colours``), as reportlab colours.
INK = HexColor(colours.INK)
ACCENT = HexColor(colours.ACCENT)
MUTED = HexColor(colours.MUTED)
RULE = HexColor(colours.RULE)
HAIRLINE = HexColor(colours.HAIRLINE)
TINT = HexColor(colours.TINT)

FILL_SHARE = 0.2
"""No page is left more than this share empty where a block could shrink to fit instead."""

FORM_FONT = "Helvetica"
"""Fillable fields may only use the standard 14 fonts (reportlab's acroForm)."""


def _form(canv: Canvas) -> Any:
    """The canvas's acroForm, with its appearance streams shared between identical fields.

    reportlab renders the check mark glyph and the field appearances anew for every
    field (in pure Python), although they are identical; remembering them per document
    more than halves the time a form with fifty fields takes.
    """
    form = canv.acroForm
    if "checkboxAP" not in form.__dict__:
        form.checkboxAP = cache(form.checkboxAP)  # type: ignore[method-assign]  # see above
        form.txAP = cache(form.txAP)  # type: ignore[method-assign]
    return form


def _text_field(
    canv: Canvas,
    *,
    name: str,
    tooltip: str,
    width: float,
    height: float,
    font_size: float,
    multiline: bool,
    x: float = 0,
    y: float = 0,
    tag: Node | None = None,
) -> None:
    """A transparent, borderless text field over printed lines; no length limit; tied to
    its ``Form`` element ``tag``."""
    _form(canv).textfield(
        name=name,
        tooltip=tooltip,
        x=x,
        y=y,
        width=width,
        height=height,
        relative=True,
        fieldFlags="multiline" if multiline else "",
        maxlen=None,
        borderWidth=0,
        borderColor=None,
        fillColor=None,
        textColor=INK,
        fontName=FORM_FONT,
        fontSize=round(font_size),
    )
    widget(canv, tag)


class Para(Paragraph):
    """A paragraph that remembers its last wrap: platypus measures most flowables twice
    (once for KeepTogether, once to place them), and line breaking is the costly part.

    Its words are ``tag``'s (a structure element); a bullet, if it has one, is ``label``'s
    (the number of a question, read as its list item's label). Drawn a second time (a
    table's header row repeated on the next page) it is an artifact: read once.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None
    tag: Node | None = None
    label: Node | None = None
    _drawn = False

    def __init__(self, *args: Any, tag: Node | None = None, label: Node | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag = tag
        self.label = label

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for number, part in enumerate(parts):
            if isinstance(part, Para) and part is not self:
                part.tag = self.tag
                part.label = self.label if number == 0 else None
        return parts

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        tag = None if self._drawn else self.tag
        self._drawn = True
        label = self.label if self.bulletText else None
        with labelled(canvas, label, tag):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs lack _sW

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Only while the line breaks are still there: splitting a paragraph drops them.
        if self._wrapped and self._wrapped[0] == availWidth and hasattr(self, "blPara"):
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


@dataclass(frozen=True)
class Fields:
    """The form fields of one question (None when the PDF is for a pen only)."""

    asked: str | None
    answer: str | None
    asked_tooltip: str
    answer_tooltip: str
    asked_tag: Node | None = None
    """The ``Form`` element of the "asked" check box."""
    answer_tag: Node | None = None


class QuestionBlock(Flowable):
    """One question as a single unit, kept on one page whenever it fits on one.

    A check box beside the first line, the question, its "why ask this" and the ruled
    room for the answer. With ``fields`` the box is a real form check box and the room a
    multi-line text field; without, they are printed only. A block taller than a whole
    page (only a patient's own, very long text can make one) flows on from page to page:
    see ``split``. ``lines=0`` and no reason give the compact form ("if there is time").
    """

    def __init__(
        self,
        question: Paragraph | None,
        why: Paragraph | None,
        *,
        box: float,
        gutter: float,
        indent: float,
        font_size: float,
        why_gap: float,
        lines: int,
        line_gap: float,
        lines_gap: float,
        space_after: float,
        fields: Fields | None,
        max_height: float,
        checkbox: bool = True,
        lead: tuple[Flowable, ...] = (),
    ) -> None:
        super().__init__()
        self.question = question
        self.why = why
        self.box = box
        self.gutter = gutter
        self.indent = indent
        """Where the reason and the lines start: under the question's text, past its number."""
        self.font_size = font_size
        self.why_gap = why_gap
        self.lines = lines
        self.line_gap = line_gap
        self.lines_gap = lines_gap
        self.space_after = space_after
        self.fields = fields
        self.max_height = max_height
        """The page's body height: a block no taller is never split."""
        self.checkbox = checkbox
        self.lead = lead
        """A section's heading, drawn above the question: it always travels with it."""
        self.continued: tuple[Flowable, ...] = ()
        """Drawn above the question instead when the block starts a page and has no ``lead``:
        the section's heading again, "continued" (an artifact: read once, at the start)."""
        self._shown: tuple[Flowable, ...] = lead
        self._lead_height = 0.0
        self._question_height = 0.0
        self._why_height = 0.0

    def _copy(self, **changes: Any) -> QuestionBlock:
        values = {
            "box": self.box,
            "gutter": self.gutter,
            "indent": self.indent,
            "font_size": self.font_size,
            "why_gap": self.why_gap,
            "lines": self.lines,
            "line_gap": self.line_gap,
            "lines_gap": self.lines_gap,
            "space_after": self.space_after,
            "fields": self.fields,
            "max_height": self.max_height,
            "checkbox": self.checkbox,
            "lead": self.lead,
        }
        question = changes.pop("question", self.question)
        why = changes.pop("why", self.why)
        continued = changes.pop("continued", self.continued)
        block = QuestionBlock(question, why, **{**values, **changes})
        block.continued = continued
        return block

    def getSpaceBefore(self) -> float:
        """A heading's space above it (dropped at the top of a page, like any flowable's)."""
        return self.lead[0].getSpaceBefore() if self.lead else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # A block starts a page when the whole page body is offered to it.
        at_top = avail_height >= self.max_height - 1
        self._shown = self.lead or (self.continued if at_top else ())
        self._lead_height = 0.0
        for number, flowable in enumerate(self._shown):
            self._lead_height += flowable.wrap(avail_width, avail_height)[1] + flowable.getSpaceAfter()
            if number:
                self._lead_height += flowable.getSpaceBefore()
        self._question_height = (
            self.question.wrap(avail_width - self.gutter, avail_height)[1] if self.question else 0.0
        )
        why_width = avail_width - self.gutter - self.indent
        self._why_height = self.why.wrap(why_width, avail_height)[1] + self.why_gap if self.why else 0.0
        if not self.question and self.why:
            self._why_height -= self.why_gap
        room = self.lines_gap + self.lines * self.line_gap if self.lines else 0.0
        self.width = avail_width
        self.height = self._lead_height + self._question_height + self._why_height + room + self.space_after
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Nothing (move to the next page whole) unless the block is taller than a page.

        Then the question's text flows on like any paragraph: the check box stays by its
        first line, and the reason and the room follow its last line. So no text of any
        height can stop the document from being made.
        """
        self.wrap(avail_width, avail_height)
        if self.height <= self.max_height or self.question is None:
            if avail_height > self.max_height * FILL_SHARE:
                return self._fill(avail_width, avail_height)
            return []
        parts = self.question.split(avail_width - self.gutter, avail_height - self._lead_height)
        if not parts:
            return []
        fields = self.fields
        head = self._copy(
            question=parts[0],
            why=None,
            lines=0,
            space_after=0,
            fields=replace(fields, answer=None, answer_tooltip="") if fields else None,
        )
        tail = self._copy(
            question=None,
            checkbox=False,
            lead=(),
            continued=(),
            fields=replace(fields, asked=None, asked_tooltip="") if fields else None,
        )
        middle: list[Flowable] = []
        if len(parts) > 1:
            middle = [Indenter(left=self.gutter), *parts[1:], Indenter(left=-self.gutter)]
        return [head, *middle, tail]

    def _fill(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Fit the block where more than a fifth of the page would otherwise stay empty,
        by giving up lines of writing room (never all of them).

        Nothing else gives: a question and its "why ask this" are read together, so a
        reason never continues on the next page (issue #25); when a shorter room does not
        fit either, the block moves to the next page whole.
        """
        # At the foot of a page the space after a block is not needed either.
        for lines in range(self.lines, 0, -1):
            shorter = self._copy(lines=lines, space_after=0)
            if shorter.wrap(avail_width, avail_height)[1] <= avail_height:
                return [shorter]
        return []

    def draw(self) -> None:
        canv = self.canv
        top = self.height
        for number, flowable in enumerate(self._shown):
            if number:
                top -= flowable.getSpaceBefore()
            top -= flowable.height
            flowable.drawOn(canv, 0, top)
            top -= flowable.getSpaceAfter()
        # The box is centred on the capital letters of the first line.
        baseline = top - self.font_size
        box_y = baseline + 0.36 * self.font_size - self.box / 2
        canv.saveState()
        if self.checkbox:
            with artifact(canv):
                canv.setStrokeColor(INK)
                canv.setLineWidth(max(0.9, self.box / 12))
                canv.roundRect(0, box_y, self.box, self.box, self.box / 8, stroke=1, fill=0)
        y = top - self._question_height
        if self.question:
            self.question.drawOn(canv, self.gutter, y)
        if self.why:
            y -= self._why_height
            self.why.drawOn(canv, self.gutter + self.indent, y)
        if self.lines:
            y -= self.lines_gap
            self._draw_lines(y)
        canv.restoreState()
        if self.fields:
            self._draw_fields(self.fields, box_y, y)

    def _draw_lines(self, top: float) -> None:
        """The ruled room for the answer, below ``top``."""
        canv = self.canv
        left = self.gutter + self.indent
        with artifact(canv):
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            for n in range(1, self.lines + 1):
                canv.line(left, top - n * self.line_gap, self.width, top - n * self.line_gap)

    def _draw_fields(self, fields: Fields, box_y: float, lines_top: float) -> None:
        """The form fields over the printed box and lines: "asked" and the answer."""
        canv = self.canv
        if self.checkbox and fields.asked:
            _form(canv).checkbox(
                name=fields.asked,
                tooltip=fields.asked_tooltip,
                x=0,
                y=box_y,
                size=self.box,
                relative=True,
                buttonStyle="check",
                fieldFlags="",
                borderWidth=None,
                borderColor=None,
                fillColor=None,
                textColor=INK,
            )
            widget(canv, fields.asked_tag)
        if self.lines and fields.answer:
            left = self.gutter + self.indent
            height = self.lines * self.line_gap
            _text_field(
                canv,
                name=fields.answer,
                tooltip=fields.answer_tooltip,
                x=left,
                y=lines_top - height,
                width=self.width - left,
                height=height,
                font_size=self.font_size,
                multiline=True,
                tag=fields.answer_tag,
            )


class KeepWhole(Flowable):
    """Any flowable kept on one page whenever it fits on one, split only when taller.

    A table row or card is moved to the next page whole; only one taller than a whole
    page (a very long name or list of medicines) is split, so text of any height flows
    on instead of stopping the document.
    """

    def __init__(self, content: Flowable, *, max_height: float) -> None:
        super().__init__()
        self.content = content
        self.max_height = max_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.content.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= self.max_height:
            return []
        return self.content.split(avail_width, avail_height)

    def getSpaceBefore(self) -> float:
        return self.content.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.content.getSpaceAfter()

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)


class WritingLines(Flowable):
    """Ruled lines to write on, indented under a question; a fillable field over them if named."""

    def __init__(
        self,
        *,
        lines: int,
        gap: float,
        indent: float,
        font_size: float,
        field: str | None,
        tooltip: str,
        fill: bool = False,
        tag: Node | None = None,
    ) -> None:
        super().__init__()
        self.tag = tag
        """The field's ``Form`` element."""
        self.lines = lines
        self.gap = gap
        self.indent = indent
        self.font_size = font_size
        self.field = field
        self.tooltip = tooltip
        self.fill = fill
        """Take all the height offered (a notes page), however many lines that makes."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self.fill:
            self.lines = max(1, int((avail_height - self.gap) // self.gap))
        self.height = self.lines * self.gap
        return avail_width, self.height

    def draw(self) -> None:
        canv = self.canv
        width = self.width - self.indent
        canv.saveState()
        with artifact(canv):
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            for n in range(1, self.lines + 1):
                y = self.height - n * self.gap
                canv.line(self.indent, y, self.width, y)
        canv.restoreState()
        if self.field:
            _text_field(
                canv,
                name=self.field,
                tooltip=self.tooltip,
                x=self.indent,
                y=0,
                width=width,
                height=self.height,
                font_size=self.font_size,
                multiline=True,
                tag=self.tag,
            )


class BlankLine(Flowable):
    """One line to write a short answer on (a name, a date); a one-line field over it if named."""

    def __init__(
        self,
        *,
        height: float,
        font_size: float,
        field: str | None,
        tooltip: str,
        width: float | None = None,
        tag: Node | None = None,
    ) -> None:
        super().__init__()
        self.tag = tag
        """The field's ``Form`` element."""
        self.height = height
        self.font_size = font_size
        self.field = field
        self.tooltip = tooltip
        self._fixed_width = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self._fixed_width or avail_width, avail_width)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        with artifact(canv):
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            canv.line(0, 0, self.width, 0)
        canv.restoreState()
        if self.field:
            _text_field(
                canv,
                name=self.field,
                tooltip=self.tooltip,
                x=0,
                y=1,
                width=self.width,
                height=self.height - 1,
                font_size=self.font_size,
                multiline=False,
                tag=self.tag,
            )


class LabeledLine(Flowable):
    """A short label and a line to write on beside it ("Who could help: ______").

    When the label leaves too little of the line, the line goes under the label instead.
    The label is plain text drawn as it is: never read as markup.
    """

    def __init__(
        self,
        label: str,
        *,
        font: str,
        font_size: float,
        leading: float,
        color: Color,
        field: str | None,
        tooltip: str,
        gap: float,
        label_tag: Node | None = None,
        tag: Node | None = None,
    ) -> None:
        super().__init__()
        self.label_tag = label_tag
        """The label's element (a paragraph)."""
        self.tag = tag
        """The field's ``Form`` element."""
        self.label = label
        self.font = font
        self.font_size = font_size
        self.leading = leading
        self.color = color
        self.field = field
        self.tooltip = tooltip
        self.gap = gap
        self._below = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        label_width = stringWidth(self.label, self.font, self.font_size)
        self._below = avail_width - label_width - self.gap < avail_width * 0.4
        self.height = self.leading * (2.2 if self._below else 1.3)
        return avail_width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor(self.color)
        canv.setFont(self.font, self.font_size)
        label_y = self.height - self.font_size
        with tagged(canv, self.label_tag):
            canv.drawString(0, label_y, self.label)
        left = 0.0 if self._below else stringWidth(self.label, self.font, self.font_size) + self.gap
        line_y = 1.0 if self._below else label_y - self.font_size * 0.25
        with artifact(canv):
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            canv.line(left, line_y, self.width, line_y)
        canv.restoreState()
        if self.field:
            height = self.leading * 1.1
            _text_field(
                canv,
                name=self.field,
                tooltip=self.tooltip,
                x=left,
                y=line_y + 0.5,
                width=self.width - left,
                height=height,
                font_size=min(self.font_size, height * 0.7),
                multiline=False,
                tag=self.tag,
            )


class WriteBox(Flowable):
    """Blank room of a fixed height inside a table cell; a multi-line field over it if named."""

    def __init__(
        self, *, height: float, font_size: float, field: str | None, tooltip: str, tag: Node | None = None
    ) -> None:
        super().__init__()
        self.tag = tag
        """The field's ``Form`` element."""
        self.height = height
        self.font_size = font_size
        self.field = field
        self.tooltip = tooltip

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        if self.field:
            _text_field(
                self.canv,
                name=self.field,
                tooltip=self.tooltip,
                width=self.width,
                height=self.height,
                font_size=self.font_size,
                multiline=True,
                tag=self.tag,
            )


class AccentBar(Flowable):
    """A short thick rule under a section heading: the document's one accent, used sparingly."""

    def __init__(self, *, width: float, thickness: float, space_after: float, color: Color = ACCENT) -> None:
        super().__init__()
        self.bar_width = width
        self.thickness = thickness
        self.space_after = space_after
        self.color = color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.thickness + self.space_after
        return avail_width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        with artifact(canv):
            canv.setStrokeColor(HAIRLINE)
            canv.setLineWidth(0.6)
            middle = self.space_after + self.thickness / 2
            canv.line(0, middle, self.width, middle)
            canv.setFillColor(self.color)
            canv.rect(0, self.space_after, min(self.bar_width, self.width), self.thickness, stroke=0, fill=1)
        canv.restoreState()
