"""An 80x24 terminal still leaves room to read, and help moves like every other list."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.help import HelpScreen

from .helpers import ready


async def test_sidebar_gives_way_in_a_small_terminal(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        sidebar = app.main.query_one("#sidebar")
        assert sidebar.size.width <= 27
        assert app.main.query_one("#content").size.width >= 50


async def test_help_goes_to_bottom_and_top(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=(100, 20)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("G")
        await pilot.pause()
        assert body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
