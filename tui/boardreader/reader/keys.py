"""Keys typed quickly are not lost: escape followed at once by another key, read as one chord.

A terminal sends escape as the byte ESC, and alt+x as ESC then "x". When escape and the next key
arrive together (typed fast, pasted, sent by tmux, or read late on a busy machine), Textual's xterm
parser cannot tell them apart: ESC + a letter or digit becomes "alt+x", and ESC + punctuation
becomes the bare punctuation key with the escape dropped. The reader binds no alt+ keys, so an
unbound alt+x is taken back apart into escape and x here; the escape dropped before punctuation is
made good where it matters, by the overlays passing on keys they do not use (see HelpScreen).
"""

from __future__ import annotations

from collections.abc import Callable, Container

from textual import events

ALT = "alt+"


def keys_typed(event: events.Event, bound: Callable[[], Container[str]]) -> list[events.Event]:
    """The keys an event stands for: an unbound alt+x chord (not forwarded) taken apart into escape
    and x, any other event as it is. `bound` gives the keys bound now, asked only for an alt+ key
    (before the first screen there are none to ask)."""
    chord = isinstance(event, events.Key) and not event.is_forwarded and event.key.startswith(ALT)
    if chord and isinstance(event, events.Key) and (keys := split_escape_chord(event, bound())):
        return list(keys)
    return [event]


def split_escape_chord(event: events.Key, bound: Container[str]) -> list[events.Key] | None:
    """The escape and the key an unbound alt+x chord stands for, or None for any other key."""
    if not event.key.startswith(ALT) or event.key in bound:
        return None
    character = event.character
    if character is None or len(character) != 1 or not character.isprintable():
        return None  # alt+backspace and the like: a real modifier, not a key typed after escape
    # Textual names a printable letter or digit by itself ("j", "J", "7"): the only kind that reaches here
    return [events.Key("escape", "\x1b"), events.Key(character, character)]
