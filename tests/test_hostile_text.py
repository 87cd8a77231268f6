"""The hostile corpus through the saved file, every document and every ``list`` format.

Every format must show each entry literally and with the same characters (the one
normalisation policy in ``questions.escape``); none may turn it into markup. The browser
half (every screen in a real browser) is ``tests/browser/test_hostile_screens.py``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from helpers import as_shown, pdf_page_texts, run_cli
from hostile import CORPUS, OUTSIDE, saved_answers_file, shown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from questions import escape
from questions.answers_file import parse_answers
from questions.document_files import FORMATS
from questions.escape import WORD_JOINER, normalise
from questions.fonts import printable, unprintable_characters
from questions.list_formats import LIST_FORMATS
from questions.listing import patient_list

FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
"""Nothing of these may reach any output: controls (but newline), bidi and zero-width characters."""


def nospace(text: str) -> str:
    """Text without any whitespace: line wrapping differs per format, the characters may not."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def loaded():
    return parse_answers(saved_answers_file(output={"include_summary": True}))


@pytest.fixture(scope="module")
def plist(loaded):
    return patient_list(loaded)


def test_the_saved_file_loads_with_every_free_text_field_normalised(loaded):
    """Lone surrogates in the provider or the medicines no longer refuse the whole file."""
    assert loaded.visit.provider == normalise(CORPUS["bidi"]) == "Is the dose 01 mg or isolated marked?"
    assert loaded.other_condition == CORPUS["image"]
    assert "\ufffd" in loaded.medications and "\x1b" not in loaded.medications
    assert [shown(q) for q in loaded.custom_questions] == [shown(text) for text in CORPUS.values()]
    for text in [loaded.visit.provider, loaded.other_condition, loaded.medications, *loaded.custom_questions]:
        assert not FORBIDDEN.search(text)
        assert unicodedata.is_normalized("NFC", text)


def test_the_policy_removes_invisible_and_control_characters_and_keeps_newlines():
    assert normalise(" a\u202eb\u200bc\x00d\x1b[0m\r\ne\u2028f\tg\ud800 ") == "abcd[0m\ne\nf g\ufffd"
    assert normalise("e\u0301") == "\u00e9"


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_page_texts(data))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [value or "" for _, value in attrs]

    def handle_data(self, data):
        self.text.append(data)


def html_text(data: bytes) -> tuple[str, set[str], list[str]]:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.text), parser.tags, parser.attributes


def test_every_document_shows_every_entry_literally_with_the_same_characters(plist):
    pdf = pdf_text(FORMATS[".pdf"](plist))
    html, tags, attributes = html_text(FORMATS[".html"](plist))
    markdown = as_shown(FORMATS[".md"](plist).decode())
    text = FORMATS[".txt"](plist).decode()
    for name, document in {"pdf": pdf, "html": html, "markdown": markdown, "text": text}.items():
        assert not FORBIDDEN.search(document), name
        for entry, raw in CORPUS.items():
            assert nospace(shown(raw)) in nospace(document), (name, entry)
    assert not tags & {"img", "script", "b"}, "patient text became HTML elements"
    assert not any(OUTSIDE in value for value in attributes), "patient text became a link or a source"


def test_the_markdown_document_leaves_no_markup_character_unescaped(plist):
    document = FORMATS[".md"](plist).decode()
    for raw in CORPUS.values():
        line = escape.markdown(raw)
        assert line in document
        unescaped = re.sub(r"\\.", "", line)
        assert not set(unescaped) & set("\\`*_[]<>!#|~$&:@{}"), line
        assert not re.match(r"\d*[-+=.)]", unescaped), line
        assert "www." not in unescaped.lower()


@pytest.mark.parametrize("fmt", sorted(LIST_FORMATS))
def test_every_list_format_shows_every_entry_literally(plist, fmt):
    output = LIST_FORMATS[fmt](plist)
    assert not FORBIDDEN.search(output)
    if fmt == "json":
        texts = [q["text"] for q in json.loads(output)["questions"] if q["custom"]]
        assert [shown(t) for t in texts] == [shown(raw) for raw in CORPUS.values()]
        return
    if fmt == "markdown":
        for raw in CORPUS.values():
            assert f"- [ ] {escape.markdown(raw)}" in output
        output = as_shown(output)
    lines = output.splitlines()
    for raw in CORPUS.values():
        assert any(shown(raw) in line for line in lines), raw
    # A question typed over several lines stays one line: it cannot pass for a heading.
    assert not any(line.startswith(("## Fake heading", "# Another", "- a bullet")) for line in lines)


def test_the_cli_list_and_build_show_the_corpus_literally(tmp_path):
    answers = tmp_path / "hostile.json"
    answers.write_bytes(saved_answers_file())
    listed = run_cli("list", str(answers), "--format", "text")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout.decode()
    assert "\x1b" not in out and "\u202e" not in out
    for raw in CORPUS.values():
        assert shown(raw) in out
    built = run_cli("build", str(answers), "-o", str(tmp_path / "list.md"))
    assert built.returncode == 0, built.stderr
    assert escape.markdown(CORPUS["image"]) in (tmp_path / "list.md").read_text(encoding="utf-8")


def test_streamlit_markdown_breaks_what_streamlit_adds_after_parsing():
    """Icons, emoji and arrows are made from the parsed text, where a backslash no longer counts."""
    literal = escape.streamlit_markdown(CORPUS["material"] + " " + CORPUS["arrows"])
    assert ":material" not in literal.replace("\\", "") and ":smile" not in literal.replace("\\", "")
    assert "->" not in literal.replace("\\", "") and "--" not in literal.replace("\\", "")
    assert as_shown(literal) == shown(CORPUS["material"] + " " + CORPUS["arrows"])


def test_the_terminal_gets_one_line_without_control_codes():
    line = escape.terminal("a\nb\x1b[2J\x9bc\u202e\ud800")
    assert line == "a b[2Jc\ufffd"


def test_the_policy_removes_every_control_and_format_character_this_python_knows():
    import sys

    removed = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if code != 0x0A and unicodedata.category(chr(code)) in ("Cc", "Cf")
    ]
    result = normalise("a" + "".join(removed) + "b")
    assert not set(result) & set(removed)
    assert "".join(result.split()) == "ab"  # the line breaks among them became newlines, a tab a space
    assert normalise("a\nb") == "a\nb"


# --- The escapers one by one: what a reader would see of their output -------------------------

VARIATION_SELECTORS = [
    *map(chr, range(0x180B, 0x180E)),
    "\u180f",
    *map(chr, range(0xFE00, 0xFE10)),
    *map(chr, range(0xE0100, 0xE01F0)),
]
"""Every variation selector in Unicode 15 (Mongolian free ones, the 16 standard, the supplement)."""


def test_variation_selectors_never_become_visible_anywhere():
    """On their own (no emoji before them) a font draws them as boxes: every target drops them."""
    text = "a" + "".join(VARIATION_SELECTORS) + "b \u2764\ufe0f \u82a6\U000e0100"
    for target in (normalise, escape.one_line, escape.terminal, escape.reportlab, escape.html):
        assert target(text) == "ab \u2764 \u82a6", target
    assert as_shown(escape.streamlit_markdown(text)) == "ab \u2764 \u82a6"
    assert escape.markdown(text) == "ab \u2764 \u82a6"
    alone = "a" + "".join(VARIATION_SELECTORS) + "b"
    assert printable(alone) == "ab", "the PDF would print a box"
    assert not unprintable_characters(alone), "the patient would be told a character cannot print"


def test_the_invisible_set_is_every_control_format_and_variation_character():
    import sys

    selectors = frozenset(VARIATION_SELECTORS)
    expected = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf")]
    for char in [*expected, *selectors]:
        assert escape.is_invisible(char), hex(ord(char))
    for char in "a \u00e9\u0301\u25a1\ufffd\U0001f642\u4f60":
        assert not escape.is_invisible(char), hex(ord(char))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("e\u0301\u200b\u202e\ufe0f\u180b\r\n\t"))
)
def test_normalised_text_is_nfc_visible_and_stays_the_same_when_normalised_again(text):
    """A saved file loaded twice shows the same words: nothing left for a second pass to change."""
    once = normalise(text)
    assert normalise(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not [char for char in once if char != "\n" and escape.is_invisible(char)]


def rendered_inline(source: str) -> list[tuple[str, str]]:
    """CommonMark (with GFM tables and strikethrough) as Streamlit parses it: the inline tokens."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], source
    return [(child.type, child.content) for child in tokens[1].children or []]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_streamlit_markdown_renders_as_plain_text(name):
    """Whatever was typed, the parser sees one paragraph of text: no emphasis, link, code or HTML."""
    literal = escape.streamlit_markdown(CORPUS[name])
    children = rendered_inline(literal)
    assert {kind for kind, _ in children} <= {"text"}, children
    assert "".join(content for _, content in children).replace(WORD_JOINER, "") == shown(CORPUS[name])


def test_streamlit_markdown_escapes_every_ascii_punctuation_character():
    """Streamlit's own syntax ($ math, :emoji:, :red[...]) starts with ASCII punctuation too."""
    punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    literal = escape.streamlit_markdown(f"a{punctuation}b")
    unescaped = re.sub(r"\\.", "", literal.replace(WORD_JOINER, ""))
    assert unescaped == "ab"
    assert as_shown(literal) == f"a{punctuation}b"


@pytest.mark.parametrize(
    ("typed", "broken"),
    [
        ("an icon :material/home: here", [":", ":"]),
        ("mail me@example.org", ["@"]),
        ("www.example.org", ["www"]),
        ("see WWW.Example.org", ["WWW"]),
        ("go to www.a.b", ["www"]),
        ("a -> b <- c -- d >= e <= f ~= g", ["-", "<", "-", ">", "<", "~"]),
        ("ends with a colon:", []),
        ("An X-ray, XX and @X", ["@"]),
        ("@", []),
        ("w.x ww.y", []),
    ],
)
def test_streamlit_markdown_puts_a_word_joiner_only_inside_what_streamlit_would_replace(typed, broken):
    """A joiner also stops a line from wrapping there: one goes exactly where a sign must be broken."""
    seen = as_shown(escape.streamlit_markdown(typed).replace(WORD_JOINER, "\x00")).split("\x00")
    assert "".join(seen) == typed
    before_each_joiner = [part[-3:] if part[-3:].lower() == "www" else part[-1:] for part in seen[:-1]]
    assert before_each_joiner == broken


def test_html_escapes_quotes_so_text_cannot_leave_an_attribute():
    typed = "\"' onmouseover=alert(1) x=' <b>&amp;"
    value = escape.html(typed)
    assert value == "&quot;&#x27; onmouseover=alert(1) x=&#x27; &lt;b&gt;&amp;amp;"
    for quote in "\"'":
        parser = _Text()
        parser.feed(f"<p title={quote}{value}{quote}>x</p>")
        assert parser.attributes == [typed], quote


def test_reportlab_markup_keeps_the_text_literal():
    assert escape.reportlab("<b>a</b> & b\u202e\nc") == "&lt;b&gt;a&lt;/b&gt; &amp; b\nc"
