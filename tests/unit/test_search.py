"""Search: the acceptance queries over the sample reports, typos, prefixes, phrases, accents, spans.

The acceptance queries are copied into tests/data/search_queries.json (a clone has no ../shared).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardreader import cli
from boardreader.index.search import Hit, fold, tokens
from boardreader.library.library import Library
from boardreader.session import load_library, open_index, search_index, use_index

ROOT = Path(__file__).resolve().parents[2]
QUERIES: list[dict[str, Any]] = json.loads((ROOT / "tests" / "data" / "search_queries.json").read_text("utf-8"))[
    "queries"
]


@pytest.fixture(scope="module")
def library() -> Library:
    lib = load_library(ROOT / "reports")
    use_index(lib, open_index(lib, cache=False))
    return lib


def search(lib: Library, query: str, limit: int = 10) -> list[Hit]:
    return lib.search(query, limit=limit)


def _report_id(name: str) -> str:
    return name.rsplit(".", 1)[0]


@pytest.mark.parametrize("spec", QUERIES, ids=[q["query"] for q in QUERIES])
def test_acceptance_query_gives_the_required_first_hit(library: Library, spec: dict[str, Any]) -> None:
    hits = search(library, spec["query"])
    assert hits, f"no hits for {spec['query']!r}"
    if "kind" in spec:
        first = hits[0]
        assert first.kind in [spec["kind"], *spec.get("also_acceptable_kind", [])]
        labels = [spec["label"].lower(), *(x.lower() for x in spec.get("also_acceptable_label", []))]
        assert first.label.lower() in labels
    else:
        top = hits[: spec["in_top"]]
        wanted = _report_id(spec["report"])
        assert any(h.report == wanted and ("paragraph" not in spec or h.paragraph == spec["paragraph"]) for h in top), [
            (h.kind, h.report, h.paragraph) for h in top
        ]


@pytest.mark.parametrize(
    ("query", "kind", "label"),
    [
        ("peter flemming", "person", "Peter Fleming"),
        ("fleming peter", "person", "Peter Fleming"),
        ("tim cheatham", "person", "Tim Cheetham"),
        ("charlote eisenhart", "contact", "Charlotte Eisenhart"),
        ("jill shortlnd", "person", "Jill Shortland"),
        ("bob neil", "person", "Bob Neill"),
        ("rory plamer", "person", "Rory Palmer"),  # two letters swapped in a six-letter word
        ("commissioning acad", "programme", "Commissioning Academy"),
        ("troubled fam", "programme", "Troubled Families Programme"),
        ("next gen", "programme", "Next Generation Programme"),
        ("innovation zon", "programme", "Innovation Zone"),
        ("knowledge navigatr", "programme", "Knowledge Navigator programme"),
        ("future councils", "programme", "Future Councils Programme"),
    ],
)
def test_misspelt_or_partial_names_find_the_person_or_programme(
    library: Library, query: str, kind: str, label: str
) -> None:
    first = search(library, query)[0]
    assert (first.kind, first.label.lower()) == (kind, label.lower())


@pytest.mark.parametrize(
    ("query", "report", "paragraph"),
    [
        ("capacitygrid to assure", "001_a86696a46a0b0128", "3"),
        ("seed funding to create action", "001_a86696a46a0b0128", "4"),  # runs across a page break
        ("climate emergency", "004_e9e7854d0bc624aa", "4"),
        ("taking the plunge", "004_e9e7854d0bc624aa", "3"),  # curly quotes in the source
        ("sector led improvement in 2019/20", "004_e9e7854d0bc624aa", "1"),
        ("select committee in progress", "000_0ea2019fc5571b79", "3"),  # after a blank-line break
    ],
)
def test_phrases_find_their_paragraph_first(library: Library, query: str, report: str, paragraph: str) -> None:
    hits = [h for h in search(library, query) if h.kind == "paragraph"]
    assert (hits[0].report, hits[0].paragraph) == (report, paragraph)


@pytest.mark.parametrize("query", ["zzzqx", "xylophone zzzqx", "   ", "!!!", ""])
def test_queries_that_must_find_nothing(library: Library, query: str) -> None:
    assert search(library, query) == []


@pytest.mark.parametrize("query", ["peter xylophone", "xylophone peter", "fleming zzzqx"])
def test_a_word_that_matches_nothing_leaves_the_best_partial_matches(library: Library, query: str) -> None:
    known = next(w for w in query.split() if w not in ("xylophone", "zzzqx"))
    complete = search(library, known)
    partial = search(library, query)
    assert partial and [(h.kind, h.label) for h in partial] == [(h.kind, h.label) for h in complete]
    # below every complete match: a query whose words all match scores higher than any partial one
    assert max(h.score for h in partial) < min(h.score for h in complete)
    assert max(h.score for h in partial) < min(h.score for h in search(library, "peter fleming"))


def test_every_prefix_while_typing_a_name_finds_it_once_it_is_unambiguous(library: Library) -> None:
    name = "charlotte eisenhart"
    for end in range(len("charlotte e"), len(name) + 1):
        labels = [h.label for h in search(library, name[:end], limit=5)]
        assert "Charlotte Eisenhart" in labels, name[:end]


def test_typing_never_fails_on_any_prefix(library: Library) -> None:
    for query in ("open data breakthrough", "head of improvement", "19.2 million"):
        for end in range(1, len(query) + 1):
            for hit in search(library, query[:end]):
                assert isinstance(hit.score, float) and hit.kind


def test_exact_and_whole_word_rank_above_fuzzy(library: Library) -> None:
    hits = search(library, "hackney", limit=20)
    exact = [h.score for h in hits if h.match and "hackney" in fold(h.snippet[h.match[0] : h.match[1]])]
    assert hits[0].score == max(h.score for h in hits) and exact and exact[0] == hits[0].score


def test_people_rank_above_passing_mentions(library: Library) -> None:
    hits = search(library, "dennis skinner", limit=20)
    assert hits[0].kind in ("contact", "person")
    assert all(h.kind != "paragraph" for h in hits[:2])


@pytest.mark.parametrize(
    "query", ["knowledge hub", "silent disco", "harrogate", "open data", "climate emergency", "taking the plunge"]
)
def test_match_span_in_snippet_folds_to_the_query_words(library: Library, query: str) -> None:
    hits = [h for h in search(library, query, limit=20) if h.kind == "paragraph"]
    assert hits
    for h in hits:
        assert h.match is not None
        assert tokens(h.snippet[h.match[0] : h.match[1]])[: len(tokens(query))] == tokens(query)


def test_prefix_match_spans_the_whole_word(library: Library) -> None:
    hit = next(h for h in search(library, "masterc", limit=20) if h.kind == "paragraph")
    assert hit.match is not None
    assert fold(hit.snippet[hit.match[0] : hit.match[1]]) == "masterclass"


def test_hit_json_and_key(library: Library) -> None:
    person = search(library, "peter fleming")[0]
    assert person.key == "Peter Fleming"
    data = person.to_json()
    keys = {"kind", "label", "report", "paragraph", "score", "snippet", "match", "date", "date_stated", "title"}
    assert keys <= set(data)  # the contract's keys (DESIGN.md §3): added to, never taken from
    assert data["section_index"] is None and data["paragraph_index"] is None  # a person is in no paragraph
    paragraph = next(h for h in search(library, "silent disco") if h.kind == "paragraph")
    assert paragraph.to_json()["match"] == list(paragraph.match or ())
    assert paragraph.key is None


def test_limit_is_respected(library: Library) -> None:
    assert len(search(library, "council", limit=3)) == 3
    assert search(library, "council", limit=0) == []


def test_fold_keeps_length_and_folds_accents_and_quotes() -> None:
    text = "Café Ångström’s “naïve” – Straße"
    assert fold(text) == 'cafe angstrom\'s "naive" - strase'
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "ʼ", "`", "´", "′", "‛", "＇"])
def test_every_apostrophe_folds_to_one(apostrophe: str) -> None:
    word = f"Council{apostrophe}s"
    assert tokens(word) == ["council's"] and len(fold(word)) == len(word)


@pytest.mark.parametrize("quote", ['"', "“", "”", "„", "‟", "«", "»", "″"])
def test_every_double_quote_folds_to_one(quote: str) -> None:
    assert fold(f"{quote}plan{quote}") == '"plan"'


ACCENTED = """Improvement Board – report from Cllr Zoë Brontë (Chair)

INNOVATION

Café Society Programme

1. The Café Society Programme, led by Zoë Brontë and José Núñez, met at the Théâtre Royal.
We discussed the council’s “naïve” approach to the résumé of the programme.

2. The Parish Council‘s „village plan“ was welcomed, and the County Councilʼs grant.

Contact officer: José Núñez
Position: Head of Cafés
"""


@pytest.fixture
def accented(tmp_path: Path) -> Library:
    folder = tmp_path / "accented"
    folder.mkdir()
    (folder / "cafe.txt").write_text(ACCENTED, encoding="utf-8")
    lib = load_library(folder)
    use_index(lib, open_index(lib, cache=False))
    return lib


@pytest.mark.parametrize(
    ("query", "fragment"),
    [("theatre royal", "Théâtre Royal"), ("council's naive", "council’s “naïve"), ("résumé", "résumé")],
)
def test_accented_text_is_found_unaccented_and_marked_in_the_original(
    accented: Library, query: str, fragment: str
) -> None:
    hit = next(h for h in accented.search(query) if h.kind == "paragraph")
    assert hit.match is not None
    assert hit.snippet[hit.match[0] : hit.match[1]] == fragment


@pytest.mark.parametrize("query", ["Parish Council's", "parish council’s", "Parish Council‘s", "parish councilʼs"])
def test_a_query_finds_the_text_whatever_its_apostrophes(accented: Library, query: str) -> None:
    hit = next(h for h in accented.search(query) if h.kind == "paragraph")
    assert hit.match is not None and hit.snippet[hit.match[0] : hit.match[1]] == "Parish Council‘s"


def test_accented_name_found_with_or_without_accents(accented: Library) -> None:
    for query in ("zoe bronte", "Zoë Brontë", "ZOE BRONTE"):
        labels = [h.label for h in accented.search(query) if h.kind in ("person", "contact")]
        assert "Zoë Brontë" in labels, query


def test_cli_search_json_and_limit(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["search", "knowledge hub", str(sample_dir), "--json", "--limit", "3"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 0 < len(hits) <= 3
    assert all(set(h) >= {"kind", "label", "report", "paragraph", "score", "snippet", "match"} for h in hits)
    assert any(h["report"] == "001_a86696a46a0b0128" and h["paragraph"] == "3" for h in hits)
    for h in hits:
        if h["match"]:
            start, end = h["match"]
            assert h["snippet"][start:end]


def test_cli_search_plain_text_and_no_match(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["search", "flemming", str(sample_dir), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "Peter Fleming" in out and out.count("\n") <= 2
    assert cli.main(["search", "zzzqx", str(sample_dir)]) == 0
    assert "No matches" in capsys.readouterr().out


def test_a_section_of_more_than_65535_paragraphs_is_searchable(tmp_path: Path) -> None:
    from boardreader.corpus.model import Paragraph, Report, ReportDate, Section
    from boardreader.session import library_of

    paragraphs = tuple(Paragraph(str(i), "numbered", f"entry zq{i}") for i in range(70_000))
    report = Report("big", "big.txt", "Big Board report", "chair_report", None, None, ReportDate(None),
                    (), (Section("Everything", None, paragraphs),))  # fmt: skip
    lib = library_of(tmp_path, [report])
    hits = [h for h in lib.search("zq69999") if h.kind == "paragraph"]
    assert hits and (hits[0].report, hits[0].paragraph) == ("big", "69999")


def test_a_misspelt_two_word_query_marks_both_words(tmp_path: Path) -> None:
    from boardreader import load_library

    (tmp_path / "a.txt").write_text("Board report from Cllr Ann Lee\n\n1. Please contact Dennis Skinner about it.\n")
    hits = [h for h in load_library(tmp_path).search("dennis skiner") if h.kind == "paragraph"]
    assert hits and hits[0].match is not None
    assert hits[0].snippet[hits[0].match[0] : hits[0].match[1]] == "Dennis Skinner"


# narrowing n/N to the reports that may hold a match -----------------------------------------------
def _holding_by_reading(library: Library, needle: str) -> set[str]:
    from boardreader.reader.highlight import find_match

    return {r.id for r in library.each_report() if any(find_match(p.text, needle) for p in r.paragraphs)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_reports_holding_never_misses_a_report_that_holds_the_text(library: Library, data: st.DataObject) -> None:
    """Any run of any paragraph's text, cut anywhere (inside words too): the index names every
    report that holds it, so walking only those finds every match."""
    texts = [p.text for r in library.each_report() for p in r.paragraphs]
    text = texts[data.draw(st.integers(0, len(texts) - 1))]
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    needle = text[start : start + data.draw(st.integers(1, 40))]
    holding = search_index(library).reports_holding(needle)
    if holding is not None:
        assert _holding_by_reading(library, needle) <= holding, needle


@pytest.mark.parametrize("needle", ["he s", "ith", "e an", "he board", "and th", "on of th"])
def test_a_cut_that_may_be_part_of_a_stopword_does_not_narrow_wrongly(library: Library, needle: str) -> None:
    holding = search_index(library).reports_holding(needle)
    assert holding is None or _holding_by_reading(library, needle) <= holding


@pytest.mark.parametrize("needle", ["silent disco", "Fleming", "Troubled Families", "zzzqx"])
def test_reports_holding_narrows_to_the_reports_that_hold_it(library: Library, needle: str) -> None:
    holding = search_index(library).reports_holding(needle)
    assert holding == _holding_by_reading(library, needle)
    assert len(holding) < len(library.reports)
    assert search_index(library).reports_holding("—") is None  # no word to look up: every report may hold it


@pytest.mark.parametrize("query", ["silent disco", "masterclass", "troubled families", "sector-led improvement"])
def test_a_hit_carries_the_place_of_its_paragraph(library: Library, query: str) -> None:
    """Enter leads to the paragraph the index found: no view has to look for it by its snippet."""
    hits = [h for h in search(library, query, limit=20) if h.kind in ("paragraph", "section", "organisation")]
    assert hits
    for hit in hits:
        assert hit.place is not None and hit.report is not None
        report = library.report(hit.report)
        assert report is not None
        section = report.sections[hit.place.section]
        paragraph = section.paragraphs[hit.place.paragraph]
        assert hit.to_json()["section_index"] == hit.place.section
        if hit.kind == "paragraph":
            assert hit.paragraph == paragraph.number
            assert hit.snippet.strip("…")[:40] in paragraph.text
        elif hit.kind == "section":
            assert section.heading == hit.label and hit.place.paragraph == 0
        else:
            assert any(span.value == hit.label for span in paragraph.spans)


def test_actions_are_found_by_owner_and_by_words(library: Library) -> None:
    owned = [(r, a) for r in library.each_report() for a in r.actions if a.owner and "David Pye" in a.owner]
    assert owned
    report, action = owned[0]
    by_owner = [h for h in search(library, "david pye") if h.kind == "action"]
    by_words = [h for h in search(library, " ".join(action.text.split()[4:8])) if h.kind == "action"]
    for hits in (by_owner, by_words):
        assert any(h.report == report.id and h.paragraph == action.item and action.text in h.label for h in hits)
    assert by_owner[0].to_json()["kind"] == "action" and by_owner[0].title == report.title
    action_hit = next(h for h in by_owner if h.report == report.id)
    assert action_hit.place is not None
    stated = report.sections[action_hit.place.section].paragraphs[action_hit.place.paragraph]
    assert stated.number == action.item and action.text in stated.text
