"""Web pages (.html, .htm) to parser-ready text, with lxml.

Only the page's main content is read: `<main>`, `role="main"`, a single `<article>` or a `#content`
block when the page has one, else the body without its site header, footer, navigation, sidebars,
forms, scripts and cookie banners. Headings, paragraphs, lists (numbers kept, `<ol start>` and
`<li value>` honoured, nested numbered lists as 1.1.) and tables (one tab-separated line per row) are
written the way the plain-text papers are laid out; `<strong>` becomes `**bold**` and external links
`[text](href)`, which the parser reads back as emphasis and links.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from ..decode import NotText, decode
from .blocks import TextWriter, cell_text
from .errors import ExtractionError

_NOISE_TAGS = ("nav", "aside", "script", "style", "noscript", "form", "template", "svg", "button", "iframe", "select")
_PAGE_CHROME_TAGS = ("header", "footer")
_NOISE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search")
_NOISE_NAMES = re.compile(r"(?:^|[\s_-])(?:breadcrumbs?|cookies?|skip-?link|sidebar|share|social)(?:$|[\s_-])", re.I)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "table", "tr", "blockquote", "dl", "dt", "dd",
    "figure", "figcaption", "pre", "address", "hr", "header", "footer", "details", "summary", "center",
}  # fmt: skip
MAX_DEPTH = 100  # levels of nesting read as they are; deeper content is read as lines of text
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def extract_html(data: bytes) -> str:
    text = _decode(data)
    if not text.strip():
        raise ExtractionError("empty web page")
    # libxml2 stops at 256 levels of nesting unless told the tree may be huge, and then silently
    # drops everything after: the limit is raised to its most (2,048), and a page past even that is
    # skipped with its reason rather than read in part.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        document = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"not a web page ({exc})") from exc
    if any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log):
        raise ExtractionError("not read: the page nests its content more than 2,048 levels deep")
    root = _main_content(document)
    _flatten_deep(root)
    writer = TextWriter()
    _write_blocks(root, writer)
    return writer.text()


def _decode(data: bytes) -> str:
    """The page's own <meta charset> first; else what the text reader decides (BOMs, UTF-8,
    Windows-1252, detection), which also refuses binary data."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return decode(data)[0]
    except NotText as exc:
        raise ExtractionError(f"not a web page ({exc})") from exc


def _main_content(document: Any) -> Any:
    for path in ("//main", "//*[@role='main']", "//article", "//*[@id='content' or @id='main-content' or @id='main']"):
        found = document.xpath(path)
        if len(found) == 1 or (found and path != "//article"):
            root = found[0]
            break
    else:
        root = document.body if document.find("body") is not None else document
    is_page = root.tag in {"body", "html"}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments and processing instructions
            if element.getparent() is not None:
                element.drop_tree()
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        noise = (
            element.tag in _NOISE_TAGS
            or (is_page and element.tag in _PAGE_CHROME_TAGS)
            or element.get("role", "") in _NOISE_ROLES
            or element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or bool(_NOISE_NAMES.search(names))
        )
        if noise and element is not root and element.getparent() is not None:
            element.drop_tree()
    return root


def _flatten_deep(root: Any) -> None:
    """Read content nested deeper than MAX_DEPTH as plain lines of text: the walk below recurses once
    per level, and real pages nest a few dozen levels, never hundreds."""
    depth = {root: 0}
    deepest: list[Any] = []
    for element in root.iterdescendants():
        depth[element] = level = depth[element.getparent()] + 1
        if level == MAX_DEPTH and isinstance(element.tag, str):
            deepest.append(element)
    for element in deepest:
        text = _flat_text(element)
        for child in list(element):
            element.remove(child)
        element.text = text


def _flat_text(element: Any) -> str:
    """The text inside an element, a line per block, walked without recursion."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        breaks = tag in _BLOCKS or tag == "br"
        if event == "start":
            parts += ["\n" if breaks else "", (node.text or "") if tag else ""]
        elif node is not element:
            parts += ["\n" if breaks else "", node.tail or ""]
    return "\n".join(line for raw in "".join(parts).split("\n") if (line := " ".join(raw.split())))


def _write_blocks(element: Any, writer: TextWriter) -> None:
    """Write a container: runs of inline content become paragraphs, block children recurse."""
    buffer: list[str] = [element.text or ""]

    def flush() -> None:
        text = "".join(buffer)
        if text.strip():
            writer.paragraph(text)
        buffer.clear()

    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS:
            flush()
            _write_block(child, writer)
        else:
            buffer.append(_inline(child))
        buffer.append(child.tail or "")
    flush()


def _write_block(element: Any, writer: TextWriter) -> None:
    tag = element.tag
    if tag in _HEADINGS:
        writer.heading(_inline_children(element))
    elif tag == "p":
        writer.paragraph(_inline_children(element))
    elif tag in {"ul", "ol"}:
        _write_list(element, writer, None)
    elif tag == "table":
        _write_table(element, writer)
    elif tag == "tr":
        writer.row(_row_cells(element))
    elif tag == "hr":
        return
    else:
        _write_blocks(element, writer)


def _write_list(element: Any, writer: TextWriter, parent_number: str | None) -> None:
    numbered = element.tag == "ol"
    count = _int(element.get("start"), 1) - 1
    for item in element.iterchildren("li"):
        count = _int(item.get("value"), count + 1)
        number: str | None = None
        if numbered:
            number = f"{parent_number}.{count}" if parent_number else str(count)
        nested = [child for child in item if child.tag in {"ul", "ol"}]
        writer.item(number, _inline_children(item, skip=nested))
        for sub in nested:
            _write_list(sub, writer, number if sub.tag == "ol" else None)


def _write_table(table: Any, writer: TextWriter) -> None:
    rows = [row for row in table.iter("tr") if _nearest_table(row) is table]
    cells = [cell for row in rows for cell in row if cell.tag in {"td", "th"}]
    if any(_lays_out_page(cell) for cell in cells):
        for cell in cells:  # an old-style page laid out in a table: its cells are the page's blocks
            _write_blocks(cell, writer)
        return
    for row in rows:
        writer.row(_row_cells(row))
    writer.end_table()


def _lays_out_page(cell: Any) -> bool:
    """A cell holding headings, a table or several paragraphs is page layout, not a table of data."""
    if any(True for _ in cell.iter("h1", "h2", "h3", "h4", "h5", "h6", "table")):
        return True
    return sum(1 for child in cell if child.tag in {"p", "div"}) > 2


def _nearest_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _row_cells(row: Any) -> list[str]:
    cells = []
    for cell in row:
        if cell.tag not in {"td", "th"}:
            continue
        lists = [child for child in cell.iter("ul", "ol") if child is not cell]
        parts: list[tuple[bool, str]] = [(False, _inline_children(cell, skip=lists))]
        for lst in lists:
            parts += [(True, _inline_children(li)) for li in lst.iterchildren("li")]
        cells.append(cell_text(parts))
    return cells


def _inline_children(element: Any, skip: list[Any] | None = None) -> str:
    out = [element.text or ""]
    for child in element:
        if skip is None or child not in skip:
            out.append(_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _inline(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br":
        return "\n"
    inner = _inline_children(element)
    if tag in {"strong", "b"} and inner.strip() and "*" not in inner:
        core = inner.strip()
        return inner[: len(inner) - len(inner.lstrip())] + f"**{core}**" + inner[len(inner.rstrip()) :]
    if tag == "a":
        href = element.get("href", "").strip()
        label = " ".join(inner.replace("**", "").split())  # stars inside a link label would show
        if re.match(r"(?:https?|mailto):[^\s()]+$", href) and href.removeprefix("mailto:") != label and label:
            return f"[{label}]({href})"
    if tag in _BLOCKS or tag in {"td", "th"}:
        return f" {inner} "
    return inner


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
