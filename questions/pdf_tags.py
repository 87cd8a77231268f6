"""Tags for screen readers: the PDF's structure tree, written with reportlab's own PDF objects.

reportlab's open-source edition writes untagged PDF. A tagged one needs three things, all
made here, in the same pass as the rest of the file:

- a structure tree (``Node``): the section builders make its elements as they make the
  flowables, so its order is the print order by construction, whatever page a block lands
  on (a reason that continues on the next page stays in its list item);
- marked content on the pages: every flowable that draws words wraps them in
  ``/P <</MCID n>> BDC ... EMC`` for its element (``tagged``), and everything else (rules,
  boxes, tints, the running header and footer) in ``/Artifact`` (``artifact``);
- the objects that tie them together (``write_tree``): the StructTreeRoot, each page's
  ``/StructParents`` and ``/Tabs /S``, the ParentTree (marked content and fields back to
  their elements), each form field's ``/StructParent`` and its ``/Form`` element's
  ``/OBJR``, ``/MarkInfo`` and the PDF/UA identification in the XMP metadata.

A canvas that is not tagging (no ``marks``) draws exactly as before: every call here is
then a no-op.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tables import Table, TableRenderCB


@dataclass(frozen=True, eq=False)
class Content:
    """One marked-content sequence: the ``mcid``-th on ``page`` (counted from 1)."""

    page: int
    mcid: int


@dataclass(frozen=True, eq=False)
class Widget:
    """A form field's widget annotation on ``page``."""

    page: int
    ref: PDFObjectReference


class Node:
    """One element of the structure tree (``H1``, ``P``, ``L``, ``LI``, ``TH``, ``Form``...).

    Made while the story is built, in print order; drawing adds its content. Words are
    only ever added to elements without child elements, so an element's children stay in
    print order too. An element that nothing was drawn for is left out of the file.
    """

    __slots__ = ("kids", "parent", "role", "scope")

    def __init__(self, role: str, parent: Node | None = None, *, scope: str = "") -> None:
        self.role = role
        self.scope = scope
        """A header cell's ``Row`` or ``Column``."""
        self.kids: list[Node | Content | Widget] = []
        self.parent: Node | None = None
        if parent is not None:
            parent.add(self)

    def add(self, node: Node) -> Node:
        node.parent = self
        self.kids.append(node)
        return node

    def child(self, role: str, *, scope: str = "") -> Node:
        return Node(role, self, scope=scope)


class Marks:
    """What a tagging canvas has marked so far: each page's marked content, the widgets."""

    def __init__(self) -> None:
        self.owners: dict[int, list[Node]] = {}
        """Page -> the element of each marked-content sequence on it, by MCID."""
        self.label: tuple[Node, Node] | None = None
        """A paragraph's bullet (its label) and then its body, waiting for the next text drawn."""

    def begin(self, canv: Canvas, node: Node) -> None:
        page = canv.getPageNumber()
        owners = self.owners.setdefault(page, [])
        node.kids.append(Content(page, len(owners)))
        canv.addLiteral(f"/{node.role} <</MCID {len(owners)}>> BDC")
        owners.append(node)


def marks_of(canv: Canvas) -> Marks | None:
    return getattr(canv, "marks", None)


@contextmanager
def tagged(canv: Canvas, node: Node | None) -> Iterator[None]:
    """What is drawn inside is the words of ``node`` (an artifact when ``node`` is None)."""
    marks = marks_of(canv)
    if marks is None:
        yield
        return
    if node is None:
        canv.addLiteral("/Artifact BMC")
    else:
        marks.begin(canv, node)
    yield
    canv.addLiteral("EMC")


@contextmanager
def artifact(canv: Canvas, kind: str = "") -> Iterator[None]:
    """What is drawn inside is decoration or page furniture: not read out.

    ``kind`` is a pagination artifact's subtype (``Header``, ``Footer``), or "" for a rule,
    a box or a tint."""
    if marks_of(canv) is None:
        yield
        return
    if kind:
        canv.addLiteral(f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC")
    else:
        canv.addLiteral("/Artifact BMC")
    yield
    canv.addLiteral("EMC")


def widget(canv: Canvas, node: Node | None) -> None:
    """Tie the form field just made (the acroForm's last) to its ``Form`` element."""
    if node is None or marks_of(canv) is None:
        return
    node.kids.append(Widget(canv.getPageNumber(), canv.acroForm.fields[-1]))


class TableDecor(TableRenderCB):
    """A table's ``renderCB``: its tints and rules are artifacts; its cells tag themselves."""

    def __call__(self, T: Table, cmd: str, *args: Any) -> None:
        canv = T.canv
        if marks_of(canv) is None:
            return
        if cmd in ("startBG", "startLines"):
            canv.addLiteral("/Artifact BMC")
        elif cmd in ("endBG", "endLines"):
            canv.addLiteral("EMC")

    # Every event goes through ``__call__``; the rest need no marks.
    def startTable(self, T: Table) -> None: ...
    def startBG(self, T: Table) -> None: ...
    def endBG(self, T: Table) -> None: ...
    def startRow(self, T: Table, rowNo: int) -> None: ...
    def startCell(self, T: Table, *args: Any) -> None: ...
    def endCell(self, T: Table) -> None: ...
    def endRow(self, T: Table) -> None: ...
    def startLines(self, T: Table) -> None: ...
    def endLines(self, T: Table) -> None: ...
    def endTable(self, T: Table) -> None: ...


table_decor = TableDecor()


class TaggingCanvas(Canvas):
    """A canvas that marks what it draws for the structure tree (``marks``).

    It splits a paragraph's bullet from its words: platypus draws the bullet ("3.") as the
    paragraph's first text object, so the first text drawn after ``Marks.label`` is set is
    the label, and the rest the body. Without ``marks`` it draws as any canvas does.
    """

    marks: Marks | None = None

    def drawText(self, aTextObject: Any) -> None:
        marks = self.marks
        pending = marks.label if marks else None
        if marks is None or pending is None:
            super().drawText(aTextObject)
            return
        marks.label = None
        label, body = pending
        marks.begin(self, label)
        super().drawText(aTextObject)
        self.addLiteral("EMC")
        marks.begin(self, body)


@contextmanager
def labelled(canv: Canvas, label: Node | None, body: Node | None) -> Iterator[None]:
    """A paragraph with a bullet: the bullet is ``label``'s, the words ``body``'s."""
    marks = marks_of(canv)
    if marks is None or label is None or body is None:
        with tagged(canv, body):
            yield
        return
    marks.label = (label, body)
    yield
    if marks.label is None:  # the bullet was drawn, and the body begun after it
        canv.addLiteral("EMC")
    marks.label = None


# ---- writing the tree ---------------------------------------------------------------------


def _has_content(node: Node) -> bool:
    return any(not isinstance(kid, Node) or _has_content(kid) for kid in node.kids)


class _Written(PDFObject):
    """A PDF object written from its parts: text, and references resolved when the file is
    written. reportlab's general formatting of hundreds of small dictionaries cost more
    than drawing the tags; this is the same bytes' worth, a string join."""

    def __init__(self) -> None:
        self.parts: list[str | PDFObjectReference] = []

    def format(self, document: Any) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return "".join(
            part if isinstance(part, str) else "{} {} R".format(*numbers[part.name]) for part in self.parts
        ).encode("ascii")


def write_tree(canv: Canvas, root: Node, *, title: str, lang: str) -> None:
    """Write the structure tree and everything that points into it (before ``save``)."""
    doc: Any = canv._doc  # type: ignore[attr-defined]  # no public API for the PDF's objects
    marks = marks_of(canv)
    assert marks is not None
    pages = doc.Pages.pages
    page_refs = [doc.Reference(page) for page in pages]
    tree = _Written()
    tree_ref = doc.Reference(tree)
    refs: dict[int, PDFObjectReference] = {}
    widgets: list[tuple[Widget, PDFObjectReference]] = []

    def element(node: Node, parent: PDFObjectReference) -> PDFObjectReference:
        elem = _Written()
        ref: PDFObjectReference = doc.Reference(elem)
        refs[id(node)] = ref
        parts = elem.parts
        parts += ["<< /Type /StructElem /S /", node.role, " /P ", parent]
        if node.scope:
            parts.append(f" /A << /O /Table /Scope /{node.scope} >>")
        first_page = next((kid.page for kid in node.kids if isinstance(kid, Content)), None)
        if first_page is not None:
            parts += [" /Pg ", page_refs[first_page - 1]]
        kids = 0
        parts.append(" /K [")
        for kid in node.kids:
            kids += 1
            if isinstance(kid, Node):
                # An empty cell stays, so every row has a cell under each column's header.
                if _has_content(kid) or kid.role in ("TD", "TH"):
                    parts += [" ", element(kid, ref)]
                else:
                    kids -= 1
            elif isinstance(kid, Content):
                if kid.page == first_page:
                    parts.append(f" {kid.mcid}")
                else:
                    parts += [" << /Type /MCR /Pg ", page_refs[kid.page - 1], f" /MCID {kid.mcid} >>"]
            else:
                widgets.append((kid, ref))
                parts += [" << /Type /OBJR /Obj ", kid.ref, " /Pg ", page_refs[kid.page - 1], " >>"]
        parts.append(" ] >>")
        if kids == 1:  # one kid is written alone: pdfua 0.1.3's heading rule cannot read a /K array
            parts[parts.index(" /K [")] = " /K"
            parts[-1] = " >>"
        return ref

    top = element(root, tree_ref)
    nums: list[str | PDFObjectReference] = []
    for number, page in enumerate(pages):
        page.StructParents = number
        page.Tabs = PDFName("S")  # fields in the order of the structure tree
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        nums.append(f" {number} [")
        for owner in marks.owners.get(number + 1, []):
            nums += [" ", refs[id(owner)]]
        nums.append(" ]")
    for key, (field, ref) in enumerate(widgets, start=len(pages)):
        doc.idToObject[field.ref.name]["StructParent"] = key
        nums += [f" {key} ", ref]
    tree.parts += ["<< /Type /StructTreeRoot /K ", top, " /ParentTree << /Nums [", *nums, " ] >>"]
    tree.parts.append(f" /ParentTreeNextKey {len(pages) + len(widgets)} >>")
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = xmp_metadata(title=title, lang=lang)


def xmp_metadata(*, title: str, lang: str) -> PDFStream:
    """The XMP packet: the title (PDF/UA asks for ``dc:title``), the language, and the
    claim of PDF/UA-1 (``pdfuaid:part``), uncompressed as XMP is meant to be found."""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{xml_escape(lang)}</rdf:li></rdf:Bag></dc:language>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    data = packet.encode("utf-8")
    stream = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        content=data,
        filters=[],
    )
    return stream
