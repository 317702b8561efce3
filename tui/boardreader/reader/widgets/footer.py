"""The key bar at the foot of each screen: Textual's Footer, redrawn once per burst of changes.

Textual's Footer rebuilds all its keys each time the bindings may have changed (a focus change, a
screen pushed), once per change. Starting the reader makes a dozen such changes within a frame,
and the rebuilds cost a fifth of the time to the first screen. This footer queues one rebuild and
lets the changes that come before it share it.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer whose rebuilds are coalesced: the keys shown are the same, drawn fewer times."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_queued = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._rebuild_queued:
            return  # the rebuild already queued reads the bindings as they will be by then
        self._rebuild_queued = True
        self.call_after_refresh(self._rebuild, screen)

    async def _rebuild(self, screen: Screen[object]) -> None:
        self._rebuild_queued = False
        super().bindings_changed(screen)  # Footer's own checks (app focus, attached), then its rebuild
