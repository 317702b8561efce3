"""Helpers for driving the reader in tests: wait for the library, read the screen as text."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

from boardreader.corpus.model import Report
from boardreader.library.library import Library
from boardreader.library.model import Person
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.widgets.report_view import ReportView

SIZE = (140, 45)


async def ready(app: BoardReaderApp, pilot: Pilot[None]) -> None:
    """Wait until the library has loaded and the screen has settled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def shown(app: BoardReaderApp) -> Library:
    """The library the reader shows (the test fails when it shows none)."""
    assert app.library is not None, "no library shown"
    return app.library


def report_in(view: ReportView) -> Report:
    """The report open in the view (the test fails when none is)."""
    assert view.report is not None, "no report open"
    return view.report


def screen_text(app: BoardReaderApp) -> str:
    """What the terminal shows right now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_until(pilot: Pilot[None], condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s")
        await pilot.pause(0.05)


def notices(app: BoardReaderApp) -> list[str]:
    """The messages of the notifications on screen now."""
    return [n.message for n in app._notifications]


async def open_a_person_page(app: BoardReaderApp, pilot: Pilot[None]) -> Person:
    """Open the page of someone with a role who is named in more than one report, as the tree does."""
    assert app.library is not None
    person = next(p for p in app.library.people.values() if p.roles and len(p.reports) > 1)
    app.open_page("person", person.name)
    await pilot.pause()
    return person
