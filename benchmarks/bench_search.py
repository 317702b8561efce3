"""Search at scale: load times, per-keystroke latency and memory at 1,000 and 10,000 reports.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000 10000] [--work DIR] [--seed S]

For each size it generates a synthetic library once (benchmarks/generate.py, kept in --work), then
runs each phase in a fresh subprocess so timings and peak memory are not shared between them:

- cold load: an empty cache folder; parse every report, merge, build the search index;
- warm start: the same folder again with the caches filled: the time until `load_library` has
  returned, and until the index is ready;
- first screen: the reader itself (Textual, headless, 120x40) started in a fresh process on the
  warm caches: from starting the process to the tree of reports drawn, and to the index ready
  (the reader loads the index in a worker after the first screen); median of five starts;
- keystrokes: in the warm process, every prefix of each query is searched as a user would type it
  ("f", "fl", "fle", ...); p50/p95/max per query family (names and programmes, phrases);
- one file changed: in a fresh process, a warm start as the reader makes it (the last library
  and its index), then one report's mtime moved on and the library reloaded and re-indexed as the
  reader's watcher does it (the old library let go before the new index is built); the time of
  the reload and the process's peak memory. The mtime is
  put back afterwards and the library reloaded again, so the caches match the folder;
- peak memory: ru_maxrss of each process;
- fzf: `fzf --filter` over the same distinct labels (written one a line), every prefix of the
  name queries, timed around the subprocess, as the yardstick (skipped when fzf is not installed).

Rerunnable; not a test. Timings on a shared machine vary: read p95 over several runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP_RUNS = 5  # the reader's start varies by a tenth of a second or two from run to run here
sys.path.insert(0, str(ROOT / "tui"))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def typed(query: str) -> list[str]:
    return [query[:i] for i in range(1, len(query) + 1) if not query[:i].endswith(" ")]


def misspell(word: str, rng: random.Random) -> str:
    """One typo a hurried typist makes: a letter doubled, dropped or swapped."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("double", "drop", "swap"))
    if kind == "double":
        return word[: i + 1] + word[i] + word[i + 1 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_queries(library: Any, seed: int) -> dict[str, list[str]]:
    """Name and programme queries (some misspelt, some partial) and phrases from paragraph text."""
    rng = random.Random(seed)
    people = sorted(p for p in library.people if " " in p)
    programmes = sorted(p.name for p in library.programmes.values())
    names = [p.lower() for p in rng.sample(people, min(12, len(people)))]
    names += [" ".join(misspell(w, rng) for w in p.lower().split()) for p in rng.sample(people, min(8, len(people)))]
    names += [p.lower() for p in rng.sample(programmes, min(6, len(programmes)))]
    names += [" ".join(misspell(w, rng) for w in p.lower().split()) for p in rng.sample(programmes, 4)]
    phrases: list[str] = []
    # the bodies are read, not kept
    texts = (p.text for r in library.reports[:2000] for p in library.read_through(r).paragraphs)
    paragraphs = [text for text in texts if len(text.split()) > 12]
    while len(phrases) < 24:
        words = rng.choice(paragraphs).split()
        start = rng.randrange(0, len(words) - 4)
        phrases.append(" ".join(words[start : start + rng.randint(2, 4)]).strip(".,;:()'\"").lower())
    return {"names": names, "phrases": phrases}


def child(mode: str, directory: Path, out: Path, seed: int) -> None:
    """One measured process: load cold (and choose the queries), or warm and type the queries."""
    if mode == "app":
        asyncio.run(first_screen(directory, out))
        return
    if mode == "reload":
        one_file_changed(directory, out)
        return
    started = time.perf_counter()
    from boardreader.session import load_library, search_index
    from boardreader.store.cache import open_cache

    cache = open_cache(directory)
    library = load_library(directory, cache=cache)
    loaded = time.perf_counter()
    index = search_index(library)
    ready = time.perf_counter()
    result: dict[str, Any] = {
        "reports": len(library.reports),
        "paragraphs": len(index.para_report),
        "distinct_labels": len(index.labels),
        "vocabulary": len(index.vocab),
        "load_s": loaded - started,
        "index_s": ready - loaded,
        "total_s": ready - started,
        "index_notice": index.notice,
    }
    if mode == "cold":  # chosen once, here; the warm process reads them
        result["queries"] = make_queries(library, seed)
    else:
        queries = json.loads(out.with_name(f"{directory.name}.cold.json").read_text())["queries"]
        result["queries"] = queries
        for family, items in queries.items():
            latencies, found = [], 0
            for query in items:
                for prefix in typed(query):
                    t = time.perf_counter()
                    hits = library.search(prefix, limit=20)
                    latencies.append((time.perf_counter() - t) * 1000)
                found += bool(hits)
            result[family] = {
                "keystrokes": len(latencies),
                "p50_ms": percentile(latencies, 50),
                "p95_ms": percentile(latencies, 95),
                "max_ms": max(latencies),
                "queries_with_hits": f"{found}/{len(items)}",
            }
        labels = out.with_suffix(".labels.txt")
        labels.write_text("\n".join(label.text for label in index.labels) + "\n", encoding="utf-8")
        result["labels_file"] = str(labels)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_text(json.dumps(result))


def one_file_changed(directory: Path, out: Path) -> None:
    """A warm reader's library after one report is saved again: reloaded, and indexed anew."""
    from boardreader.library.watch import LibraryWatcher
    from boardreader.session import last_library, reload_changed, search_index
    from boardreader.store.cache import open_cache

    cache = open_cache(directory)
    library = last_library(directory)
    assert library is not None, "the warm phase saved it"
    len(library.people)  # read, as the reader reads them after its first screen
    library.search("board")  # the index read, with a search done
    watcher = LibraryWatcher(directory, since=library.listing)
    target = directory / library.reports[len(library.reports) // 2].file
    before = target.stat()
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    try:
        started = time.perf_counter()
        fresh = reload_changed(library, watcher.poll(), cache)
        reloaded = time.perf_counter()
        del library  # swapped out, as the reader does before indexing the new one
        _ = search_index(fresh)
        indexed = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    _ = search_index(reload_changed(fresh, watcher.poll(), cache))  # the caches as the folder is again
    result = {"reload_s": reloaded - started, "index_s": indexed - reloaded, "peak_rss_mb": peak}
    out.write_text(json.dumps(result))


async def first_screen(directory: Path, out: Path) -> None:
    """The reader started as a user starts it, headless: when is the tree drawn, when is search ready."""
    from boardreader.reader.app import BoardReaderApp
    from boardreader.session import ready_index

    app = BoardReaderApp(directory, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.library is None:
            await asyncio.sleep(0.005)
        await pilot._wait_for_screen()  # the messages the library caused, handled
        app.screen._on_timer_update()  # and painted, as the refresh timer would
        shown = time.time()
        while ready_index(app.library) is None:  # read by a worker started after the first screen
            await asyncio.sleep(0.005)
        indexed = time.time()
        await app.workers.wait_for_complete()
        reports = len(app.library.reports)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_text(json.dumps({"shown": shown, "indexed": indexed, "reports": reports, "peak_rss_mb": peak}))


def run_child(mode: str, directory: Path, cache: Path, work: Path, seed: int) -> dict[str, Any]:
    out = work / f"{directory.name}.{mode}.json"
    env = dict(os.environ, BOARDREADER_CACHE_DIR=str(cache), BOARDREADER_STATE_DIR=str(work / "state"))
    env.pop("BOARDREADER_NO_CACHE", None)
    cmd = [sys.executable, __file__, "--child", mode, str(directory), str(out), "--seed", str(seed)]
    started = time.time()
    subprocess.run(cmd, env=env, check=True)
    result = dict(json.loads(out.read_text()))
    result["started"] = started
    return result


def fzf_latencies(labels: Path, queries: list[str]) -> dict[str, float] | None:
    fzf = shutil.which("fzf")
    if fzf is None:
        return None
    data = labels.read_bytes()
    latencies = []
    for query in queries:
        for prefix in typed(query):
            t = time.perf_counter()
            subprocess.run([fzf, "--filter", prefix], input=data, capture_output=True, check=False)
            latencies.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95), "max_ms": max(latencies)}


def bench(size: int, work: Path, seed: int, warm_only: bool = False) -> None:
    directory = work / f"library-{size}"
    if not directory.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(size), str(directory),
                        "--seed", str(seed)], check=True)  # fmt: skip
    cache = work / f"cache-{size}"
    if warm_only and (work / f"{directory.name}.cold.json").exists():
        cold = json.loads((work / f"{directory.name}.cold.json").read_text())
        run_child("warm", directory, cache, work, seed)  # fills caches a code change made stale
    else:
        shutil.rmtree(cache, ignore_errors=True)
        cold = run_child("cold", directory, cache, work, seed)
    warm = run_child("warm", directory, cache, work, seed)
    starts = [run_child("app", directory, cache, work, seed) for _ in range(APP_RUNS)]
    reload = run_child("reload", directory, cache, work, seed)
    shown = sorted(a["shown"] - a["started"] for a in starts)
    indexed = sorted(a["indexed"] - a["started"] for a in starts)
    app_peak = max(a["peak_rss_mb"] for a in starts)
    fzf = fzf_latencies(Path(warm["labels_file"]), warm["queries"]["names"])
    print(f"\n== {size} reports: {cold['paragraphs']} paragraphs, {cold['distinct_labels']} distinct labels, "
          f"{cold['vocabulary']} words")  # fmt: skip
    print(f"cold load    {cold['total_s']:8.2f} s  (parse+merge {cold['load_s']:.2f} s, "
          f"index build {cold['index_s']:.2f} s)  peak {cold['peak_rss_mb']:.0f} MB")  # fmt: skip
    print(f"warm start   {warm['total_s']:8.2f} s  (library {warm['load_s']:.2f} s, index from cache "
          f"{warm['index_s']:.2f} s)  peak {warm['peak_rss_mb']:.0f} MB")  # fmt: skip
    print(f"first screen {statistics.median(shown):8.2f} s  (the reader, from starting the process; median of "
          f"{APP_RUNS}, {shown[0]:.2f}-{shown[-1]:.2f} s; search ready at {statistics.median(indexed):.2f} s)  "
          f"peak {app_peak:.0f} MB")  # fmt: skip
    print(f"one changed  {reload['reload_s'] + reload['index_s']:8.2f} s  (a warm library reloaded "
          f"{reload['reload_s']:.2f} s, indexed again {reload['index_s']:.2f} s)  "
          f"peak {reload['peak_rss_mb']:.0f} MB")  # fmt: skip
    for family in ("names", "phrases"):
        f = warm[family]
        print(f"search {family:<8} p50 {f['p50_ms']:6.2f} ms  p95 {f['p95_ms']:6.2f} ms  max {f['max_ms']:6.2f} ms"
              f"  ({f['keystrokes']} keystrokes, {f['queries_with_hits']} queries found something)")  # fmt: skip
    if fzf:
        print(f"fzf --filter p50 {fzf['p50_ms']:6.2f} ms  p95 {fzf['p95_ms']:6.2f} ms  max {fzf['max_ms']:6.2f} ms"
              f"  (name keystrokes, {warm['distinct_labels']} distinct labels, process included)")  # fmt: skip
    else:
        print("fzf not installed: no yardstick")
    if warm.get("index_notice"):
        print(f"note: {warm['index_notice']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/boardreader-bench"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--warm-only", action="store_true", help="reuse the last cold run's caches and figures")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "DIR", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]), args.seed)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"boardreader search benchmark; python {sys.version.split()[0]}, {os.cpu_count()} cpus; statistics over "
          f"every prefix of each query")  # fmt: skip
    for size in args.sizes:
        bench(size, args.work, args.seed, args.warm_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
