"""Contacts: the contact block at the end of a paper, and people named in the text with a phone or an
email.

Phones are read with phonenumbers and kept as UK national digits (020 7664 3017 -> 02076643017);
emails are lower-case; a name is canonical (no honorific). A contact line holds a name, a phone and
an email in many orders ("Contact: Nora Quill  0207 664 3888 / Email: ...", "Amy Fordham on 01632
960345", "Council Secretary: Ivor Penn  Tel: ..."), and sometimes two people who share it ("Lena
Hart / Mia Stroud  Tel: 024 7600 1234 / 1240"): `read_contact_line` takes it apart, so the line
itself never becomes a name.
"""

from __future__ import annotations

import re

import phonenumbers

from .model import Contact, Section
from .names import HONORIFIC, NAME_WORD, NOT_GIVEN, NOT_SURNAMES, ROLE_NOUN, canonical_name
from .segment import CONTACT_OPENERS

_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Where a line stops naming people and starts giving their numbers.
# A try starts only at the start of a run of white space or digits, and takes the run whole: a line
# of spaces or digits would otherwise be read again from each of its characters.
_MARKER = re.compile(
    r"(?<!\s)(?:\s*+[,.;]\s*|\s++)(?:on|at|tel(?:ephone)?\.?|phone|mobile|direct line|t\.|e-?mail|email address)\b[:.]?"
    r"|(?<!\s)\s*+[:(]?\s*+\(?(?<!\d)\d{3,5}\)?[\s\d]{6,}",
    re.IGNORECASE,
)
# A second number that gives only the last digits of the first: "024 7600 1234 / 1240".
_SHORT_EXTENSION = re.compile(r"\s*/\s*(?P<tail>\d{3,5})\b(?!\s*\d)")
_NAME = rf"(?:{HONORIFIC}\s+)?{NAME_WORD}(?: +{NAME_WORD}){{0,3}}"
# The names a contact line's segment ends with are looked for in its last characters only: the
# pattern, anchored at the end, would read a long run of "A and B and ..." again from each word.
NAMES_REACH = 240
_NAMES_AT_END = re.compile(rf"(?P<names>{_NAME}(?:\s*(?:/|&|\band\b)\s*{_NAME})*)[\s,.;:–-]*$")
# Digits grouped as a UK number is written, for numbers phonenumbers does not call valid. Written
# "\(0...|0..." rather than "\(?0...": opening with a repeat, the pattern gave re no first character
# to scan for, and was tried at every position of every paragraph.
_PHONE_DIGITS = r"\d{2,4}\)?\s?\d{3,4}\s?\d{3,4}\b"
_PHONE_SHAPE = re.compile(rf"\(0{_PHONE_DIGITS}|0{_PHONE_DIGITS}")
_LABEL = re.compile(r"^(?P<label>[A-Z][\w ]{0,40}?)\s*:\s*")
_ROLE_LABEL = re.compile(rf"\b{ROLE_NOUN}$", re.IGNORECASE)
_ROLE_WORD = re.compile(rf"\b{ROLE_NOUN}\b")
# A post as a contact line writes it after the name: a role noun, perhaps qualified, then "of"/"for".
_ROLE_OPENS = re.compile(rf"(?:(?:Assistant|Deputy|Senior|Principal|Chief|Interim|Acting|Strategic)\s+)*{ROLE_NOUN}\b")


def normalise_phone(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", raw)
        return digits or None
    return re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)) or None


def find_phones(text: str) -> list[tuple[int, int, str]]:
    """UK phone numbers in `text` as (start, end, national digits), with a shortened second number
    ("01632 960345 / 346") read as the first with its last digits replaced."""
    out: list[tuple[int, int, str]] = []
    # A contact line vouches for its numbers, so a number of the right length is enough (Ofcom's
    # drama range, 01632 960xxx, is not "valid"); it must still be written as a UK number.
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        if not re.match(r"\(?(?:0|\+44)", match.raw_string):
            continue
        national = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.NATIONAL)
        digits = re.sub(r"\D", "", national)
        out.append((match.start, match.end, digits))
        if short := _SHORT_EXTENSION.match(text, match.end):
            tail = short["tail"]
            out.append((short.start("tail"), short.end(), digits[: -len(tail)] + tail))
    return out


def _is_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 4 or words[0] in NOT_GIVEN or _ROLE_WORD.search(name):
        return False  # "Scrutiny Officer" is a role
    return not any(w in NOT_SURNAMES or any(ch.isdigit() for ch in w) for w in words)


# From the start of a run of white space only, taken whole (a dash counts after white space).
_SEGMENT = re.compile(r"(?<!\s)\s*+(?:,|(?<=\s)[–-])\s*+")


def names_and_role(text: str) -> tuple[list[str], str | None]:
    """The people a contact's words name, and the role written after them: "Priya Lanstead,
    Democratic Services" -> (["Priya Lanstead"], "Democratic Services"); "Lena Hart / Mia Stroud"
    -> (["Lena Hart", "Mia Stroud"], None); "please contact Jo Bell" -> (["Jo Bell"], None)."""
    segments = [g for g in _SEGMENT.split(text.strip(" \t,.;:–-")) if g]
    for i in range(len(segments) - 1, -1, -1):
        if i and _ROLE_OPENS.match(segments[i]):
            continue  # "Director of Neighbourhoods" after a name is their post, not a person
        found = _NAMES_AT_END.search(segments[i][-NAMES_REACH:])
        raw = re.split(r"\s*(?:/|&|\band\b)\s*", found["names"]) if found else []
        names = [n for n in (canonical_name(r) for r in raw if r.strip()) if n and _is_name(n)]
        if names:
            role = ", ".join(segments[i + 1 :]) or None
            return names, role if role and role[:1].isupper() else None
    return [], None


def read_contact_line(text: str) -> list[Contact]:
    """The people a contact line names, each with the phone and email given for them, in order.

    A label before a colon is the position when it names a role ("Council Secretary: Ivor Penn");
    the names are those just before the first number or the words that introduce one ("on",
    "Tel:", "Email:"). Phones and emails are shared out in the order the names come, and an email
    whose local part holds a surname goes to that person. A line with numbers and no name is one
    contact without a name; a line with neither phone nor email is none.
    """
    emails = [(m.start(), m.group(0).lower()) for m in _EMAIL.finditer(text)]
    phones = [(a, digits) for a, _, digits in find_phones(text) if not any(s <= a < s + len(e) for s, e in emails)]
    if not phones and not emails:
        return []
    first_number = min([a for a, _ in phones] + [a for a, _ in emails])
    head = text[:first_number]
    marker = _MARKER.search(head)
    head = head[: marker.start()] if marker else head
    position = None
    if label := _LABEL.match(head):
        if _ROLE_LABEL.search(label["label"]) and not label["label"].lower().startswith("contact"):
            position = label["label"].strip()
        head = head[label.end() :]
    people, role = names_and_role(head)
    names: list[str | None] = list(people) or [None]  # a team's line ("Democratic Services, 01632 960000")
    position = position or role
    assigned_emails: dict[int, str] = {}
    unclaimed = []
    for _, email in emails:
        local = email.split("@")[0].lower()
        owner = next(
            (i for i, n in enumerate(names) if n and i not in assigned_emails and n.split()[-1].lower() in local), None
        )
        if owner is None:
            unclaimed.append(email)
        else:
            assigned_emails[owner] = email
    for i in range(len(names)):
        if i not in assigned_emails and unclaimed:
            assigned_emails[i] = unclaimed.pop(0)
    contacts = []
    for i, name in enumerate(names):
        phone = phones[i][1] if i < len(phones) else (phones[0][1] if phones and len(names) == 1 else None)
        contacts.append(Contact(name, position, phone, assigned_emails.get(i)))
    return contacts


def contacts_from_fields(fields: list[tuple[str, str]]) -> list[Contact]:
    contacts: list[dict[str, str | None]] = []
    for key, value in fields:
        k = key.lower()
        if k.startswith(CONTACT_OPENERS) or not contacts:
            if k.startswith(CONTACT_OPENERS):
                # "Contact: Nora Quill  0207 664 3888 / Email: ...": the value is a whole contact line.
                if people := read_contact_line(f"{value}"):
                    contacts += [
                        {"name": c.name, "position": c.position, "phone": c.phone, "email": c.email} for c in people
                    ]
                    continue
                names, role = names_and_role(value)
                # "Contact: Democratic Services" names a team, kept as the position, never as a person
                contacts.append(
                    {"name": names[0], "position": role} if names else {"name": None, "position": value or None}
                )
                continue
            contacts.append({"name": None})
        c = contacts[-1]
        if k.startswith(("position", "job", "role")):
            c["position"] = value or None
        elif k.startswith(("phone", "tel", "mobile", "direct")):
            c["phone"] = c.get("phone") or normalise_phone(value)
        elif "mail" in k:
            c["email"] = c.get("email") or value.strip().lower() or None
    return [Contact(c.get("name"), c.get("position"), c.get("phone"), c.get("email")) for c in contacts]


def inline_contacts(sections: list[Section], known: set[str]) -> list[Contact]:
    """People given a phone or an email in the text are contacts: a contact line ("Support officer:
    Colin Rudd. 0207 664 3999 Email: ...") or a sentence ("contact Jo Bloggs at jo@...").

    `known` holds the emails and phones already taken by other contacts; it grows with those found.
    """
    found: list[Contact] = []
    for s in sections:
        # A contact line read as a heading (short, no full stop) is still a contact line.
        if s.heading and ("@" in s.heading or _PHONE_SHAPE.search(s.heading)):
            for c in read_contact_line(s.heading):
                if c.name and (c.email or c.phone) not in known:
                    known.update(x for x in (c.email, c.phone) if x)
                    found.append(c)
        for p in s.paragraphs:
            emails = p.spans_of("email")
            phones = p.spans_of("phone")
            if not emails and not phones and not _PHONE_SHAPE.search(p.text):
                continue
            if len(p.text) <= 300:
                line_contacts = [c for c in read_contact_line(p.text) if c.name and (c.email or c.phone) not in known]
                if line_contacts:
                    for c in line_contacts:
                        known.update(x for x in (c.email, c.phone) if x)
                    found += line_contacts
                    continue
            people = p.spans_of("person")
            for email in emails:
                if email.value in known:
                    continue
                local = re.split(r"[._-]", email.value.split("@")[0])
                for person in reversed(people):
                    near = 0 <= email.start - person.end <= 12
                    named = all(w.lower() in local for w in person.value.split()[-1:])
                    if near or named:
                        found.append(Contact(person.value, None, None, email.value))
                        known.add(email.value)
                        break
    return found
