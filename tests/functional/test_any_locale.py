"""The installed command in a locale that is not UTF-8, and with no terminal: output in the locale's
encoding (nearest ASCII or escaped where it has no such character), JSON that stays valid, a screen
without `\\u2014` for its dashes, and a reader that says it needs a terminal instead of waiting.

Each case runs the real command in a subprocess, as a user's shell would."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

# A paper of our own whose title and text hold characters Latin-1 has (é, £) and has not (—, –, “”, €, ≈).
PAPER = """Harbour Renewal Board – Report from Councillor Aurélie Penhaligon (Chair)

1. The board met on 4 March 2021 — its “first” meeting since the storms — and agreed £2.4m (≈ €2.8m).
2. Officers will report on the quay works to the next meeting.
"""


def command() -> list[str]:
    script = Path(sys.executable).with_name("boardreader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "boardreader"]


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "harbour.txt").write_text(PAPER, encoding="utf-8")
    return folder


def environment(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING", "LC_ALL", "LANG")}
    return {**base, **extra}


LATIN_1 = {"PYTHONIOENCODING": "latin-1", "LANG": "en_GB.ISO-8859-1", "LC_ALL": "en_GB.ISO-8859-1"}
# The C locale with Python's UTF-8 coercion turned off: the streams are plain ASCII.
ASCII = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def run(papers: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*command(), *args], capture_output=True, env=environment(**env), timeout=120, check=False)


@pytest.mark.parametrize("locale", [LATIN_1, ASCII], ids=["latin-1", "ascii"])
def test_check_and_search_write_in_the_locale_encoding(papers: Path, locale: dict[str, str]) -> None:
    encoding = "latin-1" if locale is LATIN_1 else "ascii"
    checked = run(papers, locale, "check", str(papers))
    assert checked.returncode == 0 and checked.stderr == b"", checked.stderr.decode("utf-8", "replace")
    out = checked.stdout.decode(encoding)  # every byte is the locale's
    assert "'Harbour Renewal Board - Report from Councillor " in out  # the en dash as its nearest ASCII
    assert "Aurélie" in out if encoding == "latin-1" else "Aurelie" in out  # é kept where the locale has it
    assert out.rstrip().endswith("1 reports read, 0 skipped.")

    found = run(papers, locale, "search", "quay works", str(papers))
    assert found.returncode == 0 and found.stderr == b"", found.stderr.decode("utf-8", "replace")
    assert "quay works" in found.stdout.decode(encoding)


@pytest.mark.parametrize("locale", [LATIN_1, ASCII], ids=["latin-1", "ascii"])
def test_export_is_whole_valid_json_equal_to_the_utf8_one(papers: Path, locale: dict[str, str]) -> None:
    exported = run(papers, locale, "export", str(papers))
    assert exported.returncode == 0 and exported.stderr == b"", exported.stderr.decode("utf-8", "replace")
    exported.stdout.decode("ascii")  # escaped as \\u...: valid whatever the reader's encoding
    in_utf8 = run(papers, {"PYTHONIOENCODING": "utf-8"}, "export", str(papers))
    assert json.loads(exported.stdout) == json.loads(in_utf8.stdout.decode("utf-8"))
    assert "—" in json.loads(exported.stdout)["reports"][0]["sections"][0]["paragraphs"][0]["text"]


def test_search_json_is_valid_in_latin_1(papers: Path) -> None:
    found = run(papers, LATIN_1, "search", "--json", "storms", str(papers))
    assert found.returncode == 0, found.stderr.decode("utf-8", "replace")
    hits = json.loads(found.stdout.decode("ascii"))
    assert any("—" in hit["snippet"] for hit in hits)


def test_errors_are_one_line_in_latin_1(tmp_path: Path) -> None:
    missing = tmp_path / "papiers—perdus"
    proc = run(tmp_path, LATIN_1, "check", str(missing))
    assert proc.returncode == 2
    assert proc.stderr.decode("latin-1") == f"boardreader: No such folder: {tmp_path}/papiers-perdus\n"


def test_reader_without_a_terminal_says_so_and_exits_2(papers: Path) -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [*command(), str(papers)], stdin=subprocess.DEVNULL, capture_output=True, env=environment(), timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "boardreader: The reader needs a terminal, and standard input is not one "
        "(export, search and check work without one).\n"
    )
    assert proc.stdout == b""
    assert time.monotonic() - started < 30


# Escape sequences (CSI: cursor moves, colours; OSC: titles), so that the text drawn can be read.
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>]")


def read_screen(master: int, until: bytes, timeout: float) -> tuple[bytes, bytes]:
    """What the program wrote on the terminal, raw and without its escape sequences, until the
    text `until` has been drawn (or the time is up)."""
    raw = b""
    deadline = time.monotonic() + timeout
    while until not in _ESCAPES.sub(b"", raw) and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                raw += os.read(master, 65536)
            except OSError:  # the program closed its side
                break
    return raw, _ESCAPES.sub(b"", raw)


def test_reader_screen_in_latin_1_shows_dashes_not_escapes(papers: Path, tmp_path: Path) -> None:
    """The real reader in a real (pseudo) terminal whose locale is Latin-1: the tree and the report
    show the title's dash as "-", never `\\u2013`, and every byte drawn is Latin-1."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = environment(**LATIN_1, TERM="xterm-256color")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    proc = subprocess.Popen([*command(), str(papers)], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    try:
        raw, tree = read_screen(master, b"2021-03   Report from Councillor", timeout=90)
        os.write(master, b"]")  # open the newest report
        more, report = read_screen(master, b'its "first" meeting', timeout=30)
        raw += more
        os.write(master, b"q")
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert b"\\u20" not in raw and b"\\x" not in raw  # no escaped character anywhere on the screen
    raw.decode("latin-1")
    assert b"2021-03   Report from Councillor" in tree  # the tree, with its guide lines
    shown = report.decode("latin-1")
    assert "Harbour Renewal Board - Report from Councillor Aurélie" in shown  # é as Latin-1, the dash as "-"
    assert 'The board met on 4 March 2021 - its "first" meeting since the storms -' in shown
