"""Canonical names, and telling a person from a place or a body."""

from __future__ import annotations

import pytest

from boardreader.corpus.entities import Lexicon, find_people, local_names
from boardreader.corpus.names import canonical_name, is_given_name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Cllr Mrs Jill Shortland OBE", "Jill Shortland"),
        ("Lord Gary Porter CBE", "Gary Porter"),
        ("Mayor Dave Hodgson", "Dave Hodgson"),
        ("Bob Neill MP", "Bob Neill"),
        ("Professor John Bolton", "John Bolton"),
        ("Councillor Wilcox", "Wilcox"),
        ("Cllr Teresa O'Neill", "Teresa O'Neill"),
        ("CIIr Peter Fleming", "Peter Fleming"),
    ],
)
def test_canonical_names(raw: str, name: str) -> None:
    assert canonical_name(raw) == name


def test_given_names_and_not() -> None:
    assert is_given_name("Joan") and is_given_name("Charlotte")
    assert not is_given_name("The") and not is_given_name("Local") and not is_given_name("Key")


def people(text: str) -> list[str]:
    return list(dict.fromkeys(v for _, _, v in find_people(text, Lexicon(), local_names(text, []))))


def test_lists_after_plural_honorifics() -> None:
    assert people("Cllrs Judi Billing, Vince Maple, Alice Perry, Neil Prior and I helped.") == [
        "Judi Billing", "Vince Maple", "Alice Perry", "Neil Prior",
    ]  # fmt: skip
    assert people("Councillors Shortland, Cadbury, Webb and I were pleased.") == ["Shortland", "Cadbury", "Webb"]


def test_a_place_is_not_a_person() -> None:
    text = "Councils such as Sunderland and Milton Keynes. David Hill of Milton Keynes Council spoke."
    assert people(text) == ["David Hill"]


def test_names_without_honorifics() -> None:
    assert people("hosted by the prime minister and Francis Maud. Joan Munro spoke.") == ["Francis Maud", "Joan Munro"]
    assert people("The Masterclass was well attended. Local Government House.") == []
