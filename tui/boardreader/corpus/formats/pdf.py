"""PDF to parser-ready text, with pypdfium2 (Google's PDFium: fast C++ text extraction, permissive licence).

Each page's words come from PDFium's own text in reading order, placed on the page by their
character boxes (`pdf_page.py`); from those runs we rebuild the page the way a reader sees it (see
`layout.py`): lines, then paragraphs (a larger gap between lines, a list marker, a change of type
size), lines kept apart where the writer broke them short ("Contact officer: ..." / "Position:
..."), hyphenation at line ends undone, tables the page draws with rules read by their rules
(`rules.py`) and runs of lines with column gaps as tables, one tab-separated line per row, and
pages set in two columns read down the left column, then the right (`columns.py`). Running heads
and feet repeated at the same place on every page ("Item 3g", "Page 2 of 5", a board name) are
removed, and a paragraph cut by a page break is joined again.
A PDF without any text is a scan: `ExtractionError("no text layer (scanned)")`; one whose text
layer is glyph numbers, not letters (fonts embedded without a character map), is refused with
`NO_CHARACTER_MAP`.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from .columns import read_columns
from .errors import ExtractionError
from .layout import Line, lay_out
from .pdf_page import MAP_SAMPLE, PageText, read_page_text
from .rules import Rules, page_rules, ruled_lines
from .words import COMMON_WORDS

SCANNED = "no text layer (scanned)"
NO_CHARACTER_MAP = "no readable text layer (fonts without a character map)"
_ALPHA_WORD = re.compile(r"[A-Za-z]{2,}")
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
        read = [_page_text(document, i) for i in range(len(document))]
    finally:
        document.close()
    texts = [text for text, _ in read]
    if not any(text.segments for text in texts):
        raise ExtractionError(SCANNED)
    readable = [readable_text(text) for text in texts]
    if not any(readable):
        raise ExtractionError(NO_CHARACTER_MAP)
    pages = [
        ruled_lines(text.segments, rules, i) if ok else []
        for i, ((text, rules), ok) in enumerate(zip(read, readable, strict=True))
    ]
    in_reading_order = []
    columns = None
    for page in remove_running_heads(pages):
        page, columns = read_columns(page, columns)
        in_reading_order.append(page)
    return lay_out(in_reading_order)


def readable_text(text: PageText) -> bool:
    """Is a page's text layer text? A font embedded without its character map gives glyph numbers
    for letters: PDFium flags them, or they come out as digits and symbols ("6+7+38116')0+88"), or
    as letters that make no words ("Wkh Erdug"). A page of that is skipped, not read as garbage."""
    if not text.characters:
        return True  # a blank page, or only pictures: nothing to misread
    if text.unmapped > 0.5 * min(text.characters, MAP_SAMPLE) or text.letters < 0.25 * text.characters:
        return False
    words = [w.lower() for s in text.segments for w in _ALPHA_WORD.findall(s.text)]
    if len(words) < 40:
        return True
    return sum(w in COMMON_WORDS for w in words) >= 0.02 * len(words)


def _page_text(document: pdfium.PdfDocument, index: int) -> tuple[PageText, Rules]:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            rules = page_rules(page)
            return read_page_text(textpage, rules), rules
        finally:
            textpage.close()
    finally:
        page.close()


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
