"""Keys typed quickly are not lost: escape and the next key read from the terminal together.

The bytes go through Textual's own xterm parser, as a terminal's would, and the keys it makes are
pressed in the reader: what arrives for ESC + "/" is a bare "/" (the escape is dropped), and for
ESC + "j" it is "alt+j"."""

from __future__ import annotations

import time
from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser
from textual.pilot import Pilot

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.help import HelpScreen
from boardreader.reader.screens.search import SearchScreen

from .helpers import SIZE, ready, report_in


def keys_read_together(data: str) -> list[events.Key]:
    """The keys Textual makes of `data` when the bytes are read in one go."""
    parser = XTermParser()
    made = list(parser.feed(data))
    time.sleep(0.15)  # past the parser's escape delay, so a lone trailing ESC is let out too
    made += list(parser.tick())
    return [event for event in made if isinstance(event, events.Key)]


async def press(app: BoardReaderApp, pilot: Pilot[None], keys: list[events.Key]) -> None:
    """Hand the parser's keys (name and character) to the app, as its driver does."""
    for key in keys:
        app.post_message(key)
    await pilot.pause()
    await pilot.pause()


async def test_escape_then_slash_typed_at_once_over_help_opens_search(library_dir: Path) -> None:
    keys = keys_read_together("\x1b/")
    assert [k.key for k in keys] == ["slash"], keys  # the parser's reading: the escape is gone
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(app, pilot, keys)
        assert isinstance(app.screen, SearchScreen)
        assert not any(isinstance(screen, HelpScreen) for screen in app.screen_stack)


async def test_escape_then_a_letter_typed_at_once_is_escape_and_the_letter(library_dir: Path) -> None:
    keys = keys_read_together("\x1bt")
    assert [k.key for k in keys] == ["alt+t"], keys
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        mode = app.state.tree_mode
        await pilot.press("question_mark")
        await press(app, pilot, keys)
        assert not any(isinstance(screen, HelpScreen) for screen in app.screen_stack)
        assert app.state.tree_mode != mode, "t after escape switches the tree, as when typed slowly"


async def test_a_key_help_does_not_use_closes_help_and_does_its_work(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark", "right_square_bracket")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.library is not None and report_in(app.main.report_view).head == app.library.reports[0]
        await pilot.press("question_mark", "j")  # help's own keys stay with help
        assert isinstance(app.screen, HelpScreen)
