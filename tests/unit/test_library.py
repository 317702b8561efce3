"""The library: loading a folder, date overrides, names learnt across reports, merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardreader import LibraryError, load_library
from boardreader.library.folder import report_files, scan_folder
from boardreader.store.cache import ParseCache


def test_sidecar_sets_a_date_by_hand(sample_dir: Path) -> None:
    (sample_dir / "boardreader.toml").write_text('[dates]\n"001_a86696a46a0b0128.txt" = "2013-11-21"\n')
    lib = load_library(sample_dir)
    report = lib.report("001_a86696a46a0b0128")
    assert report is not None
    assert (report.date.value, report.date.stated) == ("2013-11-21", False)
    assert report.date.evidence == "set by hand in boardreader.toml"
    assert lib.skipped == []


def test_broken_sidecar_is_reported_not_fatal(sample_dir: Path) -> None:
    (sample_dir / "boardreader.toml").write_text("[dates\n")
    lib = load_library(sample_dir)
    assert len(lib.reports) == 5
    assert [s.file for s in lib.skipped] == ["boardreader.toml"]


def test_programme_named_in_one_report_is_found_in_another(sample_dir: Path) -> None:
    from boardreader.corpus.parse import parse_report

    file = "000_0ea2019fc5571b79.txt"
    alone = parse_report((sample_dir / file).read_bytes(), file)
    assert "Creative Councils" not in alone.programmes, "the report alone does not say it is a programme"
    report = load_library(sample_dir).report("000_0ea2019fc5571b79")
    assert report is not None and "Creative Councils" in report.programmes
    spans = [s for p in report.paragraphs for s in p.spans if s.value == "Creative Councils"]
    assert spans and spans[0].kind == "programme"


def test_nested_folders_and_ids(sample_dir: Path) -> None:
    nested = sample_dir / "2019" / "july"
    nested.mkdir(parents=True)
    (sample_dir / "004_e9e7854d0bc624aa.txt").rename(nested / "chair.txt")
    lib = load_library(sample_dir)
    assert lib.report("2019/july/chair") is not None
    assert lib.reports[0].id == "2019/july/chair"


def test_not_a_folder(tmp_path: Path) -> None:
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(LibraryError, match="Not a folder"):
        load_library(f)


def test_cache_skips_reparsing_unchanged_files(sample_dir: Path, tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache.pickle")
    first = load_library(sample_dir, cache=cache)
    assert (tmp_path / "cache.pickle").exists()
    again = ParseCache(tmp_path / "cache.pickle")
    assert len(again.entries) == 5
    second = load_library(sample_dir, cache=again)
    assert [r.to_json() for r in second.each_report()] == [r.to_json() for r in first.each_report()]
    assert not again.dirty


def test_the_library_pass_holds_one_report_at_a_time(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10,000 reports, holding every parsed report for the library pass took 550 MB."""
    import gc

    from boardreader.corpus import parse
    from boardreader.corpus.lexicon import Lexicon
    from boardreader.corpus.model import Report

    for copy in range(3):  # 20 reports
        for file in sorted(sample_dir.glob("0*.txt"))[:5]:
            (sample_dir / f"copy{copy}_{file.name}").write_bytes(file.read_bytes())

    def reports_alive() -> int:
        return sum(isinstance(o, Report) for o in gc.get_objects())

    alive: list[int] = []
    real = parse.apply_lexicon

    def counting(report: Report, lexicon: Lexicon) -> Report:
        alive.append(reports_alive() - before)
        return real(report, lexicon)

    monkeypatch.setattr(parse, "apply_lexicon", counting)
    gc.collect()
    before = reports_alive()  # other tests' reports, in this process
    lib = load_library(sample_dir)
    assert len(lib.reports) == 20 and len(alive) == 20
    # the one being made whole, the one before it, the first pass's last: never the 20 of the library
    assert max(alive) <= 3


def test_progress_is_reported(sample_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    load_library(sample_dir, progress=lambda done, total, name: seen.append((done, total)))
    assert seen[-1] == (5, 5) and len(seen) == 5


def test_same_name_in_two_formats_gets_two_ids(sample_dir: Path) -> None:
    source = sample_dir / "003_9b5f2d8786f8fe9f.txt"
    (sample_dir / "003_9b5f2d8786f8fe9f.md").write_bytes(source.read_bytes())
    lib = load_library(sample_dir)
    ids = [r.id for r in lib.reports]
    assert len(ids) == len(set(ids)) == 6
    assert {"003_9b5f2d8786f8fe9f.txt", "003_9b5f2d8786f8fe9f.md"} <= set(ids)
    assert lib.report("003_9b5f2d8786f8fe9f.md") is not None


def test_reload_forgets_what_a_removed_report_taught(tmp_path: Path) -> None:
    from boardreader.library.watch import LibraryWatcher
    from boardreader.session import reload_changed

    (tmp_path / "a.txt").write_text("Board report from Cllr Jill Shortland\n\n1. Text.\n")
    (tmp_path / "b.txt").write_text("Board report from Cllr Ann Lee\n\n1. Councillor Shortland spoke.\n")
    (tmp_path / "b.md").write_text("Board report from Cllr Ann Lee\n\n1. Councillor Shortland spoke.\n")
    lib = load_library(tmp_path)
    assert "Jill Shortland" in lib.people and lib.report("b.txt") is not None
    watcher = LibraryWatcher(tmp_path)
    (tmp_path / "a.txt").unlink()
    (tmp_path / "b.md").unlink()
    reloaded = reload_changed(lib, watcher.poll())
    full = load_library(tmp_path)
    assert [r.to_json() for r in reloaded.each_report()] == [r.to_json() for r in full.each_report()]
    assert reloaded.report("b") is not None and "Shortland" in reloaded.people


def test_malformed_sidecars_are_reported_not_fatal(sample_dir: Path) -> None:
    (sample_dir / "boardreader.toml").write_text('dates = "2014-01-01"\n')
    assert "must be a table" in load_library(sample_dir).skipped[0].reason
    (sample_dir / "boardreader.toml").write_text(
        '[dates]\n"000_0ea2019fc5571b79.txt" = 2013-02-20\n"nope.txt" = "2001"\n"003_9b5f2d8786f8fe9f.txt" = "soon"\n'
    )
    lib = load_library(sample_dir)
    report = lib.report("000_0ea2019fc5571b79")
    assert report is not None and report.date.value == "2013-02-20"
    reasons = sorted(s.reason for s in lib.skipped)
    assert reasons == [
        "date override for '003_9b5f2d8786f8fe9f.txt' ignored: 'soon' is not YYYY, YYYY-MM or YYYY-MM-DD",
        "date override for 'nope.txt' ignored: no such report",
    ]


@pytest.mark.parametrize("value", ["2013-13", "2013-00-10", "2013-02-30", "2013-13-01"])
def test_a_sidecar_date_that_is_no_real_date_is_reported_not_applied(sample_dir: Path, value: str) -> None:
    (sample_dir / "boardreader.toml").write_text(f'[dates]\n"000_0ea2019fc5571b79.txt" = "{value}"\n')
    lib = load_library(sample_dir)
    assert [s.reason for s in lib.skipped] == [
        f"date override for '000_0ea2019fc5571b79.txt' ignored: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    ]
    assert lib.report("000_0ea2019fc5571b79").date.value != value  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        ("paper.txt", True), ("notes.md", True), ("#paper#.txt", True), ("back-up plan.docx", True),
        (".hidden.txt", False), ("~$paper.docx", False), ("paper.txt~", False), ("paper.txt.swp", False),
        ("paper.txt.SWO", False), ("#paper.txt#", False), ("paper.part", False), ("paper.crdownload", False),
        ("draft.tmp", False), ("old.BAK", False), ("Thumbs.db", False), ("desktop.ini", False),
        ("boardreader.toml", False),
    ],
)  # fmt: skip
def test_editor_system_and_partial_files_are_not_listed(tmp_path: Path, name: str, listed: bool) -> None:
    (tmp_path / name).write_text("Report\n\n1. Text.\n", "utf-8")
    assert (name in report_files(scan_folder(tmp_path))) is listed


def test_the_date_sidecar_is_listed_but_not_read_as_a_report(tmp_path: Path) -> None:
    (tmp_path / "boardreader.toml").write_text('[dates]\n"a.txt" = "2019"\n', "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "boardreader.toml").write_text("", "utf-8")
    listing = scan_folder(tmp_path)
    assert list(listing) == ["boardreader.toml"]  # the root's only: a change to it changes the library
    assert report_files(listing) == []


def test_files_are_listed_folder_by_folder_in_name_order(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/z.txt", "a/b/c.txt", "a/a.txt", "c/a.txt", "a.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Report\n\n1. Text.\n", "utf-8")
    assert list(scan_folder(tmp_path)) == ["a.txt", "b.txt", "a/a.txt", "a/z.txt", "a/b/c.txt", "c/a.txt"]


def test_one_person_written_two_ways_in_two_papers_is_one_person(tmp_path: Path) -> None:
    # One paper hyphenates a double surname and the other does not: one person, under the fuller form
    (tmp_path / "april.txt").write_text(
        "Minutes of the Canal Towpath Group\n\nDate: Thursday 6 April 2023\n\n"
        "Present: Cllr Tom Harley Ross (Chair), Cllr Anwen Pryce\n\n"
        "1. Towpath lighting\n\nThe Group heard that Tom Harley Ross had walked the route with officers.\n\n"
        "Action: Tom Harley Ross to write to the Canal Trust about the lamps.\n",
        encoding="utf-8",
    )
    (tmp_path / "may.txt").write_text(
        "Minutes of the Canal Towpath Group\n\nDate: Thursday 4 May 2023\n\n"
        "Present: Cllr Tom Harley-Ross (Chair), Cllr Anwen Pryce\n\n"
        "1. Towpath lighting\n\nTom Harley-Ross reported that the Canal Trust had replied.\n",
        encoding="utf-8",
    )
    lib = load_library(tmp_path, cache=False)
    assert "Tom Harley Ross" not in lib.people
    person = lib.people["Tom Harley-Ross"]
    assert sorted(person.reports) == ["april", "may"]
    assert sorted(a.report for a in person.attended) == ["april", "may"]
    assert [a.report for a in person.actions] == ["april"]
    april = lib.report("april")
    assert april is not None
    spans = {sp.value for p in april.paragraphs for sp in p.spans if sp.kind == "person"}
    assert "Tom Harley-Ross" in spans and "Tom Harley Ross" not in spans
