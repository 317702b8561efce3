"""What a screen may ask of the reader app, typed: the one way a screen or provider reaches it.

Screens mostly post messages (messages.py) and let the app decide; what they read or call on the
app directly is listed here, as a Protocol, so that the app's module and the screens' modules do
not import each other (the app imports the screens; a screen only knows this contract).
`BoardReaderApp` satisfies it: mypy checks so in tests/functional/test_reader_contract.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, cast

from textual.app import App

from ..corpus.model import Report
from ..index.search import SearchIndex
from ..library.library import Library
from ..store.state import State


class Reader(Protocol):
    """The reader app as its screens see it."""

    directory: Path
    state: State
    library: Library | None
    match_needle: str | None  # the text a search matched, which n / N step through

    def open_report(
        self, report_id: str, paragraph: int | None = None, mark: tuple[int, int] | None = None, record: bool = True
    ) -> Report | None: ...

    def remember_place(self) -> None: ...

    def save_soon(self) -> None: ...

    def save_now(self) -> None: ...

    def search_index(self, library: Library) -> SearchIndex: ...


def reader_of(app: App[Any]) -> Reader:
    """The reader app a screen or a provider runs in (what its `reader` property returns)."""
    return cast(Reader, app)
