"""The library's lexicon finding the names it knows in a paragraph: whole words, the longest name
first, a later edition taken with its name, one to three characters between words."""

from __future__ import annotations

from boardreader.corpus.lexicon import Lexicon

KNOWN = Lexicon(
    programmes={"Sure Start", "Sure Start Local Programme", "LG Inform", "Fit for the Future Fund"},
    organisations={"LG", "LGA Digital Board", "Kent County Council", "Aa Bb Cc Dd Ee Ff Gg Hh Ii"},
)


def names(text: str) -> list[str]:
    return [name for _, _, _, name in KNOWN.find(text)]


def test_the_longest_known_name_wins() -> None:
    assert names("Sure Start Local Programme centres opened.") == ["Sure Start Local Programme"]
    assert names("Sure Start centres opened.") == ["Sure Start"]


def test_names_are_whole_words() -> None:
    # "Local" is not "Locality", so the longer name cannot end there and the shorter one stands.
    assert names("Sure Start Locality Programme") == ["Sure Start"]
    # a known first word inside a longer word, or at the end of one, names nothing
    assert names("The LGB met; MacLG Inform was read; Sure Starting soon.") == []


def test_a_first_word_that_begins_another() -> None:
    # "LG" is known alone and "LGA" starts a longer name: each is found where it is written whole
    assert names("LGA Digital Board and LG and LG Inform") == ["LGA Digital Board", "LG", "LG Inform"]


def test_where_each_name_stands_and_what_it_is() -> None:
    text = "Funds from Kent County Council: the Fit for the Future Fund."
    found = KNOWN.find(text)
    assert [(text[a:b], kind, name) for a, b, kind, name in found] == [
        ("Kent County Council", "organisation", "Kent County Council"),
        ("Fit for the Future Fund", "programme", "Fit for the Future Fund"),
    ]


def test_a_later_edition_is_taken_with_its_name() -> None:
    text = "Data is in LG Inform Plus now."
    [(start, end, kind, name)] = KNOWN.find(text)
    assert (text[start:end], kind, name) == ("LG Inform Plus", "programme", "LG Inform Plus")
    # the edition must follow at once, as one word
    assert names("LG Inform  Plus, LG Inform Plusses") == ["LG Inform", "LG Inform"]


def test_one_to_three_characters_between_words() -> None:
    assert names("Sure – Start, and Sure\nStart") == ["Sure Start", "Sure Start"]
    assert names("Sure ---- Start") == []


def test_a_name_of_many_words() -> None:
    assert names("Aa Bb Cc Dd Ee Ff Gg Hh Ii, and Aa Bb Cc Dd Ee Ff Gg Hh") == ["Aa Bb Cc Dd Ee Ff Gg Hh Ii"]


def test_names_learnt_later_are_found() -> None:
    lexicon = Lexicon(programmes={"Troubled Families"})
    assert lexicon.find("Troubled Families and the Care Fund") == [(0, 17, "programme", "Troubled Families")]
    lexicon.programmes.add("Care Fund")
    assert [name for *_, name in lexicon.find("Troubled Families and the Care Fund")] == [
        "Troubled Families",
        "Care Fund",
    ]


def test_an_empty_lexicon_finds_nothing() -> None:
    assert Lexicon().find("Sure Start and LG Inform") == []
