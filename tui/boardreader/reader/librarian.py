"""The reader's librarian: opens the folder's library, readies its index, and watches the folder.

It owns no widget and knows no screen. Its slow work runs in thread workers it starts on the app
(`start_loading`, `prepare_index`, a poll of the folder on a timer), each cancellable, and it says
what it found by posting a message (messages.py) to the app, which draws it on the UI thread.
Only `open_warm` runs on the UI thread: the library last read from this folder, read before the
first screen is drawn, costs less than drawing an empty screen while a worker reads it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.timer import Timer
from textual.worker import get_current_worker

from ..index.search import SearchIndex
from ..library.library import Library, LibraryError
from ..library.watch import Changes, LibraryWatcher
from ..session import last_library, load_library, reload_changed, search_index, settle
from ..store.cache import ParseCache, open_cache
from .messages import LibraryChanged, LibraryLoaded, LoadFailed, LoadProgress, Notice

PROGRESS_EVERY = 0.05  # seconds between progress messages while loading
WATCH_EVERY = 2.0  # seconds between polls of the folder
# Seconds to wait for the slowest files once every other is read, before showing those (the slow
# ones go on being read, each within its budget, and join the library when done: read_unfinished).
PATIENCE = 2.0


class Cancelled(Exception):
    """The worker reading the folder was cancelled (a newer load, or the app closing)."""


class Librarian:
    """The library of one folder over the reader's life: first read, index, and changes since.

    `watched` is the library as last read, even when it has no reports, so that a report dropped
    into an empty folder still appears.
    """

    def __init__(self, app: App[Any], directory: Path, *, watch_every: float | None = WATCH_EVERY) -> None:
        self.app = app  # where the workers run and the messages go (post_message is thread-safe)
        self.post = app.post_message
        self.directory = directory
        self.watch = bool(watch_every)  # None or 0: do not watch the folder for changes
        self.watch_every = watch_every or 0.0
        self._timer: Timer | None = None
        self.watcher: LibraryWatcher | None = None
        self.parse_cache: ParseCache | None = None
        self.watched: Library | None = None
        self.polling = False

    # opening --------------------------------------------------------------------------------
    def open_warm(self) -> Library | None:
        """The library last read from this folder, when the folder is watched (so a change since is
        seen straight after the first screen); None sends the reader to `load`."""
        if not self.watch:
            return None
        self.parse_cache = open_cache(self.directory)
        try:
            library = last_library(self.directory) if self.parse_cache is not None else None
        except LibraryError:
            library = None  # the worker says why
        if library is not None:
            self.watcher = LibraryWatcher(self.directory, library.listing)
            self.watched = library
        return library

    def start_loading(self) -> None:
        """Read the folder in a worker; a newer load cancels an older one."""
        self.app.run_worker(self.load, name="load", group="load", thread=True, exclusive=True)

    def load(self) -> None:
        """Read the folder (a thread worker's body), posting progress, then the library or why not."""
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int, name: str) -> None:
            nonlocal last
            if worker.is_cancelled:
                raise Cancelled
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or done == total:
                last = now
                self.post(LoadProgress(done, total, name))

        folder = str(self.directory)
        try:
            self.parse_cache = open_cache(self.directory)
            library = load_library(self.directory, progress=progress, cache=self.parse_cache, patience=PATIENCE)
            self.watcher = LibraryWatcher(self.directory, library.listing) if self.watch else None
        except Cancelled:
            return
        except LibraryError as exc:
            self.post(LoadFailed(folder, str(exc)))
            return
        except OSError as exc:
            self.post(LoadFailed(folder, f"The folder could not be read: {exc}"))
            return
        self.watched = library
        if worker.is_cancelled:
            return
        if library.unfinished:
            self.polling = True  # the watcher waits while the slow files are read (see read_unfinished)
        self.post(LibraryLoaded(library))
        if library.unfinished:
            self.read_unfinished(library)

    def read_unfinished(self, library: Library) -> None:
        """In the loading worker, once `library` is shown: read the files its load had no patience
        for (each within its budget, see library.PARSE_BUDGET), and post the library with them.
        The watcher waits meanwhile (`polling`), so one reload runs at a time."""
        files = library.unfinished
        named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        self.post(Notice(f"Still reading {named}: slow to read. The other reports are ready."))
        changes = Changes(changed=files)
        try:
            fresh = reload_changed(library, changes, self.parse_cache)
        except (LibraryError, OSError) as exc:
            self.post(Notice(f"The reports folder could not be read again: {exc}", warning=True))
            return
        finally:
            self.polling = False
        del library  # the app lets go of it on the swap (see poll)
        given_up = {s.file: s.reason for s in fresh.skipped}
        told = "; ".join(f"{f}: {given_up[f]}" if f in given_up else f"{f}: read" for f in files)
        self.watched = fresh
        self.post(LibraryChanged(fresh, changes, f"Finished reading the slow files ({told})."))

    # the index ------------------------------------------------------------------------------
    def index(self, library: Library) -> SearchIndex:
        """The library's index, read or built once (a search asked for before then waits here)."""
        return search_index(library)

    def prepare_index(self, library_now: Callable[[], Library | None]) -> None:
        """Ready the index of the library shown, in a worker started after the next screen update,
        so that reading it does not compete with that screen for the GIL."""

        def start() -> None:
            self.app.run_worker(lambda: self.prepare(library_now), name="index", group="index", thread=True)

        self.app.call_after_refresh(start)

    def prepare(self, library_now: Callable[[], Library | None]) -> None:
        """Read or build the index of the library shown (a thread worker's body), so the first
        search is quick; the merged people, contacts and programmes are read here too.

        It is given how to find the library, not the library: the worker is alive when `settle`
        freezes what is, and a frozen worker (a cycle) would keep its arguments for good, a
        swapped-out library too."""
        library = library_now()
        if library is not None and not get_current_worker().is_cancelled:
            _ = library.people
            settle(self.index(library))

    # watching -------------------------------------------------------------------------------
    def start_watching(self) -> None:
        """Poll the folder on a timer, and once after the next screen update (is the folder still as
        the library was read from it?)."""
        if self.watch and self._timer is None:
            self._timer = self.app.set_interval(self.watch_every, self.poll_soon)
        self.app.call_after_refresh(self.poll_soon)

    def poll_soon(self) -> None:
        """Poll the folder in a worker, one poll at a time (a slow network share must not pile up
        threads), and none before the folder was first read."""
        if self.polling or self.watcher is None or self.watched is None:
            return
        self.polling = True
        self.app.run_worker(self.poll, name="poll", group="watch", thread=True)

    def poll(self) -> None:
        """Look at the folder once (a thread worker's body); read it again if it changed."""
        try:
            library, watcher = self.watched, self.watcher
            if library is None or watcher is None:
                return
            changes = watcher.poll()
            if not changes or get_current_worker().is_cancelled:
                return
            try:
                fresh = reload_changed(library, changes, self.parse_cache)
            except (LibraryError, OSError) as exc:
                self.post(Notice(f"The reports folder could not be read again: {exc}", warning=True))
                return
            del library  # the app lets go of it on the swap; its index is built anew then (prepare)
            self.watched = fresh
            self.post(LibraryChanged(fresh, changes))
        finally:
            self.polling = False
