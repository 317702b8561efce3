"""Helpers for driving the reader in tests: wait for the library, read the screen as text."""

from __future__ import annotations

from textual.pilot import Pilot

from boardreader.reader.app import BoardReaderApp

SIZE = (140, 45)


async def ready(app: BoardReaderApp, pilot: Pilot[None]) -> None:
    """Wait until the library has loaded and the screen has settled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def screen_text(app: BoardReaderApp) -> str:
    """What the terminal shows right now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
