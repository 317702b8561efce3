"""What the reader remembers between runs: last report and place, tree mode, bookmarks, recent searches.

The state is one small JSON file in the user's data folder (`paths.state_dir()`, which
BOARDREADER_STATE_DIR overrides), written atomically. Positions and bookmarks are kept per library
folder, so two libraries never mix. A file that is corrupt, of the wrong shape or from a newer
version is ignored (the caller shows the notice) and replaced on the next save: never fatal.

This module never imports textual.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import paths

VERSION = 1
FILE_NAME = "state.json"
MAX_RECENT = 20
TreeMode = Literal["date", "theme"]


@dataclass
class Position:
    """Where a reader stood in a report: which paragraph (by index in reading order) and the scroll."""

    report: str
    paragraph: int = 0
    scroll: float = 0.0


@dataclass
class Bookmark:
    report: str
    paragraph: int | None
    label: str


@dataclass
class LibraryState:
    last: Position | None = None
    bookmarks: list[Bookmark] = field(default_factory=list)


@dataclass
class State:
    tree_mode: TreeMode = "date"
    recent_searches: list[str] = field(default_factory=list)
    libraries: dict[str, LibraryState] = field(default_factory=dict)

    def for_library(self, root: Path) -> LibraryState:
        return self.libraries.setdefault(library_key(root), LibraryState())

    def toggle_bookmark(self, root: Path, bookmark: Bookmark) -> bool:
        """Add the bookmark, or remove it when that place is already marked. True when added."""
        marks = self.for_library(root).bookmarks
        for existing in marks:
            if (existing.report, existing.paragraph) == (bookmark.report, bookmark.paragraph):
                marks.remove(existing)
                return False
        marks.append(bookmark)
        return True

    def remember_search(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.recent_searches:
            self.recent_searches.remove(query)
        self.recent_searches.insert(0, query)
        del self.recent_searches[MAX_RECENT:]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "tree_mode": self.tree_mode,
            "recent_searches": self.recent_searches,
            "libraries": {
                key: {
                    "last": asdict(lib.last) if lib.last else None,
                    "bookmarks": [asdict(b) for b in lib.bookmarks],
                }
                for key, lib in self.libraries.items()
            },
        }


def library_key(root: Path) -> str:
    return str(root.expanduser().resolve())


def state_path() -> Path:
    return paths.state_dir() / FILE_NAME


def load_state(path: Path | None = None) -> tuple[State, str | None]:
    """The saved state, or a fresh one plus a sentence saying why the saved one was ignored."""
    path = path or state_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return State(), None
    except OSError as exc:
        return State(), f"Saved reading state could not be read ({exc.strerror or exc}); starting afresh."
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        version = data.get("version")
        if not isinstance(version, int) or version > VERSION:
            return State(), f"Saved reading state is from a newer boardreader (version {version}); starting afresh."
        return _from_json(data), None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return State(), f"Saved reading state was damaged ({type(exc).__name__}); starting afresh."


def save_state(state: State, path: Path | None = None) -> None:
    data = json.dumps(state.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    paths.write_atomic(path or state_path(), data)


def _from_json(data: dict[str, Any]) -> State:
    mode = data.get("tree_mode", "date")
    state = State(tree_mode=mode if mode in ("date", "theme") else "date")
    recent = data.get("recent_searches", [])
    state.recent_searches = [q for q in recent if isinstance(q, str)][:MAX_RECENT]
    for key, lib in (data.get("libraries") or {}).items():
        last = lib.get("last")
        position = None
        if isinstance(last, dict) and isinstance(last.get("report"), str):
            position = Position(str(last["report"]), int(last.get("paragraph", 0)), float(last.get("scroll", 0.0)))
        marks = [
            Bookmark(str(b["report"]), None if b.get("paragraph") is None else int(b["paragraph"]), str(b["label"]))
            for b in lib.get("bookmarks", [])
        ]
        state.libraries[str(key)] = LibraryState(position, marks)
    return state
