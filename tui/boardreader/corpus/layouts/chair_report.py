"""A chair's or member's report, and any paper no other layout claims: a header (forum, date line,
item, title, `Key: value` fields), theme headings, section headings, numbered paragraphs, bullets,
tab tables and a contact block (`segment.py` reads them)."""

from __future__ import annotations

import re

from ..model import ReportKind
from ..segment import segment_report
from .page import Page, Reading

NAME = "chair_report"
_CHAIR = re.compile(r"\b(?:report|update|from)\b", re.IGNORECASE)


def matches(page: Page) -> bool:
    return True


def read(page: Page) -> Reading:
    header, start = page.header
    sections, contact = segment_report(page.lines[start:])
    kind: ReportKind = "chair_report" if _CHAIR.search(page.title) else "other"
    return Reading(NAME, page.title, kind, header, sections, contact)
