"""One page per person, driven as a reader drives it: the card with their posts over time, and the
sections (actions, reports written, attendance, mentions) whose lines open their place.

The sample reports hold the cases the issue names (David Pye's action, Dennis Skinner's posts and
actions, Peter Fleming's chair's reports). `tests/data/people` holds papers of our own in which one
invented officer is at once a paper's author, a contact, an attendee and an action owner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from boardreader.library.model import cited_date
from boardreader.library.people import action_paragraph
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.entity import WIDGET_PREFIX, EntityScreen
from boardreader.reader.widgets.person import AttendanceTable, SectionBar, SectionList

from .helpers import SIZE, ready, report_in, screen_text, shown, wait_until

PEOPLE = Path(__file__).resolve().parents[1] / "data" / "people"
OFFICER = "Wilhelmina Achterberg"


@pytest.fixture
def people_dir(tmp_path: Path) -> Path:
    target = tmp_path / "people"
    shutil.copytree(PEOPLE, target)
    return target


async def open_person(app: BoardReaderApp, pilot: Pilot[None], name: str) -> EntityScreen:
    app.open_page("person", name)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EntityScreen) and screen.kind == "person" and screen.key == name
    await wait_until(pilot, lambda: screen.mentions_found)
    await pilot.pause()
    return screen


def one_paper(tmp_path: Path, name: str, text: str) -> Path:
    """A folder holding one paper of our own."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / name).write_text(text)
    return folder


def focused_section(app: BoardReaderApp) -> str | None:
    shown = isinstance(app.focused, SectionList | AttendanceTable) and app.focused.id
    return shown.removeprefix(WIDGET_PREFIX) if shown else None


async def test_david_pye_page_lists_his_action_and_enter_opens_its_paragraph(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await open_person(app, pilot, "David Pye")
        [owned] = shown(app).people["David Pye"].actions
        text = screen_text(app)
        assert "Actions 1" in text and owned.text[:60] in text
        assert focused_section(app) == "actions", "the page opens on his actions"
        report = shown(app).report(owned.report)
        assert report is not None
        assert any("2014-07-15" in line and "Note of last Improvement" in line for line in text.splitlines())
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.report_view
        assert app.screen is app.main and report_in(view).id == owned.report
        assert view.paragraph is not None and view.paragraph == action_paragraph(report, owned)
        assert owned.place is not None, "the parser says which paragraph states it"
        assert owned.text[:40] in report.paragraphs[view.paragraph].text, "Enter opens the action's own paragraph"
        assert app.focused is view, "focus is in the report, so j/k scroll it"
        at = view.paragraph
        await pilot.press("j")
        await pilot.pause()
        assert view.paragraph == at + 1


async def test_dennis_skinner_page_shows_posts_over_time_actions_and_reports(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        page = await open_person(app, pilot, "Dennis Skinner")
        person = shown(app).people["Dennis Skinner"]
        text = screen_text(app)
        lines = text.splitlines()
        for held in person.positions:  # each post on a line with the date of its paper, ≈ when inferred
            paper = shown(app).report(held.report)
            assert paper is not None
            date = cited_date(paper.date.value, paper.date.stated)
            assert any(date in line and held.position in line for line in lines), (date, held.position)
        assert "≈2013-02" in text and "Head of Programme" in text
        assert "02076643017" in text and "dennis.skinner@local.gov.uk" in text
        assert any("2014-07-15" in line and "LGA Officers" in line for line in lines), "a role is dated by its meeting"
        assert f"Actions {len(person.actions)}" in text and len(person.actions) == 4
        for owned in person.actions:
            assert owned.text[:40] in text
        await pilot.press("4")  # his reports: every one that names him, by date and title
        await pilot.pause()
        assert focused_section(app) == "mentions"
        assert {m.report.id for m in page.mentions} == set(person.reports)
        text = screen_text(app)
        for report_id in person.reports:
            paper = shown(app).report(report_id)
            assert paper is not None and str(paper.date.value) in text


async def test_peter_fleming_page_lists_the_reports_he_wrote(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        page = await open_person(app, pilot, "Peter Fleming")
        wrote = shown(app).people["Peter Fleming"].wrote
        assert len(wrote) == 4
        assert focused_section(app) == "wrote", "he owns no action: the page opens on what he wrote"
        text = screen_text(app)
        assert "Reports written 4" in text
        record = page.record
        assert record is not None and {p.report for p in record.wrote} == set(wrote)
        dates = [p.cited_date for p in record.wrote]
        assert dates == ["≈2019-06", "≈2013-11", "≈2013-02", "2012-07-12"], "newest first, inferred dates marked"
        for paper in record.wrote:
            assert f"{paper.cited_date}  {paper.title[:40]}" in text
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.screen is app.main and report_in(app.main.report_view).id == record.wrote[1].report
        assert app.focused is app.main.report_view


async def test_one_officer_as_author_contact_attendee_and_action_owner(people_dir: Path) -> None:
    app = BoardReaderApp(people_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        page = await open_person(app, pilot, OFFICER)
        text = screen_text(app)
        lines = text.splitlines()
        # the card: posts from two contact blocks and roles from two attendance tables, dated
        for date, post in (
            ("2018-01-18", "Director of Neighbourhoods"),
            ("2018-03-08", "In attendance, Director of Neighbourhoods"),
            ("2018-06-14", "Head of Communities"),
        ):
            assert any(date in line and post in line for line in lines), (date, post)
        assert "01632960581" in text and "wilhelmina.achterberg@thornburyvale.example.gov.uk" in text
        assert "Actions 2" in text and "Reports written 1" in text and "Attendance 2" in text
        assert "Write to every plot holder with the new rent" in text
        # whether done or open, as the June note's matters arising report them
        assert any("2018-03-08" in line and "item 2" in line and line.rstrip().endswith("done") for line in lines)
        assert any("2018-03-08" in line and "item 3" in line and line.rstrip().endswith("open") for line in lines)
        # Tab walks the sections in order, shift+Tab back; a digit jumps to one
        await pilot.press("tab")
        assert focused_section(app) == "wrote" and "2018-01-18  Allotment Rents 2018/19" in screen_text(app)
        await pilot.press("tab")
        assert focused_section(app) == "attendance"
        table = screen_text(app).split("Attended", 1)[1]  # below the table's header
        assert "apologies" in table and "officer" in table
        assert table.index("2018-06-14") < table.index("2018-03-08"), "meeting by meeting, newest first"
        await pilot.press("tab", "tab")
        assert focused_section(app) == "actions"
        await pilot.press("shift+tab")
        assert focused_section(app) == "mentions"
        assert page.mentions, "the paragraphs that name her"
        await pilot.press("3", "j", "enter")  # the older meeting: she attended as an officer
        await pilot.pause()
        assert app.screen is app.main and report_in(app.main.report_view).id == "communities_march_2018"
        assert app.focused is app.main.report_view
        await pilot.press("ctrl+left")  # back to her page, then escape closes it
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


async def test_a_contact_hit_and_a_person_hit_open_the_one_page(people_dir: Path) -> None:
    app = BoardReaderApp(people_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        hits = shown(app).search("wilhelmina achterberg", 10)
        kinds = {h.kind: h for h in hits if h.kind in ("person", "contact")}
        assert set(kinds) == {"person", "contact"}
        for kind in ("contact", "person"):
            app.open_hit(kinds[kind])
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, EntityScreen) and (screen.kind, screen.key) == ("person", OFFICER)
            assert f"Person: {OFFICER}" in screen_text(app) and "Posts and roles" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        # and the palette, the same index, leads to the same page from the contact's entry
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"achterberg")
        await wait_until(pilot, lambda: f"Contact: {OFFICER}" in screen_text(app))
        palette = app.screen
        prompts = [line for line in screen_text(app).splitlines() if OFFICER in line]
        contact_row = next(i for i, line in enumerate(prompts) if f"Contact: {OFFICER}" in line)
        await pilot.press(*["down"] * (contact_row + 1), "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not palette
        assert isinstance(app.screen, EntityScreen) and (app.screen.kind, app.screen.key) == ("person", OFFICER)


async def test_a_contact_who_is_no_person_still_has_a_page(tmp_path: Path) -> None:
    folder = one_paper(
        tmp_path,
        "grants.txt",
        "Thornbury Vale District Council\n\nCommunities Committee\n\nThursday 18 October 2018\n\n"
        "Community Grants 2019/20\n\n1. Purpose of Report\n\n1.1 To open the grants round for 2019/20.\n\n"
        "Contact officer:\tgrants@thornburyvale.example.gov.uk\nPhone no:\t01632 960111\n",
    )
    app = BoardReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        library = shown(app)
        key, contact = next((k, c) for k, c in library.contacts.items() if c.name not in library.people)
        app.open_page("contact", key)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntityScreen) and screen.kind == "contact" and screen.record is None
        await wait_until(pilot, lambda: screen.mentions_found)
        text = screen_text(app)
        assert f"Contact: {contact.name}" in text and "01632960111" in text
        assert "Mentions" in text and "Actions" not in text


async def test_report_text_on_a_person_page_is_never_markup(tmp_path: Path) -> None:
    folder = one_paper(
        tmp_path,
        "note.txt",
        "Note of the [bold]Harbour[/bold] Board meeting\n\nDate:\t9 May 2019\n\nAttendance\n\n"
        "Role\tCouncillor\tAuthority\nChair\tCllr Ottoline Fairweather\t[red]Saltmere[/red] Council\n"
        "Members\tCllr Jasper Quillon\tSaltmere Council\n\nItem\tDecisions and actions\tAction\n"
        "1\tWelcome and declarations None.\n2\tMoorings The Board agreed new mooring fees.\t\n"
        "\tAction: Send the [bold]fees[/bold] to [@click=app.quit]every berth holder[/]\tCllr Ottoline Fairweather\n",
    )
    app = BoardReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await open_person(app, pilot, "Ottoline Fairweather")
        text = screen_text(app)
        assert "Send the [bold]fees[/bold] to [@click=app.quit]every berth holder[/]" in text
        assert "Chair, [red]Saltmere[/red] Council" in text
        await pilot.press("3")
        table = screen_text(app)
        assert "[red]Saltmere[/red]" in table and "[bold]Harbour[/bold]" in table
        assert isinstance(app.screen, EntityScreen), "a [@click] in the text is no action"


async def test_a_click_on_a_section_name_shows_it(people_dir: Path) -> None:
    app = BoardReaderApp(people_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        page = await open_person(app, pilot, OFFICER)
        bar = page.query_one(SectionBar)
        at = str(bar.render()).index("Attendance")
        assert await pilot.click(SectionBar, offset=(at + 2, 0))
        await pilot.pause()
        assert focused_section(app) == "attendance" and "Attended" in screen_text(app)
