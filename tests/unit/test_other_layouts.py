"""Reports of our own that vary every format the samples use, so the parser is not fitted to five files.

Each case is a small, realistic paper written for this test: other encodings and line ends, other
date styles, other honorifics, other contact layouts, no theme headings, page furniture, Markdown
and HTML left-overs. Each test checks what a careful reader would take from it.
"""

from __future__ import annotations

import pytest

from boardreader.corpus.masthead import find_board
from boardreader.corpus.model import Report
from boardreader.corpus.parse import parse_report


def parse(text: str | bytes, file: str = "case.txt") -> Report:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_report(data, file)


def numbers(report: Report) -> list[str]:
    return [p.number for p in report.paragraphs if p.number]


CP1252_CRLF = (
    "Resources Board \u2013 report from Councillor Anna Whitfield (Chair)\r\n\r\n"
    "Date: 3rd March 2016\r\n\r\n"
    "FINANCE\r\n\r\n"
    "Budget Setting\r\n\r\n"
    "1. The \u201cbalanced budget\u201d of \u00a34.5 million was agreed by Cllr Tom Baker and the Resources Board.\r\n\r\n"
    "2. Dr Priya Natarajan of the Audit Commission presented the accounts.\r\n\r\n"
    "Contact officer:\tSam Okafor\r\n"
    "Position:\tFinance Lead\r\n"
    "Telephone:\t+44 (0)20 7946 0018\r\n"
    "Email:\tSAM.OKAFOR@EXAMPLE.GOV.UK\r\n"
).encode("cp1252")


def test_windows_1252_with_crlf() -> None:
    r = parse(CP1252_CRLF)
    assert r.title == "Resources Board – report from Councillor Anna Whitfield (Chair)"
    assert (r.board, r.author, r.kind) == ("Resources Board", "Anna Whitfield", "chair_report")
    assert (r.date.value, r.date.stated) == ("2016-03-03", True)
    assert r.themes == ("Finance",)
    first = r.paragraphs[0]
    assert "\u201cbalanced budget\u201d of \u00a34.5 million" in first.text
    assert [first.text[s.start : s.end] for s in first.spans if s.kind == "money"] == ["£4.5 million"]
    assert {"Anna Whitfield", "Tom Baker", "Priya Natarajan", "Sam Okafor"} <= set(r.people)
    assert "Audit Commission" in r.organisations
    (contact,) = r.contacts
    assert (contact.name, contact.position, contact.phone, contact.email) == (
        "Sam Okafor", "Finance Lead", "02079460018", "sam.okafor@example.gov.uk",
    )  # fmt: skip


NO_THEMES_BOM = (
    "\ufeff"
    + """Community Wellbeing Board - update from Mrs Helen Carter OBE (Vice-Chair)

Health and Care Integration

1) Following the launch of the Better Care Fund we held workshops with Baroness Jane Ellis and Lord Michael Hart. The programme aims to improve performance and outcomes across all councils.

2) Three pilots are now running:
(a) an evaluation in Kent;
(b) a digital innovation trial in Leeds.

Procurement Savings

3) Shared procurement has delivered efficiency savings of £12m, a cost reduction of 8 per cent, saving money for 42 councils.

Contact: Raj Patel
Phone: 0161 496 0000
"""
)


def test_no_theme_headings_themes_from_content() -> None:
    r = parse(NO_THEMES_BOM)
    assert r.title.startswith("Community Wellbeing Board")
    assert r.author == "Helen Carter"
    assert numbers(r) == ["1", "2", "a", "b", "3"]
    assert [s.heading for s in r.sections][:2] == ["Health and Care Integration", "Procurement Savings"]
    assert r.sections[1].theme == "Productivity"
    assert "Productivity" in r.themes and "Improvement" in r.themes
    assert {"Jane Ellis", "Michael Hart", "Raj Patel"} <= set(r.people)
    assert "Better Care Fund" in r.programmes
    assert r.contacts[0].phone == "01614960000"
    assert r.date.value is None and not r.date.stated


PAGE_FURNITURE = """Agenda Item 7

Children and Young People Board – report from Cllr Omar Siddiqui (Chairman)

LEADERSHIP

Early Years Academy

1. On 14 September 2017 I opened the Early Years Academy with Councillor Rachel Green. The academy will support managers across the

Agenda Item 7

country and will run until March 2018.

Page 2 of 3

2. In October we also met the Department for Education, who confirmed a further £2 million for 2018/19.

Contact officer: Lucy Brennan
Position: Adviser
Phone no: 020 7664 3000
E-mail: lucy.brennan@local.gov.uk
"""


def test_running_header_and_page_number_removed_and_paragraph_joined() -> None:
    r = parse(PAGE_FURNITURE)
    assert r.item == "Agenda Item 7"
    assert numbers(r) == ["1", "2"]
    first = r.paragraphs[0].text
    assert "support managers across the country and will run until March 2018." in first
    assert "Agenda Item" not in first and "Page 2" not in " ".join(p.text for p in r.paragraphs)
    assert r.themes == ("Leadership",)
    assert "Early Years Academy" in r.programmes
    assert "Department for Education" in r.organisations
    assert r.date.value == "2017-10" and "14 September 2017" in (r.date.evidence or "")


MEETING_MINUTES = """Minutes of the Culture, Tourism and Sport Board meeting

Date:\tWednesday, 21 November 2018
Venue:\tCouncil Chamber, Town Hall, Leeds

1. Welcome and apologies

The Chair welcomed members. Apologies were received from Cllr Ben Hughes.

2. Libraries Strategy

Members noted the report.

Actions

- Officers to circulate the libraries data pack;
- Draft a response to the consultation.

Kate Morris

3 Sport England partnership

Cllr Fiona Reid introduced the item. The Board agreed the approach.

Appendix A - Attendance

Role\tName\tAuthority
Chair\tCllr Fiona Reid\tLeeds City Council
Members\tCllr David Young\tYork Council
\tMr Ahmed Khan MBE\tSport England
Apologies\tCllr Ben Hughes\tHull City Council
Officers\tKate Morris and Tim Fraser\t
"""


def test_minutes_with_item_headings_actions_and_attendance() -> None:
    r = parse(MEETING_MINUTES)
    assert r.kind == "meeting_note"
    assert r.board == "Culture, Tourism and Sport Board" or r.board == "Sport Board"
    assert (r.date.value, r.date.stated) == ("2018-11-21", True)
    assert r.venue == "Council Chamber, Town Hall, Leeds"
    assert [(i.number, i.title) for i in r.items] == [
        ("1", "Welcome and apologies"), ("2", "Libraries Strategy"), ("3", "Sport England partnership"),
    ]  # fmt: skip
    assert [(a.item, a.owner) for a in r.actions] == [("2", "Kate Morris"), ("2", "Kate Morris")]
    assert r.actions[0].text.startswith("Officers to circulate")
    decisions = [p for p in r.paragraphs if p.kind == "decision"]
    assert {p.number for p in decisions} == {"2", "3"}
    by_status = {s: [a.name for a in r.attendance if a.status == s] for s in ("present", "apologies", "officer")}
    assert by_status == {
        "present": ["Fiona Reid", "David Young", "Ahmed Khan"],
        "apologies": ["Ben Hughes"],
        "officer": ["Kate Morris", "Tim Fraser"],
    }
    khan = next(a for a in r.attendance if a.name == "Ahmed Khan")
    assert (khan.role, khan.authority) == ("Members", "Sport England")


FINANCIAL_YEAR_ONLY = """Fire Services Management Committee – report from Cllr Joe Bloggs (Chair)

Prevention

1. In February we published the prevention toolkit. Councillors Ahmed, Lewis and Grant attended the launch with Cllr Sara Lewis.

2. Funding for 2021/22 has been confirmed and the grant will be paid in April.
"""


def test_date_inferred_from_financial_year_and_surname_lists() -> None:
    r = parse(FINANCIAL_YEAR_ONLY)
    # 2021/22 is the coming financial year, so "February" without a year falls in 2021.
    assert r.date.value == "2021-02" and not r.date.stated
    assert "2021/22" in (r.date.evidence or "")
    assert {"Ahmed", "Sara Lewis", "Grant"} <= set(r.people)
    assert "Lewis" not in r.people  # the surname resolves to the full name in the same report


MARKUP_LEFTOVERS = """European and International Board – from Cllr Maria Rossi (Chair)

TRANSPARENCY

Open Data

1. We *welcomed* the new [open data portal](https://data.example.gov.uk/portal) and the <b>Local Transparency Code</b>.<br>Key points:
<ul><li>releases every quarter</li><li>contact <a href="mailto:opendata@example.gov.uk">opendata@example.gov.uk</a></li></ul>

2. Text containing [bold]markup[/bold] and [@click=app.quit]links[/] stays literal.
"""


def test_markdown_and_html_leftovers() -> None:
    r = parse(MARKUP_LEFTOVERS)
    text = " ".join(p.text for p in r.paragraphs)
    assert "*" not in text and "<" not in text and "](" not in text
    first = r.paragraphs[0]
    assert "We welcomed the new open data portal and the Local Transparency Code." in first.text
    assert "welcomed" in [first.text[s.start : s.end] for s in first.spans if s.kind == "emphasis"]
    assert "https://data.example.gov.uk/portal" in r.links
    assert "opendata@example.gov.uk" in r.emails
    assert "[bold]markup[/bold] and [@click=app.quit]links[/]" in r.paragraphs[-1].text


US_STYLE_DATE_AND_SUBNUMBERS = """Safer Communities Board – report from Mayor Linda Osei

Improvement

Peer Challenge

1. On March 3, 2020 the Corporate Peer Challenge Programme visited Bristol City Council, led by Professor Alan Price CBE.

1.1. The team found strong leadership.

1.2. A follow-up visit is planned for July 2020.
"""


def test_month_first_dates_and_sub_paragraphs() -> None:
    r = parse(US_STYLE_DATE_AND_SUBNUMBERS)
    assert r.author == "Linda Osei"
    assert numbers(r) == ["1", "1.1", "1.2"]
    assert r.date.value == "2020-03"  # the July visit is still to come
    assert {"Linda Osei", "Alan Price"} <= set(r.people)
    assert "Corporate Peer Challenge Programme" in r.programmes
    assert "Bristol City Council" in r.organisations


def test_utf16_with_bom_reads() -> None:
    r = parse(CP1252_CRLF.decode("cp1252").encode("utf-16"))
    assert r.author == "Anna Whitfield" and r.date.value == "2016-03-03"


def test_a_numbered_paragraph_with_a_date_is_body_not_header() -> None:
    r = parse("Report from the Chair\n\n1. We met on 5 June 2014.\n\n2. We agreed the plan.\n")
    assert numbers(r) == ["1", "2"]
    assert not r.date.stated and r.date.value == "2014-06"


def test_a_date_in_the_title_is_stated() -> None:
    r = parse("Report from the Chair – 05/06/2014\n\n1. The meeting on 05/06/2014 was held.\n")
    assert r.title == "Report from the Chair – 05/06/2014"
    assert (r.date.value, r.date.stated) == ("2014-06-05", True)
    assert numbers(r) == ["1"]


def test_a_role_is_not_an_author_and_hyphenated_names_are() -> None:
    assert parse("Wellbeing Board – Report from the Chair\n\n1. Text.\n").author is None
    r = parse("Wellbeing Board – Report from Cllr Anne Smith-Jones (Chair)\n\n1. Text.\n")
    assert r.author == "Anne Smith-Jones" and "Anne Smith-Jones" in r.people


def test_names_stop_at_a_tab() -> None:
    r = parse("Board note from Cllr Ann Lee\n\nPresent:\tCllr David Simmonds\tHillingdon LB\n")
    assert "David Simmonds" in r.people and not any("Hillingdon" in p for p in r.people)


def test_subtitle_and_month_year_date_lines() -> None:
    r = parse("Improvement Board\nReport from Cllr Ann Lee\nJune 2014\n\n1. Text of the report.\n")
    assert r.title == "Improvement Board – Report from Cllr Ann Lee"
    assert (r.kind, r.author) == ("chair_report", "Ann Lee")
    assert (r.date.value, r.date.stated) == ("2014-06", True)


def test_surname_settled_by_the_report_itself_stays_settled() -> None:
    r = parse("Board report from Cllr Jill Shortland\n\n1. Later Cllr Shortland spoke.\n")
    values = [s.value for p in r.paragraphs for s in p.spans if s.kind == "person"]
    assert values == ["Jill Shortland"] and "Shortland" not in r.people


def test_header_lines_are_kept() -> None:
    r = parse(
        "Councillors' Forum\n12 July 2012\nItem 3e\nBoard report from Cllr A Bee\nDate: not yet set\n\n1. Text.\n"
    )
    assert r.header == (
        "Councillors' Forum",
        "12 July 2012",
        "Item 3e",
        "Board report from Cllr A Bee",
        "Date: not yet set",
    )


def test_items_table_columns_head_the_table_not_its_first_item_and_labels_run_into_values() -> None:
    r = parse(
        "Note of the Board meeting\n\nAttendance\n\nSee Appendix A.\n\n"
        "Item\tDecisions and actions\tAction\n1\tApologies None received.\t\n\n"
        "Contact officer: Sam Lee\nPosition: Adviser\n"
    )
    attendance, columns, first = r.sections[0], r.sections[1], r.sections[2]
    assert [p.text for p in attendance.paragraphs] == ["See Appendix A."]
    # The column names are the table's, unnumbered: item 1 is "Apologies", not "Item Decisions ...".
    assert columns.number is None and [(p.number, p.text) for p in columns.paragraphs] == [
        (None, "Item · Decisions and actions · Action")
    ]
    assert first.number == "1" and [p.text for p in first.paragraphs] == ["None received."]
    assert [p.text for p in r.sections[-1].paragraphs] == ["Contact officer: Sam Lee", "Position: Adviser"]


@pytest.mark.parametrize(
    ("title", "board"),
    [
        ("Note of the Rural Growth Panel meeting", "Rural Growth Panel"),
        ("Minutes of the Flood Resilience Group", "Flood Resilience Group"),
        ("Notes of last Health and Housing Partnership meeting held on 3 May", "Health and Housing Partnership"),
        ("Note of the Culture, Arts and Heritage Forum meeting, 4 June 2019", "Culture, Arts and Heritage Forum"),
        ("Minutes of the Previous Meeting", None),
        ("Minutes of the Annual Meeting", None),
        ("MINUTES OF THE MEETING OF THE PARISH COUNCIL", None),
        ("Street Lighting Replacement Programme", None),
    ],
)
def test_the_body_a_note_of_a_meeting_names(title: str, board: str | None) -> None:
    assert find_board(title, {}) == board
