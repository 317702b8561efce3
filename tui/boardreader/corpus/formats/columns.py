"""Pages set in two columns, put back in reading order: down the left column, then down the right.

A page's lines are first grouped across its whole width, so two columns of prose would be read
side by side ("Alan Pryor Stephen", "Growth ak Efficiency"). A column gutter is a line x on the page
that no text crosses for a run of lines, with prose on both sides of it: most lines on each side
one run of several words, and many of them ending at a common right edge because the text wraps
there. A table also has gaps no text crosses, but its cells are short or hold several runs, and it
is left to `layout.py` to read row by row. Lines above and below the run of columns (a heading
across the page, a footnote) stay where they are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import Line

_MIN_LINES = 5  # lines on each side of a gutter before it is taken for one
_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,2}\)|[•·▪◦‣●■o–*-])$")


@dataclass(slots=True)
class Columns:
    """Where a page in columns had its gutter, and where its left column's lines wrap."""

    gutter: float
    left_edge: float


def read_columns(lines: list[Line], before: Columns | None = None) -> tuple[list[Line], Columns | None]:
    """One page's lines (top to bottom, as grouped across the page) in reading order, and its columns.
    A page of a paper set in columns (`before`: the last page's) may hold only a left column - the
    end of the text - which wraps at that column's edge, not the page's."""
    for gutter in _candidate_gutters(lines):
        found = _split_at(lines, gutter)
        if found is not None:
            return found
    if before is not None and lines and all(line.x1 <= before.gutter and line.ruled is None for line in lines):
        return [Line(line.page, line.segments, 1, before.left_edge) for line in lines], before
    return lines, None


def _candidate_gutters(lines: list[Line]) -> list[float]:
    """Where runs start other than at a line's start, most common first: where a right column would begin."""
    starts = Counter(round(seg.x0 / 2) * 2 for line in lines for seg in line.segments[1:])
    return [float(x) for x, n in starts.most_common(4) if n >= _MIN_LINES]


def _split_at(lines: list[Line], gutter: float) -> tuple[list[Line], Columns] | None:
    """Lines with the longest run of lines no text crosses at `gutter` read column by column, or None
    when that run is not two columns of prose."""
    tolerance = 2.0
    crossing = [
        line.ruled is not None or any(s.x0 < gutter - tolerance and s.x1 > gutter + tolerance for s in line.segments)
        for line in lines
    ]
    best: tuple[int, int] = (0, 0)
    start = 0
    for i, crosses in enumerate([*crossing, True]):
        if crosses:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = i + 1
    band = lines[best[0] : best[1]]
    left = [[s for s in line.segments if s.x1 <= gutter + tolerance] for line in band]
    right = [[s for s in line.segments if s.x0 >= gutter - tolerance] for line in band]
    left_lines = [Line(line.page, segs) for line, segs in zip(band, left, strict=True) if segs]
    right_lines = [Line(line.page, segs) for line, segs in zip(band, right, strict=True) if segs]
    if not (_is_prose(left_lines) and _is_prose(right_lines)):
        return None
    left_edge = max(line.x1 for line in left_lines)
    right_edge = max(line.x1 for line in right_lines)
    first = [Line(line.page, line.segments, 1, left_edge) for line in left_lines]
    second = [Line(line.page, line.segments, 2, right_edge) for line in right_lines]
    return lines[: best[0]] + first + second + lines[best[1] :], Columns(gutter, left_edge)


def _is_prose(lines: list[Line]) -> bool:
    """Enough lines, most of them one run of several words (after a list marker), many ending at the
    column's right edge where the text wrapped."""
    if len(lines) < _MIN_LINES:
        return False
    one_run = sum(len(line.segments) == 1 or _marker_and_text(line) for line in lines)
    words = sorted(len(line.text.split()) for line in lines)
    edge = max(line.x1 for line in lines)
    width = edge - min(line.x0 for line in lines)
    at_edge = sum(edge - line.x1 < 0.15 * width for line in lines)
    return one_run >= 0.8 * len(lines) and words[len(words) // 2] >= 4 and at_edge >= 0.4 * len(lines)


def _marker_and_text(line: Line) -> bool:
    return len(line.segments) == 2 and bool(_MARKER.match(line.segments[0].text.strip()))
