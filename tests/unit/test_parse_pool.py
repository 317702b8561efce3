"""Parsing in worker processes: a file past its time or memory budget is skipped with the reason,
its worker killed and replaced, and every other file still loads."""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boardreader import session
from boardreader.corpus.model import Skipped
from boardreader.library import library, pool
from boardreader.library.library import Library, read_report
from boardreader.library.pool import Budget, Overrun, Unfinished, run_all
from boardreader.session import Parsed, library_of, load_library, read_in_worker

SAMPLE_COUNT = 5
HOSTILE = "hostile.txt"


def stuck_in_a_regex(root: str, rel: str) -> Parsed | Skipped:
    """As a quadratic pattern on a few hundred KB behaves: one match that never ends, inside the
    regular-expression engine, where no Python signal handler can run."""
    if rel == HOSTILE:
        re.match(r"(a+)+$", "a" * 64 + "!")
    return read_in_worker(root, rel)


def eats_memory(root: str, rel: str) -> Parsed | Skipped:
    """As a document that unpacks to gigabytes behaves: memory taken a megabyte at a time."""
    if rel == HOSTILE:
        hoard = []
        while True:
            hoard.append(bytearray(1024 * 1024))
    return read_in_worker(root, rel)


def dies(root: str, rel: str) -> Parsed | Skipped:
    """As a crash in C code (or the kernel's OOM killer) looks from outside: the worker is gone."""
    if rel == HOSTILE:
        os._exit(9)
    return read_in_worker(root, rel)


def reasons(lib: Library) -> dict[str, str]:
    return {s.file: s.reason for s in lib.skipped}


@pytest.fixture
def hostile_dir(sample_dir: Path) -> Path:
    (sample_dir / HOSTILE).write_text("Report to the Board\n\n1. " + "[a](" * 1000 + "\n", "utf-8")
    return sample_dir


def test_a_file_past_its_time_budget_is_skipped_and_the_rest_load(
    hostile_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session, "read_in_worker", stuck_in_a_regex)
    monkeypatch.setattr(library, "PARSE_BUDGET", Budget(seconds=1.0))
    started = time.monotonic()
    lib = load_library(hostile_dir)
    elapsed = time.monotonic() - started
    assert reasons(lib) == {HOSTILE: "took longer than 1 s to read"}
    assert len(lib.reports) == SAMPLE_COUNT
    assert elapsed < 30, "the hung worker was killed, not waited for (the match alone takes hours)"
    assert multiprocessing.active_children() == [], "no worker outlives the load"


def test_a_file_past_its_memory_budget_is_skipped_and_the_rest_load(
    hostile_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "sched_getaffinity"):  # Linux: the budget is RLIMIT_AS (see parse_pool)
        pytest.skip("the memory budget is enforced on Linux only")
    monkeypatch.setattr(session, "read_in_worker", eats_memory)
    monkeypatch.setattr(library, "PARSE_BUDGET", Budget(seconds=60.0, memory=200 * 1024 * 1024))
    lib = load_library(hostile_dir)
    assert reasons(lib) == {HOSTILE: "needed more than 200 MB of memory to read"}
    assert len(lib.reports) == SAMPLE_COUNT


def test_a_worker_that_dies_costs_its_file_alone(hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session, "read_in_worker", dies)
    lib = load_library(hostile_dir)
    assert reasons(lib) == {HOSTILE: "its reading stopped abruptly (exit code 9); it may need too much memory"}
    assert len(lib.reports) == SAMPLE_COUNT


def test_the_worker_given_up_is_replaced(hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With one worker, every file after the hostile one is read by its replacement."""
    tasks = [(str(hostile_dir), rel) for rel in [HOSTILE, *sorted(p.name for p in hostile_dir.glob("0*.txt"))]]
    outcomes = dict(
        (rel, outcome) for (_, rel), outcome in run_all(stuck_in_a_regex, tasks, Budget(seconds=1.0), workers=1)
    )
    assert outcomes.pop(HOSTILE) == Overrun("took longer than 1 s to read")
    assert len(outcomes) == SAMPLE_COUNT and all(isinstance(o, tuple) for o in outcomes.values())


def quick_or_stuck(name: str) -> str:
    if name == "stuck":
        re.match(r"(a+)+$", "a" * 64 + "!")
    return name


def test_patience_reaches_a_straggler_whose_start_is_heard_of_after_the_last_file_before_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One worker (or the other one late to start, as on a busy machine): the straggler is started by
    the worker that has just finished the file before it, and its start reaches this process a
    moment after that file's result. The reader must still be shown the rest after its patience,
    not after the straggler's whole budget (the hostile-load test failed now and then for this)."""
    real_pool = pool._pool

    def heard_of_late(count: int, budget: Budget, prepare: Callable[[], object] | None) -> Any:
        made = real_pool(count, budget, prepare)
        schedule = made.schedule

        def scheduled(function: object, args: tuple[object, ...] = (), timeout: float | None = None) -> Any:
            future = schedule(function, args=args, timeout=timeout)
            running, asked = future.running, []

            def not_heard_of_at_first() -> bool:  # the first question comes before the worker's word
                asked.append(True)
                return len(asked) > 1 and bool(running())

            future.running = not_heard_of_at_first
            return future

        made.schedule = scheduled
        return made

    monkeypatch.setattr(pool, "_pool", heard_of_late)
    started = time.monotonic()
    outcomes = list(run_all(quick_or_stuck, [("quick",), ("stuck",)], Budget(seconds=60.0), workers=1, patience=0.5))
    assert outcomes == [(("quick",), "quick"), (("stuck",), Unfinished())]
    assert time.monotonic() - started < 30, "given up after its patience, not its budget"


def test_the_pool_reads_what_one_process_reads(sample_dir: Path) -> None:
    """The same library as reading every file here, one after another, in the folder's order
    however the workers finish."""
    (sample_dir / "empty.txt").write_bytes(b"")
    (sample_dir / "a-empty.txt").write_bytes(b"")
    pooled = load_library(sample_dir)
    read_here = [read_report(path, sample_dir) for path in sorted(sample_dir.iterdir())]
    alone = library_of(
        sample_dir,
        [r for r in read_here if not isinstance(r, Skipped)],
        [r for r in read_here if isinstance(r, Skipped)],
    )
    assert pooled.to_json() == alone.to_json()
    assert [s.file for s in pooled.skipped] == ["a-empty.txt", "empty.txt"]
