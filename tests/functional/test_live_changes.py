"""Live changes: files written, changed and deleted in the reports folder while a Pilot-driven
reader runs show up (or go) without a restart, and the reader keeps its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardreader.reader.app import BoardReaderApp
from boardreader.session import ready_index

from .helpers import SIZE, notices, ready, report_in, screen_text, shown, wait_until

FAST = 0.1  # seconds between polls, so the tests do not wait on the real two-second timer
NEW_REPORT = b"Finance Committee - Budget Review of Potholes\n\n1. Introduction\n\nThe committee met on the budget.\n"


def tree_reports(app: BoardReaderApp) -> set[str]:
    tree = app.main.library_tree
    for node in list(tree.root.children):
        node.expand()
        tree._fill(node)  # branches fill on the expanded event; fill now to read them at once
    return {n.data.report for n in tree.shown_nodes(tree.root) if n.data and n.data.kind == "report" and n.data.report}


async def test_a_report_added_while_open_shows_in_the_tree(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        before = len(shown(app).reports)
        (library_dir / "new_budget.txt").write_bytes(NEW_REPORT)
        await wait_until(pilot, lambda: app.library is not None and len(shown(app).reports) == before + 1)
        await pilot.pause()
        added = next(r for r in shown(app).reports if r.file == "new_budget.txt")
        assert added.id in tree_reports(app)
        assert any("1 added" in n for n in notices(app))
        await pilot.press("slash", *"potholes")  # search sees it too
        await wait_until(pilot, lambda: "Potholes" in screen_text(app))


async def test_the_open_report_changing_keeps_the_place(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        report = shown(app).reports[0]
        app.open_report(report.id, 5)
        app.main.report_view.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        view = app.main.report_view
        paragraph, scroll = view.paragraph, view.scroll_y
        assert scroll > 0
        before = app.library
        with (library_dir / report.file).open("a", encoding="utf-8") as out:
            out.write("\n\nA closing paragraph about the zebra crossing budget.\n")
        await wait_until(pilot, lambda: app.library is not before)
        await pilot.pause()
        assert view.report is not None and view.report.id == report.id
        assert view.report is shown(app).report(report.id)  # the re-read report is the one drawn
        assert (view.paragraph, view.scroll_y) == (paragraph, scroll)
        assert any("zebra crossing" in p.text for p in view.report.paragraphs)
        assert any("1 changed" in n for n in notices(app))


async def test_the_open_report_removed_says_which_and_falls_back_to_the_tree(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        report, other = shown(app).reports[1], shown(app).reports[0]
        app.open_report(report.id)
        app.main.report_view.focus()
        await pilot.pause()
        (library_dir / report.file).unlink()
        await wait_until(pilot, lambda: app.library is not None and shown(app).report(report.id) is None)
        await pilot.pause()
        assert any(report.file in n and "removed" in n for n in notices(app))
        assert not app.main.report_view.display
        assert app.focused is app.main.library_tree
        assert report.id not in tree_reports(app)
        assert other.id in tree_reports(app)
        await pilot.press("right_square_bracket")  # still usable: ] opens the newest
        await pilot.pause()
        assert report_in(app.main.report_view).head == shown(app).reports[0]


async def test_another_report_removed_leaves_the_open_one_alone(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        report, other = shown(app).reports[0], shown(app).reports[2]
        app.open_report(report.id, 3)
        await pilot.pause()
        (library_dir / other.file).unlink()
        await wait_until(pilot, lambda: app.library is not None and shown(app).report(other.id) is None)
        await pilot.pause()
        view = app.main.report_view
        assert view.display and view.report is not None and view.report.id == report.id
        assert view.paragraph == 3
        assert not any("open report" in n for n in notices(app))


async def test_a_report_dropped_into_an_empty_folder_appears_and_removing_all_empties_it(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    app = BoardReaderApp(folder, watch_interval=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is None
        (folder / "new_budget.txt").write_bytes(NEW_REPORT)
        await wait_until(pilot, lambda: app.library is not None)
        await pilot.pause()
        assert "Potholes" in screen_text(app)
        assert not app.main.query_one("#empty").display
        (folder / "new_budget.txt").unlink()
        await wait_until(pilot, lambda: app.library is None)
        await pilot.pause()
        assert app.main.query_one("#empty").display
        assert any("gone" in n for n in notices(app))


async def test_changes_made_while_the_reader_was_closed_show_just_after_it_opens(library_dir: Path) -> None:
    first = BoardReaderApp(library_dir, watch_interval=60)  # the folder as read is kept in the cache
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)
        before = {r.id for r in shown(first).reports}
    (library_dir / "new_budget.txt").write_bytes(NEW_REPORT)  # while closed: one added,
    gone = shown(first).reports[-1]
    (library_dir / gone.file).unlink()  # one removed
    again = BoardReaderApp(library_dir, watch_interval=60)  # no timer poll within the test
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot, lambda: again.library is not None and "new_budget" in {r.id for r in shown(again).reports}
        )
        await pilot.pause()
        ids = {r.id for r in shown(again).reports}
        assert ids == (before - {gone.id}) | {"new_budget"}
        assert ids <= tree_reports(again) | {gone.id}
        assert any("1 added" in n and "1 removed" in n for n in notices(again))


async def test_a_changed_folder_is_indexed_anew_only_once_the_old_library_is_let_go(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Holding the old index while building the new one took the reader to 470 MB at 10,000 reports."""
    from boardreader.index.search import SearchIndex
    from boardreader.session import IndexHandle

    app = BoardReaderApp(library_dir, watch_interval=FAST)
    built_while_shown: list[bool] = []
    real = IndexHandle.get

    def index(handle: IndexHandle) -> SearchIndex:
        if handle.ready is None:
            built_while_shown.append(app.library is handle._library())
        return real(handle)

    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        old = app.library
        assert old is not None
        await wait_until(pilot, lambda: ready_index(old) is not None)  # indexed after the first screen
        monkeypatch.setattr(IndexHandle, "get", index)
        (library_dir / "new_budget.txt").write_bytes(NEW_REPORT)
        await wait_until(pilot, lambda: app.library is not old and ready_index(shown(app)) is not None)
        assert built_while_shown == [True], "the new library's index is built after it is swapped in"
        await pilot.press("slash", *"potholes")
        await wait_until(pilot, lambda: "Potholes" in screen_text(app))


async def test_a_library_swapped_out_is_let_go_even_once_frozen(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large library is frozen out of the cyclic GC once loaded; the worker that froze it must not
    keep it (as its argument) when a reload swaps it out: the reader held both at 10,000 reports."""
    import gc
    import weakref

    import boardreader.session as session_module

    monkeypatch.setattr(session_module, "FREEZE_FROM", 0)  # freeze this small library as a large one is
    app = BoardReaderApp(library_dir, watch_interval=FAST)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            await wait_until(pilot, lambda: app.library is not None and ready_index(shown(app)) is not None)
            await app.workers.wait_for_complete()
            old = weakref.ref(app.library)
            (library_dir / "new_budget.txt").write_bytes(NEW_REPORT)
            await wait_until(pilot, lambda: app.library is not old() and ready_index(shown(app)) is not None)
            await app.workers.wait_for_complete()
            await pilot.pause()
            gc.collect()
            assert old() is None, "the old library and its index are freed"
    finally:
        gc.unfreeze()
