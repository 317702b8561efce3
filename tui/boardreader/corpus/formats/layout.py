"""Positioned text runs to paragraphs and tables: the page-layout half of PDF reading.

Input is what a PDF text layer holds: runs of text with a box on the page. Runs at one height make
a line; a wide gap inside a line separates table cells, except the gap after a list marker (`1.`,
`•`) that a hanging indent leaves. Lines make paragraphs unless a larger gap, a list marker or a
change of type size says a new one starts; inside a paragraph a line that stops well short of the
right margin keeps its line break (an address, a contact block, an owner's name on two lines), the
others are re-joined, and a word hyphenated at the end of a line is made whole again. Runs of lines
with column gaps become tables; a cell's wrapped lines are put back into the cell. At a page break
an open paragraph (no full stop, and the next page going on in lower case or the line before
running to the margin) is carried on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .blocks import TextWriter

_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|[•·▪◦‣●■–*-])$")
_NUMBER_START = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)[.)]\s+(?P<text>\S.*)$")
_BULLET_START = re.compile(r"^[•·▪◦‣●■*]\s*(?P<text>\S.*)$")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", ")")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SOFT_HYPHENS = ("\xad", "\x02", "\ufffe")
_COLUMN_TOLERANCE = 6.0


@dataclass(slots=True)
class Segment:
    x0: float
    x1: float
    bottom: float
    top: float
    text: str

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass(slots=True)
class Line:
    page: int
    segments: list[Segment] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def center(self) -> float:
        return sum(s.center for s in self.segments) / len(self.segments)

    @property
    def height(self) -> float:
        return max(s.height for s in self.segments)

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.cells())

    def cells(self) -> list[tuple[float, str]]:
        """(x, text) of each cell: runs closer than a column gap are one cell; a list marker stays
        with the text its hanging indent pushed away."""
        gap = 1.2 * self.height
        cells: list[tuple[float, str]] = []
        previous: Segment | None = None
        for seg in self.segments:
            if previous is not None and seg.x0 - previous.x1 < gap:
                joiner = "" if seg.x0 - previous.x1 < 0.1 * self.height or cells[-1][1].endswith(" ") else " "
                cells[-1] = (cells[-1][0], cells[-1][1] + joiner + seg.text)
            else:
                cells.append((seg.x0, seg.text))
            previous = seg
        cells = [(x, " ".join(t.split())) for x, t in cells]
        if len(cells) >= 2 and _MARKER.match(cells[0][1]):
            cells[:2] = [(cells[0][0], f"{cells[0][1]} {cells[1][1]}")]
        return [(x, t) for x, t in cells if t]


def group_lines(segments: list[Segment], page: int) -> list[Line]:
    """Runs that share a height on the page make one line; lines top to bottom, runs left to right."""
    lines: list[Line] = []
    for seg in sorted(segments, key=lambda s: (-s.center, s.x0)):
        for line in reversed(lines[-3:]):
            if abs(line.center - seg.center) < 0.5 * min(line.height, seg.height):
                line.segments.append(seg)
                break
        else:
            lines.append(Line(page, [seg]))
    for line in lines:
        line.segments.sort(key=lambda s: s.x0)
    lines.sort(key=lambda line: -line.center)
    return lines


@dataclass(slots=True)
class _Paragraph:
    lines: list[Line]


@dataclass(slots=True)
class _Table:
    columns: list[float]
    rows: list[dict[int, list[str]]] = field(default_factory=list)
    last: Line | None = None

    def column(self, x: float) -> int:
        best = 0
        for i, start in enumerate(self.columns):
            if x + _COLUMN_TOLERANCE >= start:
                best = i
        return best

    def aligned(self, x: float) -> int | None:
        for i, start in enumerate(self.columns):
            if abs(x - start) <= _COLUMN_TOLERANCE:
                return i
        return None

    def learn(self, cells: list[tuple[float, str]]) -> None:
        for x, _ in cells:
            if self.aligned(x) is None:
                self.columns.append(x)
        self.columns.sort()


class _Layout:
    def __init__(self, pages: list[list[Line]]) -> None:
        self.lines = [line for page in pages for line in page]
        pitches = Counter(
            round(a.center - b.center)
            for a, b in pairwise(self.lines)
            if a.page == b.page and 0 < a.center - b.center < 3 * a.height and 0.8 < a.height / b.height < 1.25
        )
        self.pitch = float(pitches.most_common(1)[0][0]) if pitches else 12.0
        single = [line for line in self.lines if len(line.cells()) == 1] or self.lines
        self.left = min((line.x0 for line in single), default=0.0)
        self.right = max((line.x1 for line in single), default=1.0)
        self.words = Counter(w.lower() for line in self.lines for w in _WORD.findall(line.text))

    def full(self, line: Line) -> bool:
        """Does the line run (nearly) to the right margin, so that its break is only a wrap?"""
        return line.x1 >= self.left + 0.8 * (self.right - self.left)

    def gap_after(self, a: Line, b: Line) -> float:
        return a.center - b.center if a.page == b.page else float("inf")

    def blocks(self) -> list[_Paragraph | _Table]:
        blocks: list[_Paragraph | _Table] = []
        for line in self.lines:
            cells = line.cells()
            if not cells:
                continue
            current = blocks[-1] if blocks else None
            if isinstance(current, _Table) and self._continues_table(current, line, cells):
                self._add_row_line(current, line, cells)
            elif len(cells) >= 2:
                table = _Table(sorted(x for x, _ in cells))
                self._add_row_line(table, line, cells)
                blocks.append(table)
            elif isinstance(current, _Paragraph) and self._continues_paragraph(current.lines[-1], line):
                current.lines.append(line)
            else:
                blocks.append(_Paragraph([line]))
        return blocks

    def _continues_table(self, table: _Table, line: Line, cells: list[tuple[float, str]]) -> bool:
        assert table.last is not None
        if len(cells) >= 2:
            return True
        column = table.aligned(cells[0][0])
        if column is None:
            return False
        return column > 0 or self.gap_after(table.last, line) <= 1.25 * self.pitch

    def _add_row_line(self, table: _Table, line: Line, cells: list[tuple[float, str]]) -> None:
        if table.last is None or self.gap_after(table.last, line) > 1.25 * self.pitch:
            table.rows.append({})
        if len(cells) >= 2:
            table.learn(cells)
        row = table.rows[-1]
        for x, text in cells:
            row.setdefault(table.column(x), []).append(text)
        table.last = line

    def _continues_paragraph(self, previous: Line, line: Line) -> bool:
        text = line.text
        if _NUMBER_START.match(text) or _BULLET_START.match(text):
            return False
        if not 0.85 < line.height / previous.height < 1.18:
            return False
        if previous.page != line.page:
            ends_open = not previous.text.rstrip().endswith(_TERMINAL)
            return ends_open and (text[:1].islower() or self.full(previous))
        return self.gap_after(previous, line) <= 1.3 * self.pitch

    def join(self, parts: list[str], breaks: list[bool]) -> str:
        """Join lines; breaks[i] says whether the line before parts[i] keeps its line break."""
        out = parts[0]
        for part, keep_break in zip(parts[1:], breaks, strict=False):
            out = self._join_two(out, part, "\n" if keep_break else " ")
        return out

    def _join_two(self, before: str, after: str, separator: str) -> str:
        if before.endswith(_SOFT_HYPHENS):
            return before[:-1] + after
        head = re.search(r"([A-Za-z]+)-$", before)
        tail = re.match(r"[A-Za-z]+", after)
        if separator == " " and head and tail:
            # Typesetting hyphen or a hyphenated word? The rest of the document is the dictionary.
            whole = (head.group(1) + tail.group(0)).lower()
            hyphenated = f"{head.group(1)}-{tail.group(0)}".lower()
            if self.words[hyphenated] > 0 and self.words[whole] == 0:
                return before + after
            if self.words[whole] > 0 or tail.group(0)[0].islower():
                return before[:-1] + after
            return before + after
        return before + separator + after


def lay_out(pages: list[list[Line]]) -> str:
    layout = _Layout(pages)
    writer = TextWriter()
    for block in layout.blocks():
        if isinstance(block, _Table):
            width = len(block.columns)
            for row in block.rows:
                writer.row([layout.join(row.get(i, [""]), [False] * 99) for i in range(width)])
            writer.end_table()
            continue
        lines = block.lines
        parts = [line.text for line in lines]
        breaks = [not layout.full(a) and a.page == b.page for a, b in pairwise(lines)]
        text = layout.join(parts, breaks)
        number = _NUMBER_START.match(text)
        bullet = _BULLET_START.match(text)
        if number:
            writer.item(number.group("num"), number.group("text"))
        elif bullet:
            writer.item(None, bullet.group("text"))
        else:
            writer.paragraph(text)
    return writer.text()
