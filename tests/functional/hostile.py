"""A report whose text tries to act on the app and the terminal, for the hostile-text tests."""

from __future__ import annotations

from pathlib import Path

RICH = "[bold red]x[/]"
ACTION = "[@click=app.quit]quit[/]"
HOSTILE_REPORT = (
    "Hostile Text Board - Report on Markup in Papers\n\n"
    f"1. Rich markup: {RICH} stays as typed.\n\n"
    f"2. Action markup: {ACTION} does nothing when clicked.\n\n"
    "3. Colour: \x1b[31mred words\x1b[0m and \x1b[1;42mmore\x1b[0m end here.\n\n"
    "4. Clipboard: \x1b]52;c;aGFja2VkIGNsaXBib2FyZA==\x07 and \x1b]52;c;ZXZpbA==\x1b\\ after.\n\n"
    "5. Link: \x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\ done.\n"
)


def hostile_folder(parent: Path) -> Path:
    folder = parent / "papers"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    return folder
