"""The sidebar tree: reports by date or by theme, then People, Programmes, Contacts and Bookmarks.

Branches fill the first time they are opened, so a library of 10,000 reports draws only a handful
of year or theme nodes at start, and a year of more than a few dozen reports opens onto its months.
A branch of many (a month, a theme, the undated reports, the people) shows a page of them at a time,
and a "… more" row that shows the next page when the cursor comes onto it.
Labels are built as `Text`, never markup: titles are report data.
"""

from __future__ import annotations

import calendar
import functools
import textwrap
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...corpus.model import Paragraph, Report, ReportHead, Skipped
from ...library.library import Library
from ...library.model import cited_date
from ...store.state import Bookmark, TreeMode
from ..labels import short_title

NodeKind = Literal[
    "year", "month", "theme", "report", "section", "people", "programmes", "contacts", "bookmarks",
    "person", "programme", "contact", "bookmark", "problems", "problem", "more",
]  # fmt: skip
NO_THEME = "No theme"
UNDATED = "Undated"  # the year branch of reports with no date
PAGE = 250  # a branch's children added at a time (see LibraryTree._add_page)
YEAR_OF_MONTHS = 60  # a year with more reports than this opens onto its months, not a long list
PROBLEM_WIDTH = 32  # characters of a skip reason per tree row
OPENING_WIDTH = 30  # characters of a paragraph's first words naming a section with no heading


@dataclass(frozen=True)
class NodeData:
    kind: NodeKind
    key: str = ""  # year, theme, person/programme/contact key
    report: str | None = None
    paragraph: int | None = None


def report_label(report: ReportHead, library: Library | None) -> Text:
    """The report's row: its date (≈ when inferred) and what tells it apart from others of its kind."""
    date = report.date
    stamp = cited_date(date.value, date.stated)
    text = Text(f"{stamp:<11}", style="dim" if not date.stated else "")
    text.append(short_title(report, library))
    return text


def _year(report: ReportHead) -> str:
    return report.date.value[:4] if report.date.value else UNDATED


def _month(report: ReportHead) -> str:
    """YYYY-MM, or the year alone for a report dated only by its year."""
    return (report.date.value or UNDATED)[:7]


def _months(reports: list[ReportHead]) -> list[tuple[str, int]]:
    """Each month of a year's reports with how many there are, newest first (as the reports are)."""
    counts: dict[str, int] = defaultdict(int)
    for r in reports:
        counts[_month(r)] += 1
    return list(counts.items())


def _sections(report: Report, theme: str) -> list[tuple[Text, NodeData]]:
    """The report's sections of a theme, each with the index of its first paragraph: named by its
    heading, or, under the theme's own heading alone, by the paragraph that opens it."""
    rows, index = [], 0
    for section in report.sections:
        if section.theme == theme and (section.heading or (section.theme_heading and section.paragraphs)):
            label = section.heading or _opening(section.paragraphs[0])
            rows.append((Text(label), NodeData("section", report=report.id, paragraph=index)))
        index += len(section.paragraphs)
    return rows


def _opening(paragraph: Paragraph) -> str:
    """A paragraph named by its number and first words, for a tree row."""
    words = textwrap.shorten(paragraph.text, OPENING_WIDTH, placeholder="…")
    return f"¶{paragraph.number} {words}" if paragraph.number else words


def _theme_at(report: Report, paragraph: int | None) -> str:
    """The theme the report is listed under for `paragraph`: its section's, else the report's first."""
    index = 0
    for section in report.sections:
        index += len(section.paragraphs)
        if paragraph is not None and paragraph < index and section.theme in report.themes:
            return section.theme
    return report.themes[0] if report.themes else NO_THEME


AddChild = Callable[[TreeNode[NodeData], Any], None]


def _add_leaf(node: TreeNode[NodeData], row: tuple[Text, NodeData]) -> None:
    node.add_leaf(*row)


def _library_of(node: TreeNode[NodeData]) -> Library | None:
    tree = node.tree
    return tree.library if isinstance(tree, LibraryTree) else None


def _add_report(node: TreeNode[NodeData], report: ReportHead) -> None:
    node.add_leaf(report_label(report, _library_of(node)), NodeData("report", report=report.id))


def _add_report_in_theme(theme: str, node: TreeNode[NodeData], report: ReportHead) -> None:
    branch = node.add(report_label(report, _library_of(node)), NodeData("report", theme, report=report.id))
    # a report's themes are its sections' themes: known without reading its body
    branch.allow_expand = theme in report.themes


def _add_problem(node: TreeNode[NodeData], problem: Skipped) -> None:
    data = NodeData("problem", problem.file)  # file names and reasons are data: plain Text, never markup
    row = node.add(Text(problem.file, style="bold"), data, expand=True)
    for line in textwrap.wrap(problem.reason, PROBLEM_WIDTH):  # the sidebar is narrow: wrap, never cut
        row.add_leaf(Text(line, style="dim"), data)


class LibraryTree(Tree[NodeData]):
    """Everything in the library to open, in one keyboard-driven tree."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("h,left", "fold", "Fold", show=False, id="tree.fold"),
        Binding("l,right", "unfold", "Unfold", show=False, id="tree.unfold"),
        Binding("g,home", "scroll_home", "Top", show=False, id="tree.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="tree.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="tree.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="tree.page_up"),
        Binding("enter", "select_cursor", "Open", id="tree.open"),
    ]

    def __init__(self, id: str | None = None) -> None:
        super().__init__("Library", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.library: Library | None = None
        self.mode: TreeMode = "date"
        self.bookmarks: list[Bookmark] = []
        self._filled: set[int] = set()
        self._more: dict[int, tuple[Sequence[Any], AddChild, int]] = {}  # "… more" rows: what they stand for
        self._followed: list[TreeNode[NodeData]] = []  # branches opened to follow the open report

    # building -------------------------------------------------------------------------------
    def load(self, library: Library, mode: TreeMode, bookmarks: list[Bookmark]) -> None:
        self.library = library
        self.bookmarks = bookmarks
        self.set_mode(mode)

    def set_mode(self, mode: TreeMode) -> None:
        self.mode = mode
        self.clear()
        self._filled.clear()
        self._more.clear()
        self._followed.clear()
        lib = self.library
        if lib is None:
            return
        if mode == "date":
            years: dict[str, int] = defaultdict(int)
            for r in lib.reports:
                years[_year(r)] += 1
            for year, count in years.items():  # reports are newest first, so years are too
                self._branch(Text.assemble((year, "bold"), (f"  {count}", "dim")), NodeData("year", year))
        else:
            themes: dict[str, int] = defaultdict(int)
            for r in lib.reports:
                for theme in r.themes or (NO_THEME,):
                    themes[theme] += 1
            for theme in sorted(themes, key=lambda t: (t == NO_THEME, t)):
                self._branch(Text.assemble((theme, "bold"), (f"  {themes[theme]}", "dim")), NodeData("theme", theme))
        self._branch(Text(f"People  {lib.counts['people']}"), NodeData("people"))
        self._branch(Text(f"Programmes  {lib.counts['programmes']}"), NodeData("programmes"))
        self._branch(Text(f"Contacts  {lib.counts['contacts']}"), NodeData("contacts"))
        self._branch(Text(f"Bookmarks  {len(self.bookmarks)}"), NodeData("bookmarks"))
        if lib.skipped:  # only when there is something to say, so a clean folder's tree stays quiet
            self._branch(Text(f"Problems  {len(lib.skipped)}", style="bold"), NodeData("problems"))
        if self.root.children:
            self.root.children[0].expand()
        self.move_cursor_to_line(0)

    def _branch(self, label: Text, data: NodeData, parent: TreeNode[NodeData] | None = None) -> TreeNode[NodeData]:
        return (parent or self.root).add(label, data, allow_expand=True)

    def refresh_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        self.bookmarks = bookmarks
        for node in self.root.children:
            if node.data and node.data.kind == "bookmarks":
                node.set_label(Text(f"Bookmarks  {len(bookmarks)}"))
                node.remove_children()
                self._filled.discard(node.id)
                if node.is_expanded:
                    self._fill(node)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._fill(event.node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self._show_more(event.node)  # the cursor came down onto "… more": show them

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        self._show_more(event.node)  # or it was clicked

    def _fill(self, node: TreeNode[NodeData]) -> None:
        """Add a branch's children the first time it opens, a page at a time."""
        if node.id in self._filled or node.data is None or self.library is None:
            return
        self._filled.add(node.id)
        children = self._children(node.data, self.library)
        if children is not None:
            self._add_page(node, *children, start=0)

    def _children(self, data: NodeData, lib: Library) -> tuple[Sequence[Any], AddChild] | None:
        """What a branch holds, and how to add one of them to it (called only for those shown)."""
        if data.kind == "year":
            reports = [r for r in lib.reports if _year(r) == data.key]
            if len(reports) > YEAR_OF_MONTHS and data.key != UNDATED:
                return _months(reports), self._add_month
            return reports, _add_report
        if data.kind == "month":
            return [r for r in lib.reports if _month(r) == data.key], _add_report
        if data.kind == "theme":
            in_theme = [r for r in lib.reports if data.key in r.themes or (data.key == NO_THEME and not r.themes)]
            return in_theme, functools.partial(_add_report_in_theme, data.key)
        if data.kind == "report" and data.report and (report := lib.report(data.report)):
            return _sections(report, data.key), _add_leaf
        if data.kind == "people":
            return [(Text(p.name), NodeData("person", key)) for key, p in lib.people.items()], _add_leaf
        if data.kind == "programmes":
            return [(Text(p.name), NodeData("programme", key)) for key, p in lib.programmes.items()], _add_leaf
        if data.kind == "contacts":
            return [(Text(c.name), NodeData("contact", key)) for key, c in lib.contacts.items()], _add_leaf
        if data.kind == "bookmarks":
            marks = [NodeData("bookmark", report=m.report, paragraph=m.paragraph) for m in self.bookmarks]
            return [(Text(m.label), data) for m, data in zip(self.bookmarks, marks, strict=True)], _add_leaf
        if data.kind == "problems":
            return lib.skipped, _add_problem
        return None

    def _add_page(self, node: TreeNode[NodeData], items: Sequence[Any], add: AddChild, start: int) -> None:
        """Add up to PAGE of a branch's children, then a "… more" row for the rest: adding a tree
        node costs some 50 µs, so a branch of 99,800 reports added at once froze the screen for 5 s."""
        for item in items[start : start + PAGE]:
            add(node, item)
        rest = len(items) - start - PAGE
        if rest > 0:
            label = Text(f"… {rest:,} more", style="dim italic")
            more = node.add_leaf(label, NodeData("more"))
            self._more[more.id] = (items, add, start + PAGE)

    def _show_more(self, more: TreeNode[NodeData]) -> None:
        """The next page of a branch in place of its "… more" row (the cursor stays on that line,
        now the first of the page)."""
        page = self._more.pop(more.id, None)
        if page is None or more.parent is None:
            return
        parent = more.parent
        more.remove()
        self._add_page(parent, *page)

    def _add_month(self, node: TreeNode[NodeData], month_count: tuple[str, int]) -> None:
        month, count = month_count
        number = int(month[5:7]) if month[4:5] == "-" and month[5:7].isdigit() else 0
        name = calendar.month_name[number] if 1 <= number <= 12 else "Month not known"
        self._branch(Text.assemble((name, "bold"), (f"  {count}", "dim")), NodeData("month", month), node)

    def show_problems(self) -> bool:
        """Open the Problems branch and put the cursor on it; False when the library has none."""
        for node in self.root.children:
            if node.data and node.data.kind == "problems":
                node.expand()
                self.move_cursor(node)
                self.focus()
                return True
        return False

    def select_report(self, report_id: str, paragraph: int | None = None) -> None:
        """Put the cursor on the open report, opening the branches down to it (its year and month,
        or in theme mode the theme of the paragraph open, else its first): the tree follows a
        report opened from search, history, n/N or ]/[. Left alone when already on that report."""
        cursor = self.cursor_node
        report = self.library.report(report_id) if self.library is not None else None
        if report is None or (cursor is not None and cursor.data is not None and cursor.data.report == report_id):
            return
        if self.mode == "date":
            path = [NodeData("year", _year(report.head)), NodeData("month", _month(report.head))]
            path.append(NodeData("report", report=report.id))
        else:
            theme = _theme_at(report, paragraph)
            path = [NodeData("theme", theme), NodeData("report", theme, report=report.id)]
        node, on_path = self.root, []
        for wanted in path:
            if node is not self.root:
                on_path.append(node)
                self._fill(node)  # (an open branch may not be filled yet: it fills on the message)
                if not node.is_expanded:
                    node.expand()
                    self._followed.append(node)
            found = self._child_with(node, wanted)
            if found is None and wanted.kind == "month":
                continue  # a year short enough to list its reports without months
            if found is None:
                return
            node = found
        # Branches opened only to follow an earlier report are folded again: each open branch makes
        # every later layout of the tree's lines slower (a year of a large library is hundreds).
        for branch in [b for b in self._followed if b not in on_path]:
            self._followed.remove(branch)
            if branch.is_expanded:
                branch.collapse()
        _ = self.last_line  # the lines laid out again (only if a branch changed), so the node knows its line
        self.move_cursor(node)

    def _child_with(self, parent: TreeNode[NodeData], data: NodeData) -> TreeNode[NodeData] | None:
        """The child of `parent` holding `data`, showing the pages after "… more" until it is found."""
        while True:
            more = None
            for child in parent.children:
                if child.data == data:
                    return child
                if child.data is not None and child.data.kind == "more":
                    more = child
            if more is None or more.id not in self._more:
                return None
            self._show_more(more)

    def opened(self) -> set[NodeData]:
        """The branches open now: what `reopen` opens again in a tree built anew."""
        return {n.data for n in self.shown_nodes(self.root) if n.is_expanded and n.data is not None}

    def reopen(self, opened: set[NodeData], cursor_line: int) -> None:
        """Open again the branches that were open (nested ones too), and put the cursor back on its line."""
        for node in self.shown_nodes(self.root):  # descends as it opens, so nested branches reopen too
            if node.data in opened:
                node.expand()
        self.cursor_line = min(cursor_line, max(0, self.last_line))

    def shown_nodes(self, node: TreeNode[NodeData]) -> list[TreeNode[NodeData]]:
        """The nodes under `node` whose branches are open, in order (filled as they open)."""
        out = []
        for child in node.children:
            out.append(child)
            if child.is_expanded:
                out.extend(self.shown_nodes(child))
        return out

    # keys -----------------------------------------------------------------------------------
    def action_fold(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_unfold(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])
