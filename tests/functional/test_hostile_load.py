"""A hostile file among good ones: the reader answers every key at once while it is read, shows the
good reports before it is given up, and then says why it was skipped."""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

import boardreader.reader.librarian as app_module
from boardreader import session
from boardreader.corpus.model import Skipped
from boardreader.library import library
from boardreader.library.pool import Budget
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.help import HelpScreen
from boardreader.session import Parsed, read_in_worker

from .helpers import SIZE, notices, screen_text

HOSTILE = "hostile.txt"
KEY_ANSWERED_WITHIN = 0.1  # seconds from a key press to its effect on screen


def stuck_in_a_regex(root: str, rel: str) -> Parsed | Skipped:
    """As a quadratic pattern on a few hundred KB behaves in the parser: one match inside the
    regular-expression engine that holds its interpreter for hours."""
    if rel == HOSTILE:
        re.match(r"(a+)+$", "a" * 64 + "!")
    return read_in_worker(root, rel)


async def round_trip(pilot: Pilot[None], key: str, character: str | None, done: Callable[[], bool]) -> float:
    """Seconds from a key arriving from the terminal to its effect. (Pilot.press waits for the
    whole process to fall idle as well, which on a busy machine says more about the machine.)"""
    started = time.perf_counter()
    pilot.app._driver.send_message(events.Key(key, character))  # type: ignore[union-attr]
    while not done():
        await asyncio.sleep(0.001)
    return time.perf_counter() - started


def given_up(app: BoardReaderApp) -> str | None:
    skipped = {s.file: s.reason for s in app.library.skipped} if app.library is not None else {}
    return skipped.get(HOSTILE)


# How fast each key is answered is a timing, and CI asserts no timing (they are measured by hand):
# there the test holds the behaviour alone. It once failed now and then inside whole-suite runs (no
# good report shown before the hostile file was given up): the pool asked whether the hostile file
# had started at the moment the last good file finished, before the worker's word that it had
# started was read, and then waited out its whole budget (see tests/unit/test_parse_pool.py).
TIMED = os.environ.get("CI") != "true"


async def test_a_hostile_file_never_takes_the_keys_away(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (library_dir / HOSTILE).write_text("Report to the Board\n\n1. " + "[a](" * 75_000 + "\n", "utf-8")
    monkeypatch.setattr(session, "read_in_worker", stuck_in_a_regex)
    # room for the good reports to show first on a slow or busy machine
    monkeypatch.setattr(library, "PARSE_BUDGET", Budget(seconds=20.0))
    monkeypatch.setattr(app_module, "PATIENCE", 1.0)
    app = BoardReaderApp(library_dir)
    latencies: list[float] = []
    read_while_hostile_pending = ""
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + 180
        while given_up(app) is None:
            assert time.monotonic() < deadline, "the hostile file was never given up"
            latencies.append(await round_trip(pilot, "question_mark", "?", lambda: isinstance(app.screen, HelpScreen)))
            await round_trip(pilot, "escape", None, lambda: app.screen is app.main)  # redraws the whole screen
            if app.library is not None and not read_while_hostile_pending and given_up(app) is None:
                await pilot.press("right_square_bracket")  # the newest good report opens
                report = app.main.report_view.report
                assert report is not None and app.library.unfinished == (HOSTILE,)
                await pilot.pause()
                read_while_hostile_pending = report.title
                assert report.title[:30] in screen_text(app)
            await asyncio.sleep(0.05)
        assert read_while_hostile_pending, "a good report was open before the hostile file was given up"
        assert given_up(app) == "took longer than 20 s to read"
        assert len(app.library.reports) == 5 and app.library.unfinished == ()  # type: ignore[union-attr]
        assert any("hostile.txt: took longer than 20 s to read" in n for n in notices(app))
        assert app.main.report_view.report is not None, "the open report stays open when the library is swapped"
        await pilot.pause(0.5)
        idle = []  # the same keys with nothing being read: what this machine costs them now
        for _ in range(10):
            idle.append(await round_trip(pilot, "question_mark", "?", lambda: isinstance(app.screen, HelpScreen)))
            await round_trip(pilot, "escape", None, lambda: app.screen is app.main)
            await asyncio.sleep(0.05)
    # A key is answered within 100 ms, or, on a machine busy with other work (a load average of 9-12
    # on 2 cores here, where the idle reader answers `?` in 80 ms at the median), about as fast as
    # the idle reader; one may wait while the screen is redrawn, but none waits for the hostile file,
    # which would hold the interpreter for its whole 20 s budget.
    shown = f"{[round(t * 1000) for t in latencies]} ms while loading, {[round(t * 1000) for t in idle]} ms idle"
    if not TIMED:
        return
    assert len(latencies) >= 10, shown
    assert statistics.median(latencies) < max(KEY_ANSWERED_WITHIN, 4 * statistics.median(idle)), shown
    assert max(latencies) < 3.0, shown
