"""Help: every key binding with what it does, grouped by where it works, and the highlight legend."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from ..highlight import legend
from ..widgets.actions_view import ActionsView
from ..widgets.library_tree import LibraryTree
from ..widgets.person import AttendanceTable, SectionList
from ..widgets.report_view import ReportView
from .entity import EntityScreen
from .main import MainScreen
from .search import SearchScreen

# Keys named as a user types them where Textual's own display names differ ("⏎", "esc").
KEY_NAMES = {"escape": "esc", "enter": "enter", "pagedown": "pgdn", "pageup": "pgup"}


def key_text(keys: str) -> str:
    """A binding's keys as a user types them: "!" (not "exclamation_mark"), "[", "/", "pgdn"."""
    return " ".join(KEY_NAMES.get(k.strip()) or format_key(k.strip()) for k in keys.split(","))


def bindings_table(groups: list[tuple[str, list[BindingType]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", min_width=16)
    table.add_column()
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), Text(""))
        for b in bindings:
            if isinstance(b, Binding):
                table.add_row(Text(key_text(b.key)), Text(b.description))
        table.add_row(Text(""), Text(""))
    return table


def reader_keys(everywhere: list[BindingType]) -> list[tuple[str, list[BindingType]]]:
    """Every key of the reader, grouped by where it works; `everywhere` is the app's."""
    return [
        ("Everywhere", list(everywhere)),
        ("Reading screen", list(MainScreen.BINDINGS)),
        ("Sidebar tree", list(LibraryTree.BINDINGS)),
        ("Actions (a)", list(ActionsView.BINDINGS)),
        ("Report", list(ReportView.BINDINGS)),
        ("Person, programme and contact pages", [*EntityScreen.BINDINGS, *SectionList.BINDINGS]),
        ("Attendance table", list(AttendanceTable.BINDINGS)),
        ("Search", list(SearchScreen.BINDINGS)),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists every binding the reader has and the colours used for highlighting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
        Binding("down,j", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("up,k", "scroll('up')", "Up", show=False, id="help.up"),
        Binding("g,home", "scroll('top')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('bottom')", "Bottom", show=False, id="help.bottom"),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False, id="help.page_down"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
    ]

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("boardreader — keys", style="bold"), classes="help-title")
            yield Static(bindings_table(self.groups), id="help-keys")
            yield Static(Text("Highlights", style="bold underline"))
            yield Static(legend(self.app.current_theme.dark), id="help-legend")
            yield Static(Text("The mouse works too: click in the tree, the report or a list.", style="dim"))

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        moves = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "top": body.scroll_home,
            "bottom": body.scroll_end,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
        }
        moves[direction](animate=False)

    def on_key(self, event: events.Key) -> None:
        """A key help does not use closes help and goes on to the screen below, so a key typed
        on the heels of escape is not lost (escape + "/" read together arrive as "/": see keys.py)."""
        if self.is_current and event.key not in self.active_bindings:
            self.dismiss(None)  # the stack changes at once: the key, bubbling on, meets the screen below

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
