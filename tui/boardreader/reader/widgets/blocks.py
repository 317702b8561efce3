"""The pieces a report is drawn from: header card, section heading, paragraph, contact card, actions.

Each block draws itself straight to lines of segments at a given width: text is built as plain
`Text` plus span styles (never markup), wrapped once, and framed by hand. Going through Rich's
Panel/Table/Rule machinery cost ~60 ms per report on the target machine; drawing lines directly is
what lets a report open in a few milliseconds. A block knows which paragraphs (by index in reading
order) it shows, so the report view can move a cursor over blocks and jump to any paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ...corpus.model import Action, Contact, Paragraph, Report
from ..highlight import paragraph_text
from .table_layout import Column, fit_columns, line_ranges, longest_piece

GUTTER = 6
Line = list[Segment]
DIM = Style(dim=True)
BOLD = Style(bold=True)


@dataclass(frozen=True)
class Look:
    """What a block needs from the theme to draw itself."""

    dark: bool = True
    accent: str = "#ffa62b"
    primary: str = "#0178d4"
    warning: str = "#ffa62b"


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


def wrap(console: Console, text: Text, width: int) -> list[Line]:
    """`text` wrapped to `width` cells, one list of segments per line (no padding)."""
    return [list(line.render(console)) for line in text.wrap(console, max(1, width), overflow="fold")] or [[]]


def wrap_cell(console: Console, text: Text, width: int) -> list[Line]:
    """A table cell wrapped to `width` at word boundaries (or after a hyphen or slash)."""
    return [list(text[start:end].render(console)) for start, end in line_ranges(text.plain, width)]


def beside(label: str, label_style: Style, body: list[Line], width: int, repeat: bool = False) -> list[Line]:
    """A fixed-width column (paragraph number, bullet, bar) to the left of wrapped lines."""
    head = Segment(label[:width].rjust(width) + " ", label_style)
    blank = Segment(" " * (width + 1))
    return [[head if i == 0 or repeat else blank, *line] for i, line in enumerate(body)]


def card(console: Console, rows: Sequence[tuple[str, Text]], width: int, border: Style) -> list[Line]:
    """Label/value rows in a rounded frame, drawn by hand."""
    label_width = max((len(label) for label, _ in rows), default=0)
    inner = max(10, width - 4)
    value_width = max(5, inner - label_width - 2)
    out: list[Line] = [[Segment("╭" + "─" * (width - 2) + "╮", border)]]
    for label, value in rows:
        for i, line in enumerate(wrap(console, value, value_width)):
            used = label_width + 2 + Segment.get_line_length(line)
            out.append(
                [
                    Segment("│ ", border),
                    Segment((label if i == 0 else "").ljust(label_width) + "  ", DIM),
                    *line,
                    Segment(" " * max(0, inner - used)),
                    Segment(" │", border),
                ]
            )
    out.append([Segment("╰" + "─" * (width - 2) + "╯", border)])
    return out


class Block:
    """A block of the report; `indices` are the paragraphs it shows, `space_after` blank lines follow."""

    space_after = 1

    def __init__(self, indices: Sequence[int] = (), classes: str = "") -> None:
        self.indices = tuple(indices)
        self.classes = set(classes.split())

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        raise NotImplementedError


class HeaderCard(Block):
    """Title, board, author, date (stated or inferred), item, forum, venue and themes."""

    def __init__(self, report: Report) -> None:
        super().__init__(classes="header-card")
        self.report = report

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        r = self.report
        rows: list[tuple[str, Text | None]] = [
            ("Title", Text(r.title, style="bold")),
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
        shown = [(label, value) for label, value in rows if value is not None]
        return [[], *card(console, shown, width, Style(color=look.primary))]


class ThemeHeading(Block):
    """A theme heading of the paper ("LEADERSHIP"), as written: above the sections of its theme."""

    space_after = 0

    def __init__(self, heading: str) -> None:
        super().__init__(classes="theme-heading")
        self.heading = heading

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        text = Text(self.heading, style=Style(bold=True, color=look.primary))
        return [[], *wrap(console, text, width), [Segment("═" * width, Style(color=look.primary))]]


class SectionHeading(Block):
    space_after = 0

    def __init__(self, heading: str, number: str | None, index: int | None) -> None:
        super().__init__((index,) if index is not None else (), classes="section-heading")
        self.heading = heading
        self.number = number

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        text = Text()
        if self.number:
            text.append(f"Item {self.number}  ", style="dim")
        text.append(self.heading, style=Style(bold=True, color=look.accent))
        return [[], *wrap(console, text, width), [Segment("─" * width, Style(color=look.accent, dim=True))]]


class ParagraphBlock(Block):
    """One paragraph: its number in a gutter, bullets indented, actions and decisions badged,
    table rows laid out in the columns shared by their run of rows."""

    def __init__(
        self,
        paragraph: Paragraph,
        index: int,
        *,
        show_number: bool,
        columns: tuple[Column, ...] = (),
        header_row: bool = False,
        owner: str | None = None,
    ) -> None:
        super().__init__((index,), classes=f"paragraph -{paragraph.kind}")
        self.paragraph = paragraph
        self.show_number = show_number
        self.columns = columns
        self.header_row = header_row
        self.owner = owner
        self.mark: tuple[int, int] | None = None

    @property
    def index(self) -> int:
        return self.indices[0]

    @property
    def space_after(self) -> int:  # type: ignore[override]
        return 0 if self.paragraph.kind in ("bullet", "table_row") else 1

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        p = self.paragraph
        text = paragraph_text(p, dark=look.dark, mark=self.mark)
        number = (p.number or "") if self.show_number else ""
        inner = max(10, width - GUTTER - 1)
        if p.kind == "table_row" and p.cells:
            body = self._row(console, text, inner)
        elif p.kind == "bullet":
            body = beside("•", BOLD, wrap(console, text, inner - 2), 1)
        elif p.kind in ("action", "decision"):
            badge = Text(" ACTION " if p.kind == "action" else " DECIDED ", style="bold reverse")
            content = Text.assemble(badge, " ", text)
            if self.owner:
                content.append("\n→ ", style="dim")
                content.append(self.owner, style="bold")
            body = beside("┃", Style(color=look.warning), wrap(console, content, inner - 2), 1, repeat=True)
        else:
            body = wrap(console, text, inner)
        return beside(number, DIM, body, GUTTER)

    def _row(self, console: Console, text: Text, width: int) -> list[Line]:
        """Each cell is its range of the highlighted text (where the model says it stands), laid
        side by side in the widths shared by the run of rows (table_layout.py), wrapped at words."""
        cells: list[Text] = []
        for start, end in self.paragraph.cell_ranges():
            piece = text[start:end]
            if self.header_row:
                piece.stylize(BOLD)
            cells.append(piece)
        gap = 2
        shared = [
            self.columns[i] if i < len(self.columns) else Column(len(c), longest_piece(c.plain))
            for i, c in enumerate(cells)
        ]
        widths = fit_columns(shared, max(len(cells), width - gap * (len(cells) - 1)))
        columns = [wrap_cell(console, c, w) for c, w in zip(cells, widths, strict=True)]
        out: list[Line] = []
        for row in range(max(len(c) for c in columns)):
            line: Line = []
            for i, (col, w) in enumerate(zip(columns, widths, strict=True)):
                part = col[row] if row < len(col) else []
                line.extend(part)
                if i < len(columns) - 1:
                    line.append(Segment(" " * (w - Segment.get_line_length(part) + gap)))
            out.append(line)
        return out


class ContactCard(Block):
    """The report's contact block, drawn as a card in place of its rows."""

    def __init__(self, contacts: Sequence[Contact], indices: Sequence[int]) -> None:
        super().__init__(indices, classes="contact-card")
        self.contacts = tuple(contacts)

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        rows: list[tuple[str, Text]] = []
        for c in self.contacts:
            for label, value in (("Contact", c.name), ("Position", c.position), ("Phone", c.phone), ("Email", c.email)):
                if value:
                    rows.append((label, Text(value, style="bold" if label == "Contact" else "")))
        return card(console, rows, min(width, 72), Style(color=look.primary))


class ActionsCard(Block):
    """Every action of a meeting note with its item and owner, set apart at the end."""

    def __init__(self, actions: Sequence[Action]) -> None:
        super().__init__(classes="actions-card")
        self.actions = tuple(actions)

    def lines(self, console: Console, width: int, look: Look) -> list[Line]:
        table = Table(title="Actions", title_justify="left", expand=True, show_edge=False, pad_edge=False)
        table.add_column("Item", no_wrap=True, width=5)
        table.add_column("Action", ratio=3)
        table.add_column("Owner", ratio=1)
        for a in self.actions:
            table.add_row(Text(a.item or ""), Text(a.text), Text(a.owner or "—", style="bold"))
        return console.render_lines(table, console.options.update_width(width), pad=False)
