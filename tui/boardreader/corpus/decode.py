"""Bytes to clean Unicode text: encodings, line ends and characters that must never reach a screen.

Board papers come from many tools: UTF-8 with or without a BOM, UTF-16 from Word's "Unicode text",
Windows-1252 from older systems. We try the cheap, certain answers first (BOMs, strict UTF-8,
Windows-1252 when the bytes fit it) and ask charset-normalizer only when those fail.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not a text document (binary, or undecodable)."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# ANSI/VT escape sequences (CSI, OSC up to BEL or ST, and two-character escapes). Removed whole,
# so a report cannot colour the terminal, set a link or write the clipboard (OSC 52).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
# Controls other than tab and newline, and the bidi overrides/isolates that reorder what is shown.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return sanitise(data[len(bom) :].decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} mark but is not {encoding} text") from exc
    if b"\x00" in data[:8192]:
        raise NotText("binary file (contains NUL bytes)")
    try:
        return sanitise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # cp1252 leaves five bytes undefined; when none occur, it is the likeliest legacy encoding
        # for English board papers (a £ sign or curly quotes written by Word on Windows).
        return sanitise(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise NotText("not text in any encoding we know")
    return sanitise(str(best)), best.encoding


def sanitise(text: str) -> str:
    """Normalise line ends and Unicode form; drop escapes and invisible control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _UNSAFE.sub("", text)
    return unicodedata.normalize("NFC", text)
