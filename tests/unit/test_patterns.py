"""Patterns written to open with a character: the same matches as the boundary written before it."""

from __future__ import annotations

import re

import pytest

from boardreader.corpus.entities import find_contacts_bits
from boardreader.corpus.patterns import at_word_start, capital_after


def test_words_only_where_a_word_starts() -> None:
    pattern = re.compile(at_word_start(["From", "to"], tail="!?"))
    text = "From here to! xFrom fromto To (to"
    assert [(m.start(), m.group(0)) for m in pattern.finditer(text)] == [(0, "From"), (10, "to!"), (31, "to")]


def test_a_boundary_of_other_characters() -> None:
    pattern = re.compile(capital_after(r"[\w'-]") + "[a-z]+")
    assert [m.group(0) for m in pattern.finditer("Ann x-Bob O'Neill (Cy) _Di Ed")] == ["Ann", "Cy", "Ed"]


def test_a_branch_must_open_with_a_letter() -> None:
    with pytest.raises(ValueError, match="open with a plain letter"):
        at_word_start([r"\bword"])


def test_a_figure_starts_where_a_word_starts() -> None:
    text = (
        "In 2013 we had 12 staff, 1,250 visits, 40% more, 3.5 per cent, x99 and 7m, a1,000 b12 million 45percent _77."
    )
    figures = [(text[a:b], value) for a, b, kind, value in find_contacts_bits(text) if kind == "figure"]
    assert figures == [
        ("2013", "2013"), ("12", "12"), ("1,250", "1,250"), ("40%", "40%"), ("3.5 per cent", "3.5 per cent"),
        ("000", "000"), ("45percent", "45percent"),
    ]  # fmt: skip
