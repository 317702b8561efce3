"""The Actions view: every action across the library in the sidebar, grouped by owner or by meeting.

"What did David Pye agree to do?" is the question most often asked of minutes. The library pass
lists every action, newest meeting first, with its owners, its paragraph and what a later paper
says of it (`Library.actions`, library/actions.py); this view only lays that list out. Each row
shows the owner, the meeting's date (≈ when inferred), the item, the action and, when a later paper
reports it, done or open; Enter on it opens the report at the paragraph that states it. `o` groups
by owner or by meeting. Labels are built as `Text`, never markup: every word here is report data.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...library.model import LibraryAction, cited_date

Grouping = Literal["owner", "meeting"]
NO_OWNER = "No owner named"
STATUS_STYLE = {"done": "green", "open": "yellow"}


def owner_groups(action: LibraryAction) -> tuple[str, ...]:
    """Whom an action is listed under: each person its owner names, else the owner as written."""
    return action.owners or (action.owner or NO_OWNER,)


def meeting_label(action: LibraryAction) -> str:
    return f"{cited_date(action.date, action.date_stated)}  {action.title}"


def grouped(actions: list[LibraryAction], by: Grouping) -> list[tuple[str, list[LibraryAction]]]:
    """The actions (newest first) in groups: a group stands where its newest action does."""
    groups: dict[str, list[LibraryAction]] = {}
    for action in actions:
        keys = owner_groups(action) if by == "owner" else (meeting_label(action) + "\0" + action.report,)
        for key in keys:
            groups.setdefault(key, []).append(action)
    return [(key.split("\0")[0], rows) for key, rows in groups.items()]


def action_row(action: LibraryAction) -> Text:
    """Owner · date · item, then the action's words and its status when a later paper gives one."""
    row = Text()
    row.append(action.owner or NO_OWNER, style="bold")
    row.append(f" · {cited_date(action.date, action.date_stated)}", style="dim" if not action.date_stated else "")
    if action.item:
        row.append(f" · item {action.item}", style="dim")
    row.append("\n")
    row.append(action.text)
    if action.status is not None:
        row.append(f"  [{action.status}]", style=STATUS_STYLE[action.status])
    return row


class ActionsView(OptionList):
    """Every action in the library, by owner or by meeting; Enter opens the paragraph of one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="actions.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="actions.up"),
        Binding("g,home", "first", "Top", show=False, id="actions.top"),
        Binding("G,end", "last", "Bottom", show=False, id="actions.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="actions.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="actions.page_up"),
        Binding("enter", "select", "Open", id="actions.open"),
        Binding("o", "toggle_grouping", "By owner/meeting", id="actions.grouping"),
        Binding("escape", "close", "Close actions", show=False, id="actions.close"),
    ]

    class Chosen(Message):
        """Open the report of an action at the paragraph that states it."""

        def __init__(self, action: LibraryAction) -> None:
            super().__init__()
            self.action = action

    class Closed(Message):
        """Put the tree back in the sidebar."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grouping: Grouping = "owner"
        self._actions: list[LibraryAction] = []
        self._rows: list[LibraryAction | None] = []  # each option's action; None for a group's heading

    def show(self, actions: list[LibraryAction]) -> None:
        """List these actions (the library's, newest first), keeping the grouping chosen."""
        self._actions = actions
        self._fill()

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_toggle_grouping(self) -> None:
        self.grouping = "meeting" if self.grouping == "owner" else "owner"
        self._fill()

    def _fill(self) -> None:
        self.clear_options()
        self._rows = []
        options: list[Option] = []
        by = "owner" if self.grouping == "owner" else "meeting"
        heading = Text.assemble(("Actions", "bold"), f" by {by}  ", ("o: by ", "dim"))
        heading.append("meeting" if by == "owner" else "owner", style="dim")
        options.append(Option(heading, disabled=True))
        self._rows.append(None)
        if not self._actions:
            options.append(Option(Text("No actions in these papers.", style="dim"), disabled=True))
            self._rows.append(None)
        for label, rows in grouped(self._actions, self.grouping):
            options.append(Option(Text.assemble((label, "bold underline"), f"  {len(rows)}"), disabled=True))
            self._rows.append(None)
            for action in rows:
                options.append(Option(action_row(action)))
                self._rows.append(action)
        self.add_options(options)
        first = next((i for i, row in enumerate(self._rows) if row is not None), None)
        self.highlighted = first

    def listed(self) -> list[LibraryAction]:
        """The actions as the rows show them, top to bottom (one under each owner it names)."""
        return [action for action in self._rows if action is not None]

    def highlighted_action(self) -> LibraryAction | None:
        at = self.highlighted
        return self._rows[at] if at is not None and 0 <= at < len(self._rows) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        action = self._rows[event.option_index] if event.option_index < len(self._rows) else None
        if action is not None:
            self.post_message(self.Chosen(action))
