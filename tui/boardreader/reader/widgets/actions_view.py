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
PAGE = 50  # rows added at a time (see ActionsView._add_page)


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
        # every row to list: a group's heading (label, how many) or an action
        self._entries: list[tuple[str, int] | LibraryAction] = []
        self._shown = 0  # how many of them are rows yet (see _add_page)
        self._more = False  # the last row is "… more"
        self._rows: list[LibraryAction | None] = []  # each option's action; None for a heading or "… more"

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
        self._rows, self._shown, self._more = [], 0, False
        self._entries = []
        for label, rows in grouped(self._actions, self.grouping):
            self._entries.append((label, len(rows)))
            self._entries.extend(rows)
        by = "owner" if self.grouping == "owner" else "meeting"
        heading = Text.assemble(("Actions", "bold"), f" by {by}  ", ("o: by ", "dim"))
        heading.append("meeting" if by == "owner" else "owner", style="dim")
        options = [Option(heading, disabled=True)]
        if not self._actions:
            options.append(Option(Text("No actions in these papers.", style="dim"), disabled=True))
        self.add_options(options)
        self._rows.extend([None] * len(options))
        self._add_page()
        self.highlighted = self._next_action_row(0)

    def _add_page(self) -> None:
        """The next page of rows, and a "… more" row while some are still to come: an option list
        measures every row it holds, and thousands of actions took seconds to show at once."""
        if self._more:
            self.remove_option_at_index(len(self._rows) - 1)
            self._rows.pop()
        page = self._entries[self._shown : self._shown + PAGE]
        self._shown += len(page)
        options: list[Option] = []
        for entry in page:
            if isinstance(entry, LibraryAction):
                options.append(Option(action_row(entry)))
                self._rows.append(entry)
            else:
                label, count = entry
                options.append(Option(Text.assemble((label, "bold underline"), f"  {count}"), disabled=True))
                self._rows.append(None)
        remaining = sum(1 for entry in self._entries[self._shown :] if isinstance(entry, LibraryAction))
        self._more = self._shown < len(self._entries)
        if self._more:
            options.append(Option(Text(f"… {remaining} more", style="dim italic")))
            self._rows.append(None)
        self.add_options(options)

    def _next_action_row(self, start: int) -> int | None:
        return next((i for i in range(start, len(self._rows)) if self._rows[i] is not None), None)

    def _more_reached(self, index: int) -> bool:
        """The cursor on the "… more" row shows the next page, and moves onto its first action."""
        if not (self._more and index == len(self._rows) - 1):
            return False
        self._add_page()
        self.highlighted = self._next_action_row(index)
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._more_reached(event.option_index)

    def listed(self) -> list[LibraryAction]:
        """The actions the view lists, top to bottom (one under each owner it names), shown yet or not."""
        return [entry for entry in self._entries if isinstance(entry, LibraryAction)]

    def highlighted_action(self) -> LibraryAction | None:
        at = self.highlighted
        return self._rows[at] if at is not None and 0 <= at < len(self._rows) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._more_reached(event.option_index):
            return
        action = self._rows[event.option_index] if event.option_index < len(self._rows) else None
        if action is not None:
            self.post_message(self.Chosen(action))
