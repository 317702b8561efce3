"""The library-wide model: one person, contact or programme across every report, merged; a search hit.

A `Report` (corpus/model.py) is what one file says; these are what the whole library says, made by
the library pass (library_pass.Merging). Plain data, pickled as the reports are. A `Hit` is a place
in the library a query found (the index in index/ makes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..corpus.model import FastPickle


@dataclass(slots=True)
class Person(FastPickle):
    """One person across the library, however their name was written."""

    name: str
    reports: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PositionHeld(FastPickle):
    position: str
    report: str


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


Merged = tuple[dict[str, Person], dict[str, LibraryContact], dict[str, Programme]]


HitKind = Literal["person", "contact", "programme", "organisation", "report", "section", "paragraph"]


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

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "report": self.report,
            "paragraph": self.paragraph,
            "score": round(self.score, 2),
            "snippet": self.snippet,
            "match": list(self.match) if self.match else None,
        }
