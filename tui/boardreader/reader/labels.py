"""How a report is named where room is short: tree rows, search results, mentions, bookmarks."""

from __future__ import annotations

from ..corpus.model import Report, ReportHead
from ..library.library import Library
from ..library.titles import report_title

SHORT_TITLE = 48  # characters of a title in the sidebar and in lists


def short_title(report: Report | ReportHead, library: Library | None = None) -> str:
    """The report's label, cut to fit the sidebar: within `library`, what tells it apart from the
    others of its kind (library/titles.py); without one, the model's short title."""
    title = report_title(library, report) if library is not None else report.short_title
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1] + "…"
