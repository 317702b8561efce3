"""Caches carry checksums: a cache file with bytes flipped inside (not truncated, not empty) is
caught, set aside as `.corrupt` and rebuilt, wherever the flip is; and the temporary files of a
writer killed mid-write are removed on the next start."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from boardreader.corpus.parse import parse_report
from boardreader.library.library import Library
from boardreader.session import load_library, open_index
from boardreader.store.cache import ParseCache, open_cache, pickle_report
from boardreader.store.cachefile import CacheFile
from boardreader.store.paths import cache_dir, remove_stale_temporaries


def warm(folder: Path) -> Library:
    return load_library(folder, cache=open_cache(folder))


def the_cache(kind: str) -> Path:
    files = list(cache_dir().glob(f"{kind}-*.pickle"))
    assert len(files) == 1, files
    return files[0]


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def regions(path: Path) -> dict[str, int]:
    """An offset inside each part of a library cache file: its pickle, the merged names, a report's
    body, the table of block checksums (read back through CacheFile, as a start reads it)."""
    head_length = struct.unpack("<8sQII", path.read_bytes()[:24])[1]
    saved = CacheFile(path, None, what="library").load()
    assert saved is not None
    state, _ = saved
    start = 24 + head_length
    merged_start, merged_end = state["merged"]
    body_start, body_end = state["rows"][0][-2:]
    return {
        "pickle": 24 + head_length // 2,
        "merged names": start + (merged_start + merged_end) // 2,
        "a report's body": start + (body_start + body_end) // 2,
        "table of checksums": path.stat().st_size - 2,
    }


@pytest.mark.parametrize("where", ["pickle", "merged names", "a report's body", "table of checksums"])
def test_a_flipped_byte_in_the_library_cache_is_caught_and_the_cache_rebuilt(sample_dir: Path, where: str) -> None:
    good = warm(sample_dir)
    people, bodies = len(good.people), {r.id: r.sections for r in good.each_report()}
    assert people > 0
    path = the_cache("library")
    flip(path, regions(path)[where])

    damaged = warm(sample_dir)  # once: a library of 0 people, 0 programmes, 0 contacts, for ever
    assert len(damaged.people) == people
    assert {r.id: r.sections for r in damaged.each_report()} == bodies
    assert path.with_suffix(".corrupt").exists(), "the damaged file is kept beside"
    assert path.exists(), "and a sound one written in its place"
    again = warm(sample_dir)
    assert len(again.people) == people and CacheFile(path, None, what="library").load() is not None


def test_a_flipped_byte_in_the_parse_cache_costs_one_parse(sample_dir: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "parsed.pickle"
    store = ParseCache(store_path)
    file = sorted(sample_dir.glob("*.txt"))[0]
    report = parse_report(file.read_bytes(), file.name)
    from boardreader.corpus.summary import summary_of

    stat = file.stat()
    store.put(file.name, (stat.st_size, stat.st_mtime_ns), pickle_report(report), summary_of(report))
    store.flush()
    size = store_path.stat().st_size
    flip(store_path, size - 4 * (-(-size // (16 * 1024))) - 100)  # inside the blob: the report's pickle
    again = ParseCache(store_path)
    assert again.summary(file.name, (file.stat().st_size, file.stat().st_mtime_ns)) is not None
    assert again.report(file.name) is None, "a damaged report is parsed again, never unpickled"
    assert store_path.with_suffix(".corrupt").exists()


def test_a_flipped_byte_in_the_index_cache_rebuilds_the_index(sample_dir: Path) -> None:
    lib = load_library(sample_dir)
    expected = open_index(lib, cache=True).search("harrogate")
    path = the_cache("index")
    flip(path, path.stat().st_size // 2 + 7)
    index = open_index(load_library(sample_dir), cache=True)
    assert index.search("harrogate") == expected
    assert path.with_suffix(".corrupt").exists()


def test_a_cache_of_the_old_format_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    import pickle

    path = tmp_path / "index.pickle"
    path.write_bytes(pickle.dumps({"format": 4, "key": "k", "state": {}, "blob": 0}))
    store = CacheFile(path, "k")
    assert store.load() is None
    assert store.notice == "search index cache was from another version; rebuilding it"
    assert not path.with_suffix(".corrupt").exists()


WRITER = """
import sys, time
from pathlib import Path
from boardreader.store.paths import replace_atomic

def write(handle):
    handle.write(b"x" * (4 * 1024 * 1024))
    handle.flush()
    print("writing", flush=True)
    time.sleep(120)

replace_atomic(Path(sys.argv[1]), write)
"""


def test_a_writer_killed_mid_write_leaves_nothing_after_the_next_start(sample_dir: Path) -> None:
    """kill -9 during a cache write: the next start removes its temporary file; another reader's
    file being written at that moment is left alone."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    killed = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder / "parsed-killed.pickle")], stdout=subprocess.PIPE
    )
    alive = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder / "parsed-alive.pickle")], stdout=subprocess.PIPE
    )
    try:
        for proc in (killed, alive):
            assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        left = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
        assert len(left) == 2
        old = folder / ".index-old.pickle.a8f3k2.tmp"  # a day-old one from before writers were named
        old.write_bytes(b"y" * 1024)
        day_ago = time.time() - 2 * 24 * 3600
        os.utime(old, (day_ago, day_ago))

        warm(sample_dir)  # the next start
        still = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
        assert still == [name for name in left if f".{alive.pid}." in name]
    finally:
        for proc in (killed, alive):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_a_stale_temporary_in_the_state_folder_is_removed_too(tmp_path: Path) -> None:
    from boardreader.store.state import load_state

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    stale = tmp_path / f".state.json.{int(gone.stdout)}.q1w2e3.tmp"
    stale.write_text("{}", "utf-8")
    load_state(tmp_path / "state.json")
    assert not stale.exists()
    assert remove_stale_temporaries(tmp_path / "no-such-folder") == []


def test_a_pipe_or_link_in_place_of_a_cache_file_is_set_aside_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "index-pipe.pickle"
    os.mkfifo(fifo)
    store = CacheFile(fifo, "k")
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(store.load()), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("blocked opening a named pipe")
    assert outcome == [None] and store.notice == "search index cache was not a file; set aside and rebuilt"
    assert fifo.with_suffix(".corrupt").exists() and not fifo.exists()

    target = tmp_path / "a-report.txt"
    target.write_text("Minutes\n\n1. Kept as it is.\n", "utf-8")
    link = tmp_path / "index-link.pickle"
    link.symlink_to(target)
    linked = CacheFile(link, "k")
    assert linked.load() is None and linked.notice is not None
    assert link.with_suffix(".corrupt").is_symlink() and target.read_text("utf-8") == "Minutes\n\n1. Kept as it is.\n"
