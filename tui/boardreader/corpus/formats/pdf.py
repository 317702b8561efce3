"""PDF to parser-ready text, with pypdfium2 (Google's PDFium: fast C++ text extraction, permissive licence).

PDFium gives each page's text as rectangles: runs of text on one line with their position. From
those we rebuild the page the way a reader sees it (see `layout.py`): lines, then paragraphs (a
larger gap between lines, a list marker, a change of type size), lines kept apart where the writer
broke them short ("Contact officer: ..." / "Position: ..."), hyphenation at line ends undone, and
runs of lines with column gaps read as tables, one tab-separated line per row. Running heads and
feet repeated at the same place on every page ("Item 3g", "Page 2 of 5", a board name) are
removed, and a paragraph cut by a page break is joined again. A PDF without any text is a scan:
`ExtractionError("no text layer (scanned)")`.
"""

from __future__ import annotations

import re
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from .errors import ExtractionError
from .layout import Line, Segment, group_lines, lay_out

SCANNED = "no text layer (scanned)"
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE)
_EDGE_LINES = 3  # how many lines at the top and at the bottom of a page may be running heads or feet


def extract_pdf(data: bytes) -> str:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ExtractionError("the PDF is protected by a password") from exc
        raise ExtractionError(f"not a readable PDF ({exc})") from exc
    try:
        pages = [_page_lines(document, i) for i in range(len(document))]
    finally:
        document.close()
    if not any(line.text.strip() for page in pages for line in page):
        raise ExtractionError(SCANNED)
    pages = remove_running_heads(pages)
    return lay_out(pages)


def _page_lines(document: pdfium.PdfDocument, index: int) -> list[Line]:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            segments = [_segment(textpage, *textpage.get_rect(i)) for i in range(textpage.count_rects())]
        finally:
            textpage.close()
    finally:
        page.close()
    return group_lines([s for s in segments if s is not None], index)


def _segment(textpage: Any, left: float, bottom: float, right: float, top: float) -> Segment | None:
    """One run of text with its box and the type size of its first character."""
    text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", " ")
    if not text.strip():
        return None
    # Headings and body text differ in type size; the line pitch and paragraph gaps scale with it.
    char = textpage.get_index(left + 1, (top + bottom) / 2, 2, 2)
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, char) if char is not None and char >= 0 else 0.0
    return Segment(left, right, bottom, top, text, size or (top - bottom))


def _signature(line: Line) -> str:
    """What stays the same in a running head from page to page: the words, not the page number."""
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def remove_running_heads(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page furniture: page numbers at a page's edge, and edge lines repeated at the same height
    on other pages (the first page's copy too: a head printed on every page belongs to none of them)."""
    seen: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for line in _edge_lines(page):
            seen.setdefault(_signature(line), []).append((line.page, line.center))
    needed = 2 if len(pages) < 4 else max(2, len(pages) // 2)
    out = []
    for page in pages:
        edge = {id(line) for line in _edge_lines(page)}
        kept = []
        for line in page:
            if id(line) in edge:
                if _PAGE_NUMBER.match(line.text.strip()):
                    continue
                same_place = [p for p, y in seen.get(_signature(line), []) if abs(y - line.center) < 4]
                if len(set(same_place)) >= needed:
                    continue
            kept.append(line)
        out.append(kept)
    return out


def _edge_lines(page: list[Line]) -> list[Line]:
    if len(page) <= 2 * _EDGE_LINES:
        return page
    return page[:_EDGE_LINES] + page[-_EDGE_LINES:]
