"""One open library: opened warm from the store or cold from its folder, reloaded, and searched.

This is the only module that knows a library (library/), its store (store/) and its search index
(index/) belong together. `load_library(path)` lists the folder, parses each report (through the
parse cache, so unchanged files are not parsed again), then runs the library pass (a programme
named in full in one report is recognised in another, a surname alone becomes the full name found
elsewhere) and merges people, contacts and programmes across reports. The result is a catalogue of
report heads, each body read when first needed (store/catalogue.py), whether it was just made or
read back from the cache. Every library opened here searches with an index read from the index
cache or built when first asked for (`search_index`), once.

The garbage-collector policy is decided here and nowhere else (see "The garbage collector" below):
paused while a cache is read, what a parse worker (or the process sharing a first load's library
pass) inherits frozen as it starts, and a large library and its index frozen out of the collector's
walks once loaded, with what was frozen before set free at each reload.

This module never imports textual. It is over 400 lines on purpose: it is the one module allowed
to know that a library, its store and its index belong together (the layers in pyproject.toml), so
opening, reloading, the index's life and the GC policy that spans them are kept here; a second
module holding any of them would be a second place that knows it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import io
import os
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from .corpus.model import Report, Skipped
from .corpus.summary import Summary, summary_of
from .index.search import SearchIndex
from .index.text import build_state
from .library import library as library_module
from .library.folder import Stamp, display_name, report_files, scan_folder
from .library.library import (
    Keep,
    Library,
    LibraryError,
    Progress,
    library_root,
    read_report,
    ready_to_parse,
    reread,
)
from .library.library_pass import Gathered, MadeBefore
from .library.model import Hit
from .library.pool import Overrun, Unfinished, map_beside, run_all
from .library.watch import Changes
from .store.cache import (
    ParseCache,
    listing_digest,
    open_cache,
    open_index_cache,
    open_library_cache,
    pickle_report,
)
from .store.cachefile import Blob, BlobError, CacheFile
from .store.catalogue import StoredBodies, body_bytes, unpack, write_catalogue

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
    "settle",
    "use_index",
]

SPOOL_IN_MEMORY = 8 * 1024 * 1024  # report bodies held in memory while a library is made, at most


def load_library(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cache: ParseCache | bool | None = True,
    previous: Library | None = None,
    patience: float | None = None,
) -> Library:
    """Load every report under `path`. Raises LibraryError when the folder itself is unusable.

    Files are parsed in worker processes, one a core, each within its budget (see read_all).
    cache: True (the default) uses the caches in the user's cache folder as the command line does
    (none when BOARDREADER_NO_CACHE is set): reports parsed before from unchanged files are not
    parsed again, the finished library is kept, and a folder that has not changed since is read
    from there without parsing at all. False (or None) uses none: every file is parsed, nothing is
    written. A ParseCache: that one (the reader keeps one open across reloads).
    previous: the library loaded from this folder before (on a reload); the reports it made whole
    from files that have not changed are taken from it when the library teaches the same names.
    patience: seconds to wait for the last files to be read, once every other is (a reader shows
    what it has rather than wait out a slow file's budget). The files still being read then are
    left out and listed in `unfinished`, and the library is neither cached nor stamped: reload
    them (see reload_changed). None: wait for every file, each within its budget.
    """
    root = library_root(path)
    if cache is True:
        cache = open_cache(root)
    elif cache is False:
        cache = None
    problems: list[Skipped] = []
    listing = scan_folder(root, problems)
    digest = listing_digest(listing)
    finished = open_library_cache(root, digest) if cache is not None and cache.on_disk else None
    if finished is not None and (warm := _warm_library(root, finished)) is not None:
        if progress is not None:
            progress(len(listing), len(listing), "")
        return warm
    if cache is None:
        cache = ParseCache(None)  # in memory: what a reload of this library starts from
    with gc_paused():
        _ = cache.entries  # the parse cache's file, read now rather than at the first file listed
    files = report_files(listing)
    # an unchanged file's summary is in the cache: its report is read in the second pass alone
    summaries: dict[str, Summary | Skipped] = {}
    for rel in files:
        if (summary := cache.summary(rel, listing[rel])) is not None:
            summaries[rel] = summary
    done = len(summaries)
    if progress is not None and done:
        progress(done, len(files), "")
    unfinished: list[str] = []
    for rel, outcome in read_all(root, [rel for rel in files if rel not in summaries], patience):
        if outcome is None:
            unfinished.append(rel)
            continue
        if isinstance(outcome, Skipped):
            summaries[rel] = outcome
        else:
            key, pickled, summary = outcome
            cache.put(rel, key, pickled, summary)
            summaries[rel] = summary
        done += 1
        if progress is not None:
            progress(done, len(files), display_name(rel.rpartition("/")[2]))
    gathered = Gathered()
    skipped = problems
    for rel in files:  # in the folder's order, however the workers finished
        if (summary_or_skip := summaries.get(rel)) is None:
            continue  # unfinished
        if isinstance(summary_or_skip, Skipped):
            skipped.append(summary_or_skip)
        else:
            gathered.add(rel, summary_or_skip)
    cache.flush(keep=set(gathered.heads))
    made_before = _made_before(previous, listing, gathered.names_digest())
    keep = _keeper(cache)

    def first_pass(file: str) -> Report:
        # as the cache kept it; parsed again (and kept) if the cache lost it since the first pass
        return cache.report(file) or reread(root, file, keep)

    if unfinished:  # a library to show for now: kept in memory, and no cache is keyed by it
        lib = _finish(root, first_pass, gathered, skipped, listing, None, None, made_before)
    else:
        lib = _finish(root, first_pass, gathered, skipped, listing, digest, finished, made_before)
    lib.unfinished = tuple(unfinished)
    _sources[lib] = cache
    return lib


Parsed = tuple[Stamp, bytes, Summary]  # a file's key when read, its report pickled, its summary


def read_in_worker(root: str, rel: str) -> Parsed | Skipped:
    """One file read in a worker process (see library/pool.py). Its report goes back pickled as the
    parse cache keeps it, so the loading process neither unpickles nor pickles it again."""
    kept: list[Stamp] = []
    report = read_report(Path(root) / rel, Path(root), lambda file, key, report: kept.append(key))
    if isinstance(report, Skipped):
        return report
    return kept[0], pickle_report(report), summary_of(report)


def read_all(
    root: Path, files: list[str], patience: float | None = None
) -> Iterator[tuple[str, Parsed | Skipped | None]]:
    """Each file parsed in the pool of worker processes, in the order they finish; a file past its
    time or memory budget (PARSE_BUDGET) is skipped with the reason, and the rest go on. With
    `patience`, the files still being read that long after the last one finished come with None
    (see pool.run_all)."""
    tasks = [(os.fspath(root), rel) for rel in files]
    if tasks and sys.platform == "linux" and threading.current_thread() is threading.main_thread():
        # Once here rather than in each worker forked from this process (see pool.py). Not from
        # another thread: a reader loads in one, and its keys need the interpreter meanwhile.
        ready_to_parse()
    budget = library_module.PARSE_BUDGET  # looked up now: a test may set a budget of its own
    for (_, rel), outcome in run_all(read_in_worker, tasks, budget, patience=patience, prepare=parse_worker_ready):
        if isinstance(outcome, Unfinished):
            yield rel, None
        else:
            yield rel, Skipped(rel, outcome.reason) if isinstance(outcome, Overrun) else outcome


# The parse cache each library was read through (in memory when no cache was given): a reload takes
# from it the reports of the files that have not changed. None after a warm start.
_sources: weakref.WeakKeyDictionary[Library, ParseCache] = weakref.WeakKeyDictionary()


def parse_cache_of(library: Library) -> ParseCache | None:
    """The parse cache a library was read through; None after a warm start, which read none."""
    return _sources.get(library)


def _keeper(cache: ParseCache) -> Keep:
    """What keeps each report parsed in the parse cache, with its summary."""

    def keep(file: str, key: Stamp, report: Report) -> None:
        cache.put(file, key, pickle_report(report), summary_of(report))

    return keep


def _made_before(previous: Library | None, listing: dict[str, Stamp], names_digest: str) -> MadeBefore | None:
    """The reports `previous` made whole that would be made the same again: from a file unchanged
    since, with the same names taught (see library_pass.assemble); None when none would be."""
    bodies = previous.bodies if previous is not None else None
    if previous is None or previous.names_digest != names_digest or not isinstance(bodies, StoredBodies):
        return None
    before = {r.file: r for r in previous.reports}
    then = previous.listing

    def made(file: str) -> tuple[Report, bytes] | None:
        head = before.get(file)
        if head is None or then.get(file) != listing.get(file):
            return None
        return bodies.stored(head)

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
    digest: str | None,
    finished: CacheFile | None = None,
    made_before: MadeBefore | None = None,
) -> Library:
    """The library pass over the first-pass reports, the catalogue saved when there is a cache for
    it, and the library made from the catalogue, as a warm start makes it."""
    if finished is None:  # the bodies stay in memory: the library reads them from there
        memory = io.BytesIO()
        state, merged = write_catalogue(root, first_pass, gathered, skipped, memory, made_before, _made_beside)
        state.update(listing=listing, listing_digest=digest)
        return _opened(unpack(root, state, Blob(memory.getbuffer()), merged))
    # Spooled: written to a temporary file once past a few MB, then copied into the cache file, so
    # they are never all in memory; the library then reads them from the cache file.
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+b") as spool:
        state, merged = write_catalogue(root, first_pass, gathered, skipped, spool, made_before, _made_beside)
        state.update(listing=listing, listing_digest=digest)
        size = spool.tell()
        spool.seek(0)
        blob = finished.save(state, iter(lambda: spool.read(1 << 20), b""), size)
        if blob is None:  # the cache folder cannot be written: keep them in memory after all
            spool.seek(0)
            blob = Blob(spool.read())
    return _opened(unpack(root, state, blob, merged))


BESIDE_AT_LEAST = 200  # reports to make whole before a process beside this one is worth its start


def _made_beside(whole: Callable[[str], Report], files: list[str]) -> Iterator[tuple[Report, bytes | None]]:
    """Every report made whole (see library_pass.assemble), most of them in a process forked beside
    this one (pool.map_beside), so that on a first load both cores work through the library pass
    too: alone, it left one idle for a fifth of the load. From there each report comes back as its
    body pickled for the store and the report without its sections, all that the catalogue and
    merging read; it is never pickled whole again."""

    def made(file: str) -> tuple[Report, bytes | None]:
        report = whole(file)
        return dataclasses.replace(report, sections=()), body_bytes(report)

    if len(files) < BESIDE_AT_LEAST:
        return ((whole(file), None) for file in files)
    return map_beside(made, files, prepare=gc.freeze)  # see parse_worker_ready


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
    with gc_paused():
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
    with gc_paused():
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
    """The library given the index it searches with, and its merged names read with the GC paused."""
    library.searcher = IndexHandle(library, cache=cache)
    if callable(library.merged):
        library.merged = _paused(library.merged)
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


# The garbage collector ---------------------------------------------------------------------------

# Paragraphs from which a loaded library and its index are frozen out of the cyclic collector.
FREEZE_FROM = 20000
T = TypeVar("T")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic GC paused: reading a cache makes many objects and no cycles, and collecting
    meanwhile doubled the time to unpickle and to rebuild the catalogue's reports."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _paused(read: Callable[[], T]) -> Callable[[], T]:
    def paused() -> T:
        with gc_paused():
            return read()

    return paused


def parse_worker_ready() -> None:
    """Run in each parse worker as it starts (see read_all): what it inherited from this process
    frozen, then the parser made ready. A forked worker shares the parent's objects page by page
    until it writes to them, and the cyclic collector would write to every one of them (a reader's
    whole library, on a reload) as it walks them."""
    gc.freeze()
    ready_to_parse()


def settle(index: SearchIndex) -> None:
    """Once a large library and its index are loaded (and at each reload): they live until a
    reload swaps them out, and hold no cycles. Frozen, the cyclic collector stops walking their
    objects, which it otherwise did in the middle of a keystroke now and then (30-60 ms at 10,000
    reports); refcounting still frees them when they are swapped out.

    A freeze takes in everything alive, the reader's widgets too, and those sit in reference
    cycles that only the collector frees: frozen, a tree swapped out at a reload and every screen
    closed since would be kept for good. So what the last freeze took in is let go first and
    collected, then what is alive now is frozen: a reload frees all that became garbage."""
    if len(index.para_report) < FREEZE_FROM:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
