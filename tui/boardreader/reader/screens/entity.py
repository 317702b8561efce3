"""A page for one person, programme or contact: who or what it is, and every mention.

The card shows roles or positions over time, authorities and contact details; the list below has
one line per mentioning paragraph (report, date, paragraph number, snippet). Enter opens it. The
mentions are found in a worker: a programme in 3,000 reports of a large library means reading
3,000 report bodies, and the card shows while they are read.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...library.library import Library
from ...library.model import cited_date
from ..highlight import highlight_match
from ..labels import short_title
from ..mentions import EntityKind, Mention, entity_name, find_mentions
from ..messages import OpenReport
from ..widgets.footer import KeyFooter

TITLES: dict[EntityKind, str] = {"person": "Person", "programme": "Programme", "contact": "Contact"}


class MentionList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="page.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="page.up"),
        Binding("g,home", "first", "Top", show=False, id="page.top"),
        Binding("G,end", "last", "Bottom", show=False, id="page.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page.page_up"),
        Binding("enter", "select", "Open mention", id="page.open"),
    ]


class EntityScreen(Screen[None]):
    """The page for one entity of the library."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.back_out", "Back", id="page.back")]

    def __init__(self, library: Library, kind: EntityKind, key: str) -> None:
        super().__init__()
        self.library = library
        self.kind = kind
        self.key = key
        self.mentions: list[Mention] = []

    @property
    def name_shown(self) -> str:
        return entity_name(self.library, self.kind, self.key)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._card(), id="entity-card", classes="card")
        yield Static(Text("Finding where it is mentioned…", style="dim"), id="mentions-title", classes="list-title")
        yield MentionList(id="mentions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"{TITLES[self.kind]}: {self.name_shown}"
        self.query_one(MentionList).focus()
        self.look_for_mentions()

    @work(thread=True, exclusive=True, group="mentions")
    def look_for_mentions(self) -> None:
        mentions = find_mentions(self.library, self.kind, self.key)
        if not get_current_worker().is_cancelled:  # the page was left meanwhile
            self.app.call_from_thread(self.show_mentions, mentions)

    def show_mentions(self, mentions: list[Mention]) -> None:
        if not self.is_attached:
            return
        self.mentions = mentions
        self.query_one("#mentions-title", Static).update(Text(f"Mentions  {len(mentions)}", style="bold"))
        listing = self.query_one(MentionList)
        listing.add_options(self._options())
        if mentions:
            listing.highlighted = 0

    def _card(self) -> Group:
        lib = self.library
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        rows: list[tuple[str, str]] = []
        if self.kind == "person" and (person := lib.people.get(self.key)):
            rows += [("Roles", ", ".join(person.roles) or "—"), ("Authority", ", ".join(person.authorities) or "—")]
            if (contact := lib.contacts.get(person.name.lower())) is not None:
                rows += [("Phone", contact.phone or "—"), ("Email", contact.email or "—")]
            rows.append(("Reports", str(len(person.reports))))
        elif self.kind == "contact" and (c := lib.contacts.get(self.key)):
            for held in c.positions:
                report = lib.head(held.report)
                when = report.date.value if report and report.date.value else "undated"
                rows.append(("Position", f"{held.position}  (from {when})"))
            rows += [("Phone", c.phone or "—"), ("Email", c.email or "—"), ("Reports", str(len(c.reports)))]
        elif self.kind == "programme" and (p := lib.programmes.get(self.key)):
            dates = sorted(r.date.value for rid in p.reports if (r := lib.head(rid)) and r.date.value)
            if dates:
                rows.append(("Mentioned", f"{dates[0]} to {dates[-1]}"))
            rows.append(("Reports", str(len(p.reports))))
        for label, value in rows:
            grid.add_row(Text(label), Text(value))
        title = Text.assemble((f"{TITLES[self.kind]}  ", "dim"), (self.name_shown, "bold"))
        return Group(title, Text(""), grid)

    def _options(self) -> list[Option]:
        options = []
        for i, m in enumerate(self.mentions):
            date = cited_date(m.report.date.value, m.report.date.stated)
            where = Text.assemble(
                (f"{date}  ", "bold"), short_title(m.report), (f"  ¶{m.number}" if m.number else "", "bold")
            )
            options.append(Option(Group(where, highlight_match(m.snippet, m.match, None)), id=str(i)))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        mention = self.mentions[event.option_index]
        self.post_message(OpenReport(mention.report.id, mention.paragraph))
