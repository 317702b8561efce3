"""The reading screen: the library tree on the left, the open report on the right.

It draws what the app tells it to (a report, loading progress, an empty state) and turns tree
selections into requests to the app; navigation and memory live in the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ProgressBar, Static, Tab, Tabs

from ...corpus.model import Report, Skipped
from ...library.library import Library
from ...store.state import Bookmark, TreeMode
from ..widgets.empty_state import EmptyState
from ..widgets.footer import KeyFooter
from ..widgets.library_tree import LibraryTree, NodeData
from ..widgets.report_view import ReportView
from ..widgets.title_bar import TitleBar


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "app.toggle_tree", "Tree mode", id="main.tree_mode"),
        Binding("left_square_bracket", "app.previous_report", "Prev report", id="main.previous_report"),
        Binding("right_square_bracket", "app.next_report", "Next report", id="main.next_report"),
        Binding("n", "app.next_match", "Next match", show=False, id="main.next_match"),
        Binding("N", "app.previous_match", "Previous match", show=False, id="main.previous_match"),
        Binding("b", "app.bookmark", "Bookmark", id="main.bookmark"),
        Binding("y", "app.copy_paragraph", "Copy ¶", id="main.copy"),
        Binding("exclamation_mark", "app.show_problems", "Problems", show=False, id="main.problems"),
        Binding("tab", "next_pane", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "next_pane", "Previous pane", show=False, id="main.previous_pane"),
    ]

    def __init__(self, tree_mode: TreeMode = "date") -> None:
        super().__init__()
        self.tree_mode = tree_mode  # the tab to start on (the library may be shown before it mounts)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                tabs = (Tab("By date", id="date"), Tab("By theme", id="theme"))
                yield Tabs(*tabs, active=self.tree_mode, id="tree-mode")
                yield LibraryTree(id="tree")
            with Vertical(id="content"):
                with Vertical(id="loading"):  # its bar is mounted when the first count arrives
                    yield Static(Text("Loading reports…"), id="loading-label")
                yield Static(Text(""), id="welcome")
                yield EmptyState(id="empty")
                yield ReportView(id="report")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#tree-mode", Tabs).can_focus = False
        self.query_one(LibraryTree).focus()
        self.app.start_loading()  # type: ignore[attr-defined]  # only now is there somewhere to show it

    @property
    def library_tree(self) -> LibraryTree:
        return self.query_one(LibraryTree)

    @property
    def report_view(self) -> ReportView:
        return self.query_one(ReportView)

    # what the app asks for ------------------------------------------------------------------
    def show_progress(self, done: int, total: int, name: str) -> None:
        loading = self.query_one("#loading")
        bars = loading.query(ProgressBar)
        if bars:
            bars.first().update(total=total, progress=done)
        else:  # made only now: a warm start shows no progress, and building the bar cost it 40 ms
            bar = ProgressBar(total=total, show_eta=False, id="loading-bar")
            bar.update(progress=done)
            loading.mount(bar)
        self.query_one("#loading-label", Static).update(Text(f"Loading reports… {done}/{total}  {name}"))

    def show_library(self, library: Library, mode: TreeMode, bookmarks: list[Bookmark]) -> None:
        self.query_one("#loading").display = False
        self.query_one(EmptyState).display = False  # a once-empty folder that now has reports
        self.library_tree.load(library, mode, bookmarks)
        self._select_tab(mode)
        welcome = self.query_one("#welcome", Static)
        welcome.update(
            Text.assemble(
                (f"{len(library.reports)} reports", "bold"),
                f" in {library.root}\n\n",
                "Choose one in the tree and press Enter, press ] for the newest, / to search, ? for help.",
            )
        )
        welcome.display = not self.report_view.display

    def show_empty(self, folder: str, reason: str, skipped: Sequence[Skipped] = ()) -> None:
        self.query_one("#loading").display = False
        self.query_one("#welcome").display = False
        self.report_view.display = False
        empty = self.query_one(EmptyState)
        empty.show(folder, reason, skipped)
        empty.display = True

    def show_report(self, report: Report, paragraph: int | None, mark: tuple[int, int] | None) -> None:
        self.query_one("#welcome").display = False
        view = self.report_view
        view.display = True
        view.show(report, paragraph, mark)
        self.library_tree.select_report(report.id)
        self.query_one(TitleBar).show(report.title)

    def set_mode(self, mode: TreeMode) -> None:
        self.library_tree.set_mode(mode)
        self._select_tab(mode)

    def _select_tab(self, mode: TreeMode) -> None:
        tabs = self.query_one("#tree-mode", Tabs)
        if tabs.active != mode:
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = mode

    # events ---------------------------------------------------------------------------------
    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        mode = event.tab.id
        if mode in ("date", "theme") and mode != self.library_tree.mode:
            self.app.set_tree_mode(mode)  # type: ignore[attr-defined]

    def on_tree_node_selected(self, event: LibraryTree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if data is None:
            return
        app = self.app
        if data.kind in ("report", "section", "bookmark") and data.report:
            app.open_report(data.report, data.paragraph)  # type: ignore[attr-defined]
        elif data.kind in ("person", "programme", "contact"):
            app.open_page(data.kind, data.key)  # type: ignore[attr-defined]
        elif data.kind == "problem" and app.library is not None:  # type: ignore[attr-defined]
            reason = next((s.reason for s in app.library.skipped if s.file == data.key), "")  # type: ignore[attr-defined]
            app.notify(f"{data.key}: {reason}", title="Not read", timeout=8, markup=False)

    def on_report_view_cursor_moved(self, event: ReportView.CursorMoved) -> None:
        self.app.remember_place()  # type: ignore[attr-defined]

    def action_next_pane(self) -> None:
        view = self.report_view
        if self.focused is self.library_tree and view.display:
            view.focus()
        else:
            self.library_tree.focus()
