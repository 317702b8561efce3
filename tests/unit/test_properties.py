"""Property tests of the parser and the library, with hypothesis.

Any bytes parse or are refused as not text; any text parses; every span lies inside its paragraph; no
word of the source is lost (markup aside); and a folder loads whatever junk sits beside the reports.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from boardreader.corpus.decode import NotText, decode
from boardreader.corpus.model import Report, Skipped
from boardreader.corpus.parse import parse_report
from boardreader.session import load_library
from boardreader.store.cache import ParseCache

from .report_strings import all_strings

SAMPLES = Path(__file__).resolve().parents[2] / "reports"
MODERATE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a report could hold: anything but NUL (a NUL marks a binary file) and lone surrogates.
any_text = st.text(st.characters(codec="utf-8", blacklist_characters="\x00"), max_size=2000)

# Lines shaped like the parts of a board paper, so random documents reach every path of the parser.
_WORD = st.sampled_from(
    [
        "Board",
        "Council",
        "councils",
        "funding",
        "programme",
        "Leadership",
        "Academy",
        "Improvement",
        "Innovation",
        "agreed",
        "noted",
        "Cllr",
        "Cllrs",
        "Councillor",
        "Councillors",
        "Mayor",
        "Lord",
        "OBE",
        "Jill",
        "Shortland",
        "Judi",
        "Billing",
        "Dennis",
        "Skinner",
        "Local",
        "Government",
        "Association",
        "July",
        "2014",
        "2014/15",
        "£2.5",
        "million",
        "40,000",
        "data@example.org",
        "020",
        "7664",
        "3017",
        "https://www.local.gov.uk",
        "CIIr",
        "and",
        "of",
        "the",
        "for",
        "in",
        "with",
        "Action",
        "Decision",
        "Apologies",
        "Present",
        "Officers",
        "Contact",
        "Position",
        "Phone",
        "Email",
        "Item",
        "Appendix",
        "Note",
        "Meeting",
        "Report",
        "Chair's",
        "Update",
    ]
)
_PHRASE = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
_LINE = st.one_of(
    _PHRASE,
    _PHRASE.map(str.upper),
    _PHRASE.map(str.title),
    st.tuples(st.integers(0, 30), _PHRASE).map(lambda t: f"{t[0]}. {t[1]}"),
    st.tuples(st.integers(0, 9), st.integers(0, 9), _PHRASE).map(lambda t: f"{t[0]}.{t[1]} {t[2]}"),
    st.tuples(st.sampled_from(["- ", "• ", "* ", "(a) ", "2) ", "- 3. "]), _PHRASE).map("".join),
    st.lists(_PHRASE, min_size=2, max_size=4).map("\t".join),
    st.tuples(
        st.sampled_from(["Date", "Venue", "Contact officer", "Position", "Phone", "Email", "Title"]), _PHRASE
    ).map(lambda t: f"{t[0]}: {t[1]}"),
    _PHRASE.map(lambda p: f"**{p}**"),
    _PHRASE.map(lambda p: f"[{p}](#)"),
    _PHRASE.map(lambda p: f'<ul style="x"><li>{p}</li><li>{p}</li></ul>'),
    st.sampled_from(["", "", "Item 3g", "Page 2 of 7", "- 4 -", "Date: Tuesday 15 July 2014", "Note of last meeting"]),
    any_text.map(lambda t: t[:80]),
)
report_like = st.lists(_LINE, max_size=60).map("\n".join)
# The body of a chair's report under a plain header: paragraphs, lists, tables and inline markup.
_SENTENCE = _PHRASE.map(lambda p: p[:1].upper() + p[1:] + ".")
_BODY_LINE = st.one_of(
    _SENTENCE,
    st.tuples(st.integers(1, 30), _SENTENCE).map(lambda t: f"{t[0]}. {t[1]}"),
    st.tuples(st.integers(1, 9), st.integers(1, 9), _SENTENCE).map(lambda t: f"{t[0]}.{t[1]} {t[2]}"),
    st.tuples(st.sampled_from(["- ", "• ", "(a) ", "2) "]), _SENTENCE).map("".join),
    st.lists(_PHRASE, min_size=2, max_size=4).map("\t".join),
    st.tuples(_SENTENCE, _PHRASE, _SENTENCE).map(lambda t: f"{t[0]} **{t[1]}** {t[2]}"),
    st.tuples(_SENTENCE, _PHRASE, _SENTENCE).map(lambda t: f"{t[0]} [{t[1]}](#) {t[2]}"),
    st.tuples(_SENTENCE, _PHRASE).map(lambda t: f'{t[0]} <ul style="x"><li>{t[1]}</li><li>{t[1]}</li></ul>'),
    st.just(""),
)
# The first numbered paragraph ends the header, so everything after it is body.
_HEADER = "Report to the Improvement Board\n\n1. The Board met.\n"
body_of_report = st.lists(_BODY_LINE, max_size=40).map(lambda lines: _HEADER + "\n".join(lines))


def source_words(text: str) -> set[str]:
    """Alphabetic words of four letters or more, with markup resolved the way a reader reads it."""
    text = html.unescape(decode(text.encode("utf-8"))[0])
    text = re.sub(r"<[^<>]*>", " ", text)
    text = re.sub(r"\[([^\]\n]*)\]\([^)\s]*\)", r"\1", text)
    text = text.replace("**", " ")
    return set(re.findall(r"[^\W\d_]{4,}", text))


def assert_sound(report: Report, source: str | None = None) -> None:
    for paragraph in report.paragraphs:
        for span in paragraph.spans:
            assert 0 <= span.start < span.end <= len(paragraph.text), (span, paragraph.text)
    if source is not None:
        # Case aside too: a theme heading in CAPITALS is named in Title Case.
        haystack = "\n".join(all_strings(report)).casefold()
        lost = {w for w in source_words(source) if w.casefold() not in haystack}
        assert not lost, f"words lost: {sorted(lost)}"


@MODERATE
@given(st.binary(max_size=4000))
def test_any_bytes_parse_or_are_refused_as_not_text(data: bytes) -> None:
    try:
        report = parse_report(data, "random.txt")
    except NotText as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_sound(report)


@MODERATE
@given(any_text)
def test_any_text_parses_and_keeps_its_words(text: str) -> None:
    assert_sound(parse_report(text.encode("utf-8"), "random.txt"), text)


def encoded(text: str, encoding: str, newline: str) -> bytes:
    try:
        return text.replace("\n", newline).encode(encoding)
    except UnicodeEncodeError:  # a character cp1252 cannot hold
        return text.replace("\n", newline).encode("utf-8")


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@MODERATE
@given(body_of_report, ENCODINGS, NEWLINES)
@example("Report\n\n1. The CIIr said **noted** and [here](#) <b>bold</b>.\nItem 3g\n2. More.", "utf-8", "\n")
def test_the_body_of_a_report_keeps_every_word(text: str, encoding: str, newline: str) -> None:
    assert_sound(parse_report(encoded(text, encoding, newline), "report.txt"), text)


@MODERATE
@given(report_like, ENCODINGS, NEWLINES)
def test_report_like_text_parses_with_spans_in_place(text: str, encoding: str, newline: str) -> None:
    assert_sound(parse_report(encoded(text, encoding, newline), "report.txt"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
@example("Council\tMeeting\nBoard\nItem\tBoard")  # a table's column names with no row after them
@example("Council\tMeeting\nAction")  # an actions marker with no action after it
def test_report_like_text_keeps_every_word(text: str) -> None:
    assert_sound(parse_report(text.encode("utf-8"), "report.txt"), text)


_cache = ParseCache(None)  # in memory: the sample reports are parsed once for all examples
_junk_name = st.text(st.characters(codec="utf-8", blacklist_characters="/\x00"), min_size=1, max_size=20).filter(
    lambda n: n not in {".", ".."} and not n.startswith("0")
)
_junk_suffix = st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".png", "", ".swp", "~"])
_junk = st.lists(
    st.tuples(_junk_name, _junk_suffix, st.one_of(st.binary(max_size=600), any_text.map(str.encode))),
    max_size=6,
    unique_by=lambda t: (t[0] + t[1]).casefold(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_junk)
def test_the_folder_loads_with_junk_mixed_in(junk: list[tuple[str, str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for sample in SAMPLES.glob("*.txt"):
            os.link(sample, root / sample.name)  # same inode and mtime: the memory cache answers
        written = set()
        for name, suffix, data in junk:
            path = root / (name + suffix)
            try:
                path.write_bytes(data)
            except OSError:  # a name the filesystem refuses (too long in bytes) is no test of ours
                continue
            written.add(path.name)
        lib = load_library(root, cache=_cache)
        sample_ids = {p.stem for p in SAMPLES.glob("*.txt")}
        assert sample_ids <= {r.id for r in lib.reports}
        assert all(isinstance(s, Skipped) and s.reason and "\n" not in s.reason for s in lib.skipped)
        seen = [r.file for r in lib.reports] + [s.file for s in lib.skipped]
        assert len(seen) == len(set(seen)), "every file is read or skipped once"
        for report in lib.each_report():
            assert_sound(report)
        lib.to_json()
