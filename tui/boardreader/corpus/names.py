"""People's names: honorifics, post-nominals, given names and canonical forms.

A board paper writes one person many ways: "Cllr Mrs Jill Shortland OBE", "Councillor Shortland",
"Jill Shortland". The canonical name drops honorifics and post-nominals. We keep our own short lists
of them rather than nameparser's: its title list holds given names ("Dean", "Judge"), and parsing each
name with it was the slowest step of reading a report. To tell "Joan Munro" from "Local Government"
when no honorific stands before a name, we ask gender-guesser's dictionary of 40,000 given names
whether the first word is one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

HONORIFIC = (
    r"(?:Cllrs?|Councillors?|Mrs|Mr|Ms|Miss|Mx|Dr|Professor|Prof|Lord|Lady|Baroness|Baron|Sir|Dame|"
    r"Mayor|Rt\.? Hon\.?|The Rt\.? Hon\.?|Rev(?:erend)?|Alderman)\.?"
)
POSTNOMINAL = r"(?:MP|MEP|OBE|MBE|CBE|KBE|DBE|QC|KC|JP|DL|FRSA)"
# One word of a name: Fleming, O'Neill, McShane, Hodgson-Smith; an initial like "J." also counts.
NAME_WORD = r"(?:[A-Z](?:[a-z]+|['’][A-Z][a-z]+|c[A-Z][a-z]+|ac[A-Z][a-z]+)(?:-[A-Z][a-z]+)?(?![\w'’])|[A-Z]\.)"
_HONORIFIC_WORDS = {
    "cllr", "cllrs", "councillor", "councillors", "mr", "mrs", "ms", "miss", "mx", "dr", "professor",
    "prof", "lord", "lady", "baroness", "baron", "sir", "dame", "mayor", "rt", "hon", "the", "rev",
    "reverend", "alderman",
}  # fmt: skip
_POSTNOMINAL_WORDS = {"mp", "mep", "obe", "mbe", "cbe", "kbe", "dbe", "qc", "kc", "jp", "dl", "frsa"}
# Capitalised words that follow a given name yet make a place or body, not a person.
NOT_SURNAMES = {
    "Council", "Councils", "Board", "Government", "Programme", "Academy", "Zone", "Street", "Road",
    "House", "Square", "Hall", "Centre", "Center", "City", "County", "Borough", "District",
    "University", "College", "School", "Trust", "Office", "Department", "Ministry", "Network",
    "Partnership", "Group", "Committee", "Forum", "Fund", "Hub", "Station", "Park", "Bridge",
    "Conference", "Award", "Awards", "Day", "Week", "Report", "Plan", "Strategy", "Act", "Bill",
}  # fmt: skip


# Capitalised English words that the given-name dictionary also lists ("The", "Key", "Will").
NOT_GIVEN = {
    "The", "A", "An", "This", "That", "These", "Those", "Our", "Your", "Their", "His", "Her", "Its", "My",
    "We", "It", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "But", "Or", "As", "If", "So",
    "Key", "Open", "New", "Next", "Last", "Future", "Early", "Grant", "Bill", "Will", "May", "Mark", "Rich",
    "Young", "Long", "Read", "Hope", "Major", "General", "Prime", "Royal", "Chief", "Deputy", "Lead",
    "Leading", "Page", "Item", "Members", "Board", "Council", "Local", "Social", "Health", "Best",
    "Case", "Check", "Chase", "Sterling", "Art", "Gay", "Guy", "Pat", "Sunny", "Summer", "Autumn", "Winter",
    "Spring", "Peer", "Ray", "Dean", "Dale", "Glen", "Lane", "Paris", "Jordan", "Victoria", "Chelsea", "Florence",
}  # fmt: skip


@cache
def _detector() -> Any:
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """True when `word` is a given name in gender-guesser's dictionary."""
    if len(word) < 2 or not word[0].isupper() or word in NOT_GIVEN:
        return False
    return bool(_detector().get_gender(word) != "unknown")


@lru_cache(maxsize=65536)
def canonical_name(raw: str) -> str:
    """'Cllr Mrs Jill Shortland OBE' -> 'Jill Shortland'; 'Councillor Wilcox' -> 'Wilcox'."""
    words = [w.strip(".,;:") for w in re.split(r"\s+", raw.strip())]
    words = [w for w in words if w]
    while words and (words[0].lower() in _HONORIFIC_WORDS or words[0].lower() == "ciir"):
        words.pop(0)
    while words and words[-1].lower() in _POSTNOMINAL_WORDS:
        words.pop()
    return " ".join(words)


def surname(name: str) -> str:
    return name.split()[-1] if name else name
