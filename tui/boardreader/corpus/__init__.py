"""The corpus layer: bytes of one report in, an immutable `Report` out (`parse.parse_report`).

Importing the package imports only the model: the parser is imported where it is used, so a warm
start, which parses nothing, does not pay for it. Never imports textual.
"""

from .model import Paragraph, Report, Section, Span

__all__ = ["Paragraph", "Report", "Section", "Span"]
