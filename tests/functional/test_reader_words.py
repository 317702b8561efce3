"""What the reader says about itself: help names keys as they are typed, the empty folder screen
names every format read, and the command palette offers only what does something for a reader."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from boardreader.library.library import TEXT_SUFFIXES
from boardreader.reader.app import BoardReaderApp
from boardreader.reader.screens.help import HelpScreen, key_text, reader_keys

from .helpers import SIZE, ready, screen_text


def test_every_key_is_named_as_it_is_typed() -> None:
    for _, bindings in reader_keys(BoardReaderApp.BINDINGS):
        for binding in bindings:
            named = key_text(binding.key)  # type: ignore[union-attr]
            assert "_" not in named, f"{binding} is shown as {named!r}"
    assert key_text("exclamation_mark") == "!"
    assert key_text("left_square_bracket,right_square_bracket") == "[ ]"


async def test_help_shows_the_exclamation_mark_for_problems(library_dir: Path) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=(140, 200)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "exclamation" not in text and "square_bracket" not in text
        problems = next(line for line in text.splitlines() if "Problems" in line)
        assert "!" in problems.split("Problems")[0]


async def test_the_empty_folder_screen_names_every_format_read(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    app = BoardReaderApp(folder, watch_interval=None)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(app, pilot)
        text = " ".join(screen_text(app).split())
        assert "Nothing to read here yet" in text
        missing = [suffix for suffix in TEXT_SUFFIXES if f"{suffix}," not in text and f"{suffix}." not in text]
        assert not missing, f"formats read but not named: {missing}"


async def test_the_palette_keeps_the_theme_switch_and_leaves_out_what_does_nothing_for_a_reader(
    library_dir: Path,
) -> None:
    app = BoardReaderApp(library_dir, watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" in titles and "Help" in titles and "Problems" in titles
        assert not {"Keys", "Screenshot", "Maximize", "Minimize"} & set(titles), titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"screenshot")
        await pilot.pause(0.3)
        assert "Save an SVG" not in screen_text(app)
