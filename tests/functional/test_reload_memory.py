"""Memory across reloads of a large library: the reader reloads a library of over 20,000 paragraphs
five times, as its watcher does when a file changes, with a report open and the search screen
opened and closed between reloads, and its memory comes back near where the first load left it:
every library swapped out is freed, and the freezes keep no garbage.

A large library and its index are frozen out of the cyclic collector once loaded (session.settle).
A freeze takes in the reader's widgets too, which sit in reference cycles: if nothing let them go,
each reload would keep the tree and report view it replaced, and every screen closed since."""

from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path

from boardreader.reader.app import BoardReaderApp
from boardreader.session import FREEZE_FROM, ready_index

from .helpers import SIZE, ready, wait_until

FAST = 0.1  # seconds between polls of the folder
REPORTS, PARAGRAPHS = 100, 210  # 21,000 paragraphs: past FREEZE_FROM, so the library is frozen
RELOADS = 5


def _paper(number: int, edition: int = 0) -> str:
    lines = [f"Highways and Housing Board – progress report {number}", "", "Progress", ""]
    for p in range(1, PARAGRAPHS + 1):
        lines += [f"{p}. The board noted step {p} of plan {number}.{edition}: resurfacing, new homes and "
                  f"library hours in ward {p % 37}, with costs reported to the next meeting.", ""]  # fmt: skip
    return "\n".join(lines)


def _resident_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


async def test_five_reloads_of_a_large_library_give_their_memory_back(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(REPORTS):
        (folder / f"progress_{n:03}.txt").write_text(_paper(n), "utf-8")
    app = BoardReaderApp(folder, watch_interval=FAST, remember=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            await wait_until(pilot, lambda: app.library is not None and ready_index(app.library) is not None, 300)
            await app.workers.wait_for_complete()
            index = ready_index(app.library)  # type: ignore[arg-type]
            assert index is not None and len(index.para_report) >= max(20000, FREEZE_FROM)
            del index
            await pilot.press("right", "right")  # the newest report open, its paragraphs drawn
            await pilot.pause()
            gc.collect()
            first_mb = _resident_mb()
            libraries = []
            for edition in range(1, RELOADS + 1):
                assert app.library is not None
                old = weakref.ref(app.library)  # held weakly: the test must not keep it alive itself
                libraries.append(old)
                for query in ("resurfacing", "library hours"):  # screens opened and closed
                    await pilot.press("slash", *query)
                    await pilot.pause()
                    await pilot.press("escape")
                (folder / f"progress_{edition:03}.txt").write_text(_paper(edition, edition), "utf-8")
                await wait_until(pilot, lambda: app.library is not old() and ready_index(app.library) is not None, 300)  # type: ignore[arg-type]  # noqa: B023
                await app.workers.wait_for_complete()
                await pilot.pause()
            gc.collect()
            last_mb = _resident_mb()
            assert [ref() for ref in libraries] == [None] * RELOADS, "every library swapped out is freed"
            if first_mb is not None and last_mb is not None:  # generous: one library and index are ~40 MB
                assert last_mb < first_mb + 40, (first_mb, last_mb)
            # What the freezes kept that was garbage (closed screens, replaced widgets): found by
            # the collector only once unfrozen. Each reload left thousands of objects so before.
            gc.unfreeze()
            kept = gc.collect()
            assert kept < 1500, f"{kept} objects of garbage were kept frozen"
    finally:
        gc.unfreeze()
