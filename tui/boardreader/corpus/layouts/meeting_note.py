"""Notes and minutes of a board's meeting: a header (`Note of last ... meeting`, `Title:`, `Date:`,
`Venue:`), attendance in prose or as an appendix table, items as a table or as headings, actions
with their owners and decisions (`meeting.py` reads the body)."""

from __future__ import annotations

import re

from ..meeting import segment_meeting
from .page import Page, Reading

NAME = "meeting_note"
MEETING_TITLE = re.compile(r"\b(?:note of|notes of|minutes|meeting|agenda)\b", re.IGNORECASE)


def matches(page: Page) -> bool:
    return bool(MEETING_TITLE.search(page.title))


def read(page: Page) -> Reading:
    header, start = page.header
    parts = segment_meeting(page.lines[start:])
    return Reading(
        NAME, page.title, "meeting_note", header, parts.sections, parts.contact, parts.items, parts.actions,
        parts.attendance,
    )  # fmt: skip
