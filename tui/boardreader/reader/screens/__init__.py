"""Screens of the reader: the main reading screen, entity pages, help and search."""
