"""Work on many files in worker processes: every core busy, and no one file can hold the caller.

`run_all(function, tasks)` calls `function(*task)` for each task in a pool of worker processes, one a
core, and yields each task with its outcome as it finishes, a few tasks in flight at a time so that
memory stays bounded however many there are. Each task has a `Budget`: one still running after
`seconds`, or asking for more than `memory` bytes, is given up (its outcome an `Overrun` that says
why in one sentence), its worker killed and replaced, and the rest go on. The caller only waits on
pipes: a regular expression that holds a worker's interpreter for minutes never holds the caller's,
so the reader's keys keep working while a hostile file is read, and `q` quits at once.

Where it runs:
- Linux: workers are forked, so they start in milliseconds with the parser already imported, a
  script that calls `load_library` needs no `if __name__ == "__main__":` guard, and the memory budget
  is a limit on each worker's address space (RLIMIT_AS): past it an allocation fails and the file
  is given up with a MemoryError, while the worker carries on.
- macOS, Windows: the platform's own way to start workers (spawn), so a script must guard its entry
  point as multiprocessing asks; RLIMIT_AS is not enforced there, so only the time budget holds (the
  size limits on files and their text still bound the memory a file can cost).
- Where worker processes cannot be started at all (no semaphores in some sandboxes), the tasks run
  in the caller's process, one after another, without budgets: slower and unguarded, never broken.

pebble runs the pool (see pyproject). Nothing here knows what a report is.

`map_beside(function, items)` is for work that needs no budget and is cheap per item but long in
all (the library pass over thousands of reports already parsed): one process forked beside the
caller takes a share of the items, with what the caller holds shared page by page rather than
sent, and their results come back in order, to be taken as the caller reaches them. A pool's
bookkeeping a task (a future, a timer, a result thread) cost as much as the work itself there.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

Task = TypeVar("Task", bound=tuple[Any, ...])
Item = TypeVar("Item")
Result = TypeVar("Result")

IN_FLIGHT = 4  # tasks handed to the pool a worker: enough to keep it busy, few enough to bound memory
WORKER_NICENESS = 10  # see _start_worker


@dataclass(frozen=True, slots=True)
class Budget:
    """What one task may cost before it is given up."""

    seconds: float = 10.0
    memory: int = 1024 * 1024 * 1024  # bytes of address space a worker may take on top of its own


@dataclass(frozen=True, slots=True)
class Overrun:
    """A task given up: past its budget, or its worker stopped. `reason` is one plain sentence."""

    reason: str


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A task still running when the caller's patience ran out (see run_all): not given up, stopped."""


def workers_wanted() -> int:
    """One worker a core this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run_all(
    function: Callable[..., Result],
    tasks: Sequence[Task],
    budget: Budget = Budget(),
    workers: int | None = None,
    patience: float | None = None,
    prepare: Callable[[], object] | None = None,
) -> Iterator[tuple[Task, Result | Overrun | Unfinished]]:
    """Each task with `function(*task)` or the Overrun that stopped it, in the order they finish.

    `function` (and `prepare`) must be importable by name (a module's top-level function), as the
    workers look them up. prepare: run in each worker as it starts, before its budgets count (an
    import that takes seconds on a busy machine must not cost a file its time).
    patience: once one task has finished and every task has been handed to the pool, how long to
    wait for the next to finish; if none does and each of the rest is running (none waits for a
    worker), those are stopped (each then comes with `Unfinished`), so that a caller can show what
    it has and read the stragglers again with their whole budget. None: wait for all.
    """
    if not tasks:
        return
    count = max(1, min(workers or workers_wanted(), len(tasks)))
    try:
        pool = _pool(count, budget, prepare)
    except (OSError, ImportError, NotImplementedError):  # no worker processes here: see the docstring
        yield from ((task, function(*task)) for task in tasks)
        return
    finished = False
    try:
        pending: dict[Future[Result], Task] = {}
        handed_out = 0
        while True:
            while len(pending) < count * IN_FLIGHT and handed_out < len(tasks):
                task = tasks[handed_out]
                handed_out += 1
                pending[pool.schedule(function, args=task, timeout=budget.seconds)] = task
            if not pending:
                break
            last_ones = handed_out == len(tasks) > len(pending)
            done, _ = wait(pending, timeout=patience if last_ones else None, return_when=FIRST_COMPLETED)
            if not done:  # none finished within the caller's patience
                # Asked only now, not when the wait began: a worker says it has started a task a
                # moment after it sent the result of the one before, and a task whose start was
                # not heard of yet then was waited on for its whole budget.
                if not all(f.running() for f in pending):
                    continue  # one still waits for a worker: its turn comes, then its patience
                yield from ((task, Unfinished()) for task in pending.values())
                return  # (finally: their workers are stopped)
            for future in done:
                yield pending.pop(future), _outcome(future, budget)
        finished = True
    finally:
        if finished:
            pool.close()  # every task is done: the workers leave as they finish
        else:
            pool.stop()  # the caller stopped listening (or failed): nothing more is worth waiting for
        pool.join()


def _pool(count: int, budget: Budget, prepare: Callable[[], object] | None) -> Any:
    import multiprocessing

    from pebble import ProcessPool

    # Forked on Linux (see the docstring); elsewhere fork is unsafe (macOS) or absent (Windows).
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    return ProcessPool(max_workers=count, initializer=_start_worker, initargs=(budget.memory, prepare), context=context)


def _outcome(future: Future[Any], budget: Budget) -> Any:
    from pebble import ProcessExpired

    try:
        return future.result()
    except TimeoutError:
        return Overrun(f"took longer than {budget.seconds:g} s to read")
    except MemoryError:
        return Overrun(f"needed more than {_size(budget.memory)} of memory to read")
    except ProcessExpired as exc:  # killed from outside, or an allocation in C code that could not fail softly
        return Overrun(f"its reading stopped abruptly (exit code {exc.exitcode}); it may need too much memory")
    except BrokenProcessPool:
        return Overrun("could not be read: the worker processes could not be started")
    except Exception as exc:  # the function's own failure: one task, never the rest
        return Overrun(f"could not be read ({type(exc).__name__}: {exc})")


def _size(size: int) -> str:
    return f"{size / (1024 * 1024 * 1024):g} GB" if size >= 1024**3 else f"{size / (1024 * 1024):.0f} MB"


def _start_worker(memory: int, prepare: Callable[[], object] | None) -> None:
    """Run first in each worker."""
    # pebble stops a worker with SIGTERM and a Python handler, which runs only between bytecodes,
    # so a worker stuck in one long regular-expression match would wait 3 s for SIGKILL instead.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Below the caller in the queue for a core: a reader's keys, and the user's other work, come
    # before a background parse; with the cores otherwise idle it changes nothing.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    if sys.platform == "linux" and memory > 0:
        try:  # never fail here: pebble would start a worker again and again
            import resource

            limit = _address_space() + memory
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (OSError, ValueError):
            pass  # no memory budget in this worker; the time budget still holds
    if prepare is not None:
        with contextlib.suppress(Exception):  # the first task meets the same failure, and says so
            prepare()


def _address_space() -> int:
    """The bytes of address space this process holds now (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


BESIDE_SHARE = 3  # of every BESIDE_SHARE items, the process beside takes all but one (see map_beside)
_PIPE_SIZE = 1024 * 1024  # results waiting in the pipe: slack for the two processes' uneven pace


def map_beside(
    function: Callable[[Item], Result], items: Sequence[Item], prepare: Callable[[], object] | None = None
) -> Generator[Result, None, None]:
    """`function(item)` for each item, in the items' order: two of every three computed in a process
    forked beside this one (`prepare` run there first), the third here, as the results are taken.

    Two of three, because the caller does its own work with each result as well (the library pass
    merges each report), so the two processes finish about together. The function and items are
    not sent, only each result, pickled: the forked process has all the caller had. If that
    process fails, or cannot be started (no fork on macOS and Windows, no processes in some
    sandboxes), the items it would have done are done here: slower, never wrong. A failure of the
    function itself is raised here, as if it had run here.
    """
    child = _fork_beside(function, items, prepare) if workers_wanted() > 1 and len(items) > 1 else None
    if child is None:
        yield from map(function, items)
        return
    process, results = child
    taken_all = False
    try:
        for i, item in enumerate(items):
            if i % BESIDE_SHARE == 0 or results is None:
                yield function(item)
                continue
            try:
                made, result = pickle.loads(results.recv_bytes())
            except (EOFError, OSError, pickle.UnpicklingError):  # it stopped: do the rest here
                results.close()
                results = None
                yield function(item)
                continue
            yield result if made else function(item)  # not made there: made here, to raise here
        taken_all = True
    finally:
        if results is not None:
            results.close()
        if taken_all:
            process.join(timeout=5)  # it has sent all it had to and is leaving
        if process.is_alive():
            process.kill()  # the caller stopped taking results (or it hangs): the rest are not wanted
        process.join()


def _fork_beside(
    function: Callable[[Item], Result], items: Sequence[Item], prepare: Callable[[], object] | None
) -> tuple[Any, Any] | None:
    if sys.platform != "linux":
        return None  # only a fork shares the caller's memory; spawning would send it all
    import multiprocessing

    context = multiprocessing.get_context("fork")
    try:
        results, sender = context.Pipe(duplex=False)
        with contextlib.suppress(OSError, AttributeError):  # a bigger pipe: best effort, Linux only
            import fcntl

            fcntl.fcntl(sender.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        process = context.Process(target=_beside, args=(function, items, prepare, sender), daemon=True)
        process.start()
    except (OSError, ImportError, NotImplementedError):
        return None
    sender.close()  # the child's end: the caller sees EOF when the child is gone
    return process, results


def _beside(
    function: Callable[[Any], Any], items: Sequence[Any], prepare: Callable[[], object] | None, sender: Any
) -> None:
    """The forked process: its share of the items, in order, each result sent as it is made.

    It leaves by os._exit, whatever happens: multiprocessing's own way out prints a failure on the
    terminal (a reader's screen) and flushes the standard streams, whose locks another thread of
    the caller (a reader writing to its terminal) may have held when it forked, so never free here."""
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if prepare is not None:
            prepare()
        for i, item in enumerate(items):
            if i % BESIDE_SHARE == 0:
                continue
            try:
                sent = pickle.dumps((True, function(item)), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # the caller makes it again, and meets the failure itself
                sent = pickle.dumps((False, None))
            sender.send_bytes(sent)
        sender.close()
    finally:
        os._exit(0)  # the caller reads an end it did not expect as "do the rest here"
