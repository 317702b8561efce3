"""Document blocks to the plain text the board-paper parser reads.

Every format reader (PDF, Word, HTML) finds the same few kinds of block - headings, paragraphs,
list items and table rows - and hands them to a `TextWriter`, so all formats come out in the shape
of a hand-extracted plain-text paper: one paragraph per line (soft line breaks kept as lines), a
blank line between blocks, list items and the rows of one table on consecutive lines, numbered
items as `1. text`, bullets as `- text`, and table cells separated by tabs. A list inside a table
cell becomes `lead • item • item`, the form the meeting-note parser already splits.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0]+")
_CELL_WS = re.compile(r"\s+")
_SPACES_ONLY = re.compile(r"[ \u00a0]+")
# A try starts only where a run of spaces starts (the lookbehind): a long run costs linear time.
_TAB_RUN = re.compile(r"(?:(?<![ \u00a0])[ \u00a0]++)?+\t[\t \u00a0]*")
_MARKER_TAB = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\)|[•·▪–-])[ \u00a0]*\t[\t \u00a0]*")
# A list marker that ends in a digit ("1.1" from Word's "%1.%2") gets the full stop the parser expects.
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*$")


def clean_line(text: str) -> str:
    """Collapse runs of spaces in one line; tabs inside prose are layout, not table structure."""
    return _SPACES.sub(" ", text).strip()


def clean_tabbed_line(text: str) -> str:
    """A line whose tabs are layout a writer typed: a tab after a typed list number is the gap of a
    hanging indent ("1.<TAB>Text" -> "1. Text"); other tabs line up columns and stay, one per gap."""
    text = text.strip(" \t\u00a0")
    text = _MARKER_TAB.sub(r"\1 ", text)
    text = _TAB_RUN.sub("\t", text)
    return _SPACES_ONLY.sub(" ", text)


def cell_text(parts: list[tuple[bool, str]]) -> str:
    """One table cell from its paragraphs: (is_list_item, text) pairs, joined on one line."""
    out: list[str] = []
    for is_item, text in parts:
        flat = _CELL_WS.sub(" ", text).strip()
        if not flat:
            continue
        out.append(f"• {flat}" if is_item else flat)
    return " ".join(out)


def list_marker(marker: str) -> str:
    marker = marker.strip()
    if _BARE_NUMBER.match(marker):
        return marker + "."
    return marker


class TextWriter:
    """Collects blocks in reading order and renders them as parser-ready plain text."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._last: str | None = None  # kind of the previous block, to keep lists and tables tight

    def _start(self, kind: str) -> None:
        tight = kind == self._last and kind in {"item", "row"}
        if self._lines and not tight:
            self._lines.append("")
        self._last = kind

    def heading(self, text: str) -> None:
        text = clean_line(text.replace("\n", " "))
        if text:
            self._start("heading")
            self._lines.append(text)

    def paragraph(self, text: str, keep_tabs: bool = False) -> None:
        """A paragraph; its line breaks stay. keep_tabs for formats where a tab is a typed tab
        (Word), not just white space (HTML, PDF)."""
        clean = clean_tabbed_line if keep_tabs else clean_line
        lines = [clean(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            self._start("paragraph")
            self._lines.extend(lines)

    def item(self, marker: str | None, text: str) -> None:
        """A list item; marker is its number ("1.", "1.1", "(a)") or None for a bullet."""
        text = clean_line(text.replace("\n", " "))
        if not text:
            return
        self._start("item")
        self._lines.append(f"{list_marker(marker)} {text}" if marker else f"- {text}")

    def row(self, cells: list[str]) -> None:
        cells = [_CELL_WS.sub(" ", c).strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            return
        self._start("row")
        self._lines.append("\t".join(cells))

    def end_table(self) -> None:
        """Two tables one after the other stay two tables."""
        if self._last == "row":
            self._last = "table-end"

    def text(self) -> str:
        return "\n".join(self._lines) + "\n" if self._lines else ""
