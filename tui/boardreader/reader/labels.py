"""How a report is named where room is short: tree rows, search results, mentions, bookmarks."""

from __future__ import annotations

from ..corpus.model import Report, ReportHead

SHORT_TITLE = 48  # characters of a title in the sidebar and in lists


def short_title(report: Report | ReportHead) -> str:
    """The report's short title (the model's), cut to fit the sidebar."""
    title = report.short_title
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1] + "…"
