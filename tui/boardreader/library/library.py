"""A folder of reports as one library: the `Library` itself, and each file read as a report.

A `Library` is plain data: each report's `ReportHead` (newest first), the files skipped and why,
and the people, contacts and programmes merged across the reports (library_pass.py makes them). A
report's body is read from its `Bodies` only when asked for (`report`, `read_through`): a head is
the explicit state of a report whose body is not in memory. It holds no cache file and no search
index: the session that opened it (session.py) gives it the index it searches with, and the store
(store/) the bodies it reads. `read_report` reads one file of the
folder as a report, or says in one sentence why it was skipped.

This module never imports textual.
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any, Protocol

from ..corpus.formats import SUFFIXES as DOCUMENT_SUFFIXES
from ..corpus.formats import ExtractionError, extract_text
from ..corpus.model import Report, ReportDate, ReportHead, Skipped, place_json
from .folder import LibraryError as LibraryError  # raised here too: callers catch it from here
from .folder import NotRegularFile, Stamp, display_name, open_regular
from .model import Hit, LibraryAction, LibraryContact, Merged, Person, Programme
from .pool import Budget, Overrun, run_all

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


class Searcher(Protocol):
    """What a library searches with: the index the session that opened it made (see session.py)."""

    def search(self, query: str, limit: int = 20) -> list[Hit]: ...


class Bodies(Protocol):
    """Where a library's report bodies are kept until read: the store's blob (store/catalogue.py),
    or memory (InMemory). `read` gives the report whole, never fails: a body that can no longer be
    read is parsed again from its file."""

    def read(self, head: ReportHead) -> Report: ...


class InMemory:
    """Bodies of reports already whole in memory (a library made by a test or a script)."""

    def __init__(self, reports: Iterable[Report]) -> None:
        self._by_id = {r.id: r for r in reports}

    def read(self, head: ReportHead) -> Report:
        return self._by_id[head.id]


@dataclass(eq=False)  # one library is one library: compared and hashed as itself
class Library:
    """A folder's reports as their heads (newest first), each body read from `bodies` when asked
    for: `report(id)` reads it once and keeps it (what the reader opens), `read_through(head)`
    reads it without keeping it (a pass over every report). The repr names the folder alone."""

    root: Path
    reports: list[ReportHead] = field(repr=False)
    bodies: Bodies = field(repr=False)
    skipped: list[Skipped] = field(default_factory=list, repr=False)
    # People, contacts, programmes and actions merged across the reports (see `people` and the others): in
    # memory, or a function that reads them from where the store keeps them, called when first
    # asked for. At 10,000 reports reading them takes a tenth of a second a first screen can do without.
    merged: Merged | Callable[[], Merged] = field(default_factory=lambda: ({}, {}, {}, []), repr=False)
    # How many people, contacts and programmes there are, without reading them: the tree shows these.
    counts: dict[str, int] = field(default_factory=dict, repr=False)
    # A digest of the names the library taught its reports (see library_pass.Gathered.names_digest).
    names_digest: str | None = field(default=None, repr=False)
    # The files' sizes and mtimes as they were when loading began, and a digest of them and of the
    # code: what caches built from this library are keyed by (so a file changed meanwhile can never
    # be filed under its new state), and what a watcher compares the folder with to see what changed.
    listing: dict[str, Stamp] = field(default_factory=dict, repr=False)
    listing_digest: str | None = field(default=None, repr=False)
    # Files still being read when a load ran out of patience (see session.load_library): not here.
    unfinished: tuple[str, ...] = field(default=(), repr=False)
    # What `search` asks: set by the session that opened the library (session.py), which owns it.
    searcher: Searcher | None = field(default=None, repr=False)
    _by_id: dict[str, ReportHead] = field(init=False, repr=False)
    _whole: dict[str, Report] = field(init=False, repr=False)  # the bodies read by `report`, kept

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.reports}
        self._whole = {}

    @classmethod
    def in_memory(
        cls, root: Path, reports: list[Report], skipped: list[Skipped] | None = None, **extra: Any
    ) -> Library:
        """A library of reports already whole (for tests and scripts), in the order given."""
        return cls(root, [r.head for r in reports], InMemory(reports), list(skipped or ()), **extra)

    def head(self, report_id: str) -> ReportHead | None:
        return self._by_id.get(report_id)

    def report(self, report_id: str) -> Report | None:
        """The report whole: its body read when first asked for, then kept."""
        whole = self._whole.get(report_id)
        if whole is None and (head := self._by_id.get(report_id)) is not None:
            whole = self._whole[report_id] = self.bodies.read(head)
        return whole

    def read_through(self, head: ReportHead) -> Report:
        """The report whole, without keeping a body not read before: for a pass over every report
        (building the index, exporting) that must not end up holding all their bodies."""
        whole = self._whole.get(head.id)
        return whole if whole is not None else self.bodies.read(head)

    def each_report(self) -> Iterator[Report]:
        """Every report whole, newest first, one body held at a time (see read_through)."""
        return map(self.read_through, self.reports)

    @property
    def people(self) -> dict[str, Person]:
        return self._merged()[0]

    @property
    def contacts(self) -> dict[str, LibraryContact]:
        return self._merged()[1]

    @property
    def programmes(self) -> dict[str, Programme]:
        return self._merged()[2]

    @property
    def actions(self) -> list[LibraryAction]:
        """Every action across the library, newest meeting first, each with its owners, its paragraph
        and the status a later paper of its board reports (see library/actions.py)."""
        return self._merged()[3]

    def _merged(self) -> Merged:
        if callable(self.merged):
            self.merged = self.merged()
        return self.merged

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Ranked hits for a query (see index/search.py), from the index of the session that
        opened the library: `boardreader.load_library` gives every library it opens one."""
        if self.searcher is None:
            raise LibraryError("this library was not opened through a session, so it has no search index")
        return self.searcher.search(query, limit)

    def to_json(self) -> dict[str, Any]:
        return {
            "reports": [r.to_json() for r in self.each_report()],
            "people": [
                {
                    "name": p.name,
                    "reports": p.reports,
                    "roles": p.roles,
                    "authorities": p.authorities,
                    "wrote": p.wrote,
                    "actions": [
                        {
                            "report": a.report,
                            "item": a.item,
                            "text": a.text,
                            "status": a.status,
                            **place_json(a.place),
                        }
                        for a in p.actions
                    ],
                    "attended": [
                        {"report": a.report, "status": a.status, "role": a.role, "authority": a.authority}
                        for a in p.attended
                    ],
                    "positions": [{"position": h.position, "report": h.report} for h in p.positions],
                    "phone": p.phone,
                    "email": p.email,
                }
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
            "actions": [a.to_json() for a in self.actions],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
        }


def parse_report(data: bytes, file: str) -> Report:
    """The parser, imported when first used: a warm start parses nothing, and the parser's imports
    (phone numbers, encodings, given names) cost a fifth of a second."""
    from ..corpus.parse import parse_report as parse

    return parse(data, file)


def report_bytes(path: Path, data: bytes) -> bytes:
    """What parse_report reads: a text file as it is, a PDF, Word or HTML paper as its extracted text."""
    suffix = path.suffix.lower()
    return extract_text(suffix, data).encode("utf-8") if suffix in DOCUMENT_SUFFIXES else data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _read_limited(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes, so a file that grows while we read cannot make us read without end;
    never blocking on a file that has turned into a pipe (see open_regular)."""
    with open_regular(path) as handle:
        return handle.read(limit + 1)


def size_limit(suffix: str) -> int:
    """The most bytes a file of this kind may hold: text is held to the text limit before it is read."""
    if suffix in TEXT_ONLY_SUFFIXES:
        return MAX_BYTES
    return MAX_PAGE_BYTES if suffix in _PAGE_SUFFIXES else MAX_DOCUMENT_BYTES


Keep = Callable[[str, Stamp, Report], None]  # a report just parsed, with its file's stamp when read


def read_report(path: Path, root: Path, keep: Keep | None = None) -> Report | Skipped:
    """Parse one file here, or say in one sentence why it was skipped. `keep` is given each report
    parsed, with its file's key (the session keeps it in the parse cache). A library is read in
    worker processes instead, each file within a budget (see pool.py and reread)."""
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
    from ..corpus.decode import NotText  # with the parser (see parse_report)

    try:
        data = _read_limited(path, limit)
    except FileNotFoundError:
        return Skipped(rel, "vanished while loading")
    except NotRegularFile as exc:
        return Skipped(rel, exc.reason)
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
    except MemoryError:
        raise  # past a worker's memory budget: the pool says so (see pool.py)
    except Exception as exc:  # a parser bug must cost one file, never the library
        return Skipped(rel, f"could not be parsed ({type(exc).__name__}: {exc})")
    if keep is not None:
        keep(rel, (stat.st_size, stat.st_mtime_ns), report)
    return report


def library_root(path: str | os.PathLike[str]) -> Path:
    """The folder at `path`, or LibraryError when there is none."""
    root = Path(path).expanduser()
    if not root.exists():
        raise LibraryError(f"No such folder: {root}")
    if not root.is_dir():
        raise LibraryError(f"Not a folder: {root}")
    return root


# What reading one file may cost, in a worker process (see pool.py): past it the file is skipped with
# the reason. The slowest real paper here parses in well under a second.
PARSE_BUDGET = Budget(seconds=10.0, memory=1024 * 1024 * 1024)


def ready_to_parse() -> None:
    """The parser imported and its dictionaries read: a seventh of a second here, and seconds on a
    busy machine, that must not count against a worker's first file."""
    from ..corpus.names import load_dictionaries

    importlib.import_module("..corpus.parse", __package__)
    load_dictionaries()


def read_alone(root: str, rel: str) -> tuple[Report, Stamp] | Skipped:
    """One file read in a worker process (see reread), with its file's key when read."""
    kept: list[Stamp] = []
    report = read_report(Path(root) / rel, Path(root), lambda file, key, report: kept.append(key))
    return report if isinstance(report, Skipped) else (report, kept[0])


def reread(root: Path, file: str, keep: Keep | None = None) -> Report:
    """A report parsed afresh from its file (and given to `keep`), for when a cached copy cannot be
    read: in a worker, with its budget, as every parse is. A file that can no longer be read
    gives an empty report that says why, never a failure."""
    [(_, outcome)] = run_all(read_alone, [(os.fspath(root), file)], PARSE_BUDGET, prepare=ready_to_parse)
    if isinstance(outcome, tuple):
        report, key = outcome
        if keep is not None:
            keep(file, key, report)
        return report
    reason = outcome.reason if isinstance(outcome, (Skipped, Overrun)) else "not read"
    return Report(file, file, "", "other", None, None, ReportDate(None), (), (), notes=(reason,))
