"""A bounded load test on loopback: many patients complete the wizard at once on one server.

Run from the repository root:  python bench/load.py --patients 10
Each patient is a separate browser context (its own Streamlit session) in one headless
Chromium. Every patient answers, walks every step, downloads the PDF, and the PDF is
checked for that patient's own provider name and questions (and nobody else's). Prints
the median and 95th percentile time per step. Traffic goes only to 127.0.0.1, and the
run stops by itself (each patient has a time limit).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.run import CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, SERVERS, chromium_path, cpu_seconds, p95, server  # noqa: E402
from questions.content import load_language  # noqa: E402
from questions.listing import patient_list  # noqa: E402
from questions.models import Answers  # noqa: E402
from ui.steps import STEPS  # noqa: E402

WORDS = load_language("en")
CONDITIONS = ["ptsd", "chronic_pain", "anxiety", "depression", "ocd"]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


async def idle(page) -> None:
    await page.wait_for_timeout(30)
    await page.wait_for_selector(IDLE, timeout=60_000)


async def patient(browser, url: str, number: int, timings: dict[str, list[float]]) -> str:
    """One patient's whole visit; returns a problem, or "" when their PDF is right."""
    condition = CONDITIONS[number % len(CONDITIONS)]
    provider = f"Dr. Load Patient {number:02d}"
    context = await browser.new_context(accept_downloads=True)
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(url)
        await page.get_by_role("heading", name=WORDS.text("welcome.heading")).wait_for()
        timings["open the app"].append((time.perf_counter() - start) * 1000)
        await idle(page)
        slugs = [step.slug for step in STEPS]
        for index, slug in enumerate(slugs[:-1]):
            if slug == "visit":
                box = page.get_by_role("textbox", name=WORDS.text("visit.provider_label"))
                await box.fill(provider)
                await box.press("Enter")
                await idle(page)
            if slug == "conditions":
                await page.get_by_text(WORDS.labels.conditions[condition], exact=True).click()
                await idle(page)
            button = "Start" if slug == "welcome" else "Next"
            after = slugs[index + 1]
            start = time.perf_counter()
            await page.get_by_role("button", name=button, exact=True).click()
            await page.get_by_role("heading", name=WORDS.text(f"{after}.heading")).wait_for()
            timings[f"to {after}"].append((time.perf_counter() - start) * 1000)
            await idle(page)
        start = time.perf_counter()
        async with page.expect_download() as download:
            await page.get_by_role("button", name=WORDS.text("print.pdf")).click()
        path = await (await download.value).path()
        timings["download PDF"].append((time.perf_counter() - start) * 1000)
        pdf = Path(path).read_bytes()
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
        expected = patient_list(
            Answers.model_validate({"version": 1, "visit": {"provider": provider}, "conditions": [condition]})
        )
        if provider not in text:
            return f"patient {number}: own provider name missing from the PDF"
        others = [f"Dr. Load Patient {n:02d}" for n in range(100) if n != number]
        if any(name in text for name in others):
            return f"patient {number}: another patient's name is in the PDF"
        missing = [item.text for item in expected.items if " ".join(item.text.split())[:50] not in text]
        return f"patient {number}: questions missing: {missing[:2]}" if missing else ""
    finally:
        await context.close()


def memory_mb(pid: int) -> tuple[float, float]:
    """A process's resident memory now and at its peak, in MB (Linux /proc)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


async def run(patients: int, limit: float) -> int:
    from playwright.async_api import async_playwright

    timings: dict[str, list[float]] = defaultdict(list)
    with server() as (url, _):
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            idle_mb = memory_mb(SERVERS[-1])[0]
            started = time.perf_counter()
            results = await asyncio.gather(
                *(asyncio.wait_for(patient(browser, url, n, timings), limit) for n in range(patients)),
                return_exceptions=True,
            )
            took = time.perf_counter() - started
            server_cpu = cpu_seconds(SERVERS[-1])
            after_mb, peak_mb = memory_mb(SERVERS[-1])
            await browser.close()
    problems = [str(r) or type(r).__name__ for r in results if isinstance(r, BaseException) or r]
    print(
        f"{patients} patients at once on one server: {patients - len(problems)} finished with a correct PDF"
    )
    print(f"wall time for all: {took:.1f} s; the app server used {server_cpu:.1f} s of CPU in that time")
    print(f"(2 cores: {2 * took:.0f} CPU-seconds in all; the rest went to the {patients} browser tabs)")
    print(
        f"server memory: {idle_mb:.0f} MB idle, {peak_mb:.0f} MB at its peak, {after_mb:.0f} MB after; "
        f"{(peak_mb - idle_mb) / patients:.1f} MB and {server_cpu / patients:.2f} CPU-seconds per patient\n"
    )
    print("| step | median ms | p95 ms | samples |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in timings.items():
        print(f"| {name} | {statistics.median(values):.0f} | {p95(values):.0f} | {len(values)} |")
    for problem in problems:
        print(f"problem: {problem}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10, help="patients at once (default 10)")
    parser.add_argument("--limit", type=float, default=240, help="seconds each patient may take")
    args = parser.parse_args()
    if chromium_path() is None:
        print(HOW_TO_GET_CHROMIUM, file=sys.stderr)
        return 2
    return asyncio.run(run(args.patients, args.limit))


if __name__ == "__main__":
    sys.exit(main())
