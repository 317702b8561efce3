"""The reports folder is read-only to boardreader: every subcommand, the library and the watcher run over
a read-only copy, and afterwards every file has the same bytes and mtime and nothing new has appeared.

Tests run as root, where `chmod a-w` stops nothing, so two more guards stand in for the kernel: an
audit hook that records any attempt to open for writing, rename, delete or touch something under the
folder, and a comparison of the folder's full listing before and after.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boardreader import cli
from boardreader.library.watch import LibraryWatcher
from boardreader.session import load_library, reload_changed
from boardreader.store.cache import open_cache

ROOT = Path(__file__).resolve().parents[2]
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_MUTATING_EVENTS = {
    "os.rename": 2,
    "os.replace": 2,
    "os.remove": 1,
    "os.rmdir": 1,
    "os.mkdir": 1,
    "os.chmod": 1,
    "os.chown": 1,
    "os.utime": 1,
    "os.symlink": 2,
    "os.link": 2,
    "os.truncate": 1,
    "shutil.rmtree": 1,
}
_guarded: list[Path] = []
_violations: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _guarded:
        return
    paths: list[object] = []
    if event == "open" and len(args) >= 3:
        mode, flags = args[1], args[2]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing:
            paths = [args[0]]
    elif event in _MUTATING_EVENTS:
        paths = list(args[: _MUTATING_EVENTS[event]])
    for p in paths:
        if isinstance(p, (str, bytes, os.PathLike)):
            resolved = Path(os.fsdecode(p)).resolve()
            if any(resolved == g or g in resolved.parents for g in _guarded):
                _violations.append(f"{event} {resolved}")


sys.addaudithook(_audit)  # audit hooks cannot be removed; it does nothing unless a test guards a folder


def listing(root: Path) -> dict[str, tuple[int, int, bytes | str]]:
    """Every entry under root with its mode, mtime and content (or link target)."""
    out: dict[str, tuple[int, int, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                content: bytes | str = os.readlink(path)
            elif stat.S_ISREG(st.st_mode):
                content = path.read_bytes()
            else:
                content = ""
            out[path.relative_to(root).as_posix()] = (st.st_mode, st.st_mtime_ns, content)
    out["."] = (root.stat().st_mode, root.stat().st_mtime_ns, "")
    return out


@pytest.fixture
def readonly_library(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "reports"
    shutil.copytree(ROOT / "reports", root)
    nested = root / "2019"
    nested.mkdir()
    (nested / "cp1252.txt").write_bytes("Report to the Board\n\n1. £5 “agreed”.\n".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "broken.txt").symlink_to(root / "missing.txt")
    (root / "boardreader.toml").write_text('[dates]\n"empty.txt" = "2001"\n', "utf-8")
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
    root.chmod(root.stat().st_mode & ~0o222)
    before = listing(root)
    _guarded.append(root.resolve())
    _violations.clear()
    try:
        yield root
    finally:
        _guarded.clear()
    assert _violations == []
    assert listing(root) == before
    for dirpath, dirnames, _ in os.walk(root):  # let pytest clean up the temporary folder
        for name in [*dirnames, "."]:
            (Path(dirpath) / name).chmod(0o755)


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["check"],
        ["search", "leadership"],
        ["search", "Shortland", "--json"],
        ["search", "nothing-matches-this", "--limit", "3"],
    ],
    ids=lambda argv: "-".join(argv),
)
def test_every_subcommand_leaves_the_folder_as_it_was(
    readonly_library: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*argv[:2], str(readonly_library), *argv[2:]] if argv[0] == "search" else [argv[0], str(readonly_library)]
    assert cli.main(args) == 0
    assert capsys.readouterr().out
    assert cli.main(args) == 0  # the second run reads the parse cache, which lives elsewhere
    cache_dir = Path(os.environ["BOARDREADER_CACHE_DIR"])
    assert list(cache_dir.glob("parsed-*.pickle")), "the parse cache was written to the user's cache folder"


def test_library_cache_and_watcher_leave_the_folder_as_it_was(readonly_library: Path) -> None:
    cache = open_cache(readonly_library)
    lib = load_library(readonly_library, cache=cache)
    assert len(lib.reports) >= 6
    watcher = LibraryWatcher(readonly_library)
    assert not watcher.poll()
    lib = reload_changed(lib, watcher.poll(), cache)
    lib.search("board")
    lib.to_json()


def test_the_guard_itself_notices_a_write(tmp_path: Path) -> None:
    target = tmp_path / "guarded"
    target.mkdir()
    _guarded.append(target.resolve())
    try:
        (target / "new.txt").write_text("x", "utf-8")
        os.replace(target / "new.txt", target / "renamed.txt")
    finally:
        _guarded.clear()
    assert {v.split()[0] for v in _violations} == {"open", "os.rename"}
    _violations.clear()


async def test_the_reader_leaves_the_folder_as_it_was(readonly_library: Path) -> None:
    from boardreader.reader.app import BoardReaderApp

    app = BoardReaderApp(readonly_library)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):  # the library loads in a worker
            if app.library is not None:
                break
            await pilot.pause(0.05)
        assert app.library is not None and app.library.reports
        for key in ("right_square_bracket", "j", "j", "b", "right_square_bracket", "t", "slash", "b", "o"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape", "q")
    state_dir = Path(os.environ["BOARDREADER_STATE_DIR"])
    assert state_dir.exists(), "the reader's state went to the user's state folder"
