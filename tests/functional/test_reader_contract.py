"""The app keeps the contract its screens reach it through (reader/host.py)."""

from __future__ import annotations

from pathlib import Path

from boardreader.reader.app import BoardReaderApp
from boardreader.reader.host import Reader

from .helpers import SIZE, ready


def as_reader(app: BoardReaderApp) -> Reader:
    return app  # mypy (strict over the tests) fails here when the app breaks the contract


async def test_the_app_is_what_its_screens_take_it_for(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = as_reader(app)
        members = [*Reader.__annotations__, *(n for n in vars(Reader) if not n.startswith("_"))]
        assert all(hasattr(reader, name) for name in members), [n for n in members if not hasattr(reader, n)]
        assert app.main.reader is app and reader.library is app.library and reader.library is not None


def test_every_key_has_an_id_and_says_what_it_does() -> None:
    """An id lets a user's keymap rebind it; the description is what help and the footer show."""
    from textual.binding import Binding

    from boardreader.reader.screens.help import HelpScreen, reader_keys

    groups = [*reader_keys(BoardReaderApp.BINDINGS), ("Help", list(HelpScreen.BINDINGS))]
    bindings = [b for _, group in groups for b in group]
    assert len(bindings) > 30 and all(isinstance(b, Binding) for b in bindings)
    unnamed = [b for b in bindings if not (isinstance(b, Binding) and b.id and b.description)]
    assert unnamed == []
    ids = [b.id for b in bindings if isinstance(b, Binding)]
    assert len(ids) == len(set(ids)), "each id names one key"
