"""Board papers as boards publish them - PDF, Word, web pages, Markdown - as the plain text the parser reads.

`extract_text(suffix, data)` picks the reader for a file's suffix and returns text laid out like a
hand-extracted paper (see `blocks.py`), so PDF, Word, HTML and Markdown papers go through the same cleaning,
segmenting and extraction as `.txt`. It raises `ExtractionError` with a one-line reason (for
example "no text layer (scanned)") when a file holds no readable text. Readers are imported only
when their format is met, so a library of text files never loads PDFium or lxml.
"""

from __future__ import annotations

from .errors import ExtractionError

SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".xhtml", ".md", ".markdown"})

__all__ = ["SUFFIXES", "ExtractionError", "extract_text"]


def extract_text(path_suffix: str, data: bytes) -> str:
    """Text of a document in the format its suffix names (".pdf", ".docx", ".html", ".htm", ".md").

    Raises ExtractionError (or decode.NotText for a Markdown file that is not text)."""
    suffix = path_suffix.lower()
    if not suffix.startswith("."):
        suffix = "." + suffix
    if suffix == ".pdf":
        from .pdf import extract_pdf

        text = extract_pdf(data)
    elif suffix == ".docx":
        from .docx import extract_docx

        text = extract_docx(data)
    elif suffix in {".html", ".htm", ".xhtml"}:
        from .html import extract_html

        text = extract_html(data)
    elif suffix in {".md", ".markdown"}:
        from .markdown import extract_markdown

        text = extract_markdown(data)
    else:
        raise ExtractionError(f"not a format boardreader reads ({suffix})")
    if not text.strip():
        raise ExtractionError("no text found in the document")
    return text
