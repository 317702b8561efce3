"""Output that works whatever the locale's encoding, and whether there is a terminal to read.

Report text is full of dashes, curly quotes and pound signs. In a locale whose encoding cannot
write them (ISO-8859-1, ASCII), Python's strict streams raise UnicodeEncodeError mid-output, and
the terminal's stream shows `\\u2014` for every dash. So:
- `fit_text_streams()`: the command line's stdout and stderr write what the encoding cannot as its
  nearest ASCII ("—" as "-", "€" as "EUR"), or escaped (`\\u2603`) when there is none;
- `json_needs_ascii()`: JSON goes out with \\u escapes where the stream is not UTF, so it stays
  valid JSON whatever the encoding;
- `fit_screen_stream()`: the reader's screen the same way, one cell for one cell, so Textual's
  layout holds ("—" as "-", a wide character as "??");
- `no_terminal()`: why the reader cannot run here (no terminal to read keys from), or None.

This module never imports textual.
"""

from __future__ import annotations

import codecs
import functools
import sys
from collections.abc import Callable
from typing import TextIO

from anyascii import anyascii

_TEXT_ERRORS = "boardreader-nearest"
_SCREEN_ERRORS = "boardreader-cells"


def _utf(stream: TextIO) -> bool:
    """The stream writes every character (a UTF encoding), or is not a real text stream."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return True
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


@functools.cache
def _nearest(char: str) -> str:
    """ASCII for a character a stream cannot write: its transliteration, else a Python escape."""
    ascii_text = anyascii(char)
    if ascii_text and ascii_text.isprintable():
        return ascii_text
    return char.encode("ascii", "backslashreplace").decode("ascii")


# One cell of ASCII for what the reader and Textual draw that anyascii spells in several letters.
_ONE_CELL = {"…": ".", "▶": ">", "◀": "<", "►": ">", "◄": "<", "▲": "^"}


@functools.cache
def _same_cells(char: str) -> str:
    """ASCII for a character the screen cannot write, in the cells the character takes."""
    from rich.cells import cell_len

    width = cell_len(char)
    ascii_text = _ONE_CELL.get(char) or anyascii(char)
    if len(ascii_text) == width and ascii_text.isprintable():
        return ascii_text
    return "?" * width


def _handler(replace: Callable[[str], str]) -> Callable[[UnicodeError], tuple[str, int]]:
    def handle(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        return "".join(replace(char) for char in exc.object[exc.start : exc.end]), exc.end

    return handle


codecs.register_error(_TEXT_ERRORS, _handler(_nearest))
codecs.register_error(_SCREEN_ERRORS, _handler(_same_cells))


def _fit(stream: TextIO | None, errors: str) -> None:
    if stream is None or _utf(stream):
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors=errors)


def fit_text_streams() -> None:
    """Let stdout and stderr write any text, whatever the locale's encoding."""
    _fit(sys.stdout, _TEXT_ERRORS)
    _fit(sys.stderr, _TEXT_ERRORS)


def json_needs_ascii() -> bool:
    """Whether JSON on stdout must escape every character beyond ASCII to stay valid."""
    return not _utf(sys.stdout)


def fit_screen_stream() -> None:
    """Let the stream Textual draws on (stderr) write any text, one cell for one cell."""
    _fit(sys.__stderr__, _SCREEN_ERRORS)


def no_terminal() -> str | None:
    """Why the reader cannot run here, or None: it reads keys from stdin and draws on stderr."""
    for name, stream in (("standard input", sys.__stdin__), ("standard error", sys.__stderr__)):
        try:
            is_terminal = stream is not None and stream.isatty()
        except ValueError:  # closed
            is_terminal = False
        if not is_terminal:
            return f"the reader needs a terminal, and {name} is not one (export, search and check work without one)"
    return None
