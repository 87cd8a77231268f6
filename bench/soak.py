"""A soak benchmark (not a test): many patients' whole visits on one server; does memory stay flat?

Run from the repository root:  python bench/soak.py --sessions 300

Each patient is the protocol-level patient of ``bench/load_ws.py`` (no browser): a new
Streamlit session that makes a whole visit (every step with answers, review edits,
every download fetched and checked) and closes its tab. ``--at-once`` patients run side
by side (2 by default, to finish sooner on a shared machine); the server starts fresh
with the container's settings (``load_ws.own_server``). Its resident memory (RSS, from
/proc) is sampled before the first patient and after every ``--every`` patients, and
``/proc/<pid>/smaps`` is kept at patient ``--smaps-from`` and at the end: the mappings
whose resident memory grew in between are printed, largest first. Growth is the
least-squares slope of the samples taken after the first ``--warm-up`` patients, in MB
per 100 patients. Target: at most 1 MB per 100 patients. Traffic goes only to 127.0.0.1.

The warm-up is imports and caches, and then the closed tabs: Streamlit keeps a closed
tab's session (its answers and documents) for ``server.disconnectedSessionTTL`` (120 s)
and ``ui/media.py`` keeps its files aside 60 s longer, so memory climbs until three
minutes of patients are held at once and then stays level. At the ~50 patients a minute
this runs on the shared machine that is about 150 patients; a slower run levels off
sooner and lower. That window, not a leak, is what bounds the memory.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load_ws import Patient, Results, memory_mb, own_server, renice  # noqa: E402

WARM_UP = 150
TARGET_MB_PER_100 = 1.0
SOAK_HEADING = "## Soak"


def smaps(pid: int) -> dict[str, int]:
    """Resident kB per mapping: file mappings by path, anonymous ones by start address (and [heap])."""
    resident: dict[str, int] = {}
    name = ""
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            parts = line.split(maxsplit=5)
            start = parts[0].split("-")[0]
            path = parts[5] if len(parts) > 5 else ""
            name = path if path and not path.startswith("[anon") else f"anon@{start}"
            if path == "[heap]":
                name = "[heap]"
        elif line.startswith("Rss:"):
            resident[name] = resident.get(name, 0) + int(line.split()[1])
    return resident


def smaps_growth(before: dict[str, int], after: dict[str, int], top: int = 12) -> list[tuple[str, int]]:
    """The mappings whose resident kB changed most between two snapshots (new ones too)."""
    names = set(before) | set(after)
    changes = [(name, after.get(name, 0) - before.get(name, 0)) for name in names]
    return sorted((c for c in changes if c[1]), key=lambda c: -abs(c[1]))[:top]


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of (patients, MB) points, in MB per patient."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


async def soak(url: str, pid: int, args: argparse.Namespace) -> dict:
    renice(pid, args.nice)
    results = Results()
    samples: list[tuple[int, float]] = [(0, memory_mb(pid)[0])]
    print(f"patients {0:>4}: server RSS {samples[-1][1]:.1f} MB", flush=True)
    snapshots: dict[int, dict[str, int]] = {}
    rng = random.Random(args.seed)
    done = 0
    lock = asyncio.Lock()

    async def worker(slot: int) -> None:
        nonlocal done
        while True:
            async with lock:
                if done + slot_busy[0] >= args.sessions:
                    return
                slot_busy[0] += 1
                number = done + slot_busy[0]
            patient = Patient(number % 10000, url, 0, results, random.Random(rng.random()))
            token = f"Zq{number % 10000:04d}" + "".join(
                patient.rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=4)
            )
            try:
                await patient.visit(token)
            except Exception as exc:  # every failure is reported
                results.errors.append(f"patient {number}: {type(exc).__name__}: {exc}")
            async with lock:
                slot_busy[0] -= 1
                done += 1
                if done % args.every == 0:
                    samples.append((done, memory_mb(pid)[0]))
                    print(f"patients {done:>4}: server RSS {samples[-1][1]:.1f} MB", flush=True)
                if done in (args.smaps_from, args.sessions):
                    snapshots[done] = smaps(pid)
                results.check_documents()  # as we go: the bytes are not kept

    slot_busy = [0]
    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(args.at_once)))
    took = time.perf_counter() - started
    await asyncio.sleep(5)
    after = memory_mb(pid)[0]
    steady = [(x, y) for x, y in samples if x >= args.warm_up]
    return {
        "samples": samples,
        "growth": slope(steady) * 100 if len(steady) >= 2 else float("nan"),
        "after_5s": after,
        "took": took,
        "errors": results.errors,
        "cross": results.cross,
        "documents": results.documents,
        "visits": results.visits,
        "smaps": smaps_growth(snapshots.get(args.smaps_from, {}), snapshots.get(args.sessions, {})),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=300, help="patients in all (300)")
    parser.add_argument("--at-once", type=int, default=2, help="patients side by side (2)")
    parser.add_argument("--every", type=int, default=25, help="sample RSS after this many patients (25)")
    parser.add_argument("--warm-up", type=int, default=WARM_UP, help=f"patients before the slope ({WARM_UP})")
    parser.add_argument(
        "--smaps-from", type=int, default=100, help="compare smaps from here to the end (100)"
    )
    parser.add_argument("--cpu", default="", help="pin the server to this CPU (default: not pinned)")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server (repeatable)")
    parser.add_argument("--nice", default="0", help="the server's scheduling: a nice value or 'rt' (root)")
    parser.add_argument("--seed", type=int, default=300)
    parser.add_argument("--no-write", action="store_true", help="do not update bench/results.md")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    load = Path("/proc/loadavg").read_text().split()[:3]
    with own_server(args.cpu, env) as (url, pid):
        r = asyncio.run(soak(url, pid, args))
    samples = r["samples"]
    ok = r["growth"] <= TARGET_MB_PER_100
    lines = [
        f"`python bench/soak.py --sessions {args.sessions} --at-once {args.at_once}"
        + "".join(f" --env {e}" for e in args.env)
        + (f" --nice {args.nice}" if args.nice != "0" else "")
        + (f" --cpu {args.cpu}" if args.cpu else "")
        + f"`, finished {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {r['took'] / 60:.0f} min, load average "
        f"{' '.join(load)} at the start: {r['visits']} whole visits (every step, review edits, "
        f"{r['documents']} documents fetched and checked; errors {len(r['errors'])}, cross-patient "
        f"{len(r['cross'])}), {args.at_once} at a time.",
        "",
        f"Growth after the first {args.warm_up} patients: **{r['growth']:.2f} MB per 100 patients** "
        f"(target at most {TARGET_MB_PER_100:.0f}: {'met' if ok else 'NOT met'}). RSS {samples[0][1]:.1f} MB "
        f"before the first patient, {samples[-1][1]:.1f} MB after the last, {r['after_5s']:.1f} MB 5 s later.",
        "",
        "| patients | RSS MB |",
        "| ---: | ---: |",
        *(f"| {x} | {y:.1f} |" for x, y in samples),
        "",
        f"Resident memory that changed between patient {args.smaps_from} and {args.sessions} (`/proc/<pid>/smaps`):",
        "",
        "| mapping | kB |",
        "| --- | ---: |",
        *(f"| `{name}` | {kb:+d} |" for name, kb in r["smaps"]),
    ]
    text = "\n".join(lines)
    print("\n" + text)
    for error in r["errors"][:10]:
        print(f"error: {error}")
    if not args.no_write:
        results = ROOT / "bench" / "results.md"
        old = results.read_text(encoding="utf-8") if results.exists() else ""
        before, after = old.rstrip(), ""
        if SOAK_HEADING in old:  # replace this section only; the ones after it stay
            start = old.index(SOAK_HEADING)
            end = old.find("\n## ", start + len(SOAK_HEADING))
            before, after = old[:start].rstrip(), (old[end:] if end >= 0 else "")
        results.write_text(f"{before}\n\n{SOAK_HEADING}\n\n{text}\n{after}", encoding="utf-8")
        print("written to bench/results.md")
    return 1 if r["errors"] or r["cross"] else 0


if __name__ == "__main__":
    sys.exit(main())
