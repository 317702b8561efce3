"""Live changes to the reports folder, without any UI: notice what changed, re-read only that.

    watcher = LibraryWatcher(lib.root)
    ...                                  # later, from a timer or a loop
    changes = watcher.poll()
    if changes:
        lib = session.reload_changed(lib, changes, cache)

The watcher polls: it keeps a snapshot of (relative path -> size, mtime_ns) for every file the
library would list, plus the date sidecar, and compares a fresh one with it. Polling needs no
platform API, works on network shares, and costs one `stat` per file (50 ms for 1,000 files here),
so a timer every second or two is cheap. A file rewritten within the same clock tick at the same
size is not seen; editors and copy tools change one or the other.

This module never imports textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .folder import Stamp, scan_folder

Snapshot = dict[str, Stamp]


@dataclass(frozen=True, slots=True)
class Changes:
    """Relative paths (as `Report.file`) added, changed or removed since the last poll."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def files(self) -> frozenset[str]:
        return frozenset(self.added + self.changed + self.removed)


class LibraryWatcher:
    """Compares the folder with the snapshot taken at the last poll, or at creation: either now or,
    given a library's listing, when that library began loading (so nothing changed while it loaded
    is missed, and the folder is not listed twice)."""

    def __init__(self, root: str | os.PathLike[str], since: Snapshot | None = None) -> None:
        self.root = Path(root).expanduser()
        self._snapshot = self._scan() if since is None else dict(since)

    def _scan(self) -> Snapshot:
        """What the folder holds now, as the library lists it (with the date sidecar). A file that
        cannot be stat'ed is still listed, so a later fix shows as a change."""
        try:
            return scan_folder(self.root)
        except Exception:  # the folder itself went away or became unreadable: it holds nothing now
            return {}

    def poll(self) -> Changes:
        now = self._scan()
        before = self._snapshot
        self._snapshot = now
        return Changes(
            added=tuple(sorted(now.keys() - before.keys())),
            changed=tuple(sorted(f for f in now.keys() & before.keys() if now[f] != before[f])),
            removed=tuple(sorted(before.keys() - now.keys())),
        )
