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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .patterns import at_word_start

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
_FULL_MONTHS = [n for n in MONTHS if len(n) > 4 or n in ("may", "june", "july")]
_SHORT_MONTHS = ["sept"] + [n for n in MONTHS if len(n) == 3 and n != "may"]


def _title_and_capitals(words: list[str]) -> list[str]:
    """Each word in title case and in capitals ("June", "JUNE"), never "june": a heading in capitals
    states a date, while a lower-case "may" is a verb."""
    return [w.title() for w in words] + [w.upper() for w in words]


def _title_or_capitals(words: list[str]) -> str:
    return "|".join(_title_and_capitals(words))


# The patterns searched over whole paragraphs open with a character (see patterns.py): opening with
# "\b" they were tried at every position, most of the cost of dating a report.
# A year of four digits where a word starts: "\b(?:19|20)\d{2}", opening with its first digit.
_YEAR_AT_WORD_START = r"(?:19|20)(?<!\w\d\d)\d{2}"


# A month: its full name, or an abbreviation with an optional full stop ("Sept.", "Dec"); the name
# must end there, so "Marchbanks" holds no month.
_MONTH = (
    rf"(?P<month>(?:{_title_or_capitals(_FULL_MONTHS)})"
    rf"|(?:{_title_or_capitals(_SHORT_MONTHS)})\.?)(?![A-Za-z])"
)
_ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS_SHORT = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
_WEEKDAY_WORD = rf"(?:{_title_or_capitals(_WEEKDAYS)}|(?:{_title_or_capitals(_WEEKDAYS_SHORT)})\.?)(?![A-Za-z])"
_WEEKDAY = rf"(?:{_WEEKDAY_WORD},?\s+)?"
# Each pattern opens with a lookahead for a capital or a digit, so the many positions where no date
# can start are passed over without trying every weekday and month.
_DAY_MONTH = re.compile(
    r"(?=[A-Z\d])"
    + _WEEKDAY
    + rf"(?<!\d)(?P<day>\d{{1,2}}){_ORD}(?:\s*(?:and|&|-|–|/)\s*(?P<day2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?{_MONTH}"
    + r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
_MONTH_DAY = re.compile(
    r"(?=[A-Z])" + _WEEKDAY + rf"{_MONTH}\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>(?:19|20)\d{{2}})\b"
)
_FULL_MONTHS_AT_WORD_START = at_word_start(_title_and_capitals(_FULL_MONTHS))
_SHORT_MONTHS_AT_WORD_START = at_word_start(_title_and_capitals(_SHORT_MONTHS), tail=r"\.?")
_MONTH_AT_WORD_START = (  # _MONTH where a word starts
    rf"(?P<month>{_FULL_MONTHS_AT_WORD_START}|{_SHORT_MONTHS_AT_WORD_START})(?![A-Za-z])"
)
_MONTH_YEAR = re.compile(rf"{_MONTH_AT_WORD_START}\s+(?P<year>(?:19|20)\d{{2}})\b")
# Cheap tests first: most sentences name no month and no year, and many name one without the other.
_MONTH_WORD = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
_ANY_MONTH = re.compile(_MONTH_WORD)  # every month pattern names one in title case or capitals
# "in March", "since June": a month alone after a word that places it. Found from the month, then the
# word before it read back: a pattern that opened with those words ("in", "of", ...) opened with the
# commonest letters, and was tried at most places of every paragraph.
_MONTH_ONLY_LEADS = ["This", "this", "Last", "last", "Next", "next", "in", "In", "of", "during", "since", "until",
                     "from", "Early", "early", "Late", "late", "mid-?"]  # fmt: skip
_LONGEST_LEAD = 6  # "during"
_MONTH_ONLY_LEAD = re.compile(rf"(?:{at_word_start(_MONTH_ONLY_LEADS)})\Z")
_MONTH_NAME = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)"
)


def _months_only(text: str) -> Iterator[re.Match[str]]:
    """Each month named alone: a month name (not before a number), white space before it, and before
    that one of the words that place a month, where a word starts."""
    for m in _MONTH_NAME.finditer(text):
        lead_end = m.start()
        while lead_end > 0 and text[lead_end - 1].isspace():  # what \s matches
            lead_end -= 1
        if lead_end < m.start() and _MONTH_ONLY_LEAD.search(text, max(0, lead_end - _LONGEST_LEAD), lead_end):
            yield m


_NUMERIC = re.compile(r"(?P<day>\d(?<!\w\d)\d?)[/.](?P<mon>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b")
_ISO = re.compile(rf"(?P<year>{_YEAR_AT_WORD_START})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})\b")
_FY = re.compile(rf"(?P<year>{_YEAR_AT_WORD_START})\s*[/–-]\s*(?P<end>\d{{2}}|(?:19|20)\d{{2}})\b")
_YEAR = re.compile(rf"(?P<year>{_YEAR_AT_WORD_START})\b")
# Words that put what follows in the future or make it a plan, not an event that happened.
_FUTURE = re.compile(
    r"\b(?:will|shall|planned|plans?|forthcoming|upcoming|next|ahead of|due|by|until|begin|begins|"
    r"intend|intends|expected|scheduled|being introduced|to be|cycle|timetable|deadline|target)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# Why a mention, though it names a past date, cannot date the paper.
_NAMED_BEFORE = re.compile(r"\b(?:Act|Regulations|Order|Rules|Bill|Measure|Directive)\s+(?:\(\w+\)\s+)?$")
_NAMED_AFTER = re.compile(r"^\s+(?:Act|Regulations|Order|Rules|Bill)\b")
_ANOTHER_MEETING = re.compile(
    r"\b(?:minutes of the (?:\w+ ){0,4}meeting|(?:last|previous|preceding) meeting|moved from|"
    r"originally (?:scheduled|arranged|planned|due)|postponed from|rescheduled from|instead of|"
    r"deferred from|brought forward from)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# "between 1983 and 1990", "from May 2017 to June 2019", "1983-1990": the ends of a span of time.
# (Case is ignored in the words only, so that the pattern can open with its first letter.)
_RANGE = re.compile(
    r"[bBfF](?<!\w[bBfF])(?:(?<=[bB])(?i:etween)|(?<=[fF])(?i:rom))"
    r"\s+(?P<first>[^.;\n]{0,24}?)\s+(?i:and|to|until)\s+(?P<second>[^.;\n]{0,24}?(?:19|20)\d\d)\b"
)
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
# "the May 2017 county elections", "the 2019 Spending Review": a date naming a thing, not an event.
_ATTRIBUTIVE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_ATTRIBUTIVE_AFTER = re.compile(r"^\s+(?!and\b|to\b|at\b|in\b|on\b|was\b|were\b|is\b)[A-Za-z]{3,}")


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
    # Why this mention cannot date the paper though it is not in the future ("a year in a name",
    # "another meeting", "a range", "a mistyped financial year", "names a thing"); None when it can.
    aside: str | None = None

    @property
    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def is_evidence(self) -> bool:
        """Can this mention date the paper: a past event, not a name, a range or another meeting."""
        return not self.future and self.aside is None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _aside(text: str, a: int, b: int, kind: str) -> str | None:
    before = text[max(0, a - 80) : a]
    after = text[b : b + 40]
    if kind == "year" and (_NAMED_BEFORE.search(before) or _NAMED_AFTER.match(after)):
        return "a year in a name"
    if _ANOTHER_MEETING.search(before):
        return "another meeting"
    if kind in ("year", "month_year") and _ATTRIBUTIVE_BEFORE.search(before) and _ATTRIBUTIVE_AFTER.match(after):
        return "names a thing"
    return None


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, left to right, none overlapping.

    Linear in the text: a mention is checked against those taken so far by bisection, never by
    scanning them all, so a paragraph of thousands of years costs no more than their count.
    """
    found: list[DateMention] = []
    # Patterns that need a year, or a month, are not tried on a text that has none: the order in
    # which the patterns take their spans is the same whichever are tried. Every pattern needs one
    # or the other, so a text with neither has no date. (Two searches whose patterns start with a
    # literal: one pattern of both plus "\d[/.]\d" had no first character to look for, so it was tried
    # at every position of every paragraph and cost a third of finding dates.)
    has_year, has_month = _YEAR_IN.search(text) is not None, _ANY_MONTH.search(text) is not None
    if not (has_year or has_month):
        return found
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    ranges = [(m.start(), m.end()) for m in _RANGE.finditer(text) if _YEAR_IN.search(m["first"])] if has_year else []

    def add(
        span: tuple[int, int], kind: str, year: int | None, month: int | None, day: int | None, aside: str | None = None
    ) -> None:
        a, b = span
        i = bisect.bisect_left(taken_starts, b)
        if i > 0 and taken_ends[i - 1] > a:
            return
        if month is not None and not 1 <= month <= 12:
            return
        if day is not None and not 1 <= day <= 31:
            return
        taken_starts.insert(i, a)
        taken_ends.insert(i, b)
        future = bool(_FUTURE.search(text[max(0, a - 80) : a]))
        if aside is None and any(s <= a and b <= e for s, e in ranges):
            aside = "a range"
        aside = aside or _aside(text, a, b, kind)
        found.append(DateMention(a, b, text[a:b], kind, year, month, day, future, aside))

    for m in _ISO.finditer(text) if has_year else ():
        add(m.span(), "full", int(m["year"]), int(m["mon"]), int(m["day"]))
    for m in _NUMERIC.finditer(text) if has_year else ():
        add(m.span(), "full", int(m["year"]), int(m["mon"]), int(m["day"]))
    for m in _DAY_MONTH.finditer(text) if has_month else ():
        day = int(m["day2"] or m["day"])
        if m["year"]:
            add(m.span(), "full", int(m["year"]), _month(m["month"]), day)
        else:
            add(m.span(), "day_month", None, _month(m["month"]), day)
    for m in _MONTH_DAY.finditer(text) if has_month and has_year else ():
        add(m.span(), "full", int(m["year"]), _month(m["month"]), int(m["day"]))
    for m in _MONTH_YEAR.finditer(text) if has_month and has_year else ():
        add(m.span(), "month_year", int(m["year"]), _month(m["month"]), None)
    for m in _months_only(text) if has_month else ():
        add((m.start("month"), m.end()), "month", None, _month(m["month"]), None)
    for m in _FY.finditer(text) if has_year else ():
        end = m["end"]
        start_year = int(m["year"])
        end_year = int(end) if len(end) == 4 else (start_year // 100) * 100 + int(end)
        if end_year == start_year + 1:
            add(m.span(), "fy", start_year, None, None)
        elif len(end) == 4:
            add(m.span(), "year", start_year, None, None, "a range")
        else:  # "2019/21", "2012/23": a financial year mistyped says nothing sure about the year
            add(m.span(), "year", start_year, None, None, "a mistyped financial year")
    for m in _YEAR.finditer(text) if has_year else ():
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
        rest = (line[: found[0].start] + line[found[0].end :]).strip(" ,.:-–\t")
        if not rest or rest.lower() in {"date", "dated"}:
            return found[0].iso
    return None


# A header line that dates another occasion: "Next meeting: 8 June 2021", "moved from 3 March".
_OTHER_OCCASION = re.compile(
    r"\b(?:next|previous|will be held|to be held|moved|postponed|rescheduled|originally|deferred|instead of|"
    r"reconvened from|adjourned from)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# What makes a line a meeting's heading rather than a sentence: a weekday or a time of day.
_MEETING_SIGNAL = re.compile(
    rf"{_WEEKDAY_WORD}|\b\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:[ap]\.?m\b\.?|noon)",
    re.IGNORECASE,
)
_OPENING_LINES = 6


def stated_date(header: Iterable[str], opening: Iterable[str] = ()) -> tuple[str, str] | None:
    """The date a paper states for itself, as (ISO date, the line that states it), or None.

    `header` holds the paper's own lines (title, date line, `Date:` field, tab header): the first of
    them to state a full date wins, or failing that one that is only a month and year ("June 2014").
    `opening` holds the lines the body starts with, where a published minutes page puts the
    meeting's heading ("Finance Board - Wednesday, 12th June, 2018 2.00 pm"): one of its first few
    lines counts only when it reads as that heading, a full date with a weekday or a time, and no
    sentence (a tab header, "Cabinet<tab>21/09/2017", counts too). A date that a line gives for
    another occasion (the next meeting, a meeting moved from another day) is never the paper's.
    """
    month_only: tuple[str, str] | None = None
    for line in header:
        found = find_dates(line)
        for d in found:
            if d.kind == "full" and d.iso and not _OTHER_OCCASION.search(line[: d.start]):
                return d.iso, line
        only_month = month_only is None and len(found) == 1 and found[0].kind == "month_year"
        if only_month and (iso := parse_stated(line, month_precision=True)) and not _OTHER_OCCASION.search(line):
            month_only = iso, line
    if month_only:
        return month_only
    for line in [s for s in (o.strip(" ") for o in opening) if s.strip()][:_OPENING_LINES]:
        if len(line) > 120 or not (_MEETING_SIGNAL.search(line) or "\t" in line.strip()):
            continue
        for d in find_dates(line):
            before, after = line[: d.start], line[d.end :]
            if d.kind != "full" or not d.iso or _OTHER_OCCASION.search(before):
                continue
            if _heading_words(before, _HEADING_BEFORE) and _heading_words(after, _HEADING_AFTER):
                return d.iso, line
    return None


# The lower-case words a meeting's heading may hold around its date; any other makes a sentence
# ("On Monday 13 February 2013 at 2pm I met the minister").
_HEADING_BEFORE = frozenset({"of", "and", "the", "for", "at", "on", "held", "meeting", "minutes", "agenda"})
_HEADING_AFTER = frozenset(
    {"at", "in", "the", "of", "and", "on", "via", "pm", "am", "noon", "online", "remotely", "hrs"}
)


def _heading_words(text: str, allowed: frozenset[str]) -> bool:
    return all(w in allowed for w in re.findall(r"(?<![\w.])[a-z]+\b", text) if not re.fullmatch(r"[ap]", w))


@dataclass(frozen=True, slots=True)
class Inferred:
    value: str | None
    evidence: str | None


def infer_date(mentions: list[DateMention]) -> Inferred:
    """Date a report from its mentions: the latest past event, at month precision. A mention that
    names a plan, another meeting, a range or a law (`DateMention.is_evidence`) never dates it."""
    past = [d for d in mentions if d.is_evidence]
    dated = [d for d in past if d.kind in ("full", "month_year") and d.year]
    plain_years = [d.year for d in past if d.kind == "year" and d.year]
    fys = [d.year for d in mentions if d.kind == "fy" and d.year and d.aside is None]
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
