"""Papers of our own in the layouts councils publish, each held field by field to what a careful
reader takes from it (`tests/data/papers/README.md` says how an expectation file reads).

One test per paper, format and field, so a failure names exactly what was misread; `test_tally`
prints how many papers each field is right for.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from boardreader.corpus.model import Report
from boardreader.corpus.parse import parse_report
from boardreader.library.library import report_bytes

PAPERS = Path(__file__).resolve().parent.parent / "data" / "papers"
READABLE = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def norm(text: str | None) -> str | None:
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2014", "-")).strip()


def cases() -> list[tuple[Path, Path]]:
    found = []
    for expect in sorted(PAPERS.rglob("*.expect.json")):
        stem = expect.name.removesuffix(".expect.json")
        for paper in sorted(expect.parent.glob(f"{stem}.*")):
            if paper.suffix.lower() in READABLE:
                found.append((paper, expect))
    return found


@cache
def read(paper: Path) -> Report:
    """The paper as the library reads it: a web page, PDF or Word file as its extracted text."""
    return parse_report(report_bytes(paper, paper.read_bytes()), paper.name)


def _names(values: Any) -> set[str]:
    return {norm(v) or "" for v in values}


def check(report: Report, key: str, want: Any) -> None:
    """Assert one field of `report` against its expectation."""
    data = report.to_json()
    if key in {"title", "kind", "board", "author"}:
        assert norm(data[key]) == norm(want)
    elif key == "date":
        assert data["date"] == want, f"date {data['date']} (evidence: {data['date_evidence']})"
    elif key == "date_stated":
        assert data["date_stated"] is want
    elif key == "people":
        assert _names(data["people"]) == _names(want)
    elif key.endswith("_include") or key.startswith("not_"):
        field = key.removesuffix("_include").removeprefix("not_")
        found = _names(data[field])
        if key.startswith("not_"):
            assert not found & _names(want)
        else:
            assert _names(want) <= found, f"missing {_names(want) - found}"
    elif key == "contacts":
        fields = ("name", "phone", "email", "position")
        got = [{f: norm(c[f]) for f in fields if any(f in w for w in want)} for c in data["contacts"]]
        assert got == [{f: norm(w.get(f)) for f in fields if any(f in x for x in want)} for w in want]
    elif key == "items":
        assert [(i["number"], norm(i["title"])) for i in data["items"]] == [
            (w["number"], norm(w["title"])) for w in want
        ]
    elif key == "actions":
        acts = [(norm(a["owner"]), a["item"], norm(a["text"])) for a in data["actions"]]
        assert len(acts) == len(want), acts
        for (owner, item, text), w in zip(acts, want, strict=True):
            assert owner == norm(w.get("owner")) and item == w.get("item", item), (owner, item, text)
            assert (text or "").startswith(norm(w["text"]) or ""), text
        for action in report.actions:  # each points at the paragraph that states it
            assert action.place is not None, action
            stated = report.sections[action.place.section].paragraphs[action.place.paragraph]
            assert stated.kind == "action" and stated.owner == action.owner, (action, stated)
            assert norm(stated.text.split()[0]) == norm(action.text.split()[0]), (action, stated)
    elif key == "reported":
        said = [(norm(a["owner"]), a["status"], norm(a["text"]) or "") for a in data["reported_actions"]]
        assert len(said) == len(want), said
        for (owner, status, text), w in zip(said, want, strict=True):
            assert (owner, status) == (norm(w["owner"]), w["status"]) and text.startswith(norm(w["text"]) or ""), said
    elif key == "attendance":
        with_role = any("role" in w for w in want)
        present = {
            (norm(a["name"]), a["status"]) + ((norm(a["role"]),) if with_role else ()) for a in data["attendance"]
        }
        expected = {(norm(w["name"]), w["status"]) + ((norm(w.get("role")),) if with_role else ()) for w in want}
        assert present == expected
    else:
        raise AssertionError(f"unknown expectation key {key!r}")


def params() -> list[Any]:
    out = []
    for paper, expect in cases():
        for key, want in json.loads(expect.read_text(encoding="utf-8")).items():
            rel = paper.relative_to(PAPERS).as_posix()
            out.append(pytest.param(paper, key, want, id=f"{rel}::{key}"))
    return out


@pytest.mark.parametrize(("paper", "key", "want"), params())
def test_paper_field(paper: Path, key: str, want: Any) -> None:
    check(read(paper), key, want)


def test_tally() -> None:
    """How many papers each field is right for (printed with -s); the papers must exist."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for paper, expect in cases():
        for key, want in json.loads(expect.read_text(encoding="utf-8")).items():
            total[key] += 1
            try:
                check(read(paper), key, want)
            except AssertionError:
                continue
            right[key] += 1
    assert total, "no papers found"
    for key in sorted(total):
        print(f"{key:24} {right[key]:3} / {total[key]}")
