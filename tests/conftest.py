"""Shared fixtures: the sample library, and user dirs pointed at temporary folders for every test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boardreader.corpus.model import Report, ReportHead
from boardreader.store.catalogue import StoredBodies

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "reports"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's state or cache from a test."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("BOARDREADER_STATE_DIR", str(base / "state"))
    monkeypatch.setenv("BOARDREADER_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("BOARDREADER_DIR", raising=False)


@pytest.fixture
def body_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose bodies were read from a cache file, in order (not those of a library
    loaded without a cache, which keeps its bodies in memory)."""
    reads: list[str] = []
    real = StoredBodies.read

    def counting(self: StoredBodies, head: ReportHead) -> Report:
        if not self.blob.in_memory:
            reads.append(head.file)
        return real(self, head)

    monkeypatch.setattr(StoredBodies, "read", counting)
    return reads


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files handed to the parse pool from now on, in order (each is parsed in a worker
    process, where a spy on the parser itself would record nothing this process can see)."""
    from boardreader import session

    handed: list[str] = []
    real = session.read_all

    def counting(root: Path, files: list[str], patience: float | None = None) -> Iterator[tuple[str, object]]:
        handed.extend(files)
        return real(root, files, patience)

    monkeypatch.setattr(session, "read_all", counting)
    return handed


@pytest.fixture(scope="session")
def seeds() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "acceptance" / "seeds.json").read_text("utf-8"))
    return data


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A private copy of the sample reports, so a test can never change the shipped ones."""
    target = tmp_path / "reports"
    shutil.copytree(SAMPLES, target)
    return target
