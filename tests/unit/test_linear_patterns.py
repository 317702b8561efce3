"""No text makes the parser's patterns take time growing with the square of its size.

Python's `re` holds the interpreter lock for a whole match, so one pattern that backtracks over a few
hundred KB froze the reader for minutes ("[a](" repeated, a Markdown line of spaces then "x", "1,1,1,"
for the money pattern, ...). Each check here feeds long, repetitive, adversarial text at two sizes,
4 times apart, and asserts the time grew about 4 times (less than 10: a quadratic step grows 16
times), with an absolute cap. CPU time of this process is measured, best of two, so other work on the
machine cannot make a check fail; tiny times are floored so that noise cannot either.

Three layers: every compiled pattern of the parser, found by walking its modules (so a pattern added
later is checked too); every function that applies them to a paragraph; and whole files through the
format readers and the parser, with the layouts that once froze it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Callable
from typing import Any

import pytest

import boardreader.corpus as corpus
import boardreader.corpus.formats as formats
from boardreader.corpus.clean import clean_inline, fix_ocr, split_html_list
from boardreader.corpus.dates import find_dates
from boardreader.corpus.decode import sanitise
from boardreader.corpus.entities import extract_spans
from boardreader.corpus.formats.blocks import clean_tabbed_line
from boardreader.corpus.formats.html import extract_html
from boardreader.corpus.formats.markdown import extract_markdown
from boardreader.corpus.lexicon import Lexicon, Local, local_names
from boardreader.corpus.model import Paragraph, Section
from boardreader.corpus.parse import parse_report
from boardreader.corpus.reported import reported_actions, status_at_end

# Patterns and paragraph functions at 5 and 20 thousand characters (a quadratic step there already
# grows 16 times), whole files too. Every unit is checked, so sizes stay modest.
SMALL = 5_000
FILE_SIZE = 5_000
FLOOR = 0.005  # seconds: below this a run is too short to time, and fast enough whatever its growth
MAX_GROWTH = 10  # for 4 times the input: linear is 4, quadratic 16
CAP = 20.0  # seconds for the large input, a guard against a hang

# Short units that, repeated, tempt a pattern to retry a long run from every position: openings
# never closed, runs of separators, words that almost make a name, a date, a sum or a link.
UNITS = [
    "[a](", "<http://", "![", "<!--", "1,", "1,111", "2013 ", " ", "\t", " \t", "a", "A ", "Aa ", "Aa and ",
    "Aa of the ", "Aa-Aa ", "Aa Council ", "Cllr ", "Cllrs Aa, ", "Mr A ", "Aa OBE ", "Aing Aa ", "1.", "1.1.",
    "(", "**", "*a", "- ", "| ", "|-", ":-", "#", "1 January ", "Jan ", "1 and ", "Monday 1 ", "1/1/", "2013-",
    "x@", "a.", "www.", "https://", "£1", "(A)", "AA ", "O'A", "McA", "'A", "\"A", "<a ", "<li ", " • ",
    "\x1b[", "\x1b]", "from ", "The Board ", "will ", "1 1 ", "a\n", " \n", "Council",
]  # fmt: skip

# Patterns the parser applies only to a bounded window of text, never to a whole paragraph.
BOUNDED = {
    "dates._FUTURE": "searched in the 80 characters before a date",
    "contacts._NAMES_AT_END": "searched in the last 240 characters of a contact line's segment",
    "contacts._SHORT_EXTENSION": "matched at one place, just after a phone number; never searched",
    "reported._STATUS_AT_END": "searched in the last 60 characters of a line (reported._STATUS_WINDOW)",
}


def cpu_seconds(call: Callable[[], Any], runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        call()
        best = min(best, time.process_time() - started)
    return best


def growth(run: Callable[[str], Any], unit: str, small_size: int, large_size: int, runs: int) -> tuple[float, float]:
    small = unit * (small_size // len(unit))
    large = unit * (large_size // len(unit))
    return cpu_seconds(lambda: run(small), runs), cpu_seconds(lambda: run(large), runs)


def assert_linear(run: Callable[[str], Any], unit: str, small_size: int = SMALL) -> None:
    """Time at two sizes, 4 times apart; a growth that looks too fast is timed again, best of three,
    before it counts, so one slow moment cannot fail the check."""
    large_size = 4 * small_size
    small_cost, large_cost = growth(run, unit, small_size, large_size, runs=1)
    if large_cost / max(small_cost, FLOOR) >= MAX_GROWTH or large_cost >= CAP:
        small_cost, large_cost = growth(run, unit, small_size, large_size, runs=3)
    assert large_cost < CAP, f"{large_size:,} characters of {unit!r} took {large_cost:.1f} s"
    assert large_cost / max(small_cost, FLOOR) < MAX_GROWTH, (
        f"{unit!r}: {small_cost:.3f} s for {small_size:,} characters, {large_cost:.3f} s for {large_size:,}"
    )


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    for package in (corpus, formats):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in sorted(vars(module).items()):
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.append((f"{info.name}.{name}", value))
    return found


PATTERNS = [(name, pattern) for name, pattern in _patterns() if name not in BOUNDED]


def test_the_walk_finds_the_parser_s_patterns() -> None:
    names = {name for name, _ in PATTERNS}
    assert {"clean._INLINE", "entities._MONEY", "markdown._TABLE_ALIGN", "dates._YEAR"} <= names
    assert len(names) > 60


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_every_pattern_is_linear_on_repetitive_text(name: str, pattern: re.Pattern[str]) -> None:
    for unit in UNITS:
        assert_linear(lambda text: sum(1 for _ in pattern.finditer(text)), unit)


LEXICON = Lexicon(programmes={"Aa Aa Programme", "Troubled Families Programme"}, organisations={"Aa Council"})
PARAGRAPH_FUNCTIONS: dict[str, Callable[[str], Any]] = {
    "clean_inline": clean_inline,
    "split_html_list": split_html_list,
    "find_dates": find_dates,
    "extract_spans": lambda text: extract_spans(text, LEXICON, Local(("Aa Aa Report",), frozenset({"Aa"}))),
    "local_names": lambda text: local_names(text, ["Aa Aa"]),
    "sanitise": sanitise,
    "clean_tabbed_line": clean_tabbed_line,
    "fix_ocr": fix_ocr,
    "status_at_end": status_at_end,
    "reported_actions": lambda text: reported_actions(
        [Section("Matters arising", None, (Paragraph(None, "action", text + " (carried forward) – done", owner="A"),))]
    ),
}


@pytest.mark.parametrize("function", PARAGRAPH_FUNCTIONS)
def test_every_paragraph_function_is_linear_on_repetitive_text(function: str) -> None:
    for unit in UNITS:
        assert_linear(PARAGRAPH_FUNCTIONS[function], unit)


FILES: dict[str, Callable[[str], Any]] = {
    "a chair's report": lambda text: parse_report(b"Report of the Chair\n\n1. " + text.encode(), "x.txt"),
    "a meeting note": lambda text: parse_report(b"Note of the meeting\n\n1 Item\n" + text.encode(), "x.txt"),
    "a Markdown file": lambda text: extract_markdown(b"# Report\n\n" + text.encode()),
    "a web page": lambda text: extract_html(b"<html><body><p>" + text.encode() + b"</p></body></html>"),
}
# What froze the reader (issue 14), each as a unit repeated, and layouts of whole lines.
FILE_UNITS = [
    "[a](", "<http://", "1,", "![", "<!--", "2013 ", " ", "1,111", "Aa and ", "Cllr Aa ", "- ", "| ", "\t ",
    "  - item\n", "x\n ", "Actions:\n", "1. a\n", "Name:\t", "\n\n", " a\n", "A\n", "# ", "|---", "> ",
]  # fmt: skip


@pytest.mark.parametrize("reader", FILES)
def test_whole_files_read_in_linear_time(reader: str) -> None:
    for unit in FILE_UNITS:
        assert_linear(FILES[reader], unit, FILE_SIZE)


def test_a_markdown_line_of_spaces_then_a_letter() -> None:
    assert_linear(lambda text: extract_markdown(f"a\n{text}x\n".encode()), " ", FILE_SIZE)


def test_nested_list_indentation() -> None:
    def nested(text: str) -> bytes:
        step = len(text) // 1275  # 50 items, each indented one step deeper: about len(text) bytes in all
        return "".join(" " * (i * step) + "- item\n" for i in range(50)).encode()

    assert_linear(lambda text: extract_markdown(nested(text)), " ", FILE_SIZE)
