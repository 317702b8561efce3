"""Where the reader can be and how it moves: locations, back/forward history, hits to paragraphs,
and walking a match through the library. Pure functions and small classes; no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..corpus.keys import programme_key
from ..corpus.model import Report
from ..library.library import Library
from ..library.model import Hit
from .highlight import find_match

MAX_HISTORY = 200


@dataclass(frozen=True)
class Location:
    kind: Literal["report", "page"]
    report: str | None = None
    paragraph: int | None = None
    page_kind: str | None = None
    key: str | None = None
    mark: tuple[int, int] | None = None  # the match to mark in the paragraph, going to a search hit
    needle: str | None = None  # the text a search matched, for n / N to step through


class History:
    """What was opened, in order, with a cursor for back and forward (like a browser)."""

    def __init__(self) -> None:
        self.items: list[Location] = []
        self.index = -1

    def push(self, location: Location) -> None:
        if self.items and self.index >= 0 and self.items[self.index] == location:
            return
        del self.items[self.index + 1 :]
        self.items.append(location)
        del self.items[:-MAX_HISTORY]
        self.index = len(self.items) - 1

    def replace(self, location: Location) -> None:
        """Update where we stand now (the cursor moved) without adding a step."""
        if self.index >= 0:
            self.items[self.index] = location

    def back(self) -> Location | None:
        if self.index <= 0:
            return None
        self.index -= 1
        return self.items[self.index]

    def forward(self) -> Location | None:
        if self.index >= len(self.items) - 1:
            return None
        self.index += 1
        return self.items[self.index]


def entity_key(library: Library, kind: str, name: str) -> str | None:
    """The library's key for a person, contact or programme named in a search hit."""
    if kind == "person":
        return name if name in library.people else None
    if kind == "contact":
        key = name.lower()
        return key if key in library.contacts else None
    if kind == "programme":
        for key, programme in library.programmes.items():
            if programme.name == name:
                return key
        key = programme_key(name)
        return key if key in library.programmes else None
    return None


def hit_place(library: Library, hit: Hit) -> Location | None:
    """Where a search hit leads: a person's, programme's or contact's page, or a report's paragraph
    with the match to mark in it (and, for a paragraph's hit, the text to step through with n)."""
    if hit.kind in ("person", "contact", "programme"):
        key = entity_key(library, hit.kind, hit.key or hit.label)
        return Location("page", page_kind=hit.kind, key=key) if key is not None else None
    report = library.report(hit.report) if hit.report else None
    if report is None:
        return None
    paragraph, mark = locate_hit(report, hit)
    needle = matched_text(hit) if hit.kind == "paragraph" else _owner_of(library, hit) if hit.kind == "action" else None
    return Location("report", report.id, paragraph, mark=mark, needle=needle)


def matched_text(hit: Hit) -> str | None:
    if hit.match is None:
        return None
    return hit.snippet[hit.match[0] : hit.match[1]] or None


def locate_hit(report: Report, hit: Hit) -> tuple[int | None, tuple[int, int] | None]:
    """The paragraph index a hit leads to in `report`, and the match span inside that paragraph:
    where the index recorded it (`hit.place`: a paragraph's, an organisation's first mention, a
    section's first paragraph, the paragraph stating an action), never found again by its text.
    An action the parser could not place opens at its item's first paragraph; anything else
    without a place (a report, a section with no paragraphs) opens the report at its top."""
    place = hit.place
    if place is not None and place.section < len(report.sections):
        before = sum(len(s.paragraphs) for s in report.sections[: place.section])
        if place.paragraph < len(report.sections[place.section].paragraphs):
            return before + place.paragraph, hit.span
    if hit.kind == "action" and hit.paragraph is not None:
        numbered = (i for i, p in enumerate(report.paragraphs) if p.number == hit.paragraph)
        return next(numbered, None), None
    return None, None


def _owner_of(library: Library, hit: Hit) -> str | None:
    """The person an action hit's action belongs to: after opening it, n and N step through that
    person's other actions (and the paragraphs naming them)."""
    owners = (a.owners for a in library.actions if a.report == hit.report and a.place == hit.place)
    return next((names[0] for names in owners if names), None)


def walk_matches(
    library: Library,
    needle: str,
    report_id: str,
    paragraph: int,
    forward: bool = True,
    holding: set[str] | None = None,
) -> tuple[str, int, tuple[int, int] | None] | None:
    """The next (or previous) paragraph containing `needle` after the given place, running on into
    the following reports in library order, with where in its text (None when it is the action's
    owner that matches: "david pye" steps through the actions he owns too). None when there is no
    further match.

    holding: the reports that may hold the needle (from the search index), so that only those are
    read; None reads every report in turn, which at 10,000 reports means every body."""
    reports = library.reports
    start = next((i for i, r in enumerate(reports) if r.id == report_id), 0)
    order = range(start, len(reports)) if forward else range(start, -1, -1)
    for ri in order:
        head = reports[ri]
        if ri != start and holding is not None and head.id not in holding:
            continue
        paragraphs = library.read_through(head).paragraphs
        if ri == start:
            indices = range(paragraph + 1, len(paragraphs)) if forward else range(paragraph - 1, -1, -1)
        else:
            indices = range(len(paragraphs)) if forward else range(len(paragraphs) - 1, -1, -1)
        for pi in indices:
            span = find_match(paragraphs[pi].text, needle)
            if span is not None:
                return head.id, pi, span
            if (owner := paragraphs[pi].owner) and find_match(owner, needle):
                return head.id, pi, None
    return None
