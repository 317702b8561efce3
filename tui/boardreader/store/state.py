"""What the reader remembers between runs: last report and place, tree mode, bookmarks, recent searches.

The state is one small JSON file in the user's data folder (`paths.state_dir()`, which
BOARDREADER_STATE_DIR overrides), written atomically. Positions and bookmarks are kept per library
folder, so two libraries never mix. It heals, and never loses what it cannot read:
- a malformed entry (one bad bookmark, a position of the wrong shape) is dropped with a notice and
  the rest kept; a file that is not JSON at all, or from a newer version, starts afresh with a
  notice. Either way the file as it was is first kept beside it (`state.json.corrupt`, or
  `state.json.newer`), never deleted.
- two readers open at once each save under a file lock, merging their own changes since they read
  the file into what is there now: the other reader's new bookmark is kept, not overwritten.

This module never imports textual.
"""

from __future__ import annotations

import copy
import errno
import json
import math
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout

from ..library.folder import NotRegularFile, open_regular
from . import paths

VERSION = 1
FILE_NAME = "state.json"
MAX_RECENT = 20
MAX_BYTES = 16 * 1024 * 1024  # a state file past this is not ours (ours is a few KB): kept beside, not read
LOCK_WAIT = 5.0  # seconds to wait for another reader's save (it takes milliseconds)
TreeMode = Literal["date", "theme"]
TREE_MODES = ("date", "theme")


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
    # The state as last read from or written to the file: what this reader has changed since is
    # what a save merges into the file as it is then (see save_state).
    base: State | None = field(default=None, repr=False, compare=False)

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


def _lock(path: Path) -> FileLock:
    """The lock two readers take to read-merge-write the state file one at a time."""
    return FileLock(path.with_name(path.name + ".lock"), timeout=LOCK_WAIT)


def load_state(path: Path | None = None) -> tuple[State, str | None]:
    """The saved state, healed, and a sentence saying what could not be kept (or None)."""
    path = path or state_path()
    paths.remove_stale_temporaries(path.parent)
    try:
        with _lock(path):
            state, notice = _read(path, keep_aside=True)
    except Timeout:  # another reader holds it for seconds: read without setting anything aside
        state, notice = _read(path, keep_aside=False)
    except OSError as exc:  # the lock cannot be made (a read-only folder): read all the same
        state, notice = _read(path, keep_aside=False)
        notice = notice or f"Reading state cannot be saved here ({exc.strerror or exc})."
    # What the file holds now: nothing, when it was kept beside; so the first save writes back
    # everything read from it.
    state.base = copy.deepcopy(state) if path.exists() else State()
    return state, notice


def save_state(state: State, path: Path | None = None) -> None:
    """Write the state, merged under the lock with what another reader saved since this one read
    the file: this reader's changes since (`state.base`) go onto the file as it is now. `state`
    then holds the merged bookmarks, places and searches. Raises OSError when it cannot be written."""
    path = path or state_path()
    with _lock(path):
        on_disk, _ = _read(path, keep_aside=True)
        merged = _merged(state.base or State(), state, on_disk)
        data = json.dumps(merged.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        paths.write_atomic(path, data)
    _adopt(state, merged)


def _read(path: Path, *, keep_aside: bool) -> tuple[State, str | None]:
    """The state in the file, healed; a damaged or newer file is kept beside (when allowed)."""
    try:
        with open_regular(path, follow_links=False) as handle:  # never blocks on a pipe put there
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return State(), None
    except OSError as exc:
        if not isinstance(exc, NotRegularFile) and exc.errno != errno.ELOOP:
            return State(), f"Saved reading state could not be read ({exc.strerror or exc}); starting afresh."
        kept = _kept_beside(path, "corrupt") if keep_aside else None
        return State(), f"Saved reading state was not a file{_kept(kept)}; starting afresh."
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // 1024 // 1024} MB")
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except ValueError as exc:  # not UTF-8, not JSON, not an object
        kept = _kept_beside(path, "corrupt") if keep_aside else None
        return State(), f"Saved reading state was damaged ({type(exc).__name__}){_kept(kept)}; starting afresh."
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION:
        kept = _kept_beside(path, "newer") if keep_aside else None
        newer = f"Saved reading state is from a newer boardreader (version {version})"
        return State(), f"{newer}{_kept(kept)}; starting afresh."
    state, dropped = _from_json(data)
    if not dropped:
        return state, None
    kept = _kept_beside(path, "corrupt") if keep_aside else None
    dropped_what = f"Saved reading state had {_count(dropped)} that could not be read, dropped"
    return state, f"{dropped_what}{_kept(kept)}; the rest is kept."


def _kept_beside(path: Path, tag: str) -> Path | None:
    """Move the file to a free name beside it (state.json.corrupt, state.json.corrupt.2, ...), so
    that it is never lost; None if it cannot be moved (it is then left where it is)."""
    for n in range(1, 100):
        beside = path.with_name(f"{path.name}.{tag}" + (f".{n}" if n > 1 else ""))
        if beside.exists():
            continue
        try:
            os.replace(path, beside)
        except OSError:
            return None
        return beside
    return None


def _kept(beside: Path | None) -> str:
    return "" if beside is None else f" (the file as it was is kept as {beside.name})"


def _count(dropped: dict[tuple[str, str], int]) -> str:
    return " and ".join(f"{n} {one if n == 1 else many}" for (one, many), n in dropped.items())


def _from_json(data: dict[str, Any]) -> tuple[State, dict[tuple[str, str], int]]:
    """The state the data holds, and how many entries of each kind were malformed and dropped."""
    dropped: dict[tuple[str, str], int] = {}

    def drop(one: str, many: str, n: int = 1) -> None:
        dropped[one, many] = dropped.get((one, many), 0) + n

    mode = data.get("tree_mode", "date")
    if mode not in TREE_MODES:
        drop("tree mode", "tree modes")
        mode = "date"
    state = State(tree_mode=mode)
    recent = data.get("recent_searches", [])
    if not isinstance(recent, list):
        drop("list of recent searches", "lists of recent searches")
        recent = []
    state.recent_searches = [q for q in recent if isinstance(q, str)][:MAX_RECENT]
    if bad := sum(1 for q in recent if not isinstance(q, str)):
        drop("recent search", "recent searches", bad)
    libraries = data.get("libraries") or {}
    if not isinstance(libraries, dict):
        drop("list of libraries", "lists of libraries")
        libraries = {}
    for key, lib in libraries.items():
        if not isinstance(lib, dict):
            drop("library's place and bookmarks", "libraries' places and bookmarks")
            continue
        position = _position(lib.get("last"))
        if position is None and lib.get("last") is not None:
            drop("last place", "last places")
        marks = lib.get("bookmarks", [])
        if not isinstance(marks, list):
            drop("list of bookmarks", "lists of bookmarks")
            marks = []
        bookmarks = [b for b in map(_bookmark, marks) if b is not None]
        if len(bookmarks) < len(marks):
            drop("bookmark", "bookmarks", len(marks) - len(bookmarks))
        state.libraries[str(key)] = LibraryState(position, bookmarks)
    return state, dropped


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _position(raw: object) -> Position | None:
    if not isinstance(raw, dict) or not isinstance(report := raw.get("report"), str):
        return None
    paragraph, scroll = raw.get("paragraph", 0), raw.get("scroll", 0.0)
    if not _whole(paragraph) or not isinstance(scroll, int | float) or isinstance(scroll, bool):
        return None
    return Position(report, paragraph, float(scroll) if math.isfinite(scroll) else 0.0)


def _bookmark(raw: object) -> Bookmark | None:
    if not isinstance(raw, dict):
        return None
    report, paragraph, label = raw.get("report"), raw.get("paragraph"), raw.get("label")
    if not isinstance(report, str) or not isinstance(label, str) or not (paragraph is None or _whole(paragraph)):
        return None
    return Bookmark(report, paragraph, label)


def _place(mark: Bookmark) -> tuple[str, int | None]:
    return (mark.report, mark.paragraph)


def _merged(base: State, mine: State, theirs: State) -> State:
    """This reader's changes since `base` applied onto `theirs` (the file as it is now): bookmarks
    added or removed here, the places moved here, the searches made here, the tree mode if changed
    here. What the other reader did meanwhile stays."""
    out = copy.deepcopy(theirs)
    if mine.tree_mode != base.tree_mode:
        out.tree_mode = mine.tree_mode
    # searched here since: new, or moved up the list (remember_search puts a search first)
    before = {q: i for i, q in enumerate(base.recent_searches)}
    searched = [q for i, q in enumerate(mine.recent_searches) if i < before.get(q, MAX_RECENT + i + 1)]
    for query in reversed(searched):
        out.remember_search(query)
    for key, lib in mine.libraries.items():
        was = base.libraries.get(key, LibraryState())
        now = out.libraries.setdefault(key, LibraryState())
        if lib.last != was.last:
            now.last = copy.deepcopy(lib.last)
        had = {_place(m) for m in was.bookmarks}
        removed = had - {_place(m) for m in lib.bookmarks}
        kept = [m for m in now.bookmarks if _place(m) not in removed]
        present = {_place(m) for m in kept}
        now.bookmarks = kept + [copy.deepcopy(m) for m in lib.bookmarks if _place(m) not in had | present]
    return out


def _adopt(state: State, merged: State) -> None:
    """Take the merged state in place (the reader holds its lists: its tree shows the bookmarks
    list itself), keeping this reader's own tree mode, which its screen shows."""
    state.recent_searches[:] = merged.recent_searches
    for key, lib in merged.libraries.items():
        mine = state.libraries.setdefault(key, LibraryState())
        mine.last = lib.last
        mine.bookmarks[:] = lib.bookmarks
    state.base = copy.deepcopy(merged)
    state.base.tree_mode = state.tree_mode  # written now, or the other's: unchanged here either way
