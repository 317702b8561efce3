"""The Textual app: routes the reader between its screens, and keeps its place and saved state.

The librarian (librarian.py) reads, indexes and watches the library in workers; the screens draw.
Both say what happened in messages (messages.py), which the app handles: it owns the library shown,
the saved state and the history. Screens see it through the `Reader` contract (host.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..corpus.model import Report
from ..index.search import SearchIndex
from ..library.library import Library
from ..library.model import Hit
from ..store.state import Position
from . import messages as msg
from .keeping import StateKeeper
from .keys import keys_typed
from .librarian import WATCH_EVERY, Librarian
from .mentions import ENTITY_KINDS
from .navigation import History, Location, hit_place
from .providers import LibraryCommands
from .screens.main import MainScreen


class BoardReaderApp(App[None]):
    """A keyboard-first reader for a folder of board papers."""

    CSS_PATH = "app.tcss"
    TITLE = "boardreader"
    COMMANDS: ClassVar = App.COMMANDS | {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("slash,ctrl+k", "search", "Search", id="app.search"),
        Binding("escape", "back_out", "Close what is open", show=False, id="app.back_out"),
        Binding("ctrl+left", "history(-1)", "Back in history", show=False, id="app.history_back"),
        Binding("ctrl+right", "history(1)", "Forward in history", show=False, id="app.history_forward"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette"),
    ]

    def __init__(self, directory: Path, *, remember: bool = True, watch_interval: float | None = WATCH_EVERY) -> None:
        super().__init__()
        self.directory = Path(directory)
        self.librarian = Librarian(self, self.directory, watch_every=watch_interval)
        self.library: Library | None = None
        self.keeper = StateKeeper(self, remember)
        self.state = self.keeper.state
        self.history = History()
        self.match_needle: str | None = None

    # start-up and the library's messages ------------------------------------------------------
    async def on_mount(self) -> None:
        self.main = MainScreen(self.state.tree_mode)
        await self.push_screen(self.main)  # only now is there somewhere to show the library
        if self.keeper.notice:
            self.notify(self.keeper.notice, severity="warning", timeout=8, markup=False)
        if (library := self.librarian.open_warm()) is not None:
            self.library_ready(library)
        else:
            self.librarian.start_loading()

    def search_index(self, library: Library) -> SearchIndex:
        """The library's index, read or built once (a search asked for before then waits here)."""
        return self.librarian.index(library)

    def on_load_progress(self, message: msg.LoadProgress) -> None:
        self.main.show_progress(message.done, message.total, message.name)

    def on_load_failed(self, message: msg.LoadFailed) -> None:
        self.main.show_empty(message.folder, message.reason)

    def on_library_loaded(self, message: msg.LibraryLoaded) -> None:
        self.library_ready(message.library)

    def on_notice(self, message: msg.Notice) -> None:
        self.notify(message.text, severity="warning" if message.warning else "information", timeout=6, markup=False)

    def library_ready(self, library: Library) -> None:
        if not library.reports:
            self.main.show_nothing_read(library)
            self.librarian.start_watching()
            return
        self.library = library
        memory = self.state.for_library(self.directory)
        self.main.show_library(library, self.state.tree_mode, memory.bookmarks)
        if (last := memory.last) is not None and self.open_report(last.report, last.paragraph) is not None:
            self.main.restore_scroll(last.scroll)
        if skipped := len(library.skipped):
            self.notify(f"{skipped} file(s) could not be read: press ! to see why.", timeout=6, markup=False)
        self.librarian.prepare_index(lambda: self.library)
        self.librarian.start_watching()

    def on_library_changed(self, message: msg.LibraryChanged) -> None:
        """Swap the library read again in, keeping the reader's place."""
        fresh, old = message.library, self.library
        if not fresh.reports:
            self.library = None
            self.main.show_emptied(fresh, had_reports=old is not None)
        elif old is None:  # the folder had nothing to read before: start as a fresh load would
            self.library_ready(fresh)
            self.notify(message.summary(), timeout=4, markup=False)
        else:
            self.library = fresh
            marks = self.state.for_library(self.directory).bookmarks
            if self.main.swap_library(fresh, self.state.tree_mode, marks):
                self.notify(message.summary(), timeout=4, markup=False)
            self.librarian.prepare_index(lambda: self.library)  # the old index went with the old library

    # opening things -------------------------------------------------------------------------
    def _to_main(self) -> None:
        while self.screen is not self.main and len(self.screen_stack) > 1:
            self.pop_screen()

    def open_report(
        self, report_id: str, paragraph: int | None = None, mark: tuple[int, int] | None = None, record: bool = True
    ) -> Report | None:
        report = self.library.report(report_id) if self.library else None
        if report is None:
            return None
        from_a_page = self.screen is not self.main  # a mention chosen: reading goes on in the report
        self._to_main()
        self.main.show_report(report, paragraph, mark, focus=from_a_page)
        if record:
            self.history.push(Location("report", report.id, paragraph))
        self.remember_place()
        return report

    def open_page(self, kind: str, key: str, record: bool = True) -> None:
        entity = ENTITY_KINDS.get(kind)
        if self.library is None or entity is None:
            return
        from .screens.entity import EntityScreen  # (the screens are imported when first opened)

        if isinstance(self.screen, EntityScreen):
            self.pop_screen()
        self.push_screen(EntityScreen(self.library, entity, key))
        if record:
            self.history.push(Location("page", page_kind=kind, key=key))

    def go(self, location: Location, record: bool = False) -> None:
        if location.kind == "report" and location.report:
            self.open_report(location.report, location.paragraph, location.mark, record)
        elif location.page_kind and location.key:
            self.open_page(location.page_kind, location.key, record)

    def open_hit(self, hit: Hit | None) -> None:
        """Go where a search hit points: its page, or its report and paragraph with the match marked."""
        place = hit_place(self.library, hit) if hit is not None and self.library is not None else None
        if place is not None and place.kind == "page":
            self.go(place, record=True)
        elif place is not None and place.report is not None:
            self.match_needle = place.needle
            self.open_report(place.report, place.paragraph, place.mark)
            self.main.report_view.focus()  # as after a mention: j/k go on reading where it landed

    def on_open_report(self, message: msg.OpenReport) -> None:
        self.open_report(message.report_id, message.paragraph)

    def on_open_page(self, message: msg.OpenPage) -> None:
        self.open_page(message.kind, message.key)

    def on_open_hit(self, message: msg.OpenHit) -> None:
        self.open_hit(message.hit)

    # state ----------------------------------------------------------------------------------
    def remember_place(self) -> None:
        view = self.main.report_view
        if view.report is None:
            return
        paragraph = view.paragraph or 0
        self.state.for_library(self.directory).last = Position(view.report.id, paragraph, view.scroll_y)
        self.history.replace(Location("report", view.report.id, paragraph))
        self.save_soon()

    def save_soon(self) -> None:
        self.keeper.save_soon()

    def save_now(self) -> None:
        self.keeper.save_now()

    async def on_event(self, event: events.Event) -> None:
        for one in keys_typed(event, lambda: self.screen.active_bindings):  # escape + a key can come as one chord
            await super().on_event(one)

    # actions --------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        if self.library is not None:
            self.remember_place()
        self.save_now()
        self.exit()

    def action_help(self) -> None:
        from .screens.help import HelpScreen, reader_keys

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(reader_keys(self.BINDINGS)))

    def action_show_problems(self) -> None:
        """The files that could not be read, with the reason for each, in the sidebar."""
        self._to_main()
        if self.library is None or not self.main.library_tree.show_problems():
            self.notify("No problems: every file in the folder was read.", timeout=3, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from (command for command in super().get_system_commands(screen) if command.title in ("Theme", "Quit"))
        yield SystemCommand("Help", "Every key and the colour legend", self.action_help)  # for Textual's "Keys"
        yield SystemCommand("Problems", "Files that could not be read, and why", self.action_show_problems)
        yield SystemCommand("Actions", "Every action in the papers, by owner or by meeting", self.action_show_actions)

    def action_show_actions(self) -> None:
        """Every action across the library, in the sidebar (see widgets/actions_view.py)."""
        self._to_main()
        self.main.show_actions()

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return
        if self.library is None:
            self.notify("Search opens once the reports have loaded.", timeout=3, markup=False)
            return
        self.push_screen(SearchScreen(self.search_index, self.state), self.open_hit)

    def action_back_out(self) -> None:
        """Escape closes the one thing open: a page or overlay, else a search's marks, else leaves the
        report for the tree. It never moves to another report: that is ctrl+left (history)."""
        if self.screen is not self.main:
            self.pop_screen()
        elif self.match_needle is not None:
            self.match_needle = None
            self.main.report_view.clear_marks()
        else:
            self.main.library_tree.focus()

    def action_history(self, step: int) -> None:
        if (location := self.history.back() if step < 0 else self.history.forward()) is not None:
            self.go(location)
