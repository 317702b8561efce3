"""Branches of the sidebar tree that hold very many rows, and the branch of undated reports: a
branch of 99,800 reports opens in a moment, a page at a time, and every page is reached by keys."""

from __future__ import annotations

import time
from pathlib import Path

from textual.app import App, ComposeResult

from boardreader.corpus.model import Report, ReportDate
from boardreader.library.library import Library
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.widgets.library_tree import PAGE, LibraryTree

from .helpers import SIZE, ready, screen_text

UNDATED_COUNT = 99_800


def paper(n: int, date: str | None) -> Report:
    return Report(f"p{n}", f"p{n}.txt", f"Minutes of the allotments panel, sitting {n}", "other", None, None,
                  ReportDate(date, date is not None), (), ())  # fmt: skip


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LibraryTree(id="tree")


def in_memory_library() -> Library:
    """One dated paper and 99,800 undated ones: built in memory, as no folder of that size could be
    made for a test."""
    reports = [paper(0, "2020-05-01"), *(paper(n, None) for n in range(1, UNDATED_COUNT + 1))]
    return Library.in_memory(Path("papers"), reports, counts={"people": 0, "programmes": 0, "contacts": 0})


async def test_a_branch_of_99800_reports_opens_at_once_a_page_at_a_time() -> None:
    app = TreeApp()
    async with app.run_test(size=SIZE) as pilot:
        tree = app.query_one(LibraryTree)
        tree.load(in_memory_library(), "date", [])
        tree.focus()
        await pilot.pause()
        undated = tree.root.children[1]
        assert str(undated.label) == f"Undated  {UNDATED_COUNT}"
        tree.move_cursor(undated)
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("right", "down")  # unfold, and a key straight after
        await pilot.pause()
        took = time.perf_counter() - started
        # adding all 99,800 rows at once froze the screen for 5 s (30 s on a busy machine)
        assert took < 3.0, f"opening the branch took {took:.1f} s"
        assert len(undated.children) == PAGE + 1
        assert str(undated.children[-1].label) == f"… {UNDATED_COUNT - PAGE:,} more"
        assert tree.cursor_node is undated.children[0]
        tree.move_cursor(undated.children[PAGE - 1])  # the page's last report
        await pilot.press("down")  # onto the "… more" row: the next page takes its place
        await pilot.pause()
        assert len(undated.children) == 2 * PAGE + 1
        cursor = tree.cursor_node
        assert cursor is not None and cursor.data is not None and cursor.data.report == f"p{PAGE + 1}"
        assert str(undated.children[-1].label) == f"… {UNDATED_COUNT - 2 * PAGE:,} more"


async def test_the_undated_branch_reads_undated(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("Allotments panel\n\n1. The panel met at the pavilion.\n", "utf-8")
    app = BoardReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "Undated  1" in text
        assert "unda " not in text
