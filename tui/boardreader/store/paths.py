"""Where things live: the shipped sample reports, and the user's state and cache folders.

State and cache go in the user's folders (platformdirs), never beside the reports, which are
read-only to us. BOARDREADER_STATE_DIR and BOARDREADER_CACHE_DIR point them elsewhere (tests do).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
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


def folder_inside(root: Path, *, state: bool) -> str | None:
    """One sentence refusing a cache folder (and, when `state` is asked for, a state folder) set
    inside the reports folder, or None when they are elsewhere. Writing there would put our files
    among the reports, and a reader watching the folder would see its own writes and reload for
    ever. Links are resolved, so a folder reached through a link is caught too."""
    reports = root.expanduser().resolve()
    places = [] if os.environ.get("BOARDREADER_NO_CACHE") else [("cache", "BOARDREADER_CACHE_DIR", cache_dir())]
    if state:
        places.append(("state", "BOARDREADER_STATE_DIR", state_dir()))
    for what, variable, folder in places:
        if folder.expanduser().resolve().is_relative_to(reports):
            return (
                f"The {what} folder {folder} is inside the reports folder {root}, and boardreader never writes "
                f"among the reports: set {variable} to a folder outside it."
            )
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so a reader never sees half a file."""
    replace_atomic(path, lambda handle: handle.write(data))


def replace_atomic(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Let `write` fill a new file, then rename it over `path`: a reader never sees half a file, and
    a writer killed meanwhile leaves only its temporary file (see remove_stale_temporaries)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=_TEMPORARY)
    try:
        with os.fdopen(fd, "w+b") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMPORARY = ".tmp"
ORPHAN_AGE = 24 * 3600  # seconds after which a temporary file whose writer cannot be known is left behind


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files that writers killed mid-write left in one of our folders (a
    20 MB one was once left for ever): those whose writing process is gone, and any a day old.
    Another reader's file being written now is left alone. Returns the names removed."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(_TEMPORARY)):
            continue
        writer = name.removesuffix(_TEMPORARY).split(".")[-2:-1]  # .{target}.{pid}.{random}.tmp
        try:
            writer_gone = bool(writer) and writer[0].isdigit() and _gone(int(writer[0]))
            if writer_gone or now - entry.stat().st_mtime > ORPHAN_AGE:
                os.unlink(entry.path)
                removed.append(name)
        except OSError:
            continue
    return removed


def _gone(pid: int) -> bool:
    """No process of this id is running here (never asked on Windows, where os.kill would end it)."""
    if pid == os.getpid() or os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process: running
        return False
    return False
