"""Snapshot tests of a person's page (pytest-textual-snapshot) at 80 and 120 columns: the card with
posts over time and the actions section (Dennis Skinner, in the sample reports), and the attendance
table, meeting by meeting (an officer of our own papers in tests/data/people). Update with
`--snapshot-update` after a deliberate change to the look, and review the SVGs it writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.entity import EntityScreen

from .test_snapshots import SnapCompare, after_load

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {80: (80, 24), 120: (120, 36)}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # relative paths: no temporary folder's name on screen


def open_person(name: str, *keys: str) -> object:
    async def open_page(app: BoardReaderApp, pilot: Pilot[None]) -> None:
        app.open_page("person", name)
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        await pilot.press(*keys)

    return after_load(open_page)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_person_page(snap_compare: SnapCompare, at_root: None, width: int) -> None:
    app = BoardReaderApp(Path("reports"))
    assert snap_compare(app, terminal_size=WIDTHS[width], run_before=open_person("Dennis Skinner"))


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_person_attendance_table(snap_compare: SnapCompare, at_root: None, width: int) -> None:
    app = BoardReaderApp(Path("tests/data/people"))
    assert snap_compare(app, terminal_size=WIDTHS[width], run_before=open_person("Wilhelmina Achterberg", "3"))
