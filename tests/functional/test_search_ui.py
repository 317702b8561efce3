"""Pilot tests of search: the bar answers as you type, Enter jumps and marks, n/N walk the
matches on into the next report, escape closes without moving, and the command palette agrees."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from boardreader.index.search import fold
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.entity import EntityScreen
from boardreader.reader.screens.search import SearchScreen
from boardreader.reader.widgets.blocks import ParagraphBlock

from .helpers import SIZE, ready, report_in, screen_text, shown


async def type_query(app: BoardReaderApp, pilot: object, query: str) -> SearchScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("slash")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*query)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def a_phrase(app: BoardReaderApp) -> tuple[str, int]:
    """A two-word phrase from a numbered paragraph and how many paragraphs in the library hold it."""
    report = next(shown(app).each_report())
    words = next(p for p in report.paragraphs if p.number and len(p.text.split()) > 8).text.split()
    phrase = " ".join(w.strip(".,;:()‘’'") for w in words[2:4])
    count = sum(fold(phrase) in fold(p.text) for r in shown(app).each_report() for p in r.paragraphs)
    return phrase, count


async def test_results_update_as_you_type_grouped_by_kind(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await type_query(app, pilot, "flemming")
        assert screen.hits and screen.hits[0].kind == "person"
        text = screen_text(app)
        assert "People" in text and "Fleming" in text
        results = screen.query_one(OptionList)
        headers = [results.get_option_at_index(i) for i in range(results.option_count)]
        assert headers[0].disabled  # each group starts with its title
        await pilot.press("backspace", "backspace", "backspace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_shown == "flemm"


async def test_nothing_found_is_said_plainly(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await type_query(app, pilot, "zzqxj")
        assert screen.hits == []
        assert "Nothing found" in screen_text(app)


async def test_enter_on_a_paragraph_hit_jumps_scrolls_and_marks(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        phrase, _ = a_phrase(app)
        screen = await type_query(app, pilot, phrase)
        first_paragraph = next(i for i, h in enumerate(screen.hits) if h.kind == "paragraph")
        hit = screen.hits[first_paragraph]
        results = screen.query_one(OptionList)
        results.highlighted = next(
            i for i in range(results.option_count) if results.get_option_at_index(i).id == str(first_paragraph)
        )
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.report_view
        assert app.screen is app.main and report_in(view).id == hit.report
        assert view.paragraph is not None
        block = view.by_paragraph[view.paragraph]
        assert isinstance(block, ParagraphBlock) and block.mark is not None
        marked = block.paragraph.text[block.mark[0] : block.mark[1]]
        assert fold(marked) == fold(phrase)
        lines = view.block_lines(block)
        assert view.scroll_y <= lines.start < view.scroll_y + view.scrollable_content_region.height


async def test_person_hit_opens_the_page(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_query(app, pilot, "dennis skiner")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        assert "Dennis Skinner" in screen_text(app)


async def test_an_action_hit_opens_its_item_in_the_report(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.library is not None
        report, action = next(
            (r, a) for r in app.library.each_report() for a in r.actions if a.owner and "Pye" in a.owner
        )
        screen = await type_query(app, pilot, "david pye")
        assert "Actions" in screen_text(app)
        chosen = next(i for i, h in enumerate(screen.hits) if h.kind == "action")
        results = screen.query_one(OptionList)
        results.highlighted = next(i for i, o in enumerate(results._options) if o.id == str(chosen))
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.report_view
        assert view.report is not None and view.report.id == report.id
        shown = view.current_paragraph()
        assert shown is not None and shown.number == action.item and action.text[:40] in shown.text


async def test_n_and_shift_n_walk_the_matches_into_the_next_report(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        word = "Innovation Zone"
        holders = [r.id for r in shown(app).each_report() if any(fold(word) in fold(p.text) for p in r.paragraphs)]
        assert len(holders) >= 2
        await type_query(app, pilot, word.lower())
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hit_index = next(i for i, h in enumerate(screen.hits) if h.kind == "paragraph" and h.report == holders[0])
        screen._done(screen.hits[hit_index])
        await pilot.pause()
        view = app.main.report_view
        seen = [(report_in(view).id, view.paragraph)]
        for _ in range(40):
            await pilot.press("n")
            await pilot.pause()
            seen.append((report_in(view).id, view.paragraph))
            if report_in(view).id != seen[0][0]:
                break
        reports_visited = {r for r, _ in seen}
        assert len(reports_visited) >= 2  # ran on into another report
        assert view.paragraph is not None
        block = view.by_paragraph[view.paragraph]
        assert isinstance(block, ParagraphBlock) and block.mark is not None
        before = (report_in(view).id, view.paragraph)
        await pilot.press("N")
        await pilot.pause()
        assert (report_in(view).id, view.paragraph) != before


async def test_escape_in_search_returns_to_where_you_were(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "tab", "j", "j")
        await pilot.pause()
        view = app.main.report_view
        place = (report_in(view).id, view.paragraph)
        await type_query(app, pilot, "leadership")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and (report_in(view).id, view.paragraph) == place
        # after a jump, escape clears the marks and stays; ctrl+left goes back to where the search began
        screen = await type_query(app, pilot, "leadership academy")
        hit = next(h for h in screen.hits if h.kind == "paragraph" and h.report != place[0])
        screen._done(hit)
        await pilot.pause()
        landed = (report_in(view).id, view.paragraph)
        assert landed[0] == hit.report
        await pilot.press("escape")
        await pilot.pause()
        assert (report_in(view).id, view.paragraph) == landed
        assert not any(isinstance(b, ParagraphBlock) and b.mark for b in view.cursor_blocks)
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert (report_in(view).id, view.paragraph) == place


async def test_three_escapes_after_a_search_never_move_to_another_report(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "tab")  # reading the newest report
        await pilot.pause()
        view = app.main.report_view
        first = report_in(view).id
        screen = await type_query(app, pilot, "troubled families")
        hit = next(h for h in screen.hits if h.kind == "paragraph" and h.report != first)
        option = next(i for i in range(screen.query_one(OptionList).option_count)
                      if screen.query_one(OptionList).get_option_at_index(i).id == str(screen.hits.index(hit)))  # fmt: skip
        screen.query_one(OptionList).highlighted = option
        await pilot.press("enter")
        await pilot.pause()
        landed = (report_in(view).id, view.paragraph)
        assert landed[0] == hit.report != first
        for _ in range(3):
            await pilot.press("escape")
            await pilot.pause()
            assert report_in(view).id == landed[0], "escape moved the reader to another report"
        assert app.screen is app.main and app.is_running


async def test_ctrl_k_opens_search_and_recent_searches_are_kept(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await type_query(app, pilot, "troubled famillies")
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.recent_searches[0] == "troubled famillies"
        await pilot.press("escape")
        await pilot.press("ctrl+k")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, SearchScreen)
        screen = again
        assert isinstance(screen, SearchScreen)
        assert "troubled famillies" in screen_text(app)
        assert screen.query_one(Input).has_focus


async def test_stale_results_are_dropped(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await type_query(app, pilot, "fleming")
        current = list(screen.hits)
        screen.show_hits("an older query", [])
        assert screen.hits == current and screen.query_shown == "fleming"


async def test_palette_finds_a_person_through_the_same_index(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"skinner")
        for _ in range(20):
            await pilot.pause(0.1)
            if "Person: Dennis Skinner" in screen_text(app):
                break
        assert "Person: Dennis Skinner" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)


async def test_n_steps_through_the_actions_a_person_owns(library_dir: Path) -> None:
    # An action's owner stands beside its text ("→ Dennis Skinner"), not in it: n must still stop there
    app = BoardReaderApp(library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        note = next(r for r in shown(app).each_report() if r.actions)
        owned = {i for i, p in enumerate(note.paragraphs) if p.owner and "Dennis Skinner" in p.owner}
        assert len(owned) >= 3 and not any("Dennis Skinner" in note.paragraphs[i].text for i in owned)
        screen = await type_query(app, pilot, "dennis skinner")
        first_owned = note.paragraphs[min(owned)].text
        first = next(h for h in screen.hits if h.kind == "action" and h.report == note.id and first_owned in h.label)
        screen._done(first)
        await pilot.pause()
        view = app.main.report_view
        visited = {view.paragraph}
        for _ in range(len(note.paragraphs)):
            await pilot.press("n")
            await pilot.pause()
            if report_in(view).id != note.id:
                break
            visited.add(view.paragraph)
        assert owned <= visited
