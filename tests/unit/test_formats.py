"""PDF, Word and HTML papers read like their plain-text originals.

Each sample report is re-published at test time as a PDF (small pages, running heads, page
numbers), a Word file (heading styles, automatic numbering, real tables, page header and footer)
and a web page (site header, navigation, sidebar, footer around the content); each must give the
same title, date, themes, numbered paragraphs, contacts and people as the text it came from.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from boardreader.cli import main
from boardreader.corpus.formats import ExtractionError, extract_text
from boardreader.corpus.formats.pdf import SCANNED
from boardreader.corpus.model import Report
from boardreader.corpus.parse import parse_report
from boardreader.session import load_library

from .format_samples import BOARD_HEAD, read_paper, scanned_pdf, to_docx, to_html, to_markdown, to_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "reports"
REPORTS = sorted(p.name for p in SAMPLES.glob("*.txt"))
WRITERS = {".pdf": to_pdf, ".docx": to_docx, ".html": to_html, ".md": to_markdown}


@cache
def published(name: str, suffix: str) -> bytes:
    return WRITERS[suffix](read_paper((SAMPLES / name).read_bytes()))


def facts(report: Report) -> dict[str, Any]:
    return {
        "title": report.title,
        "date": report.date.value,
        "themes": report.themes,
        "numbered": [(p.number, " ".join(p.text.split())) for p in report.paragraphs if p.number],
        "contacts": report.contacts,
        "people": report.people,
        "attendance": report.attendance,
        "actions": report.actions,
    }


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@pytest.mark.parametrize("name", REPORTS)
def test_published_paper_reads_like_its_text(name: str, suffix: str) -> None:
    expected = facts(parse_report((SAMPLES / name).read_bytes(), name))
    text = extract_text(suffix, published(name, suffix))
    got = facts(parse_report(text.encode("utf-8"), Path(name).stem + suffix))
    assert expected["numbered"], "the sample has numbered paragraphs to compare"
    assert got == expected


def _pdf_pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def test_pdf_running_heads_and_page_numbers_are_removed_and_split_paragraphs_joined() -> None:
    name = next(n for n in REPORTS if b"Item 3g" in (SAMPLES / n).read_bytes())
    data = published(name, ".pdf")
    pages = _pdf_pages(data)
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        assert "Item 3g" in page and BOARD_HEAD in page and f"Page {number} of {len(pages)}" in page
    text = extract_text(".pdf", data)
    assert "Item 3g" not in text and not re.search(r"Page \d+ of", text)
    assert BOARD_HEAD not in text.splitlines()
    # Some numbered paragraph was cut by a page break in the PDF, and is one line again.
    cut = [
        line
        for line in text.splitlines()
        if re.match(r"\d+\. ", line)
        and any(line[3:40] in page and line[-30:] not in page for page in pages)
        and any(line[-30:] in page for page in pages)
    ]
    assert cut


def test_pdf_without_a_text_layer_is_skipped_as_scanned(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match=re.escape(SCANNED)):
        extract_text(".pdf", scanned_pdf())
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    (tmp_path / "paper.txt").write_bytes((SAMPLES / REPORTS[0]).read_bytes())
    library = load_library(tmp_path)
    assert [(s.file, s.reason) for s in library.skipped] == [("scan.pdf", SCANNED)]
    assert [r.file for r in library.reports] == ["paper.txt"]


def test_damaged_documents_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip either")
    (tmp_path / "empty.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    library = load_library(tmp_path)
    reasons = {s.file: s.reason for s in library.skipped}
    assert set(reasons) == {"broken.pdf", "broken.docx", "empty.html"}
    assert all(reason for reason in reasons.values())
    assert library.reports == []


def test_export_reads_a_mixed_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    suffixes = [".txt", ".pdf", ".docx", ".html", ".htm"]
    for name, suffix in zip(REPORTS, suffixes, strict=True):
        stem = Path(name).stem
        data = (
            (SAMPLES / name).read_bytes()
            if suffix == ".txt"
            else published(name, {".htm": ".html"}.get(suffix, suffix))
        )
        (folder / f"{stem}{suffix}").write_bytes(data)
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    assert main(["export", str(folder)]) == 0
    exported = json.loads(capsys.readouterr().out)
    files = sorted(r["file"] for r in exported["reports"])
    assert [Path(f).suffix for f in files] == suffixes
    assert exported["skipped"] == [{"file": "scan.pdf", "reason": SCANNED}]
    by_stem = {Path(r["file"]).stem: r for r in exported["reports"]}
    for name in REPORTS:
        plain = parse_report((SAMPLES / name).read_bytes(), name).to_json()
        got = by_stem[Path(name).stem]
        assert (got["title"], got["date"], got["themes"]) == (plain["title"], plain["date"], plain["themes"])
    # A second load comes from the parse cache: nothing is extracted again.
    assert main(["export", str(folder)]) == 0
    assert json.loads(capsys.readouterr().out)["reports"] == exported["reports"]


def test_second_load_takes_documents_from_the_cache(tmp_path: Path, parses: list[str]) -> None:
    from boardreader.store.cache import open_cache

    (tmp_path / "paper.pdf").write_bytes(published(REPORTS[1], ".pdf"))
    (tmp_path / "paper2.docx").write_bytes(published(REPORTS[0], ".docx"))
    first = load_library(tmp_path, cache=open_cache(tmp_path))
    assert sorted(parses) == ["paper.pdf", "paper2.docx"]
    parses.clear()
    second = load_library(tmp_path, cache=open_cache(tmp_path))
    assert parses == [], "neither extracted nor parsed again"
    assert [r.title for r in second.reports] == [r.title for r in first.reports]


def test_html_reads_the_main_content_only_with_lists_and_tables() -> None:
    text = extract_text(".html", published(REPORTS[2], ".html"))
    for chrome in ("cookies", "Meetings and papers", "Contact us", "Related documents", "Copyright", "tracking"):
        assert chrome not in text
    assert "Position/Role\tCouncillor\tAuthority" in text
    assert "\tCllr Tony Jackson\tEast Herts Council" in text
    assert re.search(r"^- Whether to develop a tougher approach", text, re.MULTILINE)
    assert "• How best to share the lessons" in text  # a list inside a table cell


def test_html_without_main_drops_site_chrome_and_keeps_numbers() -> None:
    page = b"""<html><head><meta charset="windows-1252"></head><body>
    <header><h1>Council website</h1></header><nav><a href="/">Home</a></nav>
    <h1>Report from the Chair</h1><p>Intro with <strong>bold</strong> and <a href="https://example.org/x">a link</a>.</p>
    <ol start="3"><li>Third point</li><li>Fourth point<ol><li>Sub point</li></ol></li></ol>
    <p>Caf\xe9 budget</p><footer>Page footer</footer></body></html>"""
    text = extract_text(".htm", page)
    assert text.splitlines() == [
        "Report from the Chair",
        "",
        "Intro with **bold** and [a link](https://example.org/x).",
        "",
        "3. Third point",
        "4. Fourth point",
        "4.1. Sub point",
        "",
        "Café budget",
    ]


def test_word_headings_numbering_and_tables() -> None:
    data = published(REPORTS[4], ".docx")
    text = extract_text(".docx", data)
    lines = text.splitlines()
    assert "Improvement and Innovation Board – from Cllr Peter Fleming (Chairman)" in lines
    numbered = [line.split(" ", 1)[0] for line in lines if re.match(r"\d+(\.\d+)*\. ", line)]
    assert numbered[:5] == ["1.", "1.1.", "1.2.", "1.3.", "2."]
    assert BOARD_HEAD + " · Page 1" not in text  # the page footer is not body text
    meeting = extract_text(".docx", published(REPORTS[2], ".docx"))
    assert "Chairman\tCllr Peter Fleming\tSevenoaks District Council" in meeting.splitlines()


def test_word_numbering_formats() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="907">'
            '<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="907"><w:abstractNumId w:val="907"/></w:num>'))
    for level, text in [(0, "Four"), (1, "a"), (1, "b"), (2, "i"), (2, "ii"), (0, "Five"), (1, "a again")]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="907"/></w:numPr>')
        )
    out = io.BytesIO()
    document.save(out)
    lines = extract_text(".docx", out.getvalue()).splitlines()
    assert lines == ["4) Four", "(a) a", "(b) b", "(i) i", "(ii) ii", "5) Five", "(a) a again"]


def test_word_content_controls_tracked_changes_tabs_and_links() -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    body = document.element.body
    rel = document.part.relate_to("https://www.local.gov.uk/papers", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    xml = [
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        "<w:p><w:r><w:t xml:space='preserve'>The Board </w:t></w:r><w:del><w:r><w:delText>rejected</w:delText></w:r>"
        "</w:del><w:ins><w:r><w:t>agreed</w:t></w:r></w:ins><w:r><w:t xml:space='preserve'> the report.</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>7.</w:t></w:r><w:r><w:tab/><w:t>A typed number and a tab.</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>Chairman</w:t></w:r><w:r><w:tab/><w:tab/><w:t>Cllr Peter Fleming</w:t></w:r></w:p>",
        f"<w:p><w:r><w:t xml:space='preserve'>Read the </w:t></w:r><w:hyperlink r:id='{rel}'><w:r><w:rPr><w:b/></w:rPr>"
        "<w:t>papers</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>",
    ]
    for fragment in xml:
        body.insert(len(body) - 1, parse_xml(f"<w:body {nsdecls('w', 'r')}>{fragment}</w:body>")[0])
    out = io.BytesIO()
    document.save(out)
    assert extract_text(".docx", out.getvalue()).split("\n\n") == [
        "Inside a content control.",
        "The Board agreed the report.",
        "7. A typed number and a tab.",
        "Chairman\tCllr Peter Fleming",
        "Read the [papers](https://www.local.gov.uk/papers).\n",  # bold inside a link would show its stars
    ]


def test_pdf_locked_by_a_password_says_so_and_owner_only_locks_do_not_matter() -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    def pdf(user_password: str) -> bytes:
        out = io.BytesIO()
        encrypt = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canPrint=0)
        canvas = Canvas(out, encrypt=encrypt)
        canvas.drawString(72, 720, "Report from the Chair")
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    with pytest.raises(ExtractionError, match="protected by a password"):
        extract_text(".pdf", pdf("secret"))
    assert extract_text(".pdf", pdf("")) == "Report from the Chair\n"


def test_html_page_laid_out_in_a_table_reads_as_blocks() -> None:
    page = b"""<html><body><table><tr><td><a href="/">Home</a></td><td>
    <h1>Report from the Chair</h1><p>First paragraph.</p><p>Second paragraph.</p>
    <table><tr><th>Name</th><th>Authority</th></tr><tr><td>Cllr Tim Cheetham</td><td>Barnsley</td></tr></table>
    </td></tr></table></body></html>"""
    assert extract_text(".html", page).splitlines() == [
        "Home",
        "",
        "Report from the Chair",
        "",
        "First paragraph.",
        "",
        "Second paragraph.",
        "",
        "Name\tAuthority",
        "Cllr Tim Cheetham\tBarnsley",
    ]


def test_markdown_block_syntax_becomes_the_plain_text_shape() -> None:
    source = b"""---
title: "Report from the Chair"
date: 12 July 2012
---

Innovation
==========

<!-- a note to the editor -->
> 1. Quoted first point.
1. Second point, numbered lazily.
1. Third point.

+ A bullet
- - -
| Role | Name |
|:---|---:|
| Chair | Cllr Peter Fleming \\| Sevenoaks |

![Logo of the board](logo.png)
```
  code kept as written
```
"""
    assert extract_text(".md", source).splitlines() == [
        "Title: Report from the Chair",
        "Date: 12 July 2012",
        "",
        "",
        "",
        "Innovation",
        "",
        "",
        "",
        "1. Quoted first point.",
        "2. Second point, numbered lazily.",
        "3. Third point.",
        "",
        "- A bullet",
        "Role\tName",
        "Chair\tCllr Peter Fleming | Sevenoaks",
        "",
        "Logo of the board",
        "  code kept as written",
        "",
    ]
