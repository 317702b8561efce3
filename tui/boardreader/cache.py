"""The parse cache: reports already parsed, kept in the user's cache folder between runs.

One file per library folder, keyed by each report's relative path, size, modification time and the
parser version, so an unchanged library is not parsed again and a changed file is. The file is
written atomically; a corrupt, truncated or outdated one is set aside and rebuilt, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path

from .corpus.model import Report
from .corpus.parse import PARSER_VERSION
from .paths import cache_dir, write_atomic

FORMAT = 1
Key = tuple[int, int]


class ParseCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, tuple[Key, Report]] = {}
        self.dirty = False
        self.notice: str | None = None
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            with self.path.open("rb") as handle:
                payload = pickle.load(handle)
            if payload.get("format") != FORMAT or payload.get("parser") != PARSER_VERSION:
                self.notice = "parse cache was from another version; rebuilding it"
                return
            self.entries = payload["entries"]
        except Exception:  # corrupt or truncated: set it aside, start afresh
            self.notice = "parse cache was unreadable; set aside and rebuilt"
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".corrupt"))

    def get(self, file: str, stat: os.stat_result) -> Report | None:
        entry = self.entries.get(file)
        if entry and entry[0] == (stat.st_size, stat.st_mtime_ns):
            return entry[1]
        return None

    def put(self, file: str, stat: os.stat_result, report: Report) -> None:
        self.entries[file] = ((stat.st_size, stat.st_mtime_ns), report)
        self.dirty = True

    def flush(self, keep: set[str] | None = None) -> None:
        if keep is not None:
            gone = set(self.entries) - keep
            for file in gone:
                del self.entries[file]
            self.dirty = self.dirty or bool(gone)
        if not self.dirty:
            return
        payload = {"format": FORMAT, "parser": PARSER_VERSION, "entries": self.entries}
        try:
            write_atomic(self.path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
            self.dirty = False
        except OSError:
            pass  # a read-only cache folder costs speed, not correctness


def open_cache(root: Path | None = None) -> ParseCache | None:
    """The cache for a library folder; None when BOARDREADER_NO_CACHE is set."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    key = hashlib.sha256(str((root or Path.cwd()).resolve()).encode()).hexdigest()[:16]
    return ParseCache(cache_dir() / f"parsed-{key}.pickle")
