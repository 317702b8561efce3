"""The content pane: one report as a scrolling column of blocks, with a paragraph cursor.

The cursor is the paragraph that `y` copies, `b` bookmarks and the state remembers; j/k move it,
paging scrolls and brings it along. Search matches are marked on the paragraph that holds them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget

from ...corpus.model import Paragraph, Report, Section
from .blocks import ActionsCard, Block, ContactCard, HeaderCard, ParagraphBlock, SectionHeading

MAX_COLUMN = 42


class ReportView(VerticalScroll, can_focus=True):
    """Shows one report; `paragraph` is the cursor (index into `report.paragraphs`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="report.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="report.up"),
        Binding("g,home", "top", "Top", show=False, id="report.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="report.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="report.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="report.page_up"),
    ]

    class CursorMoved(Message):
        def __init__(self, paragraph: int | None) -> None:
            super().__init__()
            self.paragraph = paragraph

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: Report | None = None
        self.blocks: list[Block] = []
        self.cursor_blocks: list[Block] = []
        self.by_paragraph: dict[int, Block] = {}
        self.cursor = 0

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        for block in self.blocks:
            block.redraw()

    # showing --------------------------------------------------------------------------------
    def show(self, report: Report, paragraph: int | None = None, mark: tuple[int, int] | None = None) -> None:
        """Draw `report` (reusing what is drawn when it is already open) and put the cursor on
        `paragraph`, marking `mark` inside it when given."""
        if report is not self.report:
            self.report = report
            with self.app.batch_update():
                self.remove_children()
                self.blocks = list(build_blocks(report))
                self.cursor_blocks = [b for b in self.blocks if b.indices]
                self.by_paragraph = {i: b for b in self.cursor_blocks for i in b.indices}
                self.mount_all(self.blocks)
            self.cursor = 0
            self.scroll_home(animate=False, immediate=True)
        self.clear_marks()
        if paragraph is not None:
            block = self.by_paragraph.get(paragraph)
            if isinstance(block, ParagraphBlock) and mark is not None:
                block.set_mark(mark)
            self.move_to_paragraph(paragraph, top=True)
        else:
            self._set_cursor(0, scroll=False)

    def clear_marks(self) -> None:
        for block in self.cursor_blocks:
            if isinstance(block, ParagraphBlock) and block.mark is not None:
                block.set_mark(None)

    def move_to_paragraph(self, paragraph: int, top: bool = False) -> None:
        block = self.by_paragraph.get(paragraph)
        if block is None:
            return
        self._set_cursor(self.cursor_blocks.index(block), scroll=False)
        self.call_after_refresh(self.scroll_to_widget, block, animate=False, top=top)

    @property
    def paragraph(self) -> int | None:
        """The paragraph under the cursor (index in reading order), or None with no report."""
        if not self.cursor_blocks:
            return None
        return self.cursor_blocks[self.cursor].indices[0]

    def current_paragraph(self) -> Paragraph | None:
        if self.report is None or self.paragraph is None:
            return None
        return self.report.paragraphs[self.paragraph]

    # cursor ---------------------------------------------------------------------------------
    def _set_cursor(self, cursor: int, scroll: bool = True) -> None:
        if not self.cursor_blocks:
            return
        cursor = max(0, min(cursor, len(self.cursor_blocks) - 1))
        self.cursor_blocks[self.cursor].remove_class("-cursor")
        self.cursor = cursor
        block = self.cursor_blocks[cursor]
        block.add_class("-cursor")
        if scroll:
            self.scroll_to_widget(block, animate=False)
        self.post_message(self.CursorMoved(self.paragraph))

    def action_cursor_down(self) -> None:
        self._set_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        if self.cursor == 0:
            self.scroll_home(animate=False)
        self._set_cursor(self.cursor - 1)

    def action_top(self) -> None:
        self._set_cursor(0, scroll=False)
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self._set_cursor(len(self.cursor_blocks) - 1, scroll=False)
        self.scroll_end(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)
        self.call_after_refresh(self._cursor_to_visible)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
        self.call_after_refresh(self._cursor_to_visible)

    def _cursor_to_visible(self) -> None:
        """After paging, the cursor follows to the first block in view."""
        top = self.scroll_y
        for i, block in enumerate(self.cursor_blocks):
            if block.virtual_region.y >= top:
                self._set_cursor(i, scroll=False)
                return

    def on_click(self, event: events.Click) -> None:
        """A click focuses the pane and puts the cursor on the block clicked."""
        self.focus()
        node = event.widget
        while node is not None and node is not self:
            if isinstance(node, Block) and node in self.cursor_blocks:
                self._set_cursor(self.cursor_blocks.index(node), scroll=False)
                return
            node = node.parent if isinstance(node.parent, Widget) else None


def build_blocks(report: Report) -> Iterator[Block]:
    """Every block of the report in reading order; paragraph indices count across sections."""
    yield HeaderCard(report)
    owners = {a.text: a.owner for a in report.actions}
    index = 0
    for section in report.sections:
        first = index
        if section.heading:
            yield SectionHeading(section.heading, section.number, first if section.paragraphs else None)
        if _is_contact_block(report, section):
            yield ContactCard(report.contacts, range(first, first + len(section.paragraphs)))
            index += len(section.paragraphs)
            continue
        widths = _column_widths(section)
        previous_number: str | None = None
        previous_kind: str | None = None
        for p in section.paragraphs:
            yield ParagraphBlock(
                p,
                index,
                show_number=p.number != previous_number,
                widths=widths,
                header_row=p.kind == "table_row" and previous_kind != "table_row" and bool(p.cells),
                owner=owners.get(p.text) if p.kind == "action" else None,
            )
            previous_number, previous_kind = p.number, p.kind
            index += 1
    if report.actions:
        yield ActionsCard(report.actions)


def _is_contact_block(report: Report, section: Section) -> bool:
    heading = (section.heading or "").strip().lower()
    return bool(report.contacts) and heading.startswith("contact") and bool(section.paragraphs)


def _column_widths(section: Section) -> tuple[int, ...]:
    """Shared column widths for a section's table rows, so a run of rows lines up as a table."""
    widths: list[int] = []
    for p in section.paragraphs:
        if p.kind != "table_row":
            continue
        for i, cell in enumerate(p.cells):
            if i >= len(widths):
                widths.append(0)
            widths[i] = max(widths[i], min(len(cell), MAX_COLUMN))
    return tuple(widths)
