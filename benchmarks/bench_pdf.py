"""PDF extraction time a page, in CPU time (other work on the machine does not count): the sample
reports published as PDF, the test PDFs of `pdf_makers`, and any PDFs in a folder given. Rerun by
hand, never a timed test.

.venv/bin/python benchmarks/bench_pdf.py [DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from boardreader.corpus.formats import ExtractionError, extract_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.unit import pdf_makers  # noqa: E402
from tests.unit.format_samples import read_paper, to_pdf  # noqa: E402


def documents(folder: str | None) -> list[tuple[str, bytes]]:
    docs = [(p.name, to_pdf(read_paper(p.read_bytes()))) for p in sorted((ROOT / "reports").glob("*.txt"))]
    for name in ("kerned_fragments_pdf", "pages_line_objects_pdf", "two_column_pdf", "ruled_table_pdf"):
        docs.append((name, getattr(pdf_makers, name)().data))
    if folder:
        docs += [(p.name, p.read_bytes()) for p in sorted(Path(folder).rglob("*.pdf"))]
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    total_time = 0.0
    total_pages = 0
    for name, data in documents(a.dir):
        document = pdfium.PdfDocument(data)
        pages = len(document)
        document.close()
        best = float("inf")
        for _ in range(a.repeat):
            start = time.process_time()
            with contextlib.suppress(ExtractionError):  # a refused file still costs its reading
                extract_text(".pdf", data)
            best = min(best, time.process_time() - start)
        total_time += best
        total_pages += pages
        print(f"{name:40} {pages:3} pages  {best / pages * 1000:6.1f} ms a page")
    print(f"{'all':40} {total_pages:3} pages  {total_time / total_pages * 1000:6.1f} ms a page")


if __name__ == "__main__":
    main()
