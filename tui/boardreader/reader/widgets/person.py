"""The pieces of a person's page: the card (posts and roles over time, phone, email) and the rows of
its sections (actions, reports written, attendance), drawn from the library's `PersonRecord`.

Everything here shows what the record says; report text (titles, actions, roles) is data, so each
piece is built as `Text(plain)` with styles added by offset, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from ...library.people import ActionRecord, AttendanceRecord, Paper, PersonRecord, Post

STATUS_STYLES = {"done": "bold green", "open": "bold yellow"}
ATTENDANCE_STYLES = {"present": "green", "apologies": "yellow", "officer": "cyan"}
SOURCES = {"contact": "contact details", "attending": "at the meeting", "author": "as author"}


class SectionBar(Static):
    """The names of a page's sections with how many lines each has, the one shown marked; a click
    on a name shows that section. A line of text, not Textual's tabs: a page opens in half the time."""

    class Chosen(Message):
        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, section id) of each name

    def show(self, sections: Sequence[tuple[str, str, int | None]], active: str) -> None:
        """Draw `sections` (id, name, count: None while not yet known) with `active` marked."""
        bar = Text()
        self._spans = []
        for section_id, name, count in sections:
            label = f" {name} {'…' if count is None else count} "
            self._spans.append((len(bar), len(bar) + len(label), section_id))
            bar.append(label, style="bold reverse" if section_id == active else "dim" if not count else "")
            bar.append(" ")
        self.update(bar)

    def on_click(self, event: events.Click) -> None:
        for start, end, section_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.Chosen(section_id))


class SectionList(OptionList):
    """One section of a page (actions, reports written, mentions): j/k to move, Enter to open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="page.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="page.up"),
        Binding("g,home", "first", "Top", show=False, id="page.top"),
        Binding("G,end", "last", "Bottom", show=False, id="page.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page.page_up"),
        Binding("enter", "select", "Open", id="page.open"),
    ]


class AttendanceTable(DataTable[Text]):
    """The meetings a person attended, one row each: date, meeting, present / apologies / officer,
    role and authority. Enter opens the meeting's paper."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="page.table.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="page.table.up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="page.table.top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="page.table.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page.table.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page.table.page_up"),
        Binding("enter", "select_cursor", "Open", id="page.table.open"),
    ]

    def __init__(self, rows: tuple[AttendanceRecord, ...], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.records = rows
        self._laid_out_for = 0  # the width the columns were sized for

    def on_resize(self) -> None:
        """Columns that fit the width: date and attendance whole, the rest sharing what is left and
        wrapping at word boundaries, so no word is broken and nothing hides off the right edge."""
        width = self.scrollable_content_region.width
        if width == self._laid_out_for or width <= 0:
            return
        self._laid_out_for = width
        self.clear(columns=True)
        date, status = 11, 9
        rest = max(30, width - date - status - 2 * 5)  # each column has a cell's padding either side
        meeting, role = rest * 2 // 5, rest // 4
        self.add_column("Date", width=date)
        self.add_column("Attended", width=status)
        self.add_column("Meeting", width=meeting)
        self.add_column("Role", width=role)
        self.add_column("Authority", width=rest - meeting - role)
        for record in self.records:
            status_text = record.attended.status
            self.add_row(
                Text(record.paper.cited_date, style="bold"),
                Text(status_text, style=ATTENDANCE_STYLES.get(status_text, "")),
                Text(record.paper.short_title),
                Text(record.attended.role or "—"),
                Text(record.attended.authority or "—"),
                height=None,
            )


def period(post: Post) -> str:
    """When a post was held, as the papers date it: one date, or the first and the last."""
    first, last = post.first.cited_date, post.last.cited_date
    return first if post.first == post.last else f"{first} – {last}"


def person_card(record: PersonRecord) -> Group:
    """Name; phone and email; posts and roles over time, each dated by its paper, with authority."""
    named = f"named in {record.reports} report{'s' if record.reports != 1 else ''}"
    parts: list[Text | Table] = [Text.assemble(("Person  ", "dim"), (record.name, "bold"), (f"   {named}", "dim"))]
    details = Text()
    for label, value in (("Phone", record.phone), ("Email", record.email)):
        details.append(f"{label} ", style="dim")
        details.append(value or "—")
        details.append("   ")
    parts.append(details)
    if record.posts:
        posts = Table.grid(padding=(0, 2))
        posts.add_column(no_wrap=True, style="bold")
        posts.add_column(ratio=1)
        for post in record.posts:
            held = Text(post.title)
            if post.authority:
                held.append(f", {post.authority}", style="italic")
            held.append(f"  ({SOURCES[post.source]})", style="dim")
            posts.add_row(Text(period(post)), held)
        parts += [Text("Posts and roles", style="bold underline"), posts]
    return Group(*parts)


def action_option(index: int, row: ActionRecord) -> Option:
    """Meeting date, meeting, item, whether done or open (when a later paper says), and the action."""
    action = row.action
    where = Text.assemble((f"{row.paper.cited_date}  ", "bold"), row.paper.short_title)
    if action.item:
        where.append(f"  item {action.item}", style="bold")
    if action.status is not None:
        where.append("  ")
        where.append(action.status, style=STATUS_STYLES.get(action.status, ""))
    return Option(Group(where, Text(action.text)), id=str(index))


def paper_option(index: int, paper: Paper) -> Option:
    """A report written: its date and its title."""
    return Option(Text.assemble((f"{paper.cited_date}  ", "bold"), paper.title), id=str(index))


def empty_option(what: str) -> Option:
    return Option(Text(what, style="dim"), disabled=True)
