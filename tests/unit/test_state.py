"""The reader's saved state: round trip, per-library keys, and damaged or future files ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boardreader.store.state import Bookmark, Position, State, load_state, save_state


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


def test_wrong_shape_is_ignored_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "libraries": {"x": {"bookmarks": [{"nolabel": 1}]}}}), "utf-8")
    state, notice = load_state(path)
    assert state == State()
    assert notice is not None


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
