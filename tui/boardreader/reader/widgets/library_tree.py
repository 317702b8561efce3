"""The sidebar tree: reports by date or by theme, then People, Programmes, Contacts and Bookmarks.

Branches fill the first time they are opened, so a library of 10,000 reports draws only a handful
of year or theme nodes at start, and a year of more than a few dozen reports opens onto its months.
Labels are built as `Text`, never markup: titles are report data.
"""

from __future__ import annotations

import calendar
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...corpus.model import Report
from ...library.library import Library
from ...store.state import Bookmark, TreeMode

NodeKind = Literal[
    "year", "month", "theme", "report", "section", "people", "programmes", "contacts", "bookmarks",
    "person", "programme", "contact", "bookmark", "problems", "problem",
]  # fmt: skip
NO_THEME = "No theme"
YEAR_OF_MONTHS = 60  # a year with more reports than this opens onto its months, not a long list
SHORT_TITLE = 48
PROBLEM_WIDTH = 32  # characters of a skip reason per tree row


@dataclass(frozen=True)
class NodeData:
    kind: NodeKind
    key: str = ""  # year, theme, person/programme/contact key
    report: str | None = None
    paragraph: int | None = None


def short_title(report: Report) -> str:
    """The part of the title after the board's name when there is one, cut to fit the sidebar."""
    title = report.title
    for dash in (" – ", " - ", ": "):
        head, sep, tail = title.partition(dash)
        if sep and tail and len(head) > 8:
            title = tail
            break
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1] + "…"


def report_label(report: Report) -> Text:
    date = report.date
    stamp = "undated" if date.value is None else (date.value if date.stated else f"≈{date.value}")
    text = Text(f"{stamp:<11}", style="dim" if not date.stated else "")
    text.append(short_title(report))
    return text


def _year(report: Report) -> str:
    return (report.date.value or "undated")[:4]


def _month(report: Report) -> str:
    """YYYY-MM, or the year alone for a report dated only by its year."""
    return (report.date.value or "undated")[:7]


class LibraryTree(Tree[NodeData]):
    """Everything in the library to open, in one keyboard-driven tree."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("h,left", "fold", "Fold", id="tree.fold"),
        Binding("l,right", "unfold", "Unfold", id="tree.unfold"),
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

    # building -------------------------------------------------------------------------------
    def load(self, library: Library, mode: TreeMode, bookmarks: list[Bookmark]) -> None:
        self.library = library
        self.bookmarks = bookmarks
        self.set_mode(mode)

    def set_mode(self, mode: TreeMode) -> None:
        self.mode = mode
        self.clear()
        self._filled.clear()
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

    def _fill(self, node: TreeNode[NodeData]) -> None:
        """Add a branch's children the first time it opens."""
        if node.id in self._filled or node.data is None or self.library is None:
            return
        self._filled.add(node.id)
        lib, data = self.library, node.data
        if data.kind == "year":
            reports = [r for r in lib.reports if _year(r) == data.key]
            if len(reports) > YEAR_OF_MONTHS and data.key != "undated":
                self._fill_months(node, reports)
            else:
                for r in reports:
                    node.add_leaf(report_label(r), NodeData("report", report=r.id))
        elif data.kind == "month":
            for r in lib.reports:
                if _month(r) == data.key:
                    node.add_leaf(report_label(r), NodeData("report", report=r.id))
        elif data.kind == "theme":
            for r in lib.reports:
                if data.key in r.themes or (data.key == NO_THEME and not r.themes):
                    branch = node.add(report_label(r), NodeData("report", data.key, report=r.id))
                    # a report's themes are its sections' themes: known without reading its body
                    branch.allow_expand = data.key in r.themes
        elif data.kind == "report" and data.report and (report := lib.report(data.report)):
            index = 0
            for section in report.sections:
                if section.theme == data.key and section.heading:
                    node.add_leaf(Text(section.heading), NodeData("section", report=report.id, paragraph=index))
                index += len(section.paragraphs)
        elif data.kind == "people":
            for key, person in lib.people.items():
                node.add_leaf(Text(person.name), NodeData("person", key))
        elif data.kind == "programmes":
            for key, programme in lib.programmes.items():
                node.add_leaf(Text(programme.name), NodeData("programme", key))
        elif data.kind == "contacts":
            for key, contact in lib.contacts.items():
                node.add_leaf(Text(contact.name), NodeData("contact", key))
        elif data.kind == "bookmarks":
            for mark in self.bookmarks:
                node.add_leaf(Text(mark.label), NodeData("bookmark", report=mark.report, paragraph=mark.paragraph))
        elif data.kind == "problems":
            for problem in lib.skipped:  # file names and reasons are data: plain Text, never markup
                data = NodeData("problem", problem.file)
                row = node.add(Text(problem.file, style="bold"), data, expand=True)
                for line in textwrap.wrap(problem.reason, PROBLEM_WIDTH):  # the sidebar is narrow: wrap, never cut
                    row.add_leaf(Text(line, style="dim"), data)

    def _fill_months(self, node: TreeNode[NodeData], reports: list[Report]) -> None:
        counts: dict[str, int] = defaultdict(int)
        for r in reports:  # newest first, so months are too
            counts[_month(r)] += 1
        for month, count in counts.items():
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

    def select_report(self, report_id: str) -> None:
        """Move the cursor to the report's node when its branch is open (without opening others)."""
        for node in self._walk(self.root):
            if node.data and node.data.kind == "report" and node.data.report == report_id:
                self.move_cursor(node)
                return

    def _walk(self, node: TreeNode[NodeData]) -> list[TreeNode[NodeData]]:
        out = []
        for child in node.children:
            out.append(child)
            if child.is_expanded:
                out.extend(self._walk(child))
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
