"""The content pane: one report drawn with Textual's line API, with a paragraph cursor.

Opening a report mounts no widgets: its blocks are rendered to lines once per width (a few
milliseconds) and only the rows in view are painted, so opening and moving between reports stays
fast in any library. The cursor is the paragraph that `y` copies, `b` bookmarks and the state
remembers; j/k move it, paging scrolls and brings it along. Search matches are marked in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...corpus.model import Paragraph, Report
from .blocks import ActionsCard, Block, ContactCard, HeaderCard, Look, ParagraphBlock, SectionHeading, ThemeHeading
from .table_layout import columns_of

MAX_COLUMN = 42
MARGIN = 2  # the cursor bar and a space before the text
TOP_TRIES = 5  # refreshes to wait for a pane just shown to have its size, before scrolling to a block


class ReportView(ScrollView, can_focus=True):
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
        self._lines: list[Strip] = []
        self._owner: list[int] = []  # for each line, the index in self.blocks of the block drawing it
        self._starts: dict[int, int] = {}  # id(block) -> first line
        self._width = 0
        self._look_now = Look()
        self._base = Style()
        self._strips: dict[tuple[int, int, int, bool], Strip] = {}  # painted rows off the cursor
        self._top_block: Block | None = None  # opened at: scrolled to the top once laid out
        self._top_tries = 0

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self._layout(force=True)

    # showing --------------------------------------------------------------------------------
    def show(self, report: Report, paragraph: int | None = None, mark: tuple[int, int] | None = None) -> None:
        """Draw `report` (reusing what is drawn when it is already open) and put the cursor on
        `paragraph`, marking `mark` inside it when given."""
        if report is not self.report:
            self.report = report
            self.blocks = list(build_blocks(report))
            self.cursor_blocks = [b for b in self.blocks if b.indices]
            self.by_paragraph = {i: b for b in self.cursor_blocks for i in b.indices}
            self.cursor = 0
            self._layout(force=True)
            self.scroll_to(y=0, animate=False, immediate=True)
        self.clear_marks()
        if paragraph is not None:
            block = self.by_paragraph.get(paragraph)
            if isinstance(block, ParagraphBlock) and mark is not None:
                block.mark = mark
                self._layout(force=True)
            self.move_to_paragraph(paragraph, top=True)
        else:
            self._set_cursor(0, scroll=False)

    def clear_marks(self) -> None:
        marked = [b for b in self.cursor_blocks if isinstance(b, ParagraphBlock) and b.mark is not None]
        for block in marked:
            block.mark = None
        if marked:
            self._layout(force=True)

    def move_to_paragraph(self, paragraph: int, top: bool = False) -> None:
        block = self.by_paragraph.get(paragraph)
        if block is None:
            return
        self._set_cursor(self.cursor_blocks.index(block), scroll=not top)
        if top:  # the headings the paragraph sits under shown above it (a theme's, a section's)
            at = self.blocks.index(block)
            while at > 0 and isinstance(self.blocks[at - 1], (SectionHeading, ThemeHeading)):
                at -= 1
            self._top_block, self._top_tries = self.blocks[at], TOP_TRIES
            self._show_top_block()

    def _show_top_block(self) -> None:
        """Scroll the block opened at to the top of the pane: again after the next refresh while the
        pane is not laid out at its size yet (a report shown just now has no height to scroll in)."""
        block = self._top_block
        if block is None:
            return
        self.scroll_to(y=max(0, self._starts.get(id(block), 0) - 1), animate=False, immediate=True)
        region = self.scrollable_content_region
        self._top_tries -= 1
        if (region.height > 0 and region.width == self._width) or self._top_tries <= 0:
            self._top_block = None
        else:
            self.call_after_refresh(self._show_top_block)

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

    def block_lines(self, block: Block) -> range:
        """The lines a block occupies in the rendered report (for tests and scrolling)."""
        start = self._starts.get(id(block), 0)
        index = self.blocks.index(block)
        end = start
        while end < len(self._owner) and self._owner[end] == index:
            end += 1
        return range(start, end)

    # rendering ------------------------------------------------------------------------------
    def _look(self) -> Look:
        theme = self.app.current_theme
        return Look(theme.dark, theme.accent or Look.accent, theme.primary, theme.warning or Look.warning)

    def _layout(self, force: bool = False) -> None:
        """Render every block to lines at the current width."""
        width = max(20, self.scrollable_content_region.width or self.size.width or 80)
        if not force and width == self._width:
            return
        at_bottom = self._lines and self.scroll_y > 0 and self.scroll_y >= self.max_scroll_y
        self._width = width
        look = self._look_now = self._look()
        console = self.app.console
        lines: list[Strip] = []
        owner: list[int] = []
        self._starts = {}
        for i, block in enumerate(self.blocks):
            self._starts[id(block)] = len(lines)
            for segments in block.lines(console, width - MARGIN, look):
                lines.append(Strip(segments))
                owner.append(i)
            for _ in range(block.space_after):
                lines.append(Strip.blank(0))
                owner.append(-1)
        self._lines, self._owner = lines, owner
        self._strips.clear()
        self._set_virtual_size(Size(width, len(lines)))
        self.refresh()
        if not force:  # drawn again at a new width: keep the reader where they were
            if self._top_block is not None:
                self.call_after_refresh(self._show_top_block)
            elif at_bottom:
                self.call_after_refresh(self.scroll_to, y=len(lines), animate=False)
            elif self.cursor_blocks:
                self.call_after_refresh(self._reveal_cursor)

    def _set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size without a layout of the whole screen when the scrollbar stays.

        `virtual_size` is a layout reactive: assigning it re-lays and repaints every widget on the
        screen, a third of the cost of opening a report. When the vertical scrollbar neither comes
        nor goes, updating the scrollbars is enough. That update is ScrollView's own, not public:
        should a Textual release drop it, the size is set the public way (slower, as correct)."""
        height = self.scrollable_content_region.height
        keeps_scrollbar = height > 0 and self.show_vertical_scrollbar and size.height > height
        update_scrollbars = getattr(self, "_scroll_update", None)
        if keeps_scrollbar and size.width == self.virtual_size.width and callable(update_scrollbars):
            self.set_reactive(ReportView.virtual_size, size)
            update_scrollbars(size)
        else:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # looked up once per paint, not once per line
        if self.blocks and self.scrollable_content_region.width not in (0, self._width):
            # the width changed without a Resize (a scrollbar came or went): draw again to fit
            self.call_after_refresh(self._layout)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = y + scroll_y
        width = self.scrollable_content_region.width
        key = (row, scroll_x, width, self.has_focus)
        owner = self._owner[row] if row < len(self._owner) else -1
        on_cursor = bool(self.cursor_blocks) and owner >= 0 and self.blocks[owner] is self.cursor_blocks[self.cursor]
        if not on_cursor and (cached := self._strips.get(key)) is not None:
            return cached
        if row >= len(self._lines):
            return Strip.blank(width, self._base)
        look = self._look_now
        bar = Segment("▌ ", Style(color=look.accent)) if on_cursor else Segment("  ")
        strip = Strip([bar, *self._lines[row]])
        if on_cursor and self.has_focus:
            tint = Style(bgcolor="#2b3440" if look.dark else "#e3ebf6")
            strip = strip.apply_style(tint).extend_cell_length(width, tint)
        strip = strip.crop(scroll_x, scroll_x + width).apply_style(self._base)
        if not on_cursor:
            self._strips[key] = strip
        return strip

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # cursor ---------------------------------------------------------------------------------
    def _reveal_cursor(self) -> None:
        lines = self.block_lines(self.cursor_blocks[self.cursor])
        top, height = self.scroll_y, self.scrollable_content_region.height
        if lines.start < top:
            self.scroll_to(y=lines.start, animate=False, immediate=True)
        elif lines.stop > top + height:
            self.scroll_to(y=min(lines.start, lines.stop - height), animate=False, immediate=True)

    def _set_cursor(self, cursor: int, scroll: bool = True) -> None:
        self._top_block = None  # the reader moved on: no longer to be scrolled to the top
        if not self.cursor_blocks:
            return
        self.cursor = max(0, min(cursor, len(self.cursor_blocks) - 1))
        if scroll:
            self._reveal_cursor()
        self.refresh()
        self.post_message(self.CursorMoved(self.paragraph))

    def action_cursor_down(self) -> None:
        self._set_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        if self.cursor == 0:
            self.scroll_to(y=0, animate=False)
        self._set_cursor(self.cursor - 1)

    def action_top(self) -> None:
        self._set_cursor(0, scroll=False)
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        self._set_cursor(len(self.cursor_blocks) - 1, scroll=False)
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self.scrollable_content_region.height, animate=False, immediate=True)
        self._cursor_to_visible()

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self.scrollable_content_region.height, animate=False, immediate=True)
        self._cursor_to_visible()

    def _cursor_to_visible(self) -> None:
        """After paging, the cursor follows to the first block that starts in view."""
        top = self.scroll_y
        for i, block in enumerate(self.cursor_blocks):
            if self._starts.get(id(block), 0) >= top:
                self._set_cursor(i, scroll=False)
                return

    def on_click(self, event: events.Click) -> None:
        """A click focuses the pane and puts the cursor on the block clicked."""
        self.focus()
        row = event.y + self.scroll_offset.y
        if 0 <= row < len(self._owner) and (owner := self._owner[row]) >= 0:
            block = self.blocks[owner]
            if block in self.cursor_blocks:
                self._set_cursor(self.cursor_blocks.index(block), scroll=False)


def build_blocks(report: Report) -> Iterator[Block]:
    """Every block of the report in reading order; paragraph indices count across sections."""
    yield HeaderCard(report)
    index = 0
    for section in report.sections:
        first = index
        if section.theme_heading:
            yield ThemeHeading(section.theme_heading)
        if section.heading:
            yield SectionHeading(section.heading, section.number, first if section.paragraphs else None)
        if section.contact and report.contacts and section.paragraphs:
            yield ContactCard(report.contacts, range(first, first + len(section.paragraphs)))
            index += len(section.paragraphs)
            continue
        columns = columns_of([p.cells for p in section.paragraphs if p.kind == "table_row"], MAX_COLUMN)
        previous_number: str | None = None
        previous_kind: str | None = None
        for p in section.paragraphs:
            yield ParagraphBlock(
                p,
                index,
                show_number=p.number != previous_number,
                columns=columns,
                header_row=p.kind == "table_row" and previous_kind != "table_row" and bool(p.cells),
                owner=p.owner if p.kind == "action" else None,
            )
            previous_number, previous_kind = p.number, p.kind
            index += 1
    if report.actions:
        yield ActionsCard(report.actions)
