"""Contacts: the contact block at the end of a paper, and people named in the text with an email.

Phones are read with phonenumbers and kept as UK national digits (020 7664 3017 -> 02076643017);
emails are lower-case; a name is canonical (no honorific).
"""

from __future__ import annotations

import re

import phonenumbers

from .model import Contact, Section
from .names import canonical_name
from .segment import CONTACT_OPENERS


def normalise_phone(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", raw)
        return digits or None
    return re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)) or None


def contacts_from_fields(fields: list[tuple[str, str]]) -> list[Contact]:
    contacts: list[dict[str, str | None]] = []
    for key, value in fields:
        k = key.lower()
        if k.startswith(CONTACT_OPENERS) or not contacts:
            if k.startswith(CONTACT_OPENERS):
                contacts.append({"name": canonical_name(value) or None})
                continue
            contacts.append({"name": None})
        c = contacts[-1]
        if k.startswith(("position", "job", "role")):
            c["position"] = value or None
        elif k.startswith(("phone", "tel", "mobile", "direct")):
            c["phone"] = normalise_phone(value)
        elif "mail" in k:
            c["email"] = value.strip().lower() or None
    return [Contact(c.get("name"), c.get("position"), c.get("phone"), c.get("email")) for c in contacts]


def inline_contacts(sections: list[Section], known: set[str]) -> list[Contact]:
    """A person named with an email address in the text is a contact: 'contact Jo Bloggs at jo@...'."""
    found: list[Contact] = []
    for s in sections:
        for p in s.paragraphs:
            people = p.spans_of("person")
            for email in p.spans_of("email"):
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
