"""The corpus layer: bytes of one report in, an immutable `Report` out. Never imports textual."""

from .model import Paragraph, Report, Section, Span
from .parse import PARSER_VERSION, parse_report

__all__ = ["PARSER_VERSION", "Paragraph", "Report", "Section", "Span", "parse_report"]
