"""Snapshot tests (pytest-textual-snapshot), grouped by feature. Update with `--snapshot-update`
after a deliberate change to the look, and review the SVGs it writes.

The app is opened on relative paths from a fixed working folder so no absolute temporary path
appears on screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from boardreader.reader.app import BoardReaderApp

REPORTS = Path(__file__).resolve().parents[2] / "reports"
SIZE = (130, 40)
SnapCompare = Callable[..., bool]


@pytest.fixture
def samples(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPORTS.parent)
    return Path("reports")


def after_load(*then: Callable[[BoardReaderApp, Pilot[None]], Awaitable[Any]]) -> Callable[[Pilot[None]], Any]:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, BoardReaderApp)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for step in then:
            await step(app, pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    return run_before


# the tree ------------------------------------------------------------------------------------
def test_main_screen_by_date(snap_compare: SnapCompare, samples: Path) -> None:
    assert snap_compare(BoardReaderApp(samples), terminal_size=SIZE, run_before=after_load())


def test_main_screen_by_theme(snap_compare: SnapCompare, samples: Path) -> None:
    async def by_theme(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        await pilot.press("t", "j", "l")

    assert snap_compare(BoardReaderApp(samples), terminal_size=SIZE, run_before=after_load(by_theme))


# reports -------------------------------------------------------------------------------------
def test_chair_report(snap_compare: SnapCompare, samples: Path) -> None:
    async def open_chair_report(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        assert app.library is not None
        report = next(r for r in app.library.reports if r.kind == "chair_report")
        app.open_report(report.id)

    assert snap_compare(BoardReaderApp(samples), terminal_size=SIZE, run_before=after_load(open_chair_report))


def test_meeting_note_attendance_table(snap_compare: SnapCompare, samples: Path) -> None:
    async def open_note_at_attendance(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        assert app.library is not None
        note = next(r for r in app.library.each_report() if r.attendance)
        first_row = max(i for i, p in enumerate(note.paragraphs) if p.kind != "table_row") + 1
        app.open_report(note.id, first_row)
        app.main.report_view.focus()

    assert snap_compare(BoardReaderApp(samples), terminal_size=SIZE, run_before=after_load(open_note_at_attendance))


@pytest.mark.parametrize("columns", [80, 120])
def test_attendance_table_wraps_at_words(snap_compare: SnapCompare, samples: Path, columns: int) -> None:
    async def open_note_at_attendance(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        assert app.library is not None
        note = next(r for r in app.library.each_report() if r.attendance)
        attendance = next(i for i, p in enumerate(note.paragraphs) if p.kind == "table_row" and len(p.cells) == 3
                          and "Position" in p.cells[0])  # fmt: skip
        app.open_report(note.id, attendance)
        app.main.report_view.focus()

    assert snap_compare(BoardReaderApp(samples), terminal_size=(columns, 40),
                        run_before=after_load(open_note_at_attendance))  # fmt: skip


# the Actions view ----------------------------------------------------------------------------
@pytest.mark.parametrize("width", [80, 120])
def test_actions_view(snap_compare: SnapCompare, samples: Path, width: int) -> None:
    async def show_actions(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        await pilot.press("a")

    assert snap_compare(BoardReaderApp(samples), terminal_size=(width, 36), run_before=after_load(show_actions))


@pytest.mark.parametrize("width", [80, 120])
def test_actions_view_by_meeting_opened(snap_compare: SnapCompare, samples: Path, width: int) -> None:
    async def open_by_meeting(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        await pilot.press("a", "o", "j", "enter")

    assert snap_compare(BoardReaderApp(samples), terminal_size=(width, 36), run_before=after_load(open_by_meeting))


# pages ---------------------------------------------------------------------------------------
def test_person_page(snap_compare: SnapCompare, samples: Path) -> None:
    async def open_person(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        assert app.library is not None
        person = next(p for p in app.library.people.values() if p.roles)
        app.open_page("person", person.name)

    assert snap_compare(BoardReaderApp(samples), terminal_size=SIZE, run_before=after_load(open_person))


def test_help(snap_compare: SnapCompare, samples: Path) -> None:
    assert snap_compare(BoardReaderApp(samples), press=["question_mark"], terminal_size=(130, 60),
                        run_before=after_load())  # fmt: skip


def test_empty_state(snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "minutes.pdf").write_bytes(b"%PDF-1.4")
    monkeypatch.chdir(tmp_path)
    assert snap_compare(BoardReaderApp(Path("papers")), terminal_size=SIZE, run_before=after_load())


# search --------------------------------------------------------------------------------------
def test_search_results(snap_compare: SnapCompare, samples: Path) -> None:
    async def search(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"innovation zone")

    assert snap_compare(BoardReaderApp(samples), terminal_size=SIZE, run_before=after_load(search))
