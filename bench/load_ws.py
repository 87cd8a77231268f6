"""One replica's capacity, measured without browsers: simulated patients speak Streamlit's protocol.

Run from the repository root:  python bench/load_ws.py --patients 30 --minutes 3

Each simulated patient is what a browser tab sends and nothing else: a WebSocket to
``/_stcore/stream`` carrying Streamlit's own ``BackMsg`` protobufs (a ``rerun_script``
with the widget states a click or a typed answer would send), reading ``ForwardMsg``s
until the run's ``script_finished``. It keeps a browser's message cache too (the hashes
of cacheable elements it holds go back with every rerun, as the frontend sends them).
Each patient makes a whole visit: every step with answers (a unique provider name and
an own question that only this patient types), review edits (ask first, remove, browse
and add), then every download on the print step fetched from ``/media/...`` and checked
for this patient's own words and for no other patient's. Then the tab closes.

Patients start one after another over ``--ramp`` seconds and wait ``--think`` seconds
(on average; 0.5x to 1.5x at random) between actions, as a person reading a step would.
Each patient slot begins a new visit (a new session) when one ends, until ``--minutes``
have passed; visits under way then finish, within a hard limit, and the run stops.

By default it starts its own server, pinned to one CPU with ``taskset -c 1`` (what
``cpu: 1`` gives a pod), and pins itself to the other CPU; ``--url`` takes a server
that is already running (then ``--pid`` names its process for CPU and memory). It talks
to 127.0.0.1 only. It prints the server's latency per step (median, p95, p99: from the
BackMsg sent to the run's ``script_finished``, so what a patient waits for minus the
browser's drawing), the server's CPU-seconds (per visit, too) and RSS from ``/proc``,
every error and every document that held someone else's words; ``--json`` writes the
same as data. Exit status 1 on any error or any cross-patient data.

The server it starts runs with the container's Streamlit settings (the Dockerfile's
``ENV`` and the Deployment's ``env``; no file watcher: with it, one pair of runs cost
1.68 CPU-seconds a visit against 1.23), and
one warm-up visit (the first loads the PDF libraries) comes before the clock. Documents
are read (pypdf) after the run, so the driver's own CPU stays out of the latency. On a
machine shared with other work, ``--nice rt`` gives the server (and the driver) the
lowest real-time priority so the server gets the CPU it asks for, as a pod's CPU would
be; the report says how long its event loop waited for a CPU and how much of its CPU
other processes used. ``--profile FILE`` records the server with py-spy meanwhile
(``pip install py-spy``; collapsed stacks; a thread waiting for the interpreter's lock
counts as busy there, and py-spy's ``--gil`` mode put nearly every sample on the event
loop here, so the report's CPU split, from ``/proc``, is the one to trust).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import itertools
import json
import os
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
FINAL = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
TOKEN = re.compile(r"Zq\d{4,6}[A-Z]{4}")
"""Every patient's own word: ``Zq`` + patient number + 4 random capitals. A document that
holds a token other than its own patient's is cross-patient data."""
WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(.*)$")
CLK_TCK = os.sysconf("SC_CLK_TCK")


class VisitError(Exception):
    """Something a patient would notice: a step that did not come, an exception on screen, a bad file."""


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


# --- the server process, from /proc -------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process (all its threads), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS now, peak RSS) of the process in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def cpu_busy(cpu: int) -> tuple[float, float]:
    """(busy, total) seconds of one CPU since boot, from /proc/stat: what else ran on the server's CPU."""
    for line in Path("/proc/stat").read_text().splitlines():
        name, *ticks = line.split()
        if name == f"cpu{cpu}":
            user, nice, system, idle, iowait, irq, softirq, steal = (int(t) for t in ticks[:8])
            busy = user + nice + system + irq + softirq + steal
            return busy / CLK_TCK, (busy + idle + iowait) / CLK_TCK
    raise RuntimeError(f"no cpu{cpu} in /proc/stat")


def container_env() -> dict[str, str]:
    """The Streamlit settings the container runs with: the Dockerfile's ``ENV`` and the Deployment's ``env``.

    The server started here runs as a pod would (for example with no file watcher).
    """
    import yaml

    env: dict[str, str] = {}
    dockerfile = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    for line in dockerfile.splitlines():
        if line.startswith("ENV "):
            env.update(re.findall(r"(STREAMLIT_\w+)=(\S+)", line))
    deployment = yaml.safe_load(
        (ROOT / "deploy" / "kubernetes" / "deployment.yaml").read_text(encoding="utf-8")
    )
    for item in deployment["spec"]["template"]["spec"]["containers"][0].get("env", []):
        if item["name"].startswith("STREAMLIT_"):
            env[item["name"]] = str(item["value"])
    return env


def main_thread_schedstat(pid: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds waiting in the run queue) of the server's main thread: its event loop.

    Waiting means runnable while something else had the CPU: another process (on a shared
    machine that wait is in every latency measured here, and it is not the app's), or the
    server's own script threads on its one CPU.
    """
    on_cpu, waiting, _ = Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def own_server(cpu: str, env: dict[str, str] | None = None, args: tuple[str, ...] = ()):
    """A fresh ``streamlit run app.py`` on loopback, pinned to ``cpu``; yields (url, pid)."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", *args,
    ]  # fmt: skip
    if cpu:
        command = ["taskset", "-c", cpu, *command]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, **container_env(), **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        else:
            raise RuntimeError("the server did not answer /_stcore/health in 60 s")
        yield url, process.pid  # taskset execs the server: same pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=10)


# --- HTTP for the downloads ---------------------------------------------------------------


async def http_get(url: str) -> tuple[int, bytes]:
    """GET a loopback URL with a bare HTTP/1.1 request (no client library, no proxy, no cache)."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname != "127.0.0.1":
        raise ValueError(f"loopback only: {url}")
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        out, rest = b"", body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                break
            out, rest = out + rest[:size], rest[size + 2 :]
        body = out
    return status, body


# --- one browser tab, as Streamlit's frontend speaks ------------------------------------


@dataclass
class Widget:
    kind: str
    id: str
    proto: Any


@dataclass
class Tab:
    """One tab's connection: the current page, its widgets and the message cache."""

    url: str
    ws: Any = None
    page_hash: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    widgets: dict[str, Widget] = field(default_factory=dict)
    values: dict[str, WidgetState] = field(default_factory=dict)
    cache: dict[str, ForwardMsg] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    received_bytes: int = 0
    messages: int = 0

    async def open(self) -> None:
        host = urllib.parse.urlsplit(self.url).netloc
        self.ws = await connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.url,  # type: ignore[arg-type]
            max_size=256 * 1024 * 1024,
            open_timeout=30,
            ping_interval=None,
            compression=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _element(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if kind == "heading":
            self.headings.append(proto.body)
        if kind == "exception":
            self.errors.append(f"exception on screen: {proto.type}: {proto.message[:200]}")
        widget_id = getattr(proto, "id", "") if kind != "heading" else ""
        if isinstance(widget_id, str) and (match := WIDGET_ID.match(widget_id)):
            self.widgets[match.group(1)] = Widget(kind, widget_id, proto)

    async def rerun(self, triggers: tuple[str, ...] = (), **values: WidgetState) -> None:
        """Send what a click or an answer sends; return when the last run has finished."""
        back = BackMsg()
        state = back.rerun_script
        state.page_script_hash = self.page_hash
        state.context_info.timezone = "America/New_York"
        state.context_info.timezone_offset = 300
        state.context_info.locale = "en-US"
        state.context_info.url = self.url + "/"
        state.cached_message_hashes.extend(self.cache)
        for value in values.values():
            self.values[value.id] = value
        current = {widget.id for widget in self.widgets.values()}
        for widget_id, value in self.values.items():
            if widget_id in current:
                state.widget_states.widgets.append(value)
        for key in triggers:
            state.widget_states.widgets.append(WidgetState(id=self.widgets[key].id, trigger_value=True))
        await self.ws.send(back.SerializeToString())
        await self._until_finished()

    def _resolved(self, raw: bytes) -> ForwardMsg:
        """The message ``raw`` stands for: a cache reference replaced by the message the tab
        kept (as the browser's own cache does), a cacheable message kept for later."""
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise VisitError(f"a cache reference the tab does not hold: {msg.ref_hash}")
            metadata = msg.metadata
            msg = ForwardMsg()
            msg.CopyFrom(cached)
            msg.metadata.CopyFrom(metadata)
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        return msg

    async def _until_finished(self) -> None:
        while True:
            raw = await self.ws.recv()
            self.received_bytes += len(raw)
            self.messages += 1
            msg = self._resolved(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.widgets, self.headings = {}, []
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "delta":
                self._element(msg)
            elif kind == "page_not_found":
                raise VisitError("page not found")
            elif kind == "script_finished" and msg.script_finished in FINAL:
                if self.errors:
                    raise VisitError("; ".join(self.errors))
                return

    # what a patient does, in the words of the page

    def key_like(self, prefix: str) -> list[str]:
        return [key for key in self.widgets if key.startswith(prefix)]

    def value(self, key: str, **value: Any) -> WidgetState:
        if key not in self.widgets:
            raise VisitError(f"no widget {key!r} on the page (headings: {self.headings})")
        return WidgetState(id=self.widgets[key].id, **value)

    def options(self, key: str) -> list[str]:
        return list(self.widgets[key].proto.options)


# --- a whole visit ------------------------------------------------------------------------


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    cross: list[str] = field(default_factory=list)
    visits: int = 0
    documents: int = 0
    messages: int = 0
    received_bytes: int = 0
    t0: float = field(default_factory=time.perf_counter)
    trace: list[tuple[float, str, float]] = field(default_factory=list)
    fetched: list[tuple[str, str, bytes]] = field(default_factory=list)
    """(patient's token, download label, bytes) of every document fetched, checked after the run."""

    def check_documents(self) -> None:
        """Each document holds its patient's own words and no other patient's."""
        for token, label, body in self.fetched:
            found = set(TOKEN.findall(document_text(body)))
            self.documents += 1
            if found - {token}:
                self.cross.append(f"patient {token}: {label} holds {sorted(found - {token})}")
            if token not in found:
                self.errors.append(f"patient {token}: {label}: the patient's own words are missing")
        self.fetched.clear()

    """(seconds since the start, step, ms) of every action, for a time line."""


@dataclass
class Patient:
    number: int
    url: str
    think: float
    results: Results
    rng: random.Random

    async def pause(self) -> None:
        if self.think > 0:
            await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))

    async def act(self, tab: Tab, step: str, triggers: tuple[str, ...] = (), **values: WidgetState) -> None:
        await self.pause()
        started = time.perf_counter()
        await tab.rerun(triggers, **values)
        self.results.timings[step].append((time.perf_counter() - started) * 1000)
        self.results.trace.append(
            (round(started - self.results.t0, 3), step, round((time.perf_counter() - started) * 1000, 1))
        )

    async def next(self, tab: Tab, slug: str, key: str) -> None:
        await self.act(tab, f"to {slug}", (key,))
        if tab.page_hash != tab.pages.get(slug) or not tab.headings:
            raise VisitError(f"after {key}: expected step {slug}, page shows {tab.headings[:3]}")

    async def visit(self, token: str) -> None:
        """One patient's whole visit, with ``token`` in their provider name and own question."""
        rng = self.rng
        tab = Tab(self.url)
        started = time.perf_counter()
        await tab.open()
        try:
            await tab.rerun()
            self.results.timings["open the app"].append((time.perf_counter() - started) * 1000)
            await self.next(tab, "visit", "start")
            stage = tab.options("_w_visit.stage")
            await self.act(
                tab, "answer", **{"s": tab.value("_w_visit.stage", string_value=rng.choice(stage))}
            )
            provider = f"Dr. {token} Clinic"
            await self.act(tab, "answer", **{"p": tab.value("_w_visit.provider", string_value=provider)})
            for part in ("month", "day", "year"):
                key = f"_w_visit.date.{part}"
                choice = tab.options(key)[1 if part == "year" else rng.randrange(0, 12)]
                await self.act(tab, "answer", **{part: tab.value(key, string_value=choice)})
            await self.next(tab, "conditions", "next_visit")
            for key in rng.sample(tab.key_like("_w_conditions."), 2) + rng.sample(
                tab.key_like("_w_tried_treatments."), 1
            ):
                await self.act(tab, "answer", **{"c": tab.value(key, bool_value=True)})
            await self.next(tab, "health", "next_conditions")
            for key in rng.sample(tab.key_like("_w_health."), 1) + rng.sample(
                tab.key_like("_w_medication_types."), 1
            ):
                await self.act(tab, "answer", **{"h": tab.value(key, bool_value=True)})
            await self.act(
                tab, "answer", m=tab.value("_w_medications", string_value=f"sertraline 50 mg ({token})")
            )
            await self.next(tab, "concerns", "next_health")
            for key in rng.sample(tab.key_like("_w_concerns."), 3):
                await self.act(tab, "answer", **{"c": tab.value(key, bool_value=True)})
            await self.next(tab, "support", "next_concerns")
            for key in rng.sample(tab.key_like("_w_support."), 3):
                await self.act(
                    tab, "answer", **{"s": tab.value(key, string_value=rng.choice(tab.options(key)))}
                )
            await self.next(tab, "readiness", "next_support")
            for key in rng.sample(tab.key_like("_w_readiness."), 2):
                await self.act(
                    tab, "answer", **{"r": tab.value(key, string_value=rng.choice(tab.options(key)))}
                )
            await self.next(tab, "review", "next_readiness")
            await self.review(tab, token)
            await self.next(tab, "print", "next_review")
            await self.act(
                tab, "answer", lp=tab.value("_w_output.large_print", bool_value=rng.random() < 0.3)
            )
            await self.downloads(tab, token)
            self.results.visits += 1
        finally:
            self.results.messages += tab.messages
            self.results.received_bytes += tab.received_bytes
            await tab.close()

    async def review(self, tab: Tab, token: str) -> None:
        own = f"Could my plan for {token} change after the first session?"
        await self.act(tab, "review: type", q=tab.value("_w_own_question", string_value=own))
        await self.act(tab, "review: add own", ("add_own",))
        tops = [k for k in tab.key_like("_w_top.") if not k.startswith("_w_top.own")]
        if tops:
            key = self.rng.choice(tops)
            await self.act(tab, "review: ask first", **{"t": tab.value(key, bool_value=True)})
        removable = [k for k in tab.key_like("remove_") if not k.startswith("remove_own")]
        if removable:
            await self.act(tab, "review: remove", (self.rng.choice(removable),))
        topics = tab.options("_browse_topic")
        await self.act(
            tab, "review: browse", b=tab.value("_browse_topic", string_value=self.rng.choice(topics))
        )
        adds = tab.key_like("add_") and [k for k in tab.key_like("add_") if k != "add_own"]
        if adds:
            await self.act(tab, "review: add", (self.rng.choice(adds),))

    async def downloads(self, tab: Tab, token: str) -> None:
        buttons = [w for w in tab.widgets.values() if w.kind == "download_button"]
        if len(buttons) < 4:
            raise VisitError(f"print step: {len(buttons)} downloads, expected 4 or more")
        for button in buttons:
            await self.pause()
            started = time.perf_counter()
            status, body = await http_get(self.url + button.proto.url)
            self.results.timings["download"].append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise VisitError(f"{button.proto.url}: HTTP {status}")
            # Read after the run (pypdf is slow): the driver's CPU is not the server's latency.
            self.results.fetched.append((token, button.proto.label, body))

    async def run(self, stop_at: float) -> None:
        """Visits one after another until ``stop_at`` (monotonic seconds)."""
        visit = 0
        while time.monotonic() < stop_at:
            visit += 1
            token = f"Zq{self.number:02d}{visit % 100:02d}" + "".join(
                self.rng.choices(string.ascii_uppercase, k=4)
            )
            try:
                await self.visit(token)
            except Exception as exc:  # every failure is reported, the run goes on
                self.results.errors.append(
                    f"patient {self.number} visit {visit}: {type(exc).__name__}: {exc}"
                )
                await asyncio.sleep(1)


def document_text(body: bytes) -> str:
    """What a document says, PDF or text: its pages' text, and the answers embedded in a PDF."""
    if body.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(body))
        text = " ".join(page.extract_text() for page in reader.pages)
        for name, contents in reader.attachments.items():
            text += " " + name + " " + b" ".join(contents).decode("utf-8", "replace")
        return text
    return body.decode("utf-8", "replace")


# --- the run ------------------------------------------------------------------------------


async def sample(pid: int, samples: list[tuple[float, float, float]], stop: asyncio.Event) -> None:
    """(time, CPU-seconds, RSS MB) of the server every second."""
    start = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - start, cpu_seconds(pid), memory_mb(pid)[0]))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1)


@contextlib.contextmanager
def profiled(pid: int, path: Path | None):
    """py-spy sampling the server's threads (on the driver's CPU) while the block runs."""
    if path is None:
        yield
        return
    if shutil.which("py-spy") is None:
        raise SystemExit("--profile needs py-spy (a dev tool, not in the locks): pip install py-spy==0.4.3")
    spy = subprocess.Popen(
        [
            "py-spy",
            "record",
            "--pid",
            str(pid),
            "--rate",
            "100",
            "--gil",
            "--format",
            "raw",
            "--output",
            str(path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        spy.send_signal(2)
        spy.wait(timeout=60)


def renice(pid: int, nice: int | str) -> None:
    """The server's scheduling, every thread (threads it starts later inherit it), then this driver's.

    A number is a nice value. ``"rt"`` is the lowest real-time priority (SCHED_RR 1): on a
    machine shared with other work (other cgroups, where nice does not reach) the server then
    gets the CPU it asks for, as a pod with ``cpu: 1`` would; the kernel still keeps 5 % of
    each CPU for everything else (``sched_rt_runtime_us``). Root only.
    """
    if nice in (0, "0", ""):
        return
    tasks = [int(task.name) for task in Path(f"/proc/{pid}/task").iterdir()] + [0]
    for task in tasks:
        with contextlib.suppress(ProcessLookupError):
            if nice == "rt":
                os.sched_setscheduler(task, os.SCHED_RR, os.sched_param(1))
            else:
                os.setpriority(os.PRIO_PROCESS, task, int(nice))


async def drive(url: str, pid: int, args: argparse.Namespace) -> dict[str, Any]:
    renice(pid, args.nice)
    for number in range(args.warm_up):  # the first visit loads the PDF libraries: not a patient's cost
        await Patient(90 + number, url, 0, Results(), random.Random(number)).visit(f"Zq99{number:02d}WARM")
    with profiled(pid, args.profile):
        return await _drive(url, pid, args)


async def _drive(url: str, pid: int, args: argparse.Namespace) -> dict[str, Any]:
    results = Results()
    rss_before, _ = memory_mb(pid)
    cpu_before = cpu_seconds(pid)
    driver_before = time.process_time()
    loop_before = main_thread_schedstat(pid)
    pinned = int(args.cpu) if args.cpu.isdigit() else None
    busy_before = cpu_busy(pinned) if pinned is not None else (0.0, 0.0)
    samples: list[tuple[float, float, float]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(pid, samples, stop))
    started = time.monotonic()
    stop_at = started + args.minutes * 60
    rng = random.Random(args.seed)
    patients = [
        Patient(n, url, args.think, results, random.Random(rng.random())) for n in range(args.patients)
    ]

    async def slot(patient: Patient) -> None:
        await asyncio.sleep(args.ramp * patient.number / max(1, args.patients))
        await patient.run(stop_at)

    tasks = [asyncio.create_task(slot(p)) for p in patients]
    hard_limit = args.minutes * 60 + args.grace
    _, pending = await asyncio.wait(tasks, timeout=hard_limit)
    for task in pending:
        task.cancel()
    if pending:
        results.errors.append(
            f"{len(pending)} visits still under way after the hard limit of {hard_limit:.0f} s"
        )
    await asyncio.gather(*pending, return_exceptions=True)
    took = time.monotonic() - started
    stop.set()
    await sampler
    cpu = cpu_seconds(pid) - cpu_before
    driver_cpu = time.process_time() - driver_before
    loop_after = main_thread_schedstat(pid)
    busy_after = cpu_busy(pinned) if pinned is not None else (0.0, 0.0)
    others = (busy_after[0] - busy_before[0] - cpu) / took if pinned is not None else float("nan")
    rss_after, peak = memory_mb(pid)
    results.check_documents()
    steps = {
        name: {
            "count": len(values),
            "median_ms": statistics.median(values),
            "p95_ms": percentile(values, 95),
            "p99_ms": percentile(values, 99),
        }
        for name, values in results.timings.items()
    }
    every = [v for name, values in results.timings.items() if name != "download" for v in values]
    busiest = (
        max((b[1] - a[1]) / (b[0] - a[0]) for a, b in itertools.pairwise(samples)) if len(samples) > 1 else 0
    )
    return {
        "patients": args.patients,
        "minutes": args.minutes,
        "think_s": args.think,
        "nice": args.nice,
        "ramp_s": args.ramp,
        "took_s": took,
        "visits": results.visits,
        "documents": results.documents,
        "errors": results.errors,
        "cross_patient": results.cross,
        "steps": steps,
        "all_steps": {
            "count": len(every),
            "median_ms": statistics.median(every) if every else float("nan"),
            "p95_ms": percentile(every, 95) if every else float("nan"),
            "p99_ms": percentile(every, 99) if every else float("nan"),
        },
        "server_cpu_s": cpu,
        "server_cpu_per_visit_s": cpu / results.visits if results.visits else float("nan"),
        "server_cpu_share": cpu / took,
        "server_cpu_share_busiest_second": busiest,
        "others_share_of_server_cpu": others,
        "driver_cpu_share": driver_cpu / took,
        "event_loop_on_cpu_share": (loop_after[0] - loop_before[0]) / took,
        "event_loop_share_of_server_cpu": (loop_after[0] - loop_before[0]) / cpu if cpu else float("nan"),
        "event_loop_waiting_for_cpu_share": (loop_after[1] - loop_before[1]) / took,
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_after,
        "rss_peak_mb": max([rss_after, *(s[2] for s in samples)]),
        "vm_hwm_mb": peak,
        "messages_per_visit": results.messages / max(1, results.visits),
        "kb_received_per_visit": results.received_bytes / 1024 / max(1, results.visits),
        "loadavg_before": args.loadavg_before,
        "loadavg_after": Path("/proc/loadavg").read_text().split()[:3],
        "samples": [(round(t, 2), round(c, 2), round(m, 1)) for t, c, m in samples],
        "trace": results.trace,
    }


def report(r: dict[str, Any]) -> str:
    lines = [
        f"{r['patients']} patients at once, {r['minutes']} min (+ visits under way), think {r['think_s']} s, "
        f"ramp {r['ramp_s']} s, nice {r['nice']}: {r['visits']} whole visits in {r['took_s']:.0f} s, {r['documents']} documents checked",
        f"server: {r['server_cpu_s']:.1f} CPU-seconds ({r['server_cpu_share']:.0%} of one CPU on average, "
        f"{r['server_cpu_share_busiest_second']:.0%} in the busiest second), "
        f"{r['server_cpu_per_visit_s']:.2f} CPU-seconds per visit; {r['event_loop_share_of_server_cpu']:.0%} of it "
        "in the event loop (the main thread: sending), the rest in the script runs",
        f"server RSS: {r['rss_before_mb']:.0f} MB before, {r['rss_peak_mb']:.0f} MB peak, {r['rss_after_mb']:.0f} MB after",
        f"per visit: {r['messages_per_visit']:.0f} messages, {r['kb_received_per_visit']:.0f} KB from the server",
        f"the server's event loop ran {r['event_loop_on_cpu_share']:.0%} of the time and waited for the CPU "
        f"(runnable; another process or the server's own script runs had it) "
        f"{r['event_loop_waiting_for_cpu_share']:.0%}; "
        f"the driver used {r['driver_cpu_share']:.0%} of a CPU; "
        f"other processes on the server's CPU: {r['others_share_of_server_cpu']:.0%} of it meanwhile; "
        f"load average before {' '.join(r['loadavg_before'])}, after {' '.join(r['loadavg_after'])}",
        f"errors: {len(r['errors'])}; documents with another patient's words: {len(r['cross_patient'])}",
        "",
        "| step | count | median ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, s in [*r["steps"].items(), ("every step but downloads", r["all_steps"])]:
        lines.append(
            f"| {name} | {s['count']} | {s['median_ms']:.0f} | {s['p95_ms']:.0f} | {s['p99_ms']:.0f} |"
        )
    lines += [f"error: {e}" for e in r["errors"][:20]]
    lines += [f"CROSS-PATIENT: {c}" for c in r["cross_patient"]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=30, help="patients at once (30)")
    parser.add_argument("--minutes", type=float, default=3, help="minutes to start new visits (3)")
    parser.add_argument(
        "--think", type=float, default=4.0, help="mean seconds between a patient's actions (4)"
    )
    parser.add_argument("--ramp", type=float, default=30, help="seconds over which patients arrive (30)")
    parser.add_argument(
        "--grace", type=float, help="seconds a visit under way may run on (default: 90 x think, at least 240)"
    )
    parser.add_argument("--url", help="a server already running on 127.0.0.1 (default: start one)")
    parser.add_argument("--pid", type=int, help="that server's process id (for CPU and memory)")
    parser.add_argument("--cpu", default="1", help="the CPU to pin the server to ('' for none; 1)")
    parser.add_argument(
        "--nice",
        default="0",
        help="the server's and the driver's scheduling: a nice value, or 'rt' (see renice; root only)",
    )
    parser.add_argument("--warm-up", type=int, default=1, help="visits before the measured run (1)")
    parser.add_argument("--seed", type=int, default=28)
    parser.add_argument("--json", type=Path, help="write the results here as JSON too")
    parser.add_argument(
        "--profile",
        type=Path,
        help="record the server with py-spy meanwhile (collapsed stacks, to this file)",
    )
    args = parser.parse_args()
    args.loadavg_before = Path("/proc/loadavg").read_text().split()[:3]
    if args.grace is None:  # a visit is about 45 actions: room for one to finish twice over
        args.grace = max(240.0, 90 * args.think)
    if args.cpu and hasattr(os, "sched_setaffinity"):
        others = set(range(os.cpu_count() or 1)) - {int(c) for c in args.cpu.split(",")}
        if others:
            os.sched_setaffinity(0, others)  # the driver stays off the server's CPU
    if args.url:
        if urllib.parse.urlsplit(args.url).hostname != "127.0.0.1":
            parser.error("--url: loopback (127.0.0.1) only")
        if args.pid is None:
            parser.error("--url needs --pid (the server's process, for CPU and memory)")
        result = asyncio.run(drive(args.url.rstrip("/"), args.pid, args))
    else:
        with own_server(args.cpu) as (url, pid):
            result = asyncio.run(drive(url, pid, args))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 1 if result["errors"] or result["cross_patient"] else 0


if __name__ == "__main__":
    sys.exit(main())
