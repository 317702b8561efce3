"""How a pattern searched over whole paragraphs is written: opening with a character re can scan for.

re looks for a pattern's first character in C, and tries the pattern only where it finds one, when
the pattern opens with a literal, a set, or an alternation whose every branch opens with a literal.
A pattern that opens otherwise ("\\b", a lookaround, a repeat, a group of groups) is tried at every
position of the text: over the paragraphs of a report that was most of the cost of parsing it. So a
boundary before a pattern's first character is written as a lookbehind just after that character:
"C(?<!\\wC)" is "\\bC", and "[A-Z](?<![\\w'-][A-Z])" a capital no word character or apostrophe precedes.
"""

from __future__ import annotations

from collections.abc import Iterable


def at_word_start(alternatives: Iterable[str], before: str = r"\w", tail: str = "") -> str:
    """The alternatives (each followed by `tail`) as one alternation, each only where no character of
    the set `before` stands just before it, each branch opening with its first character, which must
    be a plain letter."""
    branches = []
    for branch in alternatives:
        first = branch[0]
        if not first.isalpha():
            raise ValueError(f"{branch!r} must open with a plain letter")
        branches.append(rf"{first}(?<!{before}{first}){branch[1:]}{tail}")
    return "|".join(branches)


def capital_after(before: str) -> str:
    """A capital letter that no character of the set `before` stands just before."""
    return rf"[A-Z](?<!{before}[A-Z])"
