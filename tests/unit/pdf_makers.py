"""Test-only PDFs written the ways councils' tools write them, each with the words it drew.

Word and PDF printers set text as kerned fragments at explicit positions, sometimes a character at a
time with boxes that overlap; Pages (through Quartz) sets each line as its own text object with the
font at size 1 scaled by the text matrix; papers come in two columns, with ruled tables, running
heads and page numbers, and words hyphenated at line ends; and some embed a font without the
character map that says which letter each glyph is. Every maker returns the PDF and the text a
careful reader takes from the page (paragraphs, table rows as tab-separated cells), so a test can
score the words and check the blocks. All names and sentences are invented.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


@dataclass
class MadePdf:
    data: bytes
    blocks: list[str]  # what a reader reads: one paragraph, or one table row "a\tb", per entry

    @property
    def words(self) -> str:
        return " ".join(self.blocks)


def word_scores(got: str, truth: str) -> tuple[float, float]:
    """Precision and recall of the words in `got` against the words in `truth` (counted, lower case)."""
    found = Counter(w.lower() for w in _WORD.findall(got))
    drawn = Counter(w.lower() for w in _WORD.findall(truth))
    both = sum((found & drawn).values())
    return both / max(sum(found.values()), 1), both / max(sum(drawn.values()), 1)


def _canvas(out: io.BytesIO, compress: bool = True) -> Any:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(out, pagesize=A4, pageCompression=1 if compress else 0)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(lines[-1] + " " + word, font, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# --- Word and PDF printers: kerned fragments --------------------------------------------------------------

KERNED_PARAGRAPHS = [
    "Transport Board Minutes",
    "Present: Georgina Halloran (Chair), Nadia Hollenby, Wystan Pelham and Orla Quennell.",
    "The Board considered the ongoing review of bus shelters in Worcester Road and agreed to write to "
    "the county on the 2nd June about the shelters at Mill Corner.",
    "Enquiries to transport.clerk@harbourside.gov.uk or at the office on the 1st floor of the Guildhall.",
]


def kerned_fragments_pdf() -> MadePdf:
    """Each word cut into fragments placed one by one, as Word's kerning writes them: some fragments
    a TJ array with kerning numbers, some a character at a time with small offsets and boxes that
    overlap the character before, and spaces never drawn (only the gap says a word ended)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = io.BytesIO()
    canvas = _canvas(out)
    size, left, width = 11.0, 72.0, 440.0
    y = 770.0
    for index, paragraph in enumerate(KERNED_PARAGRAPHS):
        font = "Helvetica-Bold" if index == 0 else "Helvetica"
        this_size = 16.0 if index == 0 else size
        for line in _wrap(paragraph, font, this_size, width):
            x = left
            for number, word in enumerate(line.split(" ")):
                x = _draw_kerned_word(canvas, word, x, y, font, this_size, style=number % 3)
                x += stringWidth(" ", font, this_size)
            y -= this_size * 1.2
        y -= this_size * 0.8
    canvas.showPage()
    canvas.save()
    return MadePdf(out.getvalue(), KERNED_PARAGRAPHS)


def _draw_kerned_word(canvas: Any, word: str, x: float, y: float, font: str, size: float, style: int) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    if style == 0:  # one TJ array: fragments of two or three letters, kerned closer and apart
        parts = [word[i : i + 3] for i in range(0, len(word), 3)]
        kerns = [(-40 if i % 2 else 25) for i in range(len(parts))]
        text = canvas.beginText(x, y)
        text.setFont(font, size)
        array = " ".join(f"({escape(p)}) {k}" for p, k in zip(parts, kerns, strict=True))
        text._code.append(f"[{array}] TJ")
        canvas.drawText(text)
        return x + float(stringWidth(word, font, size)) - sum(kerns[:-1]) * size / 1000
    if style == 1:  # a character at a time, each a little into the box of the one before
        for char in word:
            canvas.setFont(font, size)
            canvas.drawString(x, y, char)
            x += stringWidth(char, font, size) - 0.35
        return x
    # fragments drawn out of order: the end of the word first, then its start
    cut = max(1, len(word) // 2)
    canvas.setFont(font, size)
    canvas.drawString(x + stringWidth(word[:cut], font, size) - 0.2, y, word[cut:])
    canvas.drawString(x, y, word[:cut])
    return x + float(stringWidth(word, font, size)) - 0.2


# --- Pages through Quartz: a text object per line, font at size 1 -----------------------------------------

PAGES_PARAGRAPHS = [
    "Eastbrook Parish Council",
    "Minutes of the meeting of Eastbrook Parish Council held in the Village Hall on Monday 14th May 2018 "
    "at 6.30pm. Present were the Chairman, Cllr Imogen Farthing, and four councillors of the parish.",
    "The Clerk reported that the footpath beside the old mill had been cleared by the volunteers and "
    "that the new bench would be placed there before the summer fete in July.",
    "Resolved: that the grant of two hundred pounds to the cricket club be paid at once.",
]


def pages_line_objects_pdf() -> MadePdf:
    """Every line its own BT/ET with the font at size 1 and an 11-point text matrix, as Quartz
    writes for Pages; paragraphs only a little further apart than lines."""
    out = io.BytesIO()
    canvas = _canvas(out)
    canvas.setFont("Times-Roman", 1)  # puts the font on the page's resources as /F1
    y = 780.0
    for index, paragraph in enumerate(PAGES_PARAGRAPHS):
        size = 20.0 if index == 0 else 11.0
        for line in _wrap(paragraph, "Times-Roman", size, 450.0):
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            canvas._code.append(f"BT /F1 1 Tf {size} 0 0 {size} 60 {y:.2f} Tm ({escaped}) Tj ET")
            y -= size * 1.15
        y -= 8.0
    canvas.showPage()
    canvas.save()
    return MadePdf(out.getvalue(), PAGES_PARAGRAPHS)


# --- Layouts made with platypus: columns, ruled tables, running heads, hyphenation ------------------------


def _story_pdf(story: list[Any], frames: int = 1, head: str | None = None, pages_of: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    out = io.BytesIO()
    width, height = A4
    margin, gutter = 60.0, 24.0
    column = (width - 2 * margin - gutter * (frames - 1)) / frames
    frame_list = [
        Frame(margin + i * (column + gutter), margin, column, height - 2 * margin, id=f"c{i}") for i in range(frames)
    ]

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if head:
            canvas.drawString(margin, height - 36, head)
        canvas.drawCentredString(width / 2, 30, f"Page {doc.page}" if pages_of else str(doc.page))
        canvas.restoreState()

    document = BaseDocTemplate(out, pagesize=A4)
    document.addPageTemplates([PageTemplate(frames=frame_list, onPage=furniture)])
    document.build(story)
    return out.getvalue()


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    sheet = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=sheet["BodyText"], fontSize=10, leading=12.5, spaceAfter=7)
    return {"body": body, "h": sheet["Heading2"], "cell": ParagraphStyle("c", parent=body, spaceAfter=0)}


TWO_COLUMN_PARAGRAPHS = [
    "The panel heard that the growth fund had supported eleven small firms in the valley this year, "
    "most of them in food, timber and tourism, and that three had taken on apprentices.",
    "Members asked how the fund would reach villages without a shop or a bus service, and the officer "
    "said that a travelling adviser would visit each one before the winter.",
    "Efficiency work had saved the authority a little over four per cent of its running costs, mostly "
    "by sharing offices with the health board and by ending two old leases.",
    "The panel asked for a short note on the leases at its next meeting, with the dates on which each "
    "could be ended and what it would cost to end it early.",
    "Local government and its partners must compete for the same skilled people, the chair said, and "
    "the panel would take up the question of pay with the county in the autumn.",
    "The meeting closed at half past eight, and the next will be held in the library at Carnford.",
]


def two_column_pdf() -> MadePdf:
    """Prose in two columns on one page, left column first: a reader reads down the left, then the right."""
    from reportlab.platypus import Paragraph

    styles = _styles()
    paragraphs = TWO_COLUMN_PARAGRAPHS + [
        f"At the second sitting, {p[0].lower()}{p[1:]}" for p in TWO_COLUMN_PARAGRAPHS
    ]
    paragraphs += [f"At the third sitting, {p[0].lower()}{p[1:]}" for p in TWO_COLUMN_PARAGRAPHS]
    story = [Paragraph(text, styles["body"]) for text in paragraphs]
    return MadePdf(_story_pdf(story, frames=2), paragraphs)


def two_column_bullets_pdf() -> MadePdf:
    """A list of bullets (Word's 'o') in two columns, each item wrapping under its hanging indent."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    listed = ParagraphStyle("listed", parent=_styles()["body"], leftIndent=14, bulletIndent=0)
    items = [f"{p[:-1]}, item {n} of the list." for n, p in enumerate(TWO_COLUMN_PARAGRAPHS * 4, 1)]
    story = [Paragraph(text, listed, bulletText="o") for text in items]
    return MadePdf(_story_pdf(story, frames=2), [f"- {item}" for item in items])


RULED_ROWS = [
    ["Applicant", "Purpose", "Award"],
    [
        "Friends of Elm Park",
        "New planting along the south path, subject to the group providing revised costings",
        "£450",
    ],
    ["Hollis Scouts", "A replacement tent for the summer camp", "£300"],
    ["Carnford Allotment Society", "Water butts and a shared tool store for the new plots by the canal", "£275"],
]


def ruled_table_pdf(padding: float = 6.0) -> MadePdf:
    """A grants table drawn with a grid, its cells wrapping over several lines, between paragraphs.
    With a small `padding` the text of one cell comes closer to the next cell's than a word gap's
    width or two, as in Word's tables: only the drawn rule says where a cell ends."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    styles = _styles()
    before = "The committee considered the applications for small grants set out below."
    after = "Resolved: that the grants be paid as shown, and reported to the full council."
    rows = [[Paragraph(cell, styles["cell"]) for cell in row] for row in RULED_ROWS]
    table = Table(rows, colWidths=[130, 250, 60])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    story = [Paragraph(before, styles["body"]), table, Paragraph(after, styles["body"])]
    return MadePdf(_story_pdf(story), [before, *("\t".join(r) for r in RULED_ROWS), after])


RUNNING_HEAD = "Leisure Committee Minutes | Tuesday 6th March 2018"


def running_heads_pdf() -> MadePdf:
    """Three pages, each with the committee's running head at the top and its page number at the foot;
    one paragraph runs over the page break."""
    from reportlab.platypus import Paragraph

    styles = _styles()
    places = [
        "Fenwick Green",
        "the Lido",
        "Marsh Lane",
        "Tollgate Park",
        "the bowls club",
        "Abbey Meadow",
        "Quarry Road",
    ]
    works = [
        "the changing rooms are to be repainted",
        "the car park is to be resurfaced before the spring",
        "a new path will join the gate to the pavilion",
        "the hedges need cutting back from the footway",
        "the lights on the tennis courts have failed twice",
    ]
    sentences = [
        f"At {places[n % 7]} the committee heard in its review number {n} that {works[n % 5]}, "
        f"and asked the officer for costs by {['April', 'May', 'June', 'July'][n % 4]}."
        for n in range(1, 91)
    ]
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    story = [Paragraph(text, styles["body"]) for text in paragraphs]
    return MadePdf(_story_pdf(story, head=RUNNING_HEAD), paragraphs)


HYPHENATED_LINES = [
    "The working group on the harbour wall has agreed a programme of develop-",
    "ment for the next three years, working with the sector-",
    "led partners and with the Harbour Trust. Every sector-led partner will",
    "report each quarter on the state of the walls and the moor-",
    "ings, and on what the repairs have cost.",
]


def hyphenated_pdf() -> MadePdf:
    """A paragraph set line by line with words hyphenated at the right margin: a typesetting hyphen
    ('develop-' 'ment') goes, a compound's hyphen ('sector-' 'led', written 'sector-led' elsewhere) stays."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = io.BytesIO()
    canvas = _canvas(out)
    y, width = 760.0, 440.0
    for number, line in enumerate(HYPHENATED_LINES):
        text = canvas.beginText(72, y)
        text.setFont("Helvetica", 11)
        if number < len(HYPHENATED_LINES) - 1:  # justified, as Word sets minutes: every line to the margin
            text.setWordSpace((width - stringWidth(line, "Helvetica", 11)) / line.count(" "))
        text.textOut(line)
        canvas.drawText(text)
        y -= 13.5
    canvas.showPage()
    canvas.save()
    text = " ".join(HYPHENATED_LINES).replace("develop- ment", "development").replace("moor- ings", "moorings")
    return MadePdf(out.getvalue(), [text.replace("sector- led", "sector-led")])


# --- A font without a character map -----------------------------------------------------------------------

UNMAPPED_TEXT = [
    "Minutes of the meeting of the Westhaven Town Council held on Thursday 7th June 2018.",
    "Present: the Mayor, Cllr Dorothy Amberley, and eleven members of the council.",
    "The council agreed the accounts for the year and thanked the clerk for her work on them.",
] * 6


def font_without_a_character_map_pdf(first_code: int = 33) -> MadePdf:
    """Text in a Type 3 font whose glyphs are numbered in the order the printer met them (code 33 for
    the first letter used, 34 for the next...) under names that say nothing ("/g0"), and with no
    ToUnicode map - as some PDF printers write. The page shows the words; its text layer holds only
    the codes: punctuation and digits, or (numbered from `first_code` 65) letters that make no words."""
    codes: dict[str, int] = {}
    for char in "".join(UNMAPPED_TEXT):
        codes.setdefault(char, first_code + len(codes))
    content = ["BT /F1 10 Tf 12 TL 60 790 Td"]
    for line in UNMAPPED_TEXT:
        encoded = "".join(f"\\{codes[c]:03o}" for c in line)
        content.append(f"({encoded}) Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    glyph = b"500 0 0 0 450 700 d1 20 0 410 700 re f"
    names = " ".join(f"/g{i}" for i in range(len(codes)))
    procs = " ".join(f"/g{i} {7 + i} 0 R" for i in range(len(codes)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        (
            f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] "
            f"/CharProcs 6 0 R /Encoding << /Type /Encoding /Differences [{first_code} {names}] >> /FirstChar {first_code} "
            f"/LastChar {first_code + len(codes) - 1} /Widths [{' '.join(['500'] * len(codes))}] /Resources << >> >>"
        ).encode("ascii"),
        f"<< {procs} >>".encode("ascii"),
    ] + [b"<< /Length %d >>\nstream\n" % len(glyph) + glyph + b"\nendstream"] * len(codes)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return MadePdf(bytes(out), UNMAPPED_TEXT)
