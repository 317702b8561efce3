"""What one report teaches the whole library: the names the library pass looks for in every other.

Kept in the parse cache beside each report, so a reload learns what an unchanged file teaches
without reading its report again. It lives with the parser, whose version keys that cache: a change
here must make the cached summaries stale. Light on purpose (no parser imports).
"""

from __future__ import annotations

from .model import Report, ReportDate

# Its id and date (what the library pass orders and names reports by), then the programmes, bodies
# and people's full names another report may mention without saying what they are.
Summary = tuple[str, ReportDate, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def summary_of(report: Report) -> Summary:
    return (
        report.id,
        report.date,
        tuple(p for p in report.programmes if not p.endswith(" programme")),
        tuple(o for o in report.organisations if " " in o or o.isupper()),
        tuple(p for p in report.people if " " in p),
    )
