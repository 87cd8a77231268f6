"""Reading a saved-answers file safely, with one plain message when it is not right.

The same reader serves the CLI and the app's "continue from a saved file", so a patient
and a script get the same words for the same problem. A PDF this tool made is a saved
file too: its answers ride inside it as an embedded JSON file (``ANSWERS_ATTACHMENT``).
"""

from __future__ import annotations

import codecs
import json
from typing import IO, Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from questions import problems
from questions.answers_pdf import ANSWERS_NAME, BUSY, FOUND, read_answers_attachment
from questions.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from questions.limits import MAX_PDF_BYTES as MAX_PDF_BYTES
from questions.models import FORMAT_VERSION, Answers

ANSWERS_ATTACHMENT = ANSWERS_NAME
"""The embedded file's name inside the PDF (fixed, whatever the language)."""
PDF_SIGNATURE = b"%PDF-"
NOT_ANSWERS_PDF = "The file is not a saved-answers file: this PDF does not hold saved answers."
BUSY_MESSAGE = "The file could not be read now: too many PDFs are being read at once. Try again in a minute."
MAX_NESTING = 8
TOO_DEEP = "The file is not a saved-answers file: it is nested too deeply."
MAX_DIGITS = 4300
"""Python refuses to turn a longer digit string into an integer; no saved answer needs one."""


class AnswersFileError(ValueError):
    """The file cannot be used; the message says why in plain words.

    ``code`` and ``params`` let a front end say the same thing in the patient's language
    (``ui.yaml``: ``restore_errors.<code>``); ``str()`` is the English sentence the CLI prints.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class _NotAnswers(Exception):
    """Raised while parsing: something no saved-answers file can hold."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's keys, refusing one that appears twice (json keeps the last silently)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotAnswers(
                "duplicate_key",
                f"The file is not a saved-answers file: the name '{_quote(key)}' appears twice in one place.",
                name=_quote(key),
            )
        result[key] = value
    return result


def _integer(digits: str) -> int:
    """A JSON integer, refusing thousands of digits (Python's limit, and no answer needs one)."""
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _NotAnswers(
            "giant_number",
            f"The file is not a saved-answers file: it holds a number with {len(digits.lstrip('-'))} digits.",
            digits=len(digits.lstrip("-")),
        )
    return int(digits)


_quote = problems.quote


def read_limited(stream: IO[bytes]) -> bytes:
    """Read at most one byte more than any file we accept may hold (a huge input stops early).

    The larger limit is a PDF's (``MAX_PDF_BYTES``); ``parse_answers`` then refuses the
    result as too large, or as not a saved-answers file, if that extra byte came.
    """
    return stream.read(max(MAX_FILE_BYTES, MAX_PDF_BYTES) + 1)


def _depth(value: Any, limit: int, level: int = 1) -> int:
    """How deeply nested a parsed JSON value is, stopping once past ``limit``."""
    if level > limit:
        return level
    children: list[Any] = []
    if isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, list):
        children = value
    return max([level, *(_depth(child, limit, level + 1) for child in children)])


def describe_error(error: ErrorDetails) -> str:
    """One pydantic error as a short sentence that names the field (``questions.problems``)."""
    return problems.sentence(error, _WORDING)


_WORDING = problems.Wording()
"""A saved-answers file's words: "this file format has no field called 'colour'"."""


def describe_validation_error(exc: ValidationError) -> str:
    """All of a validation error's problems in one line, the first named in full."""
    return problems.and_more(describe_error(exc.errors()[0]), exc.error_count())


def embedded_answers(pdf: bytes) -> bytes:
    """The saved-answers file inside a PDF this tool made, or ``AnswersFileError``.

    A PDF without it, a damaged one, a hostile one, or one over ``MAX_PDF_BYTES`` all get
    the same plain "not a saved-answers file". The read has one budget for the whole file
    (``questions.answers_pdf``: CPU time, memory, decoded bytes, name-tree entries), so no
    upload can cost the server more than about a CPU-second.
    """
    status, found = read_answers_attachment(pdf)
    if status == BUSY:
        raise AnswersFileError("busy", BUSY_MESSAGE)
    if status != FOUND:
        raise AnswersFileError("not_answers_pdf", NOT_ANSWERS_PDF)
    return found


def parse_answers(raw: bytes | str, *, pdf: bool = True) -> Answers:
    """Turn a saved-answers file's content (JSON, or a PDF this tool made) into answers,
    or raise ``AnswersFileError``.

    ``pdf=False`` reads JSON only: the tab's own copy (``ui.tab``) is always the JSON this
    app wrote, so a PDF arriving that way is refused before any PDF parser sees it.
    """
    if isinstance(raw, str):
        raw = raw.encode("utf-8", errors="surrogatepass")
    if not raw.startswith(PDF_SIGNATURE):
        return _parse_json(raw)
    if not pdf:
        raise AnswersFileError("not_answers_pdf", NOT_ANSWERS_PDF)
    try:
        return _parse_json(embedded_answers(raw))
    except AnswersFileError as problem:
        if problem.code in {"newer_version", "not_answers_pdf", "busy"}:
            raise
        # The JSON inside a PDF is never typed by hand: anything wrong with it means damage.
        raise AnswersFileError("not_answers_pdf", NOT_ANSWERS_PDF) from None


_UTF16 = (
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"{\x00", "utf-16-le"),
    (b"\x00{", "utf-16-be"),
)
"""Windows Notepad's "Unicode" is UTF-16 with a byte-order mark; some tools leave it out."""


def _text(raw: bytes) -> str:
    """A JSON file's text: UTF-8 (with or without a byte-order mark) or UTF-16, else not text."""
    encoding = "utf-8-sig"
    if not raw.startswith(codecs.BOM_UTF8):
        encoding = next((name for start, name in _UTF16 if raw.startswith(start)), encoding)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8-sig":
            raise AnswersFileError(
                "not_text",
                "The file is not a saved-answers file (it is not text: it starts like UTF-16 text, then is damaged).",
            ) from None
        raise AnswersFileError("not_text", "The file is not a saved-answers file (it is not text).") from None


def _parse_json(raw: bytes) -> Answers:
    """A saved-answers JSON file's bytes as answers, or ``AnswersFileError``."""
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        raise AnswersFileError(
            "too_large",
            f"The file is too large: a saved-answers file is at most {limit} KB.",
            limit=limit,
        )
    text = _text(raw)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_integer)
    except _NotAnswers as exc:
        raise AnswersFileError(exc.code, str(exc), **exc.params) from None
    except RecursionError:
        raise AnswersFileError("nested", TOO_DEEP) from None
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            "not_json",
            f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg.lower()}).",
            line=exc.lineno,
        ) from None
    if not isinstance(data, dict):
        raise AnswersFileError(
            "not_object", "The file is not a saved-answers file (it should be a JSON object)."
        )
    if _depth(data, MAX_NESTING) > MAX_NESTING:
        raise AnswersFileError("nested", TOO_DEEP)
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        version = data.get("version")
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
        if first["loc"] == ("version",) and newer:
            raise AnswersFileError(
                "newer_version", f"The file has a problem: {describe_validation_error(exc)}.", version=version
            ) from None
        raise AnswersFileError(
            "field",
            f"The file has a problem: {describe_validation_error(exc)}.",
            field=_quote(problems.where(first["loc"]) or "the file"),
        ) from None
