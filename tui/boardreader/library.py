"""A folder of reports as one library: load, skip what cannot be read, merge names across reports.

`load_library(path)` lists the folder recursively, parses each report (through the parse cache, so
unchanged files are not parsed again), then makes a second, cheap pass with what the whole library
knows (library_pass.py): a programme named in full in one report is recognised in another, and a
surname alone ("Councillor Shortland") becomes the full name found elsewhere. People, contacts and
programmes are merged across reports. The result is a catalogue of report heads, with each body
read when first needed (catalogue.py), whether it was just made or read back from the cache.

This module never imports textual: the reader, the command line and scripts share it.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from .cache import Blob, CacheFile, ParseCache, folder_stamp, gc_paused, open_library_cache
from .catalogue import Merged, MergedAt, stored, unpack
from .corpus.formats import SUFFIXES as DOCUMENT_SUFFIXES
from .corpus.formats import ExtractionError, extract_text
from .corpus.model import LibraryContact, Person, Programme, Report, ReportDate, Skipped
from .corpus.summary import summary_of
from .folder import LibraryError as LibraryError  # raised here too: callers catch it from here
from .folder import Stamp, display_name, report_files, scan_folder
from .library_pass import Gathered, assemble

if TYPE_CHECKING:
    from .search import Hit, SearchIndex

TEXT_ONLY_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
TEXT_SUFFIXES = TEXT_ONLY_SUFFIXES | DOCUMENT_SUFFIXES  # PDF, Word, HTML, Markdown: extracted first
# Past MAX_BYTES of text a file is skipped: the parser reads about 150 KB a second, so 2 MB (some
# 1,000 pages) costs ~15 s once, and a 50 MB log dropped in the folder costs nothing. PDF and Word
# files carry images and fonts, so their own limit is higher; their extracted text meets MAX_BYTES.
# A web page's markup is read whole before its text is known, so its own limit is a few times the
# text's (99 MB of HTML cost 15 s and 1 GB before its text was found to be too much); Markdown is
# text, held to MAX_BYTES like any text file.
MAX_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
MAX_PAGE_BYTES = 5 * MAX_BYTES
_PAGE_SUFFIXES = {".html", ".htm", ".xhtml"}
SPOOL_IN_MEMORY = 8 * 1024 * 1024  # report bodies held in memory while a library is made, at most
Progress = Callable[[int, int, str], None]


@dataclass(repr=False)
class Library:
    root: Path
    reports: list[Report]
    skipped: list[Skipped] = field(default_factory=list)
    # People, contacts and programmes merged across the reports (see `people` and the others):
    # in memory, or where the catalogue's blob holds them, read when first asked for. At 10,000
    # reports reading them takes a tenth of a second a first screen can do without.
    merged: Merged | MergedAt = field(default_factory=lambda: ({}, {}, {}), repr=False)
    # How many people, contacts and programmes there are, without reading them: the tree shows these.
    counts: dict[str, int] = field(default_factory=dict, repr=False)
    # A digest of the names the library taught its reports (see library_pass.Gathered.digest).
    lexicon: str | None = field(default=None, repr=False)
    # The parse cache the library was read through (in memory when no cache was given): a reload
    # takes from it the reports of the files that have not changed. None after a warm start.
    source: ParseCache | None = field(default=None, repr=False)
    # The files' sizes and mtimes as they were when loading began, and their digest: what caches
    # built from this library are keyed by (so a file changed meanwhile can never be filed under its
    # new state), and what a watcher compares the folder with to see what changed since.
    listing: dict[str, Stamp] = field(default_factory=dict, repr=False)
    stamp: str | None = field(default=None, repr=False)
    _by_id: dict[str, Report] = field(init=False, repr=False)
    _index: SearchIndex | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.reports}

    def __repr__(self) -> str:
        # Short: a worker's description holds the repr of its arguments, and a repr of every
        # report would read every report's body from the cache.
        return f"Library({os.fspath(self.root)!r}, {len(self.reports)} reports, {len(self.skipped)} skipped)"

    def report(self, report_id: str) -> Report | None:
        return self._by_id.get(report_id)

    @property
    def people(self) -> dict[str, Person]:
        return self._merged()[0]

    @property
    def contacts(self) -> dict[str, LibraryContact]:
        return self._merged()[1]

    @property
    def programmes(self) -> dict[str, Programme]:
        return self._merged()[2]

    def _merged(self) -> Merged:
        if isinstance(self.merged, MergedAt):
            self.merged = self.merged.read()
        return self.merged

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            from .search import SearchIndex

            self._index = SearchIndex(self)
        return self._index

    @property
    def ready_index(self) -> SearchIndex | None:
        """The index if it has been read or built already (never starts the work)."""
        return self._index

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        return self.index.search(query, limit=limit)

    def to_json(self) -> dict[str, Any]:
        return {
            "reports": [r.to_json() for r in self.reports],
            "people": [
                {"name": p.name, "reports": p.reports, "roles": p.roles, "authorities": p.authorities}
                for p in self.people.values()
            ],
            "contacts": [
                {
                    "name": c.name,
                    "positions": [{"position": h.position, "report": h.report} for h in c.positions],
                    "phone": c.phone,
                    "email": c.email,
                    "reports": c.reports,
                }
                for c in self.contacts.values()
            ],
            "programmes": [{"name": p.name, "reports": p.reports} for p in self.programmes.values()],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
        }


def parse_report(data: bytes, file: str) -> Report:
    """The parser, imported when first used: a warm start parses nothing, and the parser's imports
    (phone numbers, encodings, given names) cost a fifth of a second."""
    from .corpus.parse import parse_report as parse

    return parse(data, file)


def report_bytes(path: Path, data: bytes) -> bytes:
    """What parse_report reads: a text file as it is, a PDF, Word or HTML paper as its extracted text."""
    suffix = path.suffix.lower()
    return extract_text(suffix, data).encode("utf-8") if suffix in DOCUMENT_SUFFIXES else data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _read_limited(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes, so a file that grows while we read cannot make us read without end."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def size_limit(suffix: str) -> int:
    """The most bytes a file of this kind may hold: text is held to the text limit before it is read."""
    if suffix in TEXT_ONLY_SUFFIXES:
        return MAX_BYTES
    return MAX_PAGE_BYTES if suffix in _PAGE_SUFFIXES else MAX_DOCUMENT_BYTES


def read_report(path: Path, root: Path, cache: ParseCache | None = None) -> Report | Skipped:
    """Parse one file, or say in one sentence why it was skipped."""
    rel = path.relative_to(root).as_posix()
    if display_name(rel) != rel:
        return Skipped(display_name(rel), "the file name holds control characters or bytes that are not UTF-8")
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Skipped(rel, "broken link: what it points to does not exist" if path.is_symlink() else "vanished")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(rel, "link loop: the link leads back to itself")
        return Skipped(rel, f"cannot read: {(exc.strerror or str(exc)).lower()}")
    suffix = path.suffix.lower()
    if not S_ISREG(stat.st_mode):
        return Skipped(rel, "not a regular file (a folder, pipe, device or socket)")
    if suffix not in TEXT_SUFFIXES:
        return Skipped(rel, f"not a format boardreader reads ({path.suffix or 'no extension'})")
    if stat.st_size == 0:
        return Skipped(rel, "empty file")
    limit = size_limit(suffix)
    if stat.st_size > limit:
        return Skipped(rel, f"too large ({_megabytes(stat.st_size)}; the limit is {_megabytes(limit)})")
    from .corpus.decode import NotText  # with the parser (see parse_report)

    try:
        data = _read_limited(path, limit)
    except FileNotFoundError:
        return Skipped(rel, "vanished while loading")
    except PermissionError:
        return Skipped(rel, "cannot read: permission denied")
    except OSError as exc:
        return Skipped(rel, f"cannot read: {(exc.strerror or str(exc)).lower()}")
    if len(data) > limit:
        return Skipped(rel, f"too large (grew past {_megabytes(limit)} while loading)")
    try:
        text = report_bytes(path, data)
        if len(text) > MAX_BYTES:
            return Skipped(rel, f"too much text ({_megabytes(len(text))}; the limit is {_megabytes(MAX_BYTES)})")
        report = parse_report(text, rel)
    except (NotText, ExtractionError) as exc:
        return Skipped(rel, str(exc))
    except Exception as exc:  # a parser bug must cost one file, never the library
        return Skipped(rel, f"could not be parsed ({type(exc).__name__}: {exc})")
    if cache is not None:
        cache.put(rel, stat, report, summary_of(report))
    return report


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
    root = _folder(path)
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
    gathered = Gathered()
    skipped = problems
    files = report_files(listing)
    for i, rel in enumerate(files, 1):
        # an unchanged file's summary is in the cache: its report is read in the second pass alone
        if (summary := cache.summary(rel, listing[rel])) is None:
            result = read_report(root / rel, root, cache)
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
        return cache.report(file) or reread(root, file, cache)

    lib = _finish(root, first_pass, gathered, skipped, listing, stamp, finished, made_before)
    lib.source = cache
    return lib


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
        state, merged = assemble(root, first_pass, gathered, skipped, memory, made_before)
        state.update(listing=listing, stamp=stamp)
        return unpack(root, state, Blob(memory.getbuffer()), merged)
    # Spooled: written to a temporary file once past a few MB, then copied into the cache file, so
    # they are never all in memory; the library then reads them from the cache file.
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+b") as spool:
        state, merged = assemble(root, first_pass, gathered, skipped, spool, made_before)
        state.update(listing=listing, stamp=stamp)
        size = spool.tell()
        spool.seek(0)
        blob = finished.save(state, iter(lambda: spool.read(1 << 20), b""), size)
        if blob is None:  # the cache folder cannot be written: keep them in memory after all
            spool.seek(0)
            blob = Blob(spool.read())
    return unpack(root, state, blob, merged)


def last_library(path: str | os.PathLike[str]) -> Library | None:
    """The library as this code last loaded it from this folder, read from the cache without
    listing the folder (at 10,000 reports, a tenth of a second); None when there is none, or
    caching is off. Its `listing` says what it was read from: compare the folder with it (a
    LibraryWatcher does) and reload what changed. Raises LibraryError as load_library does."""
    root = _folder(path)
    last = open_library_cache(root, None)
    return None if last is None else _warm_library(root, last)


def _folder(path: str | os.PathLike[str]) -> Path:
    root = Path(path).expanduser()
    if not root.exists():
        raise LibraryError(f"No such folder: {root}")
    if not root.is_dir():
        raise LibraryError(f"Not a folder: {root}")
    return root


def reread(root: Path, file: str, cache: ParseCache | None = None) -> Report:
    """A report parsed afresh from its file (and kept in `cache`), for when a cached copy cannot be
    read. A file that can no longer be read gives an empty report that says why, never a failure."""
    report = read_report(root / file, root, cache)
    if isinstance(report, Report):
        return report
    return Report(file, file, "", "other", None, None, ReportDate(None), (), (), notes=(report.reason,))


def _warm_library(root: Path, finished: CacheFile) -> Library | None:
    """The finished library from the cache: its catalogue now, report bodies when first read."""
    saved = finished.load()
    if saved is None:
        return None
    try:
        with gc_paused():
            return unpack(root, *saved)
    except Exception:  # a catalogue of the wrong shape (saved by a buggy build): rebuilt and saved
        return None
