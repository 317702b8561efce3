"""Test-only generators: a plain-text board paper re-published as PDF, Word and HTML, the way boards do.

The text paper is read into blocks (title and headings, paragraphs with their line breaks,
numbered paragraphs, bullets, tables from tab-separated lines, page furniture such as "Item 3g"),
then written with each format's own structure: Word heading styles, Word automatic numbering and
real tables, page headers and footers; HTML with a site header, navigation, sidebar and footer
around `<main>`, `<ol>`/`<ul>` and `<table>`; PDF on small pages with running heads ("Item 3g",
the board's name) and "Page N of M" feet, numbered paragraphs with hanging indents, tables in
columns. Inline Markdown (`**bold**`, `[label](target)`, `<url>`) and inline HTML lists in table
cells become the format's bold, links and lists.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from typing import Any

from boardreader.corpus.clean import has_inline_list, is_page_furniture, split_html_list
from boardreader.corpus.decode import decode
from boardreader.corpus.segment import BULLET, NUMBERED, is_heading

BOARD_HEAD = "Improvement & Innovation Board"
_INLINE = re.compile(
    r"\*\*(?P<bold>[^*]+)\*\*|\[(?P<label>[^\]]*)\]\((?P<target>[^)]*)\)|<(?P<url>(?:https?://|www\.)[^>\s]+)>|<[^>]+>"
)


@dataclass
class Block:
    kind: str  # heading | para | numbered | bullet | table
    text: str = ""
    level: int = 2
    number: str | None = None
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Paper:
    blocks: list[Block]
    furniture: str | None  # a running head the text carried, such as "Item 3g"


def read_paper(data: bytes) -> Paper:
    text, _ = decode(data)
    furniture: str | None = None
    chunks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = raw.strip(" \u00a0")
        if not line.strip():
            chunks.append([])
        elif is_page_furniture(line.strip()) and "\t" not in line:
            furniture = furniture or line.strip()
        else:
            chunks[-1].append(line)
    blocks: list[Block] = []
    for chunk in chunks:
        plain: list[str] = []
        for line in chunk:
            s = line.strip()
            number, bullet = NUMBERED.match(s), BULLET.match(s)
            if "\t" in line:
                _flush(plain, blocks)
                if not blocks or blocks[-1].kind != "table" or blocks[-1].text == "closed":
                    blocks.append(Block("table"))
                blocks[-1].rows.append([c.strip() for c in line.split("\t")])
                continue
            if blocks and blocks[-1].kind == "table":
                blocks[-1].text = "closed"
            if number:
                _flush(plain, blocks)
                blocks.append(Block("numbered", number.group("text"), number=number.group("num")))
            elif bullet:
                _flush(plain, blocks)
                blocks.append(Block("bullet", bullet.group("text")))
            else:
                plain.append(s)
        _flush(plain, blocks)
        if blocks and blocks[-1].kind == "table":
            blocks[-1].text = "closed"
    return Paper(blocks, furniture)


def _flush(plain: list[str], blocks: list[Block]) -> None:
    """A run of plain lines: a heading when it is one short title-like line, else a paragraph."""
    if len(plain) == 1 and is_heading(plain[0]):
        caps = plain[0].isupper()
        level = 1 if not any(b.kind == "heading" for b in blocks) else (2 if caps else 3)
        blocks.append(Block("heading", plain[0], level=level))
    elif plain:
        blocks.append(Block("para", lines=list(plain)))
    plain.clear()


def runs(text: str) -> list[tuple[str, bool, str | None]]:
    """Inline Markdown to (text, bold, link target) runs."""
    out: list[tuple[str, bool, str | None]] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append((text[pos : m.start()], False, None))
        if m.group("bold"):
            out.append((m.group("bold"), True, None))
        elif m.group("label") is not None:
            target = m.group("target")
            out.append((m.group("label"), False, target if target.startswith("http") else None))
        elif m.group("url"):
            out.append((m.group("url"), False, None))
        pos = m.end()
    out.append((text[pos:], False, None))
    return [r for r in out if r[0]]


def cell_parts(cell: str) -> tuple[str, list[str]]:
    return split_html_list(cell) if has_inline_list(cell) else (cell, [])


# --- Word -------------------------------------------------------------------------------------------------


def to_docx(paper: Paper) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.insert(
        1,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
            '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))

    def number_it(paragraph: Any, num_id: int, level: int) -> None:
        num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        paragraph._p.get_or_add_pPr().append(num_pr)

    def fill(paragraph: Any, text: str) -> None:
        for chunk, bold, _target in runs(text):
            paragraph.add_run(chunk).bold = bold or None

    counters = [0, 0]
    section = document.sections[0]
    section.header.paragraphs[0].text = paper.furniture or BOARD_HEAD
    section.footer.paragraphs[0].text = f"{BOARD_HEAD} · Page 1"
    for block in paper.blocks:
        if block.kind == "heading":
            document.add_paragraph(block.text, style="Title" if block.level == 1 else f"Heading {block.level - 1}")
        elif block.kind == "para":
            paragraph = document.add_paragraph()
            for i, line in enumerate(block.lines):
                if i:
                    paragraph.add_run().add_break()
                fill(paragraph, line)
        elif block.kind == "numbered":
            assert block.number is not None
            parts = [int(p) for p in block.number.split(".")]
            expected = [counters[0] + 1] if len(parts) == 1 else [counters[0], counters[1] + 1]
            paragraph = document.add_paragraph()
            if parts == expected and len(parts) <= 2:
                number_it(paragraph, 90, len(parts) - 1)
                counters[len(parts) - 1] = parts[-1]
                if len(parts) == 1:
                    counters[1] = 0
                fill(paragraph, block.text)
            else:  # a number Word's list would not produce is typed, as writers do
                fill(paragraph, f"{block.number}. {block.text}")
        elif block.kind == "bullet":
            paragraph = document.add_paragraph()
            number_it(paragraph, 91, 0)
            fill(paragraph, block.text)
        elif block.kind == "table":
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=False):
                    lead, items = cell_parts(text)
                    fill(cell.paragraphs[0], lead)
                    for item in items:
                        paragraph = cell.add_paragraph()
                        number_it(paragraph, 91, 0)
                        fill(paragraph, item)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- HTML -------------------------------------------------------------------------------------------------


def _html_inline(text: str) -> str:
    out = []
    for chunk, bold, target in runs(text):
        escaped = html.escape(chunk)
        if target:
            escaped = f'<a href="{html.escape(target)}">{escaped}</a>'
        out.append(f"<strong>{escaped}</strong>" if bold else escaped)
    return "".join(out)


def to_html(paper: Paper) -> bytes:
    body: list[str] = []
    open_list: str | None = None  # "ol" or "ul" while a list is open
    sub_open = False

    def close_list() -> None:
        nonlocal open_list, sub_open
        if sub_open:
            body.append("</ol></li>")
            sub_open = False
        elif open_list:
            body.append("</li>" if open_list == "ol" else "")
        if open_list:
            body.append(f"</{open_list}>")
        open_list = None

    for block in paper.blocks:
        if block.kind == "numbered" and block.number:
            parts = block.number.split(".")
            if len(parts) == 2 and open_list == "ol":
                if not sub_open:
                    body.append("<ol>")
                    sub_open = True
                body.append(f'<li value="{parts[1]}">{_html_inline(block.text)}</li>')
                continue
            if open_list != "ol":
                close_list()
                body.append("<ol>")
                open_list = "ol"
            else:
                body.append("</ol></li>" if sub_open else "</li>")
                sub_open = False
            body.append(f'<li value="{parts[0]}">{_html_inline(block.text)}')
            continue
        if block.kind == "bullet":
            if open_list != "ul":
                close_list()
                body.append("<ul>")
                open_list = "ul"
            body.append(f"<li>{_html_inline(block.text)}</li>")
            continue
        close_list()
        if block.kind == "heading":
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif block.kind == "para":
            body.append("<p>" + "<br>\n".join(_html_inline(line) for line in block.lines) + "</p>")
        elif block.kind == "table":
            body.append("<table>")
            for cells in block.rows:
                body.append("<tr>")
                for cell in cells:
                    lead, items = cell_parts(cell)
                    lst = "<ul>" + "".join(f"<li>{_html_inline(i)}</li>" for i in items) + "</ul>" if items else ""
                    body.append(f"<td>{_html_inline(lead)}{lst}</td>")
                body.append("</tr>")
            body.append("</table>")
    close_list()
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Board papers - {BOARD_HEAD}</title>
<style>body {{ font-family: sans-serif; }}</style><script>var tracking = "Home Meetings";</script></head>
<body>
<div class="cookie-banner"><p>We use cookies. Accept all cookies?</p></div>
<header><p>Local Government Association</p><nav><ul><li><a href="/">Home</a></li>
<li><a href="/meetings">Meetings and papers</a></li><li><a href="/contact">Contact us</a></li></ul></nav></header>
<nav class="breadcrumbs"><ol><li><a href="/">Home</a></li><li>Boards</li></ol></nav>
<main>
{"<p>" + html.escape(paper.furniture) + "</p>" if paper.furniture else ""}
{chr(10).join(body)}
</main>
<aside><h2>Related documents</h2><ul><li>Agenda</li><li>Previous minutes</li></ul></aside>
<footer><p>Local Government House, Smith Square, London SW1P 3HZ</p><p>Copyright 2019</p></footer>
</body></html>
"""
    return page.encode("utf-8")


# --- PDF --------------------------------------------------------------------------------------------------


def _pdf_inline(text: str) -> str:
    out = []
    for chunk, bold, target in runs(text):
        escaped = html.escape(chunk, quote=False)
        if target:
            escaped = f'<a href="{html.escape(target)}">{escaped}</a>'
        out.append(f"<b>{escaped}</b>" if bold else escaped)
    return "".join(out)


def to_pdf(paper: Paper, small_pages: bool = True) -> bytes:
    """Small (A5) pages by default, so that paragraphs and tables run across page breaks."""
    from reportlab.lib.pagesizes import A4, A5
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], spaceAfter=6)
    listed = ParagraphStyle("listed", parent=body, leftIndent=22, bulletIndent=0)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)
    headings = {1: sheet["Heading1"], 2: sheet["Heading2"], 3: sheet["Heading3"]}
    page_size = A5 if small_pages else A4

    def story() -> list[Any]:
        flow: list[Any] = []
        for block in paper.blocks:
            if block.kind == "heading":
                flow.append(Paragraph(html.escape(block.text, quote=False), headings[block.level]))
            elif block.kind == "para":
                flow.append(Paragraph("<br/>".join(_pdf_inline(line) for line in block.lines), body))
            elif block.kind == "numbered":
                flow.append(Paragraph(_pdf_inline(block.text), listed, bulletText=f"{block.number}."))
            elif block.kind == "bullet":
                flow.append(Paragraph(_pdf_inline(block.text), listed, bulletText="•"))
            elif block.kind == "table":
                width = max(len(r) for r in block.rows)
                data = []
                for cells in block.rows:
                    row = []
                    for text in cells + [""] * (width - len(cells)):
                        lead, items = cell_parts(text)
                        row.append(
                            Paragraph("<br/>".join([_pdf_inline(lead)] + [f"• {_pdf_inline(i)}" for i in items]), cell)
                        )
                    data.append(row)
                usable = page_size[0] - 72
                widths = [usable * 0.22] + [usable * 0.78 / (width - 1)] * (width - 1) if width > 1 else [usable]
                if width == 3 and any(len(r[1]) > 200 for r in block.rows if len(r) > 1):
                    widths = [usable * 0.1, usable * 0.65, usable * 0.25]  # the meeting note's items table
                table = Table(data, colWidths=widths, repeatRows=0)
                table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
                flow.append(table)
        return flow

    def build(total: int | None) -> tuple[bytes, int]:
        out = io.BytesIO()
        document = SimpleDocTemplate(
            out, pagesize=page_size, leftMargin=36, rightMargin=36, topMargin=54, bottomMargin=54
        )

        def furniture(canvas: Any, doc: Any) -> None:
            canvas.saveState()
            canvas.setFont("Helvetica", 8)
            top = page_size[1] - 30
            canvas.drawString(36, top, paper.furniture or "Agenda item")
            canvas.drawRightString(page_size[0] - 36, top, BOARD_HEAD)
            canvas.drawCentredString(page_size[0] / 2, 24, f"Page {doc.page} of {total or 0}")
            canvas.restoreState()

        document.build(story(), onFirstPage=furniture, onLaterPages=furniture)
        return out.getvalue(), document.page

    _, pages = build(None)
    data, _ = build(pages)
    return data


def scanned_pdf() -> bytes:
    """A one-page PDF holding only a picture of text, as a scanner makes."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).text((40, 40), "Improvement Board - report from the Chairman", fill=0)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# --- Markdown ---------------------------------------------------------------------------------------------


def to_markdown(paper: Paper) -> bytes:
    """ATX headings, `*` bullets, numbered items, pipe tables with their alignment row, front matter."""
    out = ["---", f'board: "{BOARD_HEAD}"', "---", ""]
    if paper.furniture:
        out += [paper.furniture, ""]
    for block in paper.blocks:
        if block.kind == "heading":
            out += ["#" * block.level + " " + block.text, ""]
        elif block.kind == "para":
            out += [*block.lines, ""]
        elif block.kind == "numbered":
            out += [f"{block.number}. {block.text}", ""]
        elif block.kind == "bullet":
            out += [f"* {block.text}", ""]
        elif block.kind == "table":
            width = max(len(r) for r in block.rows)
            for i, cells in enumerate(block.rows):
                padded = [c.replace("|", "\\|") for c in cells] + [""] * (width - len(cells))
                out.append("| " + " | ".join(padded) + " |")
                if i == 0:
                    out.append("|" + "---|" * width)
            out.append("")
    return "\n".join(out).encode("utf-8")
