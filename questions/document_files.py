"""The document files: every format by file suffix (``FORMATS``, ``MEDIA_TYPES``), the
per-session random part stamped into each file (``stamp``), and a safe way to write one to
disk (``write_atomically``). (The document itself, format-neutral, is ``questions.document``.)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from questions.html_doc import build_html
from questions.listing import PatientList
from questions.pdf import Pdf, build_pdf, pdf_warnings
from questions.text_doc import build_markdown, build_text

Builder = Callable[[PatientList], bytes]

FORMATS: dict[str, Builder] = {
    ".pdf": build_pdf,
    ".html": lambda plist: build_html(plist).encode("utf-8"),
    ".md": lambda plist: build_markdown(plist).encode("utf-8"),
    ".txt": lambda plist: build_text(plist).encode("utf-8"),
}
"""File suffix -> the document's bytes: the printable PDF, and the accessible versions."""

MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
"""What to tell a browser each download is."""


def build_document(plist: PatientList, suffix: str) -> bytes:
    """The document for a suffix (``.pdf``, ``.html``, ``.md``, ``.txt``; any case)."""
    try:
        builder = FORMATS[suffix.lower()]
    except KeyError:
        raise ValueError(f"unknown document format '{suffix}'; use one of {', '.join(FORMATS)}") from None
    return builder(plist)


def document_warnings(plist: PatientList, suffix: str) -> list[str]:
    """What this format cannot show exactly as typed (only the PDF has limits)."""
    return pdf_warnings(plist) if suffix.lower() == ".pdf" else []


def file_name(plist: PatientList, suffix: str) -> str:
    """A plain download name: ``ketamine-questions.pdf`` (or its translation)."""
    return plist.pack.text("document.file_name") + suffix.lower()


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a reader sees the old file or the whole new one.

    The bytes go to a temporary file in the same folder, which then replaces ``path``
    (an atomic rename on one file system). Its name is short and fixed in length
    (``.kqp-XXXXXXXX.part``), so any name the file system accepts for ``path`` works. On any error the temporary file is removed and
    ``path`` is left as it was; nothing half-written is ever left behind. The file is
    readable by its owner only (``mkstemp``'s mode): it holds health information.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".kqp-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


_PDF_ID = re.compile(rb"/ID \n\[<([0-9a-f]{32})><\1>\]")


def stamp(data: bytes, suffix: str, nonce: str) -> bytes:
    """``data`` with a random part (``nonce``, hex) inside, invisible to the reader.

    The app serves downloads at an address derived from the file's bytes (``ui.media``);
    with a per-session random part in every file, the address cannot be worked out from a
    guessed set of answers, and two patients with identical answers get different ones.

    - PDF: the file identifier in the trailer (``/ID``, which the PDF format means to be
      unique per file) becomes a hash of the nonce and reportlab's own identifier. Same
      length, so no offset in the file moves.
    - HTML: a comment before ``</html>``.
    - Text and Markdown: a last line of spaces and tabs (4 per hex digit): blank on screen
      and on paper.
    An empty ``nonce`` leaves the bytes as they are (the CLI, and tests).
    """
    if not nonce:
        return data
    suffix = suffix.lower()
    if isinstance(data, Pdf):  # the copy keeps the count its canvas made
        return Pdf(stamp(bytes(data), suffix, nonce), data.pages)
    if suffix == ".pdf":
        tail_start = max(0, len(data) - 4096)
        tail = data[tail_start:]
        match = _PDF_ID.search(tail)
        if match is None:
            return data + f"%{nonce}\n".encode("ascii")
        unique = hashlib.sha256(nonce.encode("ascii") + match.group(1)).hexdigest()[:32].encode("ascii")
        tail = tail[: match.start()] + b"/ID \n[<" + unique + b"><" + unique + b">]" + tail[match.end() :]
        return data[:tail_start] + tail
    if suffix == ".html":
        comment = f"<!-- {nonce} -->\n".encode("ascii")
        end = data.rfind(b"</html>")
        return data + comment if end < 0 else data[:end] + comment + data[end:]
    bits = "".join(f"{int(digit, 16):04b}" for digit in nonce)
    return data + bits.replace("0", " ").replace("1", "\t").encode("ascii") + b"\n"
