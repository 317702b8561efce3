"""What a paper's title says of it: the body that met ("Resources Board", "Rural Growth Panel") and who
wrote it ("report from Cllr Peter Fleming"), when a layout has not said so already."""

from __future__ import annotations

import re

from .clean import clean_inline
from .model import ReportKind
from .names import canonical_name

# Tries start only where a word starts and words are taken whole (possessive): a title of one long
# word ("O'AO'AO'A...") would otherwise be read again from every apostrophe.
_BOARD = re.compile(
    r"(?<![\w'’-])(?P<board>(?:[A-Z][\w'’-]*+,?\s+(?:(?:&|and|of|for)\s+)?){0,12}?(?:[A-Z][\w'’-]*+\s+)?Board)\b"
)
# "Note of the Rural Growth Panel meeting", "Minutes of the Flood Resilience Group": the body that met
# is the run of capitalised words after "of", whatever it calls itself (a panel, a forum, a group).
_NOTE_OF = re.compile(r"^(?:Notes?|Minutes|Record|Summary)\s+of\s+(?:the\s+|last\s+)?(?P<rest>.+)$")
_WORD_OF_A_NAME = re.compile(r"[\w'’-]+")
_BODY_JOINS = {"and", "of", "for", "&"}
_NOT_A_BODY = {"Previous", "Last", "Next", "Meeting", "Meetings", "Annual", "Special", "Extraordinary", "Held"}
# "from Cllr Peter Fleming (Chairman)": stop at a bracket, a comma or a spaced dash, not a hyphen.
_AUTHOR = re.compile(r"\bfrom\s+(?:the\s+)?(?P<who>(?:(?!\s[–-]\s)[^(),])+?)\s*(?:\(|$|,|\s[–-]\s)")
_ROLES = {
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "vice-chair",
    "leader",
    "president",
    "mayor",
    "board",
    "committee",
    "chief",
    "executive",
    "director",
    "secretary",
    "officer",
    "officers",
    "deputy",
    "vice",
}


def find_board(title: str, fields: dict[str, str]) -> str | None:
    for key in ("board", "title"):
        if key in fields and "board" in fields[key].lower():
            return clean_inline(fields[key]).text
    m = _BOARD.search(title)
    if not m:
        return _body_met(title)
    words = m.group("board").split()
    while words and words[0] in {"Note", "Notes", "Report", "Minutes", "The", "Of", "Last"}:
        words.pop(0)
    return " ".join(words) or None


def _is_body_word(word: str) -> bool:
    """A capitalised word in mixed case ("Panel", "Members'"), not one in capitals."""
    return "A" <= word[:1] <= "Z" and not word.isupper() and _WORD_OF_A_NAME.fullmatch(word) is not None


def _body_met(title: str) -> str | None:
    """The body a note of a meeting names after "of": "Note of the Rural Growth Panel meeting" ->
    "Rural Growth Panel". None for a title that names only a meeting ("Minutes of the Previous
    Meeting") or is written in capitals (a parish's minutes say which council in their own layout)."""
    m = _NOTE_OF.match(title)
    if not m:
        return None
    words: list[str] = []
    for word in m.group("rest").replace(",", " , ").split():
        if not (_is_body_word(word) or (words and (word in _BODY_JOINS or word == ","))):
            break
        words.append(word)
    while words and (words[-1] in _BODY_JOINS or words[-1] in {",", "Meeting"}):
        words.pop()
    if not words or all(w in _NOT_A_BODY or w in _BODY_JOINS for w in words):
        return None
    return " ".join(words).replace(" , ", ", ")


def find_author(title: str, kind: ReportKind) -> str | None:
    if kind == "meeting_note":
        return None
    m = _AUTHOR.search(title)
    if not m:
        return None
    name = canonical_name(m.group("who"))
    words = name.split()
    # "Report from the Chair" names a role, not a person.
    if not words or any(w.lower() in _ROLES or not w[:1].isupper() for w in words):
        return None
    return name
