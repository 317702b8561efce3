"""What a reports folder holds: the files to read as reports, in reading order, with their sizes and
modification times (the listing that keys the caches and seeds the watcher); the files never read;
file names made safe to print; a file of the folder opened so that it cannot block.

This module never imports textual.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..corpus.model import Skipped

SIDECAR = "boardreader.toml"  # dates a user sets by hand, in the reports folder (read, never written)


class LibraryError(Exception):
    """The folder cannot be opened as a library; the message is one sentence for the user."""


class NotRegularFile(OSError):
    """What was opened is not a regular file (it was swapped for a pipe, device or folder since it
    was looked at)."""

    reason = "not a regular file when opened (a pipe, device or folder since it was listed)"


# A named pipe with no writer blocks an ordinary open() for ever; opened non-blocking it does not.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def open_regular(path: Path, *, follow_links: bool = True) -> BinaryIO:
    """A file, open for reading, as long as it is a regular file once open. What a stat() said
    before can be stale by the open: a file swapped for a named pipe in between would block the
    open, and the reader with it, for ever. So it is opened non-blocking (which changes nothing for
    reading a regular file) and its descriptor checked. A report may be a link to a file, so links
    are followed unless `follow_links` is False (for our own cache and state files, which are never
    links: a link there fails with ELOOP). Raises NotRegularFile, or OSError as open() does."""
    no_follow = 0 if follow_links else getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | no_follow)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(NotRegularFile.reason)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


# Hidden files, editor backups and swap files, Office lock files (~$x.docx), partial downloads.
# Plain string tests, not a regex: this runs for every file at every start.
_IGNORED_STARTS = (".", "~$")
_IGNORED_ENDS = (".part", ".crdownload", "~", ".tmp", ".bak", *(f".sw{c}" for c in "abcdefghijklmnop"))
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", SIDECAR})


def ignored(name: str) -> bool:
    """A file the library never lists (see above), or the date sidecar."""
    lower = name.lower()
    return (
        lower.startswith(_IGNORED_STARTS)
        or lower.endswith(_IGNORED_ENDS)
        or lower in _IGNORED_NAMES
        or (len(name) > 1 and name[0] == "#" == name[-1])  # an Emacs auto-save file
    )


# Control characters and bidi controls in a file name (undecodable bytes are escaped before this).
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

Stamp = tuple[int, int]  # a file's size and mtime_ns; (-1, -1) when it cannot be stat'ed


def scan_folder(root: Path, problems: list[Skipped] | None = None) -> dict[str, Stamp]:
    """Every candidate file under root (relative POSIX path -> size and mtime), in reading order:
    each folder's files sorted, then its subfolders; hidden and editor files skipped. The date
    sidecar is listed too (under its name, when there is one): it changes the library as well.

    Links to folders are not followed, so a link loop cannot trap us; they and folders that cannot
    be read are added to `problems` (when given) with the reason, so the user learns why a folder's
    reports are missing, and listed under their path and a slash, so a watcher sees them come and
    go. One `scandir` pass with no Path per file: at 10,000 reports it is part of every start.
    """
    found: dict[str, Stamp] = {}
    pending = [(os.fspath(root), "")]
    while pending:
        folder, rel = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if not rel:
                raise LibraryError(f"Cannot read the folder {root}: {(exc.strerror or str(exc)).lower()}") from None
            _folder_problem(found, problems, rel, f"folder cannot be read: {(exc.strerror or str(exc)).lower()}")
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry):
                if entry.is_symlink():
                    reason = "link to a folder: not followed (a link could loop forever)"
                    _folder_problem(found, problems, f"{rel}{name}/", reason)
                else:
                    subfolders.append((entry.path, f"{rel}{name}/"))
            elif not rel and name.lower() == SIDECAR:  # as opened on a file system that ignores case
                found[SIDECAR] = _stamp_of(entry)
            elif not ignored(name):
                found[rel + name] = _stamp_of(entry)
        pending.extend(reversed(subfolders))  # depth first, in name order
    return found


def _folder_problem(found: dict[str, Stamp], problems: list[Skipped] | None, rel: str, reason: str) -> None:
    found[rel] = (-1, -1)
    if problems is not None:
        problems.append(Skipped(display_name(rel), reason))


def _stamp_of(entry: os.DirEntry[str]) -> Stamp:
    try:
        st = entry.stat()
    except OSError:  # a broken link or a link loop: listed, and read_report says why
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def report_files(listing: dict[str, Stamp]) -> list[str]:
    """The files of a listing to read as reports: not the date sidecar, nor a folder's problem."""
    return [rel for rel in listing if rel != SIDECAR and not rel.endswith("/")]


def display_name(rel: str) -> str:
    """A file name safe to print: control and bidi characters, and bytes that are not UTF-8, escaped."""
    rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE_NAME.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), rel)
