"""The library pass: what only the whole library knows, added to each report one at a time.

A report read alone cannot know that "Councillor Shortland" is the Jill Shortland of another paper,
or that "Troubled Families" is a programme named in full elsewhere. So a library is read in two
passes. The first parses each file alone (or takes it from the parse cache) and gathers from it the
little the second needs: its id, its date and the names it teaches (`Gathered`). The second
(`assemble`) takes each first-pass report again, adds what the library knows, hands it to the
store (which files its body away), and merges its people, contacts and programmes with the
others'. Only one report is whole in memory at a time: at 10,000 reports, holding them all took 550 MB.

This module never imports textual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus.keys import programme_key
from ..corpus.model import Report, ReportDate, Skipped
from ..corpus.summary import Summary
from .actions import Ledger
from .folder import SIDECAR, open_regular
from .model import ActionOwned, Attended, LibraryAction, LibraryContact, Merged, Person, PositionHeld, Programme

if TYPE_CHECKING:
    from ..corpus.lexicon import Lexicon


Heads = dict[str, tuple[str, ReportDate]]  # file -> id, date


class Gathered:
    """What the first pass keeps of each report: its summary (see corpus/summary.py), merged."""

    def __init__(self) -> None:
        self.heads: Heads = {}
        self._programmes: set[str] = set()
        self._organisations: set[str] = set()
        self._full_names: set[str] = set()

    def add(self, file: str, summary: Summary) -> None:
        report_id, date, programmes, organisations, full_names = summary
        self.heads[file] = (report_id, date)
        self._programmes.update(programmes)
        self._organisations.update(organisations)
        self._full_names.update(full_names)

    def names_digest(self) -> str:
        """What the lexicon is made from, as a digest: a report made whole with the same lexicon
        from the same first-pass report is the same, and need not be made again."""
        names = [*sorted(self._programmes), "", *sorted(self._organisations), "", *sorted(self._full_names)]
        return hashlib.sha256("\n".join(names).encode("utf-8", "surrogatepass")).hexdigest()

    def lexicon(self) -> Lexicon:
        from ..corpus.lexicon import Lexicon

        lex = Lexicon()
        lex.programmes.update(self._programmes)
        lex.organisations.update(self._organisations)
        from ..corpus.names import one_spelling

        lex.spellings = one_spelling(sorted(self._full_names))
        by_surname: dict[str, set[str]] = {}
        for name in self._full_names:
            name = lex.spellings.get(name, name)
            by_surname.setdefault(name.split()[-1], set()).add(name)
        lex.surnames = {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}
        return lex


@dataclass(slots=True)
class Assembled:
    """What the library pass made, besides the reports it handed on one at a time."""

    newest_first: list[str]  # the reports' files, newest first (the order of `Library.reports`)
    names_digest: str  # a digest of the names taught (Gathered.names_digest)
    skipped: list[Skipped]  # the files skipped, once each, and what the sidecar could not set
    merged: Merged  # people, contacts, programmes and actions across the library

    @property
    def counts(self) -> dict[str, int]:
        people, contacts, programmes, actions = self.merged
        return {
            "people": len(people),
            "contacts": len(contacts),
            "programmes": len(programmes),
            "actions": len(actions),
        }


# A report made whole, and the bytes its body was kept as the time before (None when made afresh)
Keep = Callable[[str, Report, bytes | None], None]
# The report and its kept body, as a previous library made them, when they would be made the same
MadeBefore = Callable[[str], tuple[Report, bytes] | None]
# Every report made whole, in the order given, by a function that makes one: each report (its
# sections may be left out: neither `keep` nor merging reads them) with its body as it is to be
# kept, or None for `keep` to make it. The session makes them beside this process (see session.py).
MakeAll = Callable[[Callable[[str], Report], list[str]], Iterator[tuple[Report, bytes | None]]]


def assemble(
    root: Path,
    first_pass: Callable[[str], Report],
    gathered: Gathered,
    skipped: list[Skipped],
    keep: Keep,
    made_before: MadeBefore | None = None,
    make_all: MakeAll | None = None,
) -> Assembled:
    """The second pass: each report made whole with what the library knows, handed to `keep` as it
    is made (the store files its body away: at 10,000 reports, 100 MB that need not be held in
    memory), and merged with the others' people, contacts and programmes.

    `first_pass(file)` gives a report as the first pass left it. Each is taken once, oldest first
    (the order merging wants), made whole and let go.
    `made_before(file)` gives the report and its kept body as a previous library made them from
    the same first-pass report and the same lexicon, when it did: taken as they are, they are
    not made whole again (on a reload, most of the time and work).
    `make_all`, when there is no `made_before`, makes every report whole instead of this process
    making them one by one (on a first load, partly in another process: see session.py).
    """
    from ..corpus.parse import apply_lexicon  # with the parser: a warm start imports neither

    ids = _unique_ids(gathered.heads)
    dates = _sidecar_dates(root, gathered.heads, skipped)
    newest_first = sorted(gathered.heads, key=lambda f: (dates[f].sort_key, f), reverse=True)
    oldest_first = sorted(newest_first, key=lambda f: dates[f].sort_key)  # stable: ties stay newest first
    lexicon = gathered.lexicon()

    def whole(file: str) -> Report:
        return apply_lexicon(first_pass(file), lexicon)

    made: Iterator[tuple[Report, bytes | None]]
    if made_before is None and make_all is not None:
        made = make_all(whole, oldest_first)
    else:
        before = made_before or (lambda file: None)
        made = (before(file) or (whole(file), None) for file in oldest_first)
    merged = Merging()
    for file, (report, body) in zip(oldest_first, made, strict=True):
        report = dataclasses.replace(report, id=ids[file], date=dates[file])  # the head may differ
        keep(file, report, body)
        merged.add(report)
    names = (merged.people(), merged.contacts(), merged.programmes(), merged.actions())
    return Assembled(newest_first, gathered.names_digest(), list(dict.fromkeys(skipped)), names)


def _unique_ids(heads: Heads) -> dict[str, str]:
    """A report's id is its path without the extension; where `paper.pdf` and `paper.txt` would
    share one, both keep their extension instead."""
    counts = Counter(rid for rid, _ in heads.values())
    return {file: file if counts[rid] > 1 else rid for file, (rid, _) in heads.items()}


class Merging:
    """People, contacts and programmes across the library, merged one report at a time, oldest first."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        self._contacts: dict[str, LibraryContact] = {}
        self._programme_names: dict[str, Counter[str]] = {}
        self._programme_reports: dict[str, list[str]] = {}
        self._ledger = Ledger()

    def add(self, r: Report) -> None:
        people = self._people
        for name in r.people:
            person = people.setdefault(name, Person(name))
            if r.id not in person.reports:
                person.reports.append(r.id)
        for a in r.attendance:
            person = people.setdefault(a.name, Person(a.name))
            if a.role and a.role not in person.roles:
                person.roles.append(a.role)
            if a.authority and a.authority not in person.authorities:
                person.authorities.append(a.authority)
        if r.author and r.author in people:
            role = author_role(r.title)
            if role not in people[r.author].roles:
                people[r.author].roles.append(role)
            if r.id not in people[r.author].wrote:
                people[r.author].wrote.append(r.id)
        for a in r.attendance:
            people[a.name].attended.append(Attended(r.id, a.status, a.role, a.authority))
        # Each action's owners as the library knows them now; their status may come from a later paper.
        self._ledger.add(r, (tuple(owners_named(action.owner, people)) for action in r.actions))
        for c in r.contacts:
            key = (c.name or c.email or "").lower()
            if not key:
                continue
            entry = self._contacts.setdefault(key, LibraryContact(c.name or c.email or ""))
            if c.position and (not entry.positions or entry.positions[-1].position != c.position):
                entry.positions.append(PositionHeld(c.position, r.id))
            entry.phone = c.phone or entry.phone
            entry.email = c.email or entry.email
            if r.id not in entry.reports:
                entry.reports.append(r.id)
        for p in r.programmes:
            key = programme_key(p)
            self._programme_names.setdefault(key, Counter())[p] += 1
            ids = self._programme_reports.setdefault(key, [])
            if r.id not in ids:
                ids.append(r.id)

    def people(self) -> dict[str, Person]:
        """Everyone, the most mentioned first, with the actions they own (with what later papers
        say of them); a person who is a paper's contact too carries the contact's posts, phone and email."""
        owned: dict[str, list[ActionOwned]] = {}
        for action in self._ledger.actions:  # oldest first
            for name in action.owners:
                owned.setdefault(name, []).append(
                    ActionOwned(action.report, action.item, action.text, action.place, action.status)
                )
        for name, actions in owned.items():
            self._people[name].actions = actions
        for contact in self._contacts.values():
            if (person := contact_person(self._people, contact)) is not None:
                person.positions = list(contact.positions)
                person.phone, person.email = contact.phone, contact.email
        return dict(sorted(self._people.items(), key=lambda kv: (-len(kv[1].reports), kv[0])))

    def actions(self) -> list[LibraryAction]:
        """Every action, newest meeting first, with its status where a later paper reports one."""
        return self._ledger.newest_first()

    def contacts(self) -> dict[str, LibraryContact]:
        """Everyone named as a contact, in the order first met."""
        return self._contacts

    def programmes(self) -> dict[str, Programme]:
        """Each programme under its most used name, the most mentioned first."""
        out = {}
        for key, counter in self._programme_names.items():
            # The most used form, preferring one without a trailing lower-case "programme".
            name = max(counter, key=lambda n: (counter[n], not n.endswith("programme"), len(n)))
            out[key] = Programme(name, self._programme_reports[key])
        return dict(sorted(out.items(), key=lambda kv: (-len(kv[1].reports), kv[1].name)))


def author_role(title: str) -> str:
    """The role the author of a paper with this title writes in: a chair's report's is "Chair"."""
    return "Chair" if "chair" in title.lower() else "Author"


def contact_person(people: dict[str, Person], contact: LibraryContact) -> Person | None:
    """The person a contact is, when the library knows them by the contact's name: one record."""
    return people.get(contact.name)


def owners_named(owner: str | None, people: dict[str, Person]) -> list[str]:
    """The people an action's owner names: "Dennis Skinner and officers" is Dennis Skinner's;
    a team alone ("LGA officers") is nobody's."""
    if not owner:
        return []
    from ..corpus.names import canonical_name

    parts = (canonical_name(part) for part in re.split(r"\s*(?:,|&|/|;|\band\b)\s*", owner))
    return list(dict.fromkeys(name for name in parts if name in people))


def sidecar_date(value: object) -> str | None:
    """A date as the sidecar may give it (YYYY, YYYY-MM or YYYY-MM-DD, quoted or a TOML date) when
    it is a real one, else None: "2013-13-01" must not reach a tree that names months."""
    if isinstance(value, dt.date):
        return value.isoformat()  # TOML dates come unquoted too
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return None
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return None
    return value


# A line of dates per report is some 40 bytes: 4 MB holds 100,000 reports and reads in a fraction
# of a second (a 1 GB sidecar took 10 s and 2 GB of memory to be read whole).
MAX_SIDECAR_BYTES = 4 * 1024 * 1024


def _sidecar_dates(root: Path, heads: Heads, skipped: list[Skipped]) -> dict[str, ReportDate]:
    """Each report's date: as its text gave it, or as the user set it by hand in `boardreader.toml`
    ([dates] "file.txt" = "2013-11-21"). A sidecar that cannot be used says why among the skipped."""
    dates = {file: date for file, (_, date) in heads.items()}
    sidecar = root / SIDECAR
    if not sidecar.is_file():
        return dates
    import tomllib  # here, where it is used: most folders have no sidecar, and no start needs it

    try:
        with open_regular(sidecar) as handle:  # a pipe swapped in since is_file() never blocks
            raw = handle.read(MAX_SIDECAR_BYTES + 1)  # never more, however large it is or grows
        if len(raw) > MAX_SIDECAR_BYTES:
            limit = MAX_SIDECAR_BYTES // 1024 // 1024
            skipped.append(Skipped(SIDECAR, f"date overrides ignored: the file is larger than {limit} MB"))
            return dates
        overrides = tomllib.loads(raw.decode("utf-8")).get("dates", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        skipped.append(Skipped(SIDECAR, f"date overrides ignored: {exc}"))
        return dates
    if not isinstance(overrides, dict):
        skipped.append(Skipped(SIDECAR, 'date overrides ignored: [dates] must be a table of "file" = "YYYY-MM-DD"'))
        return dates
    for file, value in overrides.items():
        if file not in dates:
            skipped.append(Skipped(SIDECAR, f"date override for {file!r} ignored: no such report"))
        elif (date := sidecar_date(value)) is None:
            skipped.append(
                Skipped(SIDECAR, f"date override for {file!r} ignored: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            )
        else:
            dates[file] = ReportDate(date, False, f"set by hand in {SIDECAR}")
    return dates
