"""The command line contracts: export's JSON shape, check's report, and one-sentence errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from boardreader.cli import main, resolve_dir

REPORT_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str, "file": str, "title": str, "kind": str, "board": (str, type(None)), "author": (str, type(None)),
    "date": (str, type(None)), "date_stated": bool, "date_evidence": (str, type(None)), "themes": list,
    "sections": list, "items": list, "actions": list, "attendance": list, "contacts": list, "people": list,
    "programmes": list, "organisations": list, "links": list,
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_follows_the_json_contract(capsys: pytest.CaptureFixture[str], sample_dir: Path) -> None:
    code, out, err = run(capsys, "export", str(sample_dir))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) >= {"reports", "people", "contacts", "programmes", "skipped"}
    assert len(data["reports"]) == 5
    for report in data["reports"]:
        for key, kind in REPORT_KEYS.items():
            assert isinstance(report[key], kind), key
        assert report["kind"] in {"chair_report", "meeting_note", "other"}
        for section in report["sections"]:
            assert {"heading", "theme", "paragraphs"} <= set(section)
            for p in section["paragraphs"]:
                assert {"number", "kind", "text"} <= set(p)
                for span in p["spans"]:
                    assert 0 <= span["start"] < span["end"] <= len(p["text"])
        for c in report["contacts"]:
            assert c["phone"] is None or c["phone"].isdigit()
            assert c["email"] is None or c["email"] == c["email"].lower()
    for c in data["contacts"]:
        assert {"name", "positions", "phone", "email", "reports"} <= set(c)
    for p in data["people"]:
        assert {"name", "reports", "roles"} <= set(p)
    assert data["skipped"] == []


def test_check_says_what_was_found(capsys: pytest.CaptureFixture[str], sample_dir: Path) -> None:
    (sample_dir / "blank.txt").write_bytes(b"")
    code, out, _ = run(capsys, "check", str(sample_dir))
    assert code == 0
    assert "002_322b167b40c8fd03.txt: meeting_note" in out
    assert "11 items, 6 actions, 27 attending" in out
    assert "note: read OCR 'CIIr' as 'Cllr'" in out
    assert "note: removed page furniture: 'Item 3g'" in out
    assert "skipped: blank.txt: empty file" in out
    assert out.rstrip().endswith("5 reports read, 1 skipped.")


def test_missing_folder_is_one_sentence_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", str(tmp_path / "nowhere"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("boardreader: No such folder:")


def test_empty_folder_is_one_sentence_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "search", "fleming", str(tmp_path))
    assert code == 2
    assert err.strip() == f"boardreader: No readable reports in {tmp_path} (the folder is empty)."


def test_folder_of_unreadable_files_says_why(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2
    assert "blob.txt: binary file (contains NUL bytes)" in err
    assert "scan.png: not a format boardreader reads (.png)" in err


def test_default_folder_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    shipped = resolve_dir(None)
    assert (shipped / "000_0ea2019fc5571b79.txt").is_file(), "with nothing else, the shipped samples"
    (tmp_path / "reports").mkdir()
    assert resolve_dir(None) == Path("reports")
    monkeypatch.setenv("BOARDREADER_DIR", "/elsewhere")
    assert resolve_dir(None) == Path("/elsewhere")
    assert resolve_dir("given") == Path("given")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_dir("~/papers") == tmp_path / "papers"


def test_installed_command_runs(sample_dir: Path) -> None:
    """The console script itself, as a user's shell runs it (installed beside this interpreter)."""
    script = Path(sys.executable).with_name("boardreader")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "boardreader"]
    proc = subprocess.run([*command, "export", str(sample_dir)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["reports"]) == 5


def test_search_prints_where_each_hit_is(capsys: pytest.CaptureFixture[str], sample_dir: Path) -> None:
    code, out, _ = run(capsys, "search", "harrogate", str(sample_dir), "--limit", "1")
    assert code == 0
    line = out.splitlines()[0]
    assert "paragraph" in line and "Harrogate" in line
    assert "(2014-07-15 Note of last Improvement & Innovation Board meeting, ¶2)" in line


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.parametrize("command", ["check", "export", "search", "read"])
def test_a_cache_folder_inside_the_reports_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_dir: Path, command: str
) -> None:
    """Caches written among the reports would be seen by the reader as changes, for ever: refused
    in one sentence, before anything is written."""
    before = files_under(sample_dir)
    monkeypatch.setenv("BOARDREADER_CACHE_DIR", str(sample_dir / "cache"))
    argv = {"check": ["check"], "export": ["export"], "search": ["search", "fleming"], "read": []}[command]
    code, out, err = run(capsys, *argv, str(sample_dir))
    assert code == 2 and out == ""
    assert err == (
        f"boardreader: The cache folder {sample_dir / 'cache'} is inside the reports folder {sample_dir}, and "
        "boardreader never writes among the reports: set BOARDREADER_CACHE_DIR to a folder outside it.\n"
    )
    assert files_under(sample_dir) == before


def test_a_cache_folder_reached_through_a_link_is_refused_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "cache-link").symlink_to(sample_dir, target_is_directory=True)
    monkeypatch.setenv("BOARDREADER_CACHE_DIR", str(tmp_path / "cache-link" / "sub"))
    code, _, err = run(capsys, "check", str(sample_dir))
    assert code == 2 and "is inside the reports folder" in err


def test_the_state_folder_inside_the_reports_is_refused_by_the_reader_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_dir: Path
) -> None:
    """Only the reader writes state: check, which writes none, still works."""
    monkeypatch.setenv("BOARDREADER_STATE_DIR", str(sample_dir))
    code, _, err = run(capsys, str(sample_dir))
    assert code == 2
    assert err.startswith(f"boardreader: The state folder {sample_dir} is inside the reports folder {sample_dir},")
    assert err.rstrip().endswith("set BOARDREADER_STATE_DIR to a folder outside it.")
    code, out, _ = run(capsys, "check", str(sample_dir))
    assert code == 0 and out.rstrip().endswith("5 reports read, 0 skipped.")


def test_caching_off_needs_no_cache_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_dir: Path
) -> None:
    monkeypatch.setenv("BOARDREADER_CACHE_DIR", str(sample_dir / "cache"))
    monkeypatch.setenv("BOARDREADER_NO_CACHE", "1")
    code, _, _ = run(capsys, "check", str(sample_dir))
    assert code == 0 and not (sample_dir / "cache").exists()


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_a_limit_below_one_is_one_sentence_and_exit_2(
    capsys: pytest.CaptureFixture[str], sample_dir: Path, limit: str
) -> None:
    code, out, err = run(capsys, "search", "board", str(sample_dir), "--limit", limit)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--limit" in err and limit in err and "Traceback" not in err


def test_help_lists_every_subcommand_with_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for usage, does in (
        ("boardreader export", "JSON"),
        ("boardreader search QUERY", "hits"),
        ("boardreader check", "found in each report"),
        ("boardreader [DIR]", "reader"),
    ):
        line = next((line for line in out.splitlines() if usage in line), "")
        assert line, f"{usage} is not listed"
        following = out[out.index(line) : out.index(line) + 200]
        assert does in following, (usage, does)


@pytest.mark.parametrize("phone", ["020 7664 3017", "02076643017", "+44 20 7664 3017"])
def test_a_phone_is_found_in_any_format(capsys: pytest.CaptureFixture[str], sample_dir: Path, phone: str) -> None:
    # the samples write this number both spaced and as bare digits, in different reports
    written = {
        report["id"]
        for report in json.loads(run(capsys, "export", str(sample_dir))[1])["reports"]
        for section in report["sections"]
        for paragraph in section["paragraphs"]
        if "020 7664 3017" in paragraph["text"] or "02076643017" in paragraph["text"]
    }
    assert len(written) > 1
    code, out, _ = run(capsys, "search", phone, str(sample_dir), "--json")
    assert code == 0
    assert {hit["report"] for hit in json.loads(out)} == written


def test_search_hits_cite_the_report_by_date_and_title_with_an_inferred_mark(
    capsys: pytest.CaptureFixture[str], sample_dir: Path
) -> None:
    reports = {r["id"]: r for r in json.loads(run(capsys, "export", str(sample_dir))[1])["reports"]}
    hits = json.loads(run(capsys, "search", "phone", str(sample_dir), "--json", "--limit", "50")[1])
    paragraphs = [hit for hit in hits if hit["kind"] == "paragraph"]
    assert paragraphs and any(not hit["date_stated"] for hit in paragraphs)
    for hit in paragraphs:
        report = reports[hit["report"]]
        assert (hit["date"], hit["date_stated"], hit["title"]) == (
            report["date"],
            report["date_stated"],
            report["title"],
        )
        assert hit["report"] not in hit["label"] and report["title"] in hit["label"]
        assert hit["label"].startswith(report["date"] if report["date_stated"] else f"≈{report['date']}")
    inferred = next(hit for hit in paragraphs if not hit["date_stated"])
    text = run(capsys, "search", "phone", str(sample_dir), "--limit", "50")[1]
    assert f"(≈{inferred['date']} {inferred['title']}" in text


def test_export_gives_one_record_per_person(capsys: pytest.CaptureFixture[str], sample_dir: Path) -> None:
    library = json.loads(run(capsys, "export", str(sample_dir))[1])
    people = {p["name"]: p for p in library["people"]}
    for person in people.values():
        assert {"wrote", "actions", "attended", "positions", "phone", "email"} <= set(person)
    # David Pye shares an action with LGA officers in the sample meeting note: it is his
    pye = people["David Pye"]
    assert [a["item"] for a in pye["actions"]] == ["5"] and "good practice" in pye["actions"][0]["text"]
    for report in library["reports"]:
        for action in report["actions"]:
            named = [name for name in people if action["owner"] and name in action["owner"]]
            for name in named:
                mine = {"report": report["id"], "item": action["item"], "text": action["text"], "status": None,
                        "section_index": action["section_index"], "paragraph_index": action["paragraph_index"]}  # fmt: skip
                assert mine in people[name]["actions"], (name, action)
    # every action once at the top level too, newest meeting first, with its paragraph and status
    listed = [(a["report"], a["text"], a["owner"]) for a in library["actions"]]
    stated = [(r["id"], a["text"], a["owner"]) for r in library["reports"] for a in r["actions"]]
    assert sorted(listed) == sorted(stated) and len(listed) == 6
    for action in library["actions"]:
        assert action["status"] is None and action["section_index"] is not None  # no later note speaks of them
        for attendee in report["attendance"]:
            there = {"report": report["id"], "status": attendee["status"]}  # with the role and authority held there
            there |= {"role": attendee["role"], "authority": attendee["authority"]}
            assert there in people[attendee["name"]]["attended"]
        if report["author"] in people:
            assert report["id"] in people[report["author"]]["wrote"]
    # a person who is a paper's contact too: one record with the contact's posts, phone and email
    for contact in library["contacts"]:
        if contact["name"] in people:
            person = people[contact["name"]]
            assert (person["positions"], person["phone"], person["email"]) == (
                contact["positions"],
                contact["phone"],
                contact["email"],
            )
    skinner = people["Dennis Skinner"]
    assert len(skinner["actions"]) >= 2 and len({p["position"] for p in skinner["positions"]}) > 1
    assert not any(a for p in people.values() for a in p["actions"] if p["name"] == "LGA Officers")


def test_check_and_export_say_what_later_papers_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    papers = Path(__file__).resolve().parent.parent / "data" / "papers" / "action_log"
    for paper in papers.glob("coastal_board_*"):
        if paper.suffix in {".txt", ".md"}:
            (tmp_path / paper.name).write_bytes(paper.read_bytes())
    out = run(capsys, "check", str(tmp_path))[1]
    assert "reports on 3 earlier actions: 2 done, 1 open" in out
    library = json.loads(run(capsys, "export", str(tmp_path))[1])
    may = next(r for r in library["reports"] if r["id"] == "coastal_board_may")
    assert [(a["owner"], a["status"]) for a in may["reported_actions"]] == [
        ("Ada Brook", "done"), ("Tom Reed", "open"), ("Grace Ofori", "done")
    ]  # fmt: skip
    said = {(a["report"], a["item"]): (a["status"], a["status_in"]) for a in library["actions"]}
    assert said[("coastal_board_march", "3")] == ("done", "coastal_board_may")
    assert said[("coastal_board_march", "6")] == (None, None)
    grace = next(p for p in library["people"] if p["name"] == "Grace Ofori")
    assert [a["status"] for a in grace["actions"]] == ["done", None]
