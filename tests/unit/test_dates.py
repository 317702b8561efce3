"""Date mentions, stated dates and the inference of a missing date."""

from __future__ import annotations

import pytest

from boardreader.corpus.dates import find_dates, infer_date, parse_stated


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
