"""The parser's version: a digest of the corpus layer's own source, read without importing it.

Every cache of parsed reports is keyed by it, so any change to the parser invalidates them. Kept
apart from parse.py so that a warm start, which parses nothing, never pays for the parser's imports.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def _parser_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


PARSER_VERSION = _parser_version()
