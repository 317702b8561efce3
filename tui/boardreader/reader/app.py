"""The Textual app: loads the library in a worker, then routes navigation between the screens.

The app is thin: it owns the library, the saved state and the history, and knows how to open a
report, a page or a search hit. Drawing is left to screens/ and widgets/, parsing to corpus/.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from ..corpus.model import Report
from ..index.search import SearchIndex
from ..library.library import Library, LibraryError
from ..library.model import Hit
from ..library.watch import LibraryWatcher
from ..session import last_library, load_library, ready_index, search_index
from ..store.cache import ParseCache, open_cache
from ..store.state import Bookmark, Position, TreeMode, load_state, save_state
from .live import WATCH_EVERY, LiveChanges
from .navigation import History, Location, entity_key, locate_hit, matched_text, walk_matches
from .providers import LibraryCommands
from .screens.main import MainScreen
from .widgets.library_tree import LibraryTree, short_title
from .widgets.report_view import ReportView

PROGRESS_EVERY = 0.05  # seconds between progress messages while loading
FREEZE_FROM = 20000  # paragraphs from which the loaded library is frozen out of the cyclic GC
# Seconds to wait for the slowest files once every other is read, before showing those (the slow
# ones go on being read, each within its budget, and join the library when done: see live.py).
PATIENCE = 2.0


class LoadProgress(Message):
    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


class BoardReaderApp(LiveChanges, App[None]):
    """A keyboard-first reader for a folder of board papers."""

    CSS_PATH = "app.tcss"
    TITLE = "boardreader"
    COMMANDS: ClassVar = App.COMMANDS | {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("slash,ctrl+k", "search", "Search", id="app.search"),
        Binding("escape", "back_out", "Back", show=False, id="app.back_out"),
        Binding("ctrl+left", "history_back", "Back in history", show=False, id="app.history_back"),
        Binding("ctrl+right", "history_forward", "Forward in history", show=False, id="app.history_forward"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette"),
    ]

    def __init__(self, directory: Path, *, remember: bool = True, watch_interval: float | None = WATCH_EVERY) -> None:
        super().__init__()
        self.watch_interval = watch_interval  # None or 0: do not watch the folder for changes
        self.watcher: LibraryWatcher | None = None
        self.parse_cache: ParseCache | None = None
        self._watch_timer: object | None = None
        self._polling = False
        self.watched: Library | None = None
        self.directory = Path(directory)
        self.remember = remember
        self.library: Library | None = None
        self.state, self.state_notice = load_state()
        self.history = History()
        self.match_needle: str | None = None
        self.before_search: Location | None = None
        self._index_lock = threading.Lock()
        self._save_timer: object | None = None

    # start-up -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.main = MainScreen(self.state.tree_mode)
        self.push_screen(self.main)
        if self.state_notice:
            self.notify(self.state_notice, severity="warning", timeout=8, markup=False)

    def start_loading(self) -> None:
        """Show the library: at once when it is the one last read from this folder and the folder
        is watched (so a change since is seen straight after the first screen, see library_ready),
        else from a worker that shows progress. Read here, before the first screen is drawn, the
        cached library costs less than drawing an empty screen while a worker reads it."""
        if self.watch_interval:
            self.parse_cache = open_cache(self.directory)
            try:
                library = last_library(self.directory) if self.parse_cache is not None else None
            except LibraryError:
                library = None  # the worker says why
            if library is not None:
                self.watcher = LibraryWatcher(self.directory, library.listing)
                self.library_ready(library)
                return
        self.load()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        last = 0.0

        def progress(done: int, total: int, name: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or done == total:
                last = now
                self.post_message(LoadProgress(done, total, name))

        try:
            self.parse_cache = open_cache(self.directory)
            library = load_library(self.directory, progress=progress, cache=self.parse_cache, patience=PATIENCE)
            self.watcher = LibraryWatcher(self.directory, library.listing) if self.watch_interval else None
        except LibraryError as exc:
            self.call_from_thread(self.main.show_empty, str(self.directory), str(exc))
            return
        except OSError as exc:
            self.call_from_thread(self.main.show_empty, str(self.directory), f"The folder could not be read: {exc}")
            return
        if library.unfinished:
            self._polling = True  # the watcher waits while the slow files are read (see read_unfinished)
        self.call_from_thread(self.library_ready, library)
        if library.unfinished:
            self.read_unfinished(library)

    def search_index(self, library: Library) -> SearchIndex:
        """The library's index, read or built once (a search asked for before then waits here)."""
        with self._index_lock:
            return search_index(library)

    @work(thread=True, group="index")
    def prepare_index(self) -> None:
        """Read or build the index off the UI thread, so the first search is quick. Started once the
        library is drawn, so that reading it does not compete with the first screen for the GIL.
        The merged people, contacts and programmes are read here too, for the same reason.

        It takes no library as an argument: the worker is alive when settle() freezes what is, and
        a frozen worker (a cycle) would keep its arguments for good, a swapped-out library too."""
        library = self.library
        if library is not None:
            _ = library.people
            self.settle(self.search_index(library))

    def settle(self, index: SearchIndex) -> None:
        """Once a large library and its index are loaded: they live until a reload swaps them out,
        and hold no cycles. Frozen, the cyclic collector stops walking their objects, which it
        otherwise did in the middle of a keystroke now and then (30-60 ms at 10,000 reports);
        refcounting still frees them when they are swapped out."""
        if len(index.para_report) >= FREEZE_FROM:
            gc.freeze()

    def on_load_progress(self, message: LoadProgress) -> None:
        self.main.show_progress(message.done, message.total, message.name)

    def library_ready(self, library: Library) -> None:
        self.watched = library
        if not library.reports:
            self.start_watching()
            reason = "None of the files in this folder could be read as a report." if library.skipped else ""
            self.main.show_empty(str(library.root), reason or "The folder has no report files in it.", library.skipped)
            return
        self.library = library
        marks = self.state.for_library(self.directory).bookmarks
        self.main.show_library(library, self.state.tree_mode, marks)
        last = self.state.for_library(self.directory).last
        if last is not None and library.report(last.report) is not None:
            self.open_report(last.report, last.paragraph)
            self.main.report_view.focus()
            scroll = last.scroll
            self.call_after_refresh(lambda: self.main.report_view.scroll_to(y=scroll, animate=False))
        if library.skipped:
            self.notify(
                f"{len(library.skipped)} file(s) could not be read: press ! to see why.", timeout=6, markup=False
            )
        self.start_watching()
        self.call_after_refresh(self.prepare_index)
        self.call_after_refresh(self._poll_tick)  # is the folder still as the library was read from it?

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
        self._to_main()
        self.main.show_report(report, paragraph, mark)
        if record:
            self.history.push(Location("report", report.id, paragraph))
        self.remember_place()
        return report

    def open_page(self, kind: str, key: str, record: bool = True) -> None:
        if self.library is None or kind not in ("person", "programme", "contact"):
            return
        from .screens.entity import EntityScreen  # (the screens are imported when first opened)

        if isinstance(self.screen, EntityScreen):
            self.pop_screen()
        self.push_screen(EntityScreen(self.library, kind, key))  # type: ignore[arg-type]
        if record:
            self.history.push(Location("page", page_kind=kind, key=key))

    def go(self, location: Location) -> None:
        if location.kind == "report" and location.report:
            self.open_report(location.report, location.paragraph, record=False)
        elif location.page_kind and location.key:
            self.open_page(location.page_kind, location.key, record=False)

    def open_hit(self, hit: Hit | None) -> None:
        """Go where a search hit points: its page, or its report and paragraph with the match marked."""
        if hit is None or self.library is None:
            return
        if hit.kind in ("person", "contact", "programme"):
            key = entity_key(self.library, hit.kind, hit.key or hit.label)
            if key is not None:
                self.open_page(hit.kind, key)
            return
        report = self.library.report(hit.report) if hit.report else None
        if report is None:
            return
        paragraph, mark = locate_hit(report, hit)
        self.match_needle = matched_text(hit) if hit.kind == "paragraph" else None
        self.open_report(report.id, paragraph, mark)
        self.main.report_view.focus()

    # state ----------------------------------------------------------------------------------
    def remember_place(self) -> None:
        view = self.main.report_view
        if view.report is None:
            return
        paragraph = view.paragraph or 0
        self.state.for_library(self.directory).last = Position(view.report.id, paragraph, view.scroll_y)
        self.history.replace(Location("report", view.report.id, paragraph))
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is None:
            self._save_timer = self.set_timer(1.0, self.save_now)

    def save_now(self) -> None:
        self._save_timer = None
        if not self.remember:
            return
        try:
            save_state(self.state)
        except OSError as exc:
            self.notify(f"Could not save reading state: {exc}", severity="warning", markup=False)

    def set_tree_mode(self, mode: TreeMode) -> None:
        self.state.tree_mode = mode
        self.main.set_mode(mode)
        view = self.main.report_view
        if view.report is not None:
            self.main.library_tree.select_report(view.report.id)
        self._schedule_save()

    # actions --------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        if self.library is not None:
            self.remember_place()
        self.save_now()
        self.exit()

    def action_help(self) -> None:
        from .screens.entity import EntityScreen, MentionList
        from .screens.help import HelpScreen
        from .screens.search import SearchScreen

        if isinstance(self.screen, HelpScreen):
            return
        groups: list[tuple[str, list[BindingType]]] = [
            ("Everywhere", list(self.BINDINGS)),
            ("Reading screen", list(MainScreen.BINDINGS)),
            ("Sidebar tree", list(LibraryTree.BINDINGS)),
            ("Report", list(ReportView.BINDINGS)),
            ("Person, programme and contact pages", [*EntityScreen.BINDINGS, *MentionList.BINDINGS]),
            ("Search", list(SearchScreen.BINDINGS)),
        ]
        self.push_screen(HelpScreen(groups))

    def action_show_problems(self) -> None:
        """The files that could not be read, with the reason for each, in the sidebar."""
        self._to_main()
        if self.library is None or not self.main.library_tree.show_problems():
            self.notify("No problems: every file in the folder was read.", timeout=3, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Problems", "Files that could not be read, and why", self.action_show_problems)

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return
        if self.library is None:
            self.notify("Search opens once the reports have loaded.", timeout=3, markup=False)
            return
        view = self.main.report_view
        self.before_search = Location("report", view.report.id, view.paragraph) if view.report else None
        self.push_screen(SearchScreen(self.library, self.search_index), self.open_hit)

    def action_back_out(self) -> None:
        """Escape: close a page, clear a search's marks and return to where the search began,
        or step from the report back to the tree. Never quits."""
        if self.screen is not self.main:
            self.pop_screen()
            return
        if self.match_needle is not None:
            self.match_needle = None
            self.main.report_view.clear_marks()
            if self.before_search is not None:
                self.go(self.before_search)
                self.before_search = None
            return
        self.main.library_tree.focus()

    def action_history_back(self) -> None:
        if (location := self.history.back()) is not None:
            self.go(location)

    def action_history_forward(self) -> None:
        if (location := self.history.forward()) is not None:
            self.go(location)

    def action_toggle_tree(self) -> None:
        self.set_tree_mode("theme" if self.state.tree_mode == "date" else "date")

    def _step_report(self, step: int) -> None:
        if self.library is None:
            return
        reports = self.library.reports
        current = self.main.report_view.report
        if current is None:
            self.open_report(reports[0].id)
            return
        at = next(i for i, r in enumerate(reports) if r.id == current.id)
        target = at + step
        if 0 <= target < len(reports):
            self.open_report(reports[target].id)
        else:
            self.notify(
                "That was the last report." if step > 0 else "That was the first report.", timeout=2, markup=False
            )

    def action_next_report(self) -> None:
        self._step_report(1)

    def action_previous_report(self) -> None:
        self._step_report(-1)

    def _walk(self, forward: bool) -> None:
        view = self.main.report_view
        if self.library is None or self.match_needle is None or view.report is None:
            self.notify("No search to step through: press / to search.", timeout=3, markup=False)
            return
        index = ready_index(self.library)  # once read: before then every report is looked through
        holding = index.reports_holding(self.match_needle) if index is not None else None
        found = walk_matches(self.library, self.match_needle, view.report.id, view.paragraph or 0, forward, holding)
        if found is None:
            self.notify(f"No more matches for “{self.match_needle}”.", timeout=3, markup=False)
            return
        self.open_report(found[0], found[1], found[2])

    def action_next_match(self) -> None:
        self._walk(True)

    def action_previous_match(self) -> None:
        self._walk(False)

    def action_bookmark(self) -> None:
        view = self.main.report_view
        if view.report is None:
            self.notify("Open a report to bookmark it.", timeout=3, markup=False)
            return
        report, paragraph = view.report, view.current_paragraph()
        label = f"{report.date.value or 'undated'} {short_title(report)}"
        if paragraph is not None and paragraph.number:
            label += f" ¶{paragraph.number}"
        added = self.state.toggle_bookmark(self.directory, Bookmark(report.id, view.paragraph, label))
        self.main.library_tree.refresh_bookmarks(self.state.for_library(self.directory).bookmarks)
        self.notify(("Bookmarked: " if added else "Bookmark removed: ") + label, timeout=3, markup=False)
        self.save_now()

    def action_copy_paragraph(self) -> None:
        view = self.main.report_view
        paragraph = view.current_paragraph()
        if view.report is None or paragraph is None:
            self.notify("Open a report to copy a paragraph.", timeout=3, markup=False)
            return
        citation = citation_for(view.report, paragraph.number)
        self.copy_to_clipboard(f"{paragraph.text}\n— {citation}")
        self.notify(Text.assemble("Copied with citation: ", citation).plain, markup=False, timeout=3)


def citation_for(report: Report, number: str | None) -> str:
    parts = [report.title, report.date.value or "undated"]
    if number:
        parts.append(f"¶{number}")
    return ", ".join(parts)
