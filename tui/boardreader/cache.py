"""Caches in the user's cache folder: reports already parsed, the finished library and its index.

The parse cache is one file per library folder, keyed by each report's relative path, size,
modification time and the parser version, so an unchanged library is not parsed again and a
changed file is. The finished-library and index caches are one file each per library folder, valid
only for exactly the same files (path, size, mtime), the same parser and the same code. Those two
are a pickle followed by a blob of raw bytes: the library's report bodies, read one at a time when
a report is first read (so a warm start reads only what it shows), and the index's paragraph
texts, read whole when the index loads. Every cache is written atomically; a corrupt, truncated or
outdated file is set aside and rebuilt, never fatal.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .corpus.model import Report
from .corpus.version import PARSER_VERSION
from .paths import cache_dir, dump_atomic

if TYPE_CHECKING:
    from .library import Library

FORMAT = 1


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic GC paused: loading a cache makes many objects and no cycles, and collecting
    meanwhile doubled the time to unpickle and to rebuild the catalogue's reports."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _unpickle(handle: IO[bytes]) -> Any:
    with gc_paused():
        return pickle.load(handle)


def _read_pickle(path: Path) -> Any:
    with path.open("rb") as handle:
        return _unpickle(handle)


class BlobError(Exception):
    """A piece of a blob could not be read: its cache file was replaced or cut short since."""


class Blob:
    """Raw bytes kept beside a pickle rather than in it: in memory, or the tail of a cache file,
    read a piece at a time. The file is opened for each piece, never held open (on Windows an open
    file cannot be replaced by the next cache written), and checked to be the very file the blob
    was found in: a newer cache renamed over it since makes the read fail, not return its bytes."""

    def __init__(self, data: bytes | bytearray = b"", *, path: Path | None = None, start: int = 0,
                 identity: tuple[int, int, int] = (0, 0, 0)) -> None:  # fmt: skip
        self._data = data
        self._path = path
        self._start = start
        self._identity = identity

    def read(self, start: int, end: int) -> bytes:
        if self._path is None:
            return bytes(self._data[start:end])
        try:
            with self._path.open("rb") as handle:
                if _identity(os.fstat(handle.fileno())) != self._identity:
                    raise BlobError("the cache file was replaced since it was read")
                handle.seek(self._start + start)
                piece = handle.read(end - start)
        except OSError as exc:
            raise BlobError(f"the cache file cannot be read: {exc}") from exc
        if len(piece) != end - start:
            raise BlobError(f"the cache file ends {end - start - len(piece)} bytes early")
        return piece

    def whole(self) -> Blob:
        """The blob read into memory: for one read piece by piece too often to open a file each time."""
        if self._path is None:
            return self
        size = self._identity[1] - self._start
        return Blob(self.read(0, size))


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _set_aside(path: Path) -> None:
    """Move a damaged cache file out of the way (kept for a bug report), so it is rebuilt."""
    with contextlib.suppress(OSError):
        os.replace(path, path.with_suffix(".corrupt"))


Key = tuple[int, int]


class ParseCache:
    """Reports parsed before, read from disk only when first asked for: a warm start that finds the
    finished library cached never needs them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, tuple[Key, Report]] | None = None
        self.dirty = False
        self._notice: str | None = None

    @property
    def entries(self) -> dict[str, tuple[Key, Report]]:
        if self._entries is None:
            self._entries = {}
            self._load()
        return self._entries

    @property
    def notice(self) -> str | None:
        _ = self.entries
        return self._notice

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            payload = _read_pickle(self.path)
            if payload.get("format") != FORMAT or payload.get("parser") != PARSER_VERSION:
                self._notice = "parse cache was from another version; rebuilding it"
                return
            self._entries = payload["entries"]
        except Exception:  # corrupt or truncated: set it aside, start afresh
            self._notice = "parse cache was unreadable; set aside and rebuilt"
            _set_aside(self.path)

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
            dump_atomic(self.path, payload)
            self.dirty = False
        except OSError:
            pass  # a read-only cache folder costs speed, not correctness


def open_cache(root: Path) -> ParseCache | None:
    """The parse cache for a library folder; None when BOARDREADER_NO_CACHE is set."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    return ParseCache(cache_dir() / f"parsed-{_folder_key(root)}.pickle")


INDEX_FORMAT = 2  # 2: a blob follows the pickle


@functools.cache
def _code_version() -> str:
    """A digest of the code that shapes the cached library and index: merging, catalogue, search."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}:{PARSER_VERSION}".encode())
    here = Path(__file__).parent
    for name in ("search.py", "search_text.py", "library.py", "catalogue.py"):
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _folder_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


class IndexCache:
    """Something built from one library folder (its search index, or the finished library), valid
    while `key` (files, parser, code) is unchanged. With no key, whatever the same code last saved
    there is taken, for a caller that checks the folder against it afterwards."""

    def __init__(self, path: Path, key: str | None, what: str = "search index") -> None:
        self.path = path
        self.key = key
        self.what = what
        self.notice: str | None = None

    def load(self) -> tuple[dict[str, Any], Blob] | None:
        """The state and the blob saved with it; None when there is none, or none for this key."""
        try:
            handle = self.path.open("rb")
        except OSError:
            return None
        try:
            payload = _unpickle(handle)
            if not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT:
                self.notice = f"{self.what} cache was from another version; rebuilding it"
            elif not self._fits(payload):
                pass  # the library or the code changed: an ordinary rebuild, nothing to tell
            elif not isinstance(state := payload["state"], dict):
                raise TypeError(f"{self.what} state is not a dict")
            else:
                start = handle.tell()  # the blob follows the pickle; its length says if it is whole
                identity = _identity(os.fstat(handle.fileno()))
                if identity[1] - start != payload["blob"]:
                    raise BlobError(f"{self.what} cache is cut short")
                handle.close()
                return state, Blob(path=self.path, start=start, identity=identity)
        except Exception:  # corrupt or truncated: set it aside, start afresh
            self.notice = f"{self.what} cache was unreadable; set aside and rebuilt"
            handle.close()
            _set_aside(self.path)
            return None
        handle.close()
        return None

    def _fits(self, payload: dict[str, Any]) -> bool:
        """Saved for this key; or, with no key, saved by this code."""
        if self.key is not None:
            return bool(payload.get("key") == self.key)
        return bool(payload.get("code") == _code_version())

    def save(self, state: dict[str, Any], blob: Sequence[bytes | bytearray] = ()) -> None:
        """Save the state, and the blob after it (in pieces, so it is never joined in memory)."""
        size = sum(len(piece) for piece in blob)
        head = {"format": INDEX_FORMAT, "key": self.key, "code": _code_version(), "state": state, "blob": size}
        with contextlib.suppress(OSError):  # a read-only cache folder costs speed, not correctness
            dump_atomic(self.path, head, *blob)


def index_key(library: Library) -> str | None:
    """What the index depends on: the library's stamp (every file's size and mtime when loading
    began, the sidecar, the code). None for a library loaded without caches or built in memory."""
    return None if library.stamp is None else hashlib.sha256(f"{library.stamp}:index".encode()).hexdigest()


def open_index_cache(library: Library, *, force: bool = False) -> IndexCache | None:
    """The index cache for a library; None when BOARDREADER_NO_CACHE is set (unless forced) or the
    library is not a folder of files."""
    if os.environ.get("BOARDREADER_NO_CACHE") and not force:
        return None
    if not library.reports:
        return None
    key = index_key(library)
    if key is None:
        return None
    return IndexCache(cache_dir() / f"index-{_folder_key(Path(library.root))}.pickle", key)


def folder_stamp(listing: dict[str, tuple[int, int]]) -> str:
    """A digest of what a library is read from: every listed file's size and mtime (the date
    sidecar's and the folders that could not be read, too) and the code."""
    lines = [_code_version(), *(f"{rel}\0{size}\0{mtime}" for rel, (size, mtime) in listing.items())]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def open_library_cache(root: Path, stamp: str | None) -> IndexCache | None:
    """The finished library of a folder (after the library pass and merging), valid for one stamp,
    or with none, the last one saved by this code. A warm start loads this alone: no parse cache,
    no library pass, no merging."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    return IndexCache(cache_dir() / f"library-{_folder_key(root)}.pickle", stamp, what="library")
