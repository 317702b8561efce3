"""Contact lines taken apart into names, positions, phones and emails; a line is never a name."""

from __future__ import annotations

import pytest

from boardreader.corpus.contacts import contacts_from_fields, read_contact_line
from boardreader.corpus.model import Contact
from boardreader.corpus.parse import parse_report


@pytest.mark.parametrize(
    ("line", "contacts"),
    [
        (
            "Contact: Nora Quill  0207 664 3888 / Email: nora.quill@example.gov.uk",
            [Contact("Nora Quill", None, "02076643888", "nora.quill@example.gov.uk")],
        ),
        (
            "For further information contact Amy Fordham on 01632 960345  Email: amy.fordham@example.gov.uk",
            [Contact("Amy Fordham", None, "01632960345", "amy.fordham@example.gov.uk")],
        ),
        (
            "Please contact Jo Bell, telephone (01632) 960111, or email jo.bell@example.gov.uk",
            [Contact("Jo Bell", None, "01632960111", "jo.bell@example.gov.uk")],
        ),
        (
            "Support officer: Colin Rudd. 0207 664 3999 Email: colin.rudd@example.org.uk",
            [Contact("Colin Rudd", "Support officer", "02076643999", "colin.rudd@example.org.uk")],
        ),
        (
            "Council Secretary: Ivor Penn  Tel: 01632 960999  Email: ivor.penn@example.gov.uk",
            [Contact("Ivor Penn", "Council Secretary", "01632960999", "ivor.penn@example.gov.uk")],
        ),
        (
            "Lena Hart / Mia Stroud  Tel: 024 7600 1234 / 1240  Email: mia.stroud@example.gov.uk / lena.hart@example.gov.uk",
            [
                Contact("Lena Hart", None, "02476001234", "lena.hart@example.gov.uk"),
                Contact("Mia Stroud", None, "02476001240", "mia.stroud@example.gov.uk"),
            ],
        ),
        (
            "Contact officer: Cllr Mrs Ada Price, 01632 960222",
            [Contact("Ada Price", None, "01632960222", None)],
        ),
        (
            "Democratic Services, 01632 960000, democracy@example.gov.uk",
            [Contact(None, None, "01632960000", "democracy@example.gov.uk")],
        ),
        (
            "Contact: Priya Lanstead, Democratic Services - telephone (01632) 960418, or email pl@example.gov.uk",
            [Contact("Priya Lanstead", "Democratic Services", "01632960418", "pl@example.gov.uk")],
        ),
        (  # a post "of" something after the name: its last capitalised word is no person
            "Contact officer: Mara Quill, Director of Neighbourhoods, 01632 960123, mara.quill@example.gov.uk",
            [Contact("Mara Quill", "Director of Neighbourhoods", "01632960123", "mara.quill@example.gov.uk")],
        ),
        (
            "Report author: Owen Tarr, Senior Planning Officer for Housing Growth - Tel: 01632 960555",
            [Contact("Owen Tarr", "Senior Planning Officer for Housing Growth", "01632960555", None)],
        ),
        (
            "Contact: Bea Lund, Assistant Head of Parks and Open Spaces, email bea.lund@example.gov.uk",
            [Contact("Bea Lund", "Assistant Head of Parks and Open Spaces", None, "bea.lund@example.gov.uk")],
        ),
        ("The Board met on 12 June 2018 and agreed the plan.", []),
    ],
)
def test_a_contact_line_taken_apart(line: str, contacts: list[Contact]) -> None:
    assert read_contact_line(line) == contacts


def test_a_contact_field_holding_a_whole_line_is_not_a_name() -> None:
    fields = [("Contact", "Nora Quill  0207 664 3888 / Email: nora.quill@example.gov.uk")]
    assert contacts_from_fields(fields) == [Contact("Nora Quill", None, "02076643888", "nora.quill@example.gov.uk")]


def test_contact_fields_one_per_line_still_read() -> None:
    fields = [("Contact", "Rosa Mbeki"), ("Position", "Adviser"), ("Phone", "020 7946 0231"), ("Email", "R@X.gov.uk")]
    assert contacts_from_fields(fields) == [Contact("Rosa Mbeki", "Adviser", "02079460231", "r@x.gov.uk")]


PAPER = """Resources Board – report from the Chair

1. The Board met on 12 June 2018 and agreed its work plan.

2. For further information contact Amy Fordham on 01632 960345  Email: amy.fordham@example.gov.uk

Contact: Nora Quill  0207 664 3888 / Email: nora.quill@example.gov.uk
"""


def test_a_paper_with_contact_lines() -> None:
    report = parse_report(PAPER.encode(), "resources.txt")
    assert [(c.name, c.phone, c.email) for c in report.contacts] == [
        ("Nora Quill", "02076643888", "nora.quill@example.gov.uk"),
        ("Amy Fordham", "01632960345", "amy.fordham@example.gov.uk"),
    ]
    assert not any("@" in p or any(ch.isdigit() for ch in p) for p in report.people)
    assert {"Nora Quill", "Amy Fordham"} <= set(report.people)


@pytest.mark.parametrize(
    ("value", "contact"),
    [
        ("Marcus Threlfall, Committee Officer", Contact("Marcus Threlfall", "Committee Officer", None, None)),
        ("Cllr Mrs Ada Price", Contact("Ada Price", None, None, None)),
        ("Democratic Services", Contact(None, "Democratic Services", None, None)),
    ],
)
def test_a_contact_field_names_a_person_and_a_role_or_a_team(value: str, contact: Contact) -> None:
    assert contacts_from_fields([("Contact", value)]) == [contact]


def test_a_role_after_the_name_is_the_position_not_a_name() -> None:
    line = "Contact: Joanna Pell, Scrutiny Officer Email: joanna.pell@example.gov.uk"
    assert read_contact_line(line) == [Contact("Joanna Pell", "Scrutiny Officer", None, "joanna.pell@example.gov.uk")]


def test_a_number_only_shaped_like_a_phone_makes_a_contact_with_or_without_brackets() -> None:
    # Numbers phonenumbers does not call valid: the paragraph is read as a contact line by its shape.
    paper = (
        b"Report of the Chair\n\n1. The Board met and agreed the plan for the year ahead of it.\n\n"
        b"2. For more, Ada Price (01632) 960222 can help.\n\n3. Or ask Ivo Stone on 01632 960333 in the office.\n"
    )
    assert parse_report(paper, "x.txt").contacts == (
        Contact("Ada Price", None, "01632960222", None),
        Contact("Ivo Stone", None, "01632960333", None),
    )
