"""`y` copies the paragraph under the cursor with its citation, and says which clipboard took it:
the system's (through the platform's command) or the terminal's (OSC 52, which it may ignore)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot

from boardreader.reader import clipboard
from boardreader.reader.app import BoardReaderApp

from .helpers import SIZE, notices, ready, report_in, shown, wait_until


def a_clipboard_writing_to(path: Path) -> list[clipboard.ClipboardCommand]:
    script = f"import sys; open({str(path)!r}, 'wb').write(sys.stdin.buffer.read())"
    return [clipboard.ClipboardCommand((sys.executable, "-c", script))]


async def copy_the_first_paragraph(app: BoardReaderApp, pilot: Pilot[None]) -> str:
    """Open the newest report, move into it, press y; the paragraph's text."""
    await ready(app, pilot)
    await pilot.press("right_square_bracket", "tab", "j")
    await pilot.pause()
    paragraph = app.main.report_view.current_paragraph()
    assert paragraph is not None
    await pilot.press("y")
    await wait_until(pilot, lambda: any("clipboard" in n for n in notices(app)))
    return paragraph.text


async def test_copy_goes_to_the_system_clipboard_and_says_so(
    library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = tmp_path / "system-clipboard"
    monkeypatch.setattr(clipboard, "system_commands", lambda: a_clipboard_writing_to(held))
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        text = await copy_the_first_paragraph(app, pilot)
        said = [n for n in notices(app) if "clipboard" in n]
        assert said and said[0].startswith("Copied to the system clipboard"), said
        copied = held.read_text(encoding="utf-8")
        report = report_in(app.main.report_view)
        assert copied.startswith(text) and f"— {report.title}" in copied
        assert app.clipboard == "", "not sent to the terminal as well"


async def test_with_no_system_clipboard_copy_says_the_terminal_may_ignore_it(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)  # conftest: no system clipboard command
    async with app.run_test(size=SIZE) as pilot:
        text = await copy_the_first_paragraph(app, pilot)
        said = [n for n in notices(app) if "clipboard" in n]
        assert said and said[0].startswith("Sent to the terminal's clipboard (OSC 52)"), said
        assert "may ignore it" in said[0] and not any(n.startswith("Copied") for n in notices(app))
        assert app.clipboard.startswith(text)


async def test_a_failing_system_clipboard_falls_back_to_the_terminal(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = [clipboard.ClipboardCommand((sys.executable, "-c", "import sys; sys.exit(1)"))]
    monkeypatch.setattr(clipboard, "system_commands", lambda: failing)
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        text = await copy_the_first_paragraph(app, pilot)
        assert any(n.startswith("Sent to the terminal's clipboard") for n in notices(app)), notices(app)
        assert app.clipboard.startswith(text)
        assert shown(app).reports


async def test_a_clipboard_command_that_hangs_never_holds_up_the_keys(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hangs = [clipboard.ClipboardCommand((sys.executable, "-c", "import time; time.sleep(30)"))]
    monkeypatch.setattr(clipboard, "system_commands", lambda: hangs)
    monkeypatch.setattr(clipboard, "TIMEOUT", 1.5)
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "tab")
        await pilot.pause()
        view = app.main.report_view
        before = view.cursor
        await pilot.press("y", "j")  # j answered while the clipboard command still hangs
        await pilot.pause()
        assert view.cursor == before + 1
        assert not any("clipboard" in n for n in notices(app)), "the copy is still waiting on its command"
        await wait_until(pilot, lambda: any("clipboard" in n for n in notices(app)))
        assert any(n.startswith("Sent to the terminal's clipboard") for n in notices(app))
