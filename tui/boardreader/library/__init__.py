"""The library layer: many reports as plain data (library.py), read from a folder (folder.py),
made whole by the library pass (library_pass.py), watched for changes (watch.py); and the pool of
worker processes that reads files, each within a time and memory budget (pool.py).

No pickles, no cache files, no search index and no textual here: the store (store/) keeps what
the library is made of, the index (index/) searches it, and the session (session.py) ties them.
"""
