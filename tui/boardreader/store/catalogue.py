"""The finished library as the cache keeps it: a catalogue read at start, each report's body later.

Unpickling every paragraph and span of 10,000 reports takes seconds and hundreds of MB, and the
first screen shows none of them: the tree needs each report's id, title, date and themes. So the
cache keeps a report in two parts. Its head (those fields) goes into the catalogue; its body
(sections, people, actions and the rest) is pickled on its own into the cache file's blob. A
`LazyReport` is a `Report` whose body fields are read from the blob the first time any of them is
asked for: to every caller it is a Report, and the reports nobody opens are never read. The
library's merged people, contacts and programmes are in the blob too, read when first asked for;
the catalogue keeps how many there are. A library just made is made the same way, from a blob in
memory or the cache file it was saved to: `write_catalogue` runs the library pass with each report's
body written to the blob as it is made.

This module never imports textual.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import IO, Any, NamedTuple, cast

from ..corpus.model import Report, ReportDate, Skipped
from ..library.library import Library, reread
from ..library.library_pass import Gathered, MadeBefore, assemble
from ..library.model import Merged
from .cache import Blob

HEAD_FIELDS = ("id", "file", "title", "kind", "date", "themes")
BODY_FIELDS = tuple(f.name for f in fields(Report) if f.name not in HEAD_FIELDS)
_BODY = frozenset(BODY_FIELDS)


class HeadRow(NamedTuple):
    """A report's head as the catalogue keeps it, and where its body is in the blob."""

    id: str
    file: str
    title: str
    kind: str
    date: str | None
    date_stated: bool
    date_evidence: str | None
    themes: tuple[str, ...]
    body_start: int
    body_end: int


class LazyReport(Report):
    """A Report whose body is read from the cache's blob when first touched."""

    __slots__ = ("_at", "_blob", "_root")

    def __getattr__(self, name: str) -> Any:
        # Called only when ordinary lookup fails: a body field not read yet (or a misspelt name).
        if name not in _BODY:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        for field_name, value in zip(BODY_FIELDS, self._read_body(), strict=True):
            object.__setattr__(self, field_name, value)
        return object.__getattribute__(self, name)

    def _read_body(self) -> tuple[Any, ...]:
        blob: Blob = object.__getattribute__(self, "_blob")
        start, end = object.__getattribute__(self, "_at")
        try:
            body = blob.unpickle(start, end)
            if isinstance(body, tuple) and len(body) == len(BODY_FIELDS):
                return body
        except Exception:  # the cache file was damaged under us: fall through
            pass
        return _reparsed(object.__getattribute__(self, "_root"), self.file)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return Report, tuple(getattr(self, f.name) for f in fields(self))

    def __repr__(self) -> str:  # without reading the body
        return f"LazyReport(id={self.id!r}, file={self.file!r}, title={self.title!r}, date={self.date.value!r})"

    def __eq__(self, other: object) -> bool:  # equal to the Report it was saved from
        if not isinstance(other, Report):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self))

    __hash__ = Report.__hash__


def _reparsed(root: Path, file: str) -> tuple[Any, ...]:
    """The body parsed afresh from the file itself: what a damaged cache costs is the library pass
    for this one report, never a failure."""
    report = reread(root, file)
    return tuple(getattr(report, name) for name in BODY_FIELDS)


def head_row(r: Report, start: int, end: int) -> HeadRow:
    """A report's head as the catalogue keeps it, with where its body is in the blob."""
    return HeadRow(r.id, r.file, r.title, r.kind, r.date.value, r.date.stated, r.date.evidence, r.themes, start, end)


def body_bytes(r: Report) -> bytes:
    """A report's body, pickled on its own for the blob."""
    return pickle.dumps(tuple(getattr(r, name) for name in BODY_FIELDS), protocol=pickle.HIGHEST_PROTOCOL)


def stored(report: Report) -> tuple[Report, bytes] | None:
    """A LazyReport whole, with its body's bytes as the blob holds them; None when it is not a
    LazyReport or its blob can no longer be read."""
    if not isinstance(report, LazyReport):
        return None
    blob: Blob = object.__getattribute__(report, "_blob")
    start, end = object.__getattribute__(report, "_at")
    try:
        data = blob.read(start, end)
        body = pickle.loads(data)
    except Exception:
        return None
    return _whole(report, body), data


def read_through(report: Report) -> Report:
    """The report whole, leaving a LazyReport that has not read its body yet as it was: for a pass
    over every report (building the index) that must not end up holding all their bodies."""
    if not isinstance(report, LazyReport):
        return report
    try:
        object.__getattribute__(report, BODY_FIELDS[0])
        return report  # read already
    except AttributeError:
        pass
    return _whole(report, report._read_body())


def _whole(report: Report, body: tuple[Any, ...]) -> Report:
    """A plain Report of a LazyReport's head and a body read from its blob."""
    head = {name: getattr(report, name) for name in HEAD_FIELDS}
    return Report(**head, **dict(zip(BODY_FIELDS, body, strict=True)))


class MergedAt:
    """Where in the blob the library's merged people, contacts, programmes and actions are pickled."""

    def __init__(self, blob: Blob, start: int, end: int) -> None:
        self.blob, self.start, self.end = blob, start, end

    def read(self) -> Merged:
        try:
            merged = self.blob.unpickle(self.start, self.end)
            if isinstance(merged, tuple) and len(merged) == 4:
                return cast(Merged, merged)
        except Exception:  # the cache file was replaced or damaged since the catalogue was read
            pass
        return {}, {}, {}, []  # found again at the next reload; the reader reads them before that


def merged_bytes(merged: Merged) -> bytes:
    return pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(root: Path, state: dict[str, Any], blob: Blob, merged: Merged | None = None) -> Library:
    """The library from its catalogue state (made by write_catalogue, with the listing and
    stamp it was read from), each report's body left in the blob until it is first read, and the
    merged names too unless they are given."""
    reports: list[Report] = []
    new, set_field = object.__new__, object.__setattr__
    for rid, file, title, kind, date, stated, evidence, themes, start, end in state["rows"]:
        report = new(LazyReport)  # without a loop or tuples per field: this runs 10,000 times at start
        set_field(report, "id", rid)
        set_field(report, "file", file)
        set_field(report, "title", title)
        set_field(report, "kind", kind)
        set_field(report, "date", ReportDate(date, stated, evidence))
        set_field(report, "themes", themes)
        set_field(report, "_root", root)
        set_field(report, "_blob", blob)
        set_field(report, "_at", (start, end))
        reports.append(report)
    return Library(
        root,
        reports,
        state["skipped"],
        merged=merged if merged is not None else MergedAt(blob, *state["merged"]).read,
        counts=state["counts"],
        names_digest=state["names_digest"],
        listing=state["listing"],
        listing_digest=state["listing_digest"],
        read_through=read_through,
    )


def write_catalogue(
    root: Path,
    first_pass: Callable[[str], Report],
    gathered: Gathered,
    skipped: list[Skipped],
    blob: IO[bytes],
    made_before: MadeBefore = lambda file: None,
) -> tuple[dict[str, Any], Merged]:
    """The library pass (library_pass.assemble) with each report's body written to `blob` as it
    is made, then the merged names: the catalogue state (see unpack) and those merged names."""
    rows: dict[str, HeadRow] = {}

    def keep(file: str, report: Report, body: bytes | None) -> None:
        body = body_bytes(report) if body is None else body
        at = blob.tell()
        blob.write(body)
        rows[file] = head_row(report, at, at + len(body))

    made = assemble(root, first_pass, gathered, skipped, keep, made_before)
    at = blob.tell()
    blob.write(merged_bytes(made.merged))
    state = {
        "names_digest": made.names_digest,
        "rows": [rows[file] for file in made.newest_first],
        "skipped": made.skipped,
        "merged": (at, blob.tell()),
        "counts": made.counts,
    }
    return state, made.merged
