"""Hostile text in a report reaches the model harmless: no escape sequence, control character or bidi
override survives in any text the reader shows, while markup-looking text stays literally as written."""

from __future__ import annotations

import re
import time
import unicodedata

import pytest

from boardreader.corpus.decode import decode
from boardreader.corpus.model import Report
from boardreader.corpus.parse import parse_report

from .report_strings import all_strings

ESC = "\x1b"
HOSTILE = (
    "Report to the Improvement Board\n"
    "\n"
    "1. Colour: \x1b[31mred\x1b[0m and \x1b[1;5;41mblinking\x1b[m words; cursor \x1b[2J\x1b[H home.\n"
    "2. Link: \x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\ and \x1b]8;;https://x.example\x07here\n"
    "3. Clipboard: \x1b]52;c;cm0gLXJmIH4K\x07 and \x1b]52;p;aGk=\x1b\\ written nowhere.\n"
    "4. Title: \x1b]0;pwned\x07 and device control \x1bP+q544e\x1b\\ gone.\n"
    "5. Eight-bit: \x9b31m and \x9d52;c;aGk=\x9c and \x85next line.\n"
    "6. Rich markup [bold red]stays[/bold red] and [link=https://evil.example]text[/link].\n"
    "7. Textual markup [@click=app.quit]Quit[/] and [@click=app.bell]ring[/].\n"
    "8. Bidi: \u202eevil\u202c and \u2066isolate\u2069 and \u200fmark and \u061carabic mark.\n"
    "9. Controls: bell\x07 backspace\x08 null-free\x01\x02\x7f tag\U000e0041\U000e0042 characters.\n"
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile() -> Report:
    return parse_report(HOSTILE.encode("utf-8"), "hostile.txt")


def paragraphs(report: Report) -> str:
    return "\n".join(p.text for p in report.paragraphs)


def test_no_escape_control_or_bidi_character_survives(hostile: Report) -> None:
    for text in all_strings(hostile):
        assert ESC not in text, text
        assert not CONTROL.search(text), repr(text)
        assert not BIDI.search(text), repr(text)
        assert not any(unicodedata.category(ch) == "Cf" and ord(ch) >= 0xE0000 for ch in text), repr(text)


def test_osc_payloads_are_removed_whole(hostile: Report) -> None:
    text = paragraphs(hostile)
    for payload in ("evil.example/", "cm0gLXJmIH4K", "aGk=", "pwned", "544e", "31m"):
        assert payload not in text
    assert "click me" in text and "here" in text  # the visible text of an OSC 8 link stays
    assert "red" in text and "blinking" in text


def test_markup_survives_literally(hostile: Report) -> None:
    text = paragraphs(hostile)
    assert "[bold red]stays[/bold red]" in text
    assert "[link=https://evil.example]text[/link]" in text
    assert "[@click=app.quit]Quit[/]" in text
    assert "[@click=app.bell]ring[/]" in text


def test_words_around_removed_characters_stay_apart(hostile: Report) -> None:
    text = paragraphs(hostile)
    assert "evil" in text and "isolate" in text and "arabic mark" in text
    # NEL, form feed and line separators end a line rather than vanish and glue two words together.
    assert decode("page.\x0cNext \u2028line\x85end".encode())[0] == "page.\nNext \nline\nend"


def test_spans_stay_inside_their_paragraph(hostile: Report) -> None:
    for p in hostile.paragraphs:
        for span in p.spans:
            assert 0 <= span.start < span.end <= len(p.text)


@pytest.mark.parametrize(
    "data",
    [
        ("1. " + "word " * 100_000 + "\n").encode(),  # one 500 KB line
        ("1. " + "x" * 500_000 + "\n").encode(),  # one 500 KB word
        ("[" * 100_000 + "]" * 100_000 + "(" * 50_000 + "\n").encode(),  # brackets that tempt backtracking
        ("**" * 100_000 + "<" * 100_000 + "\n").encode(),
        ("\x1b]" * 100_000 + "\n").encode(),  # an OSC that never ends
        ("1. " + "a." * 100_000 + "@" + "b" * 100_000 + "\n").encode(),  # an email that never completes
        ("1. " + "Cllr Local Government " * 5_000 + "\n").encode(),  # capitalised words that never name a thing
    ],
    ids=["long-line", "long-word", "brackets", "stars-and-tags", "open-osc", "almost-email", "capitalised-run"],
)
def test_very_long_lines_and_words_parse_quickly(data: bytes) -> None:
    started = time.perf_counter()
    report = parse_report(b"Report to the Board\n\n" + data, "long.txt")
    elapsed = time.perf_counter() - started
    assert report.title == "Report to the Board"
    assert elapsed < 20, f"{elapsed:.1f} s"  # a guard against a hang, not a benchmark
    assert ESC not in paragraphs(report)


@pytest.mark.parametrize(
    "data",
    [
        b"Report\n\n" + b"".join(b"%d. Short line.\n" % i for i in range(20_000)),
        b"Report\n\n" + b"".join(b"HEADING %d\nText under it.\n" % i for i in range(10_000)),
        b"Note of the last meeting\n\n" + b"".join(b"%d. Item\nAction: Cllr Smith\n" % i for i in range(5_000)),
        b"Report\n\n" + b"Name\tRole\tCouncil\n" * 10_000,
        b"Report\n" + b"\n" * 500_000 + b"1. The end.\n",
    ],
    ids=["numbered-lines", "headings", "meeting-items", "table-rows", "blank-lines"],
)
def test_long_papers_of_one_shape_parse_in_bounded_time(data: bytes) -> None:
    started = time.perf_counter()
    report = parse_report(data, "long.txt")
    elapsed = time.perf_counter() - started
    assert report.paragraphs or report.sections
    assert elapsed < 20, f"{elapsed:.1f} s"  # these took minutes when a step was quadratic
