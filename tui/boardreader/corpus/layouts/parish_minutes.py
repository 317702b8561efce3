"""Minutes of a parish, town or community council: the title line names the council and when the
meeting was held (`Minutes of the Meeting of Aldbrook Parish Council held on Monday 4th March 2019
at 7.30pm in the Village Hall`), councillors are listed with stacked titles and initials, minutes are
numbered (`3140.`, `23/145`), motions are proposed and seconded and decisions RESOLVED. The body is
a meeting's record (`meeting.py`); what is this layout's own is its title line."""

from __future__ import annotations

import re

from ..meeting import MeetingParts, segment_meeting
from ..reported import status_at_end
from ..segment import RawAction
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


# A parish minute gives the Clerk (or a councillor) work as a line of its own: "Clerk to write to ...".
_TASK = re.compile(r"^(?:The\s)?(?P<who>Clerk|(?:Cllr|Councillor)\.?\s[A-Z][\w'’-]*)\sto\s[a-z]")


def _clerk_actions(parts: MeetingParts) -> None:
    for section in parts.sections:
        for p in section.paragraphs:
            # "Clerk to obtain quotes – completed." reports on an earlier task (reported.py): not a new one
            task = _TASK.match(p.text) if p.kind == "text" and status_at_end(p.text) is None else None
            if task:
                p.kind, p.owner = "action", task.group("who")
                parts.actions.append(RawAction(section.number, p.text, p.owner, p))


def _capitalised(title: str) -> str:
    """A title in capitals as words with capitals ('ALDBROOK PARISH COUNCIL' -> 'Aldbrook Parish Council')."""
    return " ".join(
        (w.lower() if w in _SMALL else w.capitalize()) if (w.isupper() and len(w) > 1) or w == "A" else w
        for w in title.split()
    )


_SMALL = {"A", "OF", "THE", "ON", "IN", "AT", "HELD", "AND", "FOR", "TO", "BY", "WITH"}


def read(page: Page) -> Reading:
    header, start = page.header
    held = _HELD_ON.search(_capitalised(page.title))
    if held and not header.date_line:
        header.date_line = held.group("when")
    council = _COUNCIL.search(_capitalised(page.title))
    board = council.group("council") if council else None
    parts = segment_meeting(page.lines[start:])
    _clerk_actions(parts)
    return Reading(
        NAME, page.title, "meeting_note", header, parts.sections, parts.contact, parts.items, parts.actions,
        parts.attendance, board=board,
    )  # fmt: skip
