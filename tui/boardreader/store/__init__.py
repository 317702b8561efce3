"""The store: every byte boardreader writes. Where files go (paths.py, atomic writes), the parse
cache and the finished library's cache files (cache.py), the catalogue of report heads and bodies
(catalogue.py), and what the reader remembers between runs (state.py).

Reads and writes the user's cache and data folders only, never the reports folder; never imports
the search index or textual.
"""
