"""Copying text to a clipboard, and saying truthfully which one took it.

The system clipboard is reached through the platform's own command (wl-copy, xclip, xsel, pbcopy,
clip.exe), run with a timeout. Where there is none, or it fails, the text goes to the terminal as
an OSC 52 escape, which many terminals (and tmux by default) ignore without a word: so the route
taken is returned, and the reader says which it was instead of a "Copied" that may not be true.

No library is used: pyperclip (the usual one) runs the same commands but with no timeout, so a
clipboard command that hangs (xclip waiting on an X server that does not answer) would hang its
caller; here each command is given `TIMEOUT` seconds. `copy` blocks for at most that long: the
reader calls it from a thread worker, never from the UI's thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

TIMEOUT = 2.0  # seconds a clipboard command may take before the terminal's clipboard is used instead

Route = Literal["system", "terminal"]

SAID: dict[Route, str] = {
    "system": "Copied to the system clipboard",
    "terminal": "Sent to the terminal's clipboard (OSC 52): your terminal may ignore it",
}


@dataclass(frozen=True)
class ClipboardCommand:
    """A command that reads text on its standard input and puts it on the system clipboard."""

    argv: tuple[str, ...]
    encoding: str = "utf-8"  # clip.exe reads UTF-16 (with its byte-order mark) for anything not ASCII


# In the order tried: Wayland before X (an X server under Wayland is XWayland, whose clipboard is a copy).
WAYLAND = (ClipboardCommand(("wl-copy",)),)
X11 = (ClipboardCommand(("xclip", "-selection", "clipboard")), ClipboardCommand(("xsel", "--clipboard", "--input")))
MACOS = (ClipboardCommand(("pbcopy",)),)
WINDOWS = (ClipboardCommand(("clip.exe",), encoding="utf-16"),)  # Windows, and WSL (where it is on the PATH)


def system_commands(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> list[ClipboardCommand]:
    """The clipboard commands this session can use, best first: those installed whose display is
    there (xclip with no X display would only fail). Empty over SSH with no display forwarded."""
    candidates: list[ClipboardCommand] = []
    if platform == "darwin":
        candidates += MACOS
    if platform == "win32":
        candidates += WINDOWS
    if environ.get("WAYLAND_DISPLAY"):
        candidates += WAYLAND
    if environ.get("DISPLAY"):
        candidates += X11
    if platform.startswith("linux") and environ.get("WSL_DISTRO_NAME"):
        candidates += WINDOWS
    return [c for c in candidates if which(c.argv[0]) is not None]


def run_command(command: ClipboardCommand, text: str, timeout: float = TIMEOUT) -> bool:
    """Give `text` to one clipboard command; True when it took it (exited 0 within the timeout)."""
    try:
        done = subprocess.run(
            command.argv,
            input=text.encode(command.encoding, "replace"),
            stdout=subprocess.DEVNULL,  # xclip stays behind to serve the selection: it must not hold our pipes
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def copy(
    text: str,
    commands: Sequence[ClipboardCommand],
    to_terminal: Callable[[str], None],
    timeout: float | None = None,
) -> Route:
    """Put `text` on the system clipboard through the first of `commands` that takes it (each given
    `timeout` seconds, TIMEOUT by default), else send it to the terminal (`to_terminal`, the OSC 52
    escape); return the route it took."""
    for command in commands:
        if run_command(command, text, TIMEOUT if timeout is None else timeout):
            return "system"
    to_terminal(text)
    return "terminal"
