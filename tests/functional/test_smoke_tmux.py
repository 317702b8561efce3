"""Smoke test: the installed `boardreader` in a real terminal (tmux), driven by keys like a user,
with the screen read back through `tmux capture-pane`. Skipped where tmux is absent."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.smoke

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def boardreader_command() -> str | None:
    beside_python = Path(sys.executable).parent / "boardreader"
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("boardreader")


class Terminal:
    """One tmux session on a private server socket, so no other session can change its size."""

    def __init__(self, session: str) -> None:
        self.session = session

    def tmux(self, *args: str, capture: bool = False) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["tmux", "-L", self.session, *args], check=not capture, capture_output=True)

    def keys(self, *keys: str) -> None:
        """All at once, no pause between them: the reader must not lose keys typed quickly (escape
        then "/" arrive as one read, which the terminal parser makes a single key of)."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", self.session, "-p").stdout.decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.session, capture=True).returncode == 0


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    command = boardreader_command()
    if command is None:
        pytest.skip("boardreader is not installed")
    library = tmp_path / "reports"
    shutil.copytree(REPORTS, library)
    session = f"boardreader-smoke-{uuid.uuid4().hex[:8]}"
    env = {
        "BOARDREADER_STATE_DIR": str(tmp_path / "state"),
        "BOARDREADER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    args = ["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "140", "-y", "45"]
    for key, value in env.items():
        args += ["-e", f"{key}={value}"]
    # COLUMNS/LINES from the test runner would pin the app to their size, whatever tmux says
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
    subprocess.run([*args, f"env -u COLUMNS -u LINES {command} {library}"], check=True, env={**base, **env})
    term = Terminal(session)
    term.tmux("resize-window", "-t", session, "-x", "140", "-y", "45", capture=True)
    try:
        yield term
    finally:
        term.tmux("kill-server", capture=True)


def test_reader_opens_reads_searches_and_quits(terminal: Terminal) -> None:
    terminal.wait_for("reports in")
    for text in ("People", "Bookmarks", "Help"):  # the first frame may be drawn before tmux's resize
        terminal.wait_for(text)
    terminal.keys("]")
    shown = terminal.wait_for("Title")
    assert "Date" in shown and ("stated" in shown or "inferred from" in shown)
    terminal.keys("t")
    terminal.wait_for("Innovation")
    terminal.keys("?")
    terminal.wait_for("boardreader — keys")
    terminal.keys("Escape", "/")
    terminal.wait_for("Search people")
    terminal.keys("flemming")
    # the person's roles, shown only among the results ("People" is in the tree behind them too):
    # Enter pressed before the results arrive would have nothing to open
    shown = terminal.wait_for("Chair, Chairman")
    assert "Peter Fleming" in shown
    terminal.keys("Enter")
    terminal.wait_for("Mentions")
    terminal.keys("Enter")  # the first mention: back on the reading screen, at that paragraph
    shown = terminal.wait_for("By theme")
    assert "boardreader  —" in shown and "Fleming" in shown
    terminal.keys("Escape", "Escape")
    time.sleep(0.5)
    assert terminal.alive(), "escape must never quit"
    terminal.keys("q")
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not terminal.alive()
