"""A first load on every core: the wall time a report, and how busy the cores were.

    .venv/bin/python benchmarks/bench_cold_load.py [DIR] [--size 2000] [--runs 3] [--seed S]

DIR defaults to /tmp/lib2k, generated (benchmarks/generate.py SIZE DIR) when it is missing. Each run
is a fresh process with an empty cache folder calling `load_library` as the command line does (with
the parse cache); it reports the wall time (and a report), the first pass (every file parsed, until
the last progress tick) and the library pass after it, the CPU time of the process and of its
workers as a share of every core, and the peak memory of each. The load average before and after
each run is printed: other work on the machine shares the cores, so read the best of several runs
and say how far apart they were.

Rerunnable; not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))


def child(directory: Path, out: Path) -> None:
    """One measured first load."""
    started = time.perf_counter()
    cpu_before = os.times()
    from boardreader.session import load_library
    from boardreader.store.cache import open_cache

    first_pass_done = started

    def progress(done: int, total: int, name: str) -> None:
        nonlocal first_pass_done
        if done == total:
            first_pass_done = time.perf_counter()

    library = load_library(directory, cache=open_cache(directory), progress=progress)
    loaded = time.perf_counter()
    cpu = os.times()  # the workers have been joined: their CPU time and memory count as children's
    result: dict[str, Any] = {
        "reports": len(library.reports),
        "skipped": len(library.skipped),
        "wall_s": loaded - started,
        "first_pass_s": first_pass_done - started,
        "library_pass_s": loaded - first_pass_done,
        "self_cpu_s": (cpu.user + cpu.system) - (cpu_before.user + cpu_before.system),
        "workers_cpu_s": (cpu.children_user + cpu.children_system)
        - (cpu_before.children_user + cpu_before.children_system),
        "self_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    out.write_text(json.dumps(result))


def run(directory: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as work:
        out = Path(work) / "result.json"
        env = dict(os.environ, BOARDREADER_CACHE_DIR=str(Path(work) / "cache"),
                   BOARDREADER_STATE_DIR=str(Path(work) / "state"))  # fmt: skip
        env.pop("BOARDREADER_NO_CACHE", None)
        load_before = os.getloadavg()[0]
        subprocess.run([sys.executable, __file__, "--child", str(directory), str(out)], env=env, check=True)
        result = dict(json.loads(out.read_text()))
        result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
        return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", type=Path, default=Path("/tmp/lib2k"))
    ap.add_argument("--size", type=int, default=2000, help="reports to generate when DIR is missing")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", nargs=2, metavar=("DIR", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    if not args.dir.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(args.size), str(args.dir),
                        "--seed", str(args.seed)], check=True)  # fmt: skip
    cores = os.cpu_count() or 1
    print(f"boardreader cold load; python {sys.version.split()[0]}, {cores} cpus, {args.dir}")
    walls = []
    for i in range(1, args.runs + 1):
        r = run(args.dir)
        per_report = r["wall_s"] / max(1, r["reports"] + r["skipped"]) * 1000
        busy = (r["self_cpu_s"] + r["workers_cpu_s"]) / r["wall_s"] / cores
        walls.append(r["wall_s"])
        print(f"run {i}: {r['wall_s']:6.2f} s, {per_report:5.2f} ms a report ({r['reports']} reports, "
              f"{r['skipped']} skipped); first pass {r['first_pass_s']:.2f} s, library pass "
              f"{r['library_pass_s']:.2f} s; cpu {r['self_cpu_s']:.1f} s here + {r['workers_cpu_s']:.1f} s in "
              f"workers = {busy:.0%} of {cores} cores; peak {r['self_peak_mb']:.0f} MB here, "
              f"{r['worker_peak_mb']:.0f} MB a worker; load average {r['load_before']:.1f} -> "
              f"{r['load_after']:.1f}")  # fmt: skip
    if len(walls) > 1:
        print(f"wall: best {min(walls):.2f} s, median {statistics.median(walls):.2f} s, worst {max(walls):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
