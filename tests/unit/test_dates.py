"""Date mentions, stated dates and the inference of a missing date."""

from __future__ import annotations

import pytest

from boardreader.corpus.dates import find_dates, infer_date, parse_stated, stated_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Tuesday 15 July 2014", "2014-07-15"),
        ("12 July 2012", "2012-07-12"),
        ("3rd March 2016", "2016-03-03"),
        ("Wednesday, 21 November 2018", "2018-11-21"),
        ("March 3, 2020", "2020-03-03"),
        ("15/07/2014", "2014-07-15"),
        ("2014-07-15", "2014-07-15"),
        ("3 Sept. 2014", "2014-09-03"),
        ("Item 3e", None),
        ("July 2014", None),
    ],
)
def test_stated_dates(line: str, iso: str | None) -> None:
    assert parse_stated(line) == iso


def test_mentions_have_spans_and_kinds() -> None:
    text = "On 20 and 21 of February, in April 2013, for 2014/15 and by 2015, planned for 28/29 November."
    found = [(text[d.start : d.end], d.kind, d.future) for d in find_dates(text)]
    assert found == [
        ("20 and 21 of February", "day_month", False),
        ("April 2013", "month_year", False),
        ("2014/15", "fy", False),
        ("2015", "year", True),
        ("28/29 November", "day_month", True),
    ]


def test_a_date_starts_where_a_word_starts() -> None:
    # Letters before a date's first digit or letter make it part of a word: only the year after "/" is one.
    text = "Ref x2013, a12/03/2014, v2014-05-06, Q2019/20, xin March; (2013), 12/03/2014."
    assert [(d.text, d.kind) for d in find_dates(text)] == [("2014", "year"), ("2013", "year"), ("12/03/2014", "full")]
    assert [d.text for d in find_dates("2014-05-06 and 2019/20 and 1999")] == ["2014-05-06", "2019/20", "1999"]
    assert [d.text for d in find_dates("Seen in March, MARCH 2015 and xMARCH 2016.")] == ["March", "MARCH 2015", "2016"]


def test_a_month_alone_follows_a_word_that_places_it() -> None:
    # Found from the month and read back over any white space to the word before it.
    text = (
        "Met in March, since\n\tJune, xin April, mid- May, mid-July, during \u2003 August, in October 12, "
        "in Marchx, Early December."
    )
    assert [(d.text, d.kind) for d in find_dates(text)] == [
        ("March", "month"), ("June", "month"), ("May", "month"), ("August", "month"), ("December", "month"),
    ]  # fmt: skip
    assert [d.text for d in find_dates("April")] == []
    assert [d.text for d in find_dates("of April")] == ["April"]


def test_a_range_reads_its_words_in_any_case() -> None:
    for text in ("Rates rose BETWEEN 1983 AND 1990.", "Rates rose From 1983 Until 1990.", "Cut from 2015 TO 2019."):
        assert {d.aside for d in find_dates(text)} == {"a range"}, text
    assert {d.aside for d in find_dates("Rates xfrom 1983 to 1990.")} == {None}


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Councils May wish to apply. Members may attend.") == []
    assert [d.text for d in find_dates("It opened in May.")] == ["May"]


def test_latest_past_event_wins_and_plans_are_ignored() -> None:
    text = "On 13 February 2013 we met. The academy will begin in April 2013. In January we interviewed."
    inferred = infer_date(find_dates(text))
    assert inferred.value == "2013-02"
    assert inferred.evidence is not None and "13 February 2013" in inferred.evidence


def test_financial_year_places_months_without_a_year() -> None:
    text = "In February the toolkit launched. Funding for 2021/22 is confirmed. On 2 November we met."
    # 2021/22 is the coming year: the current financial year is 2020/21, so November is 2020 and
    # February is 2021.
    assert infer_date(find_dates(text)).value == "2021-02"


def test_named_year_places_months() -> None:
    assert infer_date(find_dates("Map updated for 2019. Graduation at the end of June.")).value == "2019-06"


def test_no_dates_no_inference() -> None:
    inferred = infer_date(find_dates("Nothing dated here."))
    assert (inferred.value, inferred.evidence) == (None, None)


def test_year_only_gives_year_precision() -> None:
    assert infer_date(find_dates("Savings since 2017 were large.")).value == "2017"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Finance Board - Wednesday, 12th June, 2018 2.00 pm", "2018-06-12"),
        ("Cabinet - Tuesday, 4th March 2014 10.00 a.m.", "2014-03-04"),
        ("Date: Monday, 3rd February 2021", "2021-02-03"),
        ("Cabinet\t21/09/2017\tAgenda item 5", "2017-09-21"),
        ("5th Dec 2010", "2010-12-05"),
        ("THURSDAY 7TH JUNE 2018", "2018-06-07"),
        ("Monday 14th May 2018", "2018-05-14"),
        ("Wed 5 June 2019", "2019-06-05"),
        ("June 2014", "2014-06"),
        ("Next meeting: Tuesday 8 June 2021", None),
        ("Rescheduled from 3 March 2020", None),
    ],
)
def test_a_header_line_states_the_meeting_date(line: str, iso: str | None) -> None:
    stated = stated_date([line])
    assert (stated[0] if stated else None) == iso


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Finance Board - Wednesday, 12th June, 2018 2.00 pm", "2018-06-12"),
        ("THURSDAY 7TH JUNE 2018 AT 7.30PM", "2018-06-07"),
        ("Cabinet\t21/09/2017\tItem 5", "2017-09-21"),
        # A sentence of the body is no heading, though it holds a full date.
        ("On 13 February 2013 I met the minister.", None),
        ("The next meeting will be held on Tuesday 8 June 2021 at 2.00 pm.", None),
    ],
)
def test_the_body_opens_with_the_meeting_heading(line: str, iso: str | None) -> None:
    stated = stated_date(["Agenda and minutes"], [line, "Venue: Committee Room 2"])
    assert (stated[0] if stated else None) == iso


def test_the_header_date_wins_over_a_later_month() -> None:
    stated = stated_date(["Minutes", "Monday 14th May 2018"], ["Agreed to meet again in July 2018."])
    assert stated == ("2018-05-14", "Monday 14th May 2018")


def test_capitals_are_a_date_and_lower_case_may_is_a_verb() -> None:
    assert [d.iso for d in find_dates("THURSDAY 7TH JUNE 2018")] == ["2018-06-07"]
    assert [d.iso for d in find_dates("Item 7 may be deferred to 2019.")] == ["2019"]
    assert find_dates("Cllr Marchbanks said 3 Marchbanks Road") == []


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("Under the Local Government Act 1972 the council must meet.", "a year in a name"),
        ("As the 2011 Act requires.", "a year in a name"),
        ("Rates rose between 1983 and 1990.", "a range"),
        ("Budgets from 2015 to 2019 were cut.", "a range"),
        ("The budget for 2019/21 was set.", "a mistyped financial year"),
        ("The minutes of the meeting held on 2 November 1999 were agreed.", "another meeting"),
        ("The meeting was moved from 3 March 2020.", "another meeting"),
        ("Ahead of the May 2017 county elections the board met.", "names a thing"),
    ],
)
def test_what_cannot_date_the_paper(text: str, aside: str) -> None:
    found = find_dates(text)
    assert found and all(d.aside == aside and not d.is_evidence for d in found)
    assert infer_date(found).value is None


@pytest.mark.parametrize(
    "text",
    [
        "The next meeting will be held on Tuesday 8 June 2021.",
        "Papers go to the end of the meeting cycle in July 2022.",
    ],
)
def test_plans_and_the_next_meeting_never_date_the_paper(text: str) -> None:
    assert infer_date(find_dates(text)).value is None


def test_an_act_does_not_outrank_the_events() -> None:
    text = "On 13 February 2013 we met. The Localism Act 2011 and the Care Act 2014 apply."
    assert infer_date(find_dates(text)).value == "2013-02"


def test_many_years_cost_linear_time() -> None:
    found = find_dates("2013 " * 20000)
    assert len(found) == 20000


@pytest.mark.parametrize(
    "line",
    [
        "1. On Monday 13 February 2013 at 2pm I met the minister.",
        "On Tuesday 4 March 2014 at 10.00 am we visited the depot.",
    ],
)
def test_a_first_paragraph_with_a_weekday_and_a_time_is_no_heading(line: str) -> None:
    assert stated_date(["Resources Board – report from the Chair"], ["Resources Board", line]) is None
