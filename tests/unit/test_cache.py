"""The parse cache and the search index cache: hits, invalidation, and damaged files set aside."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from boardreader import session as session_module
from boardreader.corpus.model import Report
from boardreader.corpus.parse import parse_report
from boardreader.corpus.summary import summary_of
from boardreader.library.library import Library
from boardreader.session import load_library, open_index
from boardreader.store import cache as cache_module
from boardreader.store import cachefile
from boardreader.store.cache import ParseCache, open_cache, open_index_cache, pickle_report
from boardreader.store.cachefile import CacheFile
from boardreader.store.paths import cache_dir


def _kept(store: ParseCache, file: Path) -> Report | None:
    """The report kept for the file as it is now, asked for as a load asks: its summary, its report."""
    st = file.stat()
    return store.report(file.name) if store.summary(file.name, (st.st_size, st.st_mtime_ns)) else None


def _put(store: ParseCache, file: Path, report: Report) -> None:
    store.put(file.name, (file.stat().st_size, file.stat().st_mtime_ns), pickle_report(report), summary_of(report))


def _report_file(folder: Path) -> Path:
    return sorted(folder.glob("*.txt"))[0]


# parse cache ------------------------------------------------------------------------------------
def test_parse_cache_round_trip_and_size_or_mtime_change(sample_dir: Path, tmp_path: Path) -> None:
    file = _report_file(sample_dir)
    report = parse_report(file.read_bytes(), file.name)
    store = ParseCache(tmp_path / "parsed.pickle")
    _put(store, file, report)
    store.flush()
    again = ParseCache(tmp_path / "parsed.pickle")
    assert _kept(again, file) == report
    os.utime(file, ns=(file.stat().st_atime_ns, file.stat().st_mtime_ns + 1_000_000_000))
    assert _kept(again, file) is None  # touched: parse again
    file.write_bytes(file.read_bytes() + b"\nOne more line.\n")
    assert _kept(again, file) is None  # grown


def test_parse_cache_from_another_parser_version_is_rebuilt(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _report_file(sample_dir)
    store = ParseCache(tmp_path / "parsed.pickle")
    _put(store, file, parse_report(file.read_bytes(), file.name))
    store.flush()
    monkeypatch.setattr(cache_module, "PARSER_VERSION", "another-version")
    again = ParseCache(tmp_path / "parsed.pickle")
    assert _kept(again, file) is None
    assert again.notice and "another version" in again.notice


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95truncated"])
def test_corrupt_parse_cache_is_set_aside_not_fatal(damage: bytes) -> None:
    store_path = cache_dir() / "parsed-damaged.pickle"
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_path.write_bytes(damage)
    store = ParseCache(store_path)
    assert store.entries == {}
    assert store.notice and "unreadable" in store.notice
    assert store_path.with_suffix(".corrupt").exists() and not store_path.exists()


def test_parse_cache_flush_drops_files_no_longer_there(sample_dir: Path, tmp_path: Path) -> None:
    store = ParseCache(tmp_path / "parsed.pickle")
    for file in sample_dir.glob("*.txt"):
        _put(store, file, parse_report(file.read_bytes(), file.name))
    keep = {_report_file(sample_dir).name}
    store.flush(keep=keep)
    assert set(ParseCache(tmp_path / "parsed.pickle").entries) == keep


def test_parse_cache_holds_new_pickles_only_until_they_are_written(sample_dir: Path, tmp_path: Path) -> None:
    store = ParseCache(tmp_path / "parsed.pickle")
    files = sorted(sample_dir.glob("*.txt"))
    reports = {f.name: parse_report(f.read_bytes(), f.name) for f in files}
    for file in files:
        _put(store, file, reports[file.name])
    assert all(blob.in_memory for _, blob, _, _, _ in store.entries.values())
    store.flush()
    assert not any(blob.in_memory for _, blob, _, _, _ in store.entries.values()), "read from the file from now on"
    assert all(_kept(store, f) == reports[f.name] for f in files)
    _put(store, files[0], reports[files[0].name])  # one new, the rest kept in the file
    store.flush()
    again = ParseCache(tmp_path / "parsed.pickle")
    assert all(_kept(again, f) == reports[f.name] for f in files)


def test_a_parse_cache_replaced_by_another_reader_is_still_read_or_costs_a_parse(
    sample_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "parsed.pickle"
    store = ParseCache(path)
    file = _report_file(sample_dir)
    report = parse_report(file.read_bytes(), file.name)
    _put(store, file, report)
    store.flush()
    other = ParseCache(tmp_path / "other.pickle")  # another reader saves the cache anew, over this one
    _put(other, file, parse_report(b"Another report\n\n1. Other text.\n", file.name))
    other.flush()
    os.replace(tmp_path / "other.pickle", path)
    # never the other file's bytes: on POSIX the file found is held open, elsewhere it is parsed again
    assert store.report(file.name) == (report if hasattr(os, "pread") else None)
    lib = load_library(sample_dir, cache=store)  # and a load through it works either way
    assert lib.report(file.stem) is not None and lib.report(file.stem).title == report.title  # type: ignore[union-attr]


def test_no_cache_env_turns_caching_off(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOARDREADER_NO_CACHE", "1")
    assert open_cache(sample_dir) is None
    lib = load_library(sample_dir)
    assert open_index_cache(lib) is None
    open_index(lib)
    assert not cache_dir().exists() or not list(cache_dir().glob("index-*.pickle"))


# index cache ------------------------------------------------------------------------------------
@pytest.fixture
def counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the index was built rather than read back."""
    calls: list[int] = []
    from boardreader.index.text import build_state as real

    def build(library: Library) -> tuple[dict[str, Any], bytearray]:
        calls.append(1)
        return real(library)

    monkeypatch.setattr(session_module, "build_state", build)
    return calls


def _index_file() -> Path:
    files = list(cache_dir().glob("index-*.pickle"))
    assert len(files) == 1
    return files[0]


def test_index_is_cached_and_read_back(sample_dir: Path, counting_builds: list[int]) -> None:
    lib = load_library(sample_dir)
    first = open_index(lib, cache=True).search("knowledge hub")
    assert _index_file().exists() and len(counting_builds) == 1
    index = open_index(load_library(sample_dir), cache=True)
    assert len(counting_builds) == 1  # read back, not rebuilt
    assert index.search("knowledge hub") == first
    assert index.notice is None


def test_index_rebuilt_when_a_file_changes(sample_dir: Path, counting_builds: list[int]) -> None:
    open_index(load_library(sample_dir), cache=True)
    file = _report_file(sample_dir)
    os.utime(file, ns=(file.stat().st_atime_ns, file.stat().st_mtime_ns + 1_000_000_000))
    open_index(load_library(sample_dir), cache=True)
    assert len(counting_builds) == 2
    file.write_text(file.read_text("utf-8") + "\nA zanzibar quokka paragraph.\n", "utf-8")
    index = open_index(load_library(sample_dir), cache=True)
    assert len(counting_builds) == 3
    assert any(h.kind == "paragraph" for h in index.search("zanzibar quokka"))


def test_index_rebuilt_for_another_parser_or_code_version(
    sample_dir: Path, counting_builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(load_library(sample_dir), cache=True)
    monkeypatch.setattr(cachefile, "code_version", lambda: "another-parser-and-search")
    open_index(load_library(sample_dir), cache=True)
    assert len(counting_builds) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05\x95\x10\x00\x00"])
def test_corrupt_index_cache_is_set_aside_and_rebuilt(
    sample_dir: Path, counting_builds: list[int], damage: bytes
) -> None:
    open_index(load_library(sample_dir), cache=True)
    path = _index_file()
    path.write_bytes(damage)
    index = open_index(load_library(sample_dir), cache=True)
    assert index.notice and "unreadable" in index.notice
    assert path.with_suffix(".corrupt").exists()
    assert len(counting_builds) == 2 and index.search("silent disco")
    assert path.exists()  # written afresh


def test_index_cache_of_another_format_is_rebuilt_with_a_notice(sample_dir: Path, counting_builds: list[int]) -> None:
    open_index(load_library(sample_dir), cache=True)
    path = _index_file()
    path.write_bytes(pickle.dumps({"format": -1, "key": "x", "state": {}}))
    index = open_index(load_library(sample_dir), cache=True)
    assert index.notice and "another version" in index.notice
    assert len(counting_builds) == 2


def test_index_cache_with_a_wrong_shape_is_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "index.pickle"
    path.write_bytes(pickle.dumps({"format": cachefile.INDEX_FORMAT, "key": "k", "state": ["not", "a", "dict"]}))
    store = CacheFile(path, "k")
    assert store.load() is None and store.notice


def test_unwritable_cache_folder_costs_speed_not_correctness(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BOARDREADER_CACHE_DIR", str(blocked))
    index = open_index(load_library(sample_dir), cache=True)
    assert index.search("harrogate")


def test_warm_start_loads_the_finished_library_alone(sample_dir: Path, parses: list[str]) -> None:
    from boardreader import load_library

    first = load_library(sample_dir, cache=open_cache(sample_dir))
    parses.clear()
    cache = open_cache(sample_dir)
    assert cache is not None
    warm = load_library(sample_dir, cache=cache)
    assert [r.to_json() for r in warm.each_report()] == [r.to_json() for r in first.each_report()]
    assert warm.people.keys() == first.people.keys() and warm.skipped == first.skipped
    assert parses == [] and cache._entries is None, "neither parsed nor read from the parse cache"
    (sample_dir / "004_e9e7854d0bc624aa.txt").write_text("Board report from Cllr Ann Lee\n\n1. Changed.\n")
    changed = load_library(sample_dir, cache=open_cache(sample_dir))
    assert parses == ["004_e9e7854d0bc624aa.txt"]
    assert changed.report("004_e9e7854d0bc624aa") is not None
    assert changed.report("004_e9e7854d0bc624aa").author == "Ann Lee"  # type: ignore[union-attr]


def test_reload_after_a_warm_start_parses_only_what_changed(sample_dir: Path, parses: list[str]) -> None:
    from boardreader import load_library
    from boardreader.library.watch import LibraryWatcher
    from boardreader.session import reload_changed

    load_library(sample_dir, cache=open_cache(sample_dir))
    warm = load_library(sample_dir, cache=open_cache(sample_dir))
    assert session_module.parse_cache_of(warm) is None, "a warm start holds no first-pass reports"
    parses.clear()
    watcher = LibraryWatcher(sample_dir)
    (sample_dir / "003_9b5f2d8786f8fe9f.txt").unlink()
    (sample_dir / "004_e9e7854d0bc624aa.txt").write_text("Board report from Cllr Ann Lee\n\n1. Changed.\n")
    reloaded = reload_changed(warm, watcher.poll(), open_cache(sample_dir))
    assert len(reloaded.reports) == 4 and reloaded.report("003_9b5f2d8786f8fe9f") is None
    assert parses == ["004_e9e7854d0bc624aa.txt"], "the unchanged reports come from the parse cache"
    assert reloaded.report("004_e9e7854d0bc624aa").author == "Ann Lee"  # type: ignore[union-attr]


def test_python_opens_a_library_through_the_caches_as_the_command_line_does(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boardreader import load_library

    first = load_library(sample_dir)
    parsed: list[str] = []
    real = session_module.read_all

    def read_all(root: Path, files: list[str], patience: float | None = None) -> Any:
        parsed.extend(files)
        return real(root, files, patience)

    monkeypatch.setattr(session_module, "read_all", read_all)
    again = load_library(sample_dir)
    assert parsed == [], "a second open of an unchanged folder parses nothing"
    assert [r.to_json() for r in again.each_report()] == [r.to_json() for r in first.each_report()]
    assert [h.to_json() for h in again.search("fleming")] == [h.to_json() for h in first.search("fleming")]
    saved = sorted((p.name, p.stat().st_mtime_ns) for p in cache_dir().iterdir())
    alone = load_library(sample_dir, cache=False)  # the opt-out: parsed afresh, nothing written
    assert sorted(parsed) == sorted(r.file for r in first.reports)
    assert sorted((p.name, p.stat().st_mtime_ns) for p in cache_dir().iterdir()) == saved
    assert alone.to_json() == first.to_json()


def test_the_code_version_follows_the_source_of_the_cached_packages(tmp_path: Path) -> None:
    """Found by walking the packages, not from a list of names: moving a file, adding one or
    changing one makes the caches stale; a change to the reader does not."""
    package = tmp_path / "boardreader"
    shutil.copytree(
        Path(cachefile.__file__).resolve().parents[1], package, ignore=shutil.ignore_patterns("__pycache__")
    )
    first = cachefile.source_digest(package)
    assert cachefile.source_digest(package) == first
    (package / "reader" / "app.py").write_text("# the reader changed\n", "utf-8")
    assert cachefile.source_digest(package) == first
    (package / "index" / "text.py").rename(package / "index" / "words.py")
    moved = cachefile.source_digest(package)
    assert moved != first
    (package / "library" / "extra.py").write_text("X = 1\n", "utf-8")
    added = cachefile.source_digest(package)
    assert added != moved
    (package / "corpus" / "formats" / "html.py").write_text("# changed\n", "utf-8")
    assert cachefile.source_digest(package) != added
