"""Fixtures for driving the reader: a private copy of the sample reports, and private state and
cache folders so no test reads or writes the user's own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardreader.reader import clipboard

REPORTS = Path(__file__).resolve().parents[2] / "reports"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("BOARDREADER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("BOARDREADER_CACHE_DIR", str(tmp_path / "cache"))
    # no test writes the clipboard of the person running it: a test that copies gives its own command
    monkeypatch.setattr(clipboard, "system_commands", lambda: [])
    yield


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    target = tmp_path / "reports"
    shutil.copytree(REPORTS, target)
    return target
