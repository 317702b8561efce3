"""The key bar at the foot of each screen: Textual's Footer, rebuilt only when its keys change.

Textual's Footer rebuilds all its keys each time the bindings may have changed (a focus change, a
screen pushed), and building a key restyles it (3 ms each here). Starting the reader makes a dozen
such changes, most of which leave the keys shown as they were, and the rebuilds cost a fifth of
the time to the first screen. This footer queues one rebuild per burst of changes, and skips it
when the keys it would draw are the keys it drew.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

try:  # not public: should a Textual release move it, the footer restyles its keys as Textual's does
    from textual.widgets._footer import FooterKey
except ImportError:  # pragma: no cover
    FooterKey = None  # type: ignore[assignment,misc]

Keys = tuple[tuple[str, str, str, bool], ...]


def shown_keys(screen: Screen[Any]) -> Keys:
    """The keys a footer on `screen` would show: key, description, action, enabled."""
    return tuple(
        (key, binding.description, binding.action, enabled)
        for key, (_, binding, enabled, _) in screen.active_bindings.items()
        if binding.show
    )


class KeyFooter(Footer):
    """A Footer that rebuilds once per burst of changes, and only when its keys would differ."""

    def __init__(self) -> None:
        super().__init__()
        self._showing: Keys | None = None
        self._rebuild_queued = False

    def compose(self) -> ComposeResult:
        # what is drawn, read as it is drawn: a change back to these keys needs no rebuild (Footer's
        # flag is not public: without it, every change rebuilds, as Textual's own footer does)
        self._showing = shown_keys(self.screen) if getattr(self, "_bindings_ready", False) else None
        for widget in super().compose():
            if FooterKey is not None and isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A key starts compact and is then bound to the footer's `compact` (False): once
                # mounted, the switch restyled each key, 3 ms apiece. A key made as the footer is
                # has nothing to switch. (The palette's key is not bound: it stays compact.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self._rebuild_queued:
            return  # the rebuild queued reads the bindings as they are when it runs
        # Queued on this footer's own screen: it runs after that screen's next refresh (once the
        # screen is shown again, if another is on top), and only fails to queue while closing.
        self._rebuild_queued = self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen[Any]) -> None:
        self._rebuild_queued = False
        if shown_keys(screen) != self._showing:
            super().bindings_changed(screen)  # Footer's own checks (app focus, attached), then its rebuild
