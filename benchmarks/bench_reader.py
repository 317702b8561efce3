"""Time the reader opening a report and moving to the next one, in a library of N reports.

    .venv/bin/python benchmarks/bench_reader.py [--n 1000] [--runs 40] [--library DIR]

Makes the library with benchmarks/generate.py (kept in a temporary folder between runs with the
same N), starts the app headless (Textual's run_test) at 140x45, waits for the library to load,
then times, for `--runs` reports each:
  first: a warm start (the library cached by the run before), from making the app until its first
         screen shows the library (median of `--starts` starts);
  open:  app.open_report(id) until the screen has processed every message and updated (layout and
         paint of the changed regions, as the refresh timer does);
  next:  the `]` action (next report) until the same.
Prints median, p95 and max in milliseconds. The target is under 50 ms each at 1,000 reports.
Run by hand; this is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

from boardreader.reader.app import BoardReaderApp  # noqa: E402


def make_library(n: int) -> Path:
    target = Path(tempfile.gettempdir()) / f"boardreader-bench-{n}"
    if target.is_dir() and len(list(target.iterdir())) >= n:
        return target
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(n), str(target)], check=True)
    return target


def summary(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    median = statistics.median(ms)
    return f"{name:<6} median {median:6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms   (n={len(ms)})"


async def first_screen(library: Path, starts: int) -> None:
    """From making the app until the first screen shows the library, on a warm start."""
    samples: list[float] = []
    for _ in range(starts):
        started = time.perf_counter()
        app = BoardReaderApp(library, remember=False)
        async with app.run_test(size=(140, 45)) as pilot:
            while app.library is None:
                await asyncio.sleep(0.001)
            await pilot._wait_for_screen()
            samples.append(time.perf_counter() - started)
            await app.workers.wait_for_complete()
    print(summary("first", samples))


async def bench(library: Path, runs: int) -> None:
    app = BoardReaderApp(library, remember=False)
    started = time.perf_counter()
    async with app.run_test(size=(140, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is not None
        print(f"{len(app.library.reports)} reports loaded and indexed in {time.perf_counter() - started:.2f} s")

        async def settle() -> None:
            # Every message the change caused, processed; then one screen update (layout and paint),
            # as the refresh timer would do. Not pilot.pause(): it also waits for the whole machine
            # to go idle, which measures the neighbours, not the reader.
            await pilot._wait_for_screen()
            app.screen._on_timer_update()

        # `]` is the reading screen's key (the app's before issue 12)
        next_report = getattr(app.main, "action_next_report", None) or app.action_next_report
        rng = random.Random(1)
        ids = [r.id for r in app.library.reports]
        opens: list[float] = []
        nexts: list[float] = []
        for _ in range(3):  # warm up imports and caches
            app.open_report(rng.choice(ids))
            await settle()
        for _ in range(runs):
            report_id = rng.choice(ids[:-1])
            t0 = time.perf_counter()
            app.open_report(report_id)
            await settle()
            opens.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            next_report()  # what `]` runs; pilot.press would add its own idle waits
            await settle()
            nexts.append(time.perf_counter() - t0)
        paragraphs = statistics.mean(len(r.paragraphs) for r in app.library.each_report())
        print(f"mean paragraphs per report: {paragraphs:.0f}")
        print(summary("open", opens))
        print(summary("next", nexts))


def main() -> int:
    ap = argparse.ArgumentParser(description="Time opening and moving between reports in the reader.")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--starts", type=int, default=5, help="warm starts timed to the first screen")
    ap.add_argument("--library", type=Path, help="use this folder instead of generating one")
    args = ap.parse_args()
    # a cache kept between runs, so a rerun measures the reader, not the parser
    cache = Path(tempfile.gettempdir()) / "boardreader-bench-userdirs"
    os.environ.setdefault("BOARDREADER_STATE_DIR", str(cache / "state"))
    os.environ.setdefault("BOARDREADER_CACHE_DIR", str(cache / "cache"))
    library = args.library or make_library(args.n)
    asyncio.run(bench(library, args.runs))
    asyncio.run(first_screen(library, args.starts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
