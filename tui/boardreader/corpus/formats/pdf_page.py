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

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from .layout import Segment

# Symbol and Wingdings bullets land in the Private Use Area (U+F0B7 is Symbol's bullet).
_PRIVATE_BULLETS = {chr(c): "•" for c in (0xF0B7, 0xF06C, 0xF0A7, 0xF0D8, 0xF076, 0xF0FC, 0xF0A8, 0xF06E, 0xF075)}
_CELL_GAP = 1.2  # a gap this many type sizes wide inside a line separates columns or cells
_SOFT_HYPHEN_MARK = "\x02"  # PDFium's mark for a hyphen it saw at a line end


@dataclass(slots=True)
class PageText:
    segments: list[Segment]
    characters: int  # characters drawn (not spaces PDFium made up)
    unmapped: int  # of those, characters whose font gives no Unicode for them
    letters: int


def read_page_text(textpage: object) -> PageText:
    raw = textpage.raw  # type: ignore[attr-defined]
    count = pdfium_c.FPDFText_CountChars(raw)
    text = textpage.get_text_range(0, count) if count > 0 else ""  # type: ignore[attr-defined]
    if len(text) != count:  # characters outside the Basic Multilingual Plane: one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)

    def type_size(index: int, box_height: float) -> float:
        """The size the reader sees: the font size times the text matrix's scale (Quartz, for one,
        sets every font at size 1 and scales it with the matrix)."""
        nominal = pdfium_c.FPDFText_GetFontSize(raw, index)
        if nominal > 0 and pdfium_c.FPDFText_GetMatrix(raw, index, matrix_ref):
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            if scale > 0:
                return float(nominal * scale)
        return box_height

    map_error = pdfium_c.FPDFText_HasUnicodeMapError

    segments: list[Segment] = []
    chars: list[str] = []
    x0 = x1 = bottom = top = size = 0.0
    last_char = ""
    last_left = 0.0
    drawn = unmapped = letters = 0

    def close() -> None:
        nonlocal chars
        body = "".join(chars).strip()
        if body:
            segments.append(Segment(x0, x1, bottom, top, body, size))
        chars = []

    for i, ch in enumerate(text):
        if ch in "\r\n":
            close()
            last_char = ""
            continue
        if ch.isspace():
            if chars:
                chars.append(" ")
            continue
        if not loose_box(raw, i, rect_ref):
            continue
        left, right, low, high = rect.left, rect.right, rect.bottom, rect.top
        drawn += 1
        if map_error(raw, i) == 1:
            unmapped += 1
        if ch.isalpha():
            letters += 1
        if chars:
            line_height = max(top - bottom, high - low, 1.0)
            centre_moved = abs((low + high) / 2 - (bottom + top) / 2) > 0.5 * line_height
            if centre_moved or left - x1 > _CELL_GAP * size or left < x0 - 0.5 * size:
                close()
            elif ch == last_char and chars[-1] != " " and abs(left - last_left) < 0.3 * max(right - left, 0.1):
                continue  # the same glyph drawn again on itself (a fake bold): read once
        if not chars:
            x0, x1, bottom, top = left, right, low, high
            size = type_size(i, high - low)
        else:
            x1 = max(x1, right)
            bottom, top = min(bottom, low), max(top, high)
        if ch == _SOFT_HYPHEN_MARK:
            ch = "-"  # the layout decides whether the word was hyphenated or only broken
        chars.append(_PRIVATE_BULLETS.get(ch, ch))
        last_char, last_left = ch, left
    close()
    return PageText(segments, drawn, unmapped, letters)
