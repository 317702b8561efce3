"""Meeting notes: agenda items, decisions, actions with their owners, and the attendance appendix.

A note is laid out either as a table (`Item<TAB>Decisions and actions<TAB>Action`, the owner in the
last column) or as item headings (`3 The Future of ...`) followed by prose, an `Action(s)` marker,
the actions as a list, and the owner on the short lines after them ("Dennis" / "Skinner").
The attendance appendix is a tab table whose role column is only filled on the first row of a group.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .clean import has_inline_list, split_html_list
from .model import Action, AttendanceStatus, Attendee, Item
from .names import canonical_name
from .segment import BULLET, CONTACT_FIELD, NUMBERED, RawParagraph, RawSection, is_heading

_ITEM_HEADING = re.compile(r"^(?P<num>\d{1,2})\.?\s+(?P<title>[A-Z].{2,160})$")
_ACTION_MARKER = re.compile(r"^(?:agreed\s+)?actions?(?:\s+points?)?\s*:?$", re.IGNORECASE)
_ACTION_LEAD = re.compile(r"^(?:agreed\s+)?actions?\b\s*:?\s*", re.IGNORECASE)
# A decision is a body deciding: "The Board noted ...", "Members agreed ...", "The minutes were agreed."
_DECISION = re.compile(
    r"(?:^|[.!?]\s+)(?:The\s+(?:Board|Committee|Panel|Forum|minutes)|Members|It\s+was|Councillors)\b[^.!?]{0,40}?"
    r"\b(?:noted|agreed|resolved|approved|decided|endorsed|ratified)\b",
)
_ATTENDANCE_HEAD = re.compile(r"\b(?:role|position)\b.*\b(?:councillor|name|member)\b", re.IGNORECASE)
_ITEMS_HEAD = re.compile(r"^item\b", re.IGNORECASE)
# Words that open the text of an item rather than continue its title.
_OPENERS = {
    "The", "Members", "None", "It", "This", "There", "A", "An", "We", "I", "Officers", "Cllr",
    "Councillor", "Apologies", "Nothing", "No", "All", "Board", "Noted",
}  # fmt: skip
_SMALL = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with", "from", "&", "-", "–"}


@dataclass(slots=True)
class MeetingParts:
    sections: list[RawSection] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    attendance: list[Attendee] = field(default_factory=list)
    contact: list[tuple[str, str]] = field(default_factory=list)


def split_item_title(text: str) -> tuple[str, str]:
    """'LGA Conference and Innovation Zone Members were asked ...' -> (title, rest)."""
    words = text.split()
    for i in range(1, len(words)):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if not word[:1].isupper():
            continue
        opens = word in _OPENERS or (nxt[:1].islower() and nxt.lower() not in _SMALL)
        if opens and words[i - 1].lower() not in _SMALL:
            return " ".join(words[:i]), " ".join(words[i:])
    return text.strip(), ""


def paragraph_kind(text: str) -> str:
    return "decision" if _DECISION.search(text) else "text"


def _status(role: str | None) -> AttendanceStatus:
    r = (role or "").lower()
    if "apolog" in r or "absent" in r:
        return "apologies"
    if "officer" in r or "staff" in r or "in attendance" in r:
        return "officer"
    return "present"


def segment_meeting(lines: list[str]) -> MeetingParts:
    parts = MeetingParts()
    mode = "body"  # body | items_table | attendance
    current: RawSection | None = None
    role: str | None = None
    pending_actions: list[RawParagraph] = []
    owner_lines: list[str] = []
    in_actions = False
    blank_before = True
    columns: list[str] = []
    # An "Actions:" line no action has followed yet: where it stands and what it says. Dropped
    # once an action follows (the actions say it); kept as text if none does before the section ends.
    marker: tuple[RawSection, int, str] | None = None

    def keep_marker() -> None:
        nonlocal marker
        if marker is not None:
            section, at, text = marker
            section.paragraphs.insert(at, RawParagraph(section.number, "text", text, []))
            marker = None

    def start_section(heading: str | None, number: str | None) -> RawSection:
        nonlocal current
        keep_marker()
        current = RawSection(heading, None, number=number)
        parts.sections.append(current)
        return current

    def add(kind: str, text: str, cells: list[str] | None = None) -> RawParagraph:
        sec = current or start_section(None, None)
        para = RawParagraph(sec.number, kind, text, cells or [])
        sec.paragraphs.append(para)
        return para

    def settle_owner() -> None:
        nonlocal in_actions, pending_actions, owner_lines
        owner = " ".join(owner_lines).strip() or None
        for p in pending_actions:
            item = current.number if current else None
            parts.actions.append(Action(item, p.text, owner))
            p.owner = owner
        pending_actions, owner_lines, in_actions = [], [], False

    for line in lines:
        s = line.strip()
        if not s:
            if owner_lines:
                settle_owner()
            blank_before = True
            continue
        cells = [c.strip() for c in line.split("\t")]
        if "\t" in s or (mode != "body" and "\t" in line):
            header = " ".join(cells)
            if _ATTENDANCE_HEAD.search(header):
                mode, role = "attendance", None
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if _ITEMS_HEAD.match(cells[0]) and len(cells) >= 2 and mode != "attendance":
                mode = "items_table"
                columns = cells  # the column names open the first item's section, where the table begins
                continue
            if mode == "attendance":
                role = _attendance_row(parts, cells, role)
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if mode == "items_table":
                _items_row(parts, cells, start_section, add)
                if columns and current is not None and current.number:
                    current.paragraphs.insert(0, RawParagraph(current.number, "table_row", " ".join(columns), columns))
                    columns = []
                continue
        if in_actions and pending_actions and _is_owner_line(s):
            owner_lines.append(s)
            blank_before = False
            continue
        if owner_lines or (in_actions and pending_actions and not BULLET.match(s)):
            settle_owner()
        cf = CONTACT_FIELD.match(s)
        if cf and (parts.contact or cf.group("key").lower().startswith(("contact", "name"))):
            parts.contact.append((cf.group("key").strip(), cf.group("value").strip()))
            continue
        item = _ITEM_HEADING.match(s) or NUMBERED.match(s)
        if item and _looks_like_item(item.groupdict().get("title") or item.group("text")):
            mode = "body"
            number = item.group("num")
            title = (item.groupdict().get("title") or item.group("text")).strip()
            parts.items.append(Item(number, title))
            start_section(title, number)
            blank_before = False
            continue
        if _ACTION_MARKER.match(s):
            keep_marker()  # a marker after a marker: the first had no action
            section = current or start_section(None, None)
            in_actions, marker = True, (section, len(section.paragraphs), s)
            continue
        bullet = BULLET.match(s)
        if bullet:
            para = add("action" if in_actions else "bullet", bullet.group("text"))
            if in_actions:
                pending_actions.append(para)
                marker = None
        elif current is not None and current.paragraphs and _joins(current.paragraphs[-1], s, blank_before):
            current.paragraphs[-1].text += " " + s
        elif is_heading(s) and blank_before and not in_actions:
            mode = "body"
            start_section(s, None)
        else:
            add(paragraph_kind(s), s)
        blank_before = False
    if pending_actions:
        settle_owner()
    if columns:  # a table's column names with no row after them are still text of the note
        add("table_row", " ".join(c for c in columns if c), columns)
    keep_marker()
    return parts


def _looks_like_item(title: str) -> bool:
    title = title.strip()
    return len(title.split()) <= 20 and title[:1].isupper() and not title.endswith((".", ";", ","))


def _joins(last: RawParagraph, s: str, blank_before: bool) -> bool:
    if last.kind == "table_row":
        return False
    if not blank_before:
        return not BULLET.match(s)
    return s[0].islower() and last.ends_open()


def _is_owner_line(s: str) -> bool:
    """The owner of a list of actions sits on short lines after it: 'Dennis' / 'Skinner'."""
    return (
        len(s.split()) <= 4
        and len(s) <= 40
        and not s.endswith((".", ":", ";"))
        and not BULLET.match(s)
        and not _ITEM_HEADING.match(s)
    )


def _attendance_row(parts: MeetingParts, cells: list[str], role: str | None) -> str | None:
    cells = cells + [""] * (3 - len(cells))
    role = cells[0] or role
    names_cell, authority = cells[1], cells[2] or None
    raw_names = [n for n in re.split(r",\s*|\s+and\s+", names_cell) if n.strip()]
    for raw in raw_names:
        name = canonical_name(raw)
        if name:
            parts.attendance.append(Attendee(name, role, authority, _status(role)))
    return role


def _items_row(
    parts: MeetingParts,
    cells: list[str],
    start_section: Callable[[str | None, str | None], RawSection],
    add: Callable[..., RawParagraph],
) -> None:
    cells = cells + [""] * (3 - len(cells))
    number, body, owner = cells[0], cells[1], cells[2] or None
    if number:
        title, rest = split_item_title(body)
        parts.items.append(Item(number, title))
        start_section(title, number)
        body = rest
    is_action = bool(_ACTION_LEAD.match(body))
    body = _ACTION_LEAD.sub("", body) if is_action else body
    lead, bullets = split_html_list(body) if has_inline_list(body) else (body, [])
    if lead:
        add("action" if is_action and not bullets else paragraph_kind(lead), lead).owner = (
            owner if is_action and not bullets else None
        )
    for b in bullets:
        add("action" if is_action else "bullet", b).owner = owner if is_action else None
        if is_action:
            parts.actions.append(Action(number or _current_number(parts), b, owner))
    if is_action and not bullets and lead:
        parts.actions.append(Action(number or _current_number(parts), lead, owner))


def _current_number(parts: MeetingParts) -> str | None:
    return parts.sections[-1].number if parts.sections else None
