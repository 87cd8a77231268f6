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

from contextlib import AbstractContextManager
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


class _Marked:
    """A marked-content sequence around what is drawn inside ``with`` (a plain class: the
    PDF opens and closes a few hundred of them, and a generator-based one costs more)."""

    __slots__ = ("canv", "marking")

    def __init__(self, canv: Canvas, opening: str | Node | None) -> None:
        self.canv = canv
        marks = marks_of(canv)
        self.marking = marks is not None
        if marks is None:
            return
        if isinstance(opening, Node):
            marks.begin(canv, opening)
        else:
            canv.addLiteral(opening or "/Artifact BMC")

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        if self.marking:
            self.canv.addLiteral("EMC")


def tagged(canv: Canvas, node: Node | None) -> AbstractContextManager[None]:
    """What is drawn inside is the words of ``node`` (an artifact when ``node`` is None)."""
    return _Marked(canv, node)


def artifact(canv: Canvas, kind: str = "") -> AbstractContextManager[None]:
    """What is drawn inside is decoration or page furniture: not read out.

    ``kind`` is a pagination artifact's subtype (``Header``, ``Footer``), or "" for a rule,
    a box or a tint."""
    return _Marked(canv, f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC" if kind else None)


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


def _space_line_ends(code: list[str]) -> None:
    """End every line of a text object with a space, so that words on two lines are read as
    two words ("what should" / "I do" is "should I", not "shouldI").

    platypus drops the space where it breaks a line, and text taken from the tags has no
    line breaks; an invisible trailing space is what tagged PDFs use instead. Each line is
    one entry of the text object's code, ending with its ``T*`` operator (never inside a
    string: the text is formatted before it). Code 32 is a space in every font subset
    reportlab writes.
    """
    for number, entry in enumerate(code):
        if entry.endswith(" T*"):
            code[number] = entry[:-3] + " ( ) Tj T*"


class TaggingCanvas(Canvas):
    """A canvas that marks what it draws for the structure tree (``marks``).

    It splits a paragraph's bullet from its words: platypus draws the bullet ("3.") as the
    paragraph's first text object, so the first text drawn after ``Marks.label`` is set is
    the label, and the rest the body. Without ``marks`` it draws as any canvas does.
    """

    marks: Marks | None = None

    def drawText(self, aTextObject: Any) -> None:
        marks = self.marks
        if marks is not None:
            _space_line_ends(aTextObject._code)
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


class _Labelled:
    """A paragraph with a bullet: the bullet is ``label``'s, the words ``body``'s."""

    __slots__ = ("canv", "marks")

    def __init__(self, canv: Canvas, marks: Marks, label: Node, body: Node) -> None:
        self.canv = canv
        self.marks = marks
        marks.label = (label, body)

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        if self.marks.label is None:  # the bullet was drawn, and the body begun after it
            self.canv.addLiteral("EMC")
        self.marks.label = None


def labelled(canv: Canvas, label: Node | None, body: Node | None) -> AbstractContextManager[None]:
    """A paragraph's marks: its bullet (if any) as ``label``'s words, the rest as ``body``'s
    (an artifact when ``body`` is None)."""
    marks = marks_of(canv)
    if marks is None or label is None or body is None:
        return _Marked(canv, body)
    return _Labelled(canv, marks, label, body)


# ---- writing the tree ---------------------------------------------------------------------


def _filled(node: Node, filled: set[int]) -> bool:
    """Whether anything was drawn for ``node`` or below it (collected in ``filled``, by id)."""
    full = False
    for kid in node.kids:
        if not isinstance(kid, Node) or _filled(kid, filled):
            full = True
    if full:
        filled.add(id(node))
    return full


class _Written(PDFObject):
    """A PDF object whose bytes are made here: reportlab's general formatting of hundreds
    of small dictionaries cost more than drawing the tags. Object numbers are known as
    soon as an object is registered, so references can be written straight away."""

    def __init__(self) -> None:
        self.data = b""

    def format(self, document: Any) -> bytes:
        return self.data


def write_tree(canv: Canvas, root: Node, *, title: str, lang: str) -> None:
    """Write the structure tree and everything that points into it (before ``save``)."""
    doc: Any = canv._doc  # type: ignore[attr-defined]  # no public API for the PDF's objects
    marks = marks_of(canv)
    assert marks is not None
    numbers = doc.idToObjectNumberAndVersion

    def register(obj: Any) -> str:
        number, version = numbers[doc.Reference(obj).name]
        return f"{number} {version} R"

    pages = doc.Pages.pages
    page_refs = [register(page) for page in pages]
    tree = _Written()
    tree_ref = register(tree)
    refs: dict[int, str] = {}
    widgets: list[tuple[Widget, str]] = []
    filled: set[int] = set()
    _filled(root, filled)

    def element(node: Node, parent: str) -> str:
        elem = _Written()
        ref = refs[id(node)] = register(elem)
        first_page = next((kid.page for kid in node.kids if isinstance(kid, Content)), None)
        kids = []
        for kid in node.kids:
            if isinstance(kid, Node):
                # An empty cell stays, so every row has a cell under each column's header.
                if id(kid) in filled or kid.role in ("TD", "TH"):
                    kids.append(element(kid, ref))
            elif isinstance(kid, Content):
                if kid.page == first_page:
                    kids.append(str(kid.mcid))
                else:
                    kids.append(f"<< /Type /MCR /Pg {page_refs[kid.page - 1]} /MCID {kid.mcid} >>")
            else:
                widgets.append((kid, ref))
                obj = numbers[kid.ref.name]
                page = page_refs[kid.page - 1]
                kids.append(f"<< /Type /OBJR /Obj {obj[0]} {obj[1]} R /Pg {page} >>")
        # One kid is written alone: pdfua 0.1.3's heading rule cannot read a /K array.
        kid_list = kids[0] if len(kids) == 1 else f"[ {' '.join(kids)} ]"
        scope = f" /A << /O /Table /Scope /{node.scope} >>" if node.scope else ""
        page = f" /Pg {page_refs[first_page - 1]}" if first_page is not None else ""
        elem.data = f"<< /Type /StructElem /S /{node.role} /P {parent}{scope}{page} /K {kid_list} >>".encode()
        return ref

    top = element(root, tree_ref)
    nums = []
    for number, page in enumerate(pages):
        page.StructParents = number
        page.Tabs = PDFName("S")  # fields in the order of the structure tree
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        owners = " ".join(refs[id(owner)] for owner in marks.owners.get(number + 1, []))
        nums.append(f"{number} [ {owners} ]")
    for key, (field, ref) in enumerate(widgets, start=len(pages)):
        doc.idToObject[field.ref.name]["StructParent"] = key
        nums.append(f"{key} {ref}")
    tree.data = (
        f"<< /Type /StructTreeRoot /K {top} /ParentTree << /Nums [ {' '.join(nums)} ] >>"
        f" /ParentTreeNextKey {len(pages) + len(widgets)} >>"
    ).encode()
    catalog = doc.Catalog
    catalog.StructTreeRoot = PDFObjectReference(doc.Reference(tree).name)
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
