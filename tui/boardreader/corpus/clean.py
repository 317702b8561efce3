"""Line and inline cleaning: turn the left-overs of HTML, Markdown, OCR and page furniture into text.

Cleaning keeps every word of the source. Markup is replaced by what it meant: `**noted**` becomes the
word with an emphasis span, `[here](#)` becomes `here`, `<ul>`/`•` become list items, and a running
page header such as `Item 3g` repeated mid-paragraph is dropped because it was never part of the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Every pattern run over each paragraph here opens with a character, never with "\b", a lookbehind
# or a repeat: re then scans for that character in C, where otherwise it tries the whole pattern at
# every position (a fifth of cleaning). A boundary before the first character is a lookbehind just
# after it: "C(?<!\wC)" is "\bC".
# OCR reads the double l of "Cllr" as capital I's; fix only the honorific, never other words.
_OCR_CLLR = re.compile(r"C(?<!\wC)[Il1][Il1]r(s?)\b(?<!Cllr)(?<!Cllrs)")
# A run of white space other than one plain space (which would be replaced by itself).
_SPACE = "[ \u00a0\u2000-\u200b\u3000]"
_WS = re.compile(rf"{_SPACE}(?:(?<=[\u00a0\u2000-\u200b\u3000]){_SPACE}*|{_SPACE}+)")
_INLINE = re.compile(
    r"\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|\*(?<![\w*]\*)(?P<em>[^*\s][^*\n]*?)\*(?![\w*])"
    # No "[" or "]" in a label or a target, no "<" in an autolink: each try stops where the next could
    # start, so "[a](" or "<http://" repeated costs linear time, not quadratic.
    r"|\[(?P<label>[^\[\]\n]*)\]\((?P<target>[^)\s\[\]]*)\)"
    r"|<(?P<autolink>(?:https?://|mailto:|www\.)[^<>\s]+)>"
    r"|<(?P<tag>/?[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>"
)
_BLOCK_TAGS = {"p", "/p", "br", "div", "/div", "li", "/li", "ul", "/ul", "ol", "/ol", "tr", "/tr"}
# A try starts only where a run of white space starts (the lookbehind), so a long run costs linear time.
_LIST_SPLIT = re.compile(r"(?:(?<!\s)\s++)?+(?:<(?:ul|ol|li)\b[^<>]*>|</(?:ul|ol|li)>|•)\s*")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.IGNORECASE)
_ITEM_LINE = re.compile(r"^(?:agenda\s+)?item\s+\d{1,3}[a-z]?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    emphasis: tuple[tuple[int, int], ...] = ()
    links: tuple[str, ...] = ()


def fix_ocr(text: str) -> str:
    return _OCR_CLLR.sub(lambda m: "Cllr" + m.group(1), text)


def ocr_misreadings(text: str) -> list[str]:
    return [m.group(0) for m in _OCR_CLLR.finditer(text)]


def clean_inline(raw: str) -> CleanText:
    """Resolve inline Markdown and HTML in one paragraph; return text, emphasis spans and link targets."""
    text = _WS.sub(" ", fix_ocr(html.unescape(raw))).strip()
    out: list[str] = []
    emphasis: list[tuple[int, int]] = []
    links: list[str] = []
    pos = 0
    length = 0
    for m in _INLINE.finditer(text):
        before = text[pos : m.start()]
        out.append(before)
        length += len(before)
        pos = m.end()
        inner = m.group("bold") or m.group("em")
        if inner is not None:
            emphasis.append((length, length + len(inner)))
            out.append(inner)
            length += len(inner)
        elif m.group("label") is not None:
            label, target = m.group("label"), m.group("target")
            if target and target != "#" and not target.startswith("#"):
                links.append(target)
            out.append(label)
            length += len(label)
        elif m.group("autolink"):
            url = m.group("autolink").removeprefix("mailto:")
            out.append(url)
            length += len(url)
        else:
            tag = m.group("tag").lower()
            sep = " " if tag in _BLOCK_TAGS else ""
            out.append(sep)
            length += len(sep)
    out.append(text[pos:])
    joined = "".join(out)
    # Removing tags can leave doubled spaces; collapse them while keeping emphasis offsets right.
    if "  " in joined or joined != joined.strip():
        return _recollapse(joined, emphasis, links)
    return CleanText(joined, tuple(emphasis), tuple(links))


def _recollapse(text: str, emphasis: list[tuple[int, int]], links: list[str]) -> CleanText:
    mapping: list[int] = []
    out: list[str] = []
    prev_space = True
    for ch in text:
        mapping.append(len(out))
        if ch == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(ch)
    mapping.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    n = len(out)
    spans = tuple((min(mapping[a], n), min(mapping[b], n)) for a, b in emphasis if mapping[a] < mapping[b])
    return CleanText("".join(out), spans, tuple(links))


def split_html_list(cell: str) -> tuple[str, list[str]]:
    """Split text that holds an inline HTML or `•` list into the lead text and its items."""
    parts = [p.strip(" ;") for p in _LIST_SPLIT.split(cell)]
    lead, items = parts[0], [p for p in parts[1:] if p]
    return lead, items


def has_inline_list(cell: str) -> bool:
    return "•" in cell or bool(re.search(r"<(?:ul|ol|li)\b", cell, re.IGNORECASE))


def is_page_furniture(line: str) -> bool:
    """Lines a page layout adds: page numbers and agenda item markers."""
    s = line.strip()
    return bool(PAGE_NUMBER.match(s) or _ITEM_LINE.match(s))


def drop_running_headers(lines: list[str], header_span: int = 5) -> tuple[list[str], list[str]]:
    """Remove page furniture repeated in the body; the first occurrence in the header stays.

    A running header is a short line from the top of the document that comes back later (a page
    header), or a page-number line. Returns the kept lines and the removed ones (for `check`).
    """
    top: set[str] = set()
    seen_nonblank = 0
    body_start = len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        seen_nonblank += 1
        if seen_nonblank > header_span:
            body_start = i
            break
        if len(s) <= 60 and "\t" not in s and (is_page_furniture(s) or _looks_like_running_header(s)):
            top.add(s)
    kept: list[str] = []
    removed: list[str] = []
    first_seen: set[str] = set()
    for i, line in enumerate(lines):
        s = line.strip()
        repeat = s in top and s in first_seen
        page_number = i >= body_start and bool(PAGE_NUMBER.match(s)) and len(s) > 0
        if repeat or page_number:
            removed.append(s)
            continue
        if s in top:
            first_seen.add(s)
        kept.append(line)
    return kept, removed


def _looks_like_running_header(s: str) -> bool:
    # A repeated header is a label, not a sentence: few words, no full stop at the end.
    return len(s.split()) <= 8 and not s.endswith((".", ":", ";", ","))
