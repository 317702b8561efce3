"""Time a person's page opening in a library of N reports: the page drawn, and its mentions found.

    .venv/bin/python benchmarks/bench_person_page.py [--n 1000] [--runs 20] [--library DIR]

Makes the library with benchmarks/generate.py (as bench_reader.py does), starts the app headless at
140x45, waits for the library to load, then for the `--runs` most named people, each in turn, times
  record: library.people.person_record (the card and sections' data, from the reports' heads), when
          the package has it;
  page:   app.open_page("person", name) until the screen has processed every message and updated;
  found:  from the same start until the mentions (read in a worker) are on screen.
Prints median, p95 and max in milliseconds. Run by hand; this is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
if str(ROOT / "tui") not in sys.path:
    sys.path.append(str(ROOT / "tui"))  # after any package put first on the path, to compare with it

from boardreader.reader.app import BoardReaderApp  # noqa: E402


async def run(library: Path, runs: int) -> None:
    from bench_reader import summary

    app = BoardReaderApp(library, remember=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is not None
        names = list(app.library.people)[:runs]
        try:
            people = importlib.import_module("boardreader.library.people")
        except ImportError:  # the package before person records
            people = None
        records: list[float] = []
        pages: list[float] = []
        found: list[float] = []
        for name in names:
            if people is not None:
                started = time.perf_counter()
                people.person_record(app.library, name)
                records.append(time.perf_counter() - started)
            started = time.perf_counter()
            app.open_page("person", name)
            await pilot._wait_for_screen()
            pages.append(time.perf_counter() - started)
            await app.workers.wait_for_complete()  # the mentions' worker
            await pilot._wait_for_screen()
            found.append(time.perf_counter() - started)
            await pilot.press("escape")
            await pilot.pause()
        print(f"{len(app.library.reports)} reports, {len(names)} people")
        if records:
            print(summary("record", records))
        print(summary("page", pages))
        print(summary("found", found))


def main() -> None:
    from bench_reader import make_library  # after the package: it puts this tui/ first on the path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--library", type=Path)
    args = parser.parse_args()
    asyncio.run(run(args.library or make_library(args.n), args.runs))


if __name__ == "__main__":
    main()
