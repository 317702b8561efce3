"""A one-line title bar: "boardreader — <open report>". Repaints alone when the title changes.

Textual's Header re-lays out the whole screen on a new sub-title (its title is a Static, and
Static.update asks for a layout); a fixed-size bar that only repaints keeps opening a report cheap.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
        text-align: center;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text("boardreader", style="bold", justify="center")

    def show(self, title: str | None) -> None:
        text = Text("boardreader", style="bold", justify="center", no_wrap=True, overflow="ellipsis")
        if title:
            text.append("  —  ", style="dim")
            text.append(title, style="not bold")
        self.text = text
        self.refresh()

    def render(self) -> Text:
        return self.text
