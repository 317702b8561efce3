"""A folder of reports as one library: load, skip what cannot be read, merge names across reports.

`load_library(path)` lists the folder recursively, parses each report (through the parse cache when
one is given), then makes a second, cheap pass with what the whole library knows: a programme
named in full in one report is recognised in another, and a surname alone ("Councillor Shortland")
becomes the full name found elsewhere. People, contacts and programmes are merged across reports.

This module never imports textual: the reader, the command line and scripts share it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, Protocol

from .catalogue import pack, unpack
from .corpus.formats import SUFFIXES as DOCUMENT_SUFFIXES
from .corpus.formats import ExtractionError, extract_text
from .corpus.keys import programme_key
from .corpus.model import LibraryContact, Person, PositionHeld, Programme, Report, ReportDate, Skipped
from .paths import SIDECAR

if TYPE_CHECKING:
    from .cache import IndexCache
    from .corpus.entities import Lexicon
    from .search import Hit, SearchIndex

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"} | DOCUMENT_SUFFIXES  # PDF, Word, HTML, Markdown: extracted first
# Past MAX_BYTES of text a file is skipped: the parser reads about 150 KB a second, so 2 MB (some
# 1,000 pages) costs ~15 s once, and a 50 MB log dropped in the folder costs nothing. PDF and Word
# files carry images and fonts, so their own limit is higher; their extracted text meets MAX_BYTES.
MAX_BYTES = 2 * 1024 * 1024
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
# Hidden files, editor backups and swap files, Office lock files (~$x.docx), partial downloads.
# Plain string tests, not a regex: this runs for every file at every start.
_IGNORED_STARTS = (".", "~$")
_IGNORED_ENDS = (".part", ".crdownload", "~", ".tmp", ".bak", *(f".sw{c}" for c in "abcdefghijklmnop"))
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", SIDECAR})


def ignored(name: str) -> bool:
    """A file the library never lists (see above), or the date sidecar."""
    lower = name.lower()
    return (
        lower.startswith(_IGNORED_STARTS)
        or lower.endswith(_IGNORED_ENDS)
        or lower in _IGNORED_NAMES
        or (len(name) > 1 and name[0] == "#" == name[-1])  # an Emacs auto-save file
    )


# Control characters and bidi controls in a file name (undecodable bytes are escaped before this).
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

Progress = Callable[[int, int, str], None]


class ParseCache(Protocol):
    """Where parsed reports are kept between runs (see cache.py)."""

    def get(self, file: str, stat: os.stat_result) -> Report | None: ...
    def put(self, file: str, stat: os.stat_result, report: Report) -> None: ...
    def flush(self, keep: set[str] | None = None) -> None: ...


class LibraryError(Exception):
    """The folder cannot be opened as a library; the message is one sentence for the user."""


@dataclass(repr=False)
class Library:
    root: Path
    reports: list[Report]
    skipped: list[Skipped] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    contacts: dict[str, LibraryContact] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    # The reports as each file alone gave them, before the library pass: what a reload starts from.
    parsed: dict[str, Report] = field(default_factory=dict, repr=False)
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


Stamp = tuple[int, int]  # a file's size and mtime_ns; (-1, -1) when it cannot be stat'ed


def scan_folder(root: Path, problems: list[Skipped] | None = None) -> dict[str, Stamp]:
    """Every candidate file under root (relative POSIX path -> size and mtime), in reading order:
    each folder's files sorted, then its subfolders; hidden and editor files skipped. The date
    sidecar is listed too (under its name, when there is one): it changes the library as well.

    Links to folders are not followed, so a link loop cannot trap us; they and folders that cannot
    be read are added to `problems` (when given) with the reason, so the user learns why a folder's
    reports are missing, and listed under their path and a slash, so a watcher sees them come and
    go. One `scandir` pass with no Path per file: at 10,000 reports it is part of every start.
    """
    found: dict[str, Stamp] = {}
    pending = [(os.fspath(root), "")]
    while pending:
        folder, rel = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if not rel:
                raise LibraryError(f"Cannot read the folder {root}: {(exc.strerror or str(exc)).lower()}") from None
            _folder_problem(found, problems, rel, f"folder cannot be read: {(exc.strerror or str(exc)).lower()}")
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry):
                if entry.is_symlink():
                    reason = "link to a folder: not followed (a link could loop forever)"
                    _folder_problem(found, problems, f"{rel}{name}/", reason)
                else:
                    subfolders.append((entry.path, f"{rel}{name}/"))
            elif not rel and name.lower() == SIDECAR:  # as opened on a file system that ignores case
                found[SIDECAR] = _stamp_of(entry)
            elif not ignored(name):
                found[rel + name] = _stamp_of(entry)
        pending.extend(reversed(subfolders))  # depth first, in name order
    return found


def _folder_problem(found: dict[str, Stamp], problems: list[Skipped] | None, rel: str, reason: str) -> None:
    found[rel] = (-1, -1)
    if problems is not None:
        problems.append(Skipped(display_name(rel), reason))


def _stamp_of(entry: os.DirEntry[str]) -> Stamp:
    try:
        st = entry.stat()
    except OSError:  # a broken link or a link loop: listed, and read_report says why
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def report_files(root: Path, listing: dict[str, Stamp]) -> list[Path]:
    """The files of a listing to read as reports: not the date sidecar, nor a folder's problem."""
    return [root / rel for rel in listing if rel != SIDECAR and not rel.endswith("/")]


def display_name(rel: str) -> str:
    """A file name safe to print: control and bidi characters, and bytes that are not UTF-8, escaped."""
    rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE_NAME.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), rel)


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
    limit = MAX_DOCUMENT_BYTES if suffix in DOCUMENT_SUFFIXES else MAX_BYTES
    if stat.st_size > limit:
        return Skipped(rel, f"too large ({_megabytes(stat.st_size)}; the limit is {_megabytes(limit)})")
    if cache is not None and (hit := cache.get(rel, stat)) is not None:
        return hit
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
        cache.put(rel, stat, report)
    return report


def read_files(
    root: Path, files: list[Path], cache: ParseCache | None = None, progress: Progress | None = None
) -> tuple[list[Report], list[Skipped]]:
    """Read each file in turn; one that cannot be read costs only itself."""
    reports: list[Report] = []
    skipped: list[Skipped] = []
    for i, file in enumerate(files, 1):
        result = read_report(file, root, cache)
        if isinstance(result, Report):
            reports.append(result)
        else:
            skipped.append(result)
        if progress is not None:
            progress(i, len(files), display_name(file.name))
    return reports, skipped


def load_library(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cache: ParseCache | None = None,
    reuse: bool = False,
) -> Library:
    """Load every report under `path`. Raises LibraryError when the folder itself is unusable.

    reuse: with a cache, take the library as it was last loaded from this folder without listing
    the folder first; its `listing` is what it was read from, and the caller compares the folder
    with it (the reader's watcher does, straight after the first screen) and reloads what changed.
    """
    root = Path(path).expanduser()
    if not root.exists():
        raise LibraryError(f"No such folder: {root}")
    if not root.is_dir():
        raise LibraryError(f"Not a folder: {root}")
    last = _finished_cache(root, None) if reuse and cache is not None else None
    if last is not None and (reused := _warm_library(root, last)) is not None:
        return reused
    problems: list[Skipped] = []
    listing = scan_folder(root, problems)
    stamp = _stamp(listing)
    finished = _finished_cache(root, stamp) if cache is not None else None
    if finished is not None and (warm := _warm_library(root, finished)) is not None:
        if progress is not None:
            progress(len(listing), len(listing), "")
        return warm
    reports, skipped = read_files(root, report_files(root, listing), cache, progress)
    skipped = problems + skipped
    if cache is not None:
        cache.flush(keep={r.file for r in reports})
    lib = assemble(root, reports, skipped)
    lib.listing, lib.stamp = listing, stamp
    if finished is not None:
        finished.save(*pack(lib))  # without the first-pass reports: a reload after a warm start reads anew
    return lib


def _warm_library(root: Path, finished: IndexCache) -> Library | None:
    """The finished library from the cache: its catalogue now, report bodies when first read."""
    from .cache import gc_paused

    stored = finished.load()
    if stored is None:
        return None
    try:
        with gc_paused():
            return unpack(root, *stored)
    except Exception:  # a catalogue of the wrong shape: rebuild it, as for any damaged cache
        finished.notice = "library cache was unreadable; rebuilt"
        return None


def _stamp(listing: dict[str, Stamp]) -> str:
    from .cache import folder_stamp

    return folder_stamp(listing)


def _finished_cache(root: Path, stamp: str | None) -> IndexCache | None:
    from .cache import open_library_cache

    return open_library_cache(root, stamp)


def assemble(root: Path, reports: list[Report], skipped: list[Skipped]) -> Library:
    """The library from first-pass reports: sidecar dates, the second pass with shared names, merging."""
    parsed = {r.file: r for r in reports}
    reports = _apply_sidecar(root, enrich(_unique_ids(reports)), skipped)
    reports.sort(key=lambda r: (r.date.sort_key, r.file), reverse=True)
    lib = build_library(root, reports, list(dict.fromkeys(skipped)))
    lib.parsed = parsed
    return lib


def _unique_ids(reports: list[Report]) -> list[Report]:
    """A report's id is its path without the extension; where `paper.pdf` and `paper.txt` would
    share one, both keep their extension instead."""
    counts = Counter(r.id for r in reports)
    return [dataclasses.replace(r, id=r.file) if counts[r.id] > 1 else r for r in reports]


def build_library(root: Path, reports: list[Report], skipped: list[Skipped]) -> Library:
    lib = Library(root, reports, skipped)
    lib.people = merge_people(reports)
    lib.contacts = merge_contacts(reports)
    lib.programmes = merge_programmes(reports)
    return lib


def _sidecar_date(value: object) -> str | None:
    """A date as the sidecar may give it (YYYY, YYYY-MM or YYYY-MM-DD, quoted or a TOML date) when
    it is a real one, else None: "2013-13-01" must not reach a tree that names months."""
    if isinstance(value, dt.date):
        return value.isoformat()  # TOML dates come unquoted too
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return None
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return None
    return value


def _apply_sidecar(root: Path, reports: list[Report], skipped: list[Skipped]) -> list[Report]:
    """Dates a user set by hand in `boardreader.toml` ([dates] "file.txt" = "2013-11-21")."""
    sidecar = root / SIDECAR
    if not sidecar.is_file():
        return reports
    try:
        overrides = tomllib.loads(sidecar.read_text("utf-8")).get("dates", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        skipped.append(Skipped(SIDECAR, f"date overrides ignored: {exc}"))
        return reports
    if not isinstance(overrides, dict):
        skipped.append(Skipped(SIDECAR, 'date overrides ignored: [dates] must be a table of "file" = "YYYY-MM-DD"'))
        return reports
    files = {r.file for r in reports}
    for file, value in overrides.items():
        if file not in files:
            skipped.append(Skipped(SIDECAR, f"date override for {file!r} ignored: no such report"))
        elif _sidecar_date(value) is None:
            skipped.append(
                Skipped(SIDECAR, f"date override for {file!r} ignored: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            )
    out = []
    for r in reports:
        if (value := _sidecar_date(overrides.get(r.file))) is not None:
            r = dataclasses.replace(r, date=ReportDate(value, False, f"set by hand in {SIDECAR}"))
        out.append(r)
    return out


def build_lexicon(reports: list[Report]) -> Lexicon:
    from .corpus.entities import Lexicon

    lex = Lexicon()
    for r in reports:
        lex.programmes.update(p for p in r.programmes if not p.endswith(" programme"))
        lex.organisations.update(o for o in r.organisations if " " in o or o.isupper())
    full_names = {p for r in reports for p in r.people if " " in p}
    by_surname: dict[str, set[str]] = {}
    for name in full_names:
        by_surname.setdefault(name.split()[-1], set()).add(name)
    lex.surnames = {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}
    return lex


def enrich(reports: list[Report]) -> list[Report]:
    """The second pass: what only the whole library knows, added to each report (no re-parse)."""
    from .corpus.parse import apply_lexicon

    lex = build_lexicon(reports)
    return [apply_lexicon(r, lex) for r in reports]


def merge_people(reports: list[Report]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for r in sorted(reports, key=lambda r: r.date.sort_key):
        for name in r.people:
            person = people.setdefault(name, Person(name))
            if r.id not in person.reports:
                person.reports.append(r.id)
        for a in r.attendance:
            person = people.setdefault(a.name, Person(a.name))
            if a.role and a.role not in person.roles:
                person.roles.append(a.role)
            if a.authority and a.authority not in person.authorities:
                person.authorities.append(a.authority)
        if r.author and r.author in people:
            role = "Chair" if "chair" in r.title.lower() else "Author"
            if role not in people[r.author].roles:
                people[r.author].roles.append(role)
    return dict(sorted(people.items(), key=lambda kv: (-len(kv[1].reports), kv[0])))


def merge_contacts(reports: list[Report]) -> dict[str, LibraryContact]:
    contacts: dict[str, LibraryContact] = {}
    for r in sorted(reports, key=lambda r: r.date.sort_key):
        for c in r.contacts:
            key = (c.name or c.email or "").lower()
            if not key:
                continue
            entry = contacts.setdefault(key, LibraryContact(c.name or c.email or ""))
            if c.position and (not entry.positions or entry.positions[-1].position != c.position):
                entry.positions.append(PositionHeld(c.position, r.id))
            entry.phone = c.phone or entry.phone
            entry.email = c.email or entry.email
            if r.id not in entry.reports:
                entry.reports.append(r.id)
    return contacts


def merge_programmes(reports: list[Report]) -> dict[str, Programme]:
    names: dict[str, Counter[str]] = {}
    found: dict[str, list[str]] = {}
    for r in sorted(reports, key=lambda r: r.date.sort_key):
        for p in r.programmes:
            key = programme_key(p)
            names.setdefault(key, Counter())[p] += 1
            ids = found.setdefault(key, [])
            if r.id not in ids:
                ids.append(r.id)
    out = {}
    for key, counter in names.items():
        # The most used form, preferring one without a trailing lower-case "programme".
        name = max(counter, key=lambda n: (counter[n], not n.endswith("programme"), len(n)))
        out[key] = Programme(name, found[key])
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1].reports), kv[1].name)))
