"""Caches in the user's cache folder: reports already parsed, the finished library and its index.

Each is one file per library folder: a pickle followed by a blob of raw bytes.
- The parse cache: each report as its file alone gave it, keyed by the report's relative path, size,
  modification time and the parser version, so an unchanged file is not parsed again and a changed
  one is. Its blob holds each report pickled on its own, read one at a time.
- The finished library and the index: valid only for exactly the same files (path, size, mtime),
  the same parser and the same code. The library's blob holds the report bodies, each read when a
  report is first read (so a warm start reads only what it shows), and its merged names; the
  index's holds the paragraph texts, read whole when the index loads.
Every cache is written atomically, piece by piece; a corrupt, truncated or outdated file is set
aside and rebuilt, never fatal.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from ..corpus.model import Report
from ..corpus.version import PARSER_VERSION
from .paths import cache_dir, dump_atomic

if TYPE_CHECKING:
    from ..corpus.summary import Summary
    from ..library.library import Library


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


class BlobError(OSError):
    """A piece of a blob could not be read: its cache file was replaced or cut short since."""


# POSIX: a cache file held open stays readable after a newer one is renamed over it, so a running
# library keeps reading its own bodies. Windows cannot rename over an open file, so there a blob
# opens its file for each piece and fails once the file has been replaced.
_HOLD_OPEN = hasattr(os, "pread")


class Blob:
    """Raw bytes kept beside a pickle rather than in it: in memory, or the tail of a cache file,
    read a piece at a time. A blob only ever returns bytes of the very file it was found in: held
    open (see _HOLD_OPEN), or checked to be that file at each read."""

    def __init__(self, data: bytes | bytearray | memoryview = b"", *, path: Path | None = None, start: int = 0,
                 identity: tuple[int, int, int] = (0, 0, 0), fd: int | None = None) -> None:  # fmt: skip
        self._data = data
        self._path = path
        self._start = start
        self._identity = identity
        self._fd: int | None = None
        if path is not None and _HOLD_OPEN:
            self._fd = self._hold(fd)

    def _hold(self, fd: int | None) -> int | None:
        """The file's descriptor, if it is the file the blob was found in; closed with the blob."""
        try:
            if fd is None:
                fd = os.open(cast(Path, self._path), os.O_RDONLY)
            if _identity(os.fstat(fd)) != self._identity:
                os.close(fd)
                return None  # replaced already: each read says so
        except OSError:
            return None
        weakref.finalize(self, os.close, fd)
        return fd

    @property
    def in_memory(self) -> bool:
        return self._path is None

    def read(self, start: int, end: int) -> bytes:
        if self._path is None:
            return bytes(self._data[start:end])
        try:
            if self._fd is not None:
                piece = os.pread(self._fd, end - start, self._start + start)
            else:
                with self._path.open("rb") as handle:
                    if _identity(os.fstat(handle.fileno())) != self._identity:
                        raise BlobError("the cache file was replaced since it was read")
                    handle.seek(self._start + start)
                    piece = handle.read(end - start)
        except BlobError:
            raise
        except OSError as exc:
            raise BlobError(f"the cache file cannot be read: {exc}") from exc
        if len(piece) != end - start:
            raise BlobError(f"the cache file ends {end - start - len(piece)} bytes early")
        return piece

    def unpickle(self, start: int, end: int) -> Any:
        """The object pickled in a piece, with the cyclic GC paused (see gc_paused). Raises when
        the piece cannot be read or is not a pickle: a damaged cache, to be read another way."""
        data = self.read(start, end)
        with gc_paused():
            return pickle.loads(data)

    @classmethod
    def in_file(cls, path: Path, start: int, stat: os.stat_result, fd: int | None = None) -> Blob:
        """The tail of a cache file from `start`, as long as the file is the one `stat` describes
        (`fd`, when given, is that file open, and the blob takes it over)."""
        return cls(path=path, start=start, identity=_identity(stat), fd=fd)

    def read_all(self) -> bytes:
        """The whole blob, in memory: for one read piece by piece too often to read from a file."""
        if self._path is None:
            return bytes(self._data)
        return self.read(0, self._identity[1] - self._start)


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _set_aside(path: Path) -> None:
    """Move a damaged cache file out of the way (kept for a bug report), so it is rebuilt."""
    with contextlib.suppress(OSError):
        os.replace(path, path.with_suffix(".corrupt"))


Key = tuple[int, int]  # a file's size and mtime_ns
# The file's key when parsed, where the report's pickle is, and the report's summary (what the
# library pass needs of it, see corpus/summary.py): a reload reads that alone for unchanged files.
Entry = tuple[Key, Blob, int, int, "Summary"]


class ParseCache:
    """Reports as each file alone gave them (before the library pass), each pickled on its own:
    those read at the last flush stay in the cache file and are unpickled one at a time when asked
    for, those parsed since are held as pickles until the next flush. Never all at once as objects:
    at 10,000 reports that is 550 MB. Without a path it lives in memory only (BOARDREADER_NO_CACHE),
    and still gives a reload the reports it need not parse again.

    The file is read when first needed: a warm start that finds the finished library never is."""

    def __init__(self, path: Path | None) -> None:
        self._file = None if path is None else CacheFile(path, "parsed", what="parse")
        self._entries: dict[str, Entry] | None = None
        self._notice: str | None = None
        self.dirty = False

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = {}
            stored = self._file.load() if self._file is not None else None
            if stored is not None and stored[0].get("parser") != PARSER_VERSION:
                self._notice = "parse cache was from another version; rebuilding it"
            elif stored is not None:
                state, blob = stored
                entries = state["entries"].items()
                self._entries = {file: (key, blob, start, end, summary) for file, (key, start, end, summary) in entries}
        return self._entries

    @property
    def notice(self) -> str | None:
        _ = self.entries
        return self._notice or (None if self._file is None else self._file.notice)

    def summary(self, file: str, key: Key) -> Summary | None:
        """The summary of the report parsed from this file when it had this size and mtime."""
        entry = self.entries.get(file)
        return entry[4] if entry is not None and entry[0] == key else None

    def report(self, file: str) -> Report | None:
        """The report kept for this file, whatever its key; None if there is none or it cannot be
        read (the cache file was replaced or damaged since: the file is parsed again)."""
        entry = self.entries.get(file)
        if entry is None:
            return None
        _, blob, start, end, _ = entry
        try:
            report = blob.unpickle(start, end)
        except Exception:
            return None
        return report if isinstance(report, Report) else None

    def put(self, file: str, stat: os.stat_result, report: Report, summary: Summary) -> None:
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        self.entries[file] = ((stat.st_size, stat.st_mtime_ns), Blob(data), 0, len(data), summary)
        self.dirty = True

    def flush(self, keep: set[str] | None = None) -> None:
        """Forget the files not in `keep`, and write what is new to the cache file."""
        entries = self.entries
        if keep is not None:
            gone = set(entries) - keep
            for file in gone:
                del entries[file]
            self.dirty = self.dirty or bool(gone)
        if not self.dirty or self._file is None:
            return
        at: dict[str, tuple[Key, int, int, Summary]] = {}
        size = 0
        for file, (key, _, start, end, summary) in entries.items():
            at[file] = (key, size, size + end - start, summary)
            size += end - start
        pieces = (blob.read(start, end) for _, blob, start, end, _ in entries.values())
        saved = self._file.save({"parser": PARSER_VERSION, "entries": at}, pieces, size)
        if saved is not None:  # read from the new file from now on; the pickles held in memory go
            self._entries = {file: (key, saved, start, end, summary) for file, (key, start, end, summary) in at.items()}
            self.dirty = False


def open_cache(root: Path) -> ParseCache | None:
    """The parse cache for a library folder; None when BOARDREADER_NO_CACHE is set."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    return ParseCache(cache_dir() / f"parsed-{_folder_key(root)}.pickle")


INDEX_FORMAT = 4  # 2: a blob follows the pickle; 3: the parse cache is one too; 4: with summaries


# The packages whose code shapes what the library and index caches hold: the parser's output, the
# library pass and merging, the catalogue's format, the index.
CACHED_CODE = ("corpus", "library", "store", "index")


@functools.cache
def _code_version() -> str:
    """A digest of the source of every module in CACHED_CODE, found by walking the packages: a
    module added, moved or changed there makes every cache built by the code before it stale."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}:{PARSER_VERSION}".encode())
    package = Path(__file__).resolve().parents[1]
    for name in CACHED_CODE:
        for source in sorted((package / name).rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode())
            with contextlib.suppress(OSError):
                digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _folder_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


class CacheFile:
    """One cache file: a state and a blob, valid while `key` is unchanged (for the search index and
    the finished library: the files, parser and code; for the parse cache, its own format). With no
    key, whatever the same code last saved there is taken, for a caller that checks the folder
    against it afterwards."""

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
                stat = os.fstat(handle.fileno())
                if stat.st_size - start != payload["blob"]:
                    raise BlobError(f"{self.what} cache is cut short")
                blob = Blob.in_file(self.path, start, stat, os.dup(handle.fileno()) if _HOLD_OPEN else None)
                handle.close()
                return state, blob
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

    def save(self, state: dict[str, Any], blob: Iterable[bytes | bytearray] = (), size: int = 0) -> Blob | None:
        """Save the state, and after it the blob of `size` bytes, written piece by piece so it is
        never joined in memory. Returns the blob as saved, read from the file; None when it could
        not be written (a read-only cache folder costs speed, not correctness)."""
        head = {"format": INDEX_FORMAT, "key": self.key, "code": _code_version(), "state": state, "blob": size}
        try:
            start, stat = dump_atomic(self.path, head, blob)
        except OSError:
            return None
        if stat.st_size - start != size:  # the pieces did not add up: never leave a cache that lies
            _set_aside(self.path)
            return None
        return Blob.in_file(self.path, start, stat)


def index_key(library: Library) -> str | None:
    """What the index depends on: the library's stamp (every file's size and mtime when loading
    began, the sidecar, the code). None for a library loaded without caches or built in memory."""
    return None if library.stamp is None else hashlib.sha256(f"{library.stamp}:index".encode()).hexdigest()


def open_index_cache(library: Library, *, force: bool = False) -> CacheFile | None:
    """The index cache for a library; None when BOARDREADER_NO_CACHE is set (unless forced) or the
    library is not a folder of files."""
    if os.environ.get("BOARDREADER_NO_CACHE") and not force:
        return None
    if not library.reports:
        return None
    key = index_key(library)
    if key is None:
        return None
    return CacheFile(cache_dir() / f"index-{_folder_key(Path(library.root))}.pickle", key)


def folder_stamp(listing: dict[str, tuple[int, int]]) -> str:
    """A digest of what a library is read from: every listed file's size and mtime (the date
    sidecar's and the folders that could not be read, too) and the code."""
    lines = [_code_version(), *(f"{rel}\0{size}\0{mtime}" for rel, (size, mtime) in listing.items())]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def open_library_cache(root: Path, stamp: str | None) -> CacheFile | None:
    """The finished library of a folder (after the library pass and merging), valid for one stamp,
    or with none, the last one saved by this code. A warm start loads this alone: no parse cache,
    no library pass, no merging."""
    if os.environ.get("BOARDREADER_NO_CACHE"):
        return None
    return CacheFile(cache_dir() / f"library-{_folder_key(root)}.pickle", stamp, what="library")
