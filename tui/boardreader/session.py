"""One open library: opened warm from the store or cold from its folder, reloaded, and searched.

This is the only module that knows a library (library/), its store (store/) and its search index
(index/) belong together. `load_library(path)` lists the folder, parses each report (through the
parse cache, so unchanged files are not parsed again), then runs the library pass (a programme
named in full in one report is recognised in another, a surname alone becomes the full name found
elsewhere) and merges people, contacts and programmes across reports. The result is a catalogue of
report heads, each body read when first needed (store/catalogue.py), whether it was just made or
read back from the cache. Every library opened here searches with an index read from the index
cache or built when first asked for (`search_index`), once.

This module never imports textual.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

from .corpus.model import Report, Skipped
from .corpus.summary import summary_of
from .index.search import SearchIndex
from .index.text import build_state
from .library.folder import Stamp, display_name, report_files, scan_folder
from .library.library import Keep, Library, LibraryError, Progress, library_root, read_report, reread
from .library.library_pass import Gathered
from .library.model import Hit
from .library.watch import Changes
from .store.cache import (
    Blob,
    BlobError,
    CacheFile,
    ParseCache,
    folder_stamp,
    gc_paused,
    open_index_cache,
    open_library_cache,
)
from .store.catalogue import stored, unpack, write_catalogue

__all__ = [
    "IndexHandle",
    "Library",
    "LibraryError",
    "last_library",
    "library_of",
    "load_library",
    "open_index",
    "parse_cache_of",
    "ready_index",
    "reload_changed",
    "search_index",
    "use_index",
]

SPOOL_IN_MEMORY = 8 * 1024 * 1024  # report bodies held in memory while a library is made, at most


def load_library(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cache: ParseCache | None = None,
    previous: Library | None = None,
) -> Library:
    """Load every report under `path`. Raises LibraryError when the folder itself is unusable.

    cache: the parse cache; reports it holds for unchanged files are not parsed again. With one, the
    finished library is cached too, and a folder that has not changed since is read from there.
    previous: the library loaded from this folder before (on a reload); the reports it made whole
    from files that have not changed are taken from it when the library teaches the same names.
    """
    root = library_root(path)
    problems: list[Skipped] = []
    listing = scan_folder(root, problems)
    stamp = folder_stamp(listing)
    finished = open_library_cache(root, stamp) if cache is not None and cache.on_disk else None
    if finished is not None and (warm := _warm_library(root, finished)) is not None:
        if progress is not None:
            progress(len(listing), len(listing), "")
        return warm
    if cache is None:
        cache = ParseCache(None)  # in memory: what a reload of this library starts from
    keep = _keeper(cache)
    gathered = Gathered()
    skipped = problems
    files = report_files(listing)
    for i, rel in enumerate(files, 1):
        # an unchanged file's summary is in the cache: its report is read in the second pass alone
        if (summary := cache.summary(rel, listing[rel])) is None:
            result = read_report(root / rel, root, keep)
            if isinstance(result, Skipped):
                skipped.append(result)
            else:
                summary = summary_of(result)
        if summary is not None:
            gathered.add(rel, summary)
        if progress is not None:
            progress(i, len(files), display_name(rel.rpartition("/")[2]))
    cache.flush(keep=set(gathered.heads))
    made_before = _made_before(previous, listing, gathered.digest())

    def first_pass(file: str) -> Report:
        # as the cache kept it; parsed again (and kept) if the cache lost it since the first pass
        return cache.report(file) or reread(root, file, keep)

    lib = _finish(root, first_pass, gathered, skipped, listing, stamp, finished, made_before)
    _sources[lib] = cache
    return lib


# The parse cache each library was read through (in memory when no cache was given): a reload takes
# from it the reports of the files that have not changed. None after a warm start.
_sources: weakref.WeakKeyDictionary[Library, ParseCache] = weakref.WeakKeyDictionary()


def parse_cache_of(library: Library) -> ParseCache | None:
    """The parse cache a library was read through; None after a warm start, which read none."""
    return _sources.get(library)


def _keeper(cache: ParseCache) -> Keep:
    """What keeps each report parsed in the parse cache, with its summary."""

    def keep(file: str, stat: os.stat_result, report: Report) -> None:
        cache.put(file, stat, report, summary_of(report))

    return keep


def _made_before(
    previous: Library | None, listing: dict[str, Stamp], lexicon: str
) -> Callable[[str], tuple[Report, bytes] | None]:
    """The reports `previous` made whole that would be made the same again: from a file unchanged
    since, with the same names taught (see library_pass.assemble)."""
    if previous is None or previous.lexicon != lexicon:
        return lambda file: None
    before = {r.file: r for r in previous.reports}
    then = previous.listing

    def made(file: str) -> tuple[Report, bytes] | None:
        report = before.get(file)
        if report is None or then.get(file) != listing.get(file):
            return None
        return stored(report)

    return made


def library_of(root: Path, reports: list[Report], skipped: list[Skipped] | None = None) -> Library:
    """A library of reports already in memory, not read from a folder (for tests and scripts):
    the library pass and the merging as load_library does them."""
    gathered = Gathered()
    for report in reports:
        gathered.add(report.file, summary_of(report))
    by_file = {r.file: r for r in reports}
    return _finish(root, by_file.__getitem__, gathered, list(skipped or ()), {}, None)


def _finish(
    root: Path,
    first_pass: Callable[[str], Report],
    gathered: Gathered,
    skipped: list[Skipped],
    listing: dict[str, Stamp],
    stamp: str | None,
    finished: CacheFile | None = None,
    made_before: Callable[[str], tuple[Report, bytes] | None] = lambda file: None,
) -> Library:
    """The library pass over the first-pass reports, the catalogue saved when there is a cache for
    it, and the library made from the catalogue, as a warm start makes it."""
    if finished is None:  # the bodies stay in memory: the library reads them from there
        memory = io.BytesIO()
        state, merged = write_catalogue(root, first_pass, gathered, skipped, memory, made_before)
        state.update(listing=listing, stamp=stamp)
        return _opened(unpack(root, state, Blob(memory.getbuffer()), merged))
    # Spooled: written to a temporary file once past a few MB, then copied into the cache file, so
    # they are never all in memory; the library then reads them from the cache file.
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+b") as spool:
        state, merged = write_catalogue(root, first_pass, gathered, skipped, spool, made_before)
        state.update(listing=listing, stamp=stamp)
        size = spool.tell()
        spool.seek(0)
        blob = finished.save(state, iter(lambda: spool.read(1 << 20), b""), size)
        if blob is None:  # the cache folder cannot be written: keep them in memory after all
            spool.seek(0)
            blob = Blob(spool.read())
    return _opened(unpack(root, state, blob, merged))


def last_library(path: str | os.PathLike[str]) -> Library | None:
    """The library as this code last loaded it from this folder, read from the cache without
    listing the folder (at 10,000 reports, a tenth of a second); None when there is none, or
    caching is off. Its `listing` says what it was read from: compare the folder with it (a
    LibraryWatcher does) and reload what changed. Raises LibraryError as load_library does."""
    root = library_root(path)
    last = open_library_cache(root, None)
    return None if last is None else _warm_library(root, last)


def _warm_library(root: Path, finished: CacheFile) -> Library | None:
    """The finished library from the cache: its catalogue now, report bodies when first read."""
    saved = finished.load()
    if saved is None:
        return None
    try:
        # The merged names are read later, and nothing could stand in for them then: their
        # checksums are checked now, so a damaged cache is rebuilt instead of showing nobody.
        saved[1].check(*saved[0]["merged"])
        with gc_paused():
            return _opened(unpack(root, *saved))
    except Exception:  # damaged, or a catalogue of the wrong shape (saved by a buggy build): rebuilt and saved
        return None


def reload_changed(
    lib: Library, changes: Changes, cache: ParseCache | None = None, progress: Progress | None = None
) -> Library:
    """A new library with the changed files read again and the removed ones gone.

    The folder is loaded again through the parse cache (`cache`, or the one the library was read
    through), so only the changed files are parsed; the library pass (names one report teaches
    another) and the merging run again over the whole set, as a full load would, taking each
    report as `lib` made it when nothing it depends on changed. Raises LibraryError when the
    folder itself has gone or cannot be read.
    """
    if not changes:
        return lib
    source = cache if cache is not None else _sources.get(lib)
    return load_library(lib.root, progress=progress, cache=source, previous=lib)


# The search index ---------------------------------------------------------------------------------


def open_index(library: Library, *, cache: bool | None = None) -> SearchIndex:
    """The library's index, read from the index cache when it holds one for exactly these files,
    else built (and saved there). cache: None uses the index cache unless BOARDREADER_NO_CACHE is
    set; True always; False never."""
    store = None if cache is False else open_index_cache(library, force=cache is True)
    saved = store.load() if store is not None else None
    index: SearchIndex | None = None
    if saved is not None:
        try:  # searching reads hundreds of paragraphs a keystroke: their texts are kept in memory
            index = SearchIndex(library.reports, saved[0], saved[1].read_all())
        except BlobError:  # replaced since it was opened (another reader saved a newer one)
            index = None
    if index is None:
        state, texts = build_state(library)
        if store is not None:
            store.save(state, [texts], len(texts))
        index = SearchIndex(library.reports, state, texts)
    index.notice = store.notice if store is not None else None
    return index


class IndexHandle:
    """A library's search index, read or built when first asked for, once (a search asked for
    meanwhile on another thread waits for it). Holds its library weakly: the library holds it."""

    def __init__(self, library: Library, *, cache: bool | None = None, index: SearchIndex | None = None) -> None:
        self._library = weakref.ref(library)
        self._cache = cache
        self._index = index
        self._lock = threading.Lock()

    @property
    def ready(self) -> SearchIndex | None:
        """The index if it has been read or built already (never starts the work)."""
        return self._index

    def get(self) -> SearchIndex:
        with self._lock:
            if self._index is None:
                library = self._library()
                if library is None:
                    raise LibraryError("the library of this index has been let go")
                self._index = open_index(library, cache=self._cache)
            return self._index

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        return self.get().search(query, limit=limit)


def _opened(library: Library, *, cache: bool | None = None) -> Library:
    library.searcher = IndexHandle(library, cache=cache)
    return library


def _handle(library: Library) -> IndexHandle:
    handle = library.searcher
    if not isinstance(handle, IndexHandle):
        handle = IndexHandle(library)
        library.searcher = handle
    return handle


def search_index(library: Library) -> SearchIndex:
    """The library's index: read or built now if it has not been already (see IndexHandle)."""
    return _handle(library).get()


def ready_index(library: Library) -> SearchIndex | None:
    """The library's index if it has been read or built already (never starts the work)."""
    return _handle(library).ready


def use_index(library: Library, index: SearchIndex) -> None:
    """Search the library with this index from now on (for tests and benchmarks that build their own)."""
    library.searcher = IndexHandle(library, index=index)
