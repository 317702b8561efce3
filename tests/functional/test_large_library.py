"""The reader on a library larger than the samples: a crowded year opens onto its months, and a
warm start reads a report's body only when that report is opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.labels import short_title
from boardreader.reader.widgets.library_tree import YEAR_OF_MONTHS
from boardreader.store.catalogue import StoredBodies

from .helpers import SIZE, open_a_person_page, ready, screen_text, shown, wait_until

PER_MONTH = 7  # in each of 11 months of 2019: more than YEAR_OF_MONTHS in the year


@pytest.fixture
def crowded_year(tmp_path: Path) -> Path:
    """77 short board papers of 2019 (dates set in the sidecar), and one of 2018."""
    folder = tmp_path / "crowded"
    folder.mkdir()
    dates = ["[dates]"]
    for month in range(1, 12):
        for n in range(PER_MONTH):
            name = f"2019-{month:02d}-paper-{n}.txt"
            topic = f"Waste collection round {month}-{n}" if month != 3 else f"Library opening hours {n}"
            text = f"{topic}\n\n1. The board noted the report on {topic.lower()}.\n"
            if month == 3:
                text += "\n2. Members asked about Sunday staffing at branch libraries.\n"
            (folder / name).write_text(text, "utf-8")
            dates.append(f'"{name}" = "2019-{month:02d}-{n + 10:02d}"')
    (folder / "2018-paper.txt").write_text("Annual review\n\n1. The board noted the annual review.\n", "utf-8")
    dates.append('"2018-paper.txt" = "2018-12-01"')
    (folder / "boardreader.toml").write_text("\n".join(dates) + "\n", "utf-8")
    assert 11 * PER_MONTH > YEAR_OF_MONTHS
    return folder


async def test_a_crowded_year_opens_onto_its_months(crowded_year: Path) -> None:
    app = BoardReaderApp(crowded_year)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "November  7" in text and "January  7" in text and "2018  1" in text
        assert "Waste collection" not in text, "the year shows months, not 77 reports"
        tree = app.main.library_tree
        tree.focus()
        # down to March (the year's months run newest first: November ... March is the 9th)
        await pilot.press("home", *["down"] * 9)
        assert tree.cursor_node is not None and str(tree.cursor_node.label).startswith("March")
        await pilot.press("right", "right", "enter")  # unfold March, step onto its first paper, open it
        await pilot.pause()
        report = app.main.report_view.report
        assert report is not None and report.date.value is not None and report.date.value.startswith("2019-03")
        assert "Library opening hours" in screen_text(app)


async def test_a_small_year_lists_its_reports(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is not None
        newest = shown(app).reports[0]
        assert short_title(newest, shown(app))[:20] in screen_text(app)


async def test_a_warm_start_reads_only_the_report_opened(library_dir: Path, body_reads: list[str]) -> None:
    first = BoardReaderApp(library_dir, remember=False)
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)  # fills the caches: library, index
    body_reads.clear()
    reads = body_reads
    app = BoardReaderApp(library_dir, remember=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is not None and isinstance(shown(app).bodies, StoredBodies)
        await pilot.press("t")  # the theme tree, opened at its first theme
        await pilot.pause()
        assert "Improvement" in screen_text(app)
        await pilot.press("slash", *"silent disco", "enter")  # a search, and a hit opened
        await pilot.pause()
        opened = app.main.report_view.report
        assert opened is not None
        assert reads == [opened.file], "tree, index and search read no body; opening a report reads its own"


async def test_walking_matches_reads_only_the_reports_that_hold_them(crowded_year: Path, body_reads: list[str]) -> None:
    first = BoardReaderApp(crowded_year, remember=False)
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)
    body_reads.clear()
    reads = body_reads
    app = BoardReaderApp(crowded_year, remember=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"sunday staffing", "enter")
        await pilot.pause()
        seen = set()
        for key in ["n"] * PER_MONTH + ["N"] * PER_MONTH:  # every March paper holds it once; then no more
            report = app.main.report_view.report
            assert report is not None
            seen.add(report.id)
            await pilot.press(key)
            await pilot.pause()
        assert len(seen) == PER_MONTH and all(r.startswith("2019-03") for r in seen)
        assert any("No more matches" in str(n.message) for n in app._notifications)
        assert set(reads) == {f"{r}.txt" for r in seen}, "no other report was read to look for the phrase"


async def test_a_page_shows_at_once_and_its_mentions_when_found(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from boardreader.reader import mentions
    from boardreader.reader.screens import entity

    release = threading.Event()
    real = mentions.find_mentions

    def slow(*args: Any) -> Any:  # as on a large library: the mentions take a while to read
        release.wait(5)
        return real(*args)

    monkeypatch.setattr(entity, "find_mentions", slow)
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        person = await open_a_person_page(app, pilot)
        page = app.screen
        assert isinstance(page, entity.EntityScreen)
        assert person.roles[0] in screen_text(app) and "Mentions …" in screen_text(app)
        await pilot.press("4")
        assert "Finding where it is mentioned" in screen_text(app)
        await pilot.press("down", "enter")  # keys on the empty list do nothing, and nothing fails
        release.set()
        await wait_until(pilot, lambda: page.mentions)
        assert f"Mentions {len(page.mentions)}" in screen_text(app)
        await pilot.press("escape")  # and a page left before its mentions are found is no trouble
        release.clear()
        app.open_page("person", person.name)
        await pilot.pause()
        await pilot.press("escape")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.main
