"""A person's record as their page shows it, and where each of its lines leads: plain data.

The merged `Person` (model.py) names its reports by id. A page wants each with the date and title
of the paper, and one timeline of the posts and roles the person held, whether a paper's contact
block gave them (a post), an attendance table (a role at that meeting) or the paper they wrote
("Chair"). `person_record` makes that from the reports' heads (id, title, date: the catalogue
keeps them, so no report body is read). `action_paragraph` says which paragraph an action opens.

This module never imports textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..corpus.model import Place, Report, ReportHead
from .library import Library
from .library_pass import author_role, contact_person
from .model import ActionOwned, Attended, Person, cited_date

PostSource = Literal["contact", "attending", "author"]


@dataclass(frozen=True, slots=True)
class Paper:
    """A report as a person's record cites it: its id, date and title."""

    report: str
    date: str | None
    date_stated: bool | None
    title: str
    short_title: str

    @property
    def cited_date(self) -> str:
        """The date as a citation gives it: an inferred one with its ≈."""
        return cited_date(self.date, self.date_stated)


@dataclass(frozen=True, slots=True)
class Post:
    """A post or role held, from the first paper that gives it to the last (running on while
    consecutive papers give the same), with the authority it was held for when one is named."""

    title: str
    authority: str | None
    source: PostSource
    first: Paper
    last: Paper


@dataclass(frozen=True, slots=True)
class ActionRecord:
    action: ActionOwned
    paper: Paper  # the meeting that gave it


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    attended: Attended
    paper: Paper  # the meeting


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """Everything a person's page shows but the mentions (found in a worker: they read bodies).
    Posts run oldest first; actions, papers written and meetings attended newest first."""

    name: str
    posts: tuple[Post, ...]
    actions: tuple[ActionRecord, ...]
    wrote: tuple[Paper, ...]
    attended: tuple[AttendanceRecord, ...]
    phone: str | None
    email: str | None
    reports: int  # how many reports name them


def paper(report: Report | ReportHead) -> Paper:
    """A paper as a person's page lists it: by its title, the meeting's name being what a row of
    their attendance or their reports needs (the sidebar's shorter labels lean on the tree around them)."""
    return Paper(report.id, report.date.value, report.date.stated, report.title, report.short_title)


def person_record(library: Library, name: str) -> PersonRecord | None:
    """The record of the person the library keys by `name`, or None when there is none."""
    person = library.people.get(name)
    if person is None:
        return None
    order = {r.id: i for i, r in enumerate(library.reports)}  # the library's order: newest first
    papers = {rid: paper(r) for rid in _report_ids(person) if (r := library.head(rid)) is not None}

    def newest_first(report_id: str) -> int:
        return order.get(report_id, len(order))

    actions = sorted((a for a in person.actions if a.report in papers), key=lambda a: newest_first(a.report))
    attended = sorted((a for a in person.attended if a.report in papers), key=lambda a: newest_first(a.report))
    return PersonRecord(
        person.name,
        _posts(person, papers, newest_first),
        tuple(ActionRecord(a, papers[a.report]) for a in actions),
        tuple(papers[rid] for rid in sorted((r for r in person.wrote if r in papers), key=newest_first)),
        tuple(AttendanceRecord(a, papers[a.report]) for a in attended),
        person.phone,
        person.email,
        len(person.reports),
    )


def _report_ids(person: Person) -> set[str]:
    return {
        *(h.report for h in person.positions),
        *(a.report for a in person.actions),
        *(a.report for a in person.attended),
        *person.wrote,
    }


def _posts(person: Person, papers: dict[str, Paper], newest_first: Callable[[str], int]) -> tuple[Post, ...]:
    """Every post and role, oldest first; the same one given by consecutive papers is one post."""
    held: list[tuple[str, str | None, PostSource, str]] = [
        *((h.position, None, "contact", h.report) for h in person.positions),
        *((a.role, a.authority, "attending", a.report) for a in person.attended if a.role),
        *((author_role(papers[rid].title), None, "author", rid) for rid in person.wrote if rid in papers),
    ]
    held = [h for h in held if h[3] in papers]
    held.sort(key=lambda h: -newest_first(h[3]))  # oldest first; stable within a paper
    posts: list[Post] = []
    for title, authority, source, report_id in held:
        last = posts[-1] if posts else None
        if last is not None and (last.title, last.authority, last.source) == (title, authority, source):
            posts[-1] = Post(title, authority, source, last.first, papers[report_id])
        else:
            posts.append(Post(title, authority, source, papers[report_id], papers[report_id]))
    return tuple(posts)


def person_of_contact(library: Library, contact_key: str) -> str | None:
    """The key of the person a contact is (one record, one page), or None when they are no person
    the library knows (a contact given by an email alone, say)."""
    contact = library.contacts.get(contact_key)
    person = contact_person(library.people, contact) if contact is not None else None
    return person.name if person is not None else None


def paragraph_index(report: Report, place: Place) -> int | None:
    """The index in reading order (`report.paragraphs`) of the paragraph at `place`, if it is there."""
    sections = report.sections
    if place.section >= len(sections) or place.paragraph >= len(sections[place.section].paragraphs):
        return None
    return sum(len(s.paragraphs) for s in sections[: place.section]) + place.paragraph


def action_paragraph(report: Report, action: ActionOwned) -> int | None:
    """Where an action opens: the paragraph that states it; else the first of its item (a meeting
    note's numbered section); else None (the report's top)."""
    if action.place is not None and (index := paragraph_index(report, action.place)) is not None:
        return index
    if action.item is None:
        return None
    start = 0
    for section in report.sections:
        if section.number == action.item and section.paragraphs:
            return start
        start += len(section.paragraphs)
    return None
