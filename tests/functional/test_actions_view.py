"""The Actions view, driven as a user drives it: `a` (or the palette) lists every action in the
sidebar by owner or by meeting (`o`), and Enter opens the report at the paragraph that states it."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult

from boardreader.corpus.model import Place, Report
from boardreader.library.model import LibraryAction
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.widgets.actions_view import PAGE, ActionsView

from .helpers import SIZE, ready, report_in, screen_text, shown


def the_note(app: BoardReaderApp) -> Report:
    return next(r for r in shown(app).each_report() if r.actions)


def listed(view: ActionsView) -> list[tuple[str | None, str, str]]:
    """Each action row of the view: owner, report and words, in the order shown."""
    return [(a.owner, a.report, a.text) for a in view.listed()]


async def test_the_view_lists_every_action_of_the_meeting_note_with_its_owner(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        note = the_note(app)
        await pilot.press("a")
        await pilot.pause()
        view = app.main.actions_view
        assert view.display and app.focused is view and not app.main.library_tree.display
        assert len(note.actions) == 6
        by_owner = listed(view)
        for action in note.actions:  # under each person the owner names (or as written)
            assert (action.owner, note.id, action.text) in by_owner
        text = screen_text(app)
        assert "Actions by owner" in text and "Dennis Skinner" in text and "David Pye" in text
        await pilot.press("o")
        await pilot.pause()
        assert view.grouping == "meeting"
        # by meeting: each action once, in the order the note gives them, under the note's date and title
        assert listed(view) == [(a.owner, note.id, a.text) for a in note.actions]
        heading = view.get_option_at_index(1).prompt
        assert isinstance(heading, Text) and heading.plain.startswith(f"{note.date.value}  {note.title}")
        await pilot.press("o")
        await pilot.pause()
        assert view.grouping == "owner" and listed(view) == by_owner


async def test_enter_opens_the_paragraph_that_states_the_action(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        note = the_note(app)
        await pilot.press("a")
        await pilot.pause()
        view = app.main.actions_view
        while (chosen := view.highlighted_action()) is None or "David Pye" not in chosen.owners:
            before = view.highlighted
            await pilot.press("j")
            assert view.highlighted != before, "David Pye's action is not listed"
        await pilot.press("enter")
        await pilot.pause()
        report_view = app.main.report_view
        assert report_in(report_view).id == note.id and app.focused is report_view
        stated = note.paragraphs[report_view.paragraph or 0]
        assert stated.kind == "action" and stated.text == chosen.text and "good practice" in stated.text
        assert view.display, "the sidebar still lists the actions, to choose the next"
        await pilot.press("tab")
        assert app.focused is view


async def test_the_palette_and_the_keys_open_and_close_it(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Actions"].callback()
        await pilot.pause()
        view = app.main.actions_view
        assert view.display and app.focused is view
        await pilot.press("escape")
        await pilot.pause()
        assert not view.display and app.main.library_tree.display and app.focused is app.main.library_tree
        await pilot.press("a")
        await pilot.pause()
        assert view.display
        await pilot.press("t")  # the tree's modes bring the tree back
        await pilot.pause()
        assert not view.display and app.main.library_tree.display


async def test_rows_say_what_a_later_paper_reports(tmp_path: Path) -> None:
    papers = Path(__file__).resolve().parents[1] / "data" / "papers" / "action_log"
    for paper in papers.glob("coastal_board_*"):
        if paper.suffix in {".txt", ".md"}:
            shutil.copy(paper, tmp_path / paper.name)
    app = BoardReaderApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "o")  # by meeting: the March meeting's four actions together
        await pilot.pause()
        view = app.main.actions_view
        prompts = [str(view.get_option_at_index(i).prompt) for i in range(view.option_count)]
        rows = {prompt.split("\n")[1] for prompt in prompts if "\n" in prompt}
        assert "Circulate the draft dredging plan to members.  [done]" in rows
        assert "Commission the dredging survey.  [open]" in rows  # carried forward in July
        assert "Report back on the summer events budget." in rows  # July names it, with no status


class _OnlyTheView(App[None]):
    def __init__(self, actions: list[LibraryAction]) -> None:
        super().__init__()
        self.actions = actions
        self.chosen: list[LibraryAction] = []

    def compose(self) -> ComposeResult:
        yield ActionsView(id="actions")

    def on_mount(self) -> None:
        view = self.query_one(ActionsView)
        view.show(self.actions)
        view.focus()

    def on_actions_view_chosen(self, event: ActionsView.Chosen) -> None:
        self.chosen.append(event.action)


async def test_thousands_of_actions_come_a_page_at_a_time() -> None:
    actions = [
        LibraryAction(f"r{i}", "1", f"Action number {i}", f"Owner {i % 7}", (f"Owner {i % 7}",), Place(0, 0),
                      "2020-01-01", True, f"Meeting {i}", "Board")
        for i in range(3 * PAGE)
    ]  # fmt: skip
    app = _OnlyTheView(actions)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ActionsView)
        assert len(view.listed()) == 3 * PAGE and view.option_count < PAGE + 5, "one page of rows at first"
        assert str(view.get_option_at_index(view.option_count - 1).prompt).startswith("… ")
        await pilot.press("G")  # onto "… more": the next page, the cursor on its first action
        await pilot.pause()
        assert PAGE + 5 < view.option_count < 2 * PAGE + 10 and view.highlighted_action() is not None
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [view.highlighted_action()]
