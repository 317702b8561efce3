"""A table in a report wraps at word boundaries: at 80 columns every word of the sample meeting
note's attendance table is on screen whole (it showed "Position/R" "ole" and "Apolo" "gies")."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.widgets.table_layout import PIECE

from .helpers import ready, screen_text, shown


@pytest.mark.parametrize("columns", [80, 120])
async def test_every_word_of_the_attendance_table_is_shown_whole(library_dir: Path, columns: int) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=(columns, 160)) as pilot:  # tall: the whole table in view
        await ready(app, pilot)
        note = next(r for r in shown(app).each_report() if r.attendance)
        rows = [i for i, p in enumerate(note.paragraphs) if p.kind == "table_row" and len(p.cells) == 3]
        start = next(i for i in rows if "Position" in note.paragraphs[i].cells[0])
        app.open_report(note.id, start)
        await pilot.pause()
        text = screen_text(app)
        words = {
            m.group() for i in rows if i >= start for cell in note.paragraphs[i].cells for m in PIECE.finditer(cell)
        }
        assert "Apologies" in words
        broken = sorted(w for w in words if w not in text)
        assert not broken, f"words cut across lines at {columns} columns: {broken}"
