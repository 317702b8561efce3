"""The report model: immutable dataclasses that every other layer reads.

A `Report` is what the parser makes of one file. Every entity and figure found in a paragraph is
kept as a `Span` (character offsets into that paragraph's text), so highlighting, search and export
all read the same facts and nothing re-finds entities with its own regex.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal, NamedTuple

SpanKind = Literal[
    "person",
    "programme",
    "organisation",
    "date",
    "money",
    "figure",
    "email",
    "phone",
    "link",
    "emphasis",
]
ReportKind = Literal["chair_report", "meeting_note", "other"]
ParagraphKind = Literal["numbered", "text", "bullet", "table_row", "action", "decision"]
AttendanceStatus = Literal["present", "apologies", "officer"]
ActionStatus = Literal["open", "done"]


class FastPickle:
    """Pickle as (class, field values): unpickling through the constructor is several times faster
    than the field-by-field `__setstate__` dataclasses give slotted classes, and a cached library of
    thousands of reports is millions of these objects. The values are read by one getter per class,
    made once: `dataclasses.fields` on every object was a third of the library pass."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        cls = type(self)
        values = _FIELD_VALUES.get(cls)
        if values is None:
            values = _FIELD_VALUES[cls] = _values_getter(cls)
        return cls, values(self)


def _values_getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [f.name for f in fields(cls)]
    if len(names) == 1:  # attrgetter of one name gives the value, not a tuple of it
        only = operator.attrgetter(names[0])
        return lambda obj: (only(obj),)
    return operator.attrgetter(*names)


_FIELD_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


@dataclass(frozen=True, slots=True)
class Span(FastPickle):
    """A run of a paragraph's text that names something: [start, end) plus a canonical value."""

    start: int
    end: int
    kind: SpanKind
    value: str


# Cells of a table row are joined with a visible separator so that no name runs across two cells.
TABLE_CELL_SEPARATOR = " · "


def join_cells(cells: tuple[str, ...]) -> str:
    """A table row as one line of text; a label cell ("Position:") runs straight into its value."""
    out = ""
    for cell in (c for c in cells if c):
        out += (" " if out.endswith(":") else TABLE_CELL_SEPARATOR) + cell if out else cell
    return out


@dataclass(frozen=True, slots=True)
class Paragraph(FastPickle):
    """One paragraph as a reader sees it: cleaned text, its number if any, and its spans."""

    number: str | None
    kind: ParagraphKind
    text: str
    spans: tuple[Span, ...] = ()
    cells: tuple[str, ...] = ()  # table rows keep their cells; text is the cells joined (join_cells)
    owner: str | None = None  # who an action is for, as the meeting note names them

    def spans_of(self, kind: SpanKind) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]

    def cell_ranges(self) -> tuple[tuple[int, int], ...]:
        """Where each cell stands in `text`, as join_cells put it there (an empty cell is empty)."""
        ranges: list[tuple[int, int]] = []
        length, after_label = 0, False
        for cell in self.cells:
            if not cell:
                ranges.append((length, length))
                continue
            if length:
                length += 1 if after_label else len(TABLE_CELL_SEPARATOR)
            ranges.append((length, length + len(cell)))
            length, after_label = length + len(cell), cell.endswith(":")
        return tuple(ranges)


@dataclass(frozen=True, slots=True)
class Section(FastPickle):
    """A run of paragraphs under one heading (a meeting note's item is a section too)."""

    heading: str | None
    theme: str | None
    paragraphs: tuple[Paragraph, ...]
    number: str | None = None  # the item number of a meeting note's section
    contact: bool = False  # the paper's contact block: its rows are the report's `contacts`
    # The paper's theme heading that opens this section, as written ("LEADERSHIP"): shown in the
    # text, as the paper shows it. None where the theme was inferred from the section's words.
    theme_heading: str | None = None


@dataclass(frozen=True, slots=True)
class Contact(FastPickle):
    name: str | None
    position: str | None
    phone: str | None
    email: str | None


class Place(NamedTuple):
    """Where a paragraph is in its report: its section's index, and its index in that section."""

    section: int
    paragraph: int


def place_json(place: Place | None) -> dict[str, int | None]:
    """A place as the JSON contract writes it: `section_index` and `paragraph_index`, null when unknown."""
    return {
        "section_index": None if place is None else place.section,
        "paragraph_index": None if place is None else place.paragraph,
    }


@dataclass(frozen=True, slots=True)
class Item(FastPickle):
    number: str
    title: str


@dataclass(frozen=True, slots=True)
class Action(FastPickle):
    item: str | None
    text: str
    owner: str | None
    place: Place | None = None  # the paragraph that states it


@dataclass(frozen=True, slots=True)
class ReportedAction(FastPickle):
    """A paper's word on an action of an earlier meeting (corpus/reported.py): the action's words
    as this paper gives them, its owner when named, done or open, and the paragraph that says so."""

    text: str
    owner: str | None
    status: ActionStatus
    place: Place


@dataclass(frozen=True, slots=True)
class Attendee(FastPickle):
    name: str
    role: str | None
    authority: str | None
    status: AttendanceStatus


@dataclass(frozen=True, slots=True)
class ReportDate(FastPickle):
    """When the report speaks from: stated in its header, or inferred with the evidence shown."""

    value: str | None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    stated: bool = False
    evidence: str | None = None

    @property
    def sort_key(self) -> str:
        return self.value or ""


def short_title_of(title: str) -> str:
    """The title after the board's name when it begins with one ("Improvement Board – Chair's
    report" is "Chair's report"), else the whole title: what names the report in a list."""
    for dash in (" – ", " - ", ": "):
        head, sep, tail = title.partition(dash)
        if sep and tail and len(head) > 8:
            return tail
    return title


@dataclass(frozen=True, slots=True, eq=False)
class ReportHead(FastPickle):
    """A report as it is known without its body: what lists, trees, labels and the library pass
    need (see Report, whose fields of the same names these are). A library holds one for each report and reads
    a body only when asked for it (library/library.py). One report is one head: equal and hashed
    by its id, so a set of thousands costs nothing and reads no body."""

    id: str
    file: str
    title: str
    kind: ReportKind
    date: ReportDate
    themes: tuple[str, ...]

    def __eq__(self, other: object) -> bool:
        return other.id == self.id if isinstance(other, ReportHead) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def short_title(self) -> str:
        return short_title_of(self.title)


@dataclass(frozen=True, slots=True)
class Report(FastPickle):
    """Everything the parser takes from one file. Equal to another only field by field, but hashed
    by its id alone: hashing every paragraph to put a report in a set or a dict is never wanted."""

    id: str
    file: str
    title: str
    kind: ReportKind
    board: str | None
    author: str | None
    date: ReportDate
    themes: tuple[str, ...]
    sections: tuple[Section, ...]
    forum: str | None = None
    item: str | None = None
    venue: str | None = None
    items: tuple[Item, ...] = ()
    actions: tuple[Action, ...] = ()
    reported: tuple[ReportedAction, ...] = ()  # earlier meetings' actions this paper says are done or open
    attendance: tuple[Attendee, ...] = ()
    contacts: tuple[Contact, ...] = ()
    people: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what looked odd while parsing, for `boardreader check`
    header: tuple[str, ...] = ()  # the header lines as written (forum, date, item, title, fields)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def index_of(self, place: Place | None) -> int | None:
        """A place's paragraph as its index in reading order (what a view scrolls to); None when
        there is no such place."""
        if place is None or not 0 <= place.section < len(self.sections):
            return None
        if not 0 <= place.paragraph < len(self.sections[place.section].paragraphs):
            return None
        return sum(len(s.paragraphs) for s in self.sections[: place.section]) + place.paragraph

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def head(self) -> ReportHead:
        return ReportHead(self.id, self.file, self.title, self.kind, self.date, self.themes)

    @property
    def short_title(self) -> str:
        return short_title_of(self.title)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "kind": self.kind,
            "board": self.board,
            "author": self.author,
            "date": self.date.value,
            "date_stated": self.date.stated,
            "date_evidence": self.date.evidence,
            "forum": self.forum,
            "item": self.item,
            "venue": self.venue,
            "themes": list(self.themes),
            "sections": [
                {
                    "heading": s.heading,
                    "theme": s.theme,
                    "number": s.number,
                    "paragraphs": [
                        {
                            "number": p.number,
                            "kind": p.kind,
                            "text": p.text,
                            "spans": [
                                {"start": sp.start, "end": sp.end, "kind": sp.kind, "value": sp.value} for sp in p.spans
                            ],
                        }
                        for p in s.paragraphs
                    ],
                }
                for s in self.sections
            ],
            "items": [{"number": i.number, "title": i.title} for i in self.items],
            "actions": [
                {
                    "item": a.item,
                    "text": a.text,
                    "owner": a.owner,
                    **place_json(a.place),
                }
                for a in self.actions
            ],
            "reported_actions": [
                {
                    "text": a.text,
                    "owner": a.owner,
                    "status": a.status,
                    **place_json(a.place),
                }
                for a in self.reported
            ],
            "attendance": [
                {"name": a.name, "role": a.role, "authority": a.authority, "status": a.status} for a in self.attendance
            ],
            "contacts": [
                {"name": c.name, "position": c.position, "phone": c.phone, "email": c.email} for c in self.contacts
            ],
            "people": list(self.people),
            "programmes": list(self.programmes),
            "organisations": list(self.organisations),
            "links": list(self.links),
            "emails": list(self.emails),
            "notes": list(self.notes),
            "header": list(self.header),
        }


@dataclass(frozen=True, slots=True)
class Skipped(FastPickle):
    """A file the library could not read, and why, in one sentence a user understands."""

    file: str
    reason: str
