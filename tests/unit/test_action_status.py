"""Done or still open: a later paper of the same board reports on an earlier action, and the library
pass sets that action's status (library/actions.py); an action no later paper speaks of has none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boardreader.corpus.model import Action, Place, Report, ReportDate, ReportedAction
from boardreader.library.actions import WORDS_CUTOFF, Ledger, action_words, board_key, same_owner
from boardreader.library.model import LibraryAction
from boardreader.session import load_library

PAPERS = Path(__file__).resolve().parent.parent / "data" / "papers" / "action_log"


@pytest.fixture(scope="module")
def statuses(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], LibraryAction]:
    folder = tmp_path_factory.mktemp("action_log")
    for paper in PAPERS.iterdir():
        if paper.suffix in {".txt", ".md"}:  # one form of each paper (the HTML one says the same)
            shutil.copy(paper, folder / paper.name)
    library = load_library(folder, cache=False)
    return {(a.report, a.text[:20]): a for a in library.actions}


def test_a_later_log_row_says_done_or_open(statuses: dict[tuple[str, str], LibraryAction]) -> None:
    plan = statuses[("coastal_board_march", "Circulate the draft ")]
    assert (plan.status, plan.status_in) == ("done", "coastal_board_may")
    lighting = statuses[("coastal_board_march", "Report back on the p")]
    assert lighting.text.startswith("Report back on the promenade") and lighting.status == "done"


def test_the_latest_word_wins_and_an_unnamed_owner_leaves_the_words_to_decide(
    statuses: dict[tuple[str, str], LibraryAction],
) -> None:
    # May's log said "Ongoing"; July's matters arising, naming nobody, says completed
    letter = statuses[("coastal_board_march", "Write to the harbour")]
    assert (letter.status, letter.status_in) == ("done", "coastal_board_july")


def test_a_repeated_action_carried_forward_is_open(statuses: dict[tuple[str, str], LibraryAction]) -> None:
    survey = statuses[("coastal_board_may", "Commission the dredg")]
    assert (survey.status, survey.status_in) == ("open", "coastal_board_july")
    assert statuses[("coastal_board_july", "Commission the dredg")].status is None  # nothing later speaks of it


def test_no_status_is_invented(statuses: dict[tuple[str, str], LibraryAction]) -> None:
    events = next(a for a in statuses.values() if "summer events" in a.text)
    assert events.status is None and events.status_in is None  # July mentions it, with no status


def test_another_board_does_not_speak_for_this_one(statuses: dict[tuple[str, str], LibraryAction]) -> None:
    # the Harbour Trust Board's "not started" (June) comes after May's "Complete" but is not the Coastal Board's
    assert statuses[("coastal_board_march", "Circulate the draft ")].status == "done"


def test_parish_clerk_and_councillor_tasks(statuses: dict[tuple[str, str], LibraryAction]) -> None:
    quotes = statuses[("hollowmere_june", "Clerk to obtain thre")]
    bench = statuses[("hollowmere_june", "Cllr Oduya to inspec")]
    assert (quotes.status, bench.status) == ("done", "open")
    assert not any(a.report == "hollowmere_july" for a in statuses.values()), "a report on a task is no new task"


def test_people_pages_carry_the_status(tmp_path: Path) -> None:
    for paper in PAPERS.glob("coastal_board_*"):
        if paper.suffix in {".txt", ".md"}:
            shutil.copy(paper, tmp_path / paper.name)
    library = load_library(tmp_path, cache=False)
    grace = library.people["Grace Ofori"]
    assert [(a.item, a.status) for a in grace.actions] == [("5", "done"), ("6", None)]
    assert all(a.place is not None for a in grace.actions)
    dates = [a.date or "" for a in library.actions]
    assert dates == sorted(dates, reverse=True), "newest meeting first"


# --- the matcher alone -------------------------------------------------------------------------


def _report(rid: str, date: str, board: str, actions: tuple[Action, ...] = (),
            reported: tuple[ReportedAction, ...] = ()) -> Report:  # fmt: skip
    return Report(rid, f"{rid}.txt", rid, "meeting_note", board, None, ReportDate(date, True), (), (),
                  actions=actions, reported=reported)  # fmt: skip


def _ledger(*reports: Report) -> Ledger:
    ledger = Ledger()
    for r in reports:
        ledger.add(r, ((a.owner,) if a.owner else () for a in r.actions))
    return ledger


def _said(text: str, owner: str | None, status: str = "done") -> ReportedAction:
    return ReportedAction(text, owner, status, Place(0, 0))  # type: ignore[arg-type]


def test_a_shared_verb_phrase_is_not_the_same_action() -> None:
    first = _report("a", "2023-01-10", "Fire Board", (
        Action("1", "Officers to report back on the LGA conference", "Lena Marsh", Place(0, 0)),
        Action("2", "Officers to report back on the budget", "Lena Marsh", Place(0, 1)),
    ))  # fmt: skip
    later = _report("b", "2023-03-10", "Fire Board", reported=(_said("Report back on the budget", "Lena Marsh"),))
    ledger = _ledger(first, later)
    assert [a.status for a in ledger.actions] == [None, "done"]
    # and with the budget's own action gone, the conference's is still not it (it scores ~76)
    alone = _report("a", "2023-01-10", "Fire Board", first.actions[:1])
    assert [a.status for a in _ledger(alone, later).actions] == [None]


def test_owner_date_and_board_must_agree() -> None:
    first = _report(
        "a",
        "2023-01-10",
        "Fire & Rescue Board",
        (Action("1", "Publish the station review", "Lena Marsh", Place(0, 0)),),
    )
    other_owner = _report(
        "b", "2023-02-10", "Fire and Rescue Board", reported=(_said("Publish the station review", "Omar Kidd"),)
    )
    same_day = _report(
        "c", "2023-01-10", "Fire and Rescue Board", reported=(_said("Publish the station review", None),)
    )
    assert [a.status for a in _ledger(first, other_owner, same_day).actions] == [None]
    by_surname = _report(
        "d", "2023-04-10", "Fire and Rescue Board", reported=(_said("Publish station review", "Cllr Marsh"),)
    )
    assert [a.status for a in _ledger(first, by_surname).actions] == ["done"]


def test_too_few_words_match_nothing() -> None:
    first = _report("a", "2023-01-10", "Fire Board", (Action("1", "Review", "Lena Marsh", Place(0, 0)),))
    later = _report("b", "2023-03-10", "Fire Board", reported=(_said("Review", "Lena Marsh"),))
    assert _ledger(first, later).actions[0].status is None


def test_the_words_and_the_cutoff() -> None:
    assert (
        action_words("Ada Brook to circulate the draft plan to members", "Ada Brook") == "circulate draft plan members"
    )
    assert board_key("Improvement & Innovation Board") == board_key("Improvement and Innovation  Board")
    assert same_owner("Councillor Oduya", "Cllr Oduya to inspec") and same_owner(None, "Tom Reed")
    assert not same_owner("Tom Reed", "Ada Brook")
    assert 80 <= WORDS_CUTOFF <= 90


def test_a_panel_is_a_board_too(statuses: dict[tuple[str, str], LibraryAction]) -> None:
    """A body that calls itself a panel (or a forum, a group, a partnership) is known from its
    note's title ("Note of the Allotments Panel meeting"), so its later log speaks for its actions."""
    quotes = statuses[("allotments_panel_april", "Obtain quotes for re")]
    assert (quotes.status, quotes.status_in, quotes.board) == ("done", "allotments_panel_june", "Allotments Panel")
    letters = statuses[("allotments_panel_april", "Write to tenants wit")]
    assert (letters.status, letters.status_in) == ("open", "allotments_panel_june")
