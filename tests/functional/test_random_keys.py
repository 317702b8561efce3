"""Random key sequences (hypothesis) drawn from every binding in the reader plus letters, Escape,
Enter and Tab, sent to the reader over a copy of the sample library: no exception, no hang, and
the app still answers at the end."""

from __future__ import annotations

import asyncio
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.binding import Binding

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.entity import EntityScreen
from boardreader.reader.screens.help import HelpScreen
from boardreader.reader.screens.main import MainScreen
from boardreader.reader.screens.search import SearchScreen
from boardreader.reader.widgets.library_tree import LibraryTree
from boardreader.reader.widgets.person import AttendanceTable, SectionList
from boardreader.reader.widgets.report_view import ReportView

from .helpers import SIZE, ready

# q quits by design and ctrl+p's palette offers Quit and "save screenshot": neither is a crash to find
LEFT_OUT = {"q", "ctrl+p"}
OWNERS = (
    BoardReaderApp,
    MainScreen,
    LibraryTree,
    ReportView,
    EntityScreen,
    SectionList,
    AttendanceTable,
    SearchScreen,
    HelpScreen,
)
BOUND = {
    key.strip()
    for owner in OWNERS
    for binding in owner.BINDINGS
    if isinstance(binding, Binding)
    for key in binding.key.split(",")
}
KEYS = sorted((BOUND | set(string.ascii_letters) | {"escape", "enter", "tab"}) - LEFT_OUT)
SEQUENCE = 200


async def drive(folder: Path, keys: list[str]) -> None:
    app = BoardReaderApp(folder, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for at in range(0, len(keys), 25):
            await pilot.press(*keys[at : at + 25])
            await pilot.pause()
            assert app.is_running, f"stopped after {keys[: at + 25]}"
        await app.workers.wait_for_complete()
        for _ in range(4):  # back out of whatever page, search or help the keys left open
            if app.screen is app.main:
                break
            await pilot.press("escape")
            await pilot.pause()
        assert app.screen is app.main
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_keys_cover_every_binding_but_quit() -> None:
    assert {"slash", "t", "b", "y", "right_square_bracket", "exclamation_mark", "ctrl+left"} <= set(KEYS)
    assert not LEFT_OUT & set(KEYS)


@settings(max_examples=2, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.sampled_from(KEYS), min_size=SEQUENCE, max_size=SEQUENCE))
def test_random_keys_never_break_the_reader(
    keys: list[str], library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BoardReaderApp, "copy_to_clipboard", lambda self, text: None)
    asyncio.run(asyncio.wait_for(drive(library_dir, keys), timeout=60))
