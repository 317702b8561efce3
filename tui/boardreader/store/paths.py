"""Where things live: the shipped sample reports, and the user's state and cache folders.

State and cache go in the user's folders (platformdirs), never beside the reports, which are
read-only to us. BOARDREADER_STATE_DIR and BOARDREADER_CACHE_DIR point them elsewhere (tests do).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib.resources import files
from pathlib import Path
from typing import IO

from platformdirs import user_cache_path, user_data_path

APP = "boardreader"


def default_reports_dir() -> Path:
    """The sample reports: inside the installed package, or `reports/` beside the source tree."""
    packaged = Path(str(files("boardreader") / "sample_reports"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "reports"


def state_dir() -> Path:
    env = os.environ.get("BOARDREADER_STATE_DIR")
    return Path(env) if env else user_data_path(APP)


def cache_dir() -> Path:
    env = os.environ.get("BOARDREADER_CACHE_DIR")
    return Path(env) if env else user_cache_path(APP)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so a reader never sees half a file."""
    _replace(path, lambda handle: handle.write(data))


def dump_atomic(path: Path, obj: object, tail: Iterable[bytes | bytearray] = ()) -> tuple[int, os.stat_result]:
    """Pickle `obj` straight into a new file, then write `tail` piece by piece, and rename it into
    place: as write_atomic, without ever holding the whole file in memory (at 10,000 reports the
    parse cache alone is 95 MB). Returns where the tail begins and the file's stat, so the caller
    can read the tail back from the file it just wrote."""
    written: list[tuple[int, os.stat_result]] = []

    def write(handle: IO[bytes]) -> None:
        pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        start = handle.tell()
        handle.writelines(tail)
        handle.flush()
        written.append((start, os.fstat(handle.fileno())))

    _replace(path, write)
    return written[0]


def _replace(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
