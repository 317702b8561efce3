"""Live changes: files written, rewritten and deleted in a library are noticed, and re-reading only those
gives the same library a full load would."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boardreader.corpus.model import Report
from boardreader.library import library
from boardreader.library.library import Library
from boardreader.library.watch import Changes, LibraryWatcher
from boardreader.session import last_library, load_library, reload_changed
from boardreader.store.cache import ParseCache

NEW_REPORT = """Improvement Board
Report from the Chair

1. The Board welcomed Cllr Ada Lovelace to the Analytical Engine Programme.
2. Funding of £12,000 was agreed.
"""


def write(path: Path, text: str, *, bump: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    if bump:  # some filesystems keep mtime to the clock tick; move it on so the change is certain
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + bump * 1_000_000_000))


def comparable(lib: Library) -> dict[str, Any]:
    data = lib.to_json()
    data["skipped"] = sorted(data["skipped"], key=lambda s: s["file"])
    return data


def test_nothing_changed_means_no_changes(sample_dir: Path) -> None:
    watcher = LibraryWatcher(sample_dir)
    assert watcher.poll() == Changes()
    assert not watcher.poll()


def test_added_changed_and_removed_files_are_reported(sample_dir: Path) -> None:
    watcher = LibraryWatcher(sample_dir)
    write(sample_dir / "2020" / "new.txt", NEW_REPORT)
    first = sorted(sample_dir.glob("0*.txt"))[0]
    write(first, first.read_text("utf-8") + "\n9. One more paragraph.\n", bump=1)
    last = sorted(sample_dir.glob("0*.txt"))[-1]
    last.unlink()
    (sample_dir / ".swap.txt.swp").write_text("ignored", "utf-8")
    changes = watcher.poll()
    assert changes == Changes(added=("2020/new.txt",), changed=(first.name,), removed=(last.name,))
    assert changes.files == {"2020/new.txt", first.name, last.name}
    assert watcher.poll() == Changes()


def test_reload_parses_only_what_changed(sample_dir: Path, parses: list[str]) -> None:
    lib = load_library(sample_dir)  # no cache given: the first-pass reports are kept in memory
    watcher = LibraryWatcher(sample_dir)
    write(sample_dir / "new.txt", NEW_REPORT)
    parses.clear()
    updated = reload_changed(lib, watcher.poll())
    assert parses == ["new.txt"]
    assert updated.report("new") is not None
    assert updated.head("new") in updated.reports
    assert len(updated.reports) == len(lib.reports) + 1
    assert "Ada Lovelace" in updated.people
    assert "Ada Lovelace" not in lib.people  # the old library is untouched: the UI swaps when ready


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_reload_makes_whole_again_only_what_it_must(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_cache: bool
) -> None:
    """At 10,000 reports, making every report whole again took 18 of a reload's 34 seconds."""
    from boardreader.corpus import parse
    from boardreader.corpus.lexicon import Lexicon

    lib = load_library(sample_dir, cache=ParseCache(tmp_path / "cache.pickle") if use_cache else None)
    watcher = LibraryWatcher(sample_dir, lib.listing)
    made: list[str] = []
    real = parse.apply_lexicon

    def making(report: Report, lexicon: Lexicon) -> Report:
        made.append(report.file)
        return real(report, lexicon)

    monkeypatch.setattr(parse, "apply_lexicon", making)
    read: list[str] = []
    real_read = ParseCache.report

    def reading(self: ParseCache, file: str) -> Report | None:
        read.append(file)
        return real_read(self, file)

    monkeypatch.setattr(ParseCache, "report", reading)
    target = sorted(sample_dir.glob("0*.txt"))[1]
    write(target, target.read_text("utf-8") + "\n99. One more paragraph, naming nobody.\n", bump=1)
    lib = reload_changed(lib, watcher.poll(), ParseCache(tmp_path / "cache.pickle") if use_cache else None)
    assert made == [target.name], "the library teaches the same names: the others are taken as they were"
    assert read == [target.name], "nor are their first-pass reports read: their summaries say enough"
    assert comparable(lib) == comparable(load_library(sample_dir))
    made.clear()
    write(sample_dir / "new.txt", NEW_REPORT)  # teaches a new full name: every report may read differently
    lib = reload_changed(lib, watcher.poll(), ParseCache(tmp_path / "cache.pickle") if use_cache else None)
    assert sorted(made) == sorted(r.file for r in lib.reports)
    assert comparable(lib) == comparable(load_library(sample_dir))


@pytest.mark.parametrize("use_cache", [False, True])
def test_reload_matches_a_full_load(sample_dir: Path, tmp_path: Path, use_cache: bool) -> None:
    cache = ParseCache(tmp_path / "cache.pickle") if use_cache else None
    lib = load_library(sample_dir, cache=cache)
    watcher = LibraryWatcher(sample_dir)
    files = sorted(sample_dir.glob("0*.txt"))
    steps: list[Callable[[], object]] = [
        lambda: write(sample_dir / "sub" / "new.txt", NEW_REPORT),
        lambda: files[0].unlink(),
        lambda: write(files[1], files[1].read_text("utf-8").replace("Board", "Panel"), bump=1),
        lambda: (sample_dir / "empty.txt").write_bytes(b""),
        lambda: write(sample_dir / "empty.txt", NEW_REPORT.replace("Ada", "Grace"), bump=2),
        lambda: shutil.move(sample_dir / "sub" / "new.txt", sample_dir / "moved.txt"),
        lambda: write(sample_dir / "boardreader.toml", f'[dates]\n"{files[2].name}" = "2001-02-03"\n'),
        lambda: (sample_dir / "boardreader.toml").unlink(),
    ]
    for step in steps:
        step()
        changes = watcher.poll()
        assert changes, "every step changes the folder"
        lib = reload_changed(lib, changes, cache)
        assert comparable(lib) == comparable(load_library(sample_dir))


def test_a_bad_file_that_is_fixed_is_read(sample_dir: Path) -> None:
    (sample_dir / "later.txt").symlink_to(sample_dir / "not-yet.txt")
    lib = load_library(sample_dir)
    assert [s.file for s in lib.skipped] == ["later.txt"]
    watcher = LibraryWatcher(sample_dir)
    write(sample_dir / "not-yet.txt", NEW_REPORT)
    changes = watcher.poll()
    assert changes == Changes(added=("not-yet.txt",), changed=("later.txt",))
    lib = reload_changed(lib, changes)
    assert lib.skipped == []
    assert {"later", "not-yet"} <= {r.id for r in lib.reports}


def test_a_removed_report_is_gone_and_can_be_told(sample_dir: Path) -> None:
    lib = load_library(sample_dir)
    open_report = lib.reports[0]
    watcher = LibraryWatcher(sample_dir)
    (sample_dir / open_report.file).unlink()
    changes = watcher.poll()
    assert changes.removed == (open_report.file,)
    lib = reload_changed(lib, changes)
    assert lib.report(open_report.id) is None  # what the reader checks to tell the user


def test_the_folder_itself_disappearing(sample_dir: Path) -> None:
    lib = load_library(sample_dir)
    watcher = LibraryWatcher(sample_dir)
    shutil.rmtree(sample_dir)
    changes = watcher.poll()
    assert len(changes.removed) == len(lib.reports)
    with pytest.raises(library.LibraryError):
        reload_changed(lib, changes)


def test_a_folder_problem_that_goes_away_is_a_change_and_reloads(sample_dir: Path, tmp_path: Path) -> None:
    from boardreader.store.cache import open_cache

    (sample_dir / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    load_library(sample_dir, cache=open_cache(sample_dir))
    reused = last_library(sample_dir)  # as the reader starts
    assert reused is not None
    assert [s.file for s in reused.skipped] == ["elsewhere/"]
    watcher = LibraryWatcher(sample_dir, reused.listing)
    (sample_dir / "elsewhere").unlink()  # the user removes the link while the reader was closed
    changes = watcher.poll()
    assert changes.removed == ("elsewhere/",)
    fresh = reload_changed(reused, changes, open_cache(sample_dir))
    assert fresh.skipped == [] and len(fresh.reports) == len(reused.reports)


def test_the_sidecar_is_watched_whatever_the_case_of_its_name(sample_dir: Path) -> None:
    (sample_dir / "Boardreader.TOML").write_text("[dates]\n", "utf-8")
    watcher = LibraryWatcher(sample_dir)
    (sample_dir / "Boardreader.TOML").write_text('[dates]\n"x.txt" = "2019"\n', "utf-8")
    assert watcher.poll().changed == ("boardreader.toml",)  # on a file system that ignores case, it is the one read
