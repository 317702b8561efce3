"""The reading screen: the library tree on the left, the open report on the right.

It draws what the app tells it to (a report, loading progress, an empty state, a library read
again), turns tree and tab selections into messages for the app (messages.py), and acts on the
keys that work on the open report: next and previous report or match, bookmark, copy. Where the
reader goes and what it remembers (history, saved state) live in the app, reached through the
typed `reader` property.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ProgressBar, Static, Tab, Tabs

from ...corpus.model import Report, Skipped
from ...library.library import Library
from ...library.model import cited_date
from ...session import ready_index
from ...store.state import Bookmark, TreeMode
from .. import clipboard
from ..highlight import find_match
from ..host import Reader, reader_of
from ..labels import short_title
from ..messages import OpenPage, OpenReport
from ..navigation import walk_matches
from ..widgets.actions_view import ActionsView
from ..widgets.empty_state import EmptyState
from ..widgets.footer import KeyFooter
from ..widgets.library_tree import LibraryTree, NodeData
from ..widgets.report_view import ReportView
from ..widgets.title_bar import TitleBar


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_tree", "Tree mode", id="main.tree_mode"),
        Binding("a", "toggle_actions", "Actions", id="main.actions"),
        Binding("left_square_bracket", "previous_report", "Prev report", id="main.previous_report"),
        Binding("right_square_bracket", "next_report", "Next report", id="main.next_report"),
        Binding("n", "next_match", "Next match", show=False, id="main.next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="main.previous_match"),
        Binding("b", "bookmark", "Bookmark", id="main.bookmark"),
        Binding("y", "copy_paragraph", "Copy ¶", id="main.copy"),
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
                actions = ActionsView(id="actions")
                actions.display = False  # in the tree's place while asked for (`a`)
                yield actions
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

    @property
    def reader(self) -> Reader:
        return reader_of(self.app)

    @property
    def library_tree(self) -> LibraryTree:
        return self.query_one(LibraryTree)

    @property
    def report_view(self) -> ReportView:
        return self.query_one(ReportView)

    @property
    def actions_view(self) -> ActionsView:
        return self.query_one(ActionsView)

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
        if self.actions_view.display:  # a library read again: its actions, as they now are
            self.actions_view.show(library.actions)
        welcome = self.query_one("#welcome", Static)
        welcome.update(
            Text.assemble(
                (f"{len(library.reports)} reports", "bold"),
                f" in {library.root}\n\n",
                "Choose one in the tree and press Enter, press ] for the newest, / to search, ? for help.",
            )
        )
        welcome.display = not self.report_view.display

    def show_nothing_read(self, library: Library) -> None:
        """The folder holds no report: say why (nothing there, or nothing readable)."""
        reason = "None of the files in this folder could be read as a report." if library.skipped else ""
        self.show_empty(str(library.root), reason or "The folder has no report files in it.", library.skipped)

    def restore_scroll(self, scroll: float) -> None:
        """Back at the report where the reader left it: the report focused and scrolled as it was."""
        view = self.report_view
        view.focus()
        self.call_after_refresh(lambda: view.scroll_to(y=scroll, animate=False))

    def show_empty(self, folder: str, reason: str, skipped: Sequence[Skipped] = ()) -> None:
        self.query_one("#loading").display = False
        self.query_one("#welcome").display = False
        self.report_view.display = False
        empty = self.query_one(EmptyState)
        empty.show(folder, reason, skipped)
        empty.display = True

    def show_report(
        self, report: Report, paragraph: int | None, mark: tuple[int, int] | None, focus: bool = False
    ) -> None:
        """Draw `report` at `paragraph`, the tree's cursor on it; with `focus`, keys go to the report."""
        self.query_one("#welcome").display = False
        view = self.report_view
        view.display = True
        view.show(report, paragraph, mark)
        if focus:
            view.focus()
        # the tree follows once the report is on screen: opening its year can take a frame of its own
        self.call_after_refresh(self.library_tree.select_report, report.id, paragraph)
        self.query_one(TitleBar).show(report.title)

    def show_actions(self) -> None:
        """Every action of the library in the sidebar, in the tree's place, focused."""
        library = self.reader.library
        if library is None:
            self.notify("The actions are listed once the reports have loaded.", timeout=3, markup=False)
            return
        view = self.actions_view
        view.show(library.actions)
        self.library_tree.display = False
        self.query_one("#tree-mode", Tabs).display = False
        self.query_one("#sidebar").add_class("-actions")
        view.display = True
        view.focus()

    def hide_actions(self) -> None:
        self.actions_view.display = False
        self.query_one("#sidebar").remove_class("-actions")
        self.query_one("#tree-mode", Tabs).display = True
        self.library_tree.display = True
        self.library_tree.focus()

    def action_toggle_actions(self) -> None:
        if self.actions_view.display:
            self.hide_actions()
        else:
            self.show_actions()

    def on_actions_view_chosen(self, event: ActionsView.Chosen) -> None:
        """Open the action's report at the paragraph that states it, and read it there."""
        library, action = self.reader.library, event.action
        report = library.report(action.report) if library is not None else None
        if report is None:
            return
        self.reader.open_report(report.id, report.index_of(action.place))
        self.report_view.focus()

    def on_actions_view_closed(self, event: ActionsView.Closed) -> None:
        self.hide_actions()

    def set_mode(self, mode: TreeMode) -> None:
        if self.actions_view.display:
            self.hide_actions()
        self.library_tree.set_mode(mode)
        self._select_tab(mode)

    def _select_tab(self, mode: TreeMode) -> None:
        tabs = self.query_one("#tree-mode", Tabs)
        if tabs.active != mode:
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = mode

    def swap_library(self, fresh: Library, mode: TreeMode, bookmarks: list[Bookmark]) -> bool:
        """Show `fresh` (the library read again) where the old one was: the same branches open,
        the cursor on its line, the open report at its paragraph and scroll. False when the open
        report has gone from `fresh`: then the welcome shows in its place, and a notice says so."""
        view, tree = self.report_view, self.library_tree
        open_report, paragraph, scroll = view.report, view.paragraph, view.scroll_y
        opened, cursor_line = tree.opened(), tree.cursor_line
        self.show_library(fresh, mode, bookmarks)
        tree.reopen(opened, cursor_line)
        if open_report is None:
            return True
        report = fresh.report(open_report.id)
        if report is None:
            gone = f"“{short_title(open_report, fresh)}” ({open_report.file})"
            self.notify(f"The open report {gone} was removed from the folder.", title="Report removed",
                        severity="warning", timeout=10, markup=False)  # fmt: skip
            view.report = None
            view.display = False
            self.query_one("#welcome").display = True
            if self.app.focused is view or self.app.focused is None:
                tree.focus()
            return False
        if paragraph is not None and report.paragraphs:
            paragraph = min(paragraph, len(report.paragraphs) - 1)
        self.show_report(report, paragraph, None)
        self.call_after_refresh(lambda: view.scroll_to(y=scroll, animate=False))
        return True

    def show_emptied(self, fresh: Library, *, had_reports: bool) -> None:
        """The folder read again holds no report (any more, or still)."""
        self.report_view.report = None
        reason = "Every report has gone from the folder." if had_reports else "Still no file here reads as a report."
        self.show_empty(str(fresh.root), reason, fresh.skipped)
        self.notify(reason, severity="warning" if had_reports else "information", timeout=8, markup=False)

    # events ---------------------------------------------------------------------------------
    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        mode = event.tab.id
        if mode in ("date", "theme") and mode != self.library_tree.mode:
            self.choose_mode("date" if mode == "date" else "theme")

    def on_tree_node_selected(self, event: LibraryTree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if data is None:
            return
        if data.kind in ("report", "section", "bookmark") and data.report:
            self.post_message(OpenReport(data.report, data.paragraph))
        elif data.kind in ("person", "programme", "contact"):
            self.post_message(OpenPage(data.kind, data.key))
        elif data.kind == "problem" and (library := self.library_tree.library) is not None:
            reason = next((s.reason for s in library.skipped if s.file == data.key), "")
            self.notify(f"{data.key}: {reason}", title="Not read", timeout=8, markup=False)

    def on_report_view_cursor_moved(self, event: ReportView.CursorMoved) -> None:
        self.reader.remember_place()

    # keys -----------------------------------------------------------------------------------
    def action_next_pane(self) -> None:
        view = self.report_view
        sidebar = self.actions_view if self.actions_view.display else self.library_tree
        if self.focused is sidebar and view.display:
            view.focus()
        else:
            sidebar.focus()

    def action_toggle_tree(self) -> None:
        self.choose_mode("theme" if self.reader.state.tree_mode == "date" else "date")

    def choose_mode(self, mode: TreeMode) -> None:
        """List the reports by date or by theme, from now on (the choice is saved)."""
        self.reader.state.tree_mode = mode
        self.set_mode(mode)
        if self.report_view.report is not None:
            self.library_tree.select_report(self.report_view.report.id, self.report_view.paragraph)
        self.reader.save_soon()

    def action_next_report(self) -> None:
        self._step_report(1)

    def action_previous_report(self) -> None:
        self._step_report(-1)

    def _step_report(self, step: int) -> None:
        reader = self.reader
        if reader.library is None:
            return
        reports = reader.library.reports
        current = self.report_view.report
        if current is None:
            reader.open_report(reports[0].id)
            return
        at = next(i for i, r in enumerate(reports) if r.id == current.id)
        target = at + step
        if 0 <= target < len(reports):
            reader.open_report(reports[target].id)
        else:
            self.notify(
                "That was the last report." if step > 0 else "That was the first report.", timeout=2, markup=False
            )

    def action_next_match(self) -> None:
        self._walk_matches(True)

    def action_previous_match(self) -> None:
        self._walk_matches(False)

    def _walk_matches(self, forward: bool) -> None:
        reader, view = self.reader, self.report_view
        library, needle = reader.library, reader.match_needle
        if library is None or needle is None or view.report is None:
            self.notify("No search to step through: press / to search.", timeout=3, markup=False)
            return
        index = ready_index(library)  # once read: before then every report is looked through
        holding = index.reports_holding(needle) if index is not None else None
        if holding is not None:  # the index holds paragraphs' words; an action's owner is beside them
            holding |= {a.report for a in library.actions if a.owner and find_match(a.owner, needle)}
        found = walk_matches(library, needle, view.report.id, view.paragraph or 0, forward, holding)
        if found is None:
            self.notify(f"No more matches for “{needle}”.", timeout=3, markup=False)
            return
        reader.open_report(found[0], found[1], found[2])

    def action_bookmark(self) -> None:
        reader, view = self.reader, self.report_view
        if view.report is None:
            self.notify("Open a report to bookmark it.", timeout=3, markup=False)
            return
        report, paragraph = view.report, view.current_paragraph()
        label = f"{cited_date(report.date.value, report.date.stated)} {short_title(report, reader.library)}"
        if paragraph is not None and paragraph.number:
            label += f" ¶{paragraph.number}"
        added = reader.state.toggle_bookmark(reader.directory, Bookmark(report.id, view.paragraph, label))
        self.library_tree.refresh_bookmarks(reader.state.for_library(reader.directory).bookmarks)
        self.notify(("Bookmarked: " if added else "Bookmark removed: ") + label, timeout=3, markup=False)
        reader.save_now()

    def action_copy_paragraph(self) -> None:
        view = self.report_view
        paragraph = view.current_paragraph()
        if view.report is None or paragraph is None:
            self.notify("Open a report to copy a paragraph.", timeout=3, markup=False)
            return
        citation = citation_for(view.report, paragraph.number)
        self.copy_text(f"{paragraph.text}\n— {citation}", citation)

    @work(thread=True, group="copy", exit_on_error=False)  # (an app quitting meanwhile is no error)
    def copy_text(self, text: str, citation: str) -> None:
        """Copy through the system clipboard where there is one, else the terminal's, and say which:
        in a thread, since a clipboard command may take a moment (at most clipboard.TIMEOUT)."""
        app = self.app

        def to_terminal(text: str) -> None:
            app.call_from_thread(app.copy_to_clipboard, text)

        route = clipboard.copy(text, clipboard.system_commands(), to_terminal)
        said = f"{clipboard.SAID[route]}, with its citation: {citation}"
        app.call_from_thread(self.notify, said, markup=False, timeout=4 if route == "system" else 8)


def citation_for(report: Report, number: str | None) -> str:
    parts = [report.title, cited_date(report.date.value, report.date.stated)]
    if number:
        parts.append(f"¶{number}")
    return ", ".join(parts)
