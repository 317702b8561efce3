"""The page of one person, programme or contact: a card saying who or what it is, and its sections.

A person has one page, however they came up (in the tree, in a search hit as a person or as a
paper's contact): the card shows their posts and roles over time with phone and email, and the
sections list the actions they own, the reports they wrote, the meetings they attended and every
mention, each line opening its place. All but the mentions come from the library's record of the
person (library/people.py). A programme, or a contact who is no person the library knows, has a
card and its mentions. Mentions are found in a worker: a programme in 3,000 reports of a large
library means reading 3,000 report bodies, and the page shows while they are read.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...library.library import Library
from ...library.model import cited_date
from ...library.people import PersonRecord, action_paragraph, person_of_contact, person_record
from ..highlight import highlight_match
from ..labels import short_title
from ..mentions import EntityKind, Mention, entity_name, find_mentions
from ..messages import OpenReport
from ..widgets.footer import KeyFooter
from ..widgets.person import (
    AttendanceTable,
    SectionBar,
    SectionList,
    action_option,
    empty_option,
    paper_option,
    person_card,
)

TITLES: dict[EntityKind, str] = {"person": "Person", "programme": "Programme", "contact": "Contact"}
# A person's sections, in order: (id, name). Other pages have the mentions alone.
PERSON_SECTIONS = (("actions", "Actions"), ("wrote", "Reports written"), ("attendance", "Attendance"))
MENTIONS = ("mentions", "Mentions")
WIDGET_PREFIX = "page-"  # a section's widget's id: "page-actions" (another screen has its own #actions)


def widget_id(section_id: str) -> str:
    return WIDGET_PREFIX + section_id


class EntityScreen(Screen[None]):
    """The page for one entity of the library."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back_out", "Back", id="page.back"),
        Binding("tab", "next_section", "Next section", id="page.next_section"),
        Binding("shift+tab", "previous_section", "Previous section", show=False, id="page.previous_section"),
        # a section by its place: a person's actions, reports written, attendance, mentions (a
        # programme's page has its mentions alone); digits, as no letter here may mean another thing
        Binding("1", "section_at(0)", "First section", show=False, id="page.section_1"),
        Binding("2", "section_at(1)", "Second section", show=False, id="page.section_2"),
        Binding("3", "section_at(2)", "Third section", show=False, id="page.section_3"),
        Binding("4", "section_at(3)", "Fourth section", show=False, id="page.section_4"),
    ]

    def __init__(self, library: Library, kind: EntityKind, key: str) -> None:
        super().__init__()
        if kind == "contact" and (person := person_of_contact(library, key)) is not None:
            kind, key = "person", person  # a contact who is a person has the person's page: one record
        self.library = library
        self.kind = kind
        self.key = key
        self.record: PersonRecord | None = person_record(library, key) if kind == "person" else None
        self.mentions: list[Mention] = []
        self.mentions_found = False  # the worker has looked (the mentions may still be none)

    @property
    def name_shown(self) -> str:
        return entity_name(self.library, self.kind, self.key)

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        return (*PERSON_SECTIONS, MENTIONS) if self.record is not None else (MENTIONS,)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="entity-card-box"):
            yield Static(self._card(), id="entity-card", classes="card")
        yield SectionBar(id="section-bar")
        with ContentSwitcher(id="sections", initial=widget_id(self._first_section())):
            for section_id, _ in self.sections:
                yield self._section(section_id)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = f"{TITLES[self.kind]}: {self.name_shown}"
        self.query_one("#entity-card-box").can_focus = False  # the sections take the keys
        self.action_section(self._first_section())
        self.look_for_mentions()

    # sections -------------------------------------------------------------------------------
    def _first_section(self) -> str:
        """The first section with something in it: their actions, else what they wrote, and so on."""
        return next((s for s, _ in self.sections if self._count(s)), MENTIONS[0])

    def _count(self, section_id: str) -> int | None:
        """How many lines a section has (None for the mentions until they are found)."""
        record = self.record
        if section_id == "mentions":
            return len(self.mentions) if self.mentions_found else None
        if record is None:
            return 0
        return {"actions": len(record.actions), "wrote": len(record.wrote), "attendance": len(record.attended)}[
            section_id
        ]

    def _show_bar(self) -> None:
        sections = [(section_id, name, self._count(section_id)) for section_id, name in self.sections]
        self.query_one(SectionBar).show(sections, self._active())

    def _section(self, section_id: str) -> Widget:
        record = self.record
        if section_id == "attendance" and record is not None:
            return AttendanceTable(record.attended, id=widget_id(section_id))
        listing = SectionList(id=widget_id(section_id))
        if section_id == "actions" and record is not None:
            listing.add_options(
                [action_option(i, row) for i, row in enumerate(record.actions)]
                or [empty_option("No actions recorded for them.")]
            )
        elif section_id == "wrote" and record is not None:
            listing.add_options(
                [paper_option(i, p) for i, p in enumerate(record.wrote)]
                or [empty_option("No reports written by them.")]
            )
        elif section_id == "mentions":
            listing.add_option(empty_option("Finding where it is mentioned…"))
        return listing

    def action_section(self, section_id: str) -> None:
        if section_id not in dict(self.sections):
            return
        self.query_one(ContentSwitcher).current = widget_id(section_id)
        self._show_bar()
        widget = self.query_one(f"#{widget_id(section_id)}")
        widget.focus()
        if isinstance(widget, OptionList) and widget.highlighted is None and widget.option_count:
            widget.action_first()

    def _active(self) -> str:
        """The section shown."""
        return (self.query_one(ContentSwitcher).current or "").removeprefix(WIDGET_PREFIX)

    def action_section_at(self, place: int) -> None:
        if place < len(self.sections):
            self.action_section(self.sections[place][0])

    def _step_section(self, step: int) -> None:
        ids = [s for s, _ in self.sections]
        active = self._active()
        at = ids.index(active) if active in ids else 0
        self.action_section(ids[(at + step) % len(ids)])

    def action_next_section(self) -> None:
        self._step_section(1)

    def action_previous_section(self) -> None:
        self._step_section(-1)

    @on(SectionBar.Chosen)
    def _section_clicked(self, event: SectionBar.Chosen) -> None:
        self.action_section(event.section_id)

    # mentions -------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="mentions")
    def look_for_mentions(self) -> None:
        mentions = find_mentions(self.library, self.kind, self.key)
        if not get_current_worker().is_cancelled:  # the page was left meanwhile
            self.app.call_from_thread(self.show_mentions, mentions)

    def show_mentions(self, mentions: list[Mention]) -> None:
        if not self.is_attached:
            return
        self.mentions = mentions
        self.mentions_found = True
        self._show_bar()
        listing = self.query_one(f"#{widget_id('mentions')}", SectionList)
        listing.clear_options()
        listing.add_options(self._mention_options() or [empty_option("Not mentioned by name in any paragraph.")])
        if mentions:
            listing.highlighted = 0

    def _mention_options(self) -> list[Option]:
        options = []
        for i, m in enumerate(self.mentions):
            date = cited_date(m.report.date.value, m.report.date.stated)
            where = Text.assemble(
                (f"{date}  ", "bold"),
                short_title(m.report, self.library),
                (f"  ¶{m.number}" if m.number else "", "bold"),
            )
            options.append(Option(Group(where, highlight_match(m.snippet, m.match, None)), id=str(i)))
        return options

    # opening --------------------------------------------------------------------------------
    @on(OptionList.OptionSelected)
    def _open_line(self, event: OptionList.OptionSelected) -> None:
        section = (event.option_list.id or "").removeprefix(WIDGET_PREFIX)
        index = int(event.option.id) if event.option.id is not None else -1
        if section == "mentions" and 0 <= index < len(self.mentions):
            mention = self.mentions[index]
            self.post_message(OpenReport(mention.report.id, mention.paragraph))
        elif self.record is not None and section == "actions" and 0 <= index < len(self.record.actions):
            action = self.record.actions[index].action
            report = self.library.report(action.report)
            if report is not None:
                self.post_message(OpenReport(report.id, action_paragraph(report, action)))
        elif self.record is not None and section == "wrote" and 0 <= index < len(self.record.wrote):
            self.post_message(OpenReport(self.record.wrote[index].report, None))

    @on(DataTable.RowSelected)
    def _open_meeting(self, event: DataTable.RowSelected) -> None:
        if self.record is not None and 0 <= event.cursor_row < len(self.record.attended):
            self.post_message(OpenReport(self.record.attended[event.cursor_row].paper.report, None))

    # the card -------------------------------------------------------------------------------
    def _card(self) -> Group:
        if self.record is not None:
            return person_card(self.record)
        lib = self.library
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        rows: list[tuple[str, str]] = []
        if self.kind == "contact" and (c := lib.contacts.get(self.key)):
            for held in c.positions:
                report = lib.head(held.report)
                when = cited_date(report.date.value, report.date.stated) if report else "undated"
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
