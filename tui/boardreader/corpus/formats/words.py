"""The commonest short words of English and Welsh board papers: enough of any real page of text to
tell it from a text layer whose letters are glyph numbers in disguise (see `pdf.readable_text`)."""

from __future__ import annotations

_LIST = """
    the of and to in is that for it as was with be by on not he this are or his from at which but have an
    had they you were their one all we can her has there been if more when will would who so no its our
    may any these other than into also such should must each about after under over between up out them
    she him do did what where how new only some two first same being those before made per
    council councillor cllr board committee meeting minutes chair chairman members member agenda item
    report officer resolved agreed noted apologies present date time clerk town parish district county
    mr mrs ms dr
    yr ac mae yn ar gan am fel ei eu hyn wedi cyngor
"""
COMMON_WORDS = frozenset(_LIST.split())
