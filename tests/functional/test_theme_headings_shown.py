"""A paper's theme headings are shown in its text, and the theme tree's entry for a part under a
theme heading alone opens the report at that heading."""

from __future__ import annotations

from pathlib import Path

from boardreader.reader.app import BoardReaderApp

from ..unit.test_theme_headings import PAPER
from .helpers import SIZE, ready, report_in, screen_text, shown


def coastal_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "coastal.txt").write_text(PAPER, encoding="utf-8")
    return folder


async def test_theme_headings_are_in_the_text_above_their_paragraphs(tmp_path: Path) -> None:
    app = BoardReaderApp(coastal_folder(tmp_path), watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.open_report(shown(app).reports[0].id)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        at = {word: next(i for i, line in enumerate(lines) if word in line)
              for word in ("HOUSING", "Empty homes", "ENVIRONMENT", "dune restoration", "Beach wardens")}  # fmt: skip
        assert at["HOUSING"] < at["Empty homes"] < at["ENVIRONMENT"] < at["dune restoration"] < at["Beach wardens"]


async def test_the_theme_tree_opens_a_part_with_no_sub_heading_at_its_theme_heading(tmp_path: Path) -> None:
    app = BoardReaderApp(coastal_folder(tmp_path), watch_interval=None)
    async with app.run_test(size=(140, 16)) as pilot:  # short: the report is scrolled to the heading
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        tree = app.main.library_tree
        theme = next(n for n in tree.root.children if n.data is not None and n.data.key == "Environment")
        tree.move_cursor(theme)
        await pilot.press("l", "l", "l")  # into the open theme: its report, unfolded, its first row
        await pilot.pause()
        row = tree.cursor_node
        assert row is not None and row.data is not None and row.data.kind == "section"
        assert str(row.label).startswith("¶2 The dune restoration"), str(row.label)
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.report_view
        assert report_in(view).paragraphs[view.paragraph or 0].number == "2"
        lines = screen_text(app).splitlines()
        heading = next(i for i, line in enumerate(lines) if "ENVIRONMENT" in line)
        paragraph = next(i for i, line in enumerate(lines) if "Skelby Point" in line)
        assert heading < paragraph, "the theme heading is in view above the paragraph it opens"
        assert "Empty homes" not in screen_text(app), "scrolled to the heading: what is before it is above the view"
