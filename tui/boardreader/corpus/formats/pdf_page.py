"""One PDF page's text as positioned runs, taken from PDFium's own text in reading order.

The words come from PDFium's text stream (`FPDFText_GetText`): it already merges the kerned
fragments Word and PDF printers write ("T" "rans" "port" drawn apart), drops text drawn twice, and
puts in the spaces and line breaks a reader sees - the same words `pdftotext` gives. Character boxes
are read only to place that text on the page: a run ends at PDFium's line break, at a gap wide
enough to be a column or table-cell gap, or where the text jumps back or to another height.
Cutting the page into rectangles and asking for the text inside each (as this reader once did)
cuts through those fragments: "T rans port", "gov.uk k".

It also counts the characters whose font has no usable character map, so a text layer that only
looks like text ("6+7+38116')0+88") can be refused by `pdf.py`.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2.raw as pdfium_c

from .layout import Segment
from .rules import Rules

# Symbol and Wingdings bullets land in the Private Use Area (U+F0B7 is Symbol's bullet).
_PRIVATE_BULLETS = {chr(c): "•" for c in (0xF0B7, 0xF06C, 0xF0A7, 0xF0D8, 0xF076, 0xF0FC, 0xF0A8, 0xF06E, 0xF075)}
_CELL_GAP = 1.2  # a gap this many type sizes wide inside a line separates columns or cells
MAP_SAMPLE = 400  # characters of a page checked for a missing character map
_LINE_END_HYPHENS = ("\x02", "\ufffe")  # PDFium's marks for a hyphen it saw at a line end


@dataclass(slots=True)
class PageText:
    segments: list[Segment]
    characters: int  # characters drawn (not spaces PDFium made up)
    unmapped: int  # of the first `MAP_SAMPLE` of those, characters whose font gives no Unicode for them
    letters: int


@dataclass(slots=True)
class _Glyph:
    char: str
    left: float
    right: float
    low: float
    high: float
    spaced: bool  # PDFium's text has a space before it

    @property
    def width(self) -> float:
        return self.right - self.left


def read_page_text(textpage: object, rules: Rules | None = None) -> PageText:
    """The page's runs of text, in PDFium's reading order, with what `pdf.readable_text` needs."""
    raw = textpage.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFText_CountChars(raw)
    text = textpage.get_text_range(0, count) if count > 0 else ""  # type: ignore[attr-defined]
    if len(text) != count:  # characters outside the Basic Multilingual Plane: one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    segments: list[Segment] = []
    line: list[_Glyph] = []
    size = 0.0
    spaced = False
    drawn = unmapped = letters = 0
    for i, ch in enumerate(text):
        if ch in "\r\n":
            segments += _split_line(line, size, rules)
            line, spaced = [], False
            continue
        if ch.isspace():
            spaced = True
            continue
        if not loose_box(raw, i, rect_ref):
            continue
        left, right, low, high = rect.left, rect.right, rect.bottom, rect.top
        glyph = _Glyph(_PRIVATE_BULLETS.get(ch, ch), left, right, low, high, spaced)
        spaced = False
        drawn += 1
        if drawn <= MAP_SAMPLE:  # a font without a map shows in any sample of its characters
            unmapped += map_error(raw, i) == 1
        letters += ch.isalpha()
        if ch in _LINE_END_HYPHENS:
            glyph.char = "-"  # the layout decides whether the word was hyphenated or only broken
        if line:
            last = line[-1]
            moved = (low != last.low or high != last.high) and abs(low + high - last.low - last.high) > max(
                last.high - last.low, high - low, 1.0
            )  # the centres more than half a line apart
            if moved or left < last.left - size:
                segments += _split_line(line, size, rules)  # PDFium went on without a line break: another line
                line = []
            elif glyph.char == last.char and not glyph.spaced and abs(left - last.left) < 0.3 * last.width:
                continue  # the same glyph drawn again on itself (a fake bold): read once
        if not line:
            size = _type_size(raw, i, glyph.high - glyph.low)
        line.append(glyph)
    segments += _split_line(line, size, rules)
    return PageText(segments, drawn, unmapped, letters)


def _type_size(raw: object, index: int, box_height: float) -> float:
    """The size the reader sees: the font size times the text matrix's scale (Quartz, for one, sets
    every font at size 1 and scales it with the matrix)."""
    nominal = pdfium_c.FPDFText_GetFontSize(raw, index)
    matrix = pdfium_c.FS_MATRIX()
    if nominal > 0 and pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix)):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        if scale > 0:
            return float(nominal * scale)
    return box_height


def _split_line(line: list[_Glyph], size: float, rules: Rules | None) -> list[Segment]:
    """One line of PDFium's text cut at column and cell gaps. A gap is one when it is wider than
    `_CELL_GAP` type sizes and than twice the line's usual space - a justified line's spaces can
    be wide, but they are all alike. A table's vertical rule between two characters parts them too."""
    if not line:
        return []
    gaps = [b.left - a.right for a, b in pairwise(line)]
    word_gaps = sorted(g for g, b in zip(gaps, line[1:], strict=True) if b.spaced or g > 0.15 * size)
    usual = word_gaps[len(word_gaps) // 4] if word_gaps else 0.0  # a low quartile: most gaps are spaces
    segments: list[Segment] = []
    start = 0
    for i, gap in enumerate(gaps, 1):
        a, b = line[i - 1], line[i]
        if (gap > _CELL_GAP * size and (gap > 3 * size or gap > 2 * usual)) or (
            rules is not None and rules.vertical and rules.vertical_between(a.right, b.left, (b.low + b.high) / 2)
        ):
            segments.append(_segment(line[start:i], size))
            start = i
    segments.append(_segment(line[start:], size))
    return segments


def _segment(glyphs: list[_Glyph], size: float) -> Segment:
    text = "".join((" " + g.char) if g.spaced and i else g.char for i, g in enumerate(glyphs))
    return Segment(
        glyphs[0].left,
        max(g.right for g in glyphs),
        min(g.low for g in glyphs),
        max(g.high for g in glyphs),
        text,
        size,
    )
