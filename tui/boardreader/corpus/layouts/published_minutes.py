"""A published "Agenda and minutes" page, as the councils' committee systems publish each meeting:
`Agenda and minutes`, the meeting heading with its date (`Cabinet - Tuesday, 4th March 2014 10.00
a.m.`), `Venue:`, `Contact:`, `Items` / `No. Item`; then each item's number alone on a line, its
title (perhaps ending `PDF 212 KB`), the agenda text, `Minutes:` / `Decision:` and the minute, and
`Supporting documents:`. This module reads the page's head and drops its furniture; the items,
minutes and decisions are a meeting's record (`meeting.py`)."""

from __future__ import annotations

import re

from ..clean import clean_inline
from ..dates import parse_stated
from ..meeting import segment_meeting
from ..segment import Header, RawParagraph, RawSection
from .page import Page, Reading

NAME = "published_minutes"
_PAGE_TITLE = re.compile(r"^agenda(?:,\s*decisions)?(?:\s+and\s+(?:draft\s+)?minutes)?$", re.IGNORECASE)
_ITEMS_HEAD = re.compile(r"^no\.?\s*item\b", re.IGNORECASE)
# Lines of the page that are the system's, not the meeting's: dropped wherever they stand.
FURNITURE = re.compile(
    r"^(?:agenda(?:,\s*decisions)?(?:\s+and\s+(?:draft\s+)?minutes)?|media|items|no\.?\s*item|"
    r"(?:additional|supporting|accompanying|background)\s+(?:documents|papers)\s*:?|view\s+directions|"
    r"skip\s+to\s+main\s+content|(?:home\s*>|you\s+are\s+here).{0,200})$",
    re.IGNORECASE,
)
_FIELD = re.compile(r"^(?P<key>venue|contact|location|place|date|time)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
# "Cabinet - Tuesday, 4th March 2014 10.00 a.m.": the committee, a dash, and when it met.
_HEADING = re.compile(r"^(?P<board>[^\t]{2,120}?)\s+[-–—]\s+(?P<when>\S.{4,80})$")
_NUMBER_ALONE = re.compile(r"^\d{1,4}(?:\.\d{1,3})?\.?$")


def matches(page: Page) -> bool:
    head = page.head[:25]
    return any(_PAGE_TITLE.match(s) for s in head[:8]) and any(_ITEMS_HEAD.match(s) or s == "Items" for s in head)


def read(page: Page) -> Reading:
    header = Header()
    body_start = len(page.lines)
    board: str | None = None
    for i, line in enumerate(page.lines):
        s = line.strip()
        if not s or FURNITURE.match(s):
            if _ITEMS_HEAD.match(s):  # the items start under their column names
                body_start = i + 1
                break
            continue
        if _NUMBER_ALONE.match(s):
            body_start = i
            break
        if s.startswith("**"):  # a web page bolds the labels: "**Venue:** ..."
            s = clean_inline(s).text
        header.lines.append(s)
        field = _FIELD.match(s)
        heading = _HEADING.match(s)
        if field:
            key, value = field.group("key").lower(), re.sub(r"\s*View directions\s*$", "", field.group("value"))
            header.fields.setdefault(key, value.strip())
        elif heading and not header.title and parse_stated(heading.group("when"), month_precision=True):
            header.title, header.date_line, board = s, heading.group("when"), heading.group("board").strip()
        elif not header.title:
            header.title = s
    body = [line for line in page.lines[body_start:] if not FURNITURE.match(line.strip())]
    parts = segment_meeting(body, subheadings=False)
    # The venue and the contact line stay as text of the page, where the contact's name, phone and
    # email are found like any other (`contacts.py`).
    lead = RawSection(None, None, [RawParagraph(None, "text", s) for s in header.lines if _FIELD.match(s)])
    title = header.title or page.title
    return Reading(
        NAME, title, "meeting_note", header, [lead, *parts.sections] if lead.paragraphs else parts.sections,
        parts.contact, parts.items, parts.actions, parts.attendance, board=board,
    )  # fmt: skip
