"""Caches in the user's cache folder: reports already parsed, the finished library and its index.

Each is one cache file per library folder (cachefile.py: a pickle followed by a blob of raw bytes,
with checksums).
- The parse cache: each report as its file alone gave it, keyed by the report's relative path, size,
  modification time and the parser version, so an unchanged file is not parsed again and a changed
  one is. Its blob holds each report pickled on its own, read one at a time.
- The finished library and the index: valid only for exactly the same files (path, size, mtime),
  the same parser and the same code. The library's blob holds the report bodies, each read when a
  report is first read (so a warm start reads only what it shows), and its merged names; the
  index's holds the paragraph texts, read whole when the index loads.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..corpus.model import Report
from ..corpus.summary import Summary
from ..corpus.version import PARSER_VERSION
from ..library.folder import Stamp
from . import cachefile
from .cachefile import Blob, CacheFile
from .paths import cache_dir, remove_stale_temporaries

if TYPE_CHECKING:
    from ..library.library import Library


def pickle_report(report: Report) -> bytes:
    """A first-pass report as the parse cache keeps it."""
    return pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)


class ParseEntry(NamedTuple):
    """One report in the parse cache: the file's stamp when parsed, where the report's pickle is,
    and the report's summary (what the library pass needs of it, see corpus/summary.py): a reload
    reads that alone for unchanged files."""

    stamp: Stamp
    blob: Blob
    start: int
    end: int
    summary: Summary


class SavedEntry(NamedTuple):
    """A ParseEntry as the cache file keeps it: its pickle's place in the file's blob."""

    stamp: Stamp
    start: int
    end: int
    summary: Summary


class ParseCache:
    """Reports as each file alone gave them (before the library pass), each pickled on its own:
    those read at the last flush stay in the cache file and are unpickled one at a time when asked
    for, those parsed since are held as pickles until the next flush. Never all at once as objects:
    at 10,000 reports that is 550 MB. Without a path it lives in memory only (BOARDREADER_NO_CACHE),
    and still gives a reload the reports it need not parse again.

    The file is read when first needed: a warm start that finds the finished library never is."""

    def __init__(self, path: Path | None) -> None:
        self._file = None if path is None else CacheFile(path, "parsed", what="parse")
        self._entries: dict[str, ParseEntry] | None = None
        self._notice: str | None = None
        self.dirty = False

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    @property
    def entries(self) -> dict[str, ParseEntry]:
        if self._entries is None:
            self._entries = {}
            stored = self._file.load() if self._file is not None else None
            if stored is not None and stored[0].get("parser") != PARSER_VERSION:
                self._notice = "parse cache was from another version; rebuilding it"
            elif stored is not None:
                state, blob = stored
                saved: dict[str, SavedEntry] = state["entries"]
                self._entries = {f: ParseEntry(e.stamp, blob, e.start, e.end, e.summary) for f, e in saved.items()}
        return self._entries

    @property
    def notice(self) -> str | None:
        _ = self.entries
        return self._notice or (None if self._file is None else self._file.notice)

    def summary(self, file: str, stamp: Stamp) -> Summary | None:
        """The summary of the report parsed from this file when it had this size and mtime."""
        entry = self.entries.get(file)
        return entry.summary if entry is not None and entry.stamp == stamp else None

    def report(self, file: str) -> Report | None:
        """The report kept for this file, whatever its key; None if there is none or it cannot be
        read (the cache file was replaced or damaged since: the file is parsed again)."""
        entry = self.entries.get(file)
        if entry is None:
            return None
        try:
            report = entry.blob.unpickle(entry.start, entry.end)
        except Exception:
            return None
        return report if isinstance(report, Report) else None

    def put(self, file: str, stamp: Stamp, pickled: bytes, summary: Summary) -> None:
        """Keep a report (pickled by pickle_report) parsed from the file when it had this stamp."""
        self.entries[file] = ParseEntry(stamp, Blob(pickled), 0, len(pickled), summary)
        self.dirty = True

    def flush(self, keep: set[str] | None = None) -> None:
        """Forget the files not in `keep`, and write what is new to the cache file."""
        entries = self.entries
        if keep is not None:
            gone = set(entries) - keep
            for file in gone:
                del entries[file]
            self.dirty = self.dirty or bool(gone)
        if not self.dirty or self._file is None:
            return
        at: dict[str, SavedEntry] = {}
        size = 0
        for file, e in entries.items():
            at[file] = SavedEntry(e.stamp, size, size + e.end - e.start, e.summary)
            size += e.end - e.start
        pieces = (e.blob.read(e.start, e.end) for e in entries.values())
        saved = self._file.save({"parser": PARSER_VERSION, "entries": at}, pieces, size)
        if saved is not None:  # read from the new file from now on; the pickles held in memory go
            self._entries = {file: ParseEntry(e.stamp, saved, e.start, e.end, e.summary) for file, e in at.items()}
            self.dirty = False


def open_cache(root: Path) -> ParseCache | None:
    """The parse cache for a library folder; None when BOARDREADER_NO_CACHE is set."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    remove_stale_temporaries(cache_dir())
    return ParseCache(cache_dir() / f"parsed-{_folder_key(root)}.pickle")


def _folder_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def index_key(library: Library) -> str | None:
    """What the index depends on: the library's listing digest (every file's size and mtime when
    loading began, the sidecar, the code). None for a library built in memory."""
    digest = library.listing_digest
    return None if digest is None else hashlib.sha256(f"{digest}:index".encode()).hexdigest()


def open_index_cache(library: Library, *, force: bool = False) -> CacheFile | None:
    """The index cache for a library; None when BOARDREADER_NO_CACHE is set (unless forced) or the
    library is not a folder of files."""
    if os.environ.get("BOARDREADER_NO_CACHE") and not force:
        return None
    if not library.reports:
        return None
    key = index_key(library)
    if key is None:
        return None
    return CacheFile(cache_dir() / f"index-{_folder_key(Path(library.root))}.pickle", key)


def listing_digest(listing: dict[str, Stamp]) -> str:
    """A digest of what a library is read from: every listed file's size and mtime (the date
    sidecar's and the folders that could not be read, too) and the code."""
    lines = [cachefile.code_version(), *(f"{rel}\0{size}\0{mtime}" for rel, (size, mtime) in listing.items())]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def open_library_cache(root: Path, stamp: str | None) -> CacheFile | None:
    """The finished library of a folder (after the library pass and merging), valid for one stamp,
    or with none, the last one saved by this code. A warm start loads this alone: no parse cache,
    no library pass, no merging."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    return CacheFile(cache_dir() / f"library-{_folder_key(root)}.pickle", stamp, what="library")
