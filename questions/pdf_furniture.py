"""The PDF's page furniture and metadata: the header and footer on every page ("Page X of
Y", the crisis line), the document's title and language, and the saved answers riding
inside as an embedded file.

For a screen reader the furniture is an artifact (``questions.pdf_tags``), so "Page 2 of
4" is never read between two questions; the last page's crisis line, after-hours line and
"not medical advice" are read once, at the end of the document."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from questions.answers_file import ANSWERS_ATTACHMENT
from questions.document import Document
from questions.fonts import BOLD, REGULAR
from questions.pdf_layout import Look
from questions.pdf_parts import ACCENT, HAIRLINE, INK, MUTED
from questions.pdf_tags import Marks, Node, TaggingCanvas, artifact, tagged

HEADER_TOP = 0.45 * inch
"""From the top of the paper to the top of the running header."""
FOOTER_BOTTOM = 0.4 * inch


def metadata(document: Document) -> dict[str, Any]:
    """What a PDF reader shows about the file (its title bar, its properties) and the
    language a screen reader reads it in: ``BaseDocTemplate``'s keywords."""
    return {
        "title": document.title,
        "author": document.app_title,
        "subject": document.subject,
        "creator": document.app_title,
        "lang": document.lang,
        "displayDocTitle": True,
    }


class PageFurniture:
    """The header and footer every page carries, laid out once and stamped on each page.

    Footer: a hairline, the crisis line (bold), then "not medical advice" on the left and
    "Page X of Y" on the right. Header (from page 2): the title and the visit date, so a
    loose page still says what it belongs to; wrapped by whole words, never cut.
    """

    def __init__(self, document: Document, look: Look, frame_width: float, page_height: float) -> None:
        self.look = look
        self.page_label = document.page_label
        self.left = look.margin
        self.width = frame_width
        self.page_height = page_height
        self.size = look.footer
        self.leading = look.footer * 1.2
        number_room = stringWidth(document.page_label(88, 88), REGULAR, self.size) + look.space
        self.crisis = simpleSplit(document.crisis, BOLD, self.size, frame_width)
        # A clinic's after-hours line goes beside the 988 line, never instead of it.
        after_hours = document.after_hours
        self.after_hours = simpleSplit(after_hours, REGULAR, self.size, frame_width) if after_hours else []
        self.advice = simpleSplit(document.not_advice, REGULAR, self.size, frame_width - number_room)
        lines = len(self.crisis) + len(self.after_hours) + len(self.advice)
        self.height = lines * self.leading + look.space
        # A clinic's name and phone, right-aligned on the header's first line on every page.
        self.contact = document.contact
        room = frame_width - (
            stringWidth(self.contact, REGULAR, self.size) + look.space * 4 if self.contact else 0
        )
        self.header = simpleSplit(document.running_header, REGULAR, self.size, room)
        self.app = simpleSplit(document.app_title, BOLD, self.size, room)
        self.last_tags: tuple[Node | None, Node | None, Node | None] = (None, None, None)
        """The elements of the last page's crisis, after-hours and advice lines."""

    def tag_last_footer(self, root: Node) -> None:
        """Read the last page's footer (not its page number) as the document's last words."""
        self.last_tags = (
            root.child("P"),
            root.child("P") if self.after_hours else None,
            root.child("P"),
        )

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
        crisis, after_hours, advice = self.last_tags if page == pages else (None, None, None)
        canv.saveState()
        top = FOOTER_BOTTOM + self.height
        with artifact(canv, "Footer"):
            canv.setStrokeColor(HAIRLINE)
            canv.setLineWidth(0.6)
            canv.line(self.left, top + look.space, self.left + self.width, top + look.space)
        y = top - self.size
        canv.setFillColor(INK)
        canv.setFont(BOLD, self.size)
        with self._footer(canv, crisis):
            for line in self.crisis:
                canv.drawString(self.left, y, line)
                y -= self.leading
        canv.setFont(REGULAR, self.size)
        with self._footer(canv, after_hours):
            for line in self.after_hours:
                canv.drawString(self.left, y, line)
                y -= self.leading
        y -= look.space
        number_y = y
        with self._footer(canv, advice):
            for line in self.advice:
                canv.drawString(self.left, y, line)
                y -= self.leading
        canv.setFillColor(MUTED)
        with artifact(canv, "Footer"):
            canv.drawRightString(self.left + self.width, number_y, self.page_label(page, pages))
        # Header: the app's name on page 1, then the title (and date) on every later page.
        y = self.page_height - HEADER_TOP - self.size
        with artifact(canv, "Header"):
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

    @staticmethod
    def _footer(canv: Canvas, tag: Node | None) -> AbstractContextManager[None]:
        """A footer line: the words of ``tag`` on the last page, furniture on every other."""
        return tagged(canv, tag) if tag is not None else artifact(canv, "Footer")


def attach_answers(canv: Canvas, document: Document) -> None:
    """The same bytes as "Save my answers": loading this PDF later restores the answers."""
    attach_file(
        canv,
        name=ANSWERS_ATTACHMENT,
        data=document.saved_answers.encode("utf-8"),
        media_type="application/json",
        description=document.attachment_description,
    )


def attach_file(canv: Canvas, *, name: str, data: bytes, media_type: str, description: str) -> None:
    """Embed a file in the PDF being made (the catalog's EmbeddedFiles name tree).

    reportlab has no public call for this, but its PDF object classes write one directly,
    in the same pass as the rest of the document; a pypdf post-pass cost more than the
    whole build. Any PDF reader's attachments panel (and pypdf's ``attachments``) lists it.
    """
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                # A name may not hold a bare "/" (reportlab's PDFName leaves it as it is).
                "Subtype": "/" + PDFName(media_type)[1:].replace("/", "#2F"),
                "Params": PDFDictionary({"Size": len(data)}),
            }
        ),
        content=data,
    )
    spec = PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(name),
            "UF": PDFString(name),
            "Desc": PDFString(description),
            "EF": PDFDictionary({"F": stream}),
            "AFRelationship": PDFName("Data"),
        }
    )
    names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(name), spec])})})
    canv._doc.Catalog.Names = names  # type: ignore[attr-defined]  # no public API for embedded files


PageDecorator = Callable[[Canvas, int, int], None]


def numbered_canvas(
    decorate: PageDecorator, finish: Callable[[Canvas, int], None] | None = None, *, tagged: bool = True
) -> type[Canvas]:
    """A canvas class that knows the page count before drawing headers and footers.

    The two-pass pattern: every page's state is kept at ``showPage`` and replayed at
    ``save``, when the total is known. Form fields live in that state, so they survive.
    ``finish`` runs last, just before the file is written, with the page count (to attach
    a file, to write the structure tree, to tell the caller how many pages there are). It is a tagging canvas (what it draws is marked for the tree) unless
    ``tagged`` is false.
    """

    class NumberedCanvas(TaggingCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if tagged:
                self.marks = Marks()
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                decorate(self, self.getPageNumber(), total)
                Canvas.showPage(self)
            if finish:
                finish(self, total)
            Canvas.save(self)

    return NumberedCanvas
