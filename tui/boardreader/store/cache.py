"""Caches in the user's cache folder: reports already parsed, the finished library and its index.

Each is one file per library folder: a pickle followed by a blob of raw bytes.
- The parse cache: each report as its file alone gave it, keyed by the report's relative path, size,
  modification time and the parser version, so an unchanged file is not parsed again and a changed
  one is. Its blob holds each report pickled on its own, read one at a time.
- The finished library and the index: valid only for exactly the same files (path, size, mtime),
  the same parser and the same code. The library's blob holds the report bodies, each read when a
  report is first read (so a warm start reads only what it shows), and its merged names; the
  index's holds the paragraph texts, read whole when the index loads.
Every cache is written atomically, piece by piece, and carries checksums: a CRC-32 of its pickle,
checked when the file is opened, and one of each 16 KB block of its blob, checked when a piece
of that block is first read (so a warm start still reads only what it shows). A corrupt, truncated
or outdated file is set aside (kept beside as `.corrupt`) and rebuilt, never fatal; so is one
whose bytes were flipped inside, which once unpickled to a library of nobody, for ever.

    [magic 8 | pickle length 8 | pickle CRC 4 | table CRC 4] [pickle] [blob] [CRC of each block]
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import hashlib
import os
import pickle
import struct
import sys
import weakref
import zlib
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from ..corpus.model import Report
from ..corpus.version import PARSER_VERSION
from ..library.folder import NotRegularFile, open_regular
from .paths import cache_dir, remove_stale_temporaries, replace_atomic

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
    """A piece of a blob could not be read: its cache file was replaced, cut short or damaged since."""


BLOCK = 16 * 1024  # the blob's checksummed unit: a report body is a few KB, so a first read costs a block or two


class BlockChecks:
    """The CRC-32 of each block of a blob, and which blocks have been found sound so far."""

    def __init__(self, table: array[int], size: int) -> None:
        self.table = table
        self.size = size
        self._sound = bytearray(len(table))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The whole blocks that hold bytes start..end."""
        return start - start % BLOCK, min(end + (-end) % BLOCK, self.size)

    def sound(self, start: int, end: int) -> bool:
        """Every block holding bytes start..end already checked."""
        return self._sound.find(0, start // BLOCK, (end - 1) // BLOCK + 1) == -1

    def check(self, start: int, data: bytes) -> None:
        """Check the whole blocks `data` holds from `start` (a block boundary) against the table."""
        first = start // BLOCK
        for at in range(0, len(data), BLOCK):
            block = first + at // BLOCK
            if not self._sound[block]:
                if zlib.crc32(data[at : at + BLOCK]) != self.table[block]:
                    raise BlobError(f"the cache file is damaged (block {block} fails its checksum)")
                self._sound[block] = 1


# POSIX: a cache file held open stays readable after a newer one is renamed over it, so a running
# library keeps reading its own bodies. Windows cannot rename over an open file, so there a blob
# opens its file for each piece and fails once the file has been replaced.
_HOLD_OPEN = hasattr(os, "pread")


class Blob:
    """Raw bytes kept beside a pickle rather than in it: in memory, or the tail of a cache file,
    read a piece at a time. A blob only ever returns bytes of the very file it was found in: held
    open (see _HOLD_OPEN), or checked to be that file at each read."""

    def __init__(self, data: bytes | bytearray | memoryview = b"", *, path: Path | None = None, start: int = 0,
                 identity: tuple[int, int, int] = (0, 0, 0), fd: int | None = None,
                 checks: BlockChecks | None = None) -> None:  # fmt: skip
        self._data = data
        self._path = path
        self._start = start
        self._identity = identity
        self._checks = checks
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
        checks = self._checks
        if checks is None or end <= start or checks.sound(start, end):
            return self._read_file(start, end)
        low, high = checks.span(start, end)  # read whole blocks the first time, to check them
        data = self._read_file(low, high)
        try:
            checks.check(low, data)
        except BlobError:
            self._set_aside()
            raise
        return data[start - low : end - low]

    def check(self, start: int, end: int) -> None:
        """Raise BlobError (and set the file aside) if the blocks holding bytes start..end fail
        their checksums, without keeping the bytes."""
        self.read(start, end)

    def _set_aside(self) -> None:
        """Set the damaged file aside, if it is still the one at its path (not a newer one since)."""
        path = cast(Path, self._path)
        with contextlib.suppress(OSError):
            if _identity(path.stat()) == self._identity:
                _set_aside(path)

    def _read_file(self, start: int, end: int) -> bytes:
        try:
            if self._fd is not None:
                piece = os.pread(self._fd, end - start, self._start + start)
            else:
                with cast(Path, self._path).open("rb") as handle:
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
    def in_file(cls, path: Path, start: int, stat: os.stat_result, checks: BlockChecks, fd: int | None = None) -> Blob:
        """The blob of a cache file from `start`, as long as the file is the one `stat` describes
        (`fd`, when given, is that file open, and the blob takes it over)."""
        return cls(path=path, start=start, identity=_identity(stat), fd=fd, checks=checks)

    def read_all(self) -> bytes:
        """The whole blob, in memory: for one read piece by piece too often to read from a file."""
        if self._path is None:
            return bytes(self._data)
        size = self._checks.size if self._checks is not None else self._identity[1] - self._start
        return self.read(0, size)


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _set_aside(path: Path) -> None:
    """Move a damaged cache file out of the way (kept for a bug report), so it is rebuilt."""
    with contextlib.suppress(OSError):
        os.replace(path, path.with_suffix(".corrupt"))


Key = tuple[int, int]  # a file's size and mtime_ns


def pickle_report(report: Report) -> bytes:
    """A first-pass report as the parse cache keeps it."""
    return pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)


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

    def put(self, file: str, key: Key, pickled: bytes, summary: Summary) -> None:
        """Keep a report (pickled by pickle_report) parsed from the file when it had this key."""
        self.entries[file] = (key, Blob(pickled), 0, len(pickled), summary)
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
    remove_stale_temporaries(cache_dir())
    return ParseCache(cache_dir() / f"parsed-{_folder_key(root)}.pickle")


INDEX_FORMAT = 5  # 2: a blob follows the pickle; 3: the parse cache is one too; 4: with summaries; 5: checksums


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
            handle = open_regular(self.path, follow_links=False)
        except FileNotFoundError:
            return None
        except OSError as exc:  # a pipe, a link or a folder where our file should be: set it aside
            if not isinstance(exc, NotRegularFile) and exc.errno != errno.ELOOP:
                return None  # cannot be read (permissions): costs speed, not correctness
            self.notice = f"{self.what} cache was not a file; set aside and rebuilt"
            _set_aside(self.path)
            return None
        with handle:
            try:
                return self._read(handle)
            except Exception:  # corrupt, truncated or failing its checksums: set it aside, start afresh
                self.notice = f"{self.what} cache was unreadable; set aside and rebuilt"
                handle.close()
                _set_aside(self.path)
                return None

    def _read(self, handle: IO[bytes]) -> tuple[dict[str, Any], Blob] | None:
        prefix = handle.read(_PREFIX.size)
        if not prefix.startswith(_MAGIC):
            handle.seek(0)
            payload = _unpickle(handle)  # an older format's pickle (or garbage, which raises)
            if not isinstance(payload, dict):
                raise TypeError(f"{self.what} cache is not a cache")
            self.notice = f"{self.what} cache was from another version; rebuilding it"
            return None
        _, head_length, head_crc, table_crc = _PREFIX.unpack(prefix)
        stat = os.fstat(handle.fileno())
        if _PREFIX.size + head_length > stat.st_size:
            raise BlobError(f"{self.what} cache is cut short")
        head = handle.read(head_length)
        if zlib.crc32(head) != head_crc:
            raise BlobError(f"{self.what} cache is damaged (its pickle fails its checksum)")
        with gc_paused():
            payload = pickle.loads(head)
        if not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT:
            self.notice = f"{self.what} cache was from another version; rebuilding it"
            return None
        if not self._fits(payload):
            return None  # the library or the code changed: an ordinary rebuild, nothing to tell
        if not isinstance(state := payload["state"], dict):
            raise TypeError(f"{self.what} state is not a dict")
        size, start = payload["blob"], _PREFIX.size + head_length
        blocks = -(-size // BLOCK)
        if stat.st_size != start + size + 4 * blocks:
            raise BlobError(f"{self.what} cache is cut short")
        handle.seek(start + size)
        table_bytes = handle.read(4 * blocks)
        if zlib.crc32(table_bytes) != table_crc:
            raise BlobError(f"{self.what} cache is damaged (its table of checksums fails its own)")
        checks = BlockChecks(_table(table_bytes), size)
        return state, Blob.in_file(self.path, start, stat, checks, os.dup(handle.fileno()) if _HOLD_OPEN else None)

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
        written: list[Written] = []

        def write(handle: IO[bytes]) -> None:
            written.append(_write(handle, head, blob))

        try:
            replace_atomic(self.path, write)
        except OSError:
            return None
        start, blob_size, table, stat = written[0]
        if blob_size != size:  # the pieces did not add up: never leave a cache that lies
            _set_aside(self.path)
            return None
        return Blob.in_file(self.path, start, stat, BlockChecks(table, size))


_MAGIC = b"BRcache\x01"
_PREFIX = struct.Struct("<8sQII")  # magic, the pickle's length, its CRC-32, the CRC-32 of the table of blocks


class _Counting:
    """A file to pickle into that keeps the length and CRC-32 of what went through it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.length, self.crc = handle, 0, 0

    def write(self, data: bytes) -> int:
        self.length += len(data)
        self.crc = zlib.crc32(data, self.crc)
        return self.handle.write(data)


Written = tuple[int, int, "array[int]", os.stat_result]  # where the blob starts, its length, checksums, stat


def _write(handle: IO[bytes], head: dict[str, Any], pieces: Iterable[bytes | bytearray]) -> Written:
    """Write a cache file (see the module's docstring): returns where its blob starts, the blob's
    length, its table of block checksums and the file's stat."""
    handle.write(bytes(_PREFIX.size))  # filled in last, when the checksums are known
    counting = _Counting(handle)
    pickle.dump(head, counting, protocol=pickle.HIGHEST_PROTOCOL)
    table: array[int] = array("I")
    crc = filled = size = 0
    for piece in pieces:
        view = memoryview(piece)
        handle.write(view)
        size += len(view)
        while view:
            take = min(BLOCK - filled, len(view))
            crc, filled, view = zlib.crc32(view[:take], crc), filled + take, view[take:]
            if filled == BLOCK:
                table.append(crc)
                crc = filled = 0
    if filled:
        table.append(crc)
    table_bytes = _table_bytes(table)
    handle.write(table_bytes)
    handle.seek(0)
    handle.write(_PREFIX.pack(_MAGIC, counting.length, counting.crc, zlib.crc32(table_bytes)))
    handle.flush()
    return _PREFIX.size + counting.length, size, table, os.fstat(handle.fileno())


def _table_bytes(table: array[int]) -> bytes:
    if sys.byteorder == "big":  # stored little-endian, so a cache folder can be shared
        table = array("I", table)
        table.byteswap()
    return table.tobytes()


def _table(data: bytes) -> array[int]:
    table: array[int] = array("I")
    table.frombytes(data)
    if sys.byteorder == "big":
        table.byteswap()
    return table


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
