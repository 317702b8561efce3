"""Limits for documents that are zip packages (.docx, and any Office or OpenDocument format after it).

A zip says in its directory how large each part unpacks to, and Python's zip reader never hands back
more than that (a part that lies fails its checksum), so the directory alone tells what opening the
package would cost. `check_package(data)` reads only the directory and refuses, with a one-line
reason, a package that would unpack to more than a reader should hold in memory, whose markup alone
is more than the XML parser should build a tree of, or whose parts are compressed further than real
documents are (a "zip bomb": 2 MB that unpacks to 2 GB). It runs before any part is decompressed.
"""

from __future__ import annotations

import io
import struct
import zipfile

from .errors import ExtractionError

# Every part is read into memory by the Word reader: pictures included, so the whole can be large.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# Markup becomes a tree of about ten times its size; 2 MB of text (the text limit) is rarely more
# than 40 MB of Word's verbose XML.
MAX_MARKUP_BYTES = 64 * 1024 * 1024
# Word's XML compresses about 5 to 30 times, pictures hardly at all; a part that shrank more than
# this, and is large, was made to be a bomb. Small parts may compress further without harm.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
# Word writes parts stored or deflated. The other methods (bzip2, lzma) are refused: Python
# decompresses them a whole chunk at a time, so one chunk could unpack to gigabytes.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_MARKUP = (".xml", ".rels")
# The zip reader builds an object for every entry of the directory before we can look at any: a
# directory of millions of entries would cost seconds and a gigabyte. Word's have tens to hundreds.
MAX_DIRECTORY_BYTES = 1024 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_package(data: bytes, kind: str = "Word document") -> None:
    """Raise ExtractionError when the zip package in `data` is not one to open, else return."""
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 22 - 65535))
    if end >= 0 and len(data) >= end + 16:
        (directory_size,) = struct.unpack("<I", data[end + 12 : end + 16])
        if MAX_DIRECTORY_BYTES < directory_size != 0xFFFFFFFF:
            raise ExtractionError(f"not a {kind} (its directory lists far more parts than a document has)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ExtractionError(f"not a {kind} ({exc})") from exc
    unpacked = markup = 0
    for part in parts:
        if part.compress_type not in _METHODS:
            raise ExtractionError(f"not a {kind} (a part is compressed in a way Word never uses)")
        unpacked += part.file_size
        if part.filename.lower().endswith(_MARKUP):
            markup += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise ExtractionError(
                f"a part unpacks to {ratio:.0f} times its packed size (the limit is {MAX_RATIO}): a zip bomb?"
            )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExtractionError(f"unpacks to {_megabytes(unpacked)}; the limit is {_megabytes(MAX_UNPACKED_BYTES)}")
    if markup > MAX_MARKUP_BYTES:
        raise ExtractionError(f"{_megabytes(markup)} of markup; the limit is {_megabytes(MAX_MARKUP_BYTES)}")
