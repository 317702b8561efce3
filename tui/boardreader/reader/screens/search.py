"""The search bar: answers on every keystroke from a thread worker, grouped by kind.

A newer query cancels the older worker, and results that arrive for a query no longer typed are
dropped, so typing never waits for the index. Enter dismisses the screen with the chosen Hit; the
app decides where that goes. Snippets are report text: built as `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...index.search import SearchIndex
from ...library.library import Library
from ...library.model import Hit, cited_date
from ...store.state import State
from ..highlight import highlight_match
from ..host import Reader, reader_of
from ..labels import short_title

LIMIT = 60
GROUPS: list[tuple[str, str]] = [
    ("person", "People"),
    ("programme", "Programmes"),
    ("contact", "Contacts"),
    ("organisation", "Organisations"),
    ("report", "Reports"),
    ("section", "Sections"),
    ("action", "Actions"),
    ("paragraph", "Paragraphs"),
]


class SearchScreen(ModalScreen[Hit | None]):
    """Type to search everything; Enter jumps, escape goes back to where you were."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close search", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
        Binding("pagedown", "move(10)", "Page down results", show=False, id="search.page_down"),
        Binding("pageup", "move(-10)", "Page up results", show=False, id="search.page_up"),
        Binding("enter", "choose", "Open result", id="search.open"),
    ]

    def __init__(self, index: Callable[[Library], SearchIndex], state: State, query: str = "") -> None:
        super().__init__()
        self.state = state  # recent searches: shown before typing, and the chosen query added
        self.index = index
        self.initial = query
        self.hits: list[Hit] = []
        self.query_shown: str | None = None

    @property
    def reader(self) -> Reader:
        return reader_of(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self.initial, placeholder="Search people, programmes, reports, paragraphs…", id="q")
            yield Static(Text(""), id="search-status")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self.query_one(Input).focus()
        self._show_recent()

    # searching ------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        query = event.value
        if not query.strip():
            self._show_recent()
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        library = self.reader.library  # read now: the folder may have been read again since
        hits = self.index(library).search(query, limit=LIMIT) if library is not None else []
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_hits, query, hits)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        if query != self.query_one(Input).value:
            return  # an older answer arriving late: a newer query is on its way
        self.query_shown = query
        self.hits = hits
        results = self.query_one(OptionList)
        results.clear_options()
        options: list[Option] = []
        for kind, title in GROUPS:
            group = [(i, h) for i, h in enumerate(hits) if h.kind == kind]
            if not group:
                continue
            options.append(Option(Text(f"{title}  {len(group)}", style="bold underline"), disabled=True))
            options.extend(Option(self._prompt(h), id=str(i)) for i, h in group)
        results.add_options(options)
        status = f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if hits else f"Nothing found for “{query}”."
        self.query_one("#search-status", Static).update(Text(status, style="dim"))
        if hits:
            results.highlighted = next(i for i, o in enumerate(options) if not o.disabled)

    def _prompt(self, hit: Hit) -> Group | Text:
        if hit.kind == "paragraph":
            library = self.reader.library
            report = library.head(hit.report) if hit.report and library is not None else None
            where = Text(style="dim")
            if report is not None:
                where.append(f"{cited_date(report.date.value, report.date.stated)} · {short_title(report, library)}")
            if hit.paragraph:
                where.append(f" ¶{hit.paragraph}")
            return Group(highlight_match(hit.snippet, hit.match), where)
        if hit.snippet == hit.label:
            return highlight_match(hit.label, hit.match)
        return Group(Text(hit.label, style="bold"), highlight_match(hit.snippet, hit.match, None))

    def _show_recent(self) -> None:
        self.hits = []
        self.query_shown = None
        results = self.query_one(OptionList)
        results.clear_options()
        searches = self.state.recent_searches
        if searches:
            results.add_option(Option(Text("Recent searches", style="bold underline"), disabled=True))
            results.add_options(Option(Text(q), id=f"recent:{q}") for q in searches)
        self.query_one("#search-status", Static).update(Text("Type to search the whole library.", style="dim"))

    # choosing -------------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count == 0:
            return
        at = results.highlighted if results.highlighted is not None else -1
        direction = 1 if step > 0 else -1
        target = at
        for _ in range(abs(step)):
            nxt = target + direction
            while 0 <= nxt < results.option_count and results.get_option_at_index(nxt).disabled:
                nxt += direction
            if not 0 <= nxt < results.option_count:
                break
            target = nxt
        if target >= 0:
            results.highlighted = target

    def action_choose(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is None:
            return
        option = results.get_option_at_index(results.highlighted)
        if option.id and option.id.startswith("recent:"):
            self.query_one(Input).value = option.id.removeprefix("recent:")
            return
        if option.id is not None and self.hits:
            self._done(self.hits[int(option.id)])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(OptionList).highlighted = event.option_index
        self.action_choose()

    def _done(self, hit: Hit) -> None:
        if self.query_shown:
            self.state.remember_search(self.query_shown)
        self.dismiss(hit)

    def action_cancel(self) -> None:
        self.dismiss(None)
