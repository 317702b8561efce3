"""Tables a PDF page draws with ruled lines, read cell by cell.

Word and most PDF printers draw a table's borders as thin lines or thin filled rectangles. Where
two horizontal rules enclose a band crossed by vertical rules, the band is a table row and the
vertical rules part its cells, however close one cell's text runs to the next (Word's cells keep
only a few points apart, less than the gap that would otherwise say "another column"). The text of
each cell is kept apart (`pdf_page.py` cuts a line of text where a vertical rule runs) and its
lines joined, so the row comes out as one row of cells. Tables drawn without rules are left to the
column gaps of `layout.py`.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from .layout import Line, Segment, group_lines

_THIN = 2.5  # points: thicker than this is a shape, not a rule
_MIN_LENGTH = 6.0
_NEAR = 2.0
_MAX_SEGMENTS = 2000  # a path with more is a drawing or a chart, not a table's borders


@dataclass(slots=True)
class Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass(slots=True)
class Rules:
    horizontal: list[Rule]
    vertical: list[Rule]

    def vertical_between(self, left: float, right: float, y: float) -> bool:
        """Does a vertical rule run between two characters at height y?"""
        return any(
            left - _NEAR <= r.at <= right + _NEAR and r.start - _NEAR <= y <= r.end + _NEAR for r in self.vertical
        )


@dataclass(slots=True)
class _Row:
    top: float
    bottom: float
    edges: list[float]  # x of the rules parting its cells, left border to right border


def page_rules(page: object) -> Rules:
    """The horizontal and vertical rules drawn on a page: thin path objects, or the straight
    edges of paths, in page coordinates."""
    raw = page.raw  # type: ignore[attr-defined]
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top))):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if height <= _THIN and width >= _MIN_LENGTH:
            horizontal.append(Rule((bottom.value + top.value) / 2, left.value, right.value))
        elif width <= _THIN and height >= _MIN_LENGTH:
            vertical.append(Rule((left.value + right.value) / 2, bottom.value, top.value))
        elif width >= _MIN_LENGTH and height >= _MIN_LENGTH:
            _path_edges(obj, horizontal, vertical)
    return Rules(_merge(horizontal), _merge(vertical))


def _path_edges(obj: object, horizontal: list[Rule], vertical: list[Rule]) -> None:
    """The straight, level or upright edges of a larger path: a grid drawn as one path, or a box."""
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 1 or count > _MAX_SEGMENTS:
        return
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            return
        point = (
            matrix.a * x.value + matrix.c * y.value + matrix.e,
            matrix.b * x.value + matrix.d * y.value + matrix.f,
        )
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            _edge(previous, point, horizontal, vertical)
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                _edge(point, start, horizontal, vertical)
        previous = point


def _edge(a: tuple[float, float], b: tuple[float, float], horizontal: list[Rule], vertical: list[Rule]) -> None:
    if abs(a[1] - b[1]) <= 0.5 and abs(a[0] - b[0]) >= _MIN_LENGTH:
        horizontal.append(Rule(a[1], min(a[0], b[0]), max(a[0], b[0])))
    elif abs(a[0] - b[0]) <= 0.5 and abs(a[1] - b[1]) >= _MIN_LENGTH:
        vertical.append(Rule(a[0], min(a[1], b[1]), max(a[1], b[1])))


def _merge(rules: list[Rule]) -> list[Rule]:
    """One rule for the two edges of a thin rectangle, and for pieces of one line drawn end to end."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.at), r.start)):
        last = merged[-1] if merged else None
        if last is not None and abs(last.at - rule.at) <= _NEAR and rule.start <= last.end + _NEAR:
            last.end = max(last.end, rule.end)
        else:
            merged.append(Rule(rule.at, rule.start, rule.end))
    return merged


def _rows(rules: Rules) -> list[_Row]:
    """Bands between two horizontal rules that vertical rules part into two cells or more."""
    levels = sorted(rules.horizontal, key=lambda r: -r.at)
    rows: list[_Row] = []
    for upper in levels:
        lower = next(
            (r for r in levels if r.at < upper.at - _MIN_LENGTH and _overlap(r, upper) > 0.5), None
        )  # the next rule down under the same stretch of page
        if lower is None:
            continue
        left, right = max(upper.start, lower.start), min(upper.end, lower.end)
        edges = sorted(
            r.at
            for r in rules.vertical
            if left - _NEAR <= r.at <= right + _NEAR and r.start <= lower.at + _NEAR and r.end >= upper.at - _NEAR
        )
        inner = [x for x in edges if left + _MIN_LENGTH < x < right - _MIN_LENGTH]
        if inner:
            rows.append(_Row(upper.at, lower.at, [left, *inner, right]))
    return rows


def _overlap(a: Rule, b: Rule) -> float:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared / max(min(a.end - a.start, b.end - b.start), 1.0)


def ruled_lines(segments: list[Segment], rules: Rules, page: int) -> list[Line]:
    """The page's lines, a ruled table's row as one line holding its cells' lines (`Line.ruled`)."""
    rows = _rows(rules)
    if not rows:
        return group_lines(segments, page)
    in_rows: list[list[Segment]] = [[] for _ in rows]
    rest: list[Segment] = []
    for seg in segments:
        middle = (seg.x0 + seg.x1) / 2
        for i, row in enumerate(rows):
            if row.bottom < seg.center < row.top and row.edges[0] < middle < row.edges[-1]:
                in_rows[i].append(seg)
                break
        else:
            rest.append(seg)
    lines = group_lines(rest, page)
    table = 0
    previous: _Row | None = None
    for row, segs in zip(rows, in_rows, strict=True):
        if previous is None or abs(previous.bottom - row.top) > _NEAR:
            table += 1  # a row that does not share its top rule with the row above starts a table
        previous = row
        if not segs:
            continue
        cells: list[list[Segment]] = [[] for _ in row.edges[:-1]]
        for seg in segs:
            column = sum(1 for x in row.edges[1:-1] if x <= seg.x0 + _NEAR)
            cells[column].append(seg)
        cell_lines = [[part.text for part in group_lines(cell, page)] for cell in cells]
        line = Line(page, segs)
        line.center = row.top - 0.01  # a row sorts where it starts on the page
        line.text = " ".join(text for lines_of_cell in cell_lines for text in lines_of_cell)
        line.ruled = ((page, table), cell_lines)
        lines.append(line)
    lines.sort(key=lambda line: -line.center)
    return lines
