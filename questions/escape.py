"""Text from a patient or a file, made safe for each place it is shown: one function per target.

**The normalisation policy** (``normalise``), the same for every free-text field and every
format, so the app, the PDF, the HTML, Markdown and text documents and every ``list``
format show the same characters:

1. Broken characters (lone surrogates, e.g. a JSON ``"\\ud800"`` escape) become U+FFFD, the
   replacement character "�". The rest of the text is kept; the file is not refused.
2. Line breaks (CR LF, CR, U+2028, U+2029, form feed, vertical tab) become a newline; a tab
   becomes a space.
3. Removed: every other character of ``INVISIBLE``: controls (C0, DEL, C1), invisible
   format characters (Unicode category Cf: bidirectional overrides, embeddings and
   isolates U+202A-U+202E and U+2066-U+2069, marks U+200E, U+200F and U+061C, zero-width
   characters U+200B-U+200D, U+2060 and U+FEFF, soft hyphens, tags) and every variation
   selector. None can be seen, and each can make the same words read differently in
   different places (U+202E reverses the text after it).
4. Unicode NFC: an accented letter typed as letter + accent is stored as one character
   (after step 3, so the result is NFC and normalising it again changes nothing).
5. Leading and trailing whitespace is trimmed.

**Targets.** Each function below takes plain text and returns it as literal text for one
place; every place a patient's or a file's words are shown calls one of them:

- ``streamlit_markdown``: anything Streamlit renders as Markdown (``st.markdown``,
  captions, alerts, toasts, widget labels, ``help=`` tooltips). Besides CommonMark's
  syntax, Streamlit turns ``:material/x:`` and ``:smile:`` into icons and emoji,
  ``:red[...]`` into coloured text, ``$...$`` into LaTeX, and bare URLs, ``www.`` names and
  e-mail addresses into links, and ``->`` or ``--`` into arrows and dashes, several of
  them *after* parsing, where a backslash no longer counts: a word joiner (U+2060,
  invisible, not a space) inside each such sign keeps it apart.
- ``markdown``: Markdown documents and the ``list --format markdown`` output.
- ``reportlab``: reportlab's paragraph markup (the PDF).
- ``html``: HTML text and attribute values.
- ``terminal``: one line for a terminal (no control or escape codes, no line breaks).
"""

from __future__ import annotations

import re
import unicodedata
from html import escape as _html_escape
from xml.sax.saxutils import escape as _xml_escape

import regex

_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_WHITESPACE = re.compile(r"\s+")

INVISIBLE = r"[\p{Cc}\p{Cf}\p{Variation_Selector}]"
"""The invisible characters, as a ``regex`` character class: the one definition.

Every control (Cc) and format (Cf) character and every variation selector (the emoji and
CJK ones, the supplement, and the Mongolian free variation selectors), from the ``regex``
module's Unicode tables. The policy removes them all but the newline; the PDF leaves them
out (``questions.fonts``)."""

_INVISIBLE = regex.compile(INVISIBLE)
_REMOVED = regex.compile(f"(?V1)[{INVISIBLE}--[\\n]]")
"""What step 4 removes: every invisible character but the newline."""


def is_invisible(char: str) -> bool:
    """Whether one character shows nothing by itself (a newline and a tab count, being controls).

    Not cached: a cache would keep characters patients typed in the process (a whole PDF
    costs about 2 ms more for it, of some 70)."""
    return _INVISIBLE.fullmatch(char) is not None


WORD_JOINER = "\u2060"
"""Invisible; put between two characters Streamlit would otherwise read as one sign."""

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MARKDOWN_ANYWHERE = frozenset("\\`*_[]<>!#|~$&:@{}")
_WWW_DOT = re.compile(r"(?i)(?<![\w.])(www)\.")
_MARKDOWN_START = re.compile(r"^(\d*)([-+=.)])")
_PAIRS = frozenset({"<-", "->", "--", ">=", "<=", "~="})


def _clean(text: str) -> str:
    """Steps 1 to 4 of the policy (what every display function applies)."""
    if text.isascii() and text.isprintable():
        return text  # the usual case, with nothing to do: no control character, nothing to compose
    text = _SURROGATE.sub("\ufffd", text)
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    # Removed before composing: an invisible character between a letter and its accent
    # would otherwise keep them apart, and the text would change the next time it is read.
    return unicodedata.normalize("NFC", _REMOVED.sub("", text))


def normalise(text: str) -> str:
    """The one normalisation every free-text field and every format gets (see the module)."""
    return _clean(text).strip()


def one_line(text: str) -> str:
    """Normalised text on one line: every run of whitespace becomes one space."""
    return _WHITESPACE.sub(" ", normalise(text)).strip()


def markdown(text: str) -> str:
    """Literal text in a Markdown document (one line), still easy to read as plain text.

    A backslash goes before every character that can start Markdown syntax anywhere in a
    line (emphasis, code, links, images, HTML, entities, tables, math, footnotes, emoji
    and ``:directives:``, e-mail autolinks), before the dot of ``www.`` (web autolinks), and
    before a list or heading marker at the start. Commas, full stops, quotes and question
    marks elsewhere stay as they are.
    """
    plain = one_line(text)
    escaped = "".join(f"\\{char}" if char in _MARKDOWN_ANYWHERE else char for char in plain)
    escaped = _WWW_DOT.sub(r"\1\\.", escaped)
    start = _MARKDOWN_START.match(escaped)
    if start:
        escaped = f"{start.group(1)}\\{start.group(2)}{escaped[start.end() :]}"
    return escaped


def streamlit_markdown(text: str) -> str:
    """Literal text wherever Streamlit renders Markdown (see the module for what it adds). One line.

    Every ASCII punctuation character is backslash-escaped; then a word joiner goes where
    Streamlit's after-parsing replacements would match: after every ``:`` (icons, emoji,
    directives, ``http://``), after every ``@`` (e-mail links), inside ``www.`` (web
    links) and inside the arrow and dash pairs (``->``, ``--``, ``<=`` ...).
    """
    plain = one_line(text)
    out: list[str] = []
    for index, char in enumerate(plain):
        out.append(f"\\{char}" if char in _ASCII_PUNCTUATION else char)
        following = plain[index + 1 : index + 2]
        if not following:
            break
        if (
            char in ":@"
            or (char + following) in _PAIRS
            or (following == "." and plain[max(0, index - 2) : index + 1].lower() == "www")
        ):
            out.append(WORD_JOINER)
    return "".join(out)


def reportlab(text: str) -> str:
    """Literal text in reportlab paragraph markup (a line break stays a newline: a space there)."""
    return _xml_escape(_clean(text))


def html(text: str) -> str:
    """Literal text in HTML text or an attribute value (quotes escaped too)."""
    return _html_escape(_clean(text), quote=True)


def terminal(text: str) -> str:
    """One line for a terminal: normalised, so no control or escape code, and no line breaks."""
    return one_line(text)
