"""Every document the list can become, by file suffix, and a safe way to write one to disk."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from questions.html_doc import build_html
from questions.listing import PatientList
from questions.pdf import build_pdf, pdf_warnings
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
    (an atomic rename on one file system). On any error the temporary file is removed and
    ``path`` is left as it was; nothing half-written is ever left behind. The file is
    readable by its owner only (``mkstemp``'s mode): it holds health information.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
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
