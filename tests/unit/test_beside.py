"""Work shared with a process forked beside this one (pool.map_beside), as the library pass of a
first load shares its reports: every result, in order, whatever becomes of that process."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from boardreader import session
from boardreader.corpus import parse
from boardreader.corpus.lexicon import Lexicon
from boardreader.corpus.model import Report
from boardreader.library import pool
from boardreader.library.pool import BESIDE_SHARE, map_beside
from boardreader.session import load_library

PAPERS = Path(__file__).parents[1] / "data" / "papers"

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="a process beside is forked (Linux only)")


def square_where(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@needs_fork
def test_results_come_in_order_and_most_are_made_beside() -> None:
    results = list(map_beside(square_where, range(30)))
    assert [square for square, _ in results] == [i * i for i in range(30)]
    here = {pid for i, (_, pid) in enumerate(results) if i % BESIDE_SHARE == 0}
    beside = {pid for i, (_, pid) in enumerate(results) if i % BESIDE_SHARE != 0}
    assert here == {os.getpid()}
    assert len(beside) == 1 and beside != here


def fails_on_seven(item: int) -> int:
    if item == 7:
        raise ValueError("seven")
    return item


@needs_fork
def test_a_failure_beside_is_raised_here_after_the_results_before_it() -> None:
    taken: list[int] = []
    with pytest.raises(ValueError, match="seven"):
        taken.extend(map_beside(fails_on_seven, range(20)))
    assert taken == list(range(7))


PARENT = os.getpid()


def dies_beside_at_ten(item: int) -> tuple[int, int]:
    if item == 10 and os.getpid() != PARENT:
        os._exit(3)  # as a process killed from outside ends: no exception, no goodbye
    return item, os.getpid()


@needs_fork
def test_when_the_process_beside_dies_the_rest_are_made_here() -> None:
    results = list(map_beside(dies_beside_at_ten, range(40)))
    assert [item for item, _ in results] == list(range(40))
    assert {pid for _, pid in results[10:]} == {PARENT}


def cannot_start() -> None:
    raise RuntimeError("the process beside could not get ready")


@needs_fork
def test_a_process_beside_that_fails_prints_nothing_and_its_items_are_made_here(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Its failure never reaches the terminal (a reader's screen) as a traceback."""
    results = list(map_beside(square_where, range(12), prepare=cannot_start))
    assert results == [(i * i, os.getpid()) for i in range(12)]
    assert "Traceback" not in capfd.readouterr().err


@needs_fork
def test_a_caller_that_stops_taking_results_leaves_no_process_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[Any, Any] | None] = []
    fork = pool._fork_beside

    def watched(*args: Any) -> tuple[Any, Any] | None:
        child = fork(*args)
        started.append(child)
        return child

    monkeypatch.setattr(pool, "_fork_beside", watched)
    results = map_beside(square_where, range(10_000))
    assert next(results) == (0, os.getpid())
    results.close()
    [child] = started
    assert child is not None
    process = child[0]
    assert not process.is_alive() and process.exitcode is not None


def test_where_no_process_can_be_forked_every_item_is_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert list(map_beside(square_where, range(9))) == [(i * i, os.getpid()) for i in range(9)]


@needs_fork
def test_a_first_load_makes_most_reports_whole_beside_and_gets_the_same_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library pass shared with a process beside gives the library of the pass made here alone:
    the same reports, bodies, people, contacts, programmes and actions."""
    folder = tmp_path / "papers"
    shutil.copytree(PAPERS, folder)
    made_here: list[str] = []
    apply_lexicon = parse.apply_lexicon

    def counted(report: Report, lexicon: Lexicon) -> Report:
        made_here.append(report.file) if os.getpid() == PARENT else None
        return apply_lexicon(report, lexicon)

    monkeypatch.setattr(parse, "apply_lexicon", counted)
    monkeypatch.setattr(session, "BESIDE_AT_LEAST", 10**9)
    alone = load_library(folder, cache=False)
    assert len(made_here) == len(alone.reports) > 30
    made_here.clear()
    monkeypatch.setattr(session, "BESIDE_AT_LEAST", 2)
    shared = load_library(folder, cache=False)
    assert len(made_here) == -(-len(shared.reports) // BESIDE_SHARE), "a third made here, the rest beside"
    assert shared.to_json() == alone.to_json()
    assert [shared.report(h.id) for h in shared.reports] == [alone.report(h.id) for h in alone.reports]
