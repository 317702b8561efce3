"""Widgets of the reader, each with one job: the library tree, the report view and its blocks."""
