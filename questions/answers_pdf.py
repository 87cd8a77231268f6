"""The saved answers inside an uploaded PDF, read with a budget for the whole read.

A PDF is a program for a parser: one uploaded file can name the same embedded file a
thousand times, chain a thousand cross-reference streams, or make zlib's "recovery" walk
megabytes byte by byte. Capping each stream is not enough (issue #21). So the whole read
runs in a short-lived child process of its own (this file, run by path with ``python -I``)
with two budgets the operating system enforces, whatever pypdf does inside:

- ``CPU_SECONDS`` of CPU time (``RLIMIT_CPU``: the child is killed, never the server);
- ``MEMORY_BYTES`` of address space above the child's start (``RLIMIT_AS``).

Inside those, the child looks only where a saved-answers file can be: the catalog's
``/Names /EmbeddedFiles`` name tree, walked by hand (at most ``MAX_TREE_NODES`` nodes and
``MAX_ENTRIES`` entries, stopping at the *first* entry with the answers' name), decodes
at most ``MAX_DECODED_BYTES`` in all (cross-reference and object streams included), with
zlib's byte-by-byte recovery capped at ``RECOVERY_BYTES``, and checks its own CPU time
between steps. The server's memory never holds more than the PDF and the answers, and its
Python threads keep running other patients' sessions meanwhile (the work is in another
process, outside the server's GIL). At most ``PARALLEL_READS`` children run at once per
server; a read that cannot start within ``QUEUE_SECONDS`` is refused as busy.

This module imports nothing from ``questions``: the child runs it as a plain script.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time

ANSWERS_NAME = "ketamine-question-prep-answers.json"
"""The embedded file's name (``questions.answers_file.ANSWERS_ATTACHMENT`` is this)."""
MAX_PDF_BYTES = 1_000_000
"""The largest PDF of the list read back: the upload box's own limit as the browser counts
it (1 MB = 1,000,000 bytes), for every way in. Everything else asks ``questions.limits``."""
MAX_ANSWERS_BYTES = 256 * 1024
"""The largest saved-answers file, in a PDF or on its own, and the largest clinic file
(``questions.limits.MAX_FILE_BYTES``). Defined here because the child imports nothing."""
CPU_SECONDS = 1
"""The child's CPU budget, start-up included (about 0.2 s; a real list's PDF reads in 0.1 s more)."""
MEMORY_BYTES = 160 * 1024 * 1024
"""Address space the child may add to what it has after start-up."""
MAX_DECODED_BYTES = 2 * 1024 * 1024
"""All streams decoded in one read, together (the answers themselves are at most 256 KB)."""
STREAM_OUTPUT_BYTES = 2 * MAX_ANSWERS_BYTES
RECOVERY_BYTES = 4096
"""zlib's byte-by-byte retry of a damaged stream: pypdf's default is 5 MB, seconds of CPU."""
MAX_TREE_NODES = 64
MAX_ENTRIES = 512
MAX_FILTERS = 2
PARALLEL_READS = 2
QUEUE_SECONDS = 20.0
WALL_SECONDS = 15.0
"""Only a last resort for a child that is stuck without using CPU (it cannot be, but)."""

FOUND, NOT_FOUND, BUSY = "found", "not_found", "busy"
_EXIT_NOT_FOUND = 3
_slots = threading.BoundedSemaphore(PARALLEL_READS)


def read_answers_attachment(pdf: bytes) -> tuple[str, bytes]:
    """``(FOUND, the embedded answers' bytes)``, ``(NOT_FOUND, b"")`` or ``(BUSY, b"")``."""
    if len(pdf) > MAX_PDF_BYTES:
        return NOT_FOUND, b""
    if not _slots.acquire(timeout=QUEUE_SECONDS):
        return BUSY, b""
    try:
        done = subprocess.run(
            [sys.executable, "-I", os.path.abspath(__file__)],
            input=pdf,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # pypdf's warnings about a broken file help no one
            timeout=WALL_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return NOT_FOUND, b""
    finally:
        _slots.release()
    if done.returncode != 0 or not done.stdout or len(done.stdout) > MAX_ANSWERS_BYTES:
        return NOT_FOUND, b""
    return FOUND, done.stdout


# --- the child ------------------------------------------------------------------------


class _OverBudget(Exception):
    """The read went past one of its budgets."""


def _limit_resources() -> None:
    """The operating system's budgets, set before the PDF is even read."""
    try:
        import resource
    except ImportError:  # not a POSIX system: the in-process checks below still hold
        return
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return
    limit = size_kb * 1024 + MEMORY_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _check_time() -> None:
    if time.process_time() > CPU_SECONDS:
        raise _OverBudget


def _budgeted_decoding() -> None:
    """Count every stream pypdf decodes in this process against ``MAX_DECODED_BYTES``."""
    import pypdf.filters

    original = pypdf.filters.decode_stream_data
    used = [0]

    def decode(stream: object) -> bytes:
        _check_time()
        filters = stream.get("/Filter", ())  # type: ignore[attr-defined]
        if (
            not isinstance(filters, (str, bytes))
            and hasattr(filters, "__len__")
            and len(filters) > MAX_FILTERS
        ):
            raise _OverBudget
        data: bytes = original(stream)  # type: ignore[arg-type]
        used[0] += len(data)
        if used[0] > MAX_DECODED_BYTES:
            raise _OverBudget
        _check_time()
        return data

    pypdf.filters.decode_stream_data = decode


def _first_answers_entry(tree: object) -> object | None:
    """The value of the first entry named ``ANSWERS_NAME`` in a name tree, or None.

    Walked by hand, depth first in the tree's own order, with caps on nodes and entries:
    pypdf's ``attachments`` decodes every entry of that name and keeps them all."""
    from pypdf.generic import ArrayObject, DictionaryObject

    stack = [tree]
    seen: set[int] = set()
    nodes, entries = 0, [0]
    while stack:
        node = stack.pop()
        ref = getattr(node, "idnum", None)
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        node = node.get_object() if hasattr(node, "get_object") else node
        nodes += 1
        if nodes > MAX_TREE_NODES or not isinstance(node, DictionaryObject):
            return None
        _check_time()
        found = _answers_in_names(node.get("/Names"), entries)
        if found is not _NOT_HERE:
            return found
        kids = node.get("/Kids")
        kids = kids.get_object() if kids is not None else None
        if isinstance(kids, ArrayObject):
            if len(kids) > MAX_TREE_NODES:
                return None
            stack.extend(reversed(list(kids)))
    return None


_NOT_HERE = object()
"""``_answers_in_names`` found no entry of the answers' name in this node: walk on."""


def _answers_in_names(names: object, entries: list[int]) -> object | None:
    """The value of the answers' entry in one node's ``/Names`` array; None to stop the walk
    (``entries``, the count so far, passed ``MAX_ENTRIES``); ``_NOT_HERE`` to go on."""
    from pypdf.generic import ArrayObject

    names = names.get_object() if hasattr(names, "get_object") else names
    if not isinstance(names, ArrayObject):
        return _NOT_HERE
    for index in range(0, len(names) - 1, 2):
        entries[0] += 1
        if entries[0] > MAX_ENTRIES:
            return None
        key = names[index].get_object()
        if isinstance(key, str) and key == ANSWERS_NAME:
            value: object = names[index + 1]
            return value
    return _NOT_HERE


def _child_read(pdf: bytes) -> bytes | None:
    """The answers' bytes inside ``pdf``, or None."""
    import logging

    import pypdf
    from pypdf.generic import DictionaryObject, StreamObject

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repair notes help no one here
    _budgeted_decoding()
    caps = {
        name: STREAM_OUTPUT_BYTES
        for name in (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "brotli_maximum_output_length",
            "array_based_stream_maximum_output_length",
            "jbig2_maximum_output_length",
        )
    }
    with pypdf.apply_configuration(
        None,
        **caps,
        zlib_maximum_recovery_input_length=RECOVERY_BYTES,
        stream_decoding_work_maximum_length=4 * STREAM_OUTPUT_BYTES,
        maximum_declared_stream_length=MAX_PDF_BYTES,
        stream_filters_maximum_length=MAX_FILTERS,
        array_maximum_element_count=4 * MAX_ENTRIES,
        dictionary_maximum_element_count=4 * MAX_ENTRIES,
    ):
        reader = pypdf.PdfReader(io.BytesIO(pdf), strict=False)
        if reader.is_encrypted:
            return None
        _check_time()
        root = reader.trailer.get("/Root")
        root = root.get_object() if root is not None else None
        if not isinstance(root, DictionaryObject):
            return None
        names = root.get("/Names")
        names = names.get_object() if names is not None else None
        tree = names.get("/EmbeddedFiles") if isinstance(names, DictionaryObject) else None
        if tree is None:
            return None
        spec = _first_answers_entry(tree)
        spec = spec.get_object() if spec is not None else None  # type: ignore[attr-defined]
        if not isinstance(spec, DictionaryObject):
            return None
        files = spec.get("/EF")
        files = files.get_object() if files is not None else None
        if not isinstance(files, DictionaryObject):
            return None
        stream = files.get("/F") or files.get("/UF")
        stream = stream.get_object() if stream is not None else None
        if not isinstance(stream, StreamObject):
            return None
        data = stream.get_data()
        _check_time()
        return data if isinstance(data, bytes) and 0 < len(data) <= MAX_ANSWERS_BYTES else None


def _child_main() -> int:
    _limit_resources()
    pdf = sys.stdin.buffer.read(MAX_PDF_BYTES + 1)
    if len(pdf) > MAX_PDF_BYTES:
        return _EXIT_NOT_FOUND
    try:
        data = _child_read(pdf)
    except BaseException:
        return _EXIT_NOT_FOUND
    if data is None:
        return _EXIT_NOT_FOUND
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
