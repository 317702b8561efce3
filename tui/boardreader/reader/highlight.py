"""Paragraph text as Rich `Text`, styled from the model's spans: one style per kind, and a legend.

Report text is data, never markup: every function here builds `Text(plain)` and adds styles by
offset, so a paragraph containing `[bold]` or `[@click=app.quit]` shows exactly those characters.
Two palettes, chosen by whether the theme is dark, keep every kind readable on both backgrounds.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from ..corpus.model import Paragraph, SpanKind
from ..index.text import fold

KIND_LABELS: dict[SpanKind, str] = {
    "person": "person",
    "programme": "programme",
    "organisation": "organisation",
    "date": "date",
    "money": "money",
    "figure": "figure",
    "email": "email",
    "phone": "phone",
    "link": "link",
    "emphasis": "emphasis",
}

_DARK: dict[SpanKind, Style] = {
    "person": Style(color="#7ec7ff", bold=True),
    "programme": Style(color="#f0b35e", bold=True),
    "organisation": Style(color="#b89cf5"),
    "date": Style(color="#7fd69a"),
    "money": Style(color="#ffd75f", bold=True),
    "figure": Style(color="#e0c97a"),
    "email": Style(color="#5fd7d7", underline=True),
    "phone": Style(color="#5fd7d7"),
    "link": Style(color="#87afff", underline=True),
    "emphasis": Style(italic=True),
}

_LIGHT: dict[SpanKind, Style] = {
    "person": Style(color="#005f9e", bold=True),
    "programme": Style(color="#9a4d00", bold=True),
    "organisation": Style(color="#5b3fa6"),
    "date": Style(color="#1d7a3a"),
    "money": Style(color="#8a6d00", bold=True),
    "figure": Style(color="#7a6300"),
    "email": Style(color="#006b6b", underline=True),
    "phone": Style(color="#006b6b"),
    "link": Style(color="#1f4fbf", underline=True),
    "emphasis": Style(italic=True),
}

MATCH_STYLE = Style(color="black", bgcolor="#ffd54f", bold=True)


def kind_style(kind: SpanKind, dark: bool = True) -> Style:
    return (_DARK if dark else _LIGHT)[kind]


def paragraph_text(paragraph: Paragraph, *, dark: bool = True, mark: tuple[int, int] | None = None) -> Text:
    """The paragraph's plain text with each span styled by kind, and an optional search match marked."""
    text = Text(paragraph.text)
    palette = _DARK if dark else _LIGHT
    for span in paragraph.spans:
        if 0 <= span.start < span.end <= len(paragraph.text):
            text.stylize(palette[span.kind], span.start, span.end)
    if mark is not None:
        text.stylize(MATCH_STYLE, mark[0], mark[1])
    return text


def find_match(text: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` occurs in `text`, ignoring case and accents (fold keeps lengths equal)."""
    needle = fold(needle).strip()
    if not needle:
        return None
    at = fold(text).find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def highlight_match(snippet: str, match: tuple[int, int] | None, base: Style | None = None) -> Text:
    """A search snippet with its matched characters marked."""
    text = Text(snippet, style=base or Style())
    if match is not None and 0 <= match[0] < match[1] <= len(snippet):
        text.stylize(MATCH_STYLE, match[0], match[1])
    return text


def legend(dark: bool = True) -> Text:
    """One line per kind, each written in its own style: the key to the colours in the reader."""
    out = Text()
    for kind, label in KIND_LABELS.items():
        out.append("  ")
        out.append(f"{label:<13}", kind_style(kind, dark))
        out.append("\n")
    out.append("  ")
    out.append("search match", MATCH_STYLE)
    return out
