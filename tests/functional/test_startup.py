"""Pilot tests of start-up and memory: loading, empty and unreadable folders, report text that looks
like markup, themes, and reopening where the reader left off."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import ProgressBar
from textual.widgets._footer import FooterKey

from boardreader.library.library import Library
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.widgets.blocks import ParagraphBlock

from .helpers import SIZE, ready, report_in, screen_text, shown, wait_until


async def test_start_up_shows_the_tree_and_a_welcome(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is not None
        text = screen_text(app)
        assert f"{len(shown(app).reports)} reports" in text
        newest_year = (shown(app).reports[0].date.value or "")[:4]
        assert newest_year in text
        for branch in ("People", "Programmes", "Contacts", "Bookmarks"):
            assert branch in text
        assert "Search" in text and "Help" in text  # the footer names the keys that matter
        assert "a Actions" in text, "who owns which action is one key away, and the footer says so"


async def test_q_quits_and_the_next_start_reopens_the_same_place(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("t", "right_square_bracket", "right_square_bracket", "tab", "j", "j", "j")
        await pilot.pause()
        report, paragraph = report_in(app.main.report_view), app.main.report_view.paragraph
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    again = BoardReaderApp(library_dir)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.main.library_tree.mode == "theme"
        assert report_in(again.main.report_view).id == report.id
        assert again.main.report_view.paragraph == paragraph


async def test_corrupt_state_file_is_ignored_with_a_notice(library_dir: Path, tmp_path: Path) -> None:
    state = tmp_path / "state" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("{{{ not json", encoding="utf-8")
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert any("damaged" in str(n.message) for n in app._notifications)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert report_in(app.main.report_view).head == shown(app).reports[0]


async def test_empty_folder_shows_a_friendly_empty_state(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    app = BoardReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "Nothing to read here yet" in text and "no report files" in text
        await pilot.press("right_square_bracket", "escape", "slash")  # keys do nothing harmful
        assert app.is_running


async def test_unreadable_files_are_listed_with_reasons(tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "blank.txt").write_bytes(b"")
    app = BoardReaderApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "Skipped files (2)" in text
        assert "scan.pdf" in text and "blank.txt" in text and "empty file" in text


async def test_missing_folder_says_why(tmp_path: Path) -> None:
    app = BoardReaderApp(tmp_path / "nowhere")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "No such folder" in screen_text(app)


async def test_markup_in_a_report_is_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "tricky"
    folder.mkdir()
    (folder / "tricky.txt").write_text(
        "Improvement Board – report from the Chair\n\n"
        "Purpose\n\n1. This paragraph says [bold]not bold[/bold] and [@click=app.quit]click me[/] plainly.\n",
        encoding="utf-8",
    )
    app = BoardReaderApp(folder)
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]not bold[/bold]" in text
        assert "[@click=app.quit]click me[/]" in text
        view = app.main.report_view
        block = next(b for b in view.cursor_blocks if isinstance(b, ParagraphBlock))
        await pilot.click(view, offset=(12, view.block_lines(block).start - view.scroll_offset.y))
        await pilot.pause()
        assert app.is_running


async def test_light_theme_redraws_the_report(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        assert not app.current_theme.dark
        assert shown(app).reports[0].title in screen_text(app)


async def test_a_slow_load_shows_its_progress_and_a_quick_one_builds_no_bar(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boardreader.reader.librarian as app_module
    from boardreader.session import load_library as real_load

    go_on = threading.Event()

    def slow_load(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        progress(1, 2, "first.txt")
        go_on.wait(10)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(app_module, "load_library", slow_load)
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.query(ProgressBar))
        bar = app.main.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (2, 1)
        assert "Loading reports… 1/2  first.txt" in screen_text(app)
        go_on.set()
        await ready(app, pilot)
        assert not app.main.query_one("#loading").display and "Loading" not in screen_text(app)
    monkeypatch.setattr(app_module, "load_library", real_load)
    app = BoardReaderApp(library_dir)  # from the cache: no progress to show, so no bar is built
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is not None and not app.main.query(ProgressBar)


async def test_the_footer_builds_its_keys_without_restyling_them(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key Textual's Footer builds starts compact and is then bound to the footer's (not
    compact): the switch restyled every key, 3 ms apiece, on every rebuild."""
    restyled: list[str] = []
    real = FooterKey._watch_compact

    def watching(self: FooterKey, compact: bool) -> None:
        if self.has_class("-compact") != compact and not self.has_class("-command-palette"):
            restyled.append(self.key)  # (the palette's key is not bound: it is Textual's, as it was)
        real(self, compact)

    monkeypatch.setattr(FooterKey, "_watch_compact", watching)
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        keys = app.screen.query(FooterKey)
        assert len(keys) > 5 and restyled == []
        assert [k.has_class("-compact") for k in keys][-1], "the palette's key stays compact, as Textual draws it"


async def test_a_warm_start_shows_the_cached_library_in_its_first_screen(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read before the first screen is drawn, the cached library costs less than drawing an empty
    screen while a worker reads it (45 ms of the first screen at 10,000 reports)."""
    import boardreader.reader.librarian as app_module

    first = BoardReaderApp(library_dir)
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)  # fills the cache
    asked: list[Path] = []
    from boardreader.session import last_library

    def last(path: Path) -> Library | None:
        asked.append(path)
        return last_library(path)

    monkeypatch.setattr(app_module, "last_library", last)
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.library is not None, "shown before run_test let the test in: no worker to wait for"
        assert not [w for w in app.workers if w.group == "load"]
        assert f"{len(shown(app).reports)} reports" in screen_text(app)
        await ready(app, pilot)
    assert asked == [library_dir]
    unwatched = BoardReaderApp(library_dir, watch_interval=None)  # no watcher to catch up: list the folder
    async with unwatched.run_test(size=SIZE) as pilot:
        await ready(unwatched, pilot)
        assert unwatched.library is not None and len(shown(unwatched).reports) == len(shown(app).reports)
    assert asked == [library_dir], "not asked for the last library: without a watcher it could be stale"
