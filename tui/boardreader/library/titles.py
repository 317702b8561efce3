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
of any size reads no report's body. This module never imports textual.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
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

_labels: WeakKeyDictionary[Library, dict[str, str]] = WeakKeyDictionary()


def _key(word: str) -> str:
    """A word as compared: case, the ampersand and a possessive do not make titles differ."""
    return "and" if word == "&" else word.casefold().replace("’", "'").removesuffix("'s")


def distinct_titles(reports: Iterable[Report | ReportHead]) -> dict[str, str]:
    """Each report's label (by id): what is distinctive in its title among the reports of its kind."""
    by_kind: dict[str, list[Report | ReportHead]] = defaultdict(list)
    for report in reports:
        by_kind[report.kind].append(report)
    labels: dict[str, str] = {}
    for kind, group in by_kind.items():
        if len(group) == 1:
            labels[group[0].id] = group[0].short_title
            continue
        titles = [r.short_title for r in group]  # after the board's name, which the header card shows
        words = [list(WORD.finditer(title)) for title in titles]
        shared = set.intersection(*({_key(w.group()) for w in found} for found in words))
        for report, title, found in zip(group, titles, words, strict=True):
            distinct, kind_name = _distinct(title, found, shared), KIND_NAMES.get(kind)
            if distinct and kind_name:
                labels[report.id] = f"{kind_name}: {distinct}"
            else:
                labels[report.id] = distinct or kind_name or title
    return labels


def _distinct(title: str, found: Sequence[re.Match[str]], shared: set[str]) -> str:
    """The stretch of `title` from its first distinctive word to its last, or "" with none."""
    telling = [w for w in found if (key := _key(w.group())) not in shared and key not in FILLER]
    if not telling:
        return ""
    end = telling[-1].end()
    stretch = title[telling[0].start() : end]
    if stretch.count("(") > stretch.count(")") and title[end : end + 1] == ")":
        stretch += ")"  # "sitting 21 July (special)": the bracket closed as it is in the title
    return stretch


def report_title(library: Library, report: Report | ReportHead) -> str:
    """The report's label in `library` (worked out once per library, for every report at once)."""
    labels = _labels.get(library)
    if labels is None:
        labels = _labels[library] = distinct_titles(library.reports)
    return labels.get(report.id, report.short_title)
