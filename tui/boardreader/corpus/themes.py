"""Themes: from a report's theme headings, or, where it has none, from what each section is about.

The vocabulary below is the one these boards file their work under (improvement, innovation,
leadership, productivity, transparency). A section is given the theme whose words it uses most,
its heading counting three times; a section that uses none of them gets no theme rather than a guess.
"""

from __future__ import annotations

import re

THEME_WORDS: dict[str, tuple[str, ...]] = {
    "Innovation": ("innovat", "creative", "transformation", "digital", "research", "new ideas", "experiment"),
    "Improvement": (
        "improvement", "improve", "peer challenge", "peer support", "peer learning", "sector-led",
        "sector led", "inspection", "performance", "evaluation", "ofsted", "better",
    ),
    "Leadership": ("leadership", "leader", "academy", "graduation", "political development", "next generation"),
    "Productivity": (
        "productivity", "efficiency", "efficient", "savings", "procurement", "commissioning",
        "shared service", "value for money", "cost",
    ),
    "Transparency": ("transparency", "open data", "open government", "lg inform", "data service", "publish data"),
}  # fmt: skip
_PATTERNS = {theme: re.compile("|".join(re.escape(w) for w in words)) for theme, words in THEME_WORDS.items()}


def classify(heading: str | None, text: str, minimum: int = 2) -> str | None:
    """The theme a section is most about, or None when it says too little about any."""
    head = (heading or "").lower()
    body = text.lower()
    scores = {t: 3 * len(p.findall(head)) + len(p.findall(body)) for t, p in _PATTERNS.items()}
    theme, score = max(scores.items(), key=lambda kv: kv[1])
    return theme if score >= minimum else None
