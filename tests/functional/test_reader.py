"""Pilot tests of the reader: tree, report view, keys, pages, bookmarks, history. Each drives keys
(or the mouse) as a user would and asserts what the screen then shows."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import Tabs

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.entity import EntityScreen
from boardreader.reader.screens.help import HelpScreen
from boardreader.reader.widgets.library_tree import LibraryTree

from .helpers import SIZE, open_a_person_page, ready, report_in, screen_text, shown, wait_until


async def test_next_report_with_none_open_opens_the_first_then_walks(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reports = shown(app).reports
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[0]
        assert reports[0].title in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[1]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[0]
        await pilot.press("left_square_bracket")  # nothing before the first: a notice, no move
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[0]


async def test_header_card_says_how_the_date_is_known(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        stated = next(r for r in shown(app).reports if r.date.stated)
        inferred = next(r for r in shown(app).reports if not r.date.stated and r.date.value)
        app.open_report(stated.id)
        await pilot.pause()
        assert f"{stated.date.value}  stated" in screen_text(app)
        app.open_report(inferred.id)
        await pilot.pause()
        text = screen_text(app)
        assert f"≈{inferred.date.value}  inferred from" in text


async def test_t_and_the_mouse_switch_the_tree_between_date_and_theme(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        tree = app.main.library_tree
        theme = shown(app).reports[0].themes[0]
        assert tree.mode == "date"
        await pilot.press("t")
        await pilot.pause()
        assert tree.mode == "theme"
        assert app.main.query_one(Tabs).active == "theme"
        top = [str(n.label) for n in tree.root.children]
        assert any(label.startswith(theme) for label in top)
        await pilot.click("#tree-mode Tab#date")
        await pilot.pause()
        assert tree.mode == "date"
        assert app.state.tree_mode == "date"


async def test_tree_keys_move_fold_unfold_and_open(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        tree = app.main.library_tree
        first_year = tree.root.children[0]
        assert first_year.is_expanded  # the newest year starts open
        await pilot.press("h")  # fold the year under the cursor
        assert not first_year.is_expanded
        await pilot.press("l")  # unfold it again
        assert first_year.is_expanded
        await pilot.press("j")  # down onto its first report
        assert tree.cursor_node is not None and tree.cursor_node.data.kind == "report"
        await pilot.press("k")
        assert tree.cursor_node is first_year
        await pilot.press("j", "enter")
        await pilot.pause()
        assert report_in(app.main.report_view).head == shown(app).reports[0]
        await pilot.press("G")
        assert tree.cursor_node is tree.root.children[-1]
        await pilot.press("g")
        assert tree.cursor_line == 0


async def test_theme_tree_opens_a_section_at_its_paragraph(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        tree = app.main.library_tree
        theme_node = tree.root.children[0]
        report_node = theme_node.children[0]
        report_node.expand()
        await pilot.pause()
        section_node = report_node.children[0]
        tree.select_node(section_node)
        await pilot.pause()
        data = section_node.data
        assert data is not None
        view = app.main.report_view
        assert view.report is not None and view.report.id == data.report
        assert view.paragraph == data.paragraph
        assert str(section_node.label) in screen_text(app)


async def test_report_keys_move_the_paragraph_cursor_and_page(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "tab")
        await pilot.pause()
        view = app.main.report_view
        assert app.focused is view
        start = view.cursor
        await pilot.press("j", "j", "down")
        assert view.cursor == start + 3
        await pilot.press("k", "up")
        assert view.cursor == start + 1
        await pilot.press("G")
        await pilot.pause()
        assert view.cursor == len(view.cursor_blocks) - 1
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y > 0
        paged = view.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > paged or view.scroll_y == view.max_scroll_y
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert view.scroll_y < paged
        await pilot.press("tab")
        assert app.focused is app.main.library_tree


async def test_history_goes_back_and_forward(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reports = shown(app).reports
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[2]
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[1]
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[0]
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert report_in(app.main.report_view).head == reports[1]


async def test_bookmark_toggles_shows_in_tree_and_persists(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "tab", "j", "j", "b")
        await pilot.pause()
        assert "Bookmarks  1" in screen_text(app)
        marks = app.state.for_library(library_dir).bookmarks
        assert len(marks) == 1 and marks[0].report == shown(app).reports[0].id
    again = BoardReaderApp(library_dir)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert "Bookmarks  1" in screen_text(again)
        tree = again.main.library_tree
        node = next(n for n in tree.root.children if n.data is not None and n.data.kind == "bookmarks")
        node.expand()
        await pilot.pause()
        tree.select_node(node.children[0])
        await pilot.pause()
        assert again.main.report_view.paragraph == marks[0].paragraph
        await pilot.press("b")  # the same place again removes the mark
        await pilot.pause()
        assert "Bookmarks  0" in screen_text(again)


async def test_y_copies_the_paragraph_with_its_citation(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        report = next(shown(app).each_report())
        index, paragraph = next((i, p) for i, p in enumerate(report.paragraphs) if p.number)
        app.open_report(report.id, index)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith(paragraph.text)
        assert report.title in copied and (report.date.value or "undated") in copied
        assert f"¶{paragraph.number}" in copied


async def test_a_copied_citation_keeps_the_mark_of_an_inferred_date(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is not None
        report = next(r for r in app.library.each_report() if r.date.value and not r.date.stated)
        index, paragraph = next((i, p) for i, p in enumerate(report.paragraphs) if p.number)
        app.open_report(report.id, index)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert f"{report.title}, ≈{report.date.value}, ¶{paragraph.number}" in app.clipboard


async def test_help_on_question_mark_and_f1_lists_every_binding_and_the_legend(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=(140, 200)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for _, bindings in app.screen.groups:
            for binding in bindings:
                assert isinstance(binding, Binding) and binding.description in text, binding
        for kind in ("person", "programme", "organisation", "money", "email", "phone", "link"):
            assert kind in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_escape_backs_out_but_never_quits(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "tab")
        assert app.focused is app.main.report_view
        await pilot.press("escape")
        assert app.focused is app.main.library_tree
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert app.is_running and app.screen is app.main


async def test_meeting_note_shows_attendance_table_and_actions_with_owners(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        note = next(r for r in shown(app).each_report() if r.attendance and r.actions)
        app.open_report(note.id)
        await pilot.press("tab", "G")
        await pilot.pause()
        text = screen_text(app)
        assert "Actions" in text and "Owner" in text
        owner = next(a.owner for a in note.actions if a.owner)
        assert owner.split()[0] in text
        rows = [p for p in note.paragraphs if p.kind == "table_row" and len(p.cells) >= 3]
        assert any(row.cells[-1] in text for row in rows[-5:])
        assert "ACTION" in text or any(
            "ACTION" in screen_text(app)
            for _ in [app.open_report(note.id, next(i for i, p in enumerate(note.paragraphs) if p.kind == "action"))]
        )


async def test_person_page_lists_roles_and_mentions_and_opens_one(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        person = await open_a_person_page(app, pilot)
        assert isinstance(app.screen, EntityScreen)
        await wait_until(
            pilot, lambda: isinstance(app.screen, EntityScreen) and app.screen.mentions
        )  # found by a worker
        text = screen_text(app)
        assert person.name in text and person.roles[0] in text
        assert app.screen.mentions
        first = app.screen.mentions[0]
        named = shown(app).read_through(first.report).paragraphs[first.paragraph].spans
        assert any(s.kind == "person" and s.value == person.name for s in named), "a paragraph that names them"
        assert first.snippet[first.match[0] : first.match[1]].strip(), "the name is marked in the snippet"
        await pilot.press("4", "enter")  # to the mentions, and open the first
        await pilot.pause()
        assert app.screen is app.main
        assert report_in(app.main.report_view).head == first.report
        assert app.main.report_view.paragraph == first.paragraph
        await pilot.press("ctrl+left")  # history goes back to the page
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


async def test_programme_and_contact_pages_from_the_tree(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        tree = app.main.library_tree
        for branch_kind in ("programmes", "contacts"):
            branch = next(n for n in tree.root.children if n.data is not None and n.data.kind == branch_kind)
            branch.expand()
            await pilot.pause()
            tree.select_node(branch.children[0])
            await pilot.pause()
            assert isinstance(app.screen, EntityScreen)
            assert str(branch.children[0].label) in screen_text(app)
            await wait_until(pilot, lambda: "Mentions" in screen_text(app))
            await pilot.press("escape")
            await pilot.pause()
        contact = next(iter(shown(app).contacts.values()))
        app.open_page("contact", next(iter(shown(app).contacts)))
        await pilot.pause()
        text = screen_text(app)
        assert contact.positions[0].position in text
        assert (contact.phone or contact.email or "") in text


async def test_clicking_a_report_in_the_tree_opens_it(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        tree = app.main.library_tree
        line = tree.root.children[0].children[0].line
        await pilot.click(LibraryTree, offset=(8, line))
        await pilot.pause()
        assert report_in(app.main.report_view).head == shown(app).reports[0]
