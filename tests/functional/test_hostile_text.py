"""Hostile text on screen: markup, action links and escape sequences in a report are shown
literally (or dropped), and nothing in the report can quit the app or write the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.help import HelpScreen

from .helpers import SIZE, ready, screen_text, shown
from .hostile import ACTION, RICH, hostile_folder


async def test_markup_shows_literally_and_clicking_it_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    monkeypatch.setattr(BoardReaderApp, "copy_to_clipboard", lambda self, text: copied.append(text))
    app = BoardReaderApp(hostile_folder(tmp_path), watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.open_report(shown(app).reports[0].id)
        await pilot.pause()
        text = screen_text(app)
        assert RICH in text
        assert ACTION in text
        assert "red words" in text and "click me" in text
        assert "\x1b" not in text and "52;c;" not in text
        lines = text.splitlines()
        y = next(i for i, line in enumerate(lines) if ACTION in line)
        x = lines[y].index(ACTION) + ACTION.index("quit]") + 1
        await pilot.click(offset=(x, y))
        await pilot.click(offset=(x, y), times=2)
        await pilot.pause()
        assert app.is_running
        assert app.screen is app.main
        assert not copied
        assert app.clipboard == ""
        await pilot.press("question_mark")  # still answering keys
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_title_holding_markup_reaches_notices_literally(tmp_path: Path) -> None:
    from .helpers import notices

    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text("Board report from Cllr Ann Lee [bold]LOUD[/bold]\n\n1. Text.\n")
    app = BoardReaderApp(folder, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.open_report(shown(app).reports[0].id)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert any("[bold]LOUD[/bold]" in n for n in notices(app)), notices(app)
        # ...and Textual is told it is plain text, so it shows the brackets rather than bold LOUD.
        assert all(not n.markup for n in app._notifications if "LOUD" in n.message)
