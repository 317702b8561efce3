"""Tables fit their width: columns get their longest word before the long ones share the rest,
cells wrap at spaces (or after a hyphen or slash), and a word is cut only when nothing else fits."""

from __future__ import annotations

from boardreader.reader.widgets.table_layout import Column, columns_of, fit_columns, line_ranges


def wrapped(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in line_ranges(text, width)]


def test_cells_wrap_at_spaces_and_after_hyphens_and_slashes() -> None:
    assert wrapped("Harbour Master and Pilotage", 12) == ["Harbour", "Master and", "Pilotage"]
    assert wrapped("Clerk/Treasurer", 10) == ["Clerk/", "Treasurer"]
    assert wrapped("Deputy-chairwoman", 12) == ["Deputy-", "chairwoman"]
    assert wrapped("Clerk/Treasurer", 20) == ["Clerk/Treasurer"], "no break where it fits"


def test_a_word_wider_than_its_column_is_cut_as_the_last_resort() -> None:
    assert wrapped("Llanfairpwllgwyngyll Council", 8) == ["Llanfair", "pwllgwyn", "gyll", "Council"]
    assert wrapped("", 5) == [""]


def test_each_column_gets_its_longest_word_and_a_short_column_all_it_wants() -> None:
    rows = [
        ("Role", "Member", "Authority"),
        ("Clerk/Treasurer", "Mrs Ottoline Quarrington-Bayliss", "Upper Wensleydale Parish Council"),
        ("Apologies", "Cllr Bo Ek", "Kirkby Lonsdale Town Council"),
    ]
    columns = columns_of(rows, cap=42)
    assert columns[0] == Column(wanted=15, least=9)  # "Clerk/" "Treasurer", "Apologies": 9 at most
    assert columns[1].least == len("Quarrington-")
    narrow = fit_columns(columns, room=40)
    assert narrow[0] >= len("Apologies") and narrow[1] >= len("Quarrington-") and narrow[2] >= len("Wensleydale")
    assert sum(narrow) <= 40
    wide = fit_columns(columns, room=70)
    assert wide[0] == 15, "a short column gets all it wants before the long ones share"
    assert sum(wide) <= 70 and wide[1] > columns[1].least and wide[2] > columns[2].least


def test_columns_that_fit_keep_their_widths_and_too_little_room_shrinks_them_all() -> None:
    columns = (Column(8, 5), Column(12, 7))
    assert fit_columns(columns, 30) == [8, 12]
    tight = fit_columns(columns, 9)
    assert sum(tight) <= 9 and all(w >= 1 for w in tight)
    assert fit_columns((), 10) == []
