"""The pieces a report is drawn from: header card, section heading, paragraph, contact card, actions.

Each block is a Static holding a Rich renderable built from plain text plus span styles, never
markup. A block knows which paragraphs (by index in reading order) it shows, so the report view can
move a cursor over blocks and jump to any paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...corpus.model import Action, Contact, Paragraph, Report
from ..highlight import paragraph_text

GUTTER = 6


def date_line(report: Report) -> Text:
    """The report's date with how we know it: stated in the paper, or inferred (with the evidence)."""
    date = report.date
    if date.value is None:
        return Text("undated", style="italic")
    text = Text(date.value if date.stated else f"≈{date.value}", style="bold")
    if date.stated:
        text.append("  stated", style="dim")
    else:
        text.append("  inferred from ", style="dim")
        text.append(date.evidence or "the text", style="dim italic")
    return text


class Block(Static):
    """A block of the report; `indices` are the paragraphs it shows."""

    DEFAULT_CSS = "Block { height: auto; }"

    def __init__(self, indices: Sequence[int] = (), classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.indices = tuple(indices)

    def build(self, dark: bool) -> RenderableType:
        raise NotImplementedError

    def redraw(self) -> None:
        self.update(self.build(self.app.current_theme.dark))

    def on_mount(self) -> None:
        self.redraw()


class HeaderCard(Block):
    """Title, board, author, date (stated or inferred), item, forum, venue and themes."""

    def __init__(self, report: Report) -> None:
        super().__init__(classes="header-card")
        self.report = report

    def build(self, dark: bool) -> RenderableType:
        r = self.report
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        grid.add_row(Text("Title"), Text(r.title, style="bold"))
        rows: list[tuple[str, Text | None]] = [
            ("Board", Text(r.board) if r.board else None),
            ("Author", Text(r.author) if r.author else None),
            ("Date", date_line(r)),
            ("Item", Text(r.item) if r.item else None),
            ("Forum", Text(r.forum) if r.forum else None),
            ("Venue", Text(r.venue) if r.venue else None),
            ("Themes", Text(", ".join(r.themes)) if r.themes else None),
            ("Kind", Text(r.kind.replace("_", " "))),
            ("File", Text(r.file, style="dim")),
        ]
        for label, value in rows:
            if value is not None:
                grid.add_row(Text(label), value)
        return grid


class SectionHeading(Block):
    def __init__(self, heading: str, number: str | None, index: int | None) -> None:
        super().__init__((index,) if index is not None else (), classes="section-heading")
        self.heading = heading
        self.number = number

    def build(self, dark: bool) -> RenderableType:
        text = Text()
        if self.number:
            text.append(f"Item {self.number}  ", style="dim")
        text.append(self.heading, style="bold")
        return text


class ParagraphBlock(Block):
    """One paragraph: its number in a gutter, bullets indented, actions and decisions badged,
    table rows laid out in the columns shared by their run of rows."""

    def __init__(
        self,
        paragraph: Paragraph,
        index: int,
        *,
        show_number: bool,
        widths: tuple[int, ...] = (),
        header_row: bool = False,
        owner: str | None = None,
    ) -> None:
        super().__init__((index,), classes=f"paragraph -{paragraph.kind}")
        self.paragraph = paragraph
        self.show_number = show_number
        self.widths = widths
        self.header_row = header_row
        self.owner = owner
        self.mark: tuple[int, int] | None = None

    @property
    def index(self) -> int:
        return self.indices[0]

    def set_mark(self, mark: tuple[int, int] | None) -> None:
        if mark != self.mark:
            self.mark = mark
            self.set_class(mark is not None, "-marked")
            self.redraw()

    def build(self, dark: bool) -> RenderableType:
        p = self.paragraph
        text = paragraph_text(p, dark=dark, mark=self.mark)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=GUTTER, justify="right", style="dim", no_wrap=True)
        number = Text(p.number or "") if self.show_number else Text("")
        if p.kind == "table_row" and p.cells:
            grid.add_column()
            grid.add_row(number, self._row(text))
            return grid
        if p.kind == "bullet":
            grid.add_column(width=1)
            grid.add_column(ratio=1)
            grid.add_row(number, Text("•", style="bold"), text)
            return grid
        grid.add_column(ratio=1)
        if p.kind in ("action", "decision"):
            badge = Text(" ACTION " if p.kind == "action" else " DECIDED ", style="bold reverse")
            body = Text.assemble(badge, " ", text)
            if self.owner:
                body.append("\n→ ", style="dim")
                body.append(self.owner, style="bold")
            grid.add_row(number, body)
            return grid
        grid.add_row(number, text)
        return grid

    def _row(self, text: Text) -> Table:
        """Cells are sliced out of the highlighted text (cells are joined by " · " in the model)."""
        table = Table.grid(padding=(0, 2))
        cells: list[Text] = []
        at = 0
        for cell in self.paragraph.cells:
            start = self.paragraph.text.find(cell, at) if cell else at
            if start < 0:
                cells.append(Text(cell))
                continue
            cells.append(text[start : start + len(cell)])
            at = start + len(cell)
        for i, _ in enumerate(cells):
            width = self.widths[i] if i < len(self.widths) else None
            table.add_column(width=width, style="bold" if self.header_row else None)
        table.add_row(*cells)
        return table


class ContactCard(Block):
    """The report's contact block, drawn as a card in place of its rows."""

    def __init__(self, contacts: Sequence[Contact], indices: Sequence[int]) -> None:
        super().__init__(indices, classes="contact-card")
        self.contacts = tuple(contacts)

    def build(self, dark: bool) -> RenderableType:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for i, c in enumerate(self.contacts):
            if i:
                grid.add_row("", "")
            for label, value in (("Contact", c.name), ("Position", c.position), ("Phone", c.phone), ("Email", c.email)):
                if value:
                    grid.add_row(Text(label), Text(value, style="bold" if label == "Contact" else ""))
        return grid


class ActionsCard(Block):
    """Every action of a meeting note with its item and owner, set apart at the end."""

    def __init__(self, actions: Sequence[Action]) -> None:
        super().__init__(classes="actions-card")
        self.actions = tuple(actions)

    def build(self, dark: bool) -> RenderableType:
        table = Table(title="Actions", title_justify="left", expand=True, show_edge=False, pad_edge=False)
        table.add_column("Item", no_wrap=True, width=5)
        table.add_column("Action", ratio=3)
        table.add_column("Owner", ratio=1)
        for a in self.actions:
            table.add_row(Text(a.item or ""), Text(a.text), Text(a.owner or "—", style="bold"))
        return table
