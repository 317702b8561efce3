"""Command palette (ctrl+p) provider: the same `Library.search` as the search bar, so both agree."""

from __future__ import annotations

import asyncio
from functools import partial

from rich.text import Text
from textual.command import Hit as PaletteHit
from textual.command import Hits, Provider

from ..library.model import Hit
from .highlight import highlight_match
from .host import Reader, reader_of
from .messages import OpenHit

LIMIT = 15
KIND_NAMES = {
    "person": "Person",
    "programme": "Programme",
    "contact": "Contact",
    "organisation": "Organisation",
    "report": "Report",
    "section": "Section",
    "action": "Action",
    "paragraph": "Paragraph",
}


def palette_prompt(hit: Hit) -> Text:
    text = Text(f"{KIND_NAMES.get(hit.kind, hit.kind)}: ", style="dim")
    if hit.kind == "paragraph":
        text.append_text(highlight_match(hit.snippet, hit.match))
        text.append(f"  ({hit.label})", style="dim")
    elif hit.snippet == hit.label:
        text.append_text(highlight_match(hit.label, hit.match))
    else:
        text.append(hit.label, style="bold")
    return text


class LibraryCommands(Provider):
    """Every person, programme, contact, report, section and paragraph, found as you type."""

    @property
    def reader(self) -> Reader:
        return reader_of(self.app)

    async def search(self, query: str) -> Hits:
        reader = self.reader
        library = reader.library
        if library is None or not query.strip():
            return
        index = await asyncio.to_thread(reader.search_index, library)
        hits = await asyncio.to_thread(index.search, query, LIMIT)
        for hit in hits:
            prompt = palette_prompt(hit)
            yield PaletteHit(
                min(1.0, max(0.0, hit.score / 110.0)),
                prompt,
                partial(self.app.post_message, OpenHit(hit)),
                text=prompt.plain,
            )
