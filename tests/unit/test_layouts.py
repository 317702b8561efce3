"""The layout registry: each paper is read by the one module its signals choose, the prose
attendance reader, and the new rules' running time on long papers of one shape.

Field-by-field reading of whole papers is `test_papers.py`'s; this file holds what those papers
cannot show: which module claims a paper, and that no rule slows down on hostile input.
"""

from __future__ import annotations

import time

import pytest

from boardreader.corpus.attendance import apologies_in, read_names
from boardreader.corpus.layouts import LAYOUTS, read_layout
from boardreader.corpus.parse import parse_report
from boardreader.corpus.segment import prepare_lines


def layout_of(text: str) -> str:
    lines, _ = prepare_lines(text)
    return read_layout(lines, "paper.txt").layout


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("Agenda and minutes\n\nCabinet - Monday, 2nd May 2022 6.00 pm\n\nItems\nNo. Item\n\n1.\n\nApologies\n",
         "published_minutes"),
        ("Agenda item\n\nApologies\n\nMinutes:\n\nNone.\n", "agenda_item"),
        ("Report of: Director of Place\nWards affected: All\n\nRoad Safety Plan\n\nPurpose of Report\n\n1. To agree it.\n",
         "officer_report"),
        ("Terms of Reference\n\nMembership\n\n1. Seven councillors.\n", "officer_report"),
        ("Minutes of the Meeting of Lowfold Parish Council held on 3 May 2021\n\n1. Apologies\n", "parish_minutes"),
        ("Note of the Resources Board meeting\n\n1 Apologies\n\nNone.\n", "meeting_note"),
        ("Resources Board – report from Cllr Ada Quell (Chair)\n\n1. I met the Minister.\n", "chair_report"),
        # "Agenda Item 7" over a chair's report is its running head, not an agenda-item page.
        ("Agenda Item 7\n\nResources Board – report from Cllr Ada Quell (Chair)\n\n1. I met him.\n", "chair_report"),
    ],
)  # fmt: skip
def test_each_paper_is_read_by_the_layout_its_signals_show(text: str, layout: str) -> None:
    assert layout_of(text) == layout


def test_every_layout_is_a_module_with_a_name_signals_and_a_reader() -> None:
    names = [layout.NAME for layout in LAYOUTS]
    assert len(set(names)) == len(names)
    assert names[-1] == "chair_report"  # it reads whatever no other layout claims


def test_prose_attendance_keeps_roles_titles_initials_and_affiliations() -> None:
    people = read_names("Cllr Mrs R J Tolhurst MBE JP, Cllr Mr D W Fenn (Chair) and Mr E Frost (independent, co-opted)",
                        "present")  # fmt: skip
    assert [(a.name, a.role) for a in people] == [
        ("R J Tolhurst", None),
        ("D W Fenn", "Chair"),
        ("E Frost", "independent, co-opted"),
    ]
    semicolons = read_names("Cllr Ann Lee (Chair); Ravi Shah, Tenants' Forum; Cllrs B. Cole, D. Fry", "present")
    assert [(a.name, a.authority) for a in semicolons] == [
        ("Ann Lee", None), ("Ravi Shah", "Tenants' Forum"), ("B Cole", None), ("D Fry", None),
    ]  # fmt: skip
    # A lone word is a name only when a title or the list's "Councillors" says so.
    assert [a.name for a in read_names("None", "apologies")] == []
    assert [a.name for a in apologies_in("Apologies were received from Councillors Ames and Bell.")] == ["Ames", "Bell"]


@pytest.mark.parametrize(
    "data",
    [
        b"Agenda and minutes\n\nItems\nNo. Item\n\n" + b"".join(b"%d.\n\nTitle PDF 9 KB\n\nMinutes:\n\nNoted.\n" % i
                                                               for i in range(5_000)),
        b"Minutes of the Board meeting\n\nPresent: " + b", ".join(b"Cllr Ann Lee%d (Chair)" % i for i in range(20_000)),
        b"Minutes of the Board meeting\n\n" + b"| 1 | Item | text |\n" * 20_000,
        b"Minutes of the Board meeting\n\n" + b"Proposed by: Cllr A   Seconded by: Cllr B\n" * 20_000,
        b"Minutes of the Board meeting\n\n1. Item\n\n" + b"Action: Cllr A to do it.\nOwner: Cllr A\n" * 10_000,
        b"Agenda item\n\nTitle\n\n" + (b"Apologies were received from " + b"Cllr Ann Lee, " * 20_000 + b"\n"),
        b"Agenda and minutes\n\nItems\nNo. Item\n\n1.\n\n" + b"Title" + b" PDF 9" * 50_000 + b"\n",
        b"Minutes of the Board meeting\n\n" + b"|" + b" " * 200_000 + b"-\n",
    ],
    ids=["published-items", "long-present", "pipe-rows", "gapped-fields", "actions-owners", "long-apologies",
         "furniture-title", "pipe-spaces"],
)  # fmt: skip
def test_long_papers_of_the_new_layouts_parse_in_bounded_time(data: bytes) -> None:
    started = time.perf_counter()
    report = parse_report(data, "long.txt")
    elapsed = time.perf_counter() - started
    assert report.sections
    assert elapsed < 20, f"{elapsed:.1f} s"  # a guard against a quadratic step, not a benchmark
