"""Organisations and programmes: named bodies and initiatives, never words in capitals, page
furniture or a sentence of the minutes."""

from __future__ import annotations

import pytest

from boardreader.corpus.entities import extract_spans, find_organisations, find_programmes
from boardreader.corpus.lexicon import _PLACE, Lexicon, Local, local_names, places, possible_acronyms


def found(text: str, kind: str) -> list[str]:
    spans = extract_spans(text, Lexicon(), local_names(text, []))
    return [s.value for s in spans if s.kind == kind]


@pytest.mark.parametrize(
    "text",
    [
        "MINUTES OF THE MEETING OF THE FINANCE BOARD HELD FOR MRS SMITH. THE BOARD NOTED THE REPORT FOR THE YEAR.",
        "RESOLVED THAT THE REPORT BE NOTED. THE CHAIR THANKED MRS JONES FOR THE WORK.",
        "Budget report PDF 88 KB. Appendix A PDF 212 KB. Minutes PDF 120 KB. Minutes PDF 96 KB.",
        "PRESENT: CLLR ADA PRICE (CHAIR), CLLR IVO STONE. APOLOGIES: CLLR LIN CHOW.",
    ],
)
def test_no_organisation_from_capitals_or_page_furniture(text: str) -> None:
    assert found(text, "organisation") == []


def test_a_short_name_used_twice_in_running_text_is_still_a_body() -> None:
    text = "The NWRA met on Monday. Members thanked the NWRA for its work."
    assert found(text, "organisation") == ["NWRA", "NWRA"]


def test_a_short_name_is_a_whole_word_of_three_to_six_capitals() -> None:
    text = "NWRA first; (SWRA) and -EWRA- too, but not xNWRA, éNWRA, 1NWRA, _NWRA, NWRA1, NW or ABCDEFG."
    assert [m.group(0) for m in possible_acronyms(text)] == ["NWRA", "SWRA", "EWRA"]
    assert [m.span() for m in possible_acronyms("NWRA")] == [(0, 4)]


def test_a_surname_in_capitals_ends_where_the_minute_runs_on() -> None:
    assert found("MRS SMITH AGREED TO WRITE.", "person") == ["Smith"]
    assert found("COUNCILLOR MRS ENID MARCHBANKS SPOKE.", "person") == ["Enid Marchbanks"]


@pytest.mark.parametrize(
    ("text", "programmes"),
    [
        ("Agreed the Board Priorities and Work Programme for the year.", []),
        ("Noted the Scrutiny Work Programme.", []),
        ("Noted the Youth Engagement Programme.", ["Youth Engagement Programme"]),
        ("Welcomed the Healthy Homes Fund and the Troubled Families Programme.",
         ["Healthy Homes Fund", "Troubled Families Programme"]),
    ],
)  # fmt: skip
def test_no_programme_from_a_sentence(text: str, programmes: list[str]) -> None:
    assert found(text, "programme") == programmes


def starts(found: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    return [(start, value) for start, _, value in found]


def test_a_name_of_capitalised_words_starts_where_a_word_starts() -> None:
    # The same phrase where a word starts and inside a word ("xHealthy"), after an apostrophe or a hyphen.
    text = "We back the Healthy Homes Fund; xHealthy Homes Fund; the O'Neill Homes Fund; Sector-led Homes Fund."
    assert starts(find_programmes(text, Local())) == [
        (12, "Healthy Homes Fund"), (41, "Homes Fund"), (65, "Homes Fund"), (77, "Sector-led Homes Fund"),
    ]  # fmt: skip
    text = "We back the Quill Valley programme, xQuill Valley programme and Quill Valley initiative."
    assert starts(find_programmes(text, Local())) == [(12, "Quill Valley programme"), (64, "Quill Valley initiative")]
    text = "Hosted, Rewiring Public Services and, xRewiring Public Services and: Growing Places."
    assert starts(find_programmes(text, Local())) == [(8, "Rewiring Public Services"), (69, "Growing Places")]
    text = "Staff of Northshire Borough Council met xNorthshire Borough Council and Eastshire Council."
    assert starts(find_organisations(text, Lexicon(), Local())) == [
        (0, "Staff of Northshire Borough Council"), (9, "Northshire Borough Council"), (52, "Borough Council"),
        (72, "Eastshire Council"),
    ]  # fmt: skip
    text = "The Local Quill Agency (LQA) and xLocal Quill Agency (LQB) met."
    assert starts(find_organisations(text, Lexicon(), Local())) == [
        (4, "Local Quill Agency"), (40, "Quill Agency"), (24, "LQA"), (54, "LQB"),
    ]  # fmt: skip


def test_a_name_is_at_most_thirteen_capitalised_words_before_its_suffix() -> None:
    words = " ".join(["Aa"] * 15)
    (found,) = find_organisations(f"See {words} Council.", Lexicon(), Local())
    assert found[2] == " ".join(["Aa"] * 13 + ["Council"])
    (found,) = find_programmes(f"See {words} Fund.", Local())
    assert found[2] == " ".join(["Aa"] * 13 + ["Fund"])


def test_a_word_in_camel_case_is_a_body_whatever_surrounds_it() -> None:
    # The gate before the pattern must pass every such word: a capital, lower case, then a capital.
    text = "We used CapacityGRID, myPlace and LocalGov; McDonald and MacLeod spoke; eBay and iPad."
    assert starts(find_organisations(text, Lexicon(), Local())) == [(8, "CapacityGRID"), (34, "LocalGov")]
    assert starts(find_organisations("QuillNet", Lexicon(), Local())) == [(0, "QuillNet")]
    assert starts(find_organisations("(AbC)", Lexicon(), Local())) == [(1, "AbC")]


PLACE_TEXTS = [
    "Staff of Milton Keynes Council, Northshire County Council and Eastshire  Council Council met; xDale City "
    "Council; Councillors of Quill\nBorough Council; O'Brien District Council; J. Smith Council and Councils.",
    "Council Council Council. Aa Council Bb Council Cc Dd Council City Council; Milton Keynes City Council",
    "Eastshire" + " " * 500 + "Council, Westshire \t\n Council",
    "The Vale Council" * 50,
]


def test_places_are_what_the_place_pattern_finds_anywhere() -> None:
    # places() tries the pattern only just before each "Council"; it must find what finditer finds.
    for text in PLACE_TEXTS:
        assert [m.span() for m in places(text)] == [m.span() for m in _PLACE.finditer(text)], text
    assert sorted(local_names(PLACE_TEXTS[0], []).places) == [
        "Dale City", "Eastshire  Council", "J. Smith", "Milton Keynes", "Northshire County", "O'Brien District",
        "Quill\nBorough",
    ]  # fmt: skip
    assert "Milton Keynes" in local_names(PLACE_TEXTS[1], []).places
