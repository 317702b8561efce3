"""The reader's saved state: round trip, per-library keys, and damaged or future files ignored."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from boardreader.store.state import Bookmark, LibraryState, Position, State, load_state, save_state

T = TypeVar("T")


def test_round_trip_keeps_mode_position_bookmarks_and_searches(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = State(tree_mode="theme")
    lib = state.for_library(tmp_path / "reports")
    lib.last = Position("r1", paragraph=4, scroll=12.5)
    assert state.toggle_bookmark(tmp_path / "reports", Bookmark("r1", 2, "Report ¶2"))
    state.remember_search("fleming")
    save_state(state, path)

    loaded, notice = load_state(path)
    assert notice is None
    assert loaded.tree_mode == "theme"
    again = loaded.for_library(tmp_path / "reports")
    assert again.last == Position("r1", 4, 12.5)
    assert again.bookmarks == [Bookmark("r1", 2, "Report ¶2")]
    assert loaded.recent_searches == ["fleming"]


def test_toggle_bookmark_twice_removes_it(tmp_path: Path) -> None:
    state = State()
    mark = Bookmark("r1", None, "Report")
    assert state.toggle_bookmark(tmp_path, mark) is True
    assert state.toggle_bookmark(tmp_path, mark) is False
    assert state.for_library(tmp_path).bookmarks == []


def test_libraries_do_not_mix(tmp_path: Path) -> None:
    state = State()
    state.for_library(tmp_path / "a").last = Position("x")
    assert state.for_library(tmp_path / "b").last is None


def test_recent_searches_move_to_front_without_duplicates() -> None:
    state = State()
    for q in ["a", "b", "a", "  ", "c"]:
        state.remember_search(q)
    assert state.recent_searches == ["c", "a", "b"]


def test_missing_file_is_a_fresh_state_without_notice(tmp_path: Path) -> None:
    state, notice = load_state(tmp_path / "nope.json")
    assert state == State()
    assert notice is None


def test_corrupt_file_is_ignored_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{not json", encoding="utf-8")
    state, notice = load_state(path)
    assert state == State()
    assert notice is not None and "damaged" in notice
    assert (tmp_path / "state.json.corrupt").read_text("utf-8") == "{not json"


def test_a_bookmark_of_the_wrong_shape_is_dropped_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "libraries": {"x": {"bookmarks": [{"nolabel": 1}]}}}), "utf-8")
    state, notice = load_state(path)
    assert state.libraries == {"x": LibraryState(None, [])}
    assert notice is not None and "1 bookmark that could not be read" in notice


def test_future_version_is_ignored_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 99, "tree_mode": "theme"}), encoding="utf-8")
    state, notice = load_state(path)
    assert state.tree_mode == "date"
    assert notice is not None and "newer" in notice


def test_save_goes_to_the_state_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOARDREADER_STATE_DIR", str(tmp_path / "st"))
    save_state(State(tree_mode="theme"))
    assert json.loads((tmp_path / "st" / "state.json").read_text("utf-8"))["tree_mode"] == "theme"


def saved_state(tmp_path: Path) -> dict[str, object]:
    """A state file of two libraries with bookmarks, places and searches, as a reader saves it."""
    return {
        "version": 1,
        "tree_mode": "theme",
        "recent_searches": ["allotments", "harbour"],
        "libraries": {
            str(tmp_path / "parish"): {
                "last": {"report": "minutes-3", "paragraph": 7, "scroll": 40.0},
                "bookmarks": [
                    {"report": "minutes-1", "paragraph": 2, "label": "Minutes 1 ¶2"},
                    {"report": "minutes-2", "paragraph": "four", "label": "Minutes 2 ¶4"},  # the bad one
                    {"report": "minutes-3", "paragraph": None, "label": "Minutes 3"},
                ],
            },
            str(tmp_path / "county"): {
                "last": None,
                "bookmarks": [{"report": "budget", "paragraph": 1, "label": "Budget ¶1"}],
            },
        },
    }


def test_one_malformed_bookmark_is_dropped_and_everything_else_kept(tmp_path: Path) -> None:
    """Once, one bad bookmark threw all state away, and the next save deleted every library's
    bookmarks and searches with no copy kept."""
    path = tmp_path / "state.json"
    original = json.dumps(saved_state(tmp_path), ensure_ascii=False)
    path.write_text(original, "utf-8")
    state, notice = load_state(path)
    assert notice == (
        "Saved reading state had 1 bookmark that could not be read, dropped "
        "(the file as it was is kept as state.json.corrupt); the rest is kept."
    )
    assert (tmp_path / "state.json.corrupt").read_text("utf-8") == original  # never deleted
    parish = state.for_library(tmp_path / "parish")
    assert parish.last == Position("minutes-3", 7, 40.0)
    assert [b.report for b in parish.bookmarks] == ["minutes-1", "minutes-3"]
    assert state.for_library(tmp_path / "county").bookmarks == [Bookmark("budget", 1, "Budget ¶1")]
    assert state.tree_mode == "theme" and state.recent_searches == ["allotments", "harbour"]

    save_state(state, path)  # the next save keeps all of it
    again, notice = load_state(path)
    assert notice is None
    assert [b.report for b in again.for_library(tmp_path / "parish").bookmarks] == ["minutes-1", "minutes-3"]
    assert again.for_library(tmp_path / "county").bookmarks == [Bookmark("budget", 1, "Budget ¶1")]


@pytest.mark.parametrize(
    ("damage", "what"),
    [
        ({"tree_mode": "sideways"}, "1 tree mode"),
        ({"recent_searches": ["ok", 3, None]}, "2 recent searches"),
        ({"libraries": {"x": {"last": {"report": "r", "paragraph": -1}}}}, "1 last place"),
        ({"libraries": {"x": {"last": {"report": "r", "scroll": "far"}}}}, "1 last place"),
        ({"libraries": {"x": "not a library"}}, "1 library's place and bookmarks"),
        ({"libraries": {"x": {"bookmarks": {"not": "a list"}}}}, "1 list of bookmarks"),
        ({"libraries": {"x": {"bookmarks": [{"report": "r", "paragraph": True, "label": "l"}]}}}, "1 bookmark"),
    ],
)
def test_each_kind_of_malformed_entry_is_dropped_alone(tmp_path: Path, damage: dict[str, Any], what: str) -> None:
    path = tmp_path / "state.json"
    good: dict[str, Any] = {
        "version": 1,
        "recent_searches": ["kept"],
        "libraries": {"y": {"bookmarks": [{"report": "r", "paragraph": 1, "label": "kept"}]}},
    }
    libraries = {**good["libraries"], **damage.get("libraries", {})}
    path.write_text(
        json.dumps({**good, **damage} if "libraries" not in damage else {**good, "libraries": libraries}), "utf-8"
    )
    state, notice = load_state(path)
    assert notice is not None and notice.startswith(f"Saved reading state had {what} that could not be read")
    assert state.libraries["y"].bookmarks == [Bookmark("r", 1, "kept")]
    assert "kept" in state.recent_searches or "recent_searches" in damage


def test_a_damaged_file_is_kept_beside_each_time_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b'{"version": 1, "libraries": {"x": {"bookm\x00\xff')
    _, notice = load_state(path)
    assert notice is not None and "kept as state.json.corrupt" in notice
    path.write_text("[1, 2]", "utf-8")  # damaged again, another way
    _, notice = load_state(path)
    assert notice is not None and "kept as state.json.corrupt.2" in notice
    assert (tmp_path / "state.json.corrupt").read_bytes() == b'{"version": 1, "libraries": {"x": {"bookm\x00\xff'
    assert (tmp_path / "state.json.corrupt.2").read_text("utf-8") == "[1, 2]"


def test_a_newer_file_is_kept_beside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 99, "tree_mode": "theme"}), encoding="utf-8")
    _, notice = load_state(path)
    assert notice is not None and "state.json.newer" in notice
    assert json.loads((tmp_path / "state.json.newer").read_text("utf-8"))["version"] == 99


def test_two_readers_both_keep_their_new_bookmarks(tmp_path: Path) -> None:
    """Two readers open at once, each with the state as it was at its start: each one's changes
    since are merged into the file, so neither overwrites the other's."""
    path, parish = tmp_path / "state.json", tmp_path / "parish"
    first = State()
    first.toggle_bookmark(parish, Bookmark("minutes-1", 1, "Minutes 1 ¶1"))
    first.toggle_bookmark(parish, Bookmark("minutes-2", 1, "Minutes 2 ¶1"))
    save_state(first, path)

    reader_a, _ = load_state(path)
    reader_b, _ = load_state(path)
    reader_a.toggle_bookmark(parish, Bookmark("minutes-5", 3, "Minutes 5 ¶3"))  # A adds one
    reader_a.remember_search("pavilion")
    save_state(reader_a, path)
    reader_b.toggle_bookmark(parish, Bookmark("minutes-9", 2, "Minutes 9 ¶2"))  # B adds another
    reader_b.toggle_bookmark(parish, Bookmark("minutes-1", 1, "Minutes 1 ¶1"))  # and removes one
    reader_b.for_library(parish).last = Position("minutes-9", 2, 0.0)
    reader_b.remember_search("cemetery")
    save_state(reader_b, path)

    on_disk, notice = load_state(path)
    assert notice is None
    marks = [b.report for b in on_disk.for_library(parish).bookmarks]
    assert marks == ["minutes-2", "minutes-5", "minutes-9"]
    assert on_disk.for_library(parish).last == Position("minutes-9", 2, 0.0)
    assert on_disk.recent_searches == ["cemetery", "pavilion"]
    assert [b.report for b in reader_b.for_library(parish).bookmarks] == marks  # B now shows A's too

    save_state(reader_a, path)  # A saves again with nothing new: B's changes stay
    assert [b.report for b in load_state(path)[0].for_library(parish).bookmarks] == marks


READER = """
import sys
from pathlib import Path
from boardreader.store.state import Bookmark, load_state, save_state

path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
state, _ = load_state(path)
for n in range(count):
    state.toggle_bookmark(path.parent / "parish", Bookmark(f"{name}-{n}", n, f"{name} {n}"))
    save_state(state, path)
"""


def test_two_reader_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes each add and save 40 bookmarks as fast as they can: under the lock, every
    read-merge-write is whole, so all 80 are in the file at the end."""
    path = tmp_path / "state.json"
    procs = [
        subprocess.Popen([sys.executable, "-c", READER, str(path), name, "40"], stderr=subprocess.PIPE)
        for name in ("a", "b")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    state, notice = load_state(path)
    assert notice is None
    reports = {b.report for b in state.for_library(tmp_path / "parish").bookmarks}
    assert reports == {f"{name}-{n}" for name in ("a", "b") for n in range(40)}


def _without_blocking(call: Callable[[], T], fifo: Path) -> T:
    """call() in a thread; if it blocks opening the named pipe, let it go and fail the test."""
    outcome: list[T] = []
    worker = threading.Thread(target=lambda: outcome.append(call()), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("blocked opening a named pipe")
    return outcome[0]


def test_a_pipe_in_place_of_the_state_file_is_set_aside_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    os.mkfifo(path)
    state, notice = _without_blocking(lambda: load_state(path), path)
    assert state == State()
    assert notice == (
        "Saved reading state was not a file (the file as it was is kept as state.json.corrupt); starting afresh."
    )
    assert stat.S_ISFIFO((tmp_path / "state.json.corrupt").lstat().st_mode)
    state.remember_search("allotments")
    save_state(state, path)  # and the next save writes a file of its own there
    assert load_state(path)[0].recent_searches == ["allotments"]


def test_a_link_in_place_of_the_state_file_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "someone-elses.json"
    elsewhere.write_text(json.dumps({"version": 1, "recent_searches": ["not ours"]}), "utf-8")
    path = tmp_path / "state.json"
    path.symlink_to(elsewhere)
    state, notice = load_state(path)
    assert state.recent_searches == [] and notice is not None and "not a file" in notice
    assert (tmp_path / "state.json.corrupt").is_symlink()  # the link kept beside, what it points to untouched
    assert json.loads(elsewhere.read_text("utf-8"))["recent_searches"] == ["not ours"]
