"""Where a person, programme or contact is mentioned, found from the spans the parser kept.

Only the reports the library already lists for the entity are read, so a page opens quickly even
in a large library. Nothing here re-finds names with its own regex.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..corpus.keys import programme_key
from ..corpus.model import ReportHead, Span
from ..library.library import Library
from ..library.model import LibraryContact, Programme

EntityKind = Literal["person", "programme", "contact"]
ENTITY_KINDS: dict[str, EntityKind] = {"person": "person", "programme": "programme", "contact": "contact"}
SNIPPET = 100


@dataclass(frozen=True)
class Mention:
    report: ReportHead
    paragraph: int  # index in report.paragraphs
    number: str | None
    snippet: str
    match: tuple[int, int]  # span of the mention inside snippet


def report_ids(library: Library, kind: EntityKind, key: str) -> list[str]:
    """The reports that may mention the entity: a person's include those whose contact block gives them."""
    if kind == "person":
        person = library.people.get(key)
        return list(dict.fromkeys([*person.reports, *(h.report for h in person.positions)])) if person else []
    entity: Programme | LibraryContact | None
    entity = library.programmes.get(key) if kind == "programme" else library.contacts.get(key)
    return list(entity.reports) if entity is not None else []


def entity_name(library: Library, kind: EntityKind, key: str) -> str:
    """The name to show for an entity: as the library spells it, or the key itself."""
    if kind == "person":
        person = library.people.get(key)
        return person.name if person else key
    if kind == "programme":
        programme = library.programmes.get(key)
        return programme.name if programme else key
    contact = library.contacts.get(key)
    return contact.name if contact else key


def _matcher(library: Library, kind: EntityKind, key: str) -> tuple[set[str], set[str]]:
    """The span kinds to look at and the values that count as this entity."""
    if kind == "person":  # by name, and by the phone and email of their contact details
        person = library.people.get(key)
        return {"person", "email", "phone"}, {v for v in (key, *((person.phone, person.email) if person else ())) if v}
    if kind == "programme":
        return {"programme"}, {key}
    contact = library.contacts.get(key)
    values = {v for v in (contact.name, contact.email, contact.phone) if v} if contact else set()
    return {"person", "email", "phone"}, values


def find_mentions(library: Library, kind: EntityKind, key: str) -> list[Mention]:
    """Every paragraph mentioning the entity, newest report first, in reading order within one."""
    kinds, values = _matcher(library, kind, key)
    wanted = set(report_ids(library, kind, key))
    out: list[Mention] = []
    for head in library.reports:
        if head.id not in wanted:
            continue
        for index, paragraph in enumerate(library.read_through(head).paragraphs):
            span = next((s for s in paragraph.spans if s.kind in kinds and _is(s, kind, values)), None)
            if span is not None:
                snippet, match = _snippet(paragraph.text, span)
                out.append(Mention(head, index, paragraph.number, snippet, match))
    return out


def _is(span: Span, kind: EntityKind, values: set[str]) -> bool:
    if kind == "programme":
        return programme_key(span.value) in values
    return span.value in values


def _snippet(text: str, span: Span) -> tuple[str, tuple[int, int]]:
    start = max(0, span.start - SNIPPET // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < span.start else start
    end = min(len(text), max(span.end, start + SNIPPET))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    return prefix + text[start:end] + suffix, (span.start + shift, span.end + shift)
