"""Markdown (.md) block syntax to the plain-text paper shape; inline syntax is left to the parser.

The parser already reads Markdown's inline marks (`**bold**`, `*em*`, `[label](url)`, `<url>`), so
only the block syntax is rewritten here: `#` and underlined headings become heading lines, `|` tables
become tab-separated rows (the alignment row dropped), `*`/`+` bullets become `- `, lazily numbered
lists (`1.` `1.` `1.`) get the numbers they render with, quotes and code fences lose their marks,
horizontal rules and HTML comments go, and YAML front matter becomes `Key: value` header fields.
"""

from __future__ import annotations

import re

from ..decode import decode

# Patterns here are written so that no line can make them backtrack without end: possessive
# quantifiers (`*+`) where what follows cannot start with what they took, no two runs of white space
# side by side, and no closing mark searched for from every opening one; a Markdown file of one long
# line of spaces or of "![" repeated then reads in linear time.
_ATX = re.compile(r"^ {0,3}(#{1,6})\s++(?P<text>.*)$")  # closing "#"s are trimmed by hand (_atx_text)
_ATX_CLOSING = re.compile(r"\s#+$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_TABLE_ALIGN = re.compile(r"^\s*+\|?+\s*+:?+-{3,}+:?+\s*+(?:\|\s*+:?+-{3,}+:?+\s*+)*+\|?+\s*+$")
_BULLET = re.compile(r"^\s*[*+-]\s+(?P<text>\S.*)$")
_ORDERED = re.compile(r"^\s*(?P<num>\d{1,3})(?P<mark>[.)])\s+(?P<text>\S.*)$")
_QUOTE = re.compile(r"^\s*>\s?")
_FENCE = re.compile(r"^\s*(```|~~~)")
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\([^)\[\]]*\)")  # no "[" inside: a try stops where the next starts


def extract_markdown(data: bytes) -> str:
    text, _ = decode(data)
    text = _without_comments(text)
    lines = text.split("\n")
    out: list[str] = []
    if lines and lines[0].strip() == "---" and "---" in (line.strip() for line in lines[1:40]):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        out += [_front_matter(line) for line in lines[1:end] if ":" in line] + [""]
        lines = lines[end + 1 :]
    in_fence = False
    last: tuple[int, int] | None = None  # the list's previous item: (number written, number shown)
    for i, raw in enumerate(lines):
        line = _QUOTE.sub("", raw) if not in_fence else raw
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _SETEXT.match(following) and line.strip() and not _TABLE_ALIGN.match(line) and not _RULE.match(line):
            out += ["", _IMAGE.sub(r"\g<alt>", line.strip()), ""]  # an underlined heading
            continue
        if _SETEXT.match(line) and out and out[-1] == "":
            continue  # the underline itself
        if _RULE.match(line) or _TABLE_ALIGN.match(line):
            continue
        line = _IMAGE.sub(r"\g<alt>", line)
        heading = _ATX.match(line)
        ordered = _ORDERED.match(line)
        bullet = _BULLET.match(line)
        if heading:
            out += ["", _atx_text(heading.group("text")), ""]
        elif line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 3:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            out.append("\t".join(c.replace("\\|", "|") for c in cells))
        elif ordered:
            written = shown = int(ordered.group("num"))
            if last is not None and written == last[0]:
                shown = last[1] + 1  # "1. 1. 1." renders as 1, 2, 3
            last = (written, shown)
            number = shown
            out.append(f"{number}{ordered.group('mark')} {ordered.group('text')}")
            continue
        elif bullet:
            out.append(f"- {bullet.group('text')}")
        else:
            out.append(line.rstrip())
        if line.strip():
            last = None
    return "\n".join(out) + "\n"


def _atx_text(text: str) -> str:
    """A heading's text without its optional closing "#"s ("## Budget ##" -> "Budget")."""
    text = text.strip()
    closing = _ATX_CLOSING.search(text) if text.endswith("#") else None
    return text[: closing.start()].rstrip() if closing else text


def _without_comments(text: str) -> str:
    """The text without its <!-- comments -->, found by hand: a pattern would search for "-->" again
    from every "<!--", which costs time growing with the square of a file of unclosed comments.
    An unclosed comment is kept as text, as before."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _front_matter(line: str) -> str:
    key, _, value = line.partition(":")
    return f"{key.strip().capitalize()}: {value.strip().strip(chr(34) + chr(39))}"
