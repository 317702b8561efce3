"""Report labels tell reports apart: the words every title of a kind shares, and the words that
only say what kind of paper it is or how its author is addressed, are dropped; what differs stays."""

from __future__ import annotations

from boardreader.corpus.model import Report, ReportDate
from boardreader.library.titles import distinct_titles


def paper(n: int, title: str, kind: str = "other") -> Report:
    return Report(f"r{n}", f"r{n}.txt", title, kind, None, None, ReportDate("2021-03", False), (), ())  # type: ignore[arg-type]


def labels(*titles: str, kind: str = "other") -> list[str]:
    found = distinct_titles([paper(n, t, kind) for n, t in enumerate(titles)])
    return [found[f"r{n}"] for n in range(len(titles))]


def test_what_differs_between_titles_of_a_kind_is_kept_as_written() -> None:
    assert labels(
        "Minutes of the Harbour Committee, sitting 3 May",
        "Minutes of the Harbour Committee, sitting 9 June",
        "Minutes of the Harbour Committee, sitting 21 July (special)",
    ) == ["3 May", "9 June", "21 July (special)"]


def test_titles_that_differ_only_in_address_and_role_are_named_by_their_kind() -> None:
    chair = [
        "Parks and Libraries Panel – from Cllr Marta Quince (Chair)",
        "Parks & Libraries Panel – report from Councillor Marta Quince (Chairman)",
        "Parks Panel – Report from Cllr Marta Quince (Chairwoman)",
    ]
    assert labels(*chair, kind="chair_report") == ["Chair's report"] * 3


def test_a_chairs_report_with_a_subject_is_named_by_kind_and_subject() -> None:
    assert labels(
        "Coast Board – Chair's report on the spring season",
        "Coast Board – Chair's report on the autumn season",
        "Coast Board – report from Mrs Ines Dorrel, Vice-Chair",
        kind="chair_report",
    ) == ["Chair's report: spring season", "Chair's report: autumn season", "Chair's report: Ines Dorrel"]


def test_a_paper_alone_of_its_kind_keeps_its_short_title_and_kinds_are_compared_apart() -> None:
    reports = [
        paper(0, "Note of the Coast Board meeting of 2 March", "meeting_note"),
        paper(1, "Coast Board – report from Cllr Ada Fenn", "chair_report"),
        paper(2, "Coast Board – report from Cllr Ada Fenn (Chair)", "chair_report"),
    ]
    found = distinct_titles(reports)
    assert found["r0"] == "Note of the Coast Board meeting of 2 March"
    assert found["r1"] == found["r2"] == "Chair's report"
