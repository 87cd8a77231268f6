"""The PDF's building blocks: check-box questions, writing room, fillable fields, page furniture.

Each fillable field is drawn by the flowable that owns it, with ``relative=True``, so it
lands exactly where platypus places the printed box or lines beneath it. Every field is
also printed (a box, a line): a form that is printed blank still works with a pen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

INK = HexColor("#1B1F23")
ACCENT = HexColor("#1D5B73")
MUTED = HexColor("#4A535C")
RULE = HexColor("#9EA8B1")
HAIRLINE = HexColor("#C9D1D8")
TINT = HexColor("#EEF4F7")

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
        form.checkboxAP = cache(form.checkboxAP)
        form.txAP = cache(form.txAP)
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
) -> None:
    """A transparent, borderless text field over printed lines; no length limit."""
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


class Para(Paragraph):
    """A paragraph that remembers its last wrap: platypus measures most flowables twice
    (once for KeepTogether, once to place them), and line breaking is the costly part."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

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

    asked: str
    answer: str
    asked_tooltip: str
    answer_tooltip: str


class QuestionBlock(Flowable):
    """One question as a single unit that is never split across pages.

    A check box beside the first line, the question, its "why ask this" and the ruled
    room for the answer. With ``fields`` the box is a real form check box and the room a
    multi-line text field; without, they are printed only.
    """

    def __init__(
        self,
        question: Paragraph,
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
        self._question_height = 0.0
        self._why_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._question_height = self.question.wrap(avail_width - self.gutter, avail_height)[1]
        why_width = avail_width - self.gutter - self.indent
        self._why_height = self.why.wrap(why_width, avail_height)[1] + self.why_gap if self.why else 0.0
        room = self.lines_gap + self.lines * self.line_gap if self.lines else 0.0
        self.width = avail_width
        self.height = self._question_height + self._why_height + room + self.space_after
        return avail_width, self.height

    def draw(self) -> None:
        canv = self.canv
        top = self.height
        # The box is centred on the capital letters of the first line.
        baseline = top - self.font_size
        box_y = baseline + 0.36 * self.font_size - self.box / 2
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(max(0.9, self.box / 12))
        canv.roundRect(0, box_y, self.box, self.box, self.box / 8, stroke=1, fill=0)
        y = top - self._question_height
        self.question.drawOn(canv, self.gutter, y)
        if self.why:
            y -= self._why_height
            self.why.drawOn(canv, self.gutter + self.indent, y)
        left = self.gutter + self.indent
        if self.lines:
            y -= self.lines_gap
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            for n in range(1, self.lines + 1):
                canv.line(left, y - n * self.line_gap, self.width, y - n * self.line_gap)
        canv.restoreState()
        if self.fields:
            form = _form(canv)
            form.checkbox(
                name=self.fields.asked,
                tooltip=self.fields.asked_tooltip,
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
            if self.lines:
                height = self.lines * self.line_gap
                _text_field(
                    canv,
                    name=self.fields.answer,
                    tooltip=self.fields.answer_tooltip,
                    x=left,
                    y=y - height,
                    width=self.width - left,
                    height=height,
                    font_size=self.font_size,
                    multiline=True,
                )


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
    ) -> None:
        super().__init__()
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
            )


class BlankLine(Flowable):
    """One line to write a short answer on (a name, a date); a one-line field over it if named."""

    def __init__(
        self, *, height: float, font_size: float, field: str | None, tooltip: str, width: float | None = None
    ) -> None:
        super().__init__()
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
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.6)
        middle = self.space_after + self.thickness / 2
        canv.line(0, middle, self.width, middle)
        canv.setFillColor(self.color)
        canv.rect(0, self.space_after, min(self.bar_width, self.width), self.thickness, stroke=0, fill=1)
        canv.restoreState()


PageDecorator = Callable[[Canvas, int, int], None]


def numbered_canvas(decorate: PageDecorator) -> type[Canvas]:
    """A canvas class that knows the page count before drawing headers and footers.

    The two-pass pattern: every page's state is kept at ``showPage`` and replayed at
    ``save``, when the total is known. Form fields live in that state, so they survive.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                decorate(self, self.getPageNumber(), total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
