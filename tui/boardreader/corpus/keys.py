"""One key for the ways one programme is written, shared by the parser, the library and the reader.

Light on purpose (no parser imports): the reader matches programme spans with it at start.
"""

from __future__ import annotations

import re


def without_programme(name: str) -> str:
    """The name in lower case without a trailing "programme" ("Troubled Families programme")."""
    return re.sub(r"\s+(?:programme|program)$", "", name.lower())


def programme_key(name: str) -> str:
    """One key for the ways a programme is written: case, a trailing "programme", plurals."""
    key = without_programme(name).replace("master class", "masterclass")
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in key.split())
