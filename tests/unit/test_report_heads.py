"""A report whose body is not in memory is a `ReportHead`, an explicit state: known by its id, its
body read only when the library is asked for it, never by touching an attribute."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from boardreader.corpus.model import Paragraph, Report, ReportDate, ReportHead, Section
from boardreader.library.library import Library
from boardreader.store.cachefile import Blob
from boardreader.store.catalogue import StoredBodies, body_bytes, head_row, unpack

MANY = 10_000


def _report(n: int) -> Report:
    paragraph = Paragraph("1", "numbered", f"Paragraph of report {n}.")
    return Report(f"r{n}", f"r{n}.txt", f"Improvement Board – Report {n}", "other", "Board", None,
                  ReportDate(f"2019-{n % 12 + 1:02d}", True), ("Theme",), (Section("Heading", None, (paragraph,)),))  # fmt: skip


def _cold_library(reports: list[Report]) -> Library:
    """A library as a warm start makes it: heads from the catalogue, bodies left in the blob."""
    blob, rows = bytearray(), []
    for r in reports:
        body = body_bytes(r)
        rows.append(head_row(r, len(blob), len(blob) + len(body)))
        blob += body
    state: dict[str, Any] = {"rows": rows, "skipped": [], "merged": (0, 0), "counts": {}, "names_digest": None,
                             "listing": {}, "listing_digest": None}  # fmt: skip
    return unpack(Path("papers"), state, Blob(bytes(blob)))  # merged names: none, read as empty


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every body read from the store, whether or not its blob is in memory."""
    seen: list[str] = []
    real = StoredBodies.read

    def counting(self: StoredBodies, head: ReportHead) -> Report:
        seen.append(head.id)
        return real(self, head)

    monkeypatch.setattr(StoredBodies, "read", counting)
    return seen


def test_ten_thousand_cold_reports_go_in_a_set_without_reading_a_body(reads: list[str]) -> None:
    library = _cold_library([_report(n) for n in range(MANY)])
    heads = set(library.reports)
    by_head = {head: head.title for head in library.reports}
    assert len(heads) == len(by_head) == MANY and library.reports[7] in heads
    assert {h.id for h in heads} == {f"r{n}" for n in range(MANY)}
    assert reads == []
    report = library.report("r7")
    assert report is not None and report.paragraphs[0].text == "Paragraph of report 7."
    assert reads == ["r7"]


def test_a_head_is_equal_and_hashed_by_its_report_id() -> None:
    head = _report(1).head
    renamed = ReportHead(head.id, "moved.txt", "Another title", "chair_report", ReportDate(None), ())
    assert head == renamed and hash(head) == hash(renamed) == hash("r1") and len({head, renamed}) == 1
    assert head != _report(2).head and head != "r1"
    assert pickle.loads(pickle.dumps(head)) == head and type(pickle.loads(pickle.dumps(head))) is ReportHead
    assert not hasattr(head, "sections"), "a head has no body to read on attribute access"


def test_a_whole_report_hashes_by_its_id_and_still_compares_by_value() -> None:
    report = _report(3)
    assert hash(report) == hash("r3") and report.head.short_title == report.short_title == "Report 3"
    assert report != Report(**{**{f: getattr(report, f) for f in report.__dataclass_fields__}, "title": "Other"})


def test_a_library_repr_reads_no_body_and_stays_short(reads: list[str]) -> None:
    library = _cold_library([_report(n) for n in range(MANY)])
    assert repr(library) == f"Library(root={Path('papers')!r})"  # as a worker names its arguments
    assert reads == []


def test_a_pass_over_every_report_keeps_no_body(reads: list[str]) -> None:
    library = _cold_library([_report(n) for n in range(50)])
    opened = library.report("r5")
    titles = [r.title for r in library.each_report()]
    assert titles == [f"Improvement Board – Report {n}" for n in range(50)]
    assert reads.count("r5") == 1, "the body read and kept already is taken, not read again"
    assert library.read_through(library.reports[5]) is opened
    assert library.read_through(library.reports[6]) is not library.read_through(library.reports[6])


def test_a_library_of_reports_in_memory_reads_them_from_there() -> None:
    reports = [_report(n) for n in range(3)]
    library = Library.in_memory(Path("papers"), reports)
    assert library.reports == [r.head for r in reports] and library.report("r2") is reports[2]
    assert library.head("r1") == reports[1].head and library.report("nope") is None
