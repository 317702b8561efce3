"""The reader's first load with its library pass shared with a process forked beside it (from the
reader's loading thread, while Textual runs): the library it shows is the library made in one
process, and no process is left behind."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from pathlib import Path

import pytest

from boardreader import session
from boardreader.corpus import parse
from boardreader.corpus.lexicon import Lexicon
from boardreader.corpus.model import Report
from boardreader.reader.app import BoardReaderApp
from boardreader.session import load_library

from .helpers import SIZE, ready, screen_text

PAPERS = Path(__file__).parents[1] / "data" / "papers"
READER = os.getpid()


@pytest.mark.skipif(sys.platform != "linux", reason="a process beside is forked (Linux only)")
async def test_the_reader_shares_its_first_load_and_shows_the_whole_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "papers"
    shutil.copytree(PAPERS, folder)
    made_here: list[str] = []
    apply_lexicon = parse.apply_lexicon

    def counted(report: Report, lexicon: Lexicon) -> Report:
        if os.getpid() == READER:
            made_here.append(report.file)
        return apply_lexicon(report, lexicon)

    monkeypatch.setattr(parse, "apply_lexicon", counted)
    monkeypatch.setattr(session, "BESIDE_AT_LEAST", 2)  # the papers here are fewer than a real library's
    app = BoardReaderApp(folder, remember=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await app.workers.wait_for_complete()
        assert app.library is not None
        shown = len(app.library.reports)
        assert f"{shown} reports in" in screen_text(app)
        assert 0 < len(made_here) < shown, "most reports were made whole beside the reader"
        assert multiprocessing.active_children() == [], "the process beside is gone"
        monkeypatch.setattr(session, "BESIDE_AT_LEAST", 10**9)
        alone = load_library(folder, cache=False)  # the library pass made here alone
        assert app.library.to_json() == alone.to_json()
