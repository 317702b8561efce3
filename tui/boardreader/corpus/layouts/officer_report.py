"""An officer's report to a committee or cabinet, and a terms-of-reference paper: a head of fields
and lines (`Report of the Executive Director of Place, <name>`, `Cabinet Member: Councillor <name>`,
`Wards affected`, `Key decision`, `Date:`), the subject as the title, then sections (`Purpose of
Report`, `Recommendations` with numbered recommendations, implications) and a contact officer.
Kind `other`: neither a member's report nor a record of a meeting."""

from __future__ import annotations

import re

from ..dates import parse_stated
from ..segment import CONTACT_FIELD, CONTACT_OPENERS, Header, RawParagraph, RawSection, is_heading, segment_report
from .page import Page, Reading

NAME = "officer_report"
# Lines that show a paper is an officer's report; two are needed (one could be quoted anywhere).
_SIGNAL = re.compile(
    r"^(?:report\s+(?:of|by)\b|report\s+author\b|purpose\s+of\s+(?:the\s+)?report\b|cabinet\s+member\b|"
    r"portfolio\s+holder\b|lead\s+member\b|wards?\s+affected\b|key\s+decision\b|recommendations?\b|"
    r"executive\s+summary\b|decision\s+maker\b|classification\b|financial\s+implications\b)",
    re.IGNORECASE,
)
_TERMS = re.compile(r"^terms\s+of\s+reference\b", re.IGNORECASE)
# Where the report's body begins: the first of its standard sections.
_BODY = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:purpose(?:\s+of\s+(?:the\s+)?report)?|executive\s+summary|summary|introduction|"
    r"recommendations?|background|membership|role|remit)\s*:?$",
    re.IGNORECASE,
)
# The head's fields: a "Subject: Year Two" is a field, a title "Bus Plan: Year Two" is not.
_FIELD = re.compile(
    r"^(?P<key>meeting|committee|date|meeting date|date of meeting|subject|title|report title|report|report of|"
    r"report by|report author|cabinet member|portfolio holder|lead member|lead officer|wards?(?: affected)?|"
    r"ward\(s\) affected|key decision|classification|decision maker|status|exempt|forward plan reference|"
    r"reference|purpose|time|venue)\s*(?::|\t)\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_REPORT_OF = re.compile(r"^report\s+(?:of|by)\b[^,]*,\s*(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})$", re.I)
_TITLE_KEYS = {"subject", "title", "report title", "report"}
_DATE_KEYS = {"date", "meeting date", "date of meeting"}


def matches(page: Page) -> bool:
    head = page.head[:30]
    if any(_TERMS.match(s) for s in head[:5]):
        return True
    return len({m.group(0).lower() for s in head if (m := _SIGNAL.match(s))}) >= 2


def read(page: Page) -> Reading:
    lines = page.lines
    body_start = next((i for i, line in enumerate(lines) if _BODY.match(line.strip())), len(lines))
    head = [line.strip() for line in lines[:body_start] if line.strip()]
    header = Header()
    header.lines = head
    author: str | None = None
    candidates: list[str] = []
    contact: list[tuple[str, str]] = []
    contact_lines: set[str] = set()
    for s in head:
        cf = CONTACT_FIELD.match(s)
        if cf and (contact or cf.group("key").lower().startswith(CONTACT_OPENERS)):
            contact.append((cf.group("key").strip(), cf.group("value").strip()))
            contact_lines.add(s)
            continue
        field = _FIELD.match(s)
        key = field.group("key").strip().lower() if field else ""
        if field and key in _TITLE_KEYS and not _SIGNAL.match(s):
            header.fields.setdefault("title", field.group("value").strip())
        elif field and key in _DATE_KEYS:
            header.fields.setdefault("date", field.group("value").strip())
        elif not field and not header.date_line and len(s) <= 40 and parse_stated(s, month_precision=True):
            header.date_line = s
        elif not field and not _SIGNAL.match(s) and is_heading(s):
            candidates.append(s)
        if m := _REPORT_OF.match(s):
            author = m.group("name")
    # The subject is the title; else the last title-like line above the body (the council and the
    # committee come first, the subject last), never a field, a date or "Report of ...".
    header.title = header.fields.get("title") or (candidates[-1] if candidates else page.title)
    if candidates and header.title == candidates[-1] and len(candidates) > 1:
        header.forum = candidates[-2]
    sections, body_contact = segment_report(lines[body_start:])
    lead = RawSection(None, None)
    for s in head:  # the head's lines stay readable (and searchable): who reports, to whom, about what
        if s != header.title and s not in contact_lines:
            lead.paragraphs.append(RawParagraph(None, "text", s))
    if lead.paragraphs:
        sections.insert(0, lead)
    return Reading(NAME, header.title, "other", header, sections, contact + body_contact, author=author)
