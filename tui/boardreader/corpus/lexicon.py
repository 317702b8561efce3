"""What the parser knows of names before it reads a paragraph: the library's (`Lexicon`: programmes,
bodies and people already known, looked up word by word) and the report's own (`Local`: its
headings, the places it names, the acronyms it uses twice), with the small lexical facts every
finder shares (words that lead a phrase but never a name, capitals that may be a body's acronym).
The finders are in people.py (people) and entities.py (everything else)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import SpanKind
from .names import NAME_WORD

# Words that lead a phrase but never a name ("The Board", "Our Programme").
GENERIC_LEADS = {"The", "A", "An", "This", "That", "These", "Our", "Their", "Its", "New", "Further", "LGA"}


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A search for any of the words in a text: the gate before a costlier pattern, one search in C
    for all of them (a substring test a word, in a Python loop, was a tenth of the parse). Made once
    where the gate is defined: looking it up by its words at each test cost more than the search."""
    return re.compile("|".join(map(re.escape, words)))


# "\b[A-Z]{3,6}\b", written to open with its first capital: a pattern that opens with "\b" gives re
# no first character to scan for, so it was tried at every position of the text.
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{2,5}\b")
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


def possible_acronyms(text: str) -> Iterable[re.Match[str]]:
    """Words in capitals that may be a body's short name: not an English word, not inside a line
    written in capitals ("THE BOARD NOTED THE REPORT")."""
    for m in _ACRONYM.finditer(text):
        if m.group(0) in _NOT_ACRONYMS:
            continue
        a, b = m.span()
        if _CAPITALS_BEFORE.search(text, max(0, a - 12), a) or _CAPITALS_AFTER.match(text[b : b + 12]):
            continue
        yield m


@dataclass(frozen=True, slots=True)
class Local:
    """What one report tells about its own names: its headings, and places ("Milton Keynes Council")."""

    headings: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()  # used twice or more in the report: a body's short name


_PLACE = re.compile(rf"(?P<place>{NAME_WORD}(?:\s+{NAME_WORD})?)\s+(?:City |Borough |District |County )?Council\b")


def local_names(text: str, headings: Iterable[str]) -> Local:
    counts = Counter(m.group(0) for m in possible_acronyms(text))
    acronyms = frozenset(a for a, n in counts.items() if n >= 2)
    return Local(tuple(headings), frozenset(m.group("place") for m in places(text)), acronyms)


def places(text: str) -> Iterator[re.Match[str]]:
    """What _PLACE.finditer(text) finds, tried only at the capitals just before each "Council": the
    pattern tried at every capital of a whole report was a twentieth of its parse.

    A match is one or two words of a name, white space, perhaps a word such as "City " and
    "Council": no more than three runs of white space stand between its start and "Council"
    (`_earliest_start`). So each "Council" is tried from there, and finditer's order kept: the
    positions are tried left to right, each once, and after a match the next is sought from its end.
    """
    found_to = 0  # where finditer would search from: the end of the last match
    tried_to = 0  # every position before this was tried, or cannot start a match
    council = text.find("Council")
    while council >= 0:
        match = None
        for start in range(_earliest_start(text, council, max(found_to, tried_to)), council):
            if "A" <= text[start] <= "Z" and (match := _PLACE.match(text, start)):
                break
        if match:
            yield match
            found_to = tried_to = match.end()
            council = text.find("Council", found_to)
        else:
            tried_to = max(tried_to, council)
            council = text.find("Council", council + 1)


def _earliest_start(text: str, council: int, floor: int) -> int:
    """The first place from `floor` on where a _PLACE match that ends at the "Council" at `council`
    can start: the start of the third run of characters other than white space before it (no match
    holds four runs of white space, and white space cannot start one). Read back no further than
    `floor`, so that a long text read "Council" by "Council" is read once."""
    at = council
    for _ in range(3):
        while at > floor and text[at - 1].isspace():  # what \s matches
            at -= 1
        while at > floor and not text[at - 1].isspace():
            at -= 1
    return at


_WORD = re.compile(r"[\w&+'’-]+")
# A later edition of a known programme: "LG Inform" -> "LG Inform Plus".
_EDITIONS = {"Plus", "Online", "Live", "Digital", "II", "III", "2", "3"}


@dataclass(slots=True)
class Lexicon:
    """Names known before this paragraph is read: the whole library's programmes, bodies and people.

    `find` looks names up word by word (a dictionary keyed by word tuples), from the places where a
    name's first word stands; one regular expression of every first word finds those places in C.
    Its cost grows with the text and with the names found, hardly with the number known.
    """

    programmes: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    surnames: dict[str, str] = field(default_factory=dict)  # "Shortland" -> "Jill Shortland", when unique
    # one person written two ways across the library: "Tom Harley Ross" -> "Tom Harley-Ross"
    spellings: dict[str, str] = field(default_factory=dict)
    _terms: dict[tuple[str, ...], tuple[str, SpanKind]] = field(default_factory=dict)
    _first: dict[str, int] = field(default_factory=dict)  # first word -> most words in a name it starts
    _first_words: re.Pattern[str] | None = None  # any first word, whole
    _built_for: tuple[int, int] = (-1, -1)

    def _index(self) -> None:
        size = (len(self.programmes), len(self.organisations))
        if self._built_for == size:
            return
        self._terms, self._first = {}, {}
        for kind, names in (("programme", self.programmes), ("organisation", self.organisations)):
            for name in names:
                words = tuple(_WORD.findall(name))
                if words and "A" <= words[0][0] <= "Z":
                    self._terms.setdefault(words, (name, kind))  # type: ignore[arg-type]
                    self._first[words[0]] = max(self._first.get(words[0], 0), len(words))
        # One search in C finds a first word (whole, and longest first: "LGA" before "LG") with the
        # words after it, as many as the longest name has. Only first words: an alternation of plain
        # words compiles in milliseconds for thousands of names, where one pattern holding every
        # whole name (a character class between each two words) took a second for a thousand.
        first_words = "|".join(map(re.escape, sorted(self._first, key=lambda w: (-len(w), w))))
        following = ""
        for _ in range(max(self._first.values(), default=0)):
            following = rf"(?:[^\w&+'’-]{{1,3}}([\w&+'’-]+){following})?"
        self._first_words = re.compile(rf"({first_words})(?![\w&+'’-]){following}") if first_words else None
        self._built_for = size

    def find(self, text: str) -> list[tuple[int, int, SpanKind, str]]:
        """Known programmes and organisations in `text`: longest first, left to right."""
        self._index()
        out: list[tuple[int, int, SpanKind, str]] = []
        if self._first_words is None:
            return out
        terms, first, search = self._terms, self._first, self._first_words.search
        pos = 0
        while m := search(text, pos):
            start = m.start()
            if start and _WORD_CHAR.match(text, start - 1):  # the end of a longer word
                pos = start + 1
                continue
            words = [w for w in m.groups() if w is not None]
            longest = first[words[0]]
            for n in range(min(longest, len(words)), 0, -1):
                hit = terms.get(tuple(words[:n]))
                if hit is None:
                    continue
                name, kind = hit
                end = m.end(n)
                if n < len(words) and words[n] in _EDITIONS and m.start(n + 1) - end == 1:
                    name, end = f"{name} {words[n]}", m.end(n + 1)
                out.append((start, end, kind, name))
                pos = end
                break
            else:
                pos = m.end(1)
        return out


_WORD_CHAR = re.compile(r"[\w&+'’-]")
