"""Dates in board papers: find every mention with its span, read a stated date, infer a missing one.

Many chair's reports carry no date. A careful reader dates them from the latest event the text
reports as past ("On 13 February 2013 ... I spoke"), ignores what is still to come ("will begin in
April 2013"), and places a month with no year by the years the text does name, or by its financial
years: funding "for 2014/15" is next year's, so the report was written in 2013/14.

We find mentions with our own patterns rather than a date library because we need the character
span of each mention and partial dates (a day and month with no year) that parsers reject.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
    r"(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"  # "Sept." but not "June."
)
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DAY_MONTH = re.compile(
    _WEEKDAY
    + rf"(?P<day>\d{{1,2}}){_ORD}(?:\s*(?:and|&|-|–|/)\s*(?P<day2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?{_MONTH}"
    + r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
_MONTH_DAY = re.compile(_WEEKDAY + rf"{_MONTH}\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>(?:19|20)\d{{2}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b")
# Cheap test first: most sentences name no month and no year.
_ANY_DATE = re.compile(r"(?:19|20)\d\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d[/.]\d")
_MONTH_ONLY = re.compile(
    rf"\b(?:[Tt]his|[Ll]ast|[Nn]ext|in|[Ii]n|of|during|since|until|from|[Ee]arly|[Ll]ate|mid-?)\s+{_MONTH}\b(?!\s+\d)"
)
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<mon>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})\b")
_FY = re.compile(r"\b(?P<year>(?:19|20)\d{2})\s*[/–-]\s*(?P<end>\d{2}|(?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")
# Words that put what follows in the future or make it a plan, not an event that happened.
_FUTURE_WORD = (
    r"\b(?:will|shall|planned|plans?|forthcoming|upcoming|next|ahead of|due|by|until|begin|begins|"
    r"intend|intends|expected|scheduled|being introduced|to be)\b"
)
_FUTURE = re.compile(_FUTURE_WORD + r"[^.;]{0,60}$", re.IGNORECASE)
_FUTURE_WORDS = re.compile(_FUTURE_WORD, re.IGNORECASE)
_FUTURE_REACH = 80  # characters before a date looked at for a word that puts it in the future


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # "full" | "day_month" | "month_year" | "month" | "fy" | "year"
    year: int | None
    month: int | None
    day: int | None
    future: bool

    @property
    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, left to right, none overlapping."""
    found: list[DateMention] = []
    if not _ANY_DATE.search(text):
        return found
    # Spans taken so far, disjoint and kept sorted: one bisection tells whether a new one overlaps
    # any, so a paragraph of thousands of years ("2013 2013 ...") costs n log n, not n squared.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    future_ends = [m.end() for m in _FUTURE_WORDS.finditer(text)]

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(taken_starts, b)
        return not (i > 0 and taken_ends[i - 1] > a)

    def add(span: tuple[int, int], kind: str, year: int | None, month: int | None, day: int | None) -> None:
        a, b = span
        if not free(a, b):
            return
        if month is not None and not 1 <= month <= 12:
            return
        if day is not None and not 1 <= day <= 31:
            return
        i = bisect.bisect_left(taken_starts, a)
        taken_starts.insert(i, a)
        taken_ends.insert(i, b)
        # The window before the date is searched only when a future word ends in it (found once for
        # the whole text): most dates have none, and the search costs much more than the look-up.
        near = bisect.bisect_right(future_ends, a)
        future = near > 0 and future_ends[near - 1] > a - _FUTURE_REACH
        future = future and bool(_FUTURE.search(text[max(0, a - _FUTURE_REACH) : a]))
        found.append(DateMention(a, b, text[a:b], kind, year, month, day, future))

    for m in _ISO.finditer(text):
        add(m.span(), "full", int(m["year"]), int(m["mon"]), int(m["day"]))
    for m in _NUMERIC.finditer(text):
        add(m.span(), "full", int(m["year"]), int(m["mon"]), int(m["day"]))
    for m in _DAY_MONTH.finditer(text):
        day = int(m["day2"] or m["day"])
        if m["year"]:
            add(m.span(), "full", int(m["year"]), _month(m["month"]), day)
        else:
            add(m.span(), "day_month", None, _month(m["month"]), day)
    for m in _MONTH_DAY.finditer(text):
        add(m.span(), "full", int(m["year"]), _month(m["month"]), int(m["day"]))
    for m in _MONTH_YEAR.finditer(text):
        add(m.span(), "month_year", int(m["year"]), _month(m["month"]), None)
    for m in _MONTH_ONLY.finditer(text):
        add((m.start("month"), m.end()), "month", None, _month(m["month"]), None)
    for m in _FY.finditer(text):
        end = m["end"]
        start_year = int(m["year"])
        end_year = int(end) if len(end) == 4 else (start_year // 100) * 100 + int(end)
        if end_year == start_year + 1:
            add(m.span(), "fy", start_year, None, None)
    for m in _YEAR.finditer(text):
        add(m.span(), "year", int(m["year"]), None, None)
    found.sort(key=lambda d: d.start)
    return found


def parse_stated(line: str, month_precision: bool = False) -> str | None:
    """The ISO date a line states: a full date ("Tuesday 15 July 2014"), or with `month_precision`
    a line that is only a month and year ("June 2014" -> "2014-06"); else None."""
    found = find_dates(line)
    for d in found:
        if d.kind == "full" and d.iso:
            return d.iso
    if month_precision and len(found) == 1 and found[0].kind == "month_year":
        rest = (line[: found[0].start] + line[found[0].end :]).strip(" ,.:-–")
        if not rest or rest.lower() in {"date", "dated"}:
            return found[0].iso
    return None


@dataclass(frozen=True, slots=True)
class Inferred:
    value: str | None
    evidence: str | None


def infer_date(mentions: list[DateMention]) -> Inferred:
    """Date a report from its mentions: the latest past event, at month precision."""
    past = [d for d in mentions if not d.future]
    dated = [d for d in past if d.kind in ("full", "month_year") and d.year]
    plain_years = [d.year for d in past if d.kind == "year" and d.year]
    fys = [d.year for d in mentions if d.kind == "fy" and d.year]
    how: str
    anchor: int | None
    fy_mode = False
    if dated:
        anchor = max(d.year for d in dated if d.year)
        how = f"the year {anchor} from the dated events"
    elif plain_years:
        anchor = max(plain_years)
        how = f"the year {anchor} named in the text"
    elif fys:
        coming = max(fys)
        anchor = coming - 1
        fy_mode = True
        how = f"funding for {coming}/{(coming + 1) % 100:02d} is the coming year, so the current year is {anchor}"
    else:
        return Inferred(None, None)

    def place(d: DateMention) -> tuple[int, int] | None:
        if d.month is None:
            return None
        if d.year is not None:
            return d.year, d.month
        assert anchor is not None
        if fy_mode and d.month <= 3:
            return anchor + 1, d.month
        return anchor, d.month

    events = [(p, d) for d in past if (p := place(d)) is not None]
    if not events:
        return Inferred(f"{anchor:04d}", f"no dated event; {how}")
    events.sort(key=lambda e: e[0], reverse=True)
    (year, month), _ = events[0]
    latest = [d.text for _, d in events[:3]]
    evidence = "latest dated events: " + "; ".join(dict.fromkeys(latest))
    if any(d.year is None for _, d in events[:3]):
        evidence += f" (months placed by {how})"
    return Inferred(f"{year:04d}-{month:02d}", evidence)
