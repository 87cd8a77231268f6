"""The accessible HTML, the Markdown and the plain-text documents, and writing files safely."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import CRISIS, HEBREW, HOSTILE, LONG, NOT_ADVICE, PATIENT, answers, everything, squash

from questions import document_files
from questions.document import worksheet_items
from questions.document_files import FORMATS, MEDIA_TYPES, build_document, file_name, write_atomically
from questions.escape import markdown as md_escape
from questions.html_doc import build_html
from questions.listing import patient_list
from questions.text_doc import WIDTH, build_markdown, build_text


def plist_of(**fields):
    return patient_list(answers(**fields))


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self.by_tag_text: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in {"input", "meta", "br"}:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        for tag in self._stack:
            self.by_tag_text.setdefault(tag, []).append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def inside(self, tag: str) -> str:
        return squash(" ".join(self.by_tag_text.get(tag, [])))

    @property
    def words(self) -> str:
        return squash(" ".join(self.text))


# ---- HTML ---------------------------------------------------------------------------------


def test_html_is_a_complete_semantic_document():
    html = build_html(plist_of(**PATIENT))
    assert html.startswith("<!DOCTYPE html>\n")
    page = Page(html)
    assert page.all("html") == [{"lang": "en-US", "dir": "ltr"}]
    assert page.inside("title") == "Questions for my ketamine appointment"
    assert len(page.all("main")) == 1 and len(page.all("h1")) == 1
    headings = page.inside("h2")
    for heading in (
        "My visit",
        "Ask these first",
        "My own questions",
        "My support plan",
        "At the visit",
        "Notes",
    ):
        assert heading in headings
    assert page.all("ol") and page.all("ul")
    assert CRISIS in page.inside("footer") and NOT_ADVICE in page.inside("footer")
    assert CRISIS in page.inside("aside")


def test_html_questions_have_labelled_checkboxes_and_answer_boxes():
    plist = plist_of(**PATIENT)
    page = Page(build_html(plist))
    labels = {attrs["for"] for attrs in page.all("label")}
    checkboxes = {attrs["id"] for attrs in page.all("input") if attrs.get("type") == "checkbox"}
    textareas = {attrs["id"] for attrs in page.all("textarea")}
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    for item in plist.items:
        assert f"q-{item.id}-asked" in checkboxes and f"q-{item.id}-asked" in labels
        assert item.text in page.inside("label")
        if item.if_time:  # the short checklist: a box to tick, no reason, no answer box
            assert f"q-{item.id}-answer" not in textareas
            assert item.why not in page.words
            continue
        assert f"q-{item.id}-answer" in textareas and f"q-{item.id}-answer" in labels
        if item.why:
            assert item.why in page.words
    # Every form control has a name a screen reader can read.
    for attrs in page.all("input") + page.all("textarea"):
        assert attrs["id"] in labels or attrs.get("aria-label") or attrs.get("aria-labelledby"), attrs


def test_html_follows_the_output_choices():
    plain = Page(
        build_html(plist_of(**{**PATIENT, "output": {"include_reasons": False, "answer_space": False}}))
    )
    assert "Why ask this" not in plain.words
    assert [attrs["id"] for attrs in plain.all("textarea")] == ["notes"]
    summary = Page(build_html(plist_of(**{**PATIENT, "output": {"include_summary": True}})))
    assert "About me, for my provider" in summary.inside("h2") and "sertraline 50 mg" in summary.words
    assert "About me, for my provider" not in Page(build_html(plist_of(**PATIENT))).words
    large = build_html(plist_of(**{**PATIENT, "output": {"large_print": True}}))
    assert "html { font-size: 150%; }" in large


def test_html_loads_nothing_from_anywhere():
    html = build_html(plist_of(**everything()))
    page = Page(html)
    assert not page.all("script") and not page.all("link") and not page.all("img")
    assert not page.all("iframe") and not page.all("object")
    for needle in ("src=", 'href="http', "url(", "@import", "//"):
        assert needle not in html.replace("<!DOCTYPE html>", ""), needle
    csp = [attrs for attrs in page.all("meta") if attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_html_escapes_everything_the_patient_typed():
    fields = {
        "visit": {"provider": HOSTILE[1]},
        "medications": "\n".join(HOSTILE),
        "custom_questions": [*HOSTILE, "<script>alert(1)</script>", HEBREW],
        "output": {"include_summary": True},
    }
    html = build_html(plist_of(**fields))
    page = Page(html)
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "a",
        "div",
        "header",
        "p",
        "h1",
        "h2",
        "aside",
    }
    allowed |= {"main", "section", "dl", "dt", "dd", "label", "input", "ol", "li", "textarea", "strong", "ul"}
    allowed |= {"span", "footer"}
    assert {tag for tag, _ in page.tags} <= allowed
    for text in [*HOSTILE, "<script>alert(1)</script>", HEBREW]:
        assert squash(text) in page.words, text
    assert '<a href="javascript' not in html
    assert f'dir="auto">{HEBREW}</label>' in html


MEDICINES = "sertraline 50 mg, <b>vitamin D</b> & *lorazepam*\nzolpidem"


@pytest.mark.parametrize("build", [build_html, build_markdown, build_text])
def test_every_format_prints_the_medicines_typed_with_the_visit(build):
    """Issue #25: the medicines typed are in every format by default (not only in the
    summary), with the visit details, before the first question; escaped for the format."""
    plist = plist_of(**{**PATIENT, "medications": MEDICINES})
    assert not plist.answers.output.include_summary
    document = build(plist)
    words = Page(document).words if build is build_html else squash(document)
    medicines = squash(MEDICINES) if build is not build_markdown else squash(md_escape(MEDICINES))
    assert medicines in words
    assert words.index("Medicines I take") < words.index(medicines) < words.lower().index("ask these first")
    if build is build_html:
        assert "<b>vitamin" not in document and "&lt;b&gt;vitamin D&lt;/b&gt;" in document
    without = build(plist_of(**{**PATIENT, "medications": ""}))
    assert "Medicines I take" not in without


def test_html_in_spanish_declares_spanish():
    page = Page(build_html(plist_of(**{**PATIENT, "language": "es"})))
    assert page.all("html") == [{"lang": "es-US", "dir": "ltr"}]


# ---- Markdown and plain text --------------------------------------------------------------


@pytest.mark.parametrize("build", [build_markdown, build_text])
def test_markdown_and_text_hold_the_same_content_as_the_pdf(build):
    plist = plist_of(**{**PATIENT, "output": {"include_summary": True}})
    document = build(plist)
    whole = squash(document.replace("\\", ""))
    assert "Questions for my ketamine appointment" in whole
    assert "Dr. Rivera" in whole and "December 3, 2026" in whole
    words = plist.pack
    sections = [
        (words.text("list.ask_first"), plist.top),
        *plist.by_topic,
        (words.text("list.if_time"), plist.if_time),
        (words.text("list.own_questions"), plist.own),
    ]
    for title, items in sections:
        assert title.upper() in document.upper()
        for item in items:
            assert squash(item.text) in whole, item.id
            assert (squash(item.why) in whole) != item.if_time, item.id
    for words in ("My support plan", "Who could help:", "About me, for my provider", "sertraline 50 mg"):
        assert words.upper() in whole.upper()
    assert "At the visit".upper() in document.upper() and "Notes".upper() in document.upper()
    assert CRISIS in whole and NOT_ADVICE in whole


@pytest.mark.parametrize("build", [build_markdown, build_text])
def test_markdown_and_text_follow_the_output_choices(build):
    off = build(plist_of(**{**PATIENT, "output": {"include_reasons": False, "answer_space": False}}))
    assert "Why ask this" not in off and "My answer" not in off
    assert "About me, for my provider".upper() not in off.upper()
    on = build(plist_of(**{**PATIENT, "output": {"include_summary": True}}))
    assert "About me, for my provider".upper() in on.upper()


def test_markdown_numbers_the_questions_as_a_checklist():
    plist = plist_of(**PATIENT)
    lines = [line for line in build_markdown(plist).splitlines() if line.startswith("- [ ] ")]
    assert len(lines) == len(plist.items)
    assert lines[0].startswith("- [ ] **1.** ") and lines[-1].startswith(f"- [ ] **{len(plist.items)}.** ")


def test_markdown_cannot_be_turned_into_markup_by_what_the_patient_typed():
    document = build_markdown(plist_of(custom_questions=[*HOSTILE, "*bold* _it_ [link](http://x) `code`"]))
    assert "\\<b\\>bold?\\</b\\>" in document
    assert "\\<img src=" in document
    assert "\\*bold\\* \\_it\\_ \\[link\\](http\\://x) \\`code\\`" in document
    assert "\\&amp;" in document and "\\& more" in document
    assert md_escape("a\nb") == "a b"


def test_plain_text_wraps_without_splitting_words():
    plist = plist_of(**everything())
    document = build_text(plist)
    for line in document.splitlines():
        # Only a single word longer than a line (here a 200-letter name) may run past it.
        assert len(line) <= WIDTH or max(len(word) for word in line.split()) > WIDTH - 12, line
    whole = squash(document)
    for item in plist.items:
        assert squash(item.text) in whole


def test_text_documents_survive_broken_characters():
    plist = plist_of(custom_questions=["half \ud800 a surrogate"])
    for build in (build_markdown, build_text, build_html):
        assert "half \ufffd a surrogate" in build(plist)
        build(plist).encode("utf-8")


# ---- the dispatcher and atomic writing ----------------------------------------------------


def test_every_format_builds_bytes_of_its_kind():
    plist = plist_of(**PATIENT)
    assert set(FORMATS) == set(MEDIA_TYPES) == {".pdf", ".html", ".md", ".txt"}
    assert build_document(plist, ".pdf").startswith(b"%PDF-")
    assert build_document(plist, ".HTML").startswith(b"<!DOCTYPE html>")
    assert build_document(plist, ".md").startswith(b"# Questions for my ketamine appointment")
    assert build_document(plist, ".txt").startswith(b"Questions for my ketamine appointment\n")
    assert file_name(plist, ".pdf") == "ketamine-questions.pdf"
    with pytest.raises(ValueError, match="unknown document format"):
        build_document(plist, ".docx")


def test_only_the_pdf_warns_about_characters():
    plist = plist_of(custom_questions=["🙂"])
    assert document_files.document_warnings(plist, ".pdf")
    assert document_files.document_warnings(plist, ".html") == []


def test_write_atomically_replaces_the_whole_file(tmp_path: Path):
    target = tmp_path / "list.pdf"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(tmp_path) == ["list.pdf"]
    assert target.stat().st_mode & 0o077 == 0, "health information is private to its owner"


def test_write_atomically_leaves_nothing_behind_on_error(tmp_path: Path):
    target = tmp_path / "list.pdf"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomically(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["list.pdf"]
    with pytest.raises(OSError):
        write_atomically(tmp_path / "missing" / "list.pdf", b"data")
    assert os.listdir(tmp_path) == ["list.pdf"]


def test_long_own_questions_print_whole_in_every_format():
    plist = plist_of(custom_questions=[LONG])
    for suffix in (".html", ".md", ".txt"):
        assert squash(LONG) in squash(build_document(plist, suffix).decode("utf-8")), suffix


# ---- the same order and the same promises as the PDF --------------------------------------

CHOOSING = {**PATIENT, "visit": {**PATIENT["visit"], "stage": "choosing_clinic"}}


def _order(document: str, *needles: str) -> list[int]:
    return [document.index(needle) for needle in needles]


@pytest.mark.parametrize("build", [build_html, build_markdown, build_text])
def test_every_format_puts_the_summary_after_the_first_questions_and_if_there_is_time_before_my_own(build):
    plist = plist_of(**{**PATIENT, "output": {"include_summary": True}})
    document = build(plist)
    if build is build_text:
        headings = ("ASK THESE FIRST", "ABOUT ME, FOR MY PROVIDER", "IF THERE IS TIME", "MY OWN QUESTIONS")
    else:
        headings = ("Ask these first", "About me, for my provider", "If there is time", "My own questions")
    positions = _order(document, *headings, plist.by_topic[0][1][0].text[:40])
    assert positions[0] < positions[1] < positions[4] < positions[2] < positions[3]


@pytest.mark.parametrize("build", [build_html, build_markdown, build_text])
def test_if_there_is_time_is_a_checklist_without_reasons_or_room(build):
    plist = plist_of(**PATIENT)
    assert plist.if_time
    document = build(plist)
    for item in plist.if_time:
        assert item.text[:40] in squash(document.replace("\\", ""))
        assert squash(item.why)[:40] not in squash(document.replace("\\", ""))


@pytest.mark.parametrize("build", [build_html, build_markdown, build_text])
def test_who_could_help_is_asked_only_under_a_gap(build):
    document = squash(build(plist_of(**PATIENT)).replace("\\", ""))
    assert document.count("Who could help:") == 2  # ride home "no", therapist "not sure"
    spanish = squash(build(plist_of(**{**PATIENT, "language": "es"})).replace("\\", ""))
    assert spanish.count("Quién podría ayudar:") == 2


@pytest.mark.parametrize("build", [build_html, build_markdown, build_text])
def test_the_visit_type_reads_as_a_kind_of_visit_in_every_format(build):
    document = build(plist_of(**CHOOSING))
    assert "Meeting a clinic I might choose" in document
    assert "I am choosing a clinic" not in document


def test_html_has_the_clinic_worksheet_as_a_table_only_for_a_patient_choosing_a_clinic():
    plist = plist_of(**CHOOSING)
    rows = worksheet_items(plist)
    assert rows
    html = build_html(plist)
    page = Page(html)
    assert "Compare clinics" in page.inside("h2")
    headers = page.inside("th")
    for n in (1, 2, 3):
        assert f"Clinic {n}" in headers
    for item in rows:
        assert item.text in headers
    names = {attrs["id"] for attrs in page.all("input")}
    assert {"clinic-1-name", "clinic-2-name", "clinic-3-name"} <= names
    boxes = [attrs for attrs in page.all("textarea") if (attrs["id"] or "").startswith("clinic-")]
    assert len(boxes) == 3 * len(rows)
    assert all(attrs.get("aria-label") for attrs in boxes)
    assert len(page.all("table")) == 1
    spanish = Page(build_html(plist_of(**{**CHOOSING, "language": "es"})))
    assert "Clínica 1" in spanish.inside("th") and "Clínica 3" in spanish.inside("th")
    for other in ("first_consultation", "in_treatment"):
        html = build_html(plist_of(**{**PATIENT, "visit": {"stage": other}}))
        assert "<table" not in html and "Compare clinics" not in html


@pytest.mark.parametrize("build", [build_markdown, build_text])
def test_markdown_and_text_carry_the_worksheet_too(build):
    plist = plist_of(**CHOOSING)
    document = build(plist)
    assert "Compare clinics".upper() in document.upper()
    for item in worksheet_items(plist):
        assert item.text in squash(document.replace("\\", ""))
    assert "Clinic 3" in document
    assert "Clinic 1" not in build(plist_of(**PATIENT))
