"""What the report model says so that no view has to work it out again: each action's owner, the
contact block, where a table row's cells stand in its text, and the short title."""

from __future__ import annotations

from pathlib import Path

from boardreader.corpus.model import Paragraph, ReportDate, join_cells
from boardreader.corpus.parse import parse_report

REPORTS = Path(__file__).resolve().parents[2] / "reports"
MEETING = """Note of the Parks and Open Spaces Board meeting

Date: 3 March 2021

1 Tree planting

The Board discussed the autumn tree planting.

Actions

- Officers to map the verges for planting;
- Write to the parish councils about volunteers.

Priya Okafor

Contact officer: Lena Brandt
Position: Parks Adviser
Email: lena.brandt@example.org
"""

CHAIR = """Parks and Open Spaces Board – Chair's report on the spring season

Date: 9 April 2021

Contact us

1. The contact centre took more calls about the parks this spring.
"""


def test_each_action_paragraph_carries_its_owner_and_other_paragraphs_none() -> None:
    report = parse_report(MEETING.encode(), "parks.txt")
    owners = {p.text: p.owner for p in report.paragraphs if p.kind == "action"}
    assert owners == {
        "Officers to map the verges for planting;": "Priya Okafor",
        "Write to the parish councils about volunteers.": "Priya Okafor",
    }
    assert all(p.owner is None for p in report.paragraphs if p.kind != "action")


def test_actions_from_an_items_table_carry_the_action_column_as_owner() -> None:
    sample = REPORTS / "002_322b167b40c8fd03.txt"  # Item | Decisions and actions | Action
    report = parse_report(sample.read_bytes(), sample.name)
    acting = [p for p in report.paragraphs if p.kind == "action"]
    assert len(acting) == len(report.actions) > 3
    assert [p.owner for p in acting] == [a.owner for a in report.actions]


def test_the_contact_block_is_marked_and_a_heading_that_only_begins_with_contact_is_not() -> None:
    meeting = parse_report(MEETING.encode(), "parks.txt")
    marked = [s for s in meeting.sections if s.contact]
    assert len(marked) == 1 and marked[0] is meeting.sections[-1] and meeting.contacts
    chair = parse_report(CHAIR.encode(), "spring.txt")
    assert chair.sections and not any(s.contact for s in chair.sections)


def test_cell_ranges_find_each_cell_in_the_joined_text() -> None:
    for cells in [("Chair", "Cllr Fiona Reid", "Leeds"), ("Position:", "Adviser"), ("", "Members", "", "York · Hull")]:
        row = Paragraph(None, "table_row", join_cells(cells), cells=cells)
        assert [row.text[a:b] for a, b in row.cell_ranges()] == list(cells)


def test_short_title_drops_the_board_name_and_keeps_a_title_without_one() -> None:
    chair = parse_report(CHAIR.encode(), "spring.txt")
    assert chair.short_title == "Chair's report on the spring season"
    from dataclasses import replace

    assert replace(chair, title="Minutes: 2021").short_title == "Minutes: 2021"  # too short a head for a board
    assert replace(chair, title="Spring", date=ReportDate(None)).short_title == "Spring"
