"""Benchmarks: where a patient's time goes, next to the floor Streamlit and reportlab set.

Run from the repository root:  python bench/run.py            (about 2-3 minutes)
                               python bench/run.py --quick    (fewer repeats, a smoke run)
Prints a table and writes it to bench/results.md. Not part of the test suite: timings
depend on the machine, so they are measured here and judged against targets, never
asserted in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, chromium_path  # noqa: E402

from questions import vocab  # noqa: E402
from questions.document_files import FORMATS  # noqa: E402
from questions.engine import build_list  # noqa: E402
from questions.listing import patient_list  # noqa: E402
from questions.models import Answers  # noqa: E402

EMPTY = Answers.empty()
TYPICAL = Answers.model_validate_json((ROOT / "examples" / "answers.json").read_text(encoding="utf-8"))
EVERYTHING = Answers.model_validate(
    {
        "version": 1,
        "visit": {"stage": "choosing_clinic", "provider": "Clínica Esperanza", "date": "2026-12-03"},
        "conditions": list(vocab.CONDITIONS),
        "other_condition": "Tinnitus",
        "tried_treatments": list(vocab.TRIED_TREATMENTS),
        "health": list(vocab.HEALTH_FLAGS),
        "medications": "sertraline 50 mg, lorazepam 1 mg, vitamin D " * 10,
        "medication_types": list(vocab.MEDICATION_TYPES),
        "concerns": list(vocab.CONCERNS),
        "support": dict.fromkeys(vocab.SUPPORT_KEYS, "no"),
        "readiness": dict.fromkeys(vocab.READINESS_KEYS, "unsure"),
        "custom_questions": [
            f"Question {n}: " + "could you tell me more about this part " * 7 for n in range(20)
        ],
        "output": {"include_summary": True},
    }
)


def with_output(answers: Answers, **output: object) -> Answers:
    return answers.model_copy(update={"output": answers.output.model_copy(update=output)})


def measure(
    action: Callable[[], object],
    repeats: int,
    warmup: int = 2,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Milliseconds of ``action`` over ``repeats`` runs, after a warm-up (wall clock unless
    ``clock`` says otherwise: ``time.process_time`` counts only this process's CPU time,
    which a machine shared with other work does not inflate)."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeats):
        start = clock()
        action()
        times.append((clock() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, name: str, times: list[float], target: str = "", verdict: str = "") -> None:
        row = (name, f"{statistics.median(times):.2f}", f"{p95(times):.2f}", target, verdict)
        self.rows.append(row)
        print(f"  {name:<58} median {row[1]:>9} ms   p95 {row[2]:>9} ms   {target} {verdict}", flush=True)

    def note(self, name: str, value: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((name, value, "", target, verdict))
        print(f"  {name:<58} {value}   {target} {verdict}", flush=True)

    def markdown(self) -> str:
        lines = ["| what | median ms | p95 ms | target | met |", "| --- | ---: | ---: | --- | --- |"]
        lines += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


PATIENTS_DIR = ROOT / "tests" / "patients"
"""The realistic patients the selection policy is tested and read with (tests/test_policy.py)."""


def bench_engine(table: Table, repeats: int) -> None:
    print("engine (answers -> ordered list)")
    patients = [("empty", EMPTY), ("typical", TYPICAL), ("everything", EVERYTHING)]
    patients += [
        (path.stem.replace("_", " "), Answers.model_validate_json(path.read_text(encoding="utf-8")))
        for path in sorted(PATIENTS_DIR.glob("*.json"))
    ]
    for name, answers in patients:
        times = measure(lambda a=answers: build_list(a), repeats * 10)
        table.add(f"engine: {name} patient", times, "< 2 ms median", verdict(statistics.median(times) < 2))


def bench_documents(table: Table, repeats: int) -> None:
    print("documents")
    cases = (
        ("typical (the example file, answers embedded)", TYPICAL, 60),
        ("everything, 20 own questions", EVERYTHING, 250),
        ("everything, large print", with_output(EVERYTHING, large_print=True), 250),
        # The timing limits tests/test_pdf.py used to assert live here (no timing in tests).
        ("everything, large print, A4", with_output(EVERYTHING, large_print=True, paper="a4"), 250),
        ("typical, fillable off", with_output(TYPICAL, answer_space=False), 60),
    )
    for name, answers, limit in cases:
        plist = patient_list(answers)
        times = measure(lambda p=plist: FORMATS[".pdf"](p), repeats)
        ok = statistics.median(times) < limit
        table.add(f"PDF: {name}", times, f"< {limit} ms median", verdict(ok))
        cpu = measure(lambda p=plist: FORMATS[".pdf"](p), repeats, clock=time.process_time)
        ok = statistics.median(cpu) < limit
        table.add(f"PDF: {name} (CPU time)", cpu, f"< {limit} ms median", verdict(ok))
    bench_tags(table, repeats)
    bench_embedded_answers(table, repeats)
    for suffix in (".html", ".txt", ".md"):
        for name, answers in (("typical", TYPICAL), ("everything", EVERYTHING)):
            plist = patient_list(answers)
            table.add(
                f"{suffix[1:].upper()}: {name}", measure(lambda p=plist, s=suffix: FORMATS[s](p), repeats)
            )


def bench_tags(table: Table, repeats: int) -> None:
    """What tagging the PDF for screen readers costs: the same documents built with and
    without the tags (``tagged=False`` is the PDF as it was before them), alternately in
    this run, so a busy machine slows both alike. Target: at most 1.3 times the untagged."""
    from questions.document import document_for
    from questions.pdf import pdf_document

    cases = (
        ("typical", TYPICAL),
        ("everything, 20 own questions", EVERYTHING),
        ("everything, large print", with_output(EVERYTHING, large_print=True)),
    )
    for name, answers in cases:
        document = document_for(patient_list(answers))
        times: dict[bool, list[float]] = {False: [], True: []}
        for tagged in (False, True) * 2:
            pdf_document(document, tagged=tagged)
        for _ in range(repeats):
            for tagged in (False, True):
                start = time.process_time()
                pdf_document(document, tagged=tagged)
                times[tagged].append((time.process_time() - start) * 1000)
        table.add(f"PDF: {name}, untagged (CPU time)", times[False])
        table.add(f"PDF: {name}, tagged (CPU time)", times[True])
        ratio = statistics.median(times[True]) / statistics.median(times[False])
        table.note(f"PDF: {name}, tagged / untagged", f"x{ratio:.2f}", "<= x1.30", verdict(ratio <= 1.3))


def bench_embedded_answers(table: Table, repeats: int) -> None:
    """What carrying the answers inside the PDF costs, and reading them back.

    The answers are written in the same pass as the rest of the PDF (reportlab's own PDF
    objects). The pypdf post-pass that was the other way (clone the file, add the
    attachment, write it again) is measured too, as the reason it is not used.
    """
    import io

    import pypdf

    from questions.answers_file import parse_answers
    from questions.pdf import page_count

    plist = patient_list(TYPICAL)
    pdf = FORMATS[".pdf"](plist)
    payload = TYPICAL.to_json().encode("utf-8")

    def post_pass() -> bytes:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
        writer.add_attachment("answers.json", payload)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    table.add("PDF: pypdf post-pass to embed the answers (not used)", measure(post_pass, repeats))
    table.add(
        "PDF: read the answers back out (welcome step, CLI)", measure(lambda: parse_answers(pdf), repeats)
    )
    table.add("PDF: count its pages (print step)", measure(lambda: page_count(pdf), repeats))
    pages = page_count(pdf)
    large = page_count(FORMATS[".pdf"](patient_list(with_output(TYPICAL, large_print=True))))
    table.note(
        "PDF: pages, example file (normal / large print, Letter)",
        f"{pages} / {large}",
        "<= 4 / <= 8",
        verdict(pages <= 4 and large <= 8),
    )


def count_elements(node) -> int:
    """Every element and block AppTest saw in a run (what Streamlit had to build and send)."""
    children = getattr(node, "children", {}) or {}
    return 1 + sum(count_elements(child) for child in children.values())


def bench_app(table: Table, repeats: int) -> None:
    """Each step's rerun in AppTest next to two floors measured in the same run.

    The issue's floor is an empty script. Streamlit also costs a roughly fixed amount per
    element, so a second floor, a script of plain elements as many as the step shows,
    separates what our code costs from what any page of that size costs.
    """
    from streamlit.testing.v1 import AppTest

    print("app reruns (AppTest)")
    empty = AppTest.from_file(str(ROOT / "bench" / "empty_app.py"))
    empty.run()
    floor = measure(empty.run, repeats * 3)
    table.add("floor: empty Streamlit script rerun", floor)
    floor_median = statistics.median(floor)
    plain = AppTest.from_file(str(ROOT / "bench" / "plain_elements_app.py"))
    plain.run()
    plain_times = measure(plain.run, repeats * 3)
    per_element = max(0.0, (statistics.median(plain_times) - floor_median) / count_elements(plain._tree))
    table.add(f"floor: {count_elements(plain._tree)} plain elements ({per_element:.3f} ms each)", plain_times)
    from ui.steps import STEPS

    for name, answers in (("typical", TYPICAL), ("everything", EVERYTHING)):
        copy = AppTest.from_file(str(ROOT / "bench" / "tab_app.py"), default_timeout=60)
        copy.session_state["answers"] = answers.model_copy(deep=True)
        runs = {}
        for on in (False, True):
            copy.session_state["mirror"] = on
            copy.run()
            runs[on] = measure(copy.run, repeats * 3)
        added = statistics.median(runs[True]) - statistics.median(runs[False])
        table.add(f"tab copy of the answers ({name}): a rerun with it", runs[True])
        table.note(
            f"tab copy of the answers ({name}): added to a step's run",
            f"{added:.2f} ms",
            "< 20 ms",
            verdict(added < 20),
        )

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.session_state["answers"] = TYPICAL.model_copy(deep=True)
    for step in STEPS:
        at.switch_page(step.path)
        at.run()
        elements = count_elements(at._tree)
        times = measure(at.run, repeats * 3)
        ratio = statistics.median(times) / floor_median
        sized = statistics.median(times) / (floor_median + elements * per_element)
        table.add(
            f"step rerun: {step.slug}, {elements} elements (x{ratio:.1f} empty, x{sized:.1f} same-size)",
            times,
            "<= 2x floor",
            verdict(ratio <= 2) + ("" if ratio <= 2 else f"; x{sized:.1f} of a same-size page"),
        )


SOAK_HEADING = "## Soak"
"""bench/soak.py's section of bench/results.md, kept when this script rewrites the table."""

SERVERS: list[int] = []
"""Process ids of the servers started, newest last (for CPU accounting in bench/load.py)."""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(app_dir: Path = ROOT):
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=app_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    SERVERS.append(process.pid)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if (
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read()
                    == b"ok"
                ):
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", started
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)


def wait_idle(page) -> None:
    page.wait_for_timeout(30)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)


def bench_browser(table: Table, repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    if chromium is None:
        table.note("browser benchmarks", f"skipped: {HOW_TO_GET_CHROMIUM}")
        return
    print("start-up and browser")
    imports = measure(
        lambda: subprocess.run(
            [
                sys.executable,
                "-c",
                "import questions.document_files, questions.listing, ui.frame, ui.review, streamlit",
            ],
            cwd=ROOT,
            check=True,
        ),
        max(3, repeats // 4),
        warmup=1,
    )
    table.add("start-up: import the app's modules (new process)", imports)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        first = []
        for _ in range(3):
            with server() as (url, started):
                page = browser.new_page()
                page.goto(url)
                page.get_by_role("heading", name="Get ready for your ketamine appointment").wait_for()
                first.append((time.perf_counter() - started) * 1000)
                page.close()
        table.add("start-up: fresh server to first rendered step", first)
        from questions.content import load_language
        from ui.steps import STEPS

        words = load_language("en")
        # Our Next click and the bare app's, taken in turns so both meet the same machine
        # load (on a shared machine it changes from minute to minute).
        with server() as (url, _), server(ROOT / "bench" / "floor_app") as (floor_url, _):
            page, floor_page = browser.new_page(), browser.new_page()
            floor_page.goto(floor_url)
            wait_idle(floor_page)
            clicks: list[float] = []
            floor: list[float] = []
            floor_number = 0
            for _ in range(max(2, repeats // 10)):
                page.goto(url)
                wait_idle(page)
                page.get_by_role("button", name="Start").click()
                wait_idle(page)
                for step in STEPS[1:-1]:
                    after = STEPS[[s.slug for s in STEPS].index(step.slug) + 1]
                    heading = words.text(f"{after.slug}.heading")
                    start = time.perf_counter()
                    page.get_by_role("button", name="Next").click()
                    page.get_by_role("heading", name=heading).wait_for()
                    clicks.append((time.perf_counter() - start) * 1000)
                    wait_idle(page)
                    floor_number += 1
                    start = time.perf_counter()
                    floor_page.get_by_role("button", name="Next").click()
                    floor_page.get_by_role("heading", name=f"Floor page {floor_number % 8}").wait_for()
                    floor.append((time.perf_counter() - start) * 1000)
                    wait_idle(floor_page)
            ok = statistics.median(clicks) < 300
            table.add("browser: click Next to next heading visible", clicks, "< 300 ms median", verdict(ok))
            table.add("browser floor: the same click in a bare 8-page Streamlit app", floor)
            ratio = statistics.median(clicks) / statistics.median(floor)
            table.note(
                "browser: our Next click / the bare app's (taken in turns)",
                f"x{ratio:.2f}",
                "<= 1.5x the floor",
                verdict(ratio <= 1.5),
            )
            # After a reload the tab's copy brings the answers back: time until they show.
            reloads: list[float] = []
            page.goto(f"{url}/visit")
            wait_idle(page)
            stage = words.labels.stages["in_treatment"]
            page.get_by_text(stage, exact=True).click()
            wait_idle(page)
            # The tab's copy is written after the run is drawn: reload only once it holds the answer.
            page.wait_for_function(
                "() => (sessionStorage.getItem('kqp.answers') || '').includes('in_treatment')"
            )
            for _ in range(max(3, repeats // 8)):
                start = time.perf_counter()
                page.reload()
                page.get_by_role("radio", name=stage, checked=True).wait_for(state="attached")
                reloads.append((time.perf_counter() - start) * 1000)
                wait_idle(page)
            table.add("browser: reload to the answers back on screen", reloads)
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--only", choices=["engine", "documents", "app", "browser"], action="append")
    args = parser.parse_args()
    repeats = 10 if args.quick else 40
    table = Table()
    started = time.perf_counter()
    parts = {"engine": bench_engine, "documents": bench_documents, "app": bench_app, "browser": bench_browser}
    for name, run in parts.items():
        if not args.only or name in args.only:
            run(table, repeats)
    took = time.perf_counter() - started
    header = (
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{repeats} repeats (`python bench/run.py{' --quick' if args.quick else ''}`), took {took:.0f} s."
    )
    results = ROOT / "bench" / "results.md"
    # bench/soak.py keeps its own section at the end ("## Soak"): leave it as it is.
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    soak = old[old.index(SOAK_HEADING) :] if SOAK_HEADING in old else ""
    results.write_text(f"{header}\n\n{table.markdown()}\n" + (f"\n{soak}" if soak else ""), encoding="utf-8")
    print(f"\n{header}\nwritten to bench/results.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
