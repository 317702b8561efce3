"""The clipboard route: the system clipboard through the platform's command, with a timeout, else
the terminal's (OSC 52), and which of them took the text."""

from __future__ import annotations

import sys
from pathlib import Path

from boardreader.reader.clipboard import ClipboardCommand, copy, system_commands


def writes_to(path: Path) -> ClipboardCommand:
    """A stand-in clipboard command: what it reads on stdin goes to `path`."""
    script = f"import sys; open({str(path)!r}, 'wb').write(sys.stdin.buffer.read())"
    return ClipboardCommand((sys.executable, "-c", script))


FAILS = ClipboardCommand((sys.executable, "-c", "import sys; sys.exit(1)"))
HANGS = ClipboardCommand((sys.executable, "-c", "import time; time.sleep(30)"))
MISSING = ClipboardCommand(("no-such-clipboard-command-here",))


def test_the_system_clipboard_takes_the_text_when_a_command_does(tmp_path: Path) -> None:
    sent: list[str] = []
    route = copy("Paragraph – with a dash\n— Report, 2014", [writes_to(tmp_path / "clip")], sent.append)
    assert route == "system"
    assert (tmp_path / "clip").read_bytes().decode() == "Paragraph – with a dash\n— Report, 2014"
    assert sent == [], "nothing sent to the terminal when the system clipboard took it"


def test_a_failing_missing_or_hanging_command_falls_back_to_the_terminal(tmp_path: Path) -> None:
    for command in (FAILS, MISSING, HANGS):
        sent: list[str] = []
        assert copy("text", [command], sent.append, timeout=0.5) == "terminal", command
        assert sent == ["text"]


def test_the_next_command_is_tried_when_one_fails(tmp_path: Path) -> None:
    sent: list[str] = []
    assert copy("text", [MISSING, FAILS, writes_to(tmp_path / "clip")], sent.append) == "system"
    assert (tmp_path / "clip").read_text() == "text" and not sent


def test_no_command_means_the_terminal() -> None:
    sent: list[str] = []
    assert copy("text", [], sent.append) == "terminal" and sent == ["text"]


def test_commands_are_those_installed_for_the_display_there_is() -> None:
    installed = {"wl-copy", "xclip", "xsel", "pbcopy", "clip.exe"}

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in installed else None

    def names(environ: dict[str, str], platform: str = "linux") -> list[str]:
        return [c.argv[0] for c in system_commands(environ, platform, which)]

    assert names({}) == [], "over SSH with no display: no system clipboard to reach"
    assert names({"DISPLAY": ":0"}) == ["xclip", "xsel"]
    assert names({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == ["wl-copy", "xclip", "xsel"]
    assert names({}, "darwin") == ["pbcopy"]
    assert names({}, "win32") == ["clip.exe"]
    assert names({"WSL_DISTRO_NAME": "Ubuntu"}) == ["clip.exe"]
    installed.discard("xclip")
    assert names({"DISPLAY": ":0"}) == ["xsel"], "only commands that are installed"
