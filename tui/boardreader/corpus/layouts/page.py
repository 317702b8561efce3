"""What every layout reads from (`Page`: a paper's cleaned lines, its head and its header as the
generic reader sees it) and what each gives back (`Reading`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from ..clean import clean_inline
from ..model import Attendee, Item, ReportKind
from ..segment import Header, RawAction, RawSection, parse_header

HEAD_LINES = 40  # signals are looked for this far into a paper: its header and first items


class Page:
    """One paper's cleaned lines, with what the layouts look at computed once, when first asked."""

    def __init__(self, lines: list[str], file: str) -> None:
        self.lines = lines
        self.file = file

    @cached_property
    def head(self) -> list[str]:
        """The first non-blank lines, stripped."""
        out: list[str] = []
        for line in self.lines:
            if s := line.strip():
                out.append(s)
                if len(out) == HEAD_LINES:
                    break
        return out

    @cached_property
    def header(self) -> tuple[Header, int]:
        """The generic header (title, forum, date line, fields) and the index of the first body line."""
        return parse_header(self.lines)

    @cached_property
    def title(self) -> str:
        header = self.header[0]
        return clean_inline(header.title).text if header.title else PurePosixPath(self.file).stem


@dataclass(slots=True)
class Reading:
    """A paper as its layout reads it, before entities, dates and themes are found."""

    layout: str
    title: str
    kind: ReportKind
    header: Header
    sections: list[RawSection]
    contact: list[tuple[str, str]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    actions: list[RawAction] = field(default_factory=list)
    attendance: list[Attendee] = field(default_factory=list)
    board: str | None = None  # when the layout knows it (a committee named in a heading); else from the title
    author: str | None = None  # likewise; else from the title ("report from Cllr X")
