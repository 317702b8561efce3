"""Report titles that tell reports apart: what is distinctive in each title among its kind.

A board's papers of one kind share most of their title: every chair's report of a board reads
"Improvement Board – report from Cllr Peter Fleming (Chairman)", every note "Note of the last
Board meeting". Listed under their dates, in a sidebar with room for some 25 characters of title,
what a reader needs beside the date is what differs. So the board's name before the dash is left
to the header card (the model's short title); the words every title of the kind shares are
dropped, and so are the words that only say what kind of paper it is or how someone is addressed
("report", "from", "Cllr", "(Chair)"). What is left, from its first word to its last as written,
is the label, after the kind's name where it has one: "Minutes of the harbour committee, sitting
3 May" and "…, sitting 9 June" are "3 May" and "9 June"; chair's reports "on the spring season"
and "on the autumn season" are "Chair's report: spring season" and "Chair's report: autumn
season". When nothing is left, the kind names the paper ("Chair's report"); a paper alone of its
kind keeps its short title.

Only a report's head is read (title and kind: what the catalogue keeps), so labelling a library
of any size reads no report's body; the words shared are found in one pass over the titles (which
stops reading a kind's titles once they share nothing), and each label only when a row shows it.
This module never imports textual.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from weakref import WeakKeyDictionary

from ..corpus.model import Report, ReportHead
from ..corpus.names import CIVIC_TITLES, POST_NOMINALS
from .library import Library

KIND_NAMES = {"chair_report": "Chair's report", "meeting_note": "Meeting note"}

# Words that say what kind of paper it is, join other words, or are a title or role of the author:
# never what tells one paper from another of its kind.
FILLER = (
    frozenset(CIVIC_TITLES)
    | frozenset(POST_NOMINALS)
    | {
        "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with",
        "report", "reports", "note", "notes", "minutes", "meeting", "paper", "update", "last",
        "chair", "chairman", "chairwoman", "chairperson", "vice", "vice-chair",
    }
)  # fmt: skip
WORD = re.compile(r"[\w’'./-]*\w|&")


@dataclass
class KindWords:
    """How many reports each kind has, and the words every title of the kind shares."""

    counts: Counter[str] = field(default_factory=Counter)
    shared: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # each report's label, worked out when first asked


_kind_words: WeakKeyDictionary[Library, KindWords] = WeakKeyDictionary()


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """A word as compared: case, the ampersand and a possessive do not make titles differ."""
    return "and" if word == "&" else word.casefold().replace("’", "'").removesuffix("'s")


def _keys(title: str) -> set[str]:
    """The title's words as `_key` compares them (in bulk: this is read for every title in a library)."""
    words = set(WORD.findall(title.casefold().replace("’", "'")))
    if "&" in words:
        words.discard("&")
        words.add("and")
    if possessives := {w for w in words if w.endswith("'s")}:
        words = (words - possessives) | {w.removesuffix("'s") for w in possessives}
    return words


def kind_words(reports: Iterable[Report | ReportHead]) -> KindWords:
    """The words shared by every title of each kind (a title read only while some are still shared)."""
    kinds = KindWords()
    for report in reports:
        kinds.counts[report.kind] += 1
        shared = kinds.shared.get(report.kind)
        if shared is None:
            kinds.shared[report.kind] = _keys(report.short_title)
        elif shared:
            shared &= _keys(report.short_title)
    return kinds


def label(report: Report | ReportHead, kinds: KindWords) -> str:
    """What tells `report` apart from the other reports of its kind."""
    title = report.short_title  # after the board's name, which the header card shows
    if kinds.counts[report.kind] <= 1:
        return title
    distinct, kind_name = _distinct(title, kinds.shared[report.kind]), KIND_NAMES.get(report.kind)
    if distinct and kind_name:
        return f"{kind_name}: {distinct}"
    return distinct or kind_name or title


def distinct_titles(reports: Sequence[Report | ReportHead]) -> dict[str, str]:
    """Each report's label (by id): what is distinctive in its title among the reports of its kind."""
    kinds = kind_words(reports)
    return {report.id: label(report, kinds) for report in reports}


def _distinct(title: str, shared: set[str]) -> str:
    """The stretch of `title` from its first distinctive word to its last, or "" with none."""
    telling = [w for w in WORD.finditer(title) if (key := _key(w.group())) not in shared and key not in FILLER]
    if not telling:
        return ""
    end = telling[-1].end()
    stretch = title[telling[0].start() : end]
    if stretch.count("(") > stretch.count(")") and title[end : end + 1] == ")":
        stretch += ")"  # "sitting 21 July (special)": the bracket closed as it is in the title
    return stretch


def report_title(library: Library, report: Report | ReportHead) -> str:
    """The report's label in `library`: the shared words are found once per library (one pass over
    the titles), each label when first asked for (the tree asks only for the rows it shows)."""
    kinds = _kind_words.get(library)
    if kinds is None:
        kinds = _kind_words[library] = kind_words(library.reports)
    found = kinds.labels.get(report.id)
    if found is None:
        found = kinds.labels[report.id] = label(report, kinds)
    return found
