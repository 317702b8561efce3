"""Cleaning: markup becomes what it meant, page furniture goes, every word stays."""

from __future__ import annotations

from boardreader.corpus.clean import clean_inline, drop_running_headers, fix_ocr, split_html_list


def test_bold_becomes_an_emphasis_span() -> None:
    c = clean_inline("The Board **noted** the report.")
    assert c.text == "The Board noted the report."
    assert [c.text[a:b] for a, b in c.emphasis] == ["noted"]


def test_markdown_links_keep_their_text_and_real_targets() -> None:
    c = clean_inline("Click [here](#) or see [the guide](https://example.org/guide).")
    assert c.text == "Click here or see the guide."
    assert c.links == ("https://example.org/guide",)


def test_html_tags_and_entities() -> None:
    c = clean_inline("<p>Fish &amp; <b>chips</b></p><br>for <https://example.org/x>")
    assert c.text == "Fish & chips for https://example.org/x"


def test_emphasis_offsets_survive_collapsed_spaces() -> None:
    c = clean_inline("<p>  A  </p> **word**  here")
    assert c.text == "A word here"
    assert [c.text[a:b] for a, b in c.emphasis] == ["word"]


def test_ocr_cllr() -> None:
    assert fix_ocr("report from CIIr Peter Fleming and CIlrs Smith") == "report from Cllr Peter Fleming and Cllrs Smith"
    assert fix_ocr("CIIrs") == "Cllrs"
    assert fix_ocr("Cllr stays") == "Cllr stays"
    # Only the whole word: a word ending in the letters (or an accented letter before them) stays.
    assert fix_ocr("xCIIr éCIIr CIIrx 2CIIr (CIIr)") == "xCIIr éCIIr CIIrx 2CIIr (Cllr)"


def test_single_asterisks_emphasise_only_at_a_word_start() -> None:
    c = clean_inline("*lead* then 2*3*4 and a*b* and **bold** then (*aside*)")
    assert c.text == "lead then 2*3*4 and a*b* and bold then (aside)"
    assert [c.text[a:b] for a, b in c.emphasis] == ["lead", "bold", "aside"]


def test_every_run_of_white_space_becomes_one_space() -> None:
    spaced = "a\u00a0b \u3000 c\u2002\u2002d  e f\u200bg \u00a0"
    assert clean_inline(spaced).text == "a b c d e f g"
    assert clean_inline("**one**\u00a0 **two**").emphasis == ((0, 3), (4, 7))


def test_inline_html_list() -> None:
    lead, items = split_html_list('Points: <ul style="x">• one;• two;• three</ul>')
    assert (lead, items) == ("Points:", ["one", "two", "three"])


def test_running_header_dropped_but_first_kept() -> None:
    lines = ["Item 3g", "", "Title of the report", "", "1. Some text that goes on and", "", "Item 3g", "", "on."]
    kept, removed = drop_running_headers(lines)
    assert kept.count("Item 3g") == 1 and removed == ["Item 3g"]


def test_page_numbers_dropped_from_the_body() -> None:
    lines = ["Title", "", "Heading", "", "Text", "", "Body", "", "More", "", "Yet more", "Page 2 of 5", "- 3 -", "end"]
    kept, removed = drop_running_headers(lines)
    assert removed == ["Page 2 of 5", "- 3 -"] and kept[-1] == "end"
