"""The limits a patient reads about, by the names the words use, and the byte limits of
every file the tool reads: the one place the rest of the code asks for them.

The words in ``data/<lang>/ui.yaml`` never restate a number (``{max_own_chars}``, not
"300"): every screen that shows such a word fills it from here, so the words and the
checks can never disagree.
"""

from __future__ import annotations

from questions.answers_pdf import MAX_ANSWERS_BYTES
from questions.answers_pdf import MAX_PDF_BYTES as MAX_PDF_BYTES

MAX_FILE_BYTES = MAX_ANSWERS_BYTES
"""The largest text file the tool reads: a saved-answers JSON file, and a clinic file. (The
numbers live in ``questions.answers_pdf``, whose PDF-reading child imports nothing from
this package; every other module asks here.)"""

UPLOAD_LIMIT_MB = MAX_PDF_BYTES // 1_000_000
"""The upload box's limit: the largest file the app reads (a PDF of the list). The browser
counts a megabyte as 1,000,000 bytes (Streamlit's own server, 1,048,576: a little more
reaches it, and the reader refuses what is over ``MAX_PDF_BYTES``, the same for all)."""


def words() -> dict[str, int]:
    """Each limit under the placeholder name the words use."""
    # Imported here: the readers import the byte limits above, and the engine reads content.
    from questions.engine import MAX_BANK_QUESTIONS
    from questions.models import MAX_CUSTOM, MAX_CUSTOM_CHARS

    return {
        "max_own_chars": MAX_CUSTOM_CHARS,
        "max_own": MAX_CUSTOM,
        "max_suggested": MAX_BANK_QUESTIONS,
        "max_upload_mb": UPLOAD_LIMIT_MB,
    }
