"""The finished library in the cache: a warm start reads the catalogue, and a report's body only
when something reads it; a damaged cache costs a re-parse, never a failure."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from boardreader.corpus.model import Report, ReportHead
from boardreader.library.library import Library
from boardreader.session import load_library, open_index, parse_cache_of
from boardreader.store.cache import open_cache, open_library_cache
from boardreader.store.cachefile import _HOLD_OPEN as HOLDS_OPEN
from boardreader.store.cachefile import Blob, BlobError
from boardreader.store.catalogue import BODY_FIELDS, HEAD_FIELDS, StoredBodies
from boardreader.store.paths import cache_dir


def _cold_then_warm(folder: Path) -> tuple[Library, Library]:
    """The library loaded with no cache (its bodies in memory), and warm from the cache."""
    load_library(folder, cache=open_cache(folder))
    return load_library(folder, cache=False), load_library(folder, cache=open_cache(folder))


def _library_file() -> Path:
    (path,) = cache_dir().glob("library-*.pickle")
    return path


def test_warm_start_reads_a_body_only_when_the_report_is_read(sample_dir: Path, body_reads: list[str]) -> None:
    cold, warm = _cold_then_warm(sample_dir)
    assert isinstance(warm.bodies, StoredBodies) and all(type(r) is ReportHead for r in warm.reports)
    # what the tree and the first screen show, and the library's merged names: no body read
    assert [(r.id, r.title, r.date, r.themes) for r in warm.reports] == [
        (r.id, r.title, r.date, r.themes) for r in cold.reports
    ]
    assert warm.people.keys() == cold.people.keys() and warm.programmes.keys() == cold.programmes.keys()
    assert repr(warm) == f"Library(root={sample_dir!r})" and warm.reports[0].title in repr(warm.reports[0])
    assert body_reads == []
    head = warm.reports[2]
    report, expected = warm.report(head.id), cold.report(head.id)
    assert report is not None and expected is not None
    assert report.paragraphs == expected.paragraphs
    assert report.author == expected.author and report.actions == expected.actions
    assert warm.report(head.id) is report, "read once, then kept"
    assert body_reads == [head.file]
    assert warm.read_through(warm.reports[3]) == cold.report(warm.reports[3].id)
    assert warm.read_through(warm.reports[3]) is not warm.read_through(warm.reports[3]), "read through, not kept"


def test_a_warm_start_reads_the_merged_names_only_when_first_asked(sample_dir: Path) -> None:
    cold, warm = _cold_then_warm(sample_dir)
    assert callable(warm.merged), "not read at start: the first screen shows only their counts"
    assert warm.counts == {"people": len(cold.people), "contacts": len(cold.contacts),
                           "programmes": len(cold.programmes), "actions": len(cold.actions)}  # fmt: skip
    assert warm.people == cold.people and warm.contacts == cold.contacts and warm.programmes == cold.programmes
    assert warm.actions == cold.actions and len(warm.actions) == 6
    assert not callable(warm.merged), "read once, then kept"


def test_merged_names_in_a_cache_damaged_since_start_are_empty_not_fatal(sample_dir: Path) -> None:
    _, warm = _cold_then_warm(sample_dir)
    _library_file().write_bytes(b"")
    assert warm.people == {} and warm.programmes == {} and warm.counts["people"] > 0


def test_a_warm_report_is_the_report_it_was_saved_from(sample_dir: Path) -> None:
    cold, warm = _cold_then_warm(sample_dir)
    for read, full in zip(warm.each_report(), cold.each_report(), strict=True):
        assert type(read) is Report and read == full and hash(read) == hash(full) == hash(full.id)
        assert pickle.loads(pickle.dumps(read)) == full and read.head == full.head


def test_search_on_a_warm_library_reads_no_report_body(sample_dir: Path, body_reads: list[str]) -> None:
    cold, warm = _cold_then_warm(sample_dir)
    open_index(cold, cache=True)  # the index cache, as the reader leaves it
    index = open_index(warm, cache=True)
    for query in ("knowledge hub", "troubled famillies", "peter fleming", "silent disco", "leadership academ"):
        assert index.search(query) == open_index(cold, cache=False).search(query), query
    assert body_reads == []


def test_a_body_damaged_after_start_is_parsed_afresh(sample_dir: Path, body_reads: list[str]) -> None:
    cold, warm = _cold_then_warm(sample_dir)
    with _library_file().open("r+b") as handle:  # cut short in place, under the open library
        handle.truncate(handle.seek(0, os.SEEK_END) // 2)
    head = warm.reports[-1]
    last, expected = warm.report(head.id), cold.report(head.id)
    assert last is not None and expected is not None
    # the file parsed alone: the same paragraphs, less only what the library pass adds (shared names)
    assert [p.text for p in last.paragraphs] == [p.text for p in expected.paragraphs]
    assert last.author == expected.author and last.head == expected.head
    assert body_reads == [head.file]


def test_a_library_cache_cut_short_is_set_aside_and_rebuilt(sample_dir: Path, body_reads: list[str]) -> None:
    cold = [r.to_json() for r in load_library(sample_dir, cache=open_cache(sample_dir)).each_report()]
    path = _library_file()
    path.write_bytes(path.read_bytes()[:-10])
    again = load_library(sample_dir, cache=open_cache(sample_dir))
    assert path.with_suffix(".corrupt").exists()
    assert parse_cache_of(again) is not None, "made again from the first-pass reports, not read from the cache"
    assert [r.to_json() for r in again.each_report()] == cold
    assert parse_cache_of(load_library(sample_dir, cache=open_cache(sample_dir))) is None, "the rebuilt one is saved"


def test_a_catalogue_of_the_wrong_shape_is_rebuilt(sample_dir: Path) -> None:
    cold = load_library(sample_dir, cache=open_cache(sample_dir))
    finished = open_library_cache(sample_dir, cold.listing_digest)
    assert finished is not None
    finished.save({"rows": [("too", "short")]})  # a catalogue saved by a buggy or older build
    again = load_library(sample_dir, cache=open_cache(sample_dir))
    assert parse_cache_of(again) is not None, "made again, not read from the catalogue"
    assert [r.id for r in again.reports] == [r.id for r in cold.reports]
    assert parse_cache_of(load_library(sample_dir, cache=open_cache(sample_dir))) is None, "the rebuilt one is saved"


def test_every_field_but_the_head_is_in_the_body() -> None:
    names = {f.name for f in dataclasses.fields(Report)}
    assert set(BODY_FIELDS) == names - {"id", "file", "title", "kind", "date", "themes"} == names - set(HEAD_FIELDS)
    assert "sections" in BODY_FIELDS and "id" not in BODY_FIELDS


def test_blob_reads_pieces_from_memory_or_from_its_own_file(tmp_path: Path) -> None:
    assert Blob(b"0123456789").read(2, 5) == b"234"
    path = tmp_path / "blob"
    path.write_bytes(b"head|0123456789")
    st = path.stat()
    blob = Blob(path=path, start=5, identity=(st.st_ino, st.st_size, st.st_mtime_ns))
    assert blob.read(2, 5) == b"234" and blob.read(0, 10) == b"0123456789"
    assert blob.read_all()[8:10] == b"89"
    with pytest.raises(BlobError):
        blob.read(8, 12)  # past its end
    newer = tmp_path / "newer"
    newer.write_bytes(b"head|abcdefghij")
    os.replace(newer, path)  # a newer cache renamed over it: its bytes are never this blob's
    if HOLDS_OPEN:  # the file it was found in, held open, is still read
        assert blob.read(0, 4) == b"0123"
        path.unlink()
        assert blob.read(6, 10) == b"6789"
    else:
        with pytest.raises(BlobError):
            blob.read(0, 4)
    later = Blob(path=path, start=5, identity=(st.st_ino, st.st_size, st.st_mtime_ns))
    with pytest.raises(BlobError):
        later.read(0, 4)  # found after its file was replaced (or gone): nothing to read


@pytest.mark.skipif(not HOLDS_OPEN, reason="Windows cannot rename over an open file: there it costs a parse")
def test_a_library_cache_saved_over_a_running_library_leaves_it_whole(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload saves the new library's cache over the file the shown library reads its bodies
    from, and the shown one stays on screen until the new one is ready to swap in."""
    from boardreader.store import catalogue

    cold, warm = _cold_then_warm(sample_dir)
    reparsed: list[str] = []
    monkeypatch.setattr(catalogue, "reread", lambda root, file: reparsed.append(file))
    (sample_dir / "new.txt").write_text("Board report\n\n1. New.\n", "utf-8")
    load_library(sample_dir, cache=open_cache(sample_dir))  # saves a newer library cache in its place
    head = warm.reports[1]
    assert warm.read_through(head) == cold.read_through(head)  # the library pass's names and all
    assert warm.people == cold.people and reparsed == []
