"""The sidebar tree's cursor follows the report that is open, however it was opened (search,
history, n/N, ]/[), in date and in theme mode, opening the branches down to it."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from boardreader.corpus.model import Paragraph, Report, ReportDate, Section
from boardreader.library.library import Library
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.widgets.library_tree import PAGE, YEAR_OF_MONTHS, LibraryTree

from .helpers import SIZE, ready, report_in, shown
from .test_search_ui import type_query


def cursor_report(app: BoardReaderApp) -> str | None:
    node = app.main.library_tree.cursor_node
    return node.data.report if node is not None and node.data is not None else None


async def test_the_cursor_follows_reports_opened_by_keys_search_and_history(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reports = shown(app).reports
        view = app.main.report_view
        for _ in reports:  # ] walks back through the years: their branches start folded
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert cursor_report(app) == report_in(view).id
        assert report_in(view).id == reports[-1].id
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert cursor_report(app) == reports[-2].id
        await pilot.press("ctrl+left")  # history: back to the oldest
        await pilot.pause()
        assert report_in(view).id == reports[-1].id and cursor_report(app) == reports[-1].id
        screen = await type_query(app, pilot, "troubled families")
        hit = next(h for h in screen.hits if h.kind == "paragraph" and h.report != reports[-1].id)
        screen._done(hit)
        await pilot.pause()
        assert cursor_report(app) == hit.report
        await pilot.press("n")  # on through the matches, into other reports
        await pilot.pause()
        assert cursor_report(app) == report_in(view).id


async def test_in_theme_mode_the_cursor_is_on_the_report_under_the_theme_of_its_paragraph(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        tree = app.main.library_tree
        assert tree.mode == "theme"
        report = shown(app).read_through(shown(app).reports[-1])  # the oldest: under a theme that starts folded
        index = 0
        for section in report.sections:
            if section.theme and section.paragraphs and section.theme != report.themes[0]:
                break
            index += len(section.paragraphs)
        assert section.theme is not None
        app.open_report(report.id, index)
        await pilot.pause()
        node = tree.cursor_node
        assert node is not None and node.data is not None and node.data.report == report.id
        assert node.parent is not None and node.parent.data is not None
        assert node.parent.data.key == section.theme, "listed under the theme of the paragraph open"


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LibraryTree(id="tree")


def minutes(n: int, date: str) -> Report:
    section = Section("Budget", "Productivity", (Paragraph("1", "text", f"Item {n}."),))
    return Report(f"m{n}", f"m{n}.txt", f"Minutes of the harbour committee, sitting {n}", "other", None, None,
                  ReportDate(date, True), ("Productivity",), (section,))  # fmt: skip


async def test_branches_opened_only_to_follow_a_report_are_folded_when_it_moves_on(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        tree = app.main.library_tree
        reports = shown(app).reports
        years = {n.data.key: n for n in tree.root.children if n.data is not None and n.data.kind == "year"}
        newest_year = next(iter(years.values()))
        assert newest_year.is_expanded, "the newest year starts open"
        oldest = reports[-1]
        app.open_report(oldest.id)
        await pilot.pause()
        oldest_year = years[(oldest.date.value or "")[:4]]
        assert oldest_year.is_expanded and cursor_report(app) == oldest.id
        open_years = {year for year, node in years.items() if node in (oldest_year, newest_year)}
        middle = next(r for r in reports if (r.date.value or "")[:4] not in open_years)
        app.open_report(middle.id)
        await pilot.pause()
        assert not oldest_year.is_expanded, "opened only to follow: folded again"
        assert newest_year.is_expanded, "a branch open before is left open"
        assert cursor_report(app) == middle.id


async def test_the_cursor_reaches_a_report_in_a_month_and_past_a_page_of_many() -> None:
    count = PAGE + 40  # one year split into months, one theme longer than a page
    assert count > YEAR_OF_MONTHS
    reports = [minutes(n, f"2021-{12 - n * 12 // count:02d}-01") for n in range(count)]
    library = Library.in_memory(Path("papers"), reports, counts={"people": 0, "programmes": 0, "contacts": 0})
    app = TreeApp()
    async with app.run_test(size=SIZE) as pilot:
        tree = app.query_one(LibraryTree)
        tree.load(library, "date", [])
        await pilot.pause()
        for target in (reports[-1], reports[count // 2]):
            tree.select_report(target.id)
            await pilot.pause()
            node = tree.cursor_node
            assert node is not None and node.data is not None and node.data.report == target.id
            assert node.parent is not None and node.parent.data is not None and node.parent.data.kind == "month"
        tree.set_mode("theme")
        tree.select_report(reports[-1].id, 0)  # the last of the theme's: after its first page
        await pilot.pause()
        node = tree.cursor_node
        assert node is not None and node.data is not None and node.data.report == reports[-1].id


async def test_tree_rows_tell_the_chairs_reports_apart_by_date_not_by_the_words_they_share(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        tree = app.main.library_tree
        for year in tree.root.children:
            if year.data is not None and year.data.kind == "year":
                year.expand()
        await pilot.pause()
        rows = [str(n.label) for n in tree.shown_nodes(tree.root)]
        chairs = [row for row in rows if "Chair's report" in row]
        assert len(chairs) == sum(r.kind == "chair_report" for r in shown(app).reports) > 1
        assert not any("from Cllr" in row for row in rows), rows
        assert len(set(chairs)) == len(chairs), "each row differs: by its date (≈ when inferred)"
        assert any(row.startswith("≈") for row in chairs)
