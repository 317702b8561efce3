"""The cache file: a pickled state followed by a blob of raw bytes, written atomically piece by
piece, and checked: a CRC-32 of its pickle when the file is opened, one of each 16 KB block of its
blob when a piece of that block is first read (so a warm start still reads only what it shows). A
corrupt, truncated or outdated file is set aside (kept beside as `.corrupt`) and rebuilt, never
fatal; so is one whose bytes were flipped inside, which once unpickled to a library of nobody, for
ever. The version of the code that wrote a file (`code_version`) is in its header: a cache is
valid only for the code that made it.

    [magic 8 | pickle length 8 | pickle CRC 4 | table CRC 4] [pickle] [blob] [CRC of each block]

What each cache holds, and how it is keyed, is cache.py's.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import pickle
import struct
import sys
import weakref
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, cast

from ..corpus.version import PARSER_VERSION
from ..library.folder import NotRegularFile, open_regular
from .paths import replace_atomic


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
        """The object pickled in a piece. Raises when the piece cannot be read or is not a pickle:
        a damaged cache, to be read another way."""
        return pickle.loads(self.read(start, end))

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


INDEX_FORMAT = 7  # 2: blob after pickle; 3: parse cache too; 4: summaries; 5: checksums; 6: named entries
# 7: a person carries what they wrote, own, attended, and their contact's posts; action labels


# The packages whose code shapes what the library and index caches hold: the parser's output, the
# library pass and merging, the catalogue's format, the index.
CACHED_CODE = ("corpus", "library", "store", "index")


@functools.cache
def code_version() -> str:
    """A digest of the code that shapes what the library and index caches hold (see source_digest)."""
    return source_digest(Path(__file__).resolve().parents[1])


def source_digest(package: Path) -> str:
    """A digest of the source of every module in the package's CACHED_CODE, found by walking them:
    a module added, moved or changed there makes every cache built by the code before it stale."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}:{PARSER_VERSION}".encode())
    for name in CACHED_CODE:
        for source in sorted((package / name).rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode())
            with contextlib.suppress(OSError):
                digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


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
            payload = pickle.load(handle)  # an older format's pickle (or garbage, which raises)
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
        payload = pickle.loads(head)  # the session pauses the collector around a load
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
        return bool(payload.get("code") == code_version())

    def save(self, state: dict[str, Any], blob: Iterable[bytes | bytearray] = (), size: int = 0) -> Blob | None:
        """Save the state, and after it the blob of `size` bytes, written piece by piece so it is
        never joined in memory. Returns the blob as saved, read from the file; None when it could
        not be written (a read-only cache folder costs speed, not correctness)."""
        head = {"format": INDEX_FORMAT, "key": self.key, "code": code_version(), "state": state, "blob": size}
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
