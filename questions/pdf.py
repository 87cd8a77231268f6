"""The printable, fillable PDF: the list a patient takes to the appointment.

Page 1 holds the title, the visit details (or blanks to fill in) and the three questions
to ask first; then the optional summary for the provider (where a provider looks), the
main list by topic, "if there is time" as a short checklist, the patient's own questions,
the support plan, a worksheet to compare clinics (for a patient choosing one), a few tips
for the visit and a notes page. Every page says "Page X of Y", that this is not medical
advice, and how to reach the 988 line. The saved answers ride inside as an embedded file,
so the printed list is also the "continue later" file.

What the document holds, and in which order, is ``questions.document``'s; this module
walks it and hands each block to the module for its section family:

- ``pdf_page_one``: the title, the visit details, the three to ask first;
- ``pdf_list``: the sections of questions;
- ``pdf_cards``: the summary for the provider, the support plan, the clinic worksheet;
- ``pdf_closing``: the tips and the notes;
- ``pdf_furniture``: the header and footer on every page, the metadata, the embedded answers;
- ``pdf_layout`` (sizes, styles, what every section shares) and ``pdf_parts`` (flowables);
- ``pdf_tags``: the structure tree a screen reader reads (headings, the list, tables,
  fields), in print order, and the page furniture marked as artifacts (PDF/UA-1).

Everything the patient typed is escaped before it reaches reportlab's paragraph markup,
so ``<img src=...>`` prints as those characters and never pulls in a file; and text of any
height flows on from page to page, so nothing typed can stop the PDF from being made.
"""

from __future__ import annotations

import io
from typing import assert_never

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from questions import pdf_cards, pdf_closing, pdf_list, pdf_page_one
from questions.document import (
    Block,
    Document,
    Notes,
    Section,
    Summary,
    SupportPlan,
    Tips,
    VisitDetails,
    Worksheet,
    document_for,
)
from questions.fonts import REGULAR, register_fonts, right_to_left_in_answers, unprintable_in_answers
from questions.listing import PatientList
from questions.pdf_furniture import PageFurniture, attach_answers, metadata, numbered_canvas
from questions.pdf_layout import PAGE_SIZES, Layout, look_of
from questions.pdf_tags import write_tree

# Binary (not ASCII85) streams: smaller files, and a pure-Python encoding step saved.
rl_config.useA85 = 0


def story(layout: Layout) -> list[Flowable]:
    """Every block of the document, in order, as flowables."""
    flowables = pdf_page_one.opening(layout)
    for block in layout.document.body:
        flowables += _flowables(layout, block, flowables)
    return flowables


def _flowables(layout: Layout, block: Block, before: list[Flowable]) -> list[Flowable]:
    """One block as flowables (``before``: what is laid out so far). Exhaustive: mypy
    names a new kind of block this does not draw."""
    match block:
        case VisitDetails():
            return [pdf_page_one.visit(layout, block)]
        case Section(kind="ask_first"):
            room = layout.frame_height - sum(layout.height(flowable) for flowable in before)
            return pdf_page_one.ask_first(layout, block, room)
        case Section():
            return pdf_list.section(layout, block, layout.root)
        case Summary():
            return pdf_cards.summary(layout, block)
        case SupportPlan():
            return pdf_cards.support_plan(layout, block)
        case Worksheet():
            return pdf_cards.worksheet(layout, block)
        case Tips():
            return []  # drawn with the notes: the two start a new page together when needed
        case Notes():
            body = layout.document.body
            tips = [
                flowable
                for tip in body
                if isinstance(tip, Tips)
                for flowable in pdf_closing.tips(layout, tip)
            ]
            return pdf_closing.closing(layout, tips, pdf_closing.notes(layout, block))
        case _:
            assert_never(block)


class Pdf(bytes):
    """A PDF this module made, and how many pages it has.

    The canvas counts the pages as it draws them ("Page X of Y"), so the print step can say
    how many there are without parsing the file again. It is ``bytes`` to everything else
    (downloads, files); ``questions.document_files.stamp`` keeps the count on its copy.
    """

    pages: int

    def __new__(cls, data: bytes, pages: int) -> Pdf:
        pdf = super().__new__(cls, data)
        pdf.pages = pages
        return pdf


def pdf_document(document: Document, *, invariant: bool = False, tagged: bool = True) -> Pdf:
    """The document as a PDF with the saved answers inside (``invariant`` gives
    byte-identical output, for tests; ``tagged=False`` leaves the tags out, as the PDF was
    before it had them: ``bench/run.py`` measures what they cost)."""
    look = look_of(document)
    page_width, page_height = PAGE_SIZES[document.paper]
    frame_width = page_width - 2 * look.margin
    register_fonts()
    furniture = PageFurniture(document, look, frame_width, page_height)
    bottom_margin = furniture.bottom_margin
    top_margin = furniture.top_margin

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
        invariant=1 if invariant else 0,
        # Each page starts by setting a font; the embedded one, not Helvetica (PDF/UA 7.21.4.1:
        # every font a page uses is embedded, even one that draws nothing).
        initialFontName=REGULAR,
        **metadata(document),
    )
    layout = Layout(document, look, frame_width, frame_height)
    flowables = story(layout)
    # The crisis line is read once, after everything else (on every page it is furniture).
    furniture.tag_last_footer(layout.root)

    pages: list[int] = []

    def finish(canv: Canvas, total: int) -> None:
        pages.append(total)
        attach_answers(canv, document)
        if tagged:
            write_tree(canv, layout.root, title=document.title, lang=document.lang)

    doc.build(flowables, canvasmaker=numbered_canvas(furniture.draw, finish=finish, tagged=tagged))
    return Pdf(buffer.getvalue(), pages[-1])


def build_pdf(plist: PatientList, *, invariant: bool = False) -> Pdf:
    """The patient's list as a PDF with the saved answers inside (``invariant`` gives
    byte-identical output, for tests)."""
    return pdf_document(document_for(plist), invariant=invariant)


def page_count(pdf: bytes) -> int:
    """How many pages a PDF this module made has: counted by its canvas, never parsed.

    Raises ``TypeError`` for any other bytes (a PDF from elsewhere has no count to give)."""
    if not isinstance(pdf, Pdf):
        raise TypeError("only a PDF built by questions.pdf carries its page count")
    return pdf.pages


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
