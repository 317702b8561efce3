"""PDFs written the ways councils' tools write them read as a careful reader reads the page.

Each test PDF is made at test time (`pdf_makers.py`) and knows the words it drew: words set as
kerned fragments, a character at a time and out of order; a Pages-style line per text object with
the font at size 1; two columns of prose; a ruled table with wrapped cells; running heads and page
numbers; words hyphenated at justified line ends. Their words must match what was drawn (precision
and recall at least 0.97) and their paragraphs and table rows come out one per line, whole and in
reading order. A font without a character map is skipped with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from boardreader import load_library
from boardreader.corpus.formats import ExtractionError, extract_text
from boardreader.corpus.formats.pdf import NO_CHARACTER_MAP

from . import pdf_makers
from .pdf_makers import MadePdf, word_scores

MAKERS: dict[str, Callable[[], MadePdf]] = {
    "kerned fragments": pdf_makers.kerned_fragments_pdf,
    "a line per text object (Pages)": pdf_makers.pages_line_objects_pdf,
    "two columns": pdf_makers.two_column_pdf,
    "two columns of bullets": pdf_makers.two_column_bullets_pdf,
    "ruled table": pdf_makers.ruled_table_pdf,
    "ruled table, cells close together (Word)": lambda: pdf_makers.ruled_table_pdf(padding=1.5),
    "running heads and page numbers": pdf_makers.running_heads_pdf,
    "hyphenated line ends": pdf_makers.hyphenated_pdf,
}


def _blocks(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_pdf_words_are_the_words_drawn(kind: str) -> None:
    made = MAKERS[kind]()
    precision, recall = word_scores(extract_text(".pdf", made.data), made.words)
    assert precision >= 0.97 and recall >= 0.97, (precision, recall)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_pdf_paragraphs_and_rows_come_out_as_a_reader_reads_them(kind: str) -> None:
    made = MAKERS[kind]()
    assert _blocks(extract_text(".pdf", made.data)) == made.blocks


def test_kerned_fragments_give_whole_words_never_split_or_doubled() -> None:
    text = extract_text(".pdf", pdf_makers.kerned_fragments_pdf().data)
    for whole in ("Transport Board Minutes", "Nadia Hollenby", "Worcester Road", "ongoing", "considered"):
        assert whole in text
    assert "transport.clerk@harbourside.gov.uk or" in text
    assert "2nd June" in text and "1st floor" in text


def test_two_columns_are_read_down_the_left_then_the_right() -> None:
    made = pdf_makers.two_column_pdf()
    text = extract_text(".pdf", made.data)
    positions = [text.index(paragraph) for paragraph in made.blocks]
    assert positions == sorted(positions)


def test_running_heads_and_page_numbers_are_gone_and_a_paragraph_over_a_page_break_is_whole() -> None:
    made = pdf_makers.running_heads_pdf()
    text = extract_text(".pdf", made.data)
    assert pdf_makers.RUNNING_HEAD not in text
    assert not re.search(r"^\d+$", text, re.MULTILINE)
    assert len(made.blocks) == len(_blocks(text))


@pytest.mark.parametrize("first_code", [33, 65], ids=["glyph numbers as symbols", "glyph numbers as letters"])
def test_a_font_without_a_character_map_is_skipped_with_its_reason(first_code: int, tmp_path: Path) -> None:
    data = pdf_makers.font_without_a_character_map_pdf(first_code).data
    with pytest.raises(ExtractionError, match=re.escape(NO_CHARACTER_MAP)):
        extract_text(".pdf", data)
    (tmp_path / "minutes.pdf").write_bytes(data)
    (tmp_path / "kerned.pdf").write_bytes(pdf_makers.kerned_fragments_pdf().data)
    library = load_library(tmp_path)
    assert [(s.file, s.reason) for s in library.skipped] == [("minutes.pdf", NO_CHARACTER_MAP)]
    assert [r.file for r in library.reports] == ["kerned.pdf"]
