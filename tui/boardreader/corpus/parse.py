"""One file's bytes to a `Report`: decode, clean, segment, extract, date and theme.

This is the only entry point the library needs: `parse_report(data, file)`. It is a pure function
of its inputs (plus an optional `Lexicon` of names the library already knows), so the same bytes
always give the same report and parsing can run in any thread or process.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePosixPath

from .clean import clean_inline, ocr_misreadings
from .contacts import contacts_from_fields, inline_contacts
from .dates import find_dates, infer_date, stated_date
from .decode import decode
from .entities import extract_spans
from .keys import without_programme
from .layouts import read_layout
from .lexicon import Lexicon, Local, local_names
from .masthead import find_author, find_board
from .model import Action, Attendee, Item, Paragraph, Place, Report, ReportDate, Section, Span, join_cells
from .names import one_spelling
from .reported import reported_actions
from .segment import RawAction, RawParagraph, RawSection, prepare_lines
from .themes import classify

# The section the contact block becomes: searchable and shown as a card, but not dated or themed.
CONTACT_HEADING = "Contact"


def report_id(file: str) -> str:
    return str(PurePosixPath(file).with_suffix(""))


def _build_paragraphs(raw: RawSection, lexicon: Lexicon, local: Local, links: list[str]) -> tuple[Paragraph, ...]:
    out = []
    for p in raw.paragraphs:
        if p.cells:
            cleaned_cells = tuple(clean_inline(c).text for c in p.cells)
            text = join_cells(cleaned_cells)
            spans = extract_spans(text, lexicon, local)
            out.append(Paragraph(p.number, "table_row", text, spans, cleaned_cells))
            continue
        cleaned = clean_inline(p.text)
        links.extend(cleaned.links)
        spans = extract_spans(cleaned.text, lexicon, local, cleaned.emphasis)
        out.append(Paragraph(p.number, p.kind, cleaned.text, spans, owner=p.owner))  # type: ignore[arg-type]
    return tuple(out)


def parse_report(data: bytes, file: str, lexicon: Lexicon | None = None) -> Report:
    """Parse one report. Raises decode.NotText for data that is not text."""
    text, _encoding = decode(data)
    lines, removed = prepare_lines(text)
    reading = read_layout(lines, file)  # the layout the paper's signals show reads its structure
    header, title, kind = reading.header, reading.title, reading.kind
    notes = [f"removed page furniture: {r!r}" for r in dict.fromkeys(removed)]
    notes += [f"read OCR {w!r} as 'Cllr'" for w in dict.fromkeys(ocr_misreadings(text))]
    raw_sections, contact_fields = reading.sections, reading.contact
    items, attendance = reading.items, reading.attendance
    contact_section: RawSection | None = None
    if contact_fields:
        contact_section = RawSection(CONTACT_HEADING, None)
        for key, value in contact_fields:
            contact_section.paragraphs.append(RawParagraph(None, "table_row", f"{key}: {value}", [f"{key}:", value]))
        raw_sections.append(contact_section)

    lex = Lexicon() if lexicon is None else lexicon
    headings = [clean_inline(s.heading).text for s in raw_sections if s.heading] + [i.title for i in items]
    local = local_names(text, headings)
    links: list[str] = []
    sections: list[Section] = []
    for raw in raw_sections:
        heading = clean_inline(raw.heading).text if raw.heading else None
        paragraphs = _build_paragraphs(raw, lex, local, links)
        sections.append(Section(heading, raw.theme, paragraphs, raw.number, raw is contact_section, raw.theme_heading))
    actions = placed_actions(reading.actions, raw_sections)

    has_theme_headings = any(s.theme for s in sections)
    if not has_theme_headings:
        sections = [
            Section(
                s.heading,
                None if s.heading == CONTACT_HEADING else classify(s.heading, " ".join(p.text for p in s.paragraphs)),
                s.paragraphs,
                s.number,
                s.contact,
            )
            for s in sections
        ]
    themes = tuple(dict.fromkeys(s.theme for s in sections if s.theme))

    all_text = "\n".join(p.text for s in sections for p in s.paragraphs if s.heading != CONTACT_HEADING)
    stated = stated_date([header.title, *header.lines], lines)
    if stated:
        date = ReportDate(stated[0], True, f"stated: {stated[1]}")
    else:
        inferred = infer_date(find_dates(all_text))
        date = ReportDate(inferred.value, False, inferred.evidence)
        if inferred.value is None:
            notes.append("no date stated and none could be inferred")

    contacts = contacts_from_fields(contact_fields)
    people, programmes, organisations, emails = _collect(sections, lex, local, items, actions, attendance)
    contacts += inline_contacts(sections, {x for c in contacts for x in (c.email, c.phone) if x})
    contact_emails = {c.email for c in contacts}
    mailboxes = tuple(e for e in emails if e not in contact_emails)
    author = reading.author or find_author(title, kind)
    if author and author not in people:
        people.insert(0, author)
    for c in contacts:
        if c.name and c.name not in people:
            people.append(c.name)
    settled = own_surnames(people) | one_spelling(people)
    sections = rename_people(sections, settled)
    people = [n for n in people if n not in settled]

    all_links = list(
        dict.fromkeys(links + [sp.value for s in sections for p in s.paragraphs for sp in p.spans if sp.kind == "link"])
    )
    if not any(p.number for p in (pp for s in sections for pp in s.paragraphs)) and kind != "meeting_note":
        notes.append("no numbered paragraphs found")
    return Report(
        id=report_id(file),
        file=file,
        title=title,
        kind=kind,
        board=reading.board or find_board(title, header.fields),
        author=author,
        date=date,
        themes=themes,
        sections=tuple(sections),
        forum=header.forum,
        item=header.item,
        venue=header.fields.get("venue"),
        items=tuple(items),
        actions=tuple(actions),
        reported=reported_actions(sections),
        attendance=tuple(attendance),
        contacts=tuple(contacts),
        people=tuple(people),
        programmes=tuple(programmes),
        organisations=tuple(organisations),
        links=tuple(all_links),
        header=tuple(header.lines),
        emails=mailboxes,
        notes=tuple(notes),
    )


def placed_actions(raw_actions: list[RawAction], raw_sections: list[RawSection]) -> list[Action]:
    """Each action with the place of the paragraph its layout made for it: each raw paragraph
    becomes the paragraph at the same place of the report (see _build_paragraphs), so the place is
    the one the layout decided, whatever was inserted before it or joined to it since."""
    where = {
        id(para): Place(s_i, p_i)
        for s_i, raw in enumerate(raw_sections)
        for p_i, para in enumerate(raw.paragraphs)
    }  # fmt: skip
    # The paragraph's text, not the line that opened it: a wrapped action's next line joined it since.
    return [
        Action(a.item, a.paragraph.text if a.paragraph.text.startswith(a.text) else a.text, a.owner,
               where.get(id(a.paragraph)))
        for a in raw_actions
    ]  # fmt: skip


def _collect(
    sections: list[Section],
    lex: Lexicon,
    local: Local,
    items: list[Item],
    actions: list[Action],
    attendance: list[Attendee],
) -> tuple[list[str], list[str], list[str], list[str]]:
    """People, programmes, organisations and emails named anywhere in the report, first seen first."""
    people: dict[str, None] = {}
    programmes: dict[str, None] = {}
    organisations: dict[str, None] = {}
    emails: dict[str, None] = {}
    found = {"person": people, "programme": programmes, "organisation": organisations, "email": emails}

    def take(spans: Iterable[Span]) -> None:
        for sp in spans:
            if sp.kind in found:
                found[sp.kind][sp.value] = None

    # Headings first: where a heading and the text spell a name differently, the heading's form wins.
    heading_local = Local((), local.places)  # a heading is not evidence for itself
    for heading in [s.heading for s in sections if s.heading]:
        take(extract_spans(heading, lex, heading_local))
    for s in sections:
        for p in s.paragraphs:
            take(p.spans)
    for owner in [a.owner for a in actions if a.owner]:
        take(extract_spans(owner, lex, heading_local))
    for a in attendance:
        people[a.name] = None
    return list(people), _dedupe_programmes(programmes), list(organisations), list(emails)


def own_surnames(people: list[str] | dict[str, None]) -> dict[str, str]:
    """Surnames this report settles itself: exactly one full name in it ends with the surname."""
    by_surname: dict[str, set[str]] = {}
    for name in people:
        if " " in name:
            by_surname.setdefault(name.split()[-1], set()).add(name)
    named = set(people)  # a set: a long attendance list makes `people` thousands long
    return {s: next(iter(full)) for s, full in by_surname.items() if len(full) == 1 and s in named}


def _resolve_surnames(people: dict[str, None]) -> None:
    for surname in own_surnames(people):
        del people[surname]


def rename_people(sections: list[Section] | tuple[Section, ...], names: dict[str, str]) -> list[Section]:
    """Person spans whose value is a lone surname take the full name (`names` maps one to the other)."""
    if not names:
        return list(sections)
    out = []
    for section in sections:
        if not any(sp.kind == "person" and sp.value in names for p in section.paragraphs for sp in p.spans):
            out.append(section)  # nothing to rename: the same section, not a copy
            continue
        paragraphs = tuple(
            replace(p, spans=tuple(replace(sp, value=names[sp.value]) if sp.kind == "person" and sp.value in names
                                   else sp for sp in p.spans))
            if any(sp.kind == "person" and sp.value in names for sp in p.spans)
            else p
            for p in section.paragraphs
        )  # fmt: skip
        out.append(replace(section, paragraphs=paragraphs))
    return out


def _dedupe_programmes(programmes: dict[str, None]) -> list[str]:
    """Names as the report writes them; "X programme" and "X Programme" are one. The library merges
    spellings ("Master Class", "Masterclass") across reports by `programme_key`."""
    by_key: dict[str, str] = {}
    for name in programmes:
        key = without_programme(name)
        if key not in by_key or (by_key[key].endswith("programme") and not name.endswith("programme")):
            by_key[key] = name
    return list(by_key.values())


def apply_lexicon(report: Report, lexicon: Lexicon) -> Report:
    """Add what only the whole library knows: programmes and bodies named in full elsewhere, and full
    names for surnames that stand alone here ("Councillor Shortland" -> "Jill Shortland").

    Cheap by design (no second parse): it adds spans where the text has none and renames people.
    """
    names = lexicon.surnames | lexicon.spellings
    sections = []
    for section in rename_people(report.sections, names):
        paragraphs = []
        for p in section.paragraphs:
            found = lexicon.find(p.text)
            if not found:
                paragraphs.append(p)
                continue
            taken = sorted((sp.start, sp.end) for sp in p.spans if sp.kind != "emphasis")
            spans = list(p.spans)
            for start, end, kind, name in found:
                if not overlaps(taken, start, end):
                    spans.append(Span(start, end, kind, name))
                    bisect.insort(taken, (start, end))
            if len(spans) == len(p.spans):  # each name found was found by the first pass too
                paragraphs.append(p)
                continue
            paragraphs.append(replace(p, spans=tuple(sorted(spans, key=lambda sp: (sp.start, sp.end)))))
        changed = any(new is not old for new, old in zip(paragraphs, section.paragraphs, strict=True))
        sections.append(replace(section, paragraphs=tuple(paragraphs)) if changed else section)
    named: dict[str, dict[str, None]] = {"person": {}, "programme": {}, "organisation": {}}
    for section in sections:
        for p in section.paragraphs:
            for sp in p.spans:
                if sp.kind in named:
                    named[sp.kind][sp.value] = None
    people = dict.fromkeys(names.get(n, n) for n in report.people) | named["person"]
    _resolve_surnames(people)
    return replace(
        _spelt_as_the_library_does(report, lexicon.spellings),
        sections=tuple(sections),
        people=tuple(people),
        programmes=tuple(_dedupe_programmes(dict.fromkeys(report.programmes) | named["programme"])),
        organisations=tuple(dict.fromkeys(report.organisations) | named["organisation"]),
    )


def _spelt_as_the_library_does(report: Report, spellings: dict[str, str]) -> Report:
    """The report's author, attendees, contacts and action owners under the one spelling the
    library uses for each person, so that they meet their mentions on one person's page."""
    if not spellings:
        return report

    def spelt(name: str | None) -> str | None:
        return spellings.get(name, name) if name else name

    def owners_spelt(owner: str | None) -> str | None:  # "Tom Harley Ross and Mia Stroud" names two
        if not owner or owner in spellings:
            return spelt(owner)
        for variant in (v for v in spellings if v in owner):
            owner = re.sub(rf"(?<!\w){re.escape(variant)}(?!\w)", spellings[variant], owner)
        return owner

    return replace(
        report,
        author=spelt(report.author),
        attendance=tuple(replace(a, name=spellings.get(a.name, a.name)) for a in report.attendance),
        contacts=tuple(replace(c, name=spelt(c.name)) for c in report.contacts),
        actions=tuple(replace(a, owner=owners_spelt(a.owner)) for a in report.actions),
        reported=tuple(replace(a, owner=owners_spelt(a.owner)) for a in report.reported),
    )


def overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap any of the sorted, non-overlapping spans in `taken`?"""
    i = bisect.bisect_left(taken, (start, end))
    return (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start)
