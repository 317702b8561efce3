"""Cut cleaned lines into a header, sections and paragraphs, the way a reader sees the page.

The header is everything before the body: forum, date line, item marker, title and `Key: value`
fields. The body is read line by line: theme headings (CAPITALS, or a heading directly followed by
another heading), section headings, numbered paragraphs (`1.`, `1.1.`, `- 2.`, `2)`, `(a)`),
bullets, tab tables and the contact block. A paragraph broken by a page break (a blank line, then a
line starting in lower case after a sentence left open) is joined again.

Meeting notes take a different path (`meeting.py`): their sections are agenda items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import drop_running_headers, fix_ocr, is_page_furniture
from .dates import parse_stated

_FIELD = re.compile(
    r"^(?P<key>title|date|venue|time|location|place|meeting|board|forum|author|from|to|agenda item|item|"
    r"report of|report by|purpose|summary)\s*(?::|\t)\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_RECORD_TITLE = re.compile(r"^(?:minutes|notes?)\s+of\b", re.IGNORECASE)
_TITLE_MAX = 300  # a longer line is a paragraph, never a title
_SUBTITLE = re.compile(r"\b(?:report|update|note|notes)\s+(?:from|by)\b", re.IGNORECASE)
_TITLE_HINT = re.compile(r"\b(?:report|note|notes|minutes|board|chair|chairman|chair's|update|meeting)\b", re.I)
NUMBERED = re.compile(r"^(?:[-–•]\s*)?(?P<num>\d{1,3}(?:\.\d{1,3})*)(?:[.)]|\.(?=\d))\s+(?P<text>\S.*)$")
# Paragraph 1000 and on: four or more digits are a number only where they continue the count (see
# `_long_number`), so a wrapped line that starts "2013. The Board ..." stays part of its sentence.
LONG_NUMBERED = re.compile(r"^(?:[-–•]\s*)?(?P<num>\d{4,6}(?:\.\d{1,3})*)(?:[.)]|\.(?=\d))\s+(?P<text>\S.*)$")
LETTERED = re.compile(r"^\((?P<num>[a-z]{1,2}|[ivx]{1,5}|\d{1,3})\)\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^[-–•*·▪◦]\s+(?P<text>\S.*)$")
CONTACT_FIELD = re.compile(
    r"^(?P<key>contact(?: officer| name| details)?|report author|name|position|job title|role|phone(?: no\.?| number)?|"
    r"tel(?:ephone)?(?: no\.?)?\.?|mobile|direct line|e-?mail(?: address)?)\s*(?::|\t)\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# The keys that open a contact block (and a new contact in it); the rest describe the contact above.
CONTACT_OPENERS = ("contact", "name", "report author")
_TERMINAL = (".", "!", "?", ":", ";", '."', ".’", ".'", ")")


@dataclass(slots=True)
class RawParagraph:
    number: str | None
    kind: str
    text: str
    cells: list[str] = field(default_factory=list)
    owner: str | None = None  # an action's owner, once the meeting note names them

    def ends_open(self) -> bool:
        return not self.text.rstrip().endswith(_TERMINAL)


@dataclass(slots=True)
class RawAction:
    """An action as a layout reads it, tied to the paragraph that states it: the report's `Action`
    takes that paragraph's place once the sections are final (parse.py), never a search for its text."""

    item: str | None
    text: str
    owner: str | None
    paragraph: RawParagraph


@dataclass(slots=True)
class RawSection:
    heading: str | None
    theme: str | None
    paragraphs: list[RawParagraph] = field(default_factory=list)
    number: str | None = None
    theme_heading: str | None = None  # the paper's theme heading that opens the section, as written


@dataclass(slots=True)
class Header:
    title: str = ""
    forum: str | None = None
    item: str | None = None
    date_line: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # every header line as written


def prepare_lines(text: str) -> tuple[list[str], list[str]]:
    """Split into lines, trim spaces (tabs are table structure and stay), drop page furniture."""
    lines = [fix_ocr(line.strip(" \u00a0")) for line in text.split("\n")]
    return drop_running_headers(lines)


def parse_header(lines: list[str], limit: int = 10) -> tuple[Header, int]:
    """Read the header lines; return it and the index of the first body line.

    A numbered line always starts the body. A title may carry a subtitle line ("Report from Cllr X")
    and a date of its own; every header line is kept in `Header.lines` so no word is lost.
    """
    header = Header()
    pre_title: list[tuple[int, str]] = []
    seen = 0
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        if NUMBERED.match(s) or LETTERED.match(s):
            break
        seen += 1
        m = _FIELD.match(s) if s.count("\t") <= 1 else None  # "Item<TAB>Decisions<TAB>Action" heads a table
        if m:
            header.fields.setdefault(m.group("key").lower(), m.group("value").strip())
        elif is_page_furniture(s):
            header.item = header.item or s
        elif (not header.title or (_RECORD_TITLE.match(s) and not _RECORD_TITLE.match(header.title))) and (
            _TITLE_HINT.search(s) and len(s) <= _TITLE_MAX
        ):
            # "Minutes of ..." is the record's own title, above any page heading or date line before it.
            if header.title:
                header.forum = header.forum or header.title
            header.title = s
        elif header.title and _SUBTITLE.search(s) and not _SUBTITLE.search(header.title) and len(s.split()) <= 14:
            # A subtitle that repeats the title's board ("X Board" / "X & Y Board – Report from ...")
            # is the fuller title, not a second naming of the board.
            repeats = _board_words(s).startswith(_board_words(header.title))
            header.title = s if repeats else f"{header.title} – {s}"
        elif not header.date_line and len(s) <= 40 and parse_stated(s, month_precision=True):
            header.date_line = s
        elif not header.title and seen <= limit and "\t" not in s and len(s) <= _TITLE_MAX and not s.endswith("."):
            pre_title.append((i, s))  # a sentence or a long line is the text, never a title
        elif header.title and not _RECORD_TITLE.match(header.title) and seen <= limit and _record_title_next(lines, i):
            header.forum = header.forum or s  # the council's name between a page heading and "Minutes of ..."
        else:
            break
        header.lines.append(s)
        i += 1
    if not header.title:
        if pre_title:
            first, title = pre_title[0]
            header.title = title
            header.lines = header.lines[: header.lines.index(title) + 1]
            return header, first + 1
        header.title = header.fields.get("title", "")
        return header, i
    if pre_title:
        header.forum = pre_title[0][1]
    return header, i


def _board_words(title: str) -> str:
    return " ".join(title.lower().replace("&", "and").split())


def _record_title_next(lines: list[str], i: int) -> bool:
    """Is the next non-blank line after `i` a record's title ("Minutes of ...")?"""
    nxt = _next_nonblank(lines, i)
    return nxt is not None and len(nxt) <= _TITLE_MAX and bool(_RECORD_TITLE.match(nxt))


def is_heading(s: str) -> bool:
    """A short title-like line: no sentence end, starts with a capital, not a list item."""
    if len(s) > 100 or len(s.split()) > 14 or "\t" in s:
        return False
    if s.endswith((".", ",", ";", ":", "!", "?")) or not (s[0].isupper() or s[0].isdigit()):
        return False
    return not (NUMBERED.match(s) or BULLET.match(s) or LETTERED.match(s) or CONTACT_FIELD.match(s))


def is_theme_heading(s: str, next_line: str | None) -> bool:
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(s.split()) <= 4 and len(letters) > 3:
        return True
    return len(s.split()) <= 3 and next_line is not None and is_heading(next_line)


def theme_name(s: str) -> str:
    return s.title() if s.isupper() else s


def _next_nonblank(lines: list[str], i: int) -> str | None:
    for j in range(i + 1, len(lines)):  # by index: a slice would copy the rest of the document per line
        if line := lines[j].strip():
            return line
    return None


def segment_report(lines: list[str]) -> tuple[list[RawSection], list[tuple[str, str]]]:
    """Sections and paragraphs of a chair's report (or any non-meeting paper), and its contact block."""
    sections: list[RawSection] = []
    theme: str | None = None
    contact: list[tuple[str, str]] = []
    in_contact = False
    blank_before = True
    last: RawParagraph | None = None
    last_number: str | None = None  # of the last numbered paragraph

    def section() -> RawSection:
        if not sections:
            sections.append(RawSection(None, theme))
        return sections[-1]

    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            blank_before = True
            continue
        cf = CONTACT_FIELD.match(s)
        if cf and (in_contact or cf.group("key").lower().startswith(CONTACT_OPENERS)):
            in_contact = True
            contact.append((cf.group("key").strip(), cf.group("value").strip()))
            blank_before = False
            continue
        in_contact = False
        next_line = _next_nonblank(lines, i)
        num = NUMBERED.match(s) or LETTERED.match(s) or _long_number(s, last_number)
        bullet = BULLET.match(s)
        if "\t" in s:
            cells = [c.strip() for c in line.split("\t")]
            last = RawParagraph(None, "table_row", " ".join(c for c in cells if c), cells)
            section().paragraphs.append(last)
        elif num:
            last = RawParagraph(num.group("num"), "numbered", num.group("text"))
            section().paragraphs.append(last)
            last_number = last.number
        elif bullet:
            last = RawParagraph(None, "bullet", bullet.group("text"))
            section().paragraphs.append(last)
        elif _continues(last, s, blank_before):
            assert last is not None
            last.text = f"{last.text.rstrip()} {s}"
        elif is_heading(s) and (blank_before or last is None or not last.ends_open()):
            if is_theme_heading(s, next_line):
                theme = theme_name(s)
                sections.append(RawSection(None, theme, theme_heading=s))
            elif sections and sections[-1].heading is None and not sections[-1].paragraphs:
                sections[-1].heading = s
            else:
                sections.append(RawSection(s, theme))
            last = None
        else:
            last = RawParagraph(None, "text", s)
            section().paragraphs.append(last)
        blank_before = False
    return [s for s in sections if s.paragraphs or s.heading or s.theme], contact


def _long_number(s: str, last_number: str | None) -> re.Match[str] | None:
    """A paragraph numbered 1000 or more, when the paragraph numbered before it is one less (or the
    same, for its sub-paragraphs: 1000.1 after 1000)."""
    m = LONG_NUMBERED.match(s)
    if m is None or last_number is None:
        return None
    top, before = int(m.group("num").split(".")[0]), last_number.split(".")[0]
    return m if before.isdigit() and int(before) in {top - 1, top} else None


def _continues(last: RawParagraph | None, s: str, blank_before: bool) -> bool:
    """Is this line the rest of the paragraph above (a hard wrap, or a page break mid-sentence)?"""
    if last is None or last.kind == "table_row":
        return False
    if not blank_before:
        return not (is_heading(s) and not last.ends_open())
    return s[0].islower() and last.ends_open()
