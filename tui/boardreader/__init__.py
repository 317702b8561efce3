"""boardreader: a keyboard-first terminal reader for board papers.

The public API is UI-free: `load_library(path)` gives a `Library` of parsed `Report`s that can be
searched with `Library.search(query)`, which returns `Hit`s.
"""

from .corpus.model import Contact, Paragraph, Report, Section, Span
from .library.library import Library, LibraryError
from .library.model import Hit
from .session import load_library

__all__ = ["Contact", "Hit", "Library", "LibraryError", "Paragraph", "Report", "Section", "Span", "load_library"]
__version__ = "0.1.0"
