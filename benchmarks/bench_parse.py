"""Parse time for the sample reports (and any folder): rerun by hand, never a timed test.

.venv/bin/python benchmarks/bench_parse.py [DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from boardreader.corpus.names import is_given_name
from boardreader.corpus.parse import parse_report
from boardreader.session import load_library

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", nargs="?", default=str(ROOT / "reports"))
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    files = sorted(p for p in Path(a.dir).rglob("*.txt"))
    is_given_name("Warm")  # load the given-name dictionary once, outside the timings
    for f in files:
        data = f.read_bytes()
        times = []
        for _ in range(a.repeat):
            t = time.perf_counter()
            parse_report(data, f.name)
            times.append(time.perf_counter() - t)
        print(f"{f.name:<32} {len(data) / 1024:6.1f} KB  median {statistics.median(times) * 1000:6.1f} ms")
    t = time.perf_counter()
    lib = load_library(a.dir)
    print(
        f"load_library (no cache, with the library pass): {(time.perf_counter() - t) * 1000:.0f} ms "
        f"for {len(lib.reports)} reports"
    )


if __name__ == "__main__":
    main()
