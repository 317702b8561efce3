"""The problems view: files the library could not read are listed in the sidebar with their
reasons, reachable with `!`, from the command palette, and listed in help."""

from __future__ import annotations

import shutil
from pathlib import Path

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.help import HelpScreen

from .helpers import SIZE, notices, ready, screen_text, shown

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def folder_with_bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    sample = sorted(REPORTS.glob("*.txt"))[0]
    shutil.copy(sample, folder / sample.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    return folder


async def test_bang_opens_the_problems_branch_with_each_file_and_reason(tmp_path: Path) -> None:
    folder = folder_with_bad_files(tmp_path)
    app = BoardReaderApp(folder, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        skipped = {s.file: s.reason for s in shown(app).skipped}
        assert set(skipped) == {"empty.txt", "binary.txt"}
        assert any("press ! to see why" in n for n in notices(app))
        await pilot.press("exclamation_mark")
        await pilot.pause()
        tree = app.main.library_tree
        assert app.focused is tree
        assert (
            tree.cursor_node is not None
            and tree.cursor_node.data is not None
            and tree.cursor_node.data.kind == "problems"
        )
        text = screen_text(app)
        assert "Problems  2" in text
        flat = " ".join(text.split())
        for file, reason in skipped.items():
            assert file in text
            assert " ".join(reason.split()[:4]) in flat  # wrapped over rows, never cut off
        await pilot.press("j", "enter")  # Enter on a problem tells the whole reason, opens nothing
        await pilot.pause()
        assert app.screen is app.main
        first = shown(app).skipped[0]
        assert f"{first.file}: {first.reason}" in notices(app)


async def test_problems_from_the_palette_and_in_help(tmp_path: Path) -> None:
    folder = folder_with_bad_files(tmp_path)
    app = BoardReaderApp(folder, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p", *"Problems")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        tree = app.main.library_tree
        assert (
            tree.cursor_node is not None
            and tree.cursor_node.data is not None
            and tree.cursor_node.data.kind == "problems"
        )
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Problems" in screen_text(app)


async def test_a_clean_folder_has_no_problems_branch_and_bang_says_so(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert not shown(app).skipped
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "Problems" not in screen_text(app).split("\n", 3)[-1].split("│")[0]
        assert any("No problems" in n for n in notices(app))
