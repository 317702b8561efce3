"""Every message the reader's parts send: what a widget or a worker asks for, or says has happened.

Widgets and pages say where the reader should go (`OpenReport`, `OpenPage`, `OpenHit`); the app,
at the top of every screen's chain, decides how to get there. The library's workers
(librarian.py) report from their threads (`LoadProgress`, `LibraryLoaded`, `LoadFailed`,
`LibraryChanged`, `Notice`): posting a message is safe from any thread, and the app handles
each on the UI thread. A message that carries a library holds it only until handled.
"""

from __future__ import annotations

from textual.message import Message

from ..library.library import Library
from ..library.model import Hit
from ..library.watch import Changes

# where to go -------------------------------------------------------------------------------------


class OpenReport(Message):
    """Open a report, at a paragraph (its index in reading order) when given."""

    def __init__(self, report_id: str, paragraph: int | None = None) -> None:
        super().__init__()
        self.report_id = report_id
        self.paragraph = paragraph


class OpenPage(Message):
    """Open the page of a person, programme or contact, by its key in the library."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__()
        self.kind = kind
        self.key = key


class OpenHit(Message):
    """Go where a search hit points (its page, or its report and paragraph with the match marked)."""

    def __init__(self, hit: Hit) -> None:
        super().__init__()
        self.hit = hit


# what the library's workers found ----------------------------------------------------------------


class LoadProgress(Message):
    """`done` of `total` files read; `name` the last one."""

    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


class LibraryLoaded(Message):
    """The library is read (it may have no reports: then `library.skipped` says why)."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class LoadFailed(Message):
    """The folder could not be read at all; `reason` is one sentence for the reader."""

    def __init__(self, folder: str, reason: str) -> None:
        super().__init__()
        self.folder, self.reason = folder, reason


class LibraryChanged(Message):
    """The folder changed while the reader was open (or its slow files are read at last), and
    `library` is it read again; `notice`, when given, says so in place of the changes."""

    def __init__(self, library: Library, changes: Changes, notice: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.changes = changes
        self.notice = notice

    def summary(self) -> str:
        """What changed, in one sentence for a notice."""
        if self.notice:
            return self.notice
        changes = self.changes
        parts = [
            f"{len(files)} {what}"
            for files, what in ((changes.added, "added"), (changes.changed, "changed"), (changes.removed, "removed"))
            if files
        ]
        return "Reports folder changed: " + ", ".join(parts) + "."


class Notice(Message):
    """A word for the reader from a worker: news, or a warning (the folder could not be read again,
    and the library shown stays as it was)."""

    def __init__(self, text: str, *, warning: bool = False) -> None:
        super().__init__()
        self.text, self.warning = text, warning
