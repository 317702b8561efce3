"""Every string a report can show, for tests that look for lost words or unsafe characters."""

from __future__ import annotations

from collections.abc import Iterator

from boardreader.corpus.model import Report


def all_strings(report: Report) -> Iterator[str]:
    """Every string of the report's export: what a view or an export can show."""

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)

    yield from walk(report.to_json())
