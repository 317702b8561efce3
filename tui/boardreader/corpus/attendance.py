"""Attendance written as prose: `Present: Cllr A B (Chair), Cllr C D (Vice-Chair), Mr E F`,
`Apologies: ...`, `Officers: ...`, `In attendance: ...`, a label alone with one name a line under it
(`Present:` / `Cllr Mrs R J Tolhurst MBE JP` / `Cllr Mr D W Fenn (Chair)`), and the sentence
minutes use (`Apologies for absence were received from Councillors Ames, Bell and Crane.`).

Every layout that carries attendance in prose reads it here; the appendix table is `meeting.py`'s.
"""

from __future__ import annotations

import re

from .model import AttendanceStatus, Attendee
from .names import canonical_name

# A label line: what follows the colon (maybe nothing: a list one a line follows) is names.
LABEL = re.compile(
    r"^(?P<label>(?:(?:members|councillors|board members|those)\s+)?present|attendees|attendance|members|"
    r"apologies(?:\s+for\s+absence)?(?:\s+received)?|absent|"
    r"officers(?:\s+(?:present|in\s+attendance))?|(?:also\s+)?in\s+attendance|also\s+present|"
    r"(?:lga\s+|council\s+)?officers?\s+attending|clerk)\s*(?::|\t)\s*(?P<names>.*)$",
    re.IGNORECASE,
)
# "Apologies for absence were received from ..." / "Apologies had been received from ...".
APOLOGIES_SENTENCE = re.compile(
    r"\bapologies(?:\s+for\s+absence)?\s+(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:also\s+)?"
    r"(?:received|submitted|given|noted)\s+"
    r"(?:from|on\s+behalf\s+of)\s+(?P<names>[^.]+)",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*[,;]\s*|\s+(?:and|&)\s+")
_SEMICOLON_SPLIT = re.compile(r"\s*;\s*|\s+(?:and|&)\s+")
_OPENS_NAME = re.compile(r"^(?:[A-Z]\.?\s|(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s)")
_ROLE = re.compile(r"\s*[(\[](?P<role>[^()\[\]]{1,60})[)\]]\s*")
_GROUP = re.compile(r"^(?:Cllrs|Councillors)\.?\s+")
_DASHED_ROLE = re.compile(r"\s+[–-]\s+(?P<role>[A-Za-z][\w .'-]{0,40})$")
# A word of a name as minutes write it: a capitalised word, an initial ("R", "J.") or a particle.
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|de|van|von|der|le|la|du|da|di)$")
_NOT_NAMES = {"None", "Nil", "No", "All", "The", "Members", "Councillors", "Officers", "Clerk", "Other", "Noted"}


def status_for(label: str) -> AttendanceStatus:
    low = label.lower()
    if "apolog" in low or "absent" in low:
        return "apologies"
    if "officer" in low or "attendance" in low or "clerk" in low or "also" in low:
        return "officer"
    return "present"


def read_names(text: str, status: AttendanceStatus, role: str | None = None) -> list[Attendee]:
    """Attendees in a run of names: 'Cllr A B (Chair), Cllr C D and Mr E F (independent member)'."""
    out: list[Attendee] = []
    text = text.strip().rstrip(".")
    roles: list[str] = []

    def keep_role(m: re.Match[str]) -> str:
        roles.append(m.group("role").strip())
        return f" \x00{len(roles) - 1}\x00 "

    text = _ROLE.sub(keep_role, text)  # a bracket may hold a comma: take roles out before splitting
    group = bool(_GROUP.match(text))
    text = _GROUP.sub("", text)
    # Names kept apart by semicolons may carry a comma each: "Shona McAllister, Tenants' Forum; ...".
    semicolons = ";" in text
    parts: list[str] = []
    for piece in (_SEMICOLON_SPLIT if semicolons else _SPLIT).split(text):
        commas = piece.split(",")
        # "R. Corden, S. Osgood": a comma between names each opened by an initial or a title still splits.
        parts.extend(commas if semicolons and all(_OPENS_NAME.match(c.strip()) for c in commas) else [piece])
    for part in parts:
        part = part.strip()
        if _GROUP.match(part):  # "...; Cllrs B. Cole, D. Fry": the title of a group inside the list
            group, part = True, _GROUP.sub("", part)
        own_role, authority = role, None
        if semicolons and "," in part:
            part, _, after = part.partition(",")
            authority = after.strip() or None
        marker = re.search(r"\x00(\d+)\x00", part)
        if marker:
            own_role = roles[int(marker.group(1))]
            part = (part[: marker.start()] + part[marker.end() :]).strip()
        dashed = _DASHED_ROLE.search(part)
        if dashed:
            own_role = dashed.group("role").strip()
            part = part[: dashed.start()]
        name = canonical_name(part)
        words = name.split()
        if not words or words[0] in _NOT_NAMES or not all(_NAME_WORD.match(w) for w in words):
            continue
        if len(words) > 5 or (len(words) == 1 and not (group or part != name)):
            continue  # a lone word is a name only when a title or the label's "Councillors" says so
        out.append(Attendee(name, own_role, authority, status))
    return out


def read_label_line(line: str) -> tuple[AttendanceStatus, list[Attendee], bool] | None:
    """A label line ('Present: ...'): its status, the attendees on it, and whether the names follow
    on lines of their own (the label stands alone)."""
    m = LABEL.match(line)
    if not m:
        return None
    status = status_for(m.group("label"))
    names = m.group("names").strip()
    return status, read_names(names, status), not names


def apologies_in(sentence: str) -> list[Attendee]:
    """Apologies a minute records in a sentence."""
    out: list[Attendee] = []
    for m in APOLOGIES_SENTENCE.finditer(sentence):
        names = re.split(r"[,;]?\s+(?:who|with|as|for|due)\s+", m.group("names"))[0]
        out.extend(read_names(names, "apologies"))
    return out
