"""A single agenda-item page, as committee systems publish one per item: `Agenda item`, the item's
title, the agenda text, `Minutes:` and/or `Decision:` and the minute, `Supporting documents:`. The
title is the item's; the minute is a meeting's record (`meeting.py`)."""

from __future__ import annotations

import re

from ..meeting import clean_item_title, segment_meeting
from ..segment import Header, RawSection
from .page import Page, Reading
from .published_minutes import FURNITURE

NAME = "agenda_item"
# The page's own heading, alone: "Agenda Item 7" with a number is a paper's running head, not this.
_MARK = re.compile(r"^agenda\s+item$", re.IGNORECASE)


def matches(page: Page) -> bool:
    return any(_MARK.match(s) for s in page.head[:4])


def read(page: Page) -> Reading:
    header = Header()
    body_start = len(page.lines)
    for at, line in enumerate(page.lines):
        s = line.strip()
        mark = _MARK.match(s)
        if mark:
            header.item = s
        elif s and not FURNITURE.match(s):
            if header.item:
                header.title = clean_item_title(s)
                header.lines.append(s)
                body_start = at + 1
                break
            header.lines.append(s)  # a breadcrumb or the site's name above the marker
    body = [line for line in page.lines[body_start:] if not FURNITURE.match(line.strip())]
    parts = segment_meeting(body, subheadings=False)
    title = header.title or page.title
    sections = parts.sections
    if sections and sections[0].heading is None and sections[0].number is None:
        sections[0].heading = title
    else:
        sections.insert(0, RawSection(title, None))
    return Reading(
        NAME, title, "meeting_note", header, sections, parts.contact, parts.items, parts.actions, parts.attendance,
    )  # fmt: skip
