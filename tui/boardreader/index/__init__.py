"""The search index: built from a Library (text.py), queried on every keystroke (search.py),
giving `Hit`s. Plain data that writes no files: the session (session.py) keeps it in the store.
Never imports textual.
"""
