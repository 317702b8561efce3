"""Word (.docx) to parser-ready text, with python-docx.

The body is read in order, paragraphs and tables alike; page headers and footers live in other
parts of the package and are never read, so running heads cannot leak in. Heading and Title styles
(or an outline level) become heading lines. Word's automatic numbering is not in the text: it is
worked out here from the numbering definitions (numId, level, start, format, "%1.%2." pattern),
so a numbered paragraph keeps the number the reader saw. Bold runs become `**bold**` and external
hyperlinks `[text](address)`, which the parser turns back into emphasis spans and links. The XML is
walked directly rather than through python-docx's paragraph objects, so that text inside content
controls, tracked insertions, smart tags and fields is read, and tracked deletions are not. Tabs a
writer typed to line up columns stay tabs (the parser's table rows).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from .blocks import TextWriter, cell_text
from .errors import ExtractionError
from .packages import check_package

_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title|subtitle)\b", re.IGNORECASE)
_LEVEL_REF = re.compile(r"%(\d)")


_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _HYPERLINK = qn("w:r"), qn("w:hyperlink")
# Wrappers whose content is part of the text: content controls, tracked insertions, smart tags, fields.
_WRAPPERS = {
    qn(f"w:{t}") for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "fldSimple", "dir", "bdo")
}
_RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


def extract_docx(data: bytes) -> str:
    check_package(data)  # before any part is unpacked: a 2 MB file can unpack to gigabytes
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(f"not a Word document ({exc})") from exc
    reader = _Reader(document)
    for block in _blocks(document.element.body):
        if block.tag == _TBL:
            reader.table(block)
        else:
            reader.paragraph(block)
    return reader.writer.text()


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables in reading order, including those inside content controls."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


class _Reader:
    def __init__(self, document: Any) -> None:
        self.styles = StyleTable(document)
        self.numbering = Numbering(document, self.styles)
        self.rels = document.part.rels
        self.writer = TextWriter()

    def paragraph(self, p: Any) -> None:
        marker = self.numbering.marker(p)
        if self.styles.is_heading(p):
            text = self.text(p, emphasis=False)
            self.writer.heading(f"{marker} {text}" if marker and marker != "-" else text)
        elif marker is not None:
            self.writer.item(None if marker == "-" else marker, self.text(p))
        else:
            self.writer.paragraph(self.text(p), keep_tabs=True)

    def table(self, tbl: Any) -> None:
        for tr in tbl.iterchildren(_TR):
            cells = []
            # A merged cell is one w:tc; a cell merged from the row above is empty here.
            for tc in _row_cells(tr):
                parts = [(self.numbering.marker(p) is not None, self.text(p)) for p in _cell_paragraphs(tc)]
                cells.append(cell_text(parts))
            self.writer.row(cells)
        self.writer.end_table()

    def text(self, p: Any, emphasis: bool = True) -> str:
        """The paragraph's text with bold as **bold** and external links as [text](address).
        Deleted text of tracked changes is left out; inserted text is in."""
        out: list[str] = []
        self._walk(p, out, emphasis)
        return _merge_bold("".join(out))

    def _walk(self, element: Any, out: list[str], emphasis: bool) -> None:
        for child in element.iterchildren():
            if child.tag == _R:
                out.append(_run_text(child, emphasis))
            elif child.tag == _HYPERLINK:
                inner: list[str] = []
                self._walk(child, inner, emphasis)
                out.append(self._link("".join(inner), child.get(qn("r:id"))))
            elif child.tag in _WRAPPERS:
                self._walk(child, out, emphasis)

    def _link(self, text: str, rel_id: str | None) -> str:
        rel = self.rels.get(rel_id) if rel_id else None
        address = rel.target_ref if rel is not None and rel.is_external else ""
        plain = text.replace("\x00", "").replace("\x01", "").strip()
        if plain and re.match(r"(?:https?|mailto):[^\s()]+$", address) and address.removeprefix("mailto:") != plain:
            return f"[{plain}]({address})"
        return text


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from (tc for tc in child.iter(_TC))


def _cell_paragraphs(tc: Any) -> Iterator[Any]:
    """Paragraphs of a cell, nested tables flattened into their paragraphs."""
    for block in _blocks(tc):
        if block.tag == _TBL:
            for inner in block.iter(_TC):
                yield from (p for p in _blocks(inner) if p.tag == _P)
        else:
            yield block


def _run_text(run: Any, emphasis: bool) -> str:
    parts = []
    for child in run.iterchildren():
        if child.tag in _RUN_TEXT:
            fixed = _RUN_TEXT[child.tag]
            if child.tag == qn("w:br") and child.get(qn("w:type")) == "page":
                fixed = " "
            parts.append(child.text or "" if fixed is None else fixed)
    text = "".join(parts)
    if emphasis and _is_bold(run) and text.strip() and "*" not in text:
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        return f"{lead}\x00{core}\x01{trail}"
    return text


def _is_bold(run: Any) -> bool:
    rpr = run.find(qn("w:rPr"))
    bold = rpr.find(qn("w:b")) if rpr is not None else None
    return bold is not None and bold.get(qn("w:val"), "true") not in {"0", "false", "off"}


def _merge_bold(text: str) -> str:
    # Word splits bold text into many runs; one **...** around the whole bold stretch reads cleaner.
    text = re.sub(r"\x01(\s*)\x00", r"\1", text)
    return text.replace("\x00", "**").replace("\x01", "**")


class StyleTable:
    """Paragraph styles read once from styles.xml: python-docx's `paragraph.style` searches every
    style for the default on each call, which made a long paper take seconds."""

    def __init__(self, document: Any) -> None:
        self._styles: dict[str, tuple[str, str | None, Any]] = {}  # id -> (name, based on, pPr)
        self._default: str | None = None
        self._chains: dict[str | None, list[tuple[str, Any]]] = {}
        for style in document.styles.element.findall(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            name, based = style.find(qn("w:name")), style.find(qn("w:basedOn"))
            style_id = style.get(qn("w:styleId"))
            self._styles[style_id] = (
                name.get(qn("w:val"), "") if name is not None else "",
                based.get(qn("w:val")) if based is not None else None,
                style.find(qn("w:pPr")),
            )
            if style.get(qn("w:default")) in {"1", "true", "on"}:
                self._default = style_id

    def chain(self, p: Any) -> list[tuple[str, Any]]:
        """(name, pPr) of the paragraph's style and the styles it is based on, nearest first."""
        ppr = p.find(qn("w:pPr"))
        ref = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = ref.get(qn("w:val")) if ref is not None else self._default
        if style_id not in self._chains:
            chain, seen, current = [], set(), style_id
            while current is not None and current in self._styles and current not in seen:
                seen.add(current)
                name, based, style_ppr = self._styles[current]
                chain.append((name, style_ppr))
                current = based
            self._chains[style_id] = chain
        return self._chains[style_id]

    def is_heading(self, p: Any) -> bool:
        if any(_HEADING_STYLE.match(name) for name, _ in self.chain(p)):
            return True
        ppr = p.find(qn("w:pPr"))
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        return level is not None and level.get(qn("w:val")) not in (None, "9")


_FORMATS = {
    "decimal": lambda n: str(n),
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperLetter": lambda n: _letters(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out


class Numbering:
    """Word's list numbering, replayed in document order to recover the numbers shown."""

    def __init__(self, document: Any, styles: StyleTable) -> None:
        self.styles = styles
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (fmt, text, start)
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in node.findall(qn("w:lvl"))
            }
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, pattern, _ = levels[ilvl]
                    levels[ilvl] = (fmt, pattern, int(start.get(qn("w:val"), "1")))
            self._levels[num.get(qn("w:numId"))] = levels

    def marker(self, p: Any) -> str | None:
        """The number shown before this paragraph, "-" for a bullet, None when not in a list.

        Advances the list's counters, so call it once per paragraph in document order."""
        num_id, ilvl = _num_props(p, self.styles)
        if num_id is None or num_id == "0" or num_id not in self._levels:
            return None
        levels = self._levels[num_id]
        fmt, pattern, _start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "-"
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels.get(ilvl, ("", "", 1))[2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            count = counters.get(level, level_start)
            return _FORMATS.get(level_fmt, _FORMATS["decimal"])(count)

        shown = _LEVEL_REF.sub(value, pattern).strip()
        return shown or None


def _level(lvl: Any) -> tuple[str, str, int]:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    start = lvl.find(qn("w:start"))
    return (
        fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
        text.get(qn("w:val"), "") if text is not None else "",
        int(start.get(qn("w:val"), "1")) if start is not None else 1,
    )


def _num_props(p: Any, styles: StyleTable) -> tuple[str | None, int]:
    """numId and level, from the paragraph or else from its style (List Number, List Bullet...)."""
    for ppr in [p.find(qn("w:pPr"))] + [style_ppr for _, style_ppr in styles.chain(p)]:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        return (
            num_id.get(qn("w:val")) if num_id is not None else None,
            int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0,
        )
    return None, 0
