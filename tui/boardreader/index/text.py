"""Text for search: folding, tokens, the index's plain-data state, and snippets around a match.

`fold` lowers case and strips accents character for character (é = e, ’ = '), so a span found in
folded text is the same span in the original. `build_state` turns a library into the index's data:
distinct labels with the places they lead to, and compact posting lists (arrays of paragraph
numbers) per folded word. Used by search.py; never imports textual.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..library.library import Library

STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
)
_TOKEN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")
# Every apostrophe and quote a paper or a keyboard may type folds to one: "Council‘s", "Council’s",
# "Councilʼs", "Council`s" and "Council's" are one word.
_APOSTROPHES = "’‘‛ʼʻ′´`＇‚"
_QUOTES = "“”„‟″«»＂"
_FOLD_EXTRA = {
    **dict.fromkeys(_APOSTROPHES, "'"),
    **dict.fromkeys(_QUOTES, '"'),
    **{"–": "-", "—": "-", "\u00a0": " ", "ß": "s", "æ": "a", "ø": "o"},
}


def _fold_char(c: str) -> str:
    if c in _FOLD_EXTRA:
        return _FOLD_EXTRA[c]
    if c.isascii():
        return c.lower()
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch)).lower()
    return base[0] if base else " "


class _FoldTable(dict[int, str]):
    """str.translate table that learns each character's fold the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """Lower case without accents; the result has exactly as many characters as `text`."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered.replace("`", "'") if "`" in lowered else lowered
    if len(lowered) != len(text):  # a rare letter whose lower case is longer (İ): fold one by one
        return text.translate(_FOLD_TABLE)
    return _NON_ASCII.sub(_fold_run, lowered)  # only the few curly quotes, dashes and accents


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def stream(words: list[str]) -> str:
    """Words with a space either side of each: a whole word (" w "), a word's beginning (" w") and
    a phrase are then each one substring test, however the source broke its lines."""
    return f" {' '.join(words)} "


def holds(entries: array[int], idx: int) -> bool:
    at = bisect.bisect_left(entries, idx)
    return at < len(entries) and entries[at] == idx


def phrase_pattern(words: list[str]) -> re.Pattern[str]:
    """The words in order with only spaces or punctuation between them (a line break, a hyphen);
    the last may be unfinished. Starts with a literal, so the regex engine can scan for it fast."""
    return re.compile(r"[^a-z0-9]+".join(re.escape(w) for w in words) + r"[a-z0-9]*")


def phrase_at(folded: str, pattern: re.Pattern[str]) -> tuple[int, int] | None:
    for m in pattern.finditer(folded):
        if m.start() == 0 or not folded[m.start() - 1].isalnum():
            return m.start(), m.end()
    return None


def running_sizes(vocab: list[str], postings: dict[str, array[int]]) -> array[int]:
    sizes = array("Q", [0])
    total = 0
    for word in vocab:
        total += len(postings.get(word, ()))
        sizes.append(total)
    return sizes


class Label(NamedTuple):
    """One distinct name, title or heading the index matches queries against."""

    kind: str  # a HitKind, not "paragraph"
    text: str  # as written
    stream: str  # its folded words, spaced (see `stream`)
    content_words: int  # how many of its words are not stopwords (all of them if all are)
    key: str | None  # what a page opens: a person's, contact's or programme's name


class Target(NamedTuple):
    """A place a label leads to: a report (and a paragraph in it), with the snippet to show."""

    report: str | None
    paragraph: str | None  # the paragraph's number, when it has one
    snippet: str
    section: int | None = None  # the paragraph's place (see library.model.Place), when there is one:
    position: int | None = None  # its section's index in the report, and its index in the section


def build_state(library: Library) -> tuple[dict[str, Any], bytearray]:
    """The index as plain data (distinct labels with their places, paragraph postings, vocabulary),
    and every paragraph's number and text as UTF-8, one after another: the index reads a paragraph
    from there, so a search never has to read a report's body."""
    labels: dict[tuple[str, str], int] = {}
    label_rows: list[Label] = []
    targets: list[list[Target]] = []
    label_postings: dict[str, array[int]] = {}

    def add_label(kind: str, label: str, report: str | None, paragraph: str | None, snippet: str,
                  key: str | None = None, place: tuple[int, int] | None = None) -> None:  # fmt: skip
        idx = labels.get((kind, label))
        if idx is None:
            words = tokens(label)
            if not words:
                return
            idx = labels[(kind, label)] = len(label_rows)
            content = len([w for w in words if w not in STOPWORDS]) or len(words)
            label_rows.append(Label(kind, label, stream(words), content, key))
            targets.append([])
            for w in dict.fromkeys(words):
                label_postings.setdefault(w, array("I")).append(idx)
        section, index = place if place is not None else (None, None)
        targets[idx].append(Target(report, paragraph, snippet or label, section, index))

    for person in library.people.values():
        add_label("person", person.name, None, None, ", ".join(person.roles[:2]) or person.name, person.name)
    for contact in library.contacts.values():
        positions = " · ".join(dict.fromkeys(h.position for h in contact.positions))
        add_label("contact", contact.name, None, None, positions or contact.name, contact.name)
    for programme in library.programmes.values():
        add_label("programme", programme.name, None, None, programme.name, programme.name)
    para_report: array[int] = array("I")  # which report each paragraph is in
    para_start: array[int] = array("Q", [0])  # where its number and text begin in the blob
    para_section: array[int] = array("I")  # its section's index in its report
    para_index: array[int] = array("I")  # its index in that section
    texts = bytearray()  # grown in place: a list of 300,000 pieces joined at the end held it twice
    para_postings: dict[str, array[int]] = {}
    orgs: dict[str, tuple[str, str | None, tuple[int, int]]] = {}
    for r_i, report in enumerate(library.each_report()):  # one body held at a time
        date = report.date.value or "undated"
        add_label("report", report.title, report.id, None, f"{date} · {report.file}")
        for s_i, section in enumerate(report.sections):
            if section.heading:
                first = next((p.number for p in section.paragraphs if p.number), None)
                opens = (s_i, 0) if section.paragraphs else None
                add_label("section", section.heading, report.id, first, f"{report.title} · {date}", None, opens)
            for p_i, para in enumerate(section.paragraphs):
                idx = len(para_report)
                para_report.append(r_i)
                para_section.append(s_i)
                para_index.append(p_i)
                texts += f"{para.number or ''}\0{para.text}".encode("utf-8", "surrogatepass")
                para_start.append(len(texts))
                for w in set(tokens(para.text)):
                    if w not in STOPWORDS:
                        found = para_postings.get(w)
                        if found is None:
                            found = para_postings[w] = array("I")
                        found.append(idx)
                for span in para.spans:
                    if span.kind == "organisation" and span.value not in orgs:
                        orgs[span.value] = (report.id, para.number, (s_i, p_i))
        for action in report.actions:  # found by its owner's name and by its words; Enter opens its paragraph
            where = f"{date} · {report.title}" + (f" · item {action.item}" if action.item else "")
            add_label("action", f"{action.owner}: {action.text}" if action.owner else action.text,
                      report.id, action.item, where, None, action.place)  # fmt: skip
    for name, (report_id, number, place) in orgs.items():
        add_label("organisation", name, report_id, number, name, name, place)
    state = {
        "labels": label_rows,
        "targets": targets,
        "label_postings": label_postings,
        "para_report": para_report,
        "para_start": para_start,
        "para_section": para_section,
        "para_index": para_index,
        "para_postings": para_postings,
        "vocab": sorted(set(label_postings) | set(para_postings) | STOPWORDS),
    }
    return state, texts


def word_at(folded: str, word: str, whole: bool = True) -> int:
    """Where `word` starts a word of the folded text (and, when `whole`, ends one); -1 if nowhere.
    str.find with boundary checks: many times faster than a regex with look-arounds."""
    at = folded.find(word)
    end = len(word)
    while at >= 0:
        if (at == 0 or not folded[at - 1].isalnum()) and (
            not whole or at + end == len(folded) or not folded[at + end].isalnum()
        ):
            return at
        at = folded.find(word, at + 1)
    return -1


def find_span(folded: str, candidates: list[str]) -> tuple[int, int] | None:
    """Where the query's words stand in `folded`: the longest run of matched words next to each other
    ("Dennis Skinner" for "dennis skiner"), else the first matched word."""
    found = []
    for word in sorted(set(candidates), key=len, reverse=True):
        at = word_at(folded, word)
        if at < 0:
            at = word_at(folded, word, whole=False)
        if at < 0:
            at = folded.find(word)
        if at >= 0:
            end = at + len(word)
            while end < len(folded) and folded[end].isalnum():
                end += 1
            found.append((at, end))
    if not found:
        return None
    found.sort()
    best = run = found[0]
    for start, end in found[1:]:
        gap = folded[run[1] : start]
        if start <= run[1] or (len(gap) <= 3 and not any(c.isalnum() for c in gap)):
            run = (run[0], max(run[1], end))
        else:
            run = (start, end)
        if run[1] - run[0] > best[1] - best[0]:
            best = run
    return best


def snippet_around(text: str, span: tuple[int, int] | None, width: int = 120) -> tuple[str, tuple[int, int] | None]:
    if span is None:
        return text[:width], None
    start = max(0, span[0] - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < span[0] else start
    end = min(len(text), max(span[1], start + width))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    snippet = prefix + text[start:end] + suffix
    offset = len(prefix) - start
    return snippet, (span[0] + offset, span[1] + offset)
