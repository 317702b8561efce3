"""The one error every format reader raises: the file cannot be turned into text, and why."""

from __future__ import annotations


class ExtractionError(ValueError):
    """The document holds no text we can read; str(exc) is the reason shown under `skipped`."""
