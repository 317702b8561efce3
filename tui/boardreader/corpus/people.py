"""People named in a paragraph, with character spans: after a civic title or honorific ("Cllr Ann
Lee", "COUNCILLOR MRS ENID MARCHBANKS"), in a list ("Cllrs Judi Billing, Vince Maple and I"), before
a post-nominal, beside the role that introduces them ("Owen Pryce, Principal Adviser"), or a given
name the dictionary knows followed by a surname. entities.py resolves them against every other kind."""

from __future__ import annotations

import re

from .lexicon import GENERIC_LEADS, Lexicon, Local, any_of
from .names import (
    CIVIC_TITLES,
    HONORIFIC_AT_WORD_START,
    HONORIFIC_CAPITALS,
    NAME_WORD,
    NAME_WORD_AFTER_CAPITAL,
    NAME_WORD_CAPITALS,
    NOT_GIVEN,
    NOT_SURNAMES,
    POST_NOMINALS,
    POSTNOMINAL,
    ROLE_NOUN,
    canonical_name,
    is_given_name,
)
from .patterns import at_word_start, capital_after

# The words of a name are separated by spaces only: a tab or a line break ends the name.
_NAMES = rf"{NAME_WORD}(?: +{NAME_WORD}){{0,3}}"
# The patterns run over whole paragraphs open with a character re can scan for (see patterns.py):
# a title, a role or a name where a word starts.
_NAME_START = capital_after(r"[\w'’-]")
_NAME_WORD_AT_START = rf"(?:{_NAME_START}{NAME_WORD_AFTER_CAPITAL})"  # (?<![\w'’-]){NAME_WORD}
_PERSON_HONORIFIC = re.compile(rf"(?P<hon>{HONORIFIC_AT_WORD_START})\s+(?P<names>{_NAMES})(?: +{POSTNOMINAL}\b)*")
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
_PERSON_GIVEN = re.compile(rf"(?P<names>{_NAME_WORD_AT_START} +{NAME_WORD}(?: +{NAME_WORD})?)(?![\w-])")
# A plain name its role introduces: "Owen Pryce, Principal Adviser, who", "Helen Marsh (Chief
# Executive)", "the Executive Director of Place, Nadia Kerr".
_ROLE_PHRASE = rf"(?:the\s+)?(?:[A-Z][\w&-]*\s+){{0,4}}{ROLE_NOUN}\b"
_PERSON_BEFORE_ROLE = re.compile(
    rf"(?P<names>{_NAME_WORD_AT_START}(?: +{NAME_WORD}){{1,2}})(?:,\s+|\s+\()(?={_ROLE_PHRASE})"
)
_PERSON_AFTER_ROLE = re.compile(
    rf"(?:{at_word_start(ROLE_NOUN[3:-1].split('|'))})(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w&-]*\s+){{0,3}}?[A-Z][\w&-]*)?,\s+"
    rf"(?P<names>{NAME_WORD}(?: +{NAME_WORD}){{1,2}})(?![\w'’-]| +[A-Z][a-z])"
)
_CAPITALISED_NEXT = re.compile(r" [A-Z][a-z]")
_OBJECT_OF = re.compile(r"\b(?:of|for|the|to|in|on|at)\s+$")
# Cheap tests that let most paragraphs skip the costlier patterns: a role's name, a post-nominal, a
# title in capitals (substring tests run in C, far faster than a pattern tried at every position).
_ROLE_GATE = re.compile(ROLE_NOUN)
_LIST_GATE = any_of(("Cllrs", "Councillors"))  # what starts every _PERSON_LIST
_POSTNOMINAL_GATE = any_of(p.upper() for p in POST_NOMINALS)
_CAPITALS_GATE = any_of(sorted({t.upper()[:4] for t in CIVIC_TITLES if len(t) > 2} | {"MR", "MS", "DR"}))


def _plain_name(words: list[str], lexicon: Lexicon, local: Local, strict: bool = True) -> str | None:
    """The name these capitalised words make, or None when they make a place, a body or a phrase.
    Without `strict` (a post-nominal vouches for a person) a given name that is also a word counts."""
    if not words or (strict and words[0] in NOT_GIVEN) or words[0] in GENERIC_LEADS:
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
    for m in _PERSON_LIST.finditer(text) if _LIST_GATE.search(text) else ():
        offset = m.start("names")
        for i, part in enumerate(re.split(r",\s*|\s+and\s+", m.group("names"))):
            start = text.index(part, offset)
            offset = start + len(part)
            if part not in {"I", "Me"} and (name := canonical_name(part)):
                out.append((m.start() if i == 0 else start, offset, name))
    capitals = _CAPITALS_GATE.search(text)
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
    postnominals = _PERSON_POSTNOMINAL.finditer(text) if _POSTNOMINAL_GATE.search(text) else ()
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
