"""Find what a paragraph names, with character spans: people, programmes, organisations, dates,
money and figures, emails, phones and links.

Each finder returns candidate spans; `extract_spans` resolves overlaps by a fixed priority (an email
beats the name inside it, money beats a bare figure) so a character belongs to at most one entity.
A `Lexicon` (lexicon.py) carries names already known (a report's headings, the library's programmes
and people) so a programme named once in full is recognised wherever else it appears. People are
found in people.py; programmes, organisations and the spans whose shape says what they are, here.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable

import phonenumbers

from .dates import find_dates
from .lexicon import GENERIC_LEADS, Lexicon, Local, any_of, possible_acronyms
from .model import Span, SpanKind
from .patterns import capital_after
from .people import find_people

# A capitalised word in a proper-noun phrase (LGA, CapacityGRID, Sector-led); "LGA's" stops a phrase.
CAP = r"(?:[A-Z][A-Za-z0-9&+]*(?:-[A-Za-z]+)*)"
_CONNECT = r"(?:and|of|for|the|&|in|on|de|du)"
CHAIN = rf"{CAP}(?:\s+(?:{_CONNECT}\s+){{0,2}}{CAP})*"
# The patterns searched over whole paragraphs open with a character re can scan for (see
# patterns.py): a phrase opens with CAP where a word starts, "(?<![\w'’-]){CAP}", written thus.
_NOT_IN_A_WORD = r"[\w'’-]"
_CAP_AT_START = rf"(?:{capital_after(_NOT_IN_A_WORD)}[A-Za-z0-9&+]*(?:-[A-Za-z]+)*)"
_CHAIN_RE = re.compile(rf"{_CAP_AT_START}(?:\s+(?:{_CONNECT}\s+){{0,2}}{CAP})*")
# Names are tried over at most this many capitalised words before the suffix, so a long run of
# capitalised words ("Cllr Cllr Cllr ...") costs linear time rather than quadratic.
MAX_NAME_WORDS = 12
_WORD_GAP = rf"\s+(?:{_CONNECT}\s+){{0,2}}"


def _name_words(lazy: bool) -> str:
    """Up to MAX_NAME_WORDS capitalised words and the gaps after them, then one more, where a word
    starts (lazy: fewest words first), opening with the first capital. That word is taken out of
    the repeat, and a phrase of it alone tried first when lazy, last when greedy, as the repeat did."""
    more = rf"(?:{_WORD_GAP}(?:{CAP}{_WORD_GAP}){{0,{MAX_NAME_WORDS - 1}}}{'?' if lazy else ''}{CAP})"
    return rf"{_CAP_AT_START}{more}{'??' if lazy else '?'}"


PROGRAMME_SUFFIX = (
    r"(?:Programme|Program|Academy|Zone|Hub|Partnership|Exchange|Map|Navigator|Masterclass|Master Class|"
    r"Initiative|Scheme|Fund|Campaign|Challenge|Pilot|Project|Toolkit|Framework)"
)
_PROGRAMME_SUFFIXED = re.compile(
    rf"(?P<name>{_name_words(lazy=True)}\s+{PROGRAMME_SUFFIX}(?:\s+{PROGRAMME_SUFFIX})*)\b"
)
_PROGRAMME_LOWER = re.compile(
    rf"(?P<name>{_name_words(lazy=False)})\s+(?P<suffix>programme|initiative|scheme|campaign)\b"
)
_PROGRAMME_QUOTED = re.compile(
    r"['‘\"“](?P<name>[A-Z][^'’\"”\n]{2,60}?)['’\"”]\s+(?:programme|campaign|initiative|scheme|project)\b"
)
# Initiatives are often named with a gerund: "Rewiring Public Services", "Highlighting Leadership".
_PROGRAMME_GERUND = re.compile(rf"(?P<name>[A-Z](?<=[a-z,:] [A-Z])[a-z]+ing(?:\s+(?:{_CONNECT}\s+)?{CAP})+)")
_EVENT_WORDS = ("Conference", "Summit", "Meeting", "Awards", "Council", "Board")


ORG_SUFFIX = (
    r"(?:Council|Councils Network|Network|Department|Office|Trust|Association|Agency|Authority|Board|"
    r"Commission|Committee|Institute|University|College|Society|Foundation|Group|Journal|Chronicle|"
    r"Magazine|Gazette|Times|Ltd|Limited|plc|LLP|Inc|Bank|Parliament|Assembly)"
)
# The suffix must end the name: "District Council Leaders" are people, not a body.
_ORG_SUFFIXED = re.compile(rf"(?P<name>{_name_words(lazy=True)}\s+{ORG_SUFFIX})\b(?!\s+[A-Z][a-z])")
_ROLE_LEAD = re.compile(
    r"^(?:(?:Leader|Chief Executive|Director|Head|Member|Chair|Chairman|Deputy Leader|Minister|Secretary)\s+"
    r"(?:of|at|for)\s+(?:the\s+)?)"
)
_ORG_GOVT = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:Department|Ministry|Office) (?:for|of) {CAP}(?:(?:,\s+|\s+(?:and|&)\s+|\s+){CAP})*)"
)
_ORG_AT_ROLE = re.compile(
    r"\b(?:Director|Chief Executive|Executive|Entrepreneur|Manager|Officer|Head|Chair|Chairman|Leader|"
    rf"Adviser|Advisor|Founder|President)(?: of [A-Z][\w ]+?)? at (?:the )?(?P<name>{CHAIN})"
)
_DEFINED_ACRONYM = re.compile(
    rf"{_CAP_AT_START}(?:\s+(?:{_CONNECT}\s+){{0,2}}{CAP}){{0,{MAX_NAME_WORDS}}}\s+\((?P<acr>[A-Z]{{2,6}})\)"
)
_CAMEL = re.compile(r"\b(?!Mc|Mac)[A-Z][a-z]+[A-Z][A-Za-z]*\b")


_DIGIT_RUN = re.compile(r"\d(?:[\s().+-]{0,3}\d){9,}")
# The lookbehind starts a try only where a run begins, so a long word without "@" costs linear time.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\[\]()\"]+")
# A sum or a figure is at most 30 digits and commas (1,000,000,000,000,000 is 21): a try from each
# comma of "1,1,1,..." would otherwise read on to the end of the run, time growing with its square.
_MONEY = re.compile(
    r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|bn|m|k)\b)?|\b\d[\d,]{0,30}(?:\.\d+)?\s?(?:pounds|GBP)\b"
)
# Each branch opens with a digit where a word starts ("\b\d" written "\d(?<!\w\d)"), so that re
# scans for digits rather than trying the pattern at every position.
_FIGURE = re.compile(
    r"\d(?<!\w\d)\d{0,2}(?:,\d{3}){1,10}(?:\.\d+)?\b(?:\s?(?:per cent|percent|%))?"
    r"|\d(?<!\w\d)\d*(?:\.\d+)?\s?(?:per cent|percent|%|million|billion)"
    r"|\d(?<!\w\d)\d+(?:\.\d+)?\b"
)


# Words without which a pattern cannot match: a paragraph without any is not searched with it. Each
# gate is one search for all its words, far less than trying a pattern at every capitalised word (at
# 2,000 reports, a fifth of the parse went on patterns that had nothing to find).
_PROGRAMME_SUFFIX_GATE = any_of(PROGRAMME_SUFFIX[3:-1].split("|"))
_PROGRAMME_LOWER_GATE = any_of(("programme", "initiative", "scheme", "campaign"))
_QUOTE_GATE = any_of(("'", "‘", '"', "“"))
_CURRENCY_GATE = any_of(("£", "$", "€", "pounds", "GBP"))
_ORG_SUFFIX_GATE = any_of(ORG_SUFFIX[3:-1].split("|"))
_LINK_GATE = any_of(("http://", "https://", "www."))
_GOVT_GATE = any_of(("Department ", "Ministry ", "Office "))  # _ORG_GOVT; " at " for _ORG_AT_ROLE
# In every _CAMEL word; opening with a capital, the rarer letter, it is tried at far fewer places.
_CAPITAL_LOWER_CAPITAL = re.compile(r"[A-Z][a-z]++[A-Z]")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z]{2,6}\)")  # what ends every _DEFINED_ACRONYM
_DIGIT = re.compile(r"\d")


PRIORITY: dict[str, int] = {
    "email": 0,
    "link": 1,
    "phone": 2,
    "money": 3,
    "date": 4,
    "person": 5,
    "organisation": 6,
    "programme": 7,
    "figure": 8,
}


def _strip_leading(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in GENERIC_LEADS:
        words.pop(0)
    return " ".join(words)


def _previous_word(text: str, end: int) -> str:
    """The word before white space that ends at `end`, scanned back by hand: a pattern searched over
    the text before each match would cost time growing with the square of the paragraph."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    if stop == end:
        return ""
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


# A minute's verb that starts a sentence: "Agreed the Board Priorities and Work Programme".
_SENTENCE_LEAD = re.compile(
    r"^(?:[A-Z][a-z]+ed|Agree|Note|Approve|Welcome|Endorse|Consider|Receive|Thank|Discuss|Support)\s+the\s+"
)
# A body's own plan of business, which every board has: not a programme with a name.
_OWN_PLAN = re.compile(r"^(?:(?:Forward|Annual|Draft|Scrutiny|Board|Committee|Future)\s+)*Work\s+(?:Programme|Plan)$")


def _programme_name(raw: str) -> str | None:
    """Trim a candidate programme name to the name itself, or None when nothing specific is left."""
    name = _SENTENCE_LEAD.sub("", raw)
    name = name.split(" and the ")[-1]
    pieces = name.split(" and ")
    if len(pieces) == 2 and _OWN_PLAN.match(pieces[1]):
        return None  # "the Board Priorities and Work Programme": two documents of the board
    if len(pieces) == 2 and (pieces[0].endswith(_EVENT_WORDS) or pieces[0].isupper()):
        name = pieces[1]  # "LGA Conference and Innovation Zone" names two things
    if _OWN_PLAN.match(name):
        return None
    name = _strip_leading(name)
    words = name.split()
    if len(words) < 2 and not re.fullmatch(r"[A-Z]{2,}\w*", name):
        return None
    if words[0] in GENERIC_LEADS:
        return None
    return name


def find_programmes(text: str, local: Local) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []

    def add(end: int, raw: str, value: str | None = None, start: int | None = None) -> None:
        name = _programme_name(raw)
        if name:
            out.append((end - len(name) if start is None else start, end, value or name))

    for m in _PROGRAMME_SUFFIXED.finditer(text) if _PROGRAMME_SUFFIX_GATE.search(text) else ():
        add(m.end(), m.group("name"))
    for m in _PROGRAMME_LOWER.finditer(text) if _PROGRAMME_LOWER_GATE.search(text) else ():
        name = _programme_name(m.group("name"))
        if name and len(name.split()) >= 1:
            out.append((m.end("name") - len(name), m.end(), f"{name} {m.group('suffix')}"))
    for m in _PROGRAMME_QUOTED.finditer(text) if _QUOTE_GATE.search(text) else ():
        out.append((m.start("name"), m.end("name"), m.group("name").strip()))
    for m in _PROGRAMME_GERUND.finditer(text):
        prev = _previous_word(text, m.start())
        if prev[:1].isupper() and not prev.endswith((":", ",", ";")):
            continue  # "Energy Saving Trust": the gerund is inside a longer name
        out.append((m.start("name"), m.end("name"), m.group("name")))
    # A phrase the report also uses as a heading ("Community Budgets" under "Community Budgets Report").
    head_set, head_stems, first_words = _heading_names(local.headings)
    # A chain is taken only when it is a heading (or its stem), so it begins with a heading's first
    # word (the words between may be spaced otherwise in the text).
    if head_set and any(word in text for word in first_words):
        for m in _CHAIN_RE.finditer(text):
            chain = _strip_leading(m.group(0))
            if len(chain.split()) < 2 or chain.split()[0] in GENERIC_LEADS:
                continue
            if chain in head_set or chain in head_stems:
                out.append((m.end() - len(chain), m.end(), chain))
    return out


@functools.lru_cache(maxsize=16)
def _heading_names(headings: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """Headings that can name a programme, the same headings without a trailing "Report" or
    "Update", and the words they begin with; computed once per report, not once per paragraph, so
    parsing stays linear."""
    heads = frozenset(h for h in headings if len(h.split()) >= 2 and not _NOT_PROGRAMME_HEADING.match(h))
    stems = frozenset(h[: m.start()] for h in heads if (m := re.search(_HEADING_TAIL + "$", h)))
    first_words = tuple(sorted({name.split()[0] for name in itertools.chain(heads, stems) if name.split()}))
    return heads, stems, first_words


_NOT_PROGRAMME_HEADING = re.compile(r"^(?:Appendix|Annex|Attendance|Contact|Apologies|Declarations|Note of|Minutes)\b")
_HEADING_TAIL = r"\s+(?:Report|Launch|Update|Review|Programme|Progress|News)"


def find_organisations(text: str, lexicon: Lexicon, local: Local) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _ORG_GOVT.finditer(text) if _GOVT_GATE.search(text) else ():
        name = re.sub(r"\s*\([A-Z]+\)$", "", m.group("name"))
        out.append((m.start("name"), m.start("name") + len(name), name))
    for m in _ORG_SUFFIXED.finditer(text) if _ORG_SUFFIX_GATE.search(text) else ():
        name = _ROLE_LEAD.sub("", _strip_leading(m.group("name")))
        if len(name.split()) < 2:
            continue  # "the Board": which board is for the reader to know, not an organisation name
        # "the Local Government Chronicle and Municipal Journal" names two bodies.
        for part in _split_conjoined(name):
            start = text.find(part, m.start("name"))
            if start < 0:  # the name was rejoined with single spaces where the text has a tab or newline
                continue
            out.append((start, start + len(part), part))
            # "Priya Natarajan of the Audit Commission": offer the body alone too, in case a person
            # claims the start of the phrase.
            for tail in re.finditer(r"\b(?:of|at|for|the)\s+(?=[A-Z])", part):
                rest = part[tail.end() :]
                if len(rest.split()) >= 2:
                    out.append((start + tail.end(), start + len(part), rest))
    for m in _ORG_AT_ROLE.finditer(text) if " at " in text else ():
        name = _strip_leading(m.group("name"))
        out.append((m.end("name") - len(name), m.end("name"), name))
    for m in _CAMEL.finditer(text) if _CAPITAL_LOWER_CAPITAL.search(text) else ():
        out.append((m.start(), m.end(), m.group(0)))
    defined = {m.group("acr") for m in _DEFINED_ACRONYM.finditer(text)} if _BRACKETED_ACRONYM.search(text) else set()
    for m in possible_acronyms(text):
        acr = m.group(0)
        if acr in defined or acr in local.acronyms or acr in lexicon.organisations:
            out.append((m.start(), m.end(), acr))
    return out


def _split_conjoined(name: str) -> list[str]:
    if " and the " in name:
        return [p for p in name.split(" and the ") if p]
    pieces = re.split(r"\s+(?:and|&)\s+", name)
    if len(pieces) == 2 and (re.search(rf"{ORG_SUFFIX}$", pieces[0]) or pieces[0].isupper()):
        return pieces
    return [name]


def find_contacts_bits(text: str) -> list[tuple[int, int, SpanKind, str]]:
    """Emails, links, phones and money: the spans whose shape alone says what they are."""
    out: list[tuple[int, int, SpanKind, str]] = []
    for m in _EMAIL.finditer(text) if "@" in text else ():
        out.append((m.start(), m.end(), "email", m.group(0).lower()))
    for m in _LINK.finditer(text) if _LINK_GATE.search(text) else ():
        url = m.group(0).rstrip(".,;:'’\"")
        out.append((m.start(), m.start() + len(url), "link", url))
    # phonenumbers is thorough but slow; only paragraphs with a run of ten or more digits can hold one.
    phones = phonenumbers.PhoneNumberMatcher(text, "GB") if _DIGIT_RUN.search(text) else ()
    for match in phones:
        national = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.NATIONAL)
        out.append((match.start, match.end, "phone", re.sub(r"\D", "", national)))
    for m in _MONEY.finditer(text) if _CURRENCY_GATE.search(text) else ():
        out.append((m.start(), m.end(), "money", m.group(0)))
    for m in _FIGURE.finditer(text) if _DIGIT.search(text) else ():
        out.append((m.start(), m.end(), "figure", m.group(0)))
    return out


NOTHING_LOCAL = Local()  # a paragraph read without its report (a test, a table cell)


def extract_spans(
    text: str, lexicon: Lexicon, local: Local = NOTHING_LOCAL, emphasis: Iterable[tuple[int, int]] = ()
) -> tuple[Span, ...]:
    """All entity spans of one paragraph, overlaps resolved by priority, plus emphasis."""
    candidates: list[tuple[int, int, SpanKind, str]] = list(find_contacts_bits(text))
    candidates += [(d.start, d.end, "date", d.iso or d.text) for d in find_dates(text)]
    candidates += [(a, b, "person", lexicon.surnames.get(v, v)) for a, b, v in find_people(text, lexicon, local)]
    candidates += [(a, b, "organisation", v) for a, b, v in find_organisations(text, lexicon, local)]
    candidates += [(a, b, "programme", v) for a, b, v in find_programmes(text, local)]
    candidates += lexicon.find(text)
    # Higher priority first, then longer spans, so "LG Inform Plus" beats "LG Inform".
    candidates.sort(key=lambda c: (PRIORITY[c[2]], -(c[1] - c[0]), c[0]))
    # Spans taken so far, disjoint and sorted, so their ends are sorted too: one bisection tells
    # whether a candidate overlaps any, and a paragraph with thousands of figures stays fast.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    spans: list[Span] = []
    for a, b, kind, value in candidates:
        if a >= b or not value:
            continue
        i = bisect.bisect_left(taken_starts, b)
        if i > 0 and taken_ends[i - 1] > a:
            continue
        taken_starts.insert(i, a)
        taken_ends.insert(i, b)
        spans.append(Span(a, b, kind, value))
    spans += [Span(a, b, "emphasis", text[a:b]) for a, b in emphasis if 0 <= a < b <= len(text)]
    spans.sort(key=lambda s: (s.start, s.end))
    return tuple(spans)
