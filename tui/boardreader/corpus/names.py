"""People's names: honorifics, post-nominals, given names and canonical forms.

A board paper writes one person many ways: "Cllr Mrs Jill Shortland OBE", "COUNCILLOR SHORTLAND",
"Jill Shortland's apologies". The canonical name drops honorifics and post-nominals. nameparser
splits a name into title, given, middle, surname and post-nominals; we configure it with the titles
and post-nominals of civic life below (its default titles hold given names such as "Dean" and
"Judge"), and the patterns that find names in text are built from the same two lists, so a title is
added in one place. nameparser takes about a millisecond a name, so it is asked only about a name
that carries a title, a post-nominal or capitals, and each answer is cached. To tell "Joan Munro"
from "Local Government" when no honorific stands before a name, we ask gender-guesser's dictionary
of 40,000 given names whether the first word is one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .patterns import at_word_start

# Titles a name can carry in civic life, as words (a title of several words is several entries).
CIVIC_TITLES = (
    "cllr", "cllrs", "councillor", "councillors", "mr", "mrs", "ms", "miss", "mx", "dr", "professor",
    "prof", "lord", "lady", "baroness", "baron", "sir", "dame", "mayor", "alderman", "deputy", "deacon",
    "revd", "rev", "reverend", "canon", "rt", "hon", "the",
)  # fmt: skip
POST_NOMINALS = (
    "jp", "dl", "mbe", "obe", "cbe", "kbe", "dbe", "cvo", "mp", "mep", "kc", "qc", "frsa", "fca",
)  # fmt: skip
# The titles that may stand before a name in running text, longest first. "The" and "Deputy" only
# lead a longer title ("The Revd", "Deputy Mayor").
_LEADING = (
    "Councillors", "Councillor", "Cllrs", "Cllr", "Professor", "Prof", "Baroness", "Baron", "Alderman",
    "Reverend", "Revd", "Rev", "Canon", "Deacon", "Mayor", "Lord", "Lady", "Dame", "Sir", "Mrs", "Miss",
    "Mr", "Ms", "Mx", "Dr",
)  # fmt: skip
_LEADING_RE = "|".join(_LEADING)
HONORIFIC = (
    rf"(?:(?:The\s+)?Rt\.?\s+Hon\.?|The\s+(?:Revd|Rev|Reverend)\.?|Deputy\s+Mayor|(?:{_LEADING_RE})\.?)"
    rf"(?:\s+(?:{_LEADING_RE})\.?)*"
)
# The same where a word starts, opening with its first letter (see patterns.py): each form a branch.
_HONORIFIC_FORMS = [
    r"The\s+Rt\.?\s+Hon\.?", r"Rt\.?\s+Hon\.?", r"The\s+(?:Revd|Rev|Reverend)\.?", r"Deputy\s+Mayor",
    *(rf"{title}\.?" for title in _LEADING),
]  # fmt: skip
HONORIFIC_AT_WORD_START = rf"(?:{at_word_start(_HONORIFIC_FORMS)})(?:\s+(?:{_LEADING_RE})\.?)*"
# The same titles in capitals, for headings and attendance lists written in capitals.
HONORIFIC_CAPITALS = (
    rf"(?:(?:THE\s+)?RT\.?\s+HON\.?|THE\s+REVD|(?:{_LEADING_RE.upper()})\.?)(?:\s+(?:{_LEADING_RE.upper()})\.?)*"
)
POSTNOMINAL = "(?:" + "|".join(p.upper() for p in POST_NOMINALS) + ")"
# One word of a name: Fleming, O'Neill, McShane, Hodgson-Smith; an initial like "J." or "R" also
# counts. A possessive ends the word: "Ashdown's apologies" names Ashdown.
NAME_WORD = (
    r"(?:[A-Z](?:[a-z]+|['’][A-Z][a-z]+|c[A-Z][a-z]+|ac[A-Z][a-z]+)(?:-[A-Z][a-z]+)?(?:(?![\w'’])|(?=['’]s\b))"
    r"|[A-Z]\.|[A-Z](?= [A-Z]))"
)
# NAME_WORD after its first capital, so that a pattern can open with that capital (see patterns.py).
NAME_WORD_AFTER_CAPITAL = (
    r"(?:(?:[a-z]+|['’][A-Z][a-z]+|c[A-Z][a-z]+|ac[A-Z][a-z]+)(?:-[A-Z][a-z]+)?(?:(?![\w'’])|(?=['’]s\b))"
    r"|\.|(?= [A-Z]))"
)
# A word of a name written in capitals: ENID, O'NEILL, HARLEY-ROSS.
NAME_WORD_CAPITALS = r"(?:[A-Z](?:[A-Z]+|['’][A-Z]{2,})(?:-[A-Z]{2,})?(?![\w'’])|[A-Z]\.?(?= [A-Z]))"
_TITLE_WORDS = frozenset(CIVIC_TITLES) | {"ciir", "cllrs"}
_POSTNOMINAL_WORDS = frozenset(POST_NOMINALS)
# Capitalised words that follow a given name yet make a place or body, not a person.
NOT_SURNAMES = {
    "Council", "Councils", "Board", "Government", "Programme", "Academy", "Zone", "Street", "Road",
    "House", "Square", "Hall", "Centre", "Center", "City", "County", "Borough", "District",
    "University", "College", "School", "Trust", "Office", "Department", "Ministry", "Network",
    "Partnership", "Group", "Committee", "Forum", "Fund", "Hub", "Station", "Park", "Bridge",
    "Conference", "Award", "Awards", "Day", "Week", "Report", "Plan", "Strategy", "Act", "Bill",
    "Lane", "Avenue", "Close", "Drive", "Way", "Place", "Court", "Gardens", "Crescent", "Green", "Fire",
    "Rescue", "Police", "Service", "Services", "Ltd", "Limited", "Waste", "Homes", "Housing", "Item",
    "Review", "Inquiry", "Commission", "Panel", "Policy", "Scheme", "Tel", "Telephone", "Phone", "Email",
    "Mobile", "Fax",
}  # fmt: skip
# Roles that introduce or follow a plain name: "Owen Pryce, Principal Adviser", "(Chief Executive)".
ROLE_NOUN = (
    r"(?:Adviser|Advisor|Officer|Director|Manager|Executive|Chair|Chairman|Chairwoman|Chairperson|"
    r"Vice-Chair|Vice Chair|Clerk|Secretary|Treasurer|Head|Lead|Leader|Solicitor|Accountant|"
    r"Controller|Co-ordinator|Coordinator|Analyst|Consultant|Planner|Engineer|Inspector|Governor|"
    r"Trustee|Member|Monitoring Officer|Scrutiny Officer|Auditor|Architect|Commissioner)"
)

# Capitalised English words that the given-name dictionary also lists ("The", "Key", "Will").
NOT_GIVEN = {
    "The", "A", "An", "This", "That", "These", "Those", "Our", "Your", "Their", "His", "Her", "Its", "My",
    "We", "It", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "But", "Or", "As", "If", "So",
    "Key", "Open", "New", "Next", "Last", "Future", "Early", "Grant", "Bill", "Will", "May", "Mark", "Rich",
    "Young", "Long", "Read", "Hope", "Major", "General", "Prime", "Royal", "Chief", "Deputy", "Lead",
    "Leading", "Page", "Item", "Members", "Board", "Council", "Local", "Social", "Health", "Best",
    "Case", "Check", "Chase", "Sterling", "Art", "Gay", "Guy", "Pat", "Sunny", "Summer", "Autumn", "Winter",
    "Spring", "Peer", "Ray", "Dean", "Dale", "Glen", "Lane", "Paris", "Jordan", "Victoria", "Chelsea", "Florence",
    "Agreed", "Noted", "Resolved", "Present", "Apologies", "Minutes", "Action", "Owner", "Contact",
}  # fmt: skip


@cache
def given_names() -> frozenset[str]:
    """Every given name in gender-guesser's dictionary, in lower case: the names its Detector knows.

    Read from the dictionary's file here, not through the Detector: the Detector keeps a gender and
    fifty countries' figures for each of its 61,000 names, reading the file a line at a time, which
    took a quarter of a second before the first file of a cold load could be parsed; one search
    over the file's bytes takes a quarter of that. A name written with "+" ("Abdel+Aziz") stands for
    its three spellings ("abdelaziz", "abdel aziz", "abdel-aziz"), as the Detector reads it. A test
    holds this to the Detector's own list.
    """
    import gender_guesser.detector as gender

    data = (Path(gender.__file__).parent / "data" / "nam_dict.txt").read_bytes()
    # A line is a gender code, the name, then the countries' figures; "#" and "=" lines are comments.
    found = re.findall(rb"^[ \t]*[^#=\s]\S*[ \t]+(\S+)", data, re.MULTILINE)
    names = set(b"\n".join(found).decode("utf-8").lower().split("\n"))
    joined = {name for name in names if "+" in name}
    names -= joined
    names.update(name.replace("+", joint) for name in joined for joint in ("", " ", "-"))
    return frozenset(names)


def load_dictionaries() -> None:
    """The given names read and nameparser imported and configured, now: worker processes forked
    after this share them, rather than each (and the library pass after them) reading its own."""
    given_names()
    _name_constants()


def is_given_name(word: str) -> bool:
    """True when `word` is a given name in gender-guesser's dictionary."""
    if len(word) < 2 or not word[0].isupper() or word in NOT_GIVEN:
        return False
    return word.lower() in given_names()


@cache
def _name_constants() -> Any:
    from nameparser import HumanName  # noqa: F401 (imported with its constants: see load_dictionaries)
    from nameparser.config import Constants

    return Constants(
        titles=_TITLE_WORDS,
        first_name_titles=("sir", "dame", "lord", "lady", "baroness", "baron"),
        suffix_acronyms=_POSTNOMINAL_WORDS,
        suffix_not_acronyms=(),
        conjunctions=("and", "&"),
    )


def _possessive(word: str) -> str:
    return word[:-2] if len(word) > 3 and word[-2:] in ("'s", "’s") else word


# A word of a name in mixed case, or an initial: the shape whose parts need no parser.
_PLAIN_WORD = re.compile(r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+|c[A-Z][a-z]+|ac[A-Z][a-z]+)?(?:-[A-Z][a-z]+)*")


@lru_cache(maxsize=65536)
def canonical_name(raw: str) -> str:
    """'Cllr Mrs Jill Shortland OBE' -> 'Jill Shortland'; 'Councillor Wilcox' -> 'Wilcox';
    'COUNCILLOR MRS ENID MARCHBANKS' -> 'Enid Marchbanks'; "Joan Ashdown's" -> 'Joan Ashdown'.

    Titles before a name and post-nominals after it are taken off by the lists nameparser is
    configured with; a name that is then plain words in mixed case is done. Any other shape (capitals,
    a comma, a particle, a title inside the name) is parsed by nameparser, whose answers are cached.
    """
    words = [_possessive(w.strip(".,;:()")) for w in raw.split()]
    words = [w for w in words if w]
    plain = list(words)
    while plain and plain[0].lower() in _TITLE_WORDS:
        plain.pop(0)
    while plain and plain[-1].lower() in _POSTNOMINAL_WORDS:
        plain.pop()
    if all(_PLAIN_WORD.fullmatch(w) and w.lower() not in _TITLE_WORDS for w in plain):
        return " ".join(plain)
    # What nameparser can settle: capitals, a particle ("van der"), a title inside the name. Other
    # debris (digits, symbols) it cannot, and a hostile paper holds thousands of such names.
    irregular = any((w.isupper() and len(w) > 1) or w[:1].islower() or w.lower() in _TITLE_WORDS for w in plain)
    if not irregular or len(raw) > 80 or any(ch.isdigit() for ch in raw):
        return " ".join(plain)
    return _parsed_name(" ".join(words))


def _parsed_name(raw: str) -> str:
    from nameparser import HumanName

    parsed = HumanName(raw, constants=_name_constants())
    if any(len(w) > 1 and w.isupper() and w.lower() not in _POSTNOMINAL_WORDS for w in raw.split()):
        parsed.capitalize(force=True)  # ENID MARCHBANKS -> Enid Marchbanks, MCSHANE -> McShane
    name = " ".join(p for p in (parsed.first, parsed.middle, parsed.last) if p).split()
    # nameparser keeps a title word it could not place ("The"): drop what is still a title.
    while name and name[0].lower() in _TITLE_WORDS:
        name.pop(0)
    while name and name[-1].lower() in _POSTNOMINAL_WORDS:
        name.pop()
    return " ".join(name)


def same_person_key(name: str) -> str:
    """One key for the ways one name is written: 'Tom Harley-Ross' and 'Tom Harley Ross' are one."""
    return re.sub(r"[\s‐-]+", " ", name.replace("’", "'")).strip().lower()


def one_spelling(names: list[str] | dict[str, None]) -> dict[str, str]:
    """Names written two ways in one paper ("Harley Ross", "Harley-Ross"), each to the hyphenated
    form, which says more about the person: {variant: chosen}. Names written one way are absent."""
    chosen: dict[str, str] = {}
    for name in names:
        key = same_person_key(name)
        if key not in chosen or ("-" in name and "-" not in chosen[key]):
            chosen[key] = name
    return {n: chosen[same_person_key(n)] for n in names if chosen[same_person_key(n)] != n}


def surname(name: str) -> str:
    return name.split()[-1] if name else name
