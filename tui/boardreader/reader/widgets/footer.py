"""The key bar at the foot of each screen: Textual's Footer, rebuilt only when its keys change.

Textual's Footer rebuilds all its keys each time the bindings may have changed (a focus change, a
screen pushed), and building a key restyles it (3 ms each here). Starting the reader makes a dozen
such changes, most of which leave the keys shown as they were, and the rebuilds cost a fifth of
the time to the first screen. This footer queues one rebuild per burst of changes, and skips it
when the keys it would show are the ones it shows.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Keys = tuple[tuple[str, str, str, bool], ...]


def shown_keys(screen: Screen[Any]) -> Keys:
    """The keys a footer on `screen` would show: key, description, action, enabled."""
    return tuple(
        (key, binding.description, binding.action, enabled)
        for key, (_, binding, enabled, _) in screen.active_bindings.items()
        if binding.show
    )


class KeyFooter(Footer):
    """A Footer that rebuilds when the keys to show change, once per burst of changes."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_queued = False
        self._showing: Keys | None = None

    def compose(self) -> ComposeResult:
        # what is drawn, read as it is drawn: a later change back to these keys needs no rebuild
        self._showing = shown_keys(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self._rebuild_queued:  # the rebuild queued reads the bindings as they are by then
            self._rebuild_queued = True
            self.call_later(self._rebuild, screen)  # on this footer's own queue: never lost with a screen

    def _rebuild(self, screen: Screen[Any]) -> None:
        self._rebuild_queued = False
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return  # as Footer itself: nothing to draw now, and the next change rebuilds
        if shown_keys(screen) != self._showing:
            super().bindings_changed(screen)
