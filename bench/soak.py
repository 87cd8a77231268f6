"""A soak benchmark (not a test): many patients one after another on one server; does memory stay flat?

Run from the repository root:  python bench/soak.py --sessions 300
Each patient is a fresh browser context (a new Streamlit session) that opens the app,
types a provider name, ticks a condition, adds an own question on the review step,
downloads the PDF from the print step and closes its tab. Only one patient is on the
server at a time. The server's resident memory (RSS, from /proc) is sampled before the
first patient and after every ``--every`` patients. Growth is the least-squares slope of
the samples taken after the first 50 patients (the warm-up: imports, caches, the first
pages Streamlit keeps for reconnecting tabs), given in MB per 100 patients.
Target: at most 2 MB per 100 patients. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import CHROMIUM_ARGS, SERVERS, SOAK_HEADING, server  # noqa: E402
from questions.content import load_language  # noqa: E402

WORDS = load_language("en")
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
WARM_UP = 50
TARGET_MB_PER_100 = 2.0


def rss_mb(pid: int) -> float:
    """The process's resident memory in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS line")


def idle(page) -> None:
    page.wait_for_timeout(30)
    page.wait_for_selector(IDLE, timeout=60_000)


def go_to(page, slug: str) -> None:
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{slug}"]').click()
    page.get_by_role("heading", name=WORDS.text(f"{slug}.heading")).wait_for()
    idle(page)


def patient(browser, url: str, number: int) -> None:
    """One patient's short visit; the tab is closed at the end."""
    context = browser.new_context(accept_downloads=True)
    context.route(lambda u: not u.startswith(url), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(url)
        page.get_by_role("heading", name=WORDS.text("welcome.heading")).wait_for()
        idle(page)
        go_to(page, "visit")
        box = page.get_by_role("textbox", name=WORDS.text("visit.provider_label"))
        box.fill(f"Dr. Soak {number}")
        box.press("Enter")
        idle(page)
        go_to(page, "conditions")
        page.get_by_text(WORDS.labels.conditions["depression"], exact=True).click()
        idle(page)
        go_to(page, "review")
        own = page.get_by_role("textbox", name=WORDS.text("review.own_label"))
        own.fill(f"Question {number} of the soak?")
        page.get_by_role("button", name=WORDS.text("review.own_add")).click()
        idle(page)
        go_to(page, "print")
        with page.expect_download() as download:
            page.get_by_role("button", name=WORDS.text("print.pdf")).click()
        download.value.path()
    finally:
        context.close()


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of (patients, MB) points, in MB per patient."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


def run(sessions: int, every: int, write: bool) -> int:
    from playwright.sync_api import sync_playwright

    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    with server() as (url, _), sync_playwright() as playwright:
        pid = SERVERS[-1]
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        samples.append((0, rss_mb(pid)))
        print(f"patients {0:>4}: server RSS {samples[-1][1]:.1f} MB", flush=True)
        for number in range(1, sessions + 1):
            patient(browser, url, number)
            if number % every == 0:
                samples.append((number, rss_mb(pid)))
                print(f"patients {number:>4}: server RSS {samples[-1][1]:.1f} MB", flush=True)
        browser.close()
        time.sleep(5)
        after = rss_mb(pid)
    took = time.perf_counter() - started
    steady = [(x, y) for x, y in samples if x >= WARM_UP]
    growth = slope(steady) * 100 if len(steady) >= 2 else float("nan")
    print()
    print(f"{sessions} patients one after another on one server in {took / 60:.1f} min")
    print(
        f"RSS: {samples[0][1]:.1f} MB before, {samples[-1][1]:.1f} MB after the last; {after:.1f} MB 5 s later"
    )
    print(
        f"growth after the first {WARM_UP} patients: {growth:.2f} MB per 100 patients "
        f"(target <= {TARGET_MB_PER_100:.0f}: {'met' if growth <= TARGET_MB_PER_100 else 'NOT met'})"
    )
    table = "| patients | RSS MB |\n| ---: | ---: |\n" + "".join(f"| {x} | {y:.1f} |\n" for x, y in samples)
    print("\n" + table)
    if write:
        summary = (
            f"{SOAK_HEADING}\n\n"
            f"`python bench/soak.py --sessions {sessions} --every {every}`, finished "
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {took / 60:.0f} min: {sessions} patients one after "
            f"another on one server (each: provider, a condition, an own question, the PDF, tab closed).\n\n"
            f"Growth after the first {WARM_UP} patients: **{growth:.2f} MB per 100 patients** "
            f"(target at most {TARGET_MB_PER_100:.0f}: {'met' if growth <= TARGET_MB_PER_100 else 'NOT met'}). "
            f"RSS {samples[0][1]:.1f} MB before the first patient, {samples[-1][1]:.1f} MB after the last, "
            f"{after:.1f} MB 5 s later.\n\n{table}"
        )
        results = ROOT / "bench" / "results.md"
        old = results.read_text(encoding="utf-8") if results.exists() else ""
        kept = old[: old.index(SOAK_HEADING)].rstrip() if SOAK_HEADING in old else old.rstrip()
        results.write_text(f"{kept}\n\n{summary}", encoding="utf-8")
        print("written to bench/results.md")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=300, help="patients, one after another (300)")
    parser.add_argument("--every", type=int, default=25, help="sample RSS after this many patients (25)")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/results.md")
    args = parser.parse_args()
    if not Path("/usr/bin/chromium").exists():
        print("needs Chromium: apt-get install chromium", file=sys.stderr)
        return 2
    return run(args.sessions, args.every, not args.no_write)


if __name__ == "__main__":
    sys.exit(main())
