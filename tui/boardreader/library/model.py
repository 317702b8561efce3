"""The library-wide model: one person, contact or programme across every report, merged; a search hit.

A `Report` (corpus/model.py) is what one file says; these are what the whole library says, made by
the library pass (library_pass.Merging). Plain data, pickled as the reports are. A `Hit` is a place
in the library a query found (the index in index/ makes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..corpus.model import ActionStatus, FastPickle, Place, place_json


@dataclass(frozen=True, slots=True)
class PositionHeld(FastPickle):
    position: str
    report: str


@dataclass(frozen=True, slots=True)
class ActionOwned(FastPickle):
    """An action a meeting gave someone: where (report, item) and what."""

    report: str
    item: str | None
    text: str
    place: Place | None = None  # the paragraph that states it, as the parser found it
    # "done" or "open" when a later paper of the same board reports on it; None when none does
    status: ActionStatus | None = None


@dataclass(frozen=True, slots=True)
class LibraryAction(FastPickle):
    """One action as the whole library knows it (library/actions.py): the meeting that gave it (report,
    its date and title, item, the paragraph), whom, and whether a later paper of that board reports
    it done or open (and which paper), None when none does."""

    report: str
    item: str | None
    text: str
    owner: str | None  # as the paper names them
    owners: tuple[str, ...]  # the library's people that owner names ("Dennis Skinner and officers")
    place: Place | None
    date: str | None
    date_stated: bool
    title: str
    board: str | None
    status: ActionStatus | None = None
    status_in: str | None = None  # the report that said so

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "item": self.item,
            "text": self.text,
            "owner": self.owner,
            "owners": list(self.owners),
            "date": self.date,
            "date_stated": self.date_stated,
            "title": self.title,
            "board": self.board,
            "status": self.status,
            "status_in": self.status_in,
            **place_json(self.place),
        }


@dataclass(frozen=True, slots=True)
class Attended(FastPickle):
    """Someone's place at one meeting: present, apologies or officer, with the role and authority
    the attendance table gives them there."""

    report: str
    status: str
    role: str | None = None
    authority: str | None = None


@dataclass(slots=True)
class Person(FastPickle):
    """One person across the library, however their name was written: every mention, the reports
    they wrote, the actions they own, the meetings they attended and, when they are a paper's
    contact too, their posts over time with phone and email (one record, not two)."""

    name: str
    reports: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    wrote: list[str] = field(default_factory=list)
    actions: list[ActionOwned] = field(default_factory=list)
    attended: list[Attended] = field(default_factory=list)
    positions: list[PositionHeld] = field(default_factory=list)
    phone: str | None = None
    email: str | None = None


@dataclass(slots=True)
class LibraryContact(FastPickle):
    """One contact across the library, with the history of the positions they held."""

    name: str
    positions: list[PositionHeld] = field(default_factory=list)
    phone: str | None = None
    email: str | None = None
    reports: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Programme(FastPickle):
    name: str
    reports: list[str] = field(default_factory=list)


# People, contacts, programmes, and every action newest first: what the library pass merges.
Merged = tuple[dict[str, Person], dict[str, LibraryContact], dict[str, Programme], list[LibraryAction]]


HitKind = Literal["person", "contact", "programme", "organisation", "report", "section", "paragraph", "action"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a search found (see index/search.py): what matched, where Enter leads, and the
    span of the match in its snippet. Defined with the library, whose `search` gives them."""

    kind: HitKind
    label: str
    report: str | None
    paragraph: str | None
    score: float
    snippet: str
    match: tuple[int, int] | None
    key: str | None = None  # what a page opens: the person's, contact's or programme's name
    # The paragraph Enter leads to, found when the index was built: a view need not look for it.
    # For a paragraph or organisation, the paragraph the match is in; for a section, its first.
    place: Place | None = None
    span: tuple[int, int] | None = None  # a paragraph's hit: the match in that paragraph's text
    # the report's, for citing the hit: an inferred date is shown with its ≈ (see cited_date)
    date: str | None = None
    date_stated: bool | None = None
    title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "report": self.report,
            "paragraph": self.paragraph,
            "score": round(self.score, 2),
            "snippet": self.snippet,
            "match": list(self.match) if self.match else None,
            "date": self.date,
            "date_stated": self.date_stated,
            "title": self.title,
            **place_json(self.place),
        }


def cited_date(value: str | None, stated: bool | None) -> str:
    """A report's date as a citation gives it: "undated", the date, or "≈" + a date inferred."""
    if value is None:
        return "undated"
    return value if stated else f"≈{value}"
