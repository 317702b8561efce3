"""Each action carries the place of the paragraph that states it, as its layout made that paragraph:
not found afterwards by its text, which a wrapped line, a cleaned mark-up or a repeated action defeats."""

from __future__ import annotations

from boardreader.corpus.model import Report
from boardreader.corpus.parse import parse_report


def stated(report: Report) -> list[tuple[str | None, str]]:
    out = []
    for action in report.actions:
        assert action.place is not None, action
        para = report.sections[action.place.section].paragraphs[action.place.paragraph]
        assert para.kind == "action"
        out.append((para.owner, para.text))
    return out


def test_the_same_words_twice_are_two_places() -> None:
    note = parse_report(
        b"Note of the Harbour Board meeting\nDate: 3 March 2021\n\n"
        b"4 Moorings\nMembers discussed the winter moorings.\n"
        b"Action: Check the pontoon chains.\nOwner: Ines Albright\n"
        b"Members then discussed the summer moorings.\n"
        b"Action: Check the pontoon chains.\nOwner: Tomas Varga\n",
        "harbour.txt",
    )
    places = [a.place for a in note.actions]
    assert len(places) == 2 and places[0] != places[1]
    assert stated(note) == [
        ("Ines Albright", "Check the pontoon chains."),
        ("Tomas Varga", "Check the pontoon chains."),
    ]


def test_a_wrapped_action_and_a_marker_kept_before_it() -> None:
    note = parse_report(
        b"Minutes of the Canal Partnership meeting\nDate: 9 June 2022\n\n"
        b"2 Towpath works\nThe Partnership noted progress.\nActions:\nActions:\n"
        b"- Write to the landowners about the new access gates\nPriya\nNandakumar\n\n"
        b"3 Signage\nAction: Order the signs for the\nnorth lock.\nOwner: Ravi Osei\n",
        "canal.txt",
    )
    assert stated(note) == [
        ("Priya Nandakumar", "Write to the landowners about the new access gates"),
        ("Ravi Osei", "Order the signs for the north lock."),
    ]
    # the first "Actions:" had no action of its own: kept as text, ahead of the action paragraph
    towpath = note.sections[note.actions[0].place.section]  # type: ignore[union-attr]
    assert [p.kind for p in towpath.paragraphs][-2:] == ["text", "action"]


def test_parish_clerk_tasks_and_table_actions() -> None:
    parish = parse_report(
        b"Minutes of the Meeting of Hollowmere Parish Council held on Monday 2nd May 2022 at 7pm\n\n"
        b"2201. Village green\nThe grass cutting contract was discussed.\nClerk to obtain three quotes.\n"
        b"RESOLVED to defer the bench.\nCllr Oduya to inspect the bench.\n",
        "hollowmere.txt",
    )
    assert stated(parish) == [
        ("Clerk", "Clerk to obtain three quotes."),
        ("Cllr Oduya", "Cllr Oduya to inspect the bench."),
    ]
    table = parse_report(
        b"Note of the Rivers Board meeting\nDate: 1 April 2020\n\n"
        b"Item\tDecisions and actions\tAction\n"
        b"1\tFlood maps Members noted the maps.\t\n"
        b"\tAction: publish the maps.\tMarta Quill\n",
        "rivers.txt",
    )
    assert stated(table) == [("Marta Quill", "publish the maps.")]
