"""The reader's saved state (store/state.py) as the app keeps it: loaded at start, saved within a
second of a change, and a failure to save told in a notice, never raised."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.timer import Timer

from ..store.state import load_state, save_state

SAVE_AFTER = 1.0  # seconds: moving the cursor asks for a save on every keystroke


class StateKeeper:
    """The state of one reader app; with `remember` off (tests, benchmarks) it is never saved."""

    def __init__(self, app: App[Any], remember: bool) -> None:
        self.app = app
        self.remember = remember
        self.state, self.notice = load_state()
        self._timer: Timer | None = None

    def save_soon(self) -> None:
        if self._timer is None:
            self._timer = self.app.set_timer(SAVE_AFTER, self.save_now)

    def save_now(self) -> None:
        self._timer = None
        if not self.remember:
            return
        try:
            save_state(self.state)
        except OSError as exc:
            self.app.notify(f"Could not save reading state: {exc}", severity="warning", markup=False)
