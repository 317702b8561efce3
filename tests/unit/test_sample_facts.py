"""What a careful reader takes from each sample report, held field by field.

The facts live in tests/data/acceptance/seeds.json (a copy of the shared acceptance file), so a
user's clone can run these without ../shared. Comparison rules follow the acceptance tool's: text is
compared after folding whitespace, dashes and case; names without honorifics or post-nominals.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest

from boardreader import Library, load_library
from boardreader.corpus.model import Report

from ..conftest import DATA, SAMPLES

SEEDS: dict[str, Any] = json.loads((DATA / "acceptance" / "seeds.json").read_text("utf-8"))
BY_FILE = {r["file"]: r for r in SEEDS["reports"]}
HONORIFICS = {"cllr", "cllrs", "councillor", "councillors", "mr", "mrs", "ms", "dr", "lord", "mayor", "professor"}
POSTNOMINALS = {"mp", "obe", "mbe", "cbe"}


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


def norm_name(s: str | None) -> str:
    words = [w.strip(".,") for w in norm(s).split()]
    while words and words[0] in HONORIFICS:
        words.pop(0)
    while words and words[-1] in POSTNOMINALS:
        words.pop()
    return " ".join(words)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(SAMPLES)


def report_for(library: Library, file: str) -> Report:
    found = [r for r in library.each_report() if r.file == file]
    assert found, f"{file} was not loaded (skipped: {library.skipped})"
    return found[0]


def all_text(report: Report) -> str:
    parts = [report.title] + [s.heading or "" for s in report.sections] + [p.text for p in report.paragraphs]
    parts += [i.title for i in report.items] + [a.text for a in report.actions]
    return norm(" ".join(parts))


FILES = list(BY_FILE)


def test_every_sample_loads(library: Library) -> None:
    assert sorted(r.file for r in library.reports) == sorted(FILES)
    assert library.skipped == []


@pytest.mark.parametrize("file", FILES)
def test_kind_title_board_author(library: Library, file: str) -> None:
    want, got = BY_FILE[file], report_for(library, file)
    assert got.kind == want["kind"]
    assert norm(got.title) == norm(want["title"]).replace("ciir", "cllr")
    assert got.board == want["board"]
    if "author" in want:
        assert got.author == want["author"]
    for key in ("item", "forum", "venue"):
        if key in want:
            assert getattr(got, key) == want[key]


@pytest.mark.parametrize("file", FILES)
def test_date(library: Library, file: str) -> None:
    want, got = BY_FILE[file], report_for(library, file)
    assert got.date.value in want["date_accept"]
    assert got.date.stated == want["date_stated"]
    if not want["date_stated"]:
        assert got.date.evidence, "an inferred date must show its evidence"


@pytest.mark.parametrize("file", FILES)
def test_themes(library: Library, file: str) -> None:
    assert sorted(report_for(library, file).themes) == sorted(BY_FILE[file]["themes"])


@pytest.mark.parametrize("file", [f for f in FILES if "section_headings" in BY_FILE[f]])
def test_section_headings(library: Library, file: str) -> None:
    headings = [norm(s.heading) for s in report_for(library, file).sections if s.heading]
    for want in BY_FILE[file]["section_headings"]:
        assert norm(want) in headings


@pytest.mark.parametrize("file", [f for f in FILES if "numbered_paragraphs" in BY_FILE[f]])
def test_numbered_paragraphs(library: Library, file: str) -> None:
    got = report_for(library, file)
    numbers = [p.number for p in got.paragraphs if p.number]
    top = [n for n in numbers if re.fullmatch(r"\d+", n)]
    assert top == [str(i) for i in range(1, BY_FILE[file]["numbered_paragraphs"] + 1)]
    for sub in BY_FILE[file].get("sub_paragraphs", []):
        assert sub in numbers


@pytest.mark.parametrize("file", [f for f in FILES if "joined_paragraph" in BY_FILE[f]])
def test_paragraph_split_by_page_break_is_joined(library: Library, file: str) -> None:
    want = BY_FILE[file]["joined_paragraph"]
    texts = [norm(p.text) for p in report_for(library, file).paragraphs if p.number == want["number"]]
    assert any(norm(want["must_contain"]) in t for t in texts)


def test_running_page_header_removed_from_paragraph(library: Library) -> None:
    report = report_for(library, "001_a86696a46a0b0128.txt")
    assert report.item == "Item 3g"
    assert not any("item 3g" in norm(p.text) for p in report.paragraphs)


def test_markdown_links_show_their_text(library: Library) -> None:
    text = all_text(report_for(library, "001_a86696a46a0b0128.txt"))
    assert "click here." in text and "(#)" not in text


@pytest.mark.parametrize("file", FILES)
def test_no_markup_left(library: Library, file: str) -> None:
    text = all_text(report_for(library, file))
    for artefact in ("<ul", "style=", "**", "(#)"):
        assert artefact not in text


def test_html_bullets_become_list_items(library: Library) -> None:
    report = report_for(library, "002_322b167b40c8fd03.txt")
    item2 = [p for p in report.paragraphs if p.number == "2"]
    bullets = [p.text for p in item2 if p.kind == "bullet"]
    assert len(bullets) == 3 and bullets[0].startswith("How best to share the lessons")


def test_bold_becomes_emphasis(library: Library) -> None:
    report = report_for(library, "002_322b167b40c8fd03.txt")
    noted = [p for p in report.paragraphs if p.text.startswith("The Board noted the report")]
    assert noted
    emphasis = [p.text[s.start : s.end] for p in noted for s in p.spans if s.kind == "emphasis"]
    assert "noted" in emphasis


def test_ocr_cllr_reads_as_cllr(library: Library) -> None:
    report = report_for(library, "003_9b5f2d8786f8fe9f.txt")
    assert "Cllr Peter Fleming" in report.title
    assert report.author == "Peter Fleming"
    assert any("CIIr" in note for note in report.notes), "the correction is recorded for `check`"


@pytest.mark.parametrize("file", FILES)
def test_contacts(library: Library, file: str) -> None:
    got = report_for(library, file)
    for want in BY_FILE[file].get("contacts", []):
        match = [c for c in got.contacts if norm_name(c.name) == norm_name(want["name"])]
        assert match, f"contact {want['name']} missing from {got.contacts}"
        c = match[0]
        assert (c.position, c.phone, c.email) == (want["position"], want["phone"], want["email"])


def test_mailbox_is_not_a_person(library: Library) -> None:
    report = report_for(library, "003_9b5f2d8786f8fe9f.txt")
    assert report.emails == tuple(BY_FILE["003_9b5f2d8786f8fe9f.txt"]["mailboxes"])


@pytest.mark.parametrize("file", FILES)
def test_people(library: Library, file: str) -> None:
    got = {norm_name(p) for p in report_for(library, file).people}
    for want in BY_FILE[file]["people"]:
        assert norm_name(want) in got


@pytest.mark.parametrize("file", FILES)
def test_programmes(library: Library, file: str) -> None:
    got = [norm(p) for p in report_for(library, file).programmes]
    for want in BY_FILE[file]["programmes"]:
        w = norm(want)
        assert any(w == g or w in g or g in w for g in got), f"{want} not in {got}"


@pytest.mark.parametrize("file", [f for f in FILES if "organisations" in BY_FILE[f]])
def test_organisations(library: Library, file: str) -> None:
    got = set(report_for(library, file).organisations)
    for want in BY_FILE[file]["organisations"]:
        assert want in got


@pytest.mark.parametrize("file", [f for f in FILES if "links" in BY_FILE[f]])
def test_links(library: Library, file: str) -> None:
    assert set(BY_FILE[file]["links"]) <= set(report_for(library, file).links)


def test_meeting_items(library: Library) -> None:
    report = report_for(library, "002_322b167b40c8fd03.txt")
    want = BY_FILE["002_322b167b40c8fd03.txt"]["items"]
    assert [(i.number, i.title) for i in report.items] == [(w["number"], w["title"]) for w in want]


def test_meeting_actions_with_owners(library: Library) -> None:
    report = report_for(library, "002_322b167b40c8fd03.txt")
    for want in BY_FILE["002_322b167b40c8fd03.txt"]["actions"]:
        assert any(
            a.item == want["item"]
            and norm(want["must_contain"]) in norm(a.text)
            and norm(a.owner) == norm(want["owner"])
            for a in report.actions
        ), want


def test_meeting_attendance(library: Library) -> None:
    report = report_for(library, "002_322b167b40c8fd03.txt")
    seed = BY_FILE["002_322b167b40c8fd03.txt"]
    for status, key in (("present", "present"), ("apologies", "apologies"), ("officer", "officers")):
        got = [a.name for a in report.attendance if a.status == status]
        assert got == seed["attendance"][key]
    for want in seed["attendance_roles"]:
        a = next(a for a in report.attendance if a.name == want["name"])
        assert (a.role, a.authority) == (want["role"], want["authority"])


def test_meeting_paragraph_number_is_item_number(library: Library) -> None:
    report = report_for(library, "002_322b167b40c8fd03.txt")
    harrogate = [p for p in report.paragraphs if "Harrogate" in p.text]
    assert [p.number for p in harrogate] == ["2"]


def test_surname_alone_resolves_across_the_library(library: Library) -> None:
    report = report_for(library, "003_9b5f2d8786f8fe9f.txt")
    assert "Jill Shortland" in report.people and "Shortland" not in report.people
    spans = [s.value for p in report.paragraphs for s in p.spans if s.kind == "person"]
    assert "Jill Shortland" in spans


def test_contact_history_across_reports(library: Library) -> None:
    want = SEEDS["across_reports"]["contact_history"][0]
    contact = library.contacts[want["name"].lower()]
    assert {h.position for h in contact.positions} == set(want["positions"])
    assert (contact.phone, contact.email) == (want["phone"], want["email"])
    people = library.people[want["name"]]
    assert len(people.reports) == want["reports"]


@pytest.mark.parametrize("want", SEEDS["across_reports"]["people_in_several_reports"], ids=lambda w: w["name"])
def test_people_merged_across_reports(library: Library, want: dict[str, Any]) -> None:
    assert len(library.people[want["name"]].reports) == want["reports"]


@pytest.mark.parametrize("want", SEEDS["across_reports"]["programmes_in_several_reports"], ids=lambda w: w["name"])
def test_programmes_merged_across_reports(library: Library, want: dict[str, Any]) -> None:
    from boardreader.corpus.keys import programme_key

    programme = library.programmes[programme_key(want["name"])]
    ids = {f.removesuffix(".txt") for f in want["reports"]}
    assert ids <= set(programme.reports)


def test_reports_newest_first(library: Library) -> None:
    assert [r.file for r in library.reports] == SEEDS["across_reports"]["date_order_newest_first"]


@pytest.mark.parametrize("file", FILES)
def test_every_word_of_the_source_is_kept(library: Library, file: str) -> None:
    got = report_for(library, file)
    raw = (SAMPLES / file).read_text("utf-8")
    raw = re.sub(r"<[^>]+>|\*\*|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or " ", raw)
    shown = all_text(got) + " " + norm(json.dumps(got.to_json(), ensure_ascii=False))
    words = set(re.findall(r"[a-z][a-z'’-]{3,}", norm(raw)))
    lost = sorted(w for w in words if w not in shown)
    assert lost == []
