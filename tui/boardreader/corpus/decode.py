"""Bytes to clean Unicode text: encodings, line ends and characters that must never reach a screen.

Board papers come from many tools: UTF-8 with or without a BOM, UTF-16 from Word's "Unicode text",
Windows-1252 from older systems. We try the cheap, certain answers first (BOMs, strict UTF-8,
UTF-16 whose every other byte is NUL, Windows-1252 when the bytes fit it) and ask
charset-normalizer only when those fail. Whatever the encoding, `sanitise` then removes what could
act on a terminal or reorder what is shown: escape sequences, control characters, bidi overrides.
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
_SAMPLE = 8192  # bytes looked at to tell text from binary

# ANSI/VT escape sequences (CSI, OSC up to BEL or ST, and two-character escapes). Removed whole,
# so a report cannot colour the terminal, set a link (OSC 8) or write the clipboard (OSC 52).
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c\x1b]*(?:\x07|\x9c)?"
)
# Form feeds (page breaks from PDF-to-text tools), vertical tabs and Unicode line separators end a
# line; dropping them would glue the last word of one page to the first of the next.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# Controls other than tab and newline; bidi marks, overrides and isolates that reorder what is
# shown; the BOM; and invisible "tag" characters that can smuggle text past a reader.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return sanitise(data[len(bom) :].decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} mark but is not {encoding} text") from exc
    head = data[:_SAMPLE]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise NotText("binary file (contains NUL bytes)")
        try:
            return sanitise(data.decode(utf16)), utf16
        except UnicodeDecodeError as exc:
            raise NotText("binary file (contains NUL bytes)") from exc
    try:
        return sanitise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: a legacy encoding, or binary without NULs. Text has few control characters.
    if len(_CONTROL_BYTES.findall(head)) > max(8, len(head) // 20):
        raise NotText("binary file (mostly control characters)")
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


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 saved without a mark: ASCII-range text has NUL in every other byte, and nowhere else."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= len(odd) * 0.9 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= len(even) * 0.9 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def sanitise(text: str) -> str:
    """Normalise line ends and Unicode form; drop escapes and invisible control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _UNSAFE.sub("", text)
    return unicodedata.normalize("NFC", text)
