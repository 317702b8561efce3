"""The reader's pure parts: history, hits to paragraphs, walking matches, highlighting as data."""

from __future__ import annotations

from pathlib import Path

from boardreader import load_library
from boardreader.corpus.model import Paragraph, Place, Report, ReportDate, Section, Span
from boardreader.index.search import SearchIndex, fold
from boardreader.library.model import Hit
from boardreader.reader.highlight import MATCH_STYLE, find_match, kind_style, legend, paragraph_text
from boardreader.reader.mentions import find_mentions
from boardreader.reader.navigation import History, Location, entity_key, locate_hit, walk_matches
from boardreader.session import library_of


def test_history_back_forward_and_a_new_step_drops_the_forward_branch() -> None:
    h = History()
    a, b, c = (Location("report", r) for r in "abc")
    for loc in (a, b):
        h.push(loc)
    assert h.back() == a and h.back() is None
    assert h.forward() == b and h.forward() is None
    h.back()
    h.push(c)
    assert h.forward() is None and h.back() == a


def test_markup_characters_stay_text_and_spans_are_styled() -> None:
    text = "Cllr Ann Lee said [bold]no[/bold] and [@click=app.quit]x[/]"
    para = Paragraph("1", "numbered", text, (Span(5, 12, "person", "Ann Lee"),))
    rendered = paragraph_text(para, mark=(18, 24))
    assert rendered.plain == text
    styles = {(s.start, s.end): s.style for s in rendered.spans}
    assert styles[(5, 12)] == kind_style("person")
    assert styles[(18, 24)] == MATCH_STYLE


def test_find_match_ignores_case_and_accents() -> None:
    assert find_match("The Café Society met", "cafe society") == (4, 16)
    assert find_match("nothing here", "absent") is None


def test_legend_names_every_kind() -> None:
    plain = legend().plain
    for kind in ("person", "programme", "organisation", "date", "money", "figure", "email", "phone", "link"):
        assert kind in plain


def test_every_paragraph_hit_lands_on_a_paragraph_holding_its_match(sample_dir: Path) -> None:
    lib = load_library(sample_dir)
    for query in ("innovation zone", "troubled families", "leadership academy", "peer challenge"):
        for hit in lib.search(query, limit=40):
            if hit.kind != "paragraph" or hit.match is None:
                continue
            report = lib.report(hit.report or "")
            assert report is not None
            index, mark = locate_hit(report, hit)
            assert index is not None and mark is not None
            assert hit.place is not None and mark == hit.span, "the hit says where it is: nothing is looked for"
            section = report.sections[hit.place.section]
            assert report.paragraphs[index] is section.paragraphs[hit.place.paragraph]
            shown = report.paragraphs[index].text[mark[0] : mark[1]]
            assert fold(shown) == fold(hit.snippet[hit.match[0] : hit.match[1]])


def _two_updates() -> Report:
    """A paper whose heading "Updates" comes twice, the second after another section."""

    def section(heading: str, *texts: str) -> Section:
        return Section(heading, None, tuple(Paragraph(None, "text", t) for t in texts))

    sections = (section("Updates", "The library reopened in May.", "The pool stays shut."),
                section("Finance", "The budget is on track."),
                section("Updates", "The depot moved to Quarry Lane."))  # fmt: skip
    return Report("p", "p.txt", "Parks Board – Notes", "other", None, None, ReportDate(None), (), sections)


def test_a_section_hit_opens_the_section_it_names_even_when_its_heading_comes_twice() -> None:
    report = _two_updates()
    second = Hit("section", "Updates", "p", None, 1.0, "Parks Board – Notes", None, place=Place(2, 0))
    index, mark = locate_hit(report, second)
    assert index == 3 and report.paragraphs[3].text == "The depot moved to Quarry Lane." and mark is None
    first = Hit("section", "Updates", "p", None, 1.0, "Parks Board – Notes", None, place=Place(0, 0))
    assert locate_hit(report, first) == (0, None)
    assert locate_hit(report, Hit("section", "Updates", "p", None, 1.0, "", None)) == (None, None), "no place: top"


def test_a_section_hit_from_the_index_opens_the_section_it_was_found_in() -> None:
    report = _two_updates()
    library = library_of(Path("papers"), [report])
    hits = [h for h in SearchIndex.build(library).search("updates") if h.kind == "section"]
    assert hits and all(h.place is not None for h in hits)
    whole = library.report("p")
    assert whole is not None
    for hit in hits:
        index, _ = locate_hit(whole, hit)
        assert hit.place is not None and index is not None
        assert whole.paragraphs[index] is whole.sections[hit.place.section].paragraphs[0]
        assert whole.sections[hit.place.section].heading == "Updates"


def test_walk_matches_runs_on_into_later_reports_and_back(sample_dir: Path) -> None:
    lib = load_library(sample_dir)
    needle = "LGA"
    first = walk_matches(lib, needle, lib.reports[0].id, -1)
    assert first is not None
    seen = [first]
    while (step := walk_matches(lib, needle, seen[-1][0], seen[-1][1])) is not None:
        seen.append(step)
    assert len({r for r, _, _ in seen}) >= 2
    back = walk_matches(lib, needle, seen[-1][0], seen[-1][1], forward=False)
    assert back == seen[-2]


def test_entity_keys_resolve_and_mentions_point_at_the_name(sample_dir: Path) -> None:
    lib = load_library(sample_dir)
    person = next(iter(lib.people.values()))
    assert entity_key(lib, "person", person.name) == person.name
    programme = next(iter(lib.programmes.values()))
    key = entity_key(lib, "programme", programme.name)
    assert key is not None
    for mention in find_mentions(lib, "programme", key):
        assert mention.snippet[mention.match[0] : mention.match[1]]
    for mention in find_mentions(lib, "person", person.name):
        assert mention.report.id in person.reports
