"""Canonical names, and telling a person from a place or a body."""

from __future__ import annotations

import pytest

from boardreader.corpus.lexicon import Lexicon, Local, local_names
from boardreader.corpus.names import canonical_name, given_names, is_given_name, one_spelling
from boardreader.corpus.people import find_people


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


def test_given_names_are_the_detectors_own() -> None:
    """The names read straight from gender-guesser's file are the ones its Detector knows, "+"
    spellings ("Abdel+Aziz" -> "abdelaziz", "abdel aziz", "abdel-aziz") included."""
    import gender_guesser.detector as gender

    detector = gender.Detector(case_sensitive=False)
    assert given_names() == frozenset(detector.names)
    assert {"joan", "mary", "abdel aziz", "abdelaziz", "abdel-aziz"} <= given_names()


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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sir Ian Bone and Dame Ann Lee attended.", ["Ian Bone", "Ann Lee"]),
        ("Lady Jane Grey and Baroness Ruth Hale spoke.", ["Jane Grey", "Ruth Hale"]),
        ("Alderman Roy Tate and Deputy Mayor Jo Bell DL spoke.", ["Roy Tate", "Jo Bell"]),
        ("The Revd Ann Hale opened. Deacon Paul Oyelaran read.", ["Ann Hale", "Paul Oyelaran"]),
        ("Dr Amir Khan, Mr Ivo Stone, Mrs Ada Price, Miss Lin Chow, Ms Uma Bose.",
         ["Amir Khan", "Ivo Stone", "Ada Price", "Lin Chow", "Uma Bose"]),
        ("Dawn Reyes JP, Ian Vale DL, Sam Orr MBE and Lyn Ward OBE came.",
         ["Dawn Reyes", "Ian Vale", "Sam Orr", "Lyn Ward"]),
        ("Ed Bury CBE, Ken Tull KBE, Pat Roe MP and Dee Ash MEP wrote.", ["Ed Bury", "Ken Tull", "Pat Roe", "Dee Ash"]),
        ("Hal Greer KC and Ivy Lamb QC advised.", ["Hal Greer", "Ivy Lamb"]),
        ("Joan Ashdown's apologies were received.", ["Joan Ashdown"]),
        ("Apologies: Cllr Bryn Tovey's deputy attended.", ["Bryn Tovey"]),
        ("COUNCILLOR MRS ENID MARCHBANKS (CHAIR)", ["Enid Marchbanks"]),
        ("PRESENT: CLLR O'HARA AND CLLR MCSHANE", ["O'Hara", "McShane"]),
        ("Cllr Mrs R J Tolhurst MBE JP", ["R J Tolhurst"]),
        ("Cllr Mr D W Fenn (Chair)", ["D W Fenn"]),
        ("Ray Joined Northshire Fire and Rescue in 1999.", []),
        ("Amir Joined Northshire Fire and Rescue.", []),
        ("Owen Pryce, Principal Adviser, who leads the work.", ["Owen Pryce"]),
        ("Ifor Quaye, Principal Adviser, who leads the work.", ["Ifor Quaye"]),
        ("Helen Marsh (Chief Executive) introduced the report.", ["Helen Marsh"]),
        ("Nkem Adaeze (Chief Executive) introduced the report.", ["Nkem Adaeze"]),
        ("Report of the Executive Director of Place, Nadia Kerr", ["Nadia Kerr"]),
        ("Agreed the Board Priorities and Work Programme", []),
        ("Finance Board (Chair) and Local Government, Chief Executive", []),
        ("Members are the Cabinet Member for Adult Care, the Director of Public Health.", []),
    ],
)  # fmt: skip
def test_civic_titles_post_nominals_and_plain_names(text: str, names: list[str]) -> None:
    assert people(text) == names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("COUNCILLOR MRS ENID MARCHBANKS", "Enid Marchbanks"),
        ("The Revd Canon Ann Hale", "Ann Hale"),
        ("Deputy Mayor Jo Bell DL", "Jo Bell"),
        ("Sir Ian Bone KBE", "Ian Bone"),
        ("Dean Lewis", "Dean Lewis"),
        ("Cllr HARLEY-ROSS", "Harley-Ross"),
        ("Joan Ashdown's", "Joan Ashdown"),
    ],
)
def test_canonical_names_of_civic_life(raw: str, name: str) -> None:
    assert canonical_name(raw) == name


def test_a_hyphen_or_a_space_is_one_person() -> None:
    assert one_spelling(["Tom Harley Ross", "Ann Lee", "Tom Harley-Ross"]) == {"Tom Harley Ross": "Tom Harley-Ross"}
    assert one_spelling(["Ann Lee"]) == {}


def spans(text: str) -> list[tuple[int, str]]:
    return [(start, value) for start, _, value in find_people(text, Lexicon(), Local())]


def test_a_title_a_role_or_a_name_counts_only_where_a_word_starts() -> None:
    # Each case is the same name once where a word starts and once inside a word.
    text = "Cllr Zog Quix spoke; xCllr Zog Quix; 1Cllr Zog Quix; (Cllr Zog Quix)"
    assert spans(text) == [(0, "Zog Quix"), (text.rindex("Cllr"), "Zog Quix")]
    assert spans("Ann Lee came; xAnn Lee; -Ann Lee; _Ann Lee; ’Ann Lee; 'Ann Lee") == [(0, "Ann Lee")]
    text = "the Director, Zog Quix spoke; theDirector, Zog Quix; xDirector, Zog Quix"
    assert spans(text) == [(text.index("Zog"), "Zog Quix")]
    text = "Zog Quix, Director of Place; xZog Quix, Director; Zog Quix (Chief Executive)"
    assert spans(text) == [(0, "Zog Quix"), (text.rindex("Zog"), "Zog Quix")]
    text = "The Rt Hon Zog Quix; xThe Rt Hon Zog Quix; the xRt Hon Zog Quix"
    assert spans(text) == [(0, "Zog Quix"), (text.index("Rt", 5), "Zog Quix")]
