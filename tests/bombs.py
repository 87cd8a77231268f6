"""Hostile saved-answers files, built byte by byte (issue #21), and how to measure their cost.

The PDFs are written by hand, not by a PDF library: a library would refuse to make them.

- ``memory_bomb``: a catalog whose ``/Names /EmbeddedFiles`` lists the answers' file name
  many times, each entry its own tiny doubly-Flated stream of 512 KB of zeros (pypdf's
  ``attachments`` decoded every one and kept them all: 500 MB for 200 KB of PDF).
- ``cpu_bomb``: the same with three Flate stages, which sent pypdf's byte-by-byte zlib
  "recovery" through megabytes per entry; ``ascii=True`` puts ``/ASCIIHexDecode`` first,
  so the whole PDF is plain ASCII and fits the tab's restore message as text.
- ``xref_chain_bomb``: cross-reference streams chained by ``/Prev``, each decoding to
  512 KB of entries (a cost paid while the file is merely opened).

``Budget`` measures a piece of work the way the issue's bound is stated: CPU seconds
(this process's and its waited-for children's, never wall-clock) and resident memory
above the baseline, from ``/proc/self/status``.
"""

from __future__ import annotations

import binascii
import itertools
import os
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from questions.answers_file import ANSWERS_ATTACHMENT

ZEROS = b"\0" * (512 * 1024)
SIZES = (4_650, 200_000, 999_000)
"""Bytes of PDF: the issue's 31-CPU-second file, its 203 KB one, and just under 1 MB."""


def _pdf(objects: list[bytes], root: int, trailer_extra: bytes = b"") -> bytes:
    """A PDF with ``objects`` numbered from 1 and a classic cross-reference table (ASCII
    itself: no binary marker comment)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, filters: list[bytes], extra: bytes = b"") -> bytes:
    names = b" ".join(b"/" + f for f in filters)
    return (
        b"<< /Type /EmbeddedFile /Length %d /Filter [%s]%s >>\nstream\n" % (len(data), names, extra)
        + data
        + b"\nendstream"
    )


def _flated(stages: int, ascii_hex: bool) -> tuple[bytes, list[bytes]]:
    data = ZEROS
    for _ in range(stages):
        data = zlib.compress(data, 9)
    filters = [b"FlateDecode"] * stages
    if ascii_hex:
        data = binascii.hexlify(data) + b">"
        filters = [b"ASCIIHexDecode", *filters]
    return data, filters


def _embedded_files_bomb(target_size: int, stages: int, ascii_hex: bool = False) -> bytes:
    """Entries of the answers' name, each its own tiny bomb stream, until ``target_size``."""
    data, filters = _flated(stages, ascii_hex)
    name = b"(" + ANSWERS_ATTACHMENT.encode() + b")"
    per_entry = len(_stream(data, filters)) + 120 + 2 * len(name)
    count = max(1, (target_size - 400) // per_entry)
    built = _entries_pdf(data, filters, name, count)
    while len(built) > target_size and count > 1:
        count = max(1, int(count * target_size / len(built)) - 1)
        built = _entries_pdf(data, filters, name, count)
    return built


def _entries_pdf(data: bytes, filters: list[bytes], name: bytes, count: int) -> bytes:
    # objects: 1 catalog, 2 pages, 3 names tree, then (stream, filespec) pairs
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    pairs = []
    body: list[bytes] = []
    for index in range(count):
        stream_no = 4 + 2 * index
        body.append(_stream(data, filters))
        body.append(b"<< /Type /Filespec /F %s /EF << /F %d 0 R >> >>" % (name, stream_no))
        pairs.append(b"%s %d 0 R" % (name, stream_no + 1))
    objects.append(b"<< /Names [" + b" ".join(pairs) + b"] >>")
    objects.extend(body)
    return _pdf(objects, root=1)


def memory_bomb(target_size: int) -> bytes:
    return _embedded_files_bomb(target_size, stages=2)


def cpu_bomb(target_size: int, ascii: bool = False) -> bytes:
    return _embedded_files_bomb(target_size, stages=3, ascii_hex=ascii)


def xref_chain_bomb(target_size: int) -> bytes:
    """Cross-reference streams chained by ``/Prev``, each 512 KB of entries once decoded."""
    entries = zlib.compress(b"\x01\x00\x00" * (170_000), 9)
    out = bytearray(b"%PDF-1.7\n")
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    previous = None
    number = 3
    while len(out) < target_size - 300:
        start = len(out)
        prev = b" /Prev %d" % previous if previous is not None else b""
        out += (
            b"%d 0 obj\n<< /Type /XRef /Size 170003 /Index [3 170000] /W [1 1 1] /Root 1 0 R%s"
            b" /Filter /FlateDecode /Length %d >>\nstream\n" % (number, prev, len(entries))
        )
        out += entries + b"\nendstream\nendobj\n"
        previous = start
        number += 1
    out += b"startxref\n%d\n%%%%EOF\n" % previous
    return bytes(out)


def pdf_bombs() -> dict[str, bytes]:
    """Every PDF bomb at every size, by a readable name."""
    bombs: dict[str, bytes] = {}
    for size in SIZES:
        bombs[f"memory bomb, {size:,} bytes"] = memory_bomb(size)
        bombs[f"CPU bomb, {size:,} bytes"] = cpu_bomb(size)
        bombs[f"CPU bomb in ASCII, {size:,} bytes"] = cpu_bomb(size, ascii=True)
        bombs[f"chained cross-reference streams, {size:,} bytes"] = xref_chain_bomb(size)
    return bombs


def json_bombs() -> dict[str, bytes]:
    """Saved-answers files built to cost a JSON reader: deep, wide, long numbers, repeats."""
    return {
        "nested 100,000 deep": b'{"version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nested objects 40,000 deep": b'{"a":' * 40_000 + b"1" + b"}" * 40_000,
        "a 250,000-digit number": b'{"version": ' + b"9" * 250_000 + b"}",
        "15,000 repeated keys": b"{" + b'"version": 1, ' * 15_000 + b'"version": 1}',
        "a 250,000-digit negative number in a list": b'{"version": 1, "x": [-' + b"7" * 250_000 + b"]}",
        "wide and deep": b'{"version": 1, "x": [' + b"[[[[[[[[[]]]]]]]]]," * 12_000 + b"[]]}",
    }


def yaml_bombs() -> dict[str, bytes]:
    """Clinic files built to cost a YAML reader (item 5 of the issue, and the classic ones)."""
    laughs = [b'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        ref = b",".join([b"*a%d" % (level - 1)] * 9)
        laughs.append(b"a%d: &a%d [%s]" % (level, level, ref))
    return {
        "a billion laughs": b"\n".join(laughs) + b"\nname: *a9\nphone: '555 010 0100'\n",
        "a billion laughs as the name": b"\n".join(b"x" + line for line in laughs)
        + b"\nname: *a9\nphone: '555 010 0100'\n",
        "20,000 levels deep": b"name: " + b"[" * 20_000 + b"]" * 20_000 + b"\nphone: '555 010 0100'\n",
        "a list as a mapping key": b"? [a, b]\n: 1\nname: Clinic\nphone: '555 010 0100'\n",
        "a 5,000-digit phone": b"name: Clinic\nphone: " + b"5" * 5_000 + b"\n",
        "a 5,000-digit key": b"name: Clinic\nphone: '555 010 0100'\n" + b"7" * 5_000 + b": 1\n",
        "a giant float": b"name: Clinic\nphone: 1e" + b"9" * 5000 + b"\n",
    }


def rss_bytes(pid: int | str = "self") -> int:
    """Resident memory of a process now (``/proc/<pid>/status``, ``VmRSS``)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/status")


def cpu_seconds(pid: int | str = "self") -> float:
    """CPU time of a process and its waited-for children (``/proc/<pid>/stat``)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + cutime + cstime) / ticks


def children() -> list[str]:
    """The pids of this process's live children (``/proc/*/stat``: this kernel has no
    ``/proc/<pid>/task/<tid>/children``)."""
    me = str(os.getpid())
    pids: list[str] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = (entry / "stat").read_text("ascii").rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if parent == me:
            pids.append(entry.name)
    return pids


def child_peak_bytes(pid: str) -> int:
    """A live child's own peak resident memory (``VmHWM``); 0 once it is gone, and 0 while
    it has not yet run its own program: ``subprocess`` starts a child with ``vfork``, so until
    ``exec`` the child's memory *is* this process's, and so is its command line. Ours is read
    each time: pytest-xdist retitles a worker for every test, which rewrites it."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline, open("/proc/self/cmdline", "rb") as own:
            if cmdline.read() == own.read():
                return 0
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class ServerCost:
    """CPU seconds and peak resident memory of another process (the app server) while a block runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self._stop = pid, threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            time.sleep(0.005)

    def __enter__(self) -> ServerCost:
        self.start_rss = self.peak = rss_bytes(self.pid)
        self.start_cpu = cpu_seconds(self.pid)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu = cpu_seconds(self.pid) - self.start_cpu
        self.memory = max(self.peak, rss_bytes(self.pid)) - self.start_rss


@dataclass
class Cost:
    cpu_seconds: float
    peak_rss_growth: int
    child_peak_rss: int


class Budget:
    """Measure this process (and its children) while a piece of work runs.

    Peak memory is sampled from ``/proc/self/status`` every few milliseconds on a helper
    thread (``VmHWM`` is the peak of the whole test run, useless for one piece of work).
    A child's peak is its own ``VmHWM``, sampled while it runs (children already running
    before are left out). ``RUSAGE_CHILDREN`` cannot serve: it is the largest child of the
    whole test run, and a new ``Popen`` reaps an earlier test's leftover child on the way.
    """

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._peak = 0

    def _sample(self) -> None:
        for tick in itertools.count():
            if self._stop.is_set():
                return
            self._peak = max(self._peak, rss_bytes())
            if tick % 5 == 0:  # finding the children reads all of /proc: every 10 ms is enough
                started = [pid for pid in children() if pid not in self._children_at_start]
                self._child_peak = max(self._child_peak, *(child_peak_bytes(pid) for pid in started), 0)
            time.sleep(0.002)

    def __enter__(self) -> Budget:
        self.baseline = rss_bytes()
        self._peak = self.baseline
        self._child_peak = 0
        self._children_at_start = set(children())  # an app server another test left running
        self._cpu = cpu_seconds()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._peak = max(self._peak, rss_bytes())
        self.cost = Cost(
            cpu_seconds=cpu_seconds() - self._cpu,
            peak_rss_growth=self._peak - self.baseline,
            child_peak_rss=self._child_peak,
        )
