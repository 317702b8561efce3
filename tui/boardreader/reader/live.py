"""Live changes for the reader: poll the reports folder on a timer and swap a re-read library in.

The stat-ing and the re-reading both run in thread workers, so a large folder never stalls the
screen; only the swap (tree, open report, search) runs on the UI thread, and it keeps the reader's
place: the same report, paragraph and scroll, or a notice saying which open report went away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work

from ..library.library import Library, LibraryError
from ..library.watch import Changes
from ..session import reload_changed
from .widgets.library_tree import short_title

if TYPE_CHECKING:
    from .app import BoardReaderApp

WATCH_EVERY = 2.0  # seconds between polls of the folder


def describe(changes: Changes) -> str:
    parts = [
        f"{len(files)} {what}"
        for files, what in ((changes.added, "added"), (changes.changed, "changed"), (changes.removed, "removed"))
        if files
    ]
    return "Reports folder changed: " + ", ".join(parts) + "."


class LiveChanges:
    """Mixed into the app: a watcher made before the first load, a timer, and the swap.

    `watched` is the library as last read, even when it has no reports (and `library` is None), so
    a report dropped into an empty folder still appears.
    """

    def start_watching(self) -> None:
        app = cast("BoardReaderApp", self)  # a mixin: the methods run on the app
        if app.watch_interval and app._watch_timer is None:
            app._watch_timer = app.set_interval(app.watch_interval, app._poll_tick)

    def _poll_tick(self) -> None:
        app = cast("BoardReaderApp", self)  # a mixin: the methods run on the app
        # one poll at a time: a slow network share must not pile up threads
        if not app._polling and app.watcher is not None and app.watched is not None:
            app._polling = True
            app.poll_folder()

    @work(thread=True, group="watch")
    def poll_folder(self) -> None:
        app = cast("BoardReaderApp", self)  # a mixin: the methods run on the app
        try:
            library, watcher = app.watched, app.watcher
            if library is None or watcher is None:
                return
            changes = watcher.poll()
            if not changes:
                return
            try:
                fresh = reload_changed(library, changes, app.parse_cache)
            except (LibraryError, OSError) as exc:
                message = f"The reports folder could not be read again: {exc}"
                app.call_from_thread(app.notify, message, severity="warning", timeout=6, markup=False)
                return
            del library  # held only by the app now: swapped out below, and let go with its index
            app.call_from_thread(app.library_changed, fresh, changes)
            # Built here, off the UI thread, so the next search is quick; and only once the old
            # library is swapped out, so the two indexes are never held at once (at 10,000 reports
            # the reader peaked at 481 MB doing so). A search meanwhile waits for it.
            app.settle(app.search_index(fresh))
        finally:
            app._polling = False

    def read_unfinished(self, library: Library) -> None:
        """In the loading worker, once `library` is shown: read the files its load had no patience
        for (each within its budget, see library.PARSE_BUDGET), and swap in the library with them.
        The watcher waits meanwhile (`_polling`), so one reload runs at a time."""
        app = cast("BoardReaderApp", self)  # a mixin: the methods run on the app
        files = library.unfinished
        named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        app.call_from_thread(app.notify, f"Still reading {named}: slow to read. The other reports are ready.",
                             timeout=6, markup=False)  # fmt: skip
        changes = Changes(changed=files)
        try:
            fresh = reload_changed(library, changes, app.parse_cache)
        except (LibraryError, OSError) as exc:
            message = f"The reports folder could not be read again: {exc}"
            app.call_from_thread(app.notify, message, severity="warning", timeout=6, markup=False)
            return
        finally:
            app._polling = False
        del library  # held only by the app now (see poll_folder)
        given_up = {s.file: s.reason for s in fresh.skipped}
        told = "; ".join(f"{f}: {given_up[f]}" if f in given_up else f"{f}: read" for f in files)
        app.call_from_thread(app.library_changed, fresh, changes, f"Finished reading the slow files ({told}).")
        app.settle(app.search_index(fresh))

    def library_changed(self, fresh: Library, changes: Changes, notice: str | None = None) -> None:
        app = cast("BoardReaderApp", self)  # a mixin: the methods run on the app
        """Swap `fresh` in, keeping the user's place; tell the user what changed (or `notice`)."""
        old = app.library
        app.watched = fresh
        view = app.main.report_view
        open_report = view.report
        paragraph, scroll = view.paragraph, view.scroll_y
        if not fresh.reports:
            app.library = None
            view.report = None
            reason = "Every report has gone from the folder." if old else "Still no file here reads as a report."
            app.main.show_empty(str(fresh.root), reason, fresh.skipped)
            app.notify(reason, severity="warning" if old is not None else "information", timeout=8, markup=False)
            return
        if old is None:  # the folder had nothing to read before: start as a fresh load would
            app.library_ready(fresh)
            app.notify(notice or describe(changes), timeout=4, markup=False)
            return
        app.library = fresh
        tree = app.main.library_tree
        opened = {n.data for n in tree._walk(tree.root) if n.is_expanded and n.data is not None}
        cursor_line = tree.cursor_line
        app.main.show_library(fresh, app.state.tree_mode, app.state.for_library(app.directory).bookmarks)
        for node in tree._walk(tree.root):  # _walk descends as it opens, so nested branches reopen too
            if node.data in opened:
                node.expand()
        tree.cursor_line = min(cursor_line, max(0, tree.last_line))
        from .screens.search import SearchScreen  # imported when first opened (see app.action_search)

        for screen in app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.library = fresh
        if open_report is not None:
            report = fresh.report(open_report.id)
            if report is None:
                gone = f"“{short_title(open_report)}” ({open_report.file})"
                app.notify(f"The open report {gone} was removed from the folder.", title="Report removed",
                            severity="warning", timeout=10, markup=False)  # fmt: skip
                view.report = None
                view.display = False
                app.main.query_one("#welcome").display = True
                if app.focused is view or app.focused is None:
                    tree.focus()
                return
            if paragraph is not None and report.paragraphs:
                paragraph = min(paragraph, len(report.paragraphs) - 1)
            app.main.show_report(report, paragraph, None)
            app.call_after_refresh(lambda: view.scroll_to(y=scroll, animate=False))
        if old is not None:
            app.notify(notice or describe(changes), timeout=4, markup=False)
