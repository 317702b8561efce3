"""PDF page layout from positioned text runs: wraps, hyphenation, kept line breaks, paragraphs set
close together, hanging-indent lists and tables - on hand-made lines, so each rule is seen alone."""

from __future__ import annotations

from boardreader.corpus.formats.layout import Line, Segment, lay_out


def _line(page: int, y: float, x0: float, text: str, size: float = 10.0, x1: float | None = None) -> Line:
    width = x1 if x1 is not None else x0 + len(text) * 5.0
    return Line(page, [Segment(x0, width, y - size / 2, y + size / 2, text, size)])


def test_layout_joins_wraps_and_undoes_hyphenation_but_keeps_short_lines() -> None:
    right = 500.0
    pages = [
        [
            _line(0, 700, 50, "Contact officer: Dennis Skinner"),
            _line(0, 688, 50, "Position: Head of Programme"),
            _line(0, 660, 50, "The councils have agreed to develop-", x1=right),
            _line(0, 648, 50, "ment of a sector-led offer across the", x1=right),
            _line(0, 636, 50, "whole country and its sector-", x1=right - 20),
            _line(0, 624, 50, "led partners, and the Board will"),
        ],
        [_line(1, 700, 50, "continue to report on it."), _line(1, 672, 50, "A new paragraph.")],
    ]
    paragraphs = lay_out(pages).split("\n\n")
    assert paragraphs[0] == "Contact officer: Dennis Skinner\nPosition: Head of Programme"
    assert paragraphs[1] == (
        "The councils have agreed to development of a sector-led offer across the whole country and its "
        "sector-led partners, and the Board will continue to report on it."
    )
    assert paragraphs[2] == "A new paragraph.\n"


def test_layout_reads_hanging_indents_as_lists_and_column_gaps_as_tables() -> None:
    def row(y: float, *cells: tuple[float, str]) -> Line:
        return Line(0, [Segment(x, x + len(t) * 5, y - 5, y + 5, t, 10.0) for x, t in cells])

    lines = [
        row(700, (50, "1."), (80, "The first point, which runs on")),
        row(688, (80, "over two lines.")),
        row(670, (50, "2."), (80, "The second point.")),
        row(640, (50, "Chairman"), (200, "Cllr Peter Fleming"), (350, "Sevenoaks")),
        row(622, (200, "Cllr Tony Jackson"), (350, "East Herts")),
    ]
    assert lay_out([lines]).splitlines() == [
        "1. The first point, which runs on over two lines.",
        "2. The second point.",
        "",
        "Chairman\tCllr Peter Fleming\tSevenoaks",
        "\tCllr Tony Jackson\tEast Herts",
    ]


def test_layout_finds_paragraphs_set_without_space_between_them() -> None:
    right = 500.0
    lines = [
        _line(0, 700, 50, "The first paragraph runs over two lines of the page and", x1=right),
        _line(0, 688, 50, "stops here."),
        _line(0, 676, 50, "The second paragraph is set close below the first one and", x1=right),
        _line(0, 664, 50, "ends at the margin.", x1=right),
        _line(0, 652, 70, "A third starts with an indent and goes on to the margin", x1=right),
        _line(0, 640, 50, "before it ends."),
    ]
    assert lay_out([lines]).split("\n\n") == [
        "The first paragraph runs over two lines of the page and stops here.",
        "The second paragraph is set close below the first one and ends at the margin.",
        "A third starts with an indent and goes on to the margin before it ends.\n",
    ]
