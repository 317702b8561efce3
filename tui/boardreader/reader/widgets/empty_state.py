"""What the content pane says when there is nothing to read: why, and which files were skipped."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from ...corpus.model import Skipped
from ...library.library import TEXT_SUFFIXES

MAX_LISTED = 30


def formats_read() -> str:
    """Every file suffix the library reads, from its own list (so a new format is named here too)."""
    return ", ".join(sorted(TEXT_SUFFIXES))


def empty_text(folder: str, reason: str, skipped: Sequence[Skipped] = ()) -> Text:
    text = Text()
    text.append("Nothing to read here yet\n\n", style="bold")
    text.append(reason)
    text.append("\n\nFolder: ", style="dim")
    text.append(folder)
    if skipped:
        text.append(f"\n\nSkipped files ({len(skipped)}):\n", style="bold")
        for s in skipped[:MAX_LISTED]:
            text.append("  • ")
            text.append(s.file, style="bold")
            text.append(f" — {s.reason}\n")
        if len(skipped) > MAX_LISTED:
            text.append(f"  … and {len(skipped) - MAX_LISTED} more\n", style="dim")
    text.append(f"\n\nboardreader reads board papers in these formats: {formats_read()}. ", style="dim")
    text.append("Start it with the folder that holds them: boardreader PATH.  Press q to quit.", style="dim")
    return text


class EmptyState(Static):
    """Friendly words instead of a traceback when the folder has nothing readable."""

    def show(self, folder: str, reason: str, skipped: Sequence[Skipped] = ()) -> None:
        self.update(empty_text(folder, reason, skipped))
