"""Where the keys go after a jump: Enter on a mention (a page's list, a search result) leaves the
focus in the report, so j/k read on from the paragraph it landed on."""

from __future__ import annotations

from pathlib import Path

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.entity import EntityScreen

from .helpers import SIZE, open_a_person_page, ready, report_in, wait_until
from .test_search_ui import type_query


async def test_enter_on_a_mention_puts_the_keys_in_the_report(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await open_a_person_page(app, pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, EntityScreen) and app.screen.mentions)
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.report_view
        assert app.screen is app.main and app.focused is view
        landed = view.cursor
        assert report_in(view).paragraphs
        last = landed == len(view.cursor_blocks) - 1
        await pilot.press("k" if last else "j")
        await pilot.pause()
        assert view.cursor == (landed - 1 if last else landed + 1), "j / k move the report's cursor"


async def test_a_page_found_by_search_then_a_mention_reads_on_with_j(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await type_query(app, pilot, "dennis skinner")
        assert screen.hits[0].kind in ("person", "contact"), "a page: its mentions listed"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EntityScreen) and app.screen.mentions)
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.report_view
        assert app.focused is view
        before = view.cursor
        await pilot.press("k" if before == len(view.cursor_blocks) - 1 else "j")
        await pilot.pause()
        assert view.cursor != before
