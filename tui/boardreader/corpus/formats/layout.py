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

_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|[•·▪◦‣●■–*o-])$")
_NUMBER_START = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)[.)]\s+(?P<text>\S.*)$")
# Word's second-level bullet is a letter o (in Courier New): a bullet when a capital follows it.
_BULLET_START = re.compile(r"^(?:[•·▪◦‣●■*]|o(?=\s+[A-Z]))\s*(?P<text>\S.*)$")
_SENTENCE_END = (".", "!", "?", '."', ".”", ".’", "?”", "!”")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", ")")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SOFT_HYPHENS = ("\xad", "\x02", "\ufffe")
_COLUMN_TOLERANCE = 6.0
_URL_END = re.compile(r"(?:https?://|www\.)\S*$")


@dataclass(slots=True)
class Segment:
    x0: float
    x1: float
    bottom: float
    top: float
    text: str
    size: float  # type size in points

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


class Line:
    """One line of a page: its runs left to right, with the measures layout needs worked out once."""

    __slots__ = (
        "_cells",
        "center",
        "column",
        "column_right",
        "height",
        "page",
        "ruled",
        "segments",
        "size",
        "text",
        "x0",
        "x1",
    )

    def __init__(self, page: int, segments: list[Segment], column: int = 0, column_right: float | None = None) -> None:
        self.page = page
        # A line in a column of a page set in columns: its column (0 for the full width) and the
        # column's right edge, where its wrapped lines end.
        self.column = column
        self.column_right = column_right
        # A row of a table drawn with rules: its table's key and the lines of each of its cells.
        self.ruled: tuple[object, list[list[str]]] | None = None
        self.segments = sorted(segments, key=lambda s: s.x0)
        self.x0 = self.segments[0].x0
        self.x1 = max(s.x1 for s in self.segments)
        self.center = sum(s.center for s in self.segments) / len(self.segments)
        self.height = max(s.height for s in self.segments)
        self.size = max(s.size for s in self.segments)
        self._cells = self._find_cells()
        self.text = " ".join(text for _, text in self._cells)

    def cells(self) -> list[tuple[float, str]]:
        """(x, text) of each cell: runs closer than a column gap are one cell. A list marker and the
        text its hanging indent pushed away are two cells here; `_Table.is_list` puts them together."""
        return self._cells

    def _find_cells(self) -> list[tuple[float, str]]:
        gap = 1.2 * self.size
        cells: list[tuple[float, str]] = []
        previous: Segment | None = None
        for seg in self.segments:
            if previous is not None and seg.x0 - previous.x1 < gap:
                joiner = "" if seg.x0 - previous.x1 < 0.1 * self.size or cells[-1][1].endswith(" ") else " "
                cells[-1] = (cells[-1][0], cells[-1][1] + joiner + seg.text)
            else:
                cells.append((seg.x0, seg.text))
            previous = seg
        cells = [(x, " ".join(t.split())) for x, t in cells]
        return [(x, t) for x, t in cells if t]


def same_flow(a: Line, b: Line) -> bool:
    """Do two lines follow each other on the page, with no page or column break between them?"""
    return a.page == b.page and a.column == b.column


def group_lines(segments: list[Segment], page: int) -> list[Line]:
    """Runs that share a height on the page make one line; lines top to bottom, runs left to right."""
    groups: list[tuple[float, float, list[Segment]]] = []  # (center, height, runs) of each line so far
    for seg in sorted(segments, key=lambda s: (-s.center, s.x0)):
        for i in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            center, height, runs = groups[i]
            if abs(center - seg.center) < 0.5 * min(height, seg.height):
                runs.append(seg)
                break
        else:
            groups.append((seg.center, seg.height, [seg]))
    lines = [Line(page, runs) for _, _, runs in groups]
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
    key: object = None  # the ruled table it is, when the page draws it with rules

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

    def is_list(self) -> bool:
        """Two columns, the first only list markers: numbered or bulleted paragraphs with a hanging indent."""
        if len(self.columns) != 2:
            return False
        firsts = [" ".join(row.get(0, [])) for row in self.rows]
        return any(firsts) and all(not f or _MARKER.match(f) for f in firsts)

    def learn(self, cells: list[tuple[float, str]]) -> None:
        for x, _ in cells:
            if self.aligned(x) is None:
                self.columns.append(x)
        self.columns.sort()


class _Layout:
    def __init__(self, pages: list[list[Line]]) -> None:
        self.lines = [line for page in pages for line in page]
        # The body text's size, and its line pitch: the smallest pitch that is common between
        # lines of that size (paragraph and table-row gaps are larger, and may be commoner).
        self.size = Counter(line.size for line in self.lines).most_common(1)[0][0] if self.lines else 10.0
        pitches = Counter(
            round(a.center - b.center)
            for a, b in pairwise(self.lines)
            if a.page == b.page
            and a.column == b.column
            and a.size == b.size == self.size
            and 0.9 * a.size < a.center - b.center < 3 * a.size
        )
        total = sum(pitches.values())
        common = sorted(p for p, n in pitches.items() if n >= max(1.0, 0.1 * total))
        self.pitch = float(common[0]) if common else 1.2 * self.size
        single = [line for line in self.lines if len(line.cells()) == 1] or self.lines
        self.left = min((line.x0 for line in single), default=0.0)
        self.right = max((line.x1 for line in single), default=1.0)
        self.words = Counter(w.lower() for line in self.lines for w in _WORD.findall(line.text))

    def wrapped(self, line: Line, following: Line) -> bool:
        """Was the break after `line` only a wrap - would the next line's first word not have fit?"""
        words = following.text.split()
        first = following.segments[0]
        if not words or not first.text:
            return True
        char_width = (first.x1 - first.x0) / max(len(first.text), 1)
        right = line.column_right if line.column_right is not None else self.right
        return line.x1 + (len(words[0]) + 1) * char_width > right - 1.5 * char_width

    def gap_after(self, a: Line, b: Line) -> float:
        return a.center - b.center if same_flow(a, b) else float("inf")

    def blocks(self) -> list[_Paragraph | _Table]:
        blocks: list[_Paragraph | _Table] = []
        for line in self.lines:
            cells = line.cells()
            if not cells:
                continue
            current = blocks[-1] if blocks else None
            if line.ruled is not None:
                key, cell_lines = line.ruled
                if not (isinstance(current, _Table) and current.key == key):
                    current = _Table([], key=key)
                    blocks.append(current)
                current.columns = [float(i) for i in range(max(len(current.columns), len(cell_lines)))]
                current.rows.append(dict(enumerate(cell_lines)))
                current.last = line
                continue
            if (
                isinstance(current, _Table)
                and self._continues_table(current, line, cells)
                and not self._new_columns(current, cells)
            ):
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

    def _new_columns(self, table: _Table, cells: list[tuple[float, str]]) -> bool:
        """A second table (or a table after a list) starts where the columns change."""
        unaligned = any(table.aligned(x) is None for x, _ in cells)
        return len(cells) >= 2 and unaligned and (table.is_list() or len(table.rows) >= 2)

    def _continues_table(self, table: _Table, line: Line, cells: list[tuple[float, str]]) -> bool:
        assert table.last is not None
        if table.key is not None:
            return False  # a ruled table ends with its rules
        if len(cells) >= 2:
            return True
        column = table.aligned(cells[0][0])
        if column is None:
            return False
        return column > 0 or self.gap_after(table.last, line) <= 1.25 * self.pitch

    def _add_row_line(self, table: _Table, line: Line, cells: list[tuple[float, str]]) -> None:
        gap = self.gap_after(table.last, line) if table.last is not None else float("inf")
        carried = (  # a list item cut by a page break goes on at its indent on the next page
            table.last is not None
            and not same_flow(table.last, line)
            and len(table.columns) == 2
            and table.aligned(cells[0][0]) == 1
            and not " ".join(table.rows[-1].get(1, [""])).endswith(_TERMINAL)
        )
        if gap > 1.25 * self.pitch and not carried:
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
        if not 0.9 < line.size / previous.size < 1.1:
            return False
        if not same_flow(previous, line):  # a page or column break
            ends_open = not previous.text.rstrip().endswith(_TERMINAL)
            return ends_open and (text[:1].islower() or self.wrapped(previous, line))
        if self.gap_after(previous, line) > 1.3 * self.pitch * previous.size / self.size:
            return False
        # Papers set without space between paragraphs still show where one ends: a sentence that
        # stops short of the margin, or the next line's first-line indent.
        ends_sentence = previous.text.rstrip().endswith(_SENTENCE_END)
        indented = line.x0 - previous.x0 > line.size
        return not (ends_sentence and (indented or not self.wrapped(previous, line)))

    def join(self, parts: list[str], breaks: list[bool]) -> str:
        """Join lines; breaks[i] says whether the line before parts[i] keeps its line break."""
        out = parts[0]
        for part, keep_break in zip(parts[1:], breaks, strict=False):
            out = self._join_two(out, part, "\n" if keep_break else " ")
        return out

    def join_cell(self, parts: list[str]) -> str:
        """A table cell's wrapped lines. A narrow column can break a long word with no hyphen
        ("Vice-Chairma" / "n"): when the pieces are no words but the whole is one, it is mended."""
        out = parts[0] if parts else ""
        for part in parts[1:]:
            head = re.search(r"([A-Za-z]+)$", out[-80:])
            tail = re.match(r"([a-z]+)\b", part)
            if head and tail and self.words[tail.group(1)] <= 1 and self.words[(head.group(1) + tail.group(1)).lower()]:
                out += part
            else:
                out = self._join_two(out, part, " ")
        return out

    def _join_two(self, before: str, after: str, separator: str) -> str:
        if before.endswith(_SOFT_HYPHENS):
            return before[:-1] + after
        if separator == " " and _URL_END.search(before[-300:]) and re.match(r"[^\s]*[/=&?]", after):
            return before + after  # a web address broken at the margin
        head = re.search(r"([A-Za-z]+)-$", before[-80:])
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
        if isinstance(block, _Table) and block.is_list():
            for row in block.rows:
                marker = " ".join(row.get(0, []))
                text = layout.join(row.get(1, [""]), [False] * len(row.get(1, [])))
                _write_paragraph(writer, f"{marker} {text}" if marker else text)
        elif isinstance(block, _Table):
            for row in block.rows:
                writer.row([layout.join_cell(row.get(i, [])) for i in range(len(block.columns))])
            writer.end_table()
        else:
            lines = block.lines
            breaks = [same_flow(a, b) and not layout.wrapped(a, b) for a, b in pairwise(lines)]
            _write_paragraph(writer, layout.join([line.text for line in lines], breaks))
    return writer.text()


def _write_paragraph(writer: TextWriter, text: str) -> None:
    number = _NUMBER_START.match(text)
    bullet = _BULLET_START.match(text)
    if number:
        writer.item(number.group("num"), number.group("text"))
    elif bullet:
        writer.item(None, bullet.group("text"))
    else:
        writer.paragraph(text)
