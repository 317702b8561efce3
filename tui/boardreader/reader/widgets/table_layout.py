"""How a report's table fits the width it has: column widths, and cells wrapped at word boundaries.

A table's rows are separate blocks (each a cursor stop), so they share column widths worked out
once for the run of rows, as Rich's Table would for one table: each column gets at least its
longest word (`least`), a short column gets all it wants before the long ones share the rest in
proportion to what they lack, and only when even the longest words do not fit are the columns
shrunk below them and words cut (overflow "fold", the last resort). A word may break after a
hyphen or slash ("Position/" "Role", "Deputy-" "chairman"), as a reader breaks it by hand.
Pure functions of strings and numbers: the report view draws the lines they give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A piece of text no line may break inside: a word, or a word's part up to a hyphen or a slash.
PIECE = re.compile(r"\S+?(?:[-/](?=\w)|(?=\s)|$)")
SHORT_COLUMN = 16  # a column wanting no more than this is given all of it before the long ones share


@dataclass(frozen=True)
class Column:
    """What a column holds across a run of rows: its longest cell and its longest unbreakable piece."""

    wanted: int
    least: int


def columns_of(rows: Sequence[Sequence[str]], cap: int) -> tuple[Column, ...]:
    """The columns of a run of rows (cells as strings), a cell's length counted up to `cap`."""
    wanted: list[int] = []
    least: list[int] = []
    for cells in rows:
        for i, cell in enumerate(cells):
            if i >= len(wanted):
                wanted.append(0)
                least.append(0)
            wanted[i] = max(wanted[i], min(len(cell), cap))
            least[i] = max(least[i], min(longest_piece(cell), cap))
    return tuple(Column(w, min(w, s)) for w, s in zip(wanted, least, strict=True))


def longest_piece(text: str) -> int:
    return max((len(m.group()) for m in PIECE.finditer(text)), default=0)


def fit_columns(columns: Sequence[Column], room: int) -> list[int]:
    """Each column's width so that together they fill at most `room` cells (at least 1 each)."""
    if not columns:
        return []
    wanted = [max(1, c.wanted) for c in columns]
    if sum(wanted) <= room:
        return wanted
    least = [max(1, c.least) for c in columns]
    if sum(least) >= room:  # the last resort: even the longest words do not fit, so words are cut
        total = sum(least)
        return [max(1, n * room // total) for n in least]
    widths = list(least)
    spare = room - sum(widths)
    for i in sorted(range(len(columns)), key=lambda i: wanted[i] - least[i]):
        need = wanted[i] - widths[i]
        if wanted[i] <= SHORT_COLUMN and 0 < need <= spare:
            widths[i] = wanted[i]
            spare -= need
    needs = [wanted[i] - widths[i] for i in range(len(columns))]
    total_need = sum(needs)
    if total_need and spare:
        shares = [spare * need // total_need for need in needs]
        for i, share in enumerate(shares):
            widths[i] += share
        left = spare - sum(shares)
        for i in sorted(range(len(columns)), key=lambda i: -needs[i])[:left]:
            widths[i] += 1
    return widths


def line_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where `text` breaks into lines of at most `width` characters: at spaces, or after a hyphen or
    slash, and inside a piece only when the piece alone is wider than a line."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = end = -1
    for piece in PIECE.finditer(text):
        s, e = piece.span()
        if start >= 0 and e - start <= width:
            end = e
            continue
        if start >= 0:
            lines.append((start, end))
        start, end = s, e
        while end - start > width:  # a piece wider than the column: folded, as nothing else can fit it
            lines.append((start, start + width))
            start += width
    if start >= 0:
        lines.append((start, end))
    return lines or [(0, 0)]
