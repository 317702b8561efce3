"""The finished library as the cache keeps it: a catalogue read at start, each report's body later.

Unpickling every paragraph and span of 10,000 reports takes seconds and hundreds of MB, and the
first screen shows none of them: the tree needs each report's id, title, date and themes. So the
cache keeps a report in two parts. Its head (those fields) goes into the catalogue; its body
(sections, people, actions and the rest) is pickled on its own into the cache file's blob. The
library holds each report's `ReportHead` and, as its `bodies`, a `StoredBodies` that reads a body
from the blob when the library is asked for it: the reports nobody opens are never read. The
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

from ..corpus.model import Report, ReportDate, ReportHead, Skipped
from ..library.library import Library, reread
from ..library.library_pass import Gathered, MadeBefore, MakeAll, assemble
from ..library.model import Merged
from .cachefile import Blob

HEAD_FIELDS = tuple(f.name for f in fields(ReportHead))
BODY_FIELDS = tuple(f.name for f in fields(Report) if f.name not in HEAD_FIELDS)


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


class StoredBodies:
    """The bodies of a library's reports in a blob (a cache file's, or one in memory), each read
    when asked for; a body that can no longer be read (the cache file was damaged under us) is
    parsed again from its file, so what a damaged cache costs is the library pass for that one
    report, never a failure."""

    def __init__(self, root: Path, blob: Blob, at: dict[str, tuple[int, int]]) -> None:
        self.root, self.blob, self._at = root, blob, at

    def read(self, head: ReportHead) -> Report:
        start, end = self._at[head.id]
        try:
            body = self.blob.unpickle(start, end)
            if isinstance(body, tuple) and len(body) == len(BODY_FIELDS):
                return whole(head, body)
        except Exception:  # damaged or replaced: parsed afresh below
            pass
        again = reread(self.root, head.file)  # the first pass's body under the head the library made
        return whole(head, tuple(getattr(again, name) for name in BODY_FIELDS))

    def stored(self, head: ReportHead) -> tuple[Report, bytes] | None:
        """The report whole, with its body's bytes as the blob holds them (to be written again
        without pickling it afresh); None when the blob can no longer be read."""
        at = self._at.get(head.id)
        if at is None:
            return None
        try:
            data = self.blob.read(*at)
            body = pickle.loads(data)
        except Exception:
            return None
        return whole(head, body), data


def whole(head: ReportHead, body: tuple[Any, ...]) -> Report:
    """The report of a head and a body as body_bytes pickled it."""
    return Report(**{name: getattr(head, name) for name in HEAD_FIELDS}, **dict(zip(BODY_FIELDS, body, strict=True)))


def head_row(r: Report, start: int, end: int) -> HeadRow:
    """A report's head as the catalogue keeps it, with where its body is in the blob."""
    return HeadRow(r.id, r.file, r.title, r.kind, r.date.value, r.date.stated, r.date.evidence, r.themes, start, end)


def body_bytes(r: Report) -> bytes:
    """A report's body, pickled on its own for the blob."""
    return pickle.dumps(tuple(getattr(r, name) for name in BODY_FIELDS), protocol=pickle.HIGHEST_PROTOCOL)


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
    heads: list[ReportHead] = []
    at: dict[str, tuple[int, int]] = {}
    for rid, file, title, kind, date, stated, evidence, themes, start, end in state["rows"]:
        heads.append(ReportHead(rid, file, title, kind, ReportDate(date, stated, evidence), themes))
        at[rid] = (start, end)
    return Library(
        root,
        heads,
        StoredBodies(root, blob, at),
        state["skipped"],
        merged=merged if merged is not None else MergedAt(blob, *state["merged"]).read,
        counts=state["counts"],
        names_digest=state["names_digest"],
        listing=state["listing"],
        listing_digest=state["listing_digest"],
    )


def write_catalogue(
    root: Path,
    first_pass: Callable[[str], Report],
    gathered: Gathered,
    skipped: list[Skipped],
    blob: IO[bytes],
    made_before: MadeBefore | None = None,
    make_all: MakeAll | None = None,
) -> tuple[dict[str, Any], Merged]:
    """The library pass (library_pass.assemble) with each report's body written to `blob` as it
    is made, then the merged names: the catalogue state (see unpack) and those merged names."""
    rows: dict[str, HeadRow] = {}

    def keep(file: str, report: Report, body: bytes | None) -> None:
        body = body_bytes(report) if body is None else body
        at = blob.tell()
        blob.write(body)
        rows[file] = head_row(report, at, at + len(body))

    made = assemble(root, first_pass, gathered, skipped, keep, made_before, make_all)
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
