"""The tagged PDF, read as a screen reader reads it: poppler's structure tree and its text,
the fields in the tree, nothing left unmarked, and the PDF/UA-1 machine checker."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pikepdf
import pypdf
import pytest
from helpers import CRISIS, DESIGN_EXAMPLE, NOT_ADVICE, answers, everything, pdf_page_texts

from questions.document import Document, Tips, document_for
from questions.listing import patient_list
from questions.models import Answers
from questions.pdf import pdf_document

VARIANTS = [
    (language, large, paper)
    for language in ("en", "es")
    for large in (False, True)
    for paper in ("letter", "a4")
]


def example(language: str, large: bool, paper: str) -> Answers:
    output = {**DESIGN_EXAMPLE["output"], "large_print": large, "paper": paper}
    return Answers.model_validate({**DESIGN_EXAMPLE, "language": language, "output": output})


def built(answers: Answers) -> tuple[Document, bytes]:
    return _built(answers.to_json())


@cache
def _built(saved: str) -> tuple[Document, bytes]:
    document = document_for(patient_list(Answers.model_validate_json(saved)))
    return document, pdf_document(document, invariant=True)


def poppler(*args: str, pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        done = subprocess.run(["pdfinfo", *args, file.name], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return done.stdout


@dataclass
class Element:
    role: str
    text: list[str] = field(default_factory=list)
    kids: list[Element] = field(default_factory=list)

    def all_text(self) -> str:
        return " ".join([*self.text, *(kid.all_text() for kid in self.kids)])

    def walk(self) -> list[Element]:
        return [self, *(element for kid in self.kids for element in kid.walk())]

    def find(self, role: str) -> list[Element]:
        return [element for element in self.walk() if element.role == role]


def tree(pdf: bytes) -> Element:
    """``pdfinfo -struct-text`` parsed back into elements (two spaces of indent a level)."""
    root = Element("(root)")
    stack: list[tuple[int, Element]] = [(-1, root)]
    for line in poppler("-struct-text", pdf=pdf).splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        item = line.strip()
        if not item or item.startswith("/") or re.fullmatch(r"Object \d+ \d+", item):
            continue
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        if item.startswith('"'):
            parent.text.append(item[1:-1])
            continue
        element = Element(item.split()[0].rstrip(":"))
        parent.kids.append(element)
        stack.append((depth, element))
    return root


def bare(text: str) -> str:
    """Text as heard: words separated by single spaces. (Every line ends with a space in
    the PDF, so words on two lines stay two words: "should I", never "shouldI".)"""
    return " ".join(text.split())


@pytest.mark.parametrize(("language", "large", "paper"), VARIANTS)
def test_a_screen_reader_hears_every_question_once_in_print_order_under_its_heading(
    language: str, large: bool, paper: str
) -> None:
    document, pdf = built(example(language, large, paper))
    assert re.search(r"^Tagged:\s+yes$", poppler(pdf=pdf), re.MULTILINE)
    root = tree(pdf)
    (top,) = root.kids
    assert top.role == "Document"
    assert [bare(h.all_text()) for h in top.find("H1")] == [bare(document.title)]

    # Each section of questions: its heading, then its questions as list items.
    sections = [sect for sect in top.find("Sect") if sect.find("L") and sect.find("L")[0].find("Form")]
    assert [bare(sect.kids[0].all_text()) for sect in sections] == [bare(s.title) for s in document.sections]
    for sect, section in zip(sections, document.sections, strict=True):
        assert sect.kids[0].role == "H2"
        (items,) = sect.find("L")
        heard = []
        for item in items.kids:
            assert item.role == "LI"
            label, body = item.kids
            assert (label.role, body.role) == ("Lbl", "LBody")
            heard.append((label.all_text(), bare(body.kids[0].all_text())))
        assert heard == [(f"{q.number}.", bare(q.text)) for q in section.questions]

    # Every question once in the whole reading order, and in print order.
    said = bare(top.all_text())
    where = []
    for question in document.questions:
        assert said.count(bare(question.text)) == 1, question.text
        where.append(said.index(bare(question.text)))
    assert where == sorted(where)

    # No page furniture between them: no "Page 2 of 4", no running header; the crisis line
    # and "not medical advice" once each, after the notes.
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for page in range(1, pages + 1):
        assert bare(document.page_label(page, pages)) not in said
    assert bare(document.running_header) not in said
    assert bare(document.sections[0].continued) not in said  # "(continued)" is not read out
    assert said.count(bare(document.crisis)) == 1
    assert said.count(bare(document.not_advice)) == 1
    assert [bare(p.all_text()) for p in top.kids[-2:]] == [bare(document.crisis), bare(document.not_advice)]
    assert said.index(bare(document.crisis)) > where[-1]
    if language == "en":
        assert document.crisis == CRISIS and document.not_advice == NOT_ADVICE


def test_a_question_and_its_reason_are_one_list_item_on_one_page() -> None:
    """Every list item with a "why", in every variant of the example and of the largest
    list in large print, is on one page and reads whole: its question, then its reason
    (issue #25: a reason never continues on the next page, away from its question)."""
    cases = [example(*variant) for variant in VARIANTS]
    cases += [
        answers(**everything(large_print=True, paper=paper), language=language)
        for language in ("en", "es")
        for paper in ("letter", "a4")
    ]
    checked = 0
    for case in cases:
        document, pdf = built(case)
        by_text = {bare(q.text): q for q in document.questions}
        tips = {bare(tip) for block in document.body if isinstance(block, Tips) for tip in block.items}
        for item in _list_items(pdf):
            body = bare(item.text)
            if body in tips:
                continue
            question = next(q for text, q in by_text.items() if body.startswith(text))
            if not question.show_why:
                continue
            checked += 1
            assert len(item.pages) == 1, (question.id, item.pages)
            assert body == bare(f"{question.text} {document.why_label}: {question.why}")
    assert checked > 100


@dataclass
class ListItem:
    text: str
    pages: set[int]


def _list_items(pdf: bytes) -> list[ListItem]:
    """Each list item's words (from the page content, by MCID) and the pages they are on."""
    with pikepdf.open(io.BytesIO(pdf)) as file:
        pages = {page.obj.objgen: number for number, page in enumerate(file.pages)}
        words = [_words_by_mcid(page) for page in file.pages]
        items: list[ListItem] = []

        def walk(element: pikepdf.Dictionary, page: int | None, item: ListItem | None) -> None:
            if "/Pg" in element:
                page = pages[element.Pg.objgen]
            if element.get("/S") == "/LI":
                item = ListItem("", set())
                items.append(item)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid, page, item)
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    on = pages[kid.Pg.objgen]
                    if item is not None and element.get("/S") != "/Lbl":
                        item.text += words[on].get(int(kid.MCID), "")
                        item.pages.add(on)
                elif (
                    isinstance(kid, int)
                    and item is not None
                    and page is not None
                    and element.get("/S") != "/Lbl"
                ):
                    item.text += words[page].get(kid, "")
                    item.pages.add(page)

        walk(file.Root.StructTreeRoot.K, None, None)
    return [item for item in items if item.pages]


def _words_by_mcid(page: pikepdf.Page) -> dict[int, str]:
    """The text shown inside each marked-content sequence of a page, decoded with each
    font's ToUnicode map."""
    result: dict[int, str] = {}
    current: list[int] = []
    fonts = {name: _to_unicode(font) for name, font in page.Resources.get("/Font", {}).items()}
    font: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
            current.append(int(operands[1].MCID))
        elif op in ("BDC", "BMC"):
            current.append(-1)
        elif op == "EMC":
            current.pop()
        elif op == "Tf":
            font = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'") and current and current[-1] >= 0:
            strings = operands[0] if op == "TJ" else [operands[0]]
            for string in strings:
                if isinstance(string, pikepdf.String):
                    raw = bytes(string)
                    text = "".join(font.get(byte, "?") for byte in raw)
                    result[current[-1]] = result.get(current[-1], "") + text
    return result


def _to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """A subset font's one-byte codes to their characters (reportlab writes bfchar/bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, char in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(char).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, first in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for offset in range(int(end, 16) - int(start, 16) + 1):
                mapping[int(start, 16) + offset] = chr(int(first, 16) + offset)
    return mapping


@pytest.mark.parametrize(("language", "large", "paper"), VARIANTS)
def test_every_field_is_in_the_tree_tied_to_its_form_element(language: str, large: bool, paper: str) -> None:
    _, pdf = built(example(language, large, paper))
    with pikepdf.open(io.BytesIO(pdf)) as file:
        assert file.Root.MarkInfo.Marked is True
        assert file.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(file.Root.Lang) == ("en-US" if language == "en" else "es-US")
        nums = file.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        widgets = 0
        for number, page in enumerate(file.pages):
            assert page.Tabs == "/S" and int(page.StructParents) == number
            for annot in page.get("/Annots", []):
                widgets += 1
                assert annot.Subtype == "/Widget" and str(annot.TU)
                form = parents[int(annot.StructParent)]
                assert form.S == "/Form"
                objr = form.K
                assert objr.Type == "/OBJR" and objr.Obj.objgen == annot.objgen
    assert widgets == len(pypdf.PdfReader(io.BytesIO(pdf)).get_fields() or {}) > 30
    assert len(tree(pdf).find("Form")) == widgets


PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh"}


@pytest.mark.parametrize(
    "case",
    [example("en", False, "letter"), example("es", True, "a4"), answers(**everything())],
    ids=["example", "example-es-large-a4", "everything"],
)
def test_nothing_on_a_page_is_left_unmarked(case: Answers) -> None:
    """PDF/UA 7.1: every mark on a page is either tagged content or an artifact, and
    never both (no marked content inside another)."""
    _, pdf = built(case)
    with pikepdf.open(io.BytesIO(pdf)) as file:
        for number, page in enumerate(file.pages, start=1):
            depth = 0
            for _, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    depth += 1
                    assert depth == 1, f"page {number}: marked content inside marked content"
                elif op == "EMC":
                    depth -= 1
                    assert depth >= 0, f"page {number}: EMC without its BDC"
                elif op in PAINTING:
                    assert depth > 0, f"page {number}: '{op}' outside any marked content"
            assert depth == 0, f"page {number}: marked content left open"


@pytest.mark.parametrize(
    "case",
    [example("en", False, "letter"), example("es", True, "a4"), answers(**everything())],
    ids=["example", "example-es-large-a4", "everything"],
)
def test_every_font_a_page_sets_is_embedded(case: Answers) -> None:
    """PDF/UA 7.21.4.1: a page's fonts are embedded, even one set to draw nothing."""
    _, pdf = built(case)
    with pikepdf.open(io.BytesIO(pdf)) as file:
        for number, page in enumerate(file.pages, start=1):
            fonts = page.Resources.Font
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    font = fonts[str(operands[0])]
                    assert "/FontFile2" in font.FontDescriptor, f"page {number}: {font.BaseFont} not embedded"


def test_the_worksheet_is_a_table_with_its_headers_read_once() -> None:
    """Choosing a clinic: the worksheet's header row and question column are header cells,
    and its header row, repeated on each page for the eye, is read once."""
    case = answers(visit={"stage": "choosing_clinic"}, concerns=["cost", "dissociation"])
    document, pdf = built(case)
    worksheet = next(block for block in document.body if type(block).__name__ == "Worksheet")
    sect = next(s for s in tree(pdf).find("Sect") if bare(s.kids[0].all_text()) == bare(worksheet.heading))
    (table,) = sect.find("Table")
    header, *rows = table.kids
    assert [cell.role for cell in header.kids] == ["TH"] * (1 + len(worksheet.clinics))
    assert [bare(row.kids[0].all_text()) for row in rows] == [bare(row.text) for row in worksheet.rows]
    assert all([cell.role for cell in row.kids] == ["TH", "TD", "TD", "TD"] for row in rows)
    said = bare(tree(pdf).all_text())
    for clinic in worksheet.clinics:
        assert said.count(bare(clinic.label)) == 1


def test_the_pdf_without_tags_is_the_same_pdf_to_the_eye() -> None:
    """``tagged=False`` (what the bench compares with) draws the same pages, untagged."""
    document, tagged = built(example("en", False, "letter"))
    untagged = pdf_document(document, invariant=True, tagged=False)
    assert re.search(r"^Tagged:\s+no$", poppler(pdf=untagged), re.MULTILINE)
    assert list(map(bare, pdf_page_texts(untagged))) == list(map(bare, pdf_page_texts(tagged)))


@pytest.mark.parametrize(
    "case",
    [*(example(*variant) for variant in VARIANTS), answers(**everything())],
    ids=[*("-".join(str(part) for part in variant) for variant in VARIANTS), "everything"],
)
def test_the_pdfua_checker_finds_nothing(case: Answers, tmp_path: Path) -> None:
    """The machine-checkable PDF/UA-1 rules of the ``pdfua`` package: no finding, and no
    rule that could not run (a rule that crashes is not a pass)."""
    from pdfua import validate

    _, pdf = built(case)
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf)
    report = validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert [(o.rule_id, o.skipped_reason) for o in report.outcomes if o.skipped_reason] == []
    assert len(report.outcomes) >= 12
