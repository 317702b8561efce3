"""Find what a paragraph names, with character spans: people, programmes, organisations, dates,
money and figures, emails, phones and links.

Each finder returns candidate spans; `extract_spans` resolves overlaps by a fixed priority (an email
beats the name inside it, money beats a bare figure) so a character belongs to at most one entity.
A `Lexicon` carries names already known (a report's headings, the library's programmes and people)
so a programme named once in full is recognised wherever else it appears.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

from .dates import find_dates
from .model import Span, SpanKind
from .names import (
    CIVIC_TITLES,
    HONORIFIC,
    HONORIFIC_CAPITALS,
    NAME_WORD,
    NAME_WORD_CAPITALS,
    NOT_GIVEN,
    NOT_SURNAMES,
    POST_NOMINALS,
    POSTNOMINAL,
    ROLE_NOUN,
    canonical_name,
    is_given_name,
)

# A capitalised word in a proper-noun phrase (LGA, CapacityGRID, Sector-led); "LGA's" stops a phrase.
CAP = r"(?:[A-Z][A-Za-z0-9&+]*(?:-[A-Za-z]+)*)"
_CONNECT = r"(?:and|of|for|the|&|in|on|de|du)"
CHAIN = rf"{CAP}(?:\s+(?:{_CONNECT}\s+){{0,2}}{CAP})*"
_CHAIN_RE = re.compile(rf"(?<![\w'’-]){CHAIN}")
# Names are tried over at most this many capitalised words before the suffix, so a long run of
# capitalised words ("Cllr Cllr Cllr ...") costs linear time rather than quadratic.
MAX_NAME_WORDS = 12

PROGRAMME_SUFFIX = (
    r"(?:Programme|Program|Academy|Zone|Hub|Partnership|Exchange|Map|Navigator|Masterclass|Master Class|"
    r"Initiative|Scheme|Fund|Campaign|Challenge|Pilot|Project|Toolkit|Framework)"
)
_PROGRAMME_SUFFIXED = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{CAP}\s+(?:{_CONNECT}\s+){{0,2}}){{0,{MAX_NAME_WORDS}}}?{CAP}\s+{PROGRAMME_SUFFIX}(?:\s+{PROGRAMME_SUFFIX})*)\b"
)
_PROGRAMME_LOWER = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{CAP}\s+(?:{_CONNECT}\s+){{0,2}}){{0,{MAX_NAME_WORDS}}}{CAP})\s+(?P<suffix>programme|initiative|scheme|campaign)\b"
)
_PROGRAMME_QUOTED = re.compile(
    r"['‘\"“](?P<name>[A-Z][^'’\"”\n]{2,60}?)['’\"”]\s+(?:programme|campaign|initiative|scheme|project)\b"
)
# Initiatives are often named with a gerund: "Rewiring Public Services", "Highlighting Leadership".
_PROGRAMME_GERUND = re.compile(rf"(?<=[a-z,:] )(?P<name>[A-Z][a-z]+ing(?:\s+(?:{_CONNECT}\s+)?{CAP})+)")
_EVENT_WORDS = ("Conference", "Summit", "Meeting", "Awards", "Council", "Board")
_GENERIC_LEADS = {"The", "A", "An", "This", "That", "These", "Our", "Their", "Its", "New", "Further", "LGA"}

ORG_SUFFIX = (
    r"(?:Council|Councils Network|Network|Department|Office|Trust|Association|Agency|Authority|Board|"
    r"Commission|Committee|Institute|University|College|Society|Foundation|Group|Journal|Chronicle|"
    r"Magazine|Gazette|Times|Ltd|Limited|plc|LLP|Inc|Bank|Parliament|Assembly)"
)
# The suffix must end the name: "District Council Leaders" are people, not a body.
_ORG_SUFFIXED = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{CAP}\s+(?:{_CONNECT}\s+){{0,2}}){{0,{MAX_NAME_WORDS}}}?{CAP}\s+{ORG_SUFFIX})\b(?!\s+[A-Z][a-z])"
)
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
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_DEFINED_ACRONYM = re.compile(
    rf"(?<![\w'’-]){CAP}(?:\s+(?:{_CONNECT}\s+){{0,2}}{CAP}){{0,{MAX_NAME_WORDS}}}\s+\((?P<acr>[A-Z]{{2,6}})\)"
)
_CAMEL = re.compile(r"\b(?!Mc|Mac)[A-Z][a-z]+[A-Z][A-Za-z]*\b")
_NOT_ACRONYMS = {
    "LGBT", "COVID", "AGM", "FAQS", "ICT", "KPI", "KPIS", "CEO", "PDF", "HTML", "URL", "FAQ",
    "III", "VII", "VIII", "XII", "ARTICLE", "TEMPLATE", "DOCX", "XLSX",
    # English words and titles a heading or a minute writes in capitals.
    "THE", "AND", "FOR", "WITH", "FROM", "THAT", "THIS", "ALL", "ANY", "NOT", "BUT", "ARE", "WAS", "HAS",
    "MRS", "MISS", "CLLR", "CLLRS", "DATE", "TIME", "ITEM", "ITEMS", "PART", "NOTE", "NOTES", "NONE",
    "NOTED", "AGREED", "ACTION", "CHAIR", "BOARD", "AGENDA", "VENUE", "OTHER", "REPORT", "PLACE",
}  # fmt: skip
# A word in capitals beside another is a heading or a shouted line, not a body's short name.
_CAPITALS_BEFORE = re.compile(r"\b[A-Z]{2,}[\s,.:;'’-]*$")
_CAPITALS_AFTER = re.compile(r"^[\s,.:;'’-]*[A-Z]{2,}\b")


def _acronyms(text: str) -> Iterable[re.Match[str]]:
    """Words in capitals that may be a body's short name: not an English word, not inside a line
    written in capitals ("THE BOARD NOTED THE REPORT")."""
    for m in _ACRONYM.finditer(text):
        if m.group(0) in _NOT_ACRONYMS:
            continue
        a, b = m.span()
        if _CAPITALS_BEFORE.search(text, max(0, a - 12), a) or _CAPITALS_AFTER.match(text[b : b + 12]):
            continue
        yield m


_DIGIT_RUN = re.compile(r"\d(?:[\s().+-]{0,3}\d){9,}")
# The lookbehind starts a try only where a run begins, so a long word without "@" costs linear time.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\[\]()\"]+")
# A sum or a figure is at most 30 digits and commas (1,000,000,000,000,000 is 21): a try from each
# comma of "1,1,1,..." would otherwise read on to the end of the run, time growing with its square.
_MONEY = re.compile(
    r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|bn|m|k)\b)?|\b\d[\d,]{0,30}(?:\.\d+)?\s?(?:pounds|GBP)\b"
)
_FIGURE = re.compile(
    r"\b\d{1,3}(?:,\d{3}){1,10}(?:\.\d+)?\b(?:\s?(?:per cent|percent|%))?"
    r"|\b\d+(?:\.\d+)?\s?(?:per cent|percent|%|million|billion)"
    r"|\b\d{2,}(?:\.\d+)?\b"
)

# The words of a name are separated by spaces only: a tab or a line break ends the name.
_NAMES = rf"{NAME_WORD}(?: +{NAME_WORD}){{0,3}}"
_PERSON_HONORIFIC = re.compile(rf"\b(?=[A-Z])(?P<hon>{HONORIFIC})\s+(?P<names>{_NAMES})(?: +{POSTNOMINAL}\b)*")
# "COUNCILLOR MRS ENID MARCHBANKS": a heading or an attendance list in capitals.
_CAPITALS_STOP = r"(?!(?:AND|OF|THE|FOR|TO|IN|ON|AT|BY|WITH|FROM|CHAIR|CHAIRMAN|VICE|PRESENT|APOLOGIES)\b)"
_NAMES_CAPITALS = rf"{_CAPITALS_STOP}{NAME_WORD_CAPITALS}(?: +{_CAPITALS_STOP}{NAME_WORD_CAPITALS}){{0,3}}"
_PERSON_CAPITALS = re.compile(
    rf"\b(?=[A-Z]{{2}})(?P<hon>{HONORIFIC_CAPITALS})\s+(?P<names>{_NAMES_CAPITALS})(?: +{POSTNOMINAL}\b)*"
)
# "Cllrs Judi Billing, Vince Maple and I", "Councillors Shortland, Cadbury, Webb and I"
_PERSON_LIST = re.compile(
    rf"\b(?P<hon>Cllrs|Councillors)\s+(?P<names>{NAME_WORD}(?: +{NAME_WORD}){{0,2}}"
    rf"(?:(?:,\s*|\s+and\s+){NAME_WORD}(?: +{NAME_WORD}){{0,2}})+)"
)
_PERSON_POSTNOMINAL = re.compile(rf"\b(?P<names>{NAME_WORD}(?: +{NAME_WORD}){{1,3}}) +{POSTNOMINAL}\b")
_PERSON_GIVEN = re.compile(rf"(?<![\w'’-])(?P<names>{NAME_WORD} +{NAME_WORD}(?: +{NAME_WORD})?)(?![\w-])")
# A plain name its role introduces: "Owen Pryce, Principal Adviser, who", "Helen Marsh (Chief
# Executive)", "the Executive Director of Place, Nadia Kerr".
_ROLE_PHRASE = rf"(?:the\s+)?(?:[A-Z][\w&-]*\s+){{0,4}}{ROLE_NOUN}\b"
_PERSON_BEFORE_ROLE = re.compile(
    rf"(?<![\w'’-])(?P<names>{NAME_WORD}(?: +{NAME_WORD}){{1,2}})(?:,\s+|\s+\()(?={_ROLE_PHRASE})"
)
_PERSON_AFTER_ROLE = re.compile(
    rf"\b(?=[A-Z]){ROLE_NOUN}(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w&-]*\s+){{0,3}}?[A-Z][\w&-]*)?,\s+"
    rf"(?P<names>{NAME_WORD}(?: +{NAME_WORD}){{1,2}})(?![\w'’-]| +[A-Z][a-z])"
)
_CAPITALISED_NEXT = re.compile(r" [A-Z][a-z]")
_OBJECT_OF = re.compile(r"\b(?:of|for|the|to|in|on|at)\s+$")
# Cheap tests that let most paragraphs skip the costlier patterns: a role's name, a post-nominal, a
# title in capitals (substring tests run in C, far faster than a pattern tried at every position).
_ROLE_GATE = re.compile(ROLE_NOUN)
_POSTNOMINAL_GATE = tuple(p.upper() for p in POST_NOMINALS)
_CAPITALS_GATE = tuple({t.upper()[:4] for t in CIVIC_TITLES if len(t) > 2} | {"MR", "MS", "DR"})

# Words without which a pattern cannot match: a paragraph without any is not searched with it. Each
# costs a plain substring search, far less than trying a pattern at every capitalised word (at 2,000
# reports, a fifth of the parse went on patterns that had nothing to find).
_PROGRAMME_SUFFIX_WORDS = tuple(PROGRAMME_SUFFIX[3:-1].split("|"))
_PROGRAMME_LOWER_WORDS = ("programme", "initiative", "scheme", "campaign")
_QUOTES = ("'", "‘", '"', "“")
_CURRENCY = ("£", "$", "€", "pounds", "GBP")
_ORG_SUFFIX_WORDS = tuple(ORG_SUFFIX[3:-1].split("|"))
_LINK_STARTS = ("http://", "https://", "www.")
_DIGIT = re.compile(r"\d")


def _holds(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


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


@dataclass(frozen=True, slots=True)
class Local:
    """What one report tells about its own names: its headings, and places ("Milton Keynes Council")."""

    headings: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()  # used twice or more in the report: a body's short name


_PLACE = re.compile(rf"(?P<place>{NAME_WORD}(?:\s+{NAME_WORD})?)\s+(?:City |Borough |District |County )?Council\b")


def local_names(text: str, headings: Iterable[str]) -> Local:
    counts = Counter(m.group(0) for m in _acronyms(text))
    acronyms = frozenset(a for a, n in counts.items() if n >= 2)
    return Local(tuple(headings), frozenset(m.group("place") for m in _PLACE.finditer(text)), acronyms)


_WORD = re.compile(r"[\w&+'’-]+")
# A later edition of a known programme: "LG Inform" -> "LG Inform Plus".
_EDITIONS = {"Plus", "Online", "Live", "Digital", "II", "III", "2", "3"}


@dataclass(slots=True)
class Lexicon:
    """Names known before this paragraph is read: the whole library's programmes, bodies and people.

    `find` looks names up word by word (a dictionary keyed by word tuples), so its cost grows with
    the text, not with the number of names the library knows.
    """

    programmes: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    surnames: dict[str, str] = field(default_factory=dict)  # "Shortland" -> "Jill Shortland", when unique
    # one person written two ways across the library: "Tom Harley Ross" -> "Tom Harley-Ross"
    spellings: dict[str, str] = field(default_factory=dict)
    _terms: dict[tuple[str, ...], tuple[str, SpanKind]] = field(default_factory=dict)
    _first: dict[str, int] = field(default_factory=dict)  # first word -> most words in a name it starts
    _built_for: tuple[int, int] = (-1, -1)

    def _index(self) -> None:
        size = (len(self.programmes), len(self.organisations))
        if self._built_for == size:
            return
        self._terms, self._first = {}, {}
        for kind, names in (("programme", self.programmes), ("organisation", self.organisations)):
            for name in names:
                words = tuple(_WORD.findall(name))
                if words and words[0][:1].isupper():
                    self._terms.setdefault(words, (name, kind))  # type: ignore[arg-type]
                    self._first[words[0]] = max(self._first.get(words[0], 0), len(words))
        self._built_for = size

    def find(self, text: str) -> list[tuple[int, int, SpanKind, str]]:
        """Known programmes and organisations in `text`: longest first, left to right."""
        self._index()
        out: list[tuple[int, int, SpanKind, str]] = []
        if not self._first:
            return out
        resume = 0
        for m in _CAPITALISED.finditer(text):
            longest = self._first.get(m.group(0))
            if longest is None or m.start() < resume:
                continue
            words = [m]
            pos = m.end()
            while len(words) < longest + 1 and (w := _NEXT_WORD.match(text, pos)):
                words.append(w)
                pos = w.end()
            for n in range(min(longest, len(words)), 0, -1):
                hit = self._terms.get(tuple(w.group(1) if w.re is _NEXT_WORD else w.group(0) for w in words[:n]))
                if hit is None:
                    continue
                name, kind = hit
                end = words[n - 1].end()
                if n < len(words) and words[n].group(1) in _EDITIONS and words[n].start(1) - end == 1:
                    name, end = f"{name} {words[n].group(1)}", words[n].end()
                out.append((m.start(), end, kind, name))
                resume = end
                break
        return out


_CAPITALISED = re.compile(r"(?<![\w&+'’-])[A-Z][\w&+'’-]*")
_NEXT_WORD = re.compile(r"[^\w&+'’-]{1,3}([\w&+'’-]+)")


def _strip_leading(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in _GENERIC_LEADS:
        words.pop(0)
    return " ".join(words)


def _plain_name(words: list[str], lexicon: Lexicon, local: Local, strict: bool = True) -> str | None:
    """The name these capitalised words make, or None when they make a place, a body or a phrase.
    Without `strict` (a post-nominal vouches for a person) a given name that is also a word counts."""
    if not words or (strict and words[0] in NOT_GIVEN) or words[0] in _GENERIC_LEADS:
        return None
    if any(w in NOT_SURNAMES or (strict and w in NOT_GIVEN) for w in words[1:]):
        return None
    candidate = " ".join(words)
    if candidate in local.places or any(candidate in p for p in lexicon.organisations):
        return None
    return candidate


def _capitals_name(words: list[str]) -> list[str]:
    """The words of a name in capitals, whose end no case marks: initials and a surname ("R J
    TOLHURST"), a given name and a surname ("ENID MARCHBANKS"), else a surname alone ("SMITH")."""
    initials = 0
    while initials < len(words) - 1 and len(words[initials].rstrip(".")) == 1:
        initials += 1
    if initials:
        return words[: initials + 1]
    if len(words) > 1 and is_given_name(words[0].title()):
        return words[:2]
    return words[:1]


def find_people(text: str, lexicon: Lexicon, local: Local) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _PERSON_LIST.finditer(text):
        offset = m.start("names")
        for i, part in enumerate(re.split(r",\s*|\s+and\s+", m.group("names"))):
            start = text.index(part, offset)
            offset = start + len(part)
            if part not in {"I", "Me"} and (name := canonical_name(part)):
                out.append((m.start() if i == 0 else start, offset, name))
    capitals = any(t in text for t in _CAPITALS_GATE)
    for pattern in (_PERSON_HONORIFIC, _PERSON_CAPITALS) if capitals else (_PERSON_HONORIFIC,):
        for m in pattern.finditer(text):
            if m.group("hon").split()[0] in {"Cllrs", "Councillors"}:
                continue
            words = m.group("names").split()
            while len(words) > 1 and words[-1] in NOT_SURNAMES:
                words.pop()  # "Cllr Ann Lee Council" never: the name ends before a body's word
            if pattern is _PERSON_CAPITALS:
                words = _capitals_name(words)
            end = m.start("names") + len(" ".join(words)) if len(words) < len(m.group("names").split()) else m.end()
            if name := canonical_name(text[m.start() : end]):
                out.append((m.start(), end, name))
    postnominals = _PERSON_POSTNOMINAL.finditer(text) if _holds(text, _POSTNOMINAL_GATE) else ()
    for m in postnominals:
        if _plain_name(m.group("names").split(), lexicon, local, strict=False):
            out.append((m.start(), m.end(), canonical_name(m.group(0))))
    for pattern in (_PERSON_BEFORE_ROLE, _PERSON_AFTER_ROLE) if _ROLE_GATE.search(text) else ():
        for m in pattern.finditer(text):
            if _OBJECT_OF.search(text, max(0, m.start("names") - 8), m.start("names")):
                continue  # "the Cabinet Member for Adult Care, the Director": a portfolio, not a person
            if plain := _plain_name(m.group("names").split(), lexicon, local):
                out.append((m.start("names"), m.end("names"), canonical_name(plain)))
    for m in _PERSON_GIVEN.finditer(text):
        words = m.group("names").split()
        if not is_given_name(words[0]):
            continue
        if words[-1] in NOT_SURNAMES:
            continue  # "Fair Funding Review", "Ann Lee Centre": a name ending in a thing names the thing
        while len(words) > 2 and words[-1].endswith("."):
            words.pop()
        end = m.start() + len(" ".join(words))
        # "Ray Joined Northshire Fire": capitalised words running on past a name make a heading.
        if len(words) == 3 and _CAPITALISED_NEXT.match(text, end):
            continue
        candidate = _plain_name(words, lexicon, local)
        if candidate is None:
            continue
        after = text[end:].lstrip()
        if re.match(r"(?:Council|City|Borough|District|County)\b", after):
            continue
        out.append((m.start(), end, canonical_name(candidate)))
    return out


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
    if words[0] in _GENERIC_LEADS:
        return None
    return name


def find_programmes(text: str, local: Local) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []

    def add(end: int, raw: str, value: str | None = None, start: int | None = None) -> None:
        name = _programme_name(raw)
        if name:
            out.append((end - len(name) if start is None else start, end, value or name))

    for m in _PROGRAMME_SUFFIXED.finditer(text) if _holds(text, _PROGRAMME_SUFFIX_WORDS) else ():
        add(m.end(), m.group("name"))
    for m in _PROGRAMME_LOWER.finditer(text) if _holds(text, _PROGRAMME_LOWER_WORDS) else ():
        name = _programme_name(m.group("name"))
        if name and len(name.split()) >= 1:
            out.append((m.end("name") - len(name), m.end(), f"{name} {m.group('suffix')}"))
    for m in _PROGRAMME_QUOTED.finditer(text) if _holds(text, _QUOTES) else ():
        out.append((m.start("name"), m.end("name"), m.group("name").strip()))
    for m in _PROGRAMME_GERUND.finditer(text):
        prev = _previous_word(text, m.start())
        if prev[:1].isupper() and not prev.endswith((":", ",", ";")):
            continue  # "Energy Saving Trust": the gerund is inside a longer name
        out.append((m.start("name"), m.end("name"), m.group("name")))
    # A phrase the report also uses as a heading ("Community Budgets" under "Community Budgets Report").
    head_set, head_stems = _heading_names(local.headings)
    if head_set:
        for m in _CHAIN_RE.finditer(text):
            chain = _strip_leading(m.group(0))
            if len(chain.split()) < 2 or chain.split()[0] in _GENERIC_LEADS:
                continue
            if chain in head_set or chain in head_stems:
                out.append((m.end() - len(chain), m.end(), chain))
    return out


@functools.lru_cache(maxsize=16)
def _heading_names(headings: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Headings that can name a programme, and the same headings without a trailing "Report" or
    "Update"; computed once per report, not once per paragraph, so parsing stays linear."""
    heads = frozenset(h for h in headings if len(h.split()) >= 2 and not _NOT_PROGRAMME_HEADING.match(h))
    stems = frozenset(h[: m.start()] for h in heads if (m := re.search(_HEADING_TAIL + "$", h)))
    return heads, stems


_NOT_PROGRAMME_HEADING = re.compile(r"^(?:Appendix|Annex|Attendance|Contact|Apologies|Declarations|Note of|Minutes)\b")
_HEADING_TAIL = r"\s+(?:Report|Launch|Update|Review|Programme|Progress|News)"


def find_organisations(text: str, lexicon: Lexicon, local: Local) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _ORG_GOVT.finditer(text):
        name = re.sub(r"\s*\([A-Z]+\)$", "", m.group("name"))
        out.append((m.start("name"), m.start("name") + len(name), name))
    for m in _ORG_SUFFIXED.finditer(text) if _holds(text, _ORG_SUFFIX_WORDS) else ():
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
    for m in _ORG_AT_ROLE.finditer(text):
        name = _strip_leading(m.group("name"))
        out.append((m.end("name") - len(name), m.end("name"), name))
    for m in _CAMEL.finditer(text):
        out.append((m.start(), m.end(), m.group(0)))
    defined = {m.group("acr") for m in _DEFINED_ACRONYM.finditer(text)} if "(" in text else set()
    for m in _acronyms(text):
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
    for m in _LINK.finditer(text) if _holds(text, _LINK_STARTS) else ():
        url = m.group(0).rstrip(".,;:'’\"")
        out.append((m.start(), m.start() + len(url), "link", url))
    # phonenumbers is thorough but slow; only paragraphs with a run of ten or more digits can hold one.
    phones = phonenumbers.PhoneNumberMatcher(text, "GB") if _DIGIT_RUN.search(text) else ()
    for match in phones:
        national = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.NATIONAL)
        out.append((match.start, match.end, "phone", re.sub(r"\D", "", national)))
    for m in _MONEY.finditer(text) if _holds(text, _CURRENCY) else ():
        out.append((m.start(), m.end(), "money", m.group(0)))
    for m in _FIGURE.finditer(text) if _DIGIT.search(text) else ():
        out.append((m.start(), m.end(), "figure", m.group(0)))
    return out


def extract_spans(
    text: str, lexicon: Lexicon, local: Local = Local(), emphasis: Iterable[tuple[int, int]] = ()
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
