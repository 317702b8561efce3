"""Layouts of board papers, each read by its own module, chosen by the signals the paper shows.

A layout module has a `NAME`, `matches(page)` (do this paper's signals hold?) and `read(page)` (the
paper as a `Reading`: title, kind, header, sections, contact block, items, actions, attendance).
`read_layout` tries them in the order of `LAYOUTS`, most particular first; the chair's report reads
whatever no other layout claims. A new layout is a new module added to that tuple, not a special
case threaded through the others. `tests/data/LAYOUTS.md` describes each layout and its signals.
"""

from __future__ import annotations

from typing import Protocol

from . import agenda_item, chair_report, meeting_note, officer_report, parish_minutes, published_minutes
from .page import Page, Reading

__all__ = ["LAYOUTS", "Page", "Reading", "read_layout"]


class Layout(Protocol):
    NAME: str

    def matches(self, page: Page) -> bool: ...

    def read(self, page: Page) -> Reading: ...


LAYOUTS: tuple[Layout, ...] = (
    published_minutes,
    agenda_item,
    officer_report,
    parish_minutes,
    meeting_note,
    chair_report,
)


def read_layout(lines: list[str], file: str) -> Reading:
    page = Page(lines, file)
    for layout in LAYOUTS:
        if layout.matches(page):
            return layout.read(page)
    raise AssertionError("the chair's report layout reads every paper")  # pragma: no cover
