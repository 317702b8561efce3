"""Snapshot of a report full of markup and escape sequences: it must look like plain text. Update
with `--snapshot-update` after a deliberate change to the look, and review the SVG it writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from boardreader.reader.app import BoardReaderApp

from .hostile import hostile_folder

SIZE = (130, 40)
SnapCompare = Callable[..., bool]


def test_hostile_report(snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile_folder(tmp_path)
    monkeypatch.chdir(tmp_path)  # a relative folder, so no temporary path appears on screen

    async def open_it(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, BoardReaderApp)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is not None
        app.open_report(app.library.reports[0].id)
        app.main.report_view.focus()
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    app = BoardReaderApp(Path("papers"), watch_interval=None)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_it)
