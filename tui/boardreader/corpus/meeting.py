"""The body of a meeting's record: agenda items, decisions, actions with their owners, attendance.

Every layout of minutes and notes (`layouts/`) hands its body lines here once it has read its own
header and dropped its own page furniture. Items come as a table (`Item<TAB>Decisions and
actions<TAB>Action`, tab- or pipe-separated, the owner in the last column), as item headings
(`3 The Future of ...`, `23/145 Planning`), or as a number alone on a line (`1.`, `3140.`, `5.1`)
with the title on the next. Actions come as an `Action(s)` marker, the actions as a list and the
owner on the short lines after them ("Dennis" / "Skinner"), or one a line as `Action: ...` with
`Owner: ...` under it. Decisions are `Decision: ...`, `RESOLVED`, "The Board agreed", "Proposed by
... seconded by ...". Attendance is the appendix table (the role column filled only on the first row
of a group) or prose (`attendance.py`).

Over 400 lines on purpose: `segment_meeting` is one pass over the lines in which a table, an item
heading, an action block and the attendance appendix hand over to each other mid-paper, and every
helper here reads and writes the same MeetingParts it fills; split, each half would need the
other's state. What stands on its own (attendance prose and labels) is in attendance.py already.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .attendance import apologies_in, read_label_line, read_names
from .clean import clean_inline, has_inline_list, split_html_list
from .model import AttendanceStatus, Attendee, Item
from .names import canonical_name
from .reported import log_columns
from .segment import (
    BULLET,
    CONTACT_FIELD,
    CONTACT_OPENERS,
    NUMBERED,
    RawAction,
    RawParagraph,
    RawSection,
    is_heading,
)

# "3 Title", "3. Title", a minute number "3141. Title" or "1358 TITLE IN CAPITALS" ("2019 Budget" is not
# one), "23/145 Title".
_ITEM_HEADING = re.compile(
    r"^(?P<num>\d{1,2}|\d{3,4}(?=\.|\s+[A-Z][A-Z ,'&/-]+$)|\d{1,4}/\d{2,4})\.?\s+(?P<title>[A-Z].{2,160})$"
)
# A minute or item number alone on a line; its title is the next line ("1916." / "Apologies").
_NUMBER_ALONE = re.compile(r"^(?:Min(?:ute)?\.?\s*)?(?P<num>\d{1,4}(?:[./]\d{1,3})?)\.?$")
# What a published page appends to an item's title: the attached file's size, the agenda number.
_TITLE_FURNITURE = re.compile(
    r"(?:\s(?:pdf icon\s)?PDF\s\d[\d.,]*\s?[KM]B|\s?\(Agenda item [\w.]{1,8}\)\)?)+$", re.IGNORECASE
)
_ACTION_INLINE = re.compile(r"^(?:agreed\s+)?actions?(?:\s+points?)?\s*:\s*(?P<text>\S.*)$", re.IGNORECASE)
_OWNER = re.compile(r"^(?:owner|lead|lead officer|responsible|by whom|who)\s*:\s*(?P<owner>\S.*)$", re.IGNORECASE)
# "Clerk to write to ...", "Cllr Ames to ...": the owner an action names when no Owner line follows.
_OWNER_LEAD = re.compile(
    r"^(?:The\s)?(?P<who>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})\sto\s[a-z]"
)
_LABEL_ONLY = re.compile(r"^(?:minutes|decisions?|resolved|resolution|agreed)\s*:?$", re.IGNORECASE)
_DECISION_LEAD = re.compile(r"^(?:decisions?|resolved|resolution)\s*[:–-]\s*(?P<text>\S.*)$", re.IGNORECASE)
_PIPE_RULE = re.compile(r"^[\s|:–-]+$")
# A wide gap inside a line sets fields side by side ("Proposed by: Cllr A   Seconded by: Cllr B").
_GAP = re.compile(r" {3,}")
_ACTION_MARKER = re.compile(r"^(?:agreed\s+)?actions?(?:\s+points?)?\s*:?$", re.IGNORECASE)
_ACTION_LEAD = re.compile(r"^(?:agreed\s+)?actions?\b\s*:?\s*", re.IGNORECASE)
# A decision is a body deciding: "The Board noted ...", "Members agreed ...", "The minutes were agreed."
_DECISION = re.compile(
    r"(?:^|[.!?]\s+)(?:The\s+(?:Board|Committee|Panel|Forum|minutes)|Members|It\s+was|Councillors)\b[^.!?]{0,40}?"
    r"\b(?:noted|agreed|resolved|approved|decided|endorsed|ratified)\b",
)
# Minutes write a decision as a resolution, or as a motion moved and seconded. Cheap substring tests
# come first: most paragraphs hold neither, and these run on every paragraph of a record.
_RESOLUTION_WORDS = ("RESOLVED", "AGREED")
_RESOLUTION_OPENERS = ("Resolved", "Agreed", "Noted", "Approved")
_RESOLUTION_WORD = re.compile(r"\b(?:RESOLVED|AGREED)\b")
_MOVED = re.compile(r"\bproposed\s+by\b[^.]{0,120}?\bseconded\s+by\b", re.IGNORECASE)
_ATTENDANCE_HEAD = re.compile(r"\b(?:role|position)\b.*\b(?:councillor|name|member)\b", re.IGNORECASE)
_ITEMS_HEAD = re.compile(r"^(?:item|no\.?|number|minute|min\.?)(?:\s+no\.?)?$", re.IGNORECASE)
# The columns of an items table, by what their names say.
_TITLE_COLUMN = re.compile(r"^(?:item|title|subject|agenda item|topic)$", re.IGNORECASE)
_OWNER_COLUMN = re.compile(r"^(?:actions?|owner|lead|by whom|responsible|who)(?:\s+by)?$", re.IGNORECASE)
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
    actions: list[RawAction] = field(default_factory=list)
    attendance: list[Attendee] = field(default_factory=list)
    contact: list[tuple[str, str]] = field(default_factory=list)


def split_item_title(text: str) -> tuple[str, str]:
    """'LGA Conference and Innovation Zone Members were asked ...' -> (title, rest)."""
    words = text.split()
    # A word that opens a sentence ("The", "Members", "None") ends the title wherever it stands, so
    # a title with a name in it ("Sport England funding Members agreed ...") keeps the name.
    for i in range(1, len(words)):
        if words[i].rstrip(".,;:") in _OPENERS and words[i - 1].lower() not in _SMALL:
            return " ".join(words[:i]), " ".join(words[i:])
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
    if _DECISION.search(text) or text.startswith(_RESOLUTION_OPENERS):
        return "decision"
    if any(w in text for w in _RESOLUTION_WORDS) and _RESOLUTION_WORD.search(text):
        return "decision"
    return "decision" if "econded" in text and _MOVED.search(text) else "text"


def clean_item_title(title: str) -> str:
    """'Minutes pdf icon PDF 168 KB' -> 'Minutes'; 'APOLOGIES FOR ABSENCE.' -> 'APOLOGIES FOR ABSENCE'."""
    title = " ".join(clean_inline(title).text.split()) if "*" in title or "<" in title or "[" in title else title
    if len(title) <= 300:  # a title is short; a long line is text, and is never searched for furniture
        title = _TITLE_FURNITURE.sub("", title)
    return title.strip().rstrip(".;:").strip()


def _pipe_cells(s: str) -> list[str] | None:
    """A Markdown pipe-table row as cells; [] for its rule line; None when it is not a table row."""
    if len(s) < 3 or not (s.startswith("|") and s.endswith("|")):
        return None
    if _PIPE_RULE.match(s):
        return []
    return [c.strip() for c in s[1:-1].split("|")]


def _status(role: str | None) -> AttendanceStatus:
    r = (role or "").lower()
    if "apolog" in r or "absent" in r:
        return "apologies"
    if "officer" in r or "staff" in r or "in attendance" in r:
        return "officer"
    return "present"


def segment_meeting(lines: list[str], subheadings: bool = True) -> MeetingParts:
    """The record's parts. With `subheadings` off (a published page, whose items hold only text), a
    title-like line inside a numbered item is text of that item, not a section of its own."""
    parts = MeetingParts()
    mode = "body"  # body | items_table | action_log | attendance | names (a label's names, one a line)
    current: RawSection | None = None
    role: str | None = None
    names_status: AttendanceStatus = "present"
    names_read = False
    pending_actions: list[RawParagraph] = []
    owner_lines: list[str] = []
    in_actions = False
    blank_before = True
    number_alone: str | None = None  # a number alone on a line, waiting for its title
    next_is_decision = False  # a "Decision:" label alone: the paragraph under it is the decision
    # `Action:` lines an `Owner:` may follow
    inline_actions: list[RawAction] = []
    # An "Actions:" line no action has followed yet: where it stands and what it says. Dropped
    # once an action follows (the actions say it); kept as text if none does before the section ends.
    marker: tuple[RawSection, int, str] | None = None
    columns = _Columns()

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
        nonlocal next_is_decision
        sec = current or start_section(None, None)
        if next_is_decision and kind == "text":
            kind, next_is_decision = "decision", False
        para = RawParagraph(sec.number, kind, text, cells or [])
        sec.paragraphs.append(para)
        return para

    def settle_owner() -> None:
        nonlocal in_actions, pending_actions, owner_lines
        owner = " ".join(owner_lines).strip() or None
        for p in pending_actions:
            item = current.number if current else None
            parts.actions.append(RawAction(item, p.text, owner, p))
            p.owner = owner
        pending_actions, owner_lines, in_actions = [], [], False

    def start_item(number: str, title: str) -> None:
        nonlocal mode, blank_before, inline_actions
        mode, blank_before, inline_actions = "body", False, []
        parts.items.append(Item(number, title))
        start_section(title, number)

    for line in lines:
        s = line.strip()
        if not s:
            if owner_lines:
                settle_owner()
            if mode == "names" and names_read:  # a blank line ends the list, not the gap under its label
                mode = "body"
            blank_before = True
            continue
        piped = _pipe_cells(s)
        if piped is not None:
            if not piped:
                continue  # the rule under a pipe table's header row
            line = "\t".join(piped)
            s = line.strip() or "\t"
        if mode == "action_log" and "\t" not in line:  # a line that is no row ends the log
            mode = "body"
        if s.startswith("**") and s.endswith("**") and s.count("**") == 2 and len(s) > 4:
            s = line = s[2:-2].strip()  # a line set in bold (a web page's item heading) reads as its words
        if "   " in s and "\t" not in s and mode == "body":
            gapped = _GAP.split(s)
            if len(gapped) <= 4 and all(len(c) <= 80 for c in gapped):  # fields, not a column of prose
                add("table_row", " ".join(gapped), gapped)
                blank_before = False
                continue
        cells = [c.strip() for c in line.split("\t")]
        if "\t" in s or (mode not in {"body", "names"} and "\t" in line):
            header = " ".join(cells)
            if _ATTENDANCE_HEAD.search(header):
                mode, role = "attendance", None
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if log_columns(tuple(cells)) is not None:  # the last meeting's actions, with their status
                mode = "action_log"
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if mode == "action_log":
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if _ITEMS_HEAD.match(cells[0]) and len(cells) >= 2 and (mode != "attendance" or blank_before):
                mode, columns = "items_table", _table_columns(cells)
                # The column names head the table, not its first item: a section of their own.
                start_section(None, None)
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if mode == "attendance":
                role = _attendance_row(parts, cells, role)
                add("table_row", " ".join(c for c in cells if c), cells)
                continue
            if mode == "items_table" and not cells[0].endswith(":"):  # "Contact officer:<TAB>..." ends it
                _items_row(parts, cells, columns, start_section, add)
                continue
        if number_alone is not None:
            number, number_alone = number_alone, None
            title = clean_item_title(s)
            # The line under a number alone is its title, even one opening with a reference ("24/00318/FUL").
            if _looks_like_item(title) or (title[:1].isdigit() and _looks_like_item("X" + title)):
                start_item(number, title)
                continue
            add("numbered", s).number = number
            blank_before = False
            continue
        if in_actions and pending_actions and _is_owner_line(s):
            owner_lines.append(s)
            blank_before = False
            continue
        if owner_lines or (in_actions and pending_actions and not BULLET.match(s)):
            settle_owner()
        owner = _OWNER.match(s)
        if owner and inline_actions:
            for action in inline_actions:
                action.owner = action.paragraph.owner = owner.group("owner").strip().rstrip(".")
            inline_actions = []
            continue
        # A line that carries on the last `Action:` (wrapped) leaves its `Owner:` still to come.
        last = current.paragraphs[-1] if current is not None and current.paragraphs else None
        continues = bool(inline_actions) and last is inline_actions[-1].paragraph and _joins(last, s, blank_before)
        if owner is None and not _ACTION_INLINE.match(s) and not continues:
            inline_actions = []
        cf = CONTACT_FIELD.match(s)
        if cf and (parts.contact or cf.group("key").lower().startswith(CONTACT_OPENERS)):
            parts.contact.append((cf.group("key").strip(), cf.group("value").strip()))
            continue
        if mode == "names" and _looks_like_names(s):
            parts.attendance.extend(read_names(s, names_status))
            names_read = True
            add("text", s)
            continue
        # A web page bolds the label ("**Present:** ..."): read it as the words it shows.
        labelled = read_label_line(clean_inline(s).text if s.startswith(("**", "__")) else s)
        if labelled is not None:
            names_status, attendees, names_follow = labelled
            parts.attendance.extend(attendees)
            mode, names_read = ("names" if names_follow else "body"), False
            add("text", s)
            blank_before = False
            continue
        alone = _NUMBER_ALONE.match(s)
        if alone:
            number_alone = alone.group("num")
            continue
        item = _ITEM_HEADING.match(s) or NUMBERED.match(s)
        if item and _looks_like_item(item.groupdict().get("title") or item.group("text")):
            start_item(item.group("num"), clean_item_title(item.groupdict().get("title") or item.group("text")))
            continue
        if _LABEL_ONLY.match(s):
            next_is_decision = not s.lower().startswith("minutes")
            continue
        lead = _DECISION_LEAD.match(s)
        if lead:
            add("decision", lead.group("text"))
            blank_before = False
            continue
        inline = _ACTION_INLINE.match(s)
        if inline:
            text = inline.group("text")
            who = _OWNER_LEAD.match(text)
            para = add("action", text)
            para.owner = who.group("who") if who else None
            parts.actions.append(RawAction(current.number if current else None, text, para.owner, para))
            inline_actions.append(parts.actions[-1])
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
        elif is_heading(s) and blank_before and not in_actions and (subheadings or not (current and current.number)):
            mode = "body"
            start_section(s, None)
        else:
            add("text", s)
        blank_before = False
    if pending_actions:
        settle_owner()
    keep_marker()
    for section in parts.sections:  # once each paragraph is whole: a decision may end a wrapped line
        for p in section.paragraphs:
            if p.kind == "text":
                p.kind = paragraph_kind(p.text)
    _apologies_in_minutes(parts)
    return parts


def _looks_like_names(s: str) -> bool:
    """A line of a stacked attendance list: names, not a sentence or a heading of the next part."""
    if _NUMBER_ALONE.match(s) or _ITEM_HEADING.match(s):
        return False
    return len(s.split()) <= 12 and not s.endswith((".", ":"))


def _apologies_in_minutes(parts: MeetingParts) -> None:
    """Apologies a minute records in a sentence, unless the attendance already names them."""
    known = {(a.name, a.status) for a in parts.attendance}
    for section in parts.sections:
        for p in section.paragraphs:
            if p.kind in {"text", "decision"} and "polog" in p.text:
                for a in apologies_in(p.text):
                    if (a.name, a.status) not in known:
                        known.add((a.name, a.status))
                        parts.attendance.append(a)


def _looks_like_item(title: str) -> bool:
    title = title.strip()
    return len(title.split()) <= 20 and title[:1].isupper() and not title.endswith((".", ";", ","))


def _joins(last: RawParagraph, s: str, blank_before: bool) -> bool:
    if last.kind == "table_row":
        return False
    if not blank_before:
        # Minutes set each statement on its own line: a line after a finished sentence that opens
        # with a capital ("RESOLVED ...", "Clerk to ...", "Proposed by ...") is a paragraph of its own.
        return not BULLET.match(s) and (last.ends_open() or not s[0].isupper())
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


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where an items table keeps each thing: `Item | Decisions and actions | Action` (the title opens
    the text, the owner is last) or `No. | Item | Decision` (a title column, no owner)."""

    title: int | None = None  # None: the title opens the text column
    text: int = 1
    owner: int | None = 2


def _table_columns(names: list[str]) -> _Columns:
    titled = next((i for i, n in enumerate(names) if i and _TITLE_COLUMN.match(n)), None)
    owner = next((i for i, n in enumerate(names) if i and _OWNER_COLUMN.match(n)), None)
    text = next((i for i in range(1, len(names)) if i not in {titled, owner}), 1)
    return _Columns(titled, text, owner)


def _items_row(
    parts: MeetingParts,
    cells: list[str],
    columns: _Columns,
    start_section: Callable[[str | None, str | None], RawSection],
    add: Callable[..., RawParagraph],
) -> None:
    cells = cells + [""] * (4 - len(cells))
    number, body = cells[0], cells[columns.text] if columns.text < len(cells) else ""
    owner = (cells[columns.owner] or None) if columns.owner is not None and columns.owner < len(cells) else None
    if number:
        if columns.title is not None:
            title, rest = cells[columns.title], body
        else:
            title, rest = split_item_title(body)
        parts.items.append(Item(number, title))
        start_section(title, number)
        body = rest
    is_action = bool(_ACTION_LEAD.match(body))
    body = _ACTION_LEAD.sub("", body) if is_action else body
    lead, bullets = split_html_list(body) if has_inline_list(body) else (body, [])
    lead_para = None
    if lead:
        # the record's end says which text decides
        lead_para = add("action" if is_action and not bullets else "text", lead)
        lead_para.owner = owner if is_action and not bullets else None
    for b in bullets:
        para = add("action" if is_action else "bullet", b)
        para.owner = owner if is_action else None
        if is_action:
            parts.actions.append(RawAction(number or _current_number(parts), b, owner, para))
    if is_action and not bullets and lead_para is not None:
        parts.actions.append(RawAction(number or _current_number(parts), lead, owner, lead_para))


def _current_number(parts: MeetingParts) -> str | None:
    return parts.sections[-1].number if parts.sections else None
