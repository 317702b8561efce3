"""The finished library as the cache keeps it: a catalogue read at start, each report's body later.

Unpickling every paragraph and span of 10,000 reports takes seconds and hundreds of MB, and the
first screen shows none of them: the tree needs each report's id, title, date and themes. So the
cache keeps a report in two parts. Its head (those fields) goes into the catalogue with the
library's merged people, contacts and programmes; its body (sections, people, actions and the
rest) is pickled on its own into the cache file's blob. A `LazyReport` is a `Report` whose body
fields are read from the blob the first time any of them is asked for: to every caller it is a
Report, and the reports nobody opens are never read.

This module never imports textual.
"""

from __future__ import annotations

import pickle
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus.model import Report, ReportDate

if TYPE_CHECKING:
    from .cache import Blob
    from .library import Library

HEAD_FIELDS = ("id", "file", "title", "kind", "date", "themes")
BODY_FIELDS = tuple(f.name for f in fields(Report) if f.name not in HEAD_FIELDS)
_BODY = frozenset(BODY_FIELDS)

Row = tuple[str, str, str, str, str | None, bool, str | None, tuple[str, ...], int, int]


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
            body = pickle.loads(blob.read(start, end))
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
    from .library import read_report

    report = read_report(root / file, root)
    if isinstance(report, Report):
        return tuple(getattr(report, name) for name in BODY_FIELDS)
    empty = Report(file, file, "", "other", None, None, ReportDate(None), (), (), notes=(report.reason,))
    return tuple(getattr(empty, name) for name in BODY_FIELDS)


def pack(library: Library) -> tuple[dict[str, Any], list[bytes]]:
    """The library as catalogue state and a blob of report bodies, in pieces (see load_library)."""
    rows: list[Row] = []
    bodies: list[bytes] = []
    at = 0
    for r in library.reports:
        body = pickle.dumps(tuple(getattr(r, name) for name in BODY_FIELDS), protocol=pickle.HIGHEST_PROTOCOL)
        rows.append((r.id, r.file, r.title, r.kind, r.date.value, r.date.stated, r.date.evidence, r.themes,
                     at, at + len(body)))  # fmt: skip
        bodies.append(body)
        at += len(body)
    state = {
        "stamp": library.stamp,
        "listing": library.listing,
        "rows": rows,
        "skipped": library.skipped,
        "people": library.people,
        "contacts": library.contacts,
        "programmes": library.programmes,
    }
    return state, bodies


def unpack(root: Path, state: dict[str, Any], blob: Blob) -> Library:
    """The library back from `pack`'s state, each report's body left in the blob until needed."""
    from .library import Library

    reports: list[Report] = []
    new, set_field = object.__new__, object.__setattr__
    for rid, file, title, kind, date, stated, evidence, themes, start, end in state["rows"]:
        report = new(LazyReport)
        for name, value in (("id", rid), ("file", file), ("title", title), ("kind", kind),
                            ("date", ReportDate(date, stated, evidence)), ("themes", themes),
                            ("_root", root), ("_blob", blob), ("_at", (start, end))):  # fmt: skip
            set_field(report, name, value)
        reports.append(report)
    return Library(
        root,
        reports,
        state["skipped"],
        people=state["people"],
        contacts=state["contacts"],
        programmes=state["programmes"],
        listing=state["listing"],
        stamp=state["stamp"],
    )
