"""Minutes of a parish, town or community council: the title line names the council and when the
meeting was held (`Minutes of the Meeting of Aldbrook Parish Council held on Monday 4th March 2019
at 7.30pm in the Village Hall`), councillors are listed with stacked titles and initials, minutes are
numbered (`3140.`, `23/145`), motions are proposed and seconded and decisions RESOLVED. The body is
a meeting's record (`meeting.py`); what is this layout's own is its title line."""

from __future__ import annotations

import re

from ..meeting import segment_meeting
from .meeting_note import MEETING_TITLE
from .page import Page, Reading

NAME = "parish_minutes"
_COUNCIL = re.compile(
    r"\b(?P<council>(?:[A-Z][\w'’-]*\s+(?:(?:and|upon|on|under|in|by|cum|with|&)\s+)?){1,5}"
    r"(?:Parish|Town|Community|Village|City)\s+Council)\b"
)
# The clause that dates the meeting this record is of ("held on Monday 4th March 2019 at 7.30pm").
_HELD_ON = re.compile(r"\bheld\s+(?:on\s+)?(?P<when>[^,;()]{6,60}?\d{4})", re.IGNORECASE)


def matches(page: Page) -> bool:
    return bool(MEETING_TITLE.search(page.title) and _COUNCIL.search(_capitalised(page.title)))


def _capitalised(title: str) -> str:
    """A title in capitals as words with capitals ('ALDBROOK PARISH COUNCIL' -> 'Aldbrook Parish Council')."""
    return title.title() if title.isupper() else title


def read(page: Page) -> Reading:
    header, start = page.header
    held = _HELD_ON.search(page.title)
    if held and not header.date_line:
        header.date_line = held.group("when")
    council = _COUNCIL.search(_capitalised(page.title))
    board = council.group("council") if council else None
    parts = segment_meeting(page.lines[start:])
    return Reading(
        NAME, page.title, "meeting_note", header, parts.sections, parts.contact, parts.items, parts.actions,
        parts.attendance, board=board,
    )  # fmt: skip
