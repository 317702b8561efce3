"""One search index over the library: names, titles, headings and every paragraph.

The index works word by word. Each query word is expanded against the vocabulary of the library:
the word itself, words it begins (the last word while typing), and words within a small edit
distance (rapidfuzz over the distinct words of about the same length, never over whole labels or
paragraphs), so "flemming" finds "fleming". Candidates come from posting lists (compact arrays),
starting from the rarest query word and capped, so a keystroke costs milliseconds at 10,000 reports:

- labels (people, contacts, programmes, organisations, report titles, section headings), scored once
  per distinct label by how well and how completely the query's words match it, people and
  programmes ahead; a heading shared by many reports then yields one hit per report, newest first;
- paragraphs by all query words present, a bonus when they stand together as a phrase.

Exact and whole-word matches score above fuzzy ones. Text is folded (case, accents, curly quotes)
with a character-for-character fold, so a match found in folded text is the same span in the original.
The built index can be kept in the user's cache (see cache.py). This module never imports textual.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from .corpus.model import Report
    from .library import Library

HitKind = Literal["person", "contact", "programme", "organisation", "report", "section", "paragraph"]
KIND_BOOST: dict[str, float] = {
    "person": 3.0,
    "contact": 3.5,
    "programme": 3.0,
    "organisation": 2.0,
    "report": 1.0,
    "section": 0.5,
    "paragraph": 0.0,
}
STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
)
EXACT, PREFIX = 100.0, 92.0
LABEL_CAP = 2500  # distinct labels scored per query at most (rarest word's postings first)
PARA_CAP = 1500  # paragraphs examined per query at most, newest reports first
_EMPTY: array[int] = array("I")
_TOKEN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")
_FOLD_EXTRA = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "ß": "s", "æ": "a", "ø": "o"}


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


def fold(text: str) -> str:
    """Lower case without accents; the result has exactly as many characters as `text`."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True, slots=True)
class Hit:
    kind: HitKind
    label: str
    report: str | None
    paragraph: str | None
    score: float
    snippet: str
    match: tuple[int, int] | None
    key: str | None = None  # what a page opens: the person's, contact's or programme's name

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "report": self.report,
            "paragraph": self.paragraph,
            "score": round(self.score, 2),
            "snippet": self.snippet,
            "match": list(self.match) if self.match else None,
        }


@dataclass(slots=True)
class _Term:
    """One query word and the vocabulary words it may mean."""

    words: dict[str, float]  # the word itself and fuzzy neighbours, with how sure we are
    prefix: str | None  # the last word while typing matches any word it begins
    span: tuple[int, int]  # vocabulary slice of words beginning with `prefix`
    needles: list[tuple[str, float]]  # what to look for in a token stream, surest first

    @classmethod
    def make(cls, words: dict[str, float], prefix: str | None, span: tuple[int, int]) -> _Term:
        needles = [(f" {w} ", score) for w, score in words.items()]
        if prefix is not None:
            needles.append((f" {prefix}", PREFIX))
        needles.sort(key=lambda n: -n[1])
        return cls(words, prefix, span, needles)

    def score_in(self, stream: str) -> float:
        """How well a token stream holds this term: the score of its surest form found."""
        for needle, score in self.needles:
            if needle in stream:
                return score
        return 0.0


def _stream(words: list[str]) -> str:
    """Words with a space either side of each: a whole word (" w "), a word's beginning (" w") and
    a phrase are then each one substring test, however the source broke its lines."""
    return f" {' '.join(words)} "


class SearchIndex:
    """Built once per library (or read back from the cache), then queried on every keystroke.

    Its state is plain data (lists, dicts, arrays, tuples), so it pickles small and loads fast.
    Labels are distinct (kind, label) pairs, each with the places it leads to; paragraphs are
    referred to by (report, section, paragraph) position and kept only as folded token streams.
    """

    def __init__(self, library: Library, *, cache: bool | None = None) -> None:
        """cache: None uses the index cache unless BOARDREADER_NO_CACHE is set; True always; False never."""
        self.reports: list[Report] = library.reports
        self.notice: str | None = None
        store = None
        if cache is not False:
            from .cache import open_index_cache

            store = open_index_cache(library, force=cache is True)
        state = store.load() if store is not None else None
        if store is not None:
            self.notice = store.notice
        if state is None:
            state = build_state(library)
            if store is not None:
                store.save(state)
        self._adopt(state)

    def _adopt(self, state: dict[str, Any]) -> None:
        self.labels: list[tuple[str, str, str, int, str | None]] = state["labels"]
        self.targets: list[list[tuple[str | None, str | None, str]]] = state["targets"]
        self.label_postings: dict[str, array[int]] = state["label_postings"]
        self.para_loc: array[int] = state["para_loc"]
        self.para_stream: list[str] = state["para_stream"]
        self.para_postings: dict[str, array[int]] = state["para_postings"]
        self.vocab: list[str] = state["vocab"]
        self._by_length: dict[int, list[str]] = {}
        for word in self.vocab:
            self._by_length.setdefault(len(word), []).append(word)
        # Running totals of posting lengths over the sorted vocabulary: a prefix's size in O(1).
        self._label_sizes = _running_sizes(self.vocab, self.label_postings)
        self._para_sizes = _running_sizes(self.vocab, self.para_postings)
        self._terms: dict[tuple[str, bool], _Term] = {}

    # querying -------------------------------------------------------------------------------
    def expand(self, word: str, prefix: bool) -> dict[str, float]:
        """Vocabulary words this query word may mean, with how sure we are (100 = the word itself)."""
        term = self._term(word, prefix)
        out = dict(term.words)
        for w in self.vocab[term.span[0] : term.span[1]]:
            out.setdefault(w, PREFIX)
        return out

    def _term(self, word: str, prefix: bool) -> _Term:
        key = (word, prefix)
        if (term := self._terms.get(key)) is not None:
            return term
        words: dict[str, float] = {}
        if word in self.label_postings or word in self.para_postings:
            words[word] = EXACT
        if len(word) >= 4 and not word.replace(".", "").isdigit():
            for cand, score in self._fuzzy(word):
                words.setdefault(cand, min(score, 95.0) - 8.0)
        span = (0, 0)
        if prefix:
            lo = bisect.bisect_left(self.vocab, word)
            span = (lo, bisect.bisect_left(self.vocab, word + "\U0010ffff", lo))
        term = _Term.make(words, word if span[1] > span[0] else None, span)
        if len(self._terms) > 4096:  # typing makes many one-off prefixes; keep the memo small
            self._terms.clear()
        self._terms[key] = term
        return term

    def _fuzzy(self, word: str) -> list[tuple[str, float]]:
        """Words within the ratio cutoff; only lengths that could reach it are scanned."""
        cutoff = 84.0 if len(word) >= 6 else 80.0
        # ratio = 2*common/(len(a)+len(b)), so reaching the cutoff bounds the other word's length
        share = cutoff / (200.0 - cutoff)
        found: list[tuple[str, float]] = []
        for length in range(int(len(word) * share + 0.999), int(len(word) / share) + 1):
            bucket = self._by_length.get(length)
            if bucket:
                for cand, score, _ in process.extract(word, bucket, scorer=fuzz.ratio, limit=8, score_cutoff=cutoff):
                    found.append((cand, float(score)))
        found.sort(key=lambda cs: -cs[1])
        return [cs for cs in found if cs[0] != word][:8]

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        words = tokens(query)
        if not words or limit <= 0:
            return []
        significant = [w for w in words if w not in STOPWORDS] or words
        terms = [self._term(w, prefix=(i == len(significant) - 1)) for i, w in enumerate(significant)]
        if any(not t.words and t.prefix is None for t in terms):
            return []
        if len(significant[-1]) == 1 and len(terms) > 1:
            terms.pop()  # one letter of the next word narrows nothing yet: search what came before
        hits = self._label_hits(significant, terms, limit)
        if len(significant) > 1 or len(significant[0]) > 1:  # one letter alone: names only, not text
            hits += self._para_hits(words, terms, limit)
        hits.sort(key=lambda h: (-h.score, h.kind != "paragraph", h.label))
        return _dedupe(hits)[:limit]

    def _candidates(self, term: _Term, postings: dict[str, array[int]], cap: int) -> dict[int, float]:
        """Entries holding any of the term's words, each with its best word's score: the surest
        words first, then by position (people and programmes, then newest reports), about `cap`."""
        found: dict[int, float] = {}
        prefixed = [w for w in self.vocab[term.span[0] : term.span[1]] if w not in term.words]
        prefixed.sort(key=len)  # while typing, the shortest completions are the likeliest
        ordered = sorted(term.words.items(), key=lambda kv: -kv[1]) + [(w, PREFIX) for w in prefixed]
        ordered.sort(key=lambda kv: -kv[1])  # stable: fuzzy words stay after the prefix's completions
        for score, group in itertools.groupby(ordered, key=lambda kv: kv[1]):
            pool: array[int] = array("I")
            for word, _ in group:  # gathered in C, then merged once per level of sureness
                pool.extend(postings.get(word, _EMPTY)[: cap - len(pool)])
                if len(pool) >= cap:
                    break
            more = dict.fromkeys(pool, score)
            more.update(found)  # what was found at a surer level keeps its score
            found = more
            if len(found) >= cap:
                break
        return found

    def _size(self, term: _Term, postings: dict[str, array[int]], sizes: array[int]) -> int:
        total = sum(len(postings.get(w, ())) for w in term.words)
        return total + sizes[term.span[1]] - sizes[term.span[0]]

    def _label_hits(self, words: list[str], terms: list[_Term], limit: int) -> list[Hit]:
        driver = min(terms, key=lambda t: self._size(t, self.label_postings, self._label_sizes))
        others = [t for t in terms if t is not driver]
        candidates = self._candidates(driver, self.label_postings, LABEL_CAP)
        labels, n = self.labels, len(words)
        if not others:
            scored = [
                (first * (0.85 + 0.15 * min(1.0, n / labels[idx][3])) + KIND_BOOST[labels[idx][0]], -idx)
                for idx, first in candidates.items()
            ]
        else:
            scored = self._score_labels(candidates, others, n)
        return self._label_results(scored, terms, limit)

    def _score_labels(self, candidates: dict[int, float], others: list[_Term], n: int) -> list[tuple[float, int]]:
        scored: list[tuple[float, int]] = []
        for idx, first in candidates.items():
            kind, _, stream, content, _ = self.labels[idx]
            total = first
            for term in others:
                found = term.score_in(stream)
                if not found:
                    break
                total += found
            else:
                coverage = min(1.0, n / content)
                scored.append((total / (len(others) + 1) * (0.85 + 0.15 * coverage) + KIND_BOOST[kind], -idx))
        return scored

    def _label_results(self, scored: list[tuple[float, int]], terms: list[_Term], limit: int) -> list[Hit]:
        hits: list[Hit] = []
        for score, neg in heapq.nlargest(limit, scored):
            kind, label, _, _, key = self.labels[-neg]
            for report, paragraph, snippet in self.targets[-neg][: limit - len(hits)]:
                span = _find_span(fold(snippet), _term_words(terms))
                hits.append(Hit(kind, label, report, paragraph, score, snippet, span, key))  # type: ignore[arg-type]
            if len(hits) >= limit:
                break
        return hits

    def _para_hits(self, words: list[str], terms: list[_Term], limit: int) -> list[Hit]:
        postings, streams = self.para_postings, self.para_stream
        order = sorted(terms, key=lambda t: self._size(t, postings, self._para_sizes))
        totals = self._candidates(order[0], postings, PARA_CAP)
        for term in order[1:]:
            totals = {idx: t + found for idx, t in totals.items() if (found := term.score_in(streams[idx]))}
        phrase, n = " " + " ".join(words), len(terms)
        if len(words) > 1:  # the words standing together earn a bonus
            scored = [(0.8 * t / n + (8.0 if phrase in streams[i] else 0.0), -i) for i, t in totals.items()]
        else:  # the whole word, not only a fuzzy neighbour or a completion
            scored = [(0.8 * t + (8.0 if t == EXACT else 0.0), -i) for i, t in totals.items()]
        hits = []
        for score, neg in heapq.nlargest(limit, scored):
            text, number, report = self._paragraph(-neg)
            folded = fold(text)
            span = _phrase_span(folded, words) if len(words) > 1 and phrase in streams[-neg] else None
            snippet, match = _snippet(text, span or _find_span(folded, _term_words(terms)))
            label = f"{report} ¶{number}" if number else report
            hits.append(Hit("paragraph", label, report, number, score, snippet, match))
        return hits

    def _paragraph(self, idx: int) -> tuple[str, str | None, str]:
        loc = self.para_loc[idx]
        report = self.reports[loc >> 32]
        para = report.sections[(loc >> 16) & 0xFFFF].paragraphs[loc & 0xFFFF]
        return para.text, para.number, report.id


def _running_sizes(vocab: list[str], postings: dict[str, array[int]]) -> array[int]:
    sizes = array("Q", [0])
    total = 0
    for word in vocab:
        total += len(postings.get(word, ()))
        sizes.append(total)
    return sizes


def _term_words(terms: list[_Term]) -> list[str]:
    return [w for t in terms for w in t.words] + [t.prefix for t in terms if t.prefix is not None]


def _phrase_span(folded: str, words: list[str]) -> tuple[int, int] | None:
    """The words standing together in folded text, whatever spaces or punctuation part them."""
    pattern = r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(re.escape(w) for w in words) + r"[a-z0-9]*"
    m = re.search(pattern, folded)
    return (m.start(), m.end()) if m else None


def build_state(library: Library) -> dict[str, Any]:
    """The index as plain data: distinct labels with their places, paragraph postings, vocabulary."""
    labels: dict[tuple[str, str], int] = {}
    label_rows: list[tuple[str, str, str, int, str | None]] = []
    targets: list[list[tuple[str | None, str | None, str]]] = []
    label_postings: dict[str, array[int]] = {}

    def add_label(kind: str, label: str, report: str | None, paragraph: str | None, snippet: str,
                  key: str | None = None) -> None:  # fmt: skip
        idx = labels.get((kind, label))
        if idx is None:
            words = tokens(label)
            if not words:
                return
            idx = labels[(kind, label)] = len(label_rows)
            content = len([w for w in words if w not in STOPWORDS]) or len(words)
            label_rows.append((kind, label, _stream(words), content, key))
            targets.append([])
            for w in dict.fromkeys(words):
                label_postings.setdefault(w, array("I")).append(idx)
        targets[idx].append((report, paragraph, snippet or label))

    for person in library.people.values():
        add_label("person", person.name, None, None, ", ".join(person.roles[:2]) or person.name, person.name)
    for contact in library.contacts.values():
        positions = " · ".join(dict.fromkeys(h.position for h in contact.positions))
        add_label("contact", contact.name, None, None, positions or contact.name, contact.name)
    for programme in library.programmes.values():
        add_label("programme", programme.name, None, None, programme.name, programme.name)
    para_loc: array[int] = array("Q")
    para_stream: list[str] = []
    para_postings: dict[str, array[int]] = {}
    orgs: dict[str, tuple[str, str | None]] = {}
    for r_i, report in enumerate(library.reports):
        date = report.date.value or "undated"
        add_label("report", report.title, report.id, None, f"{date} · {report.file}")
        for s_i, section in enumerate(report.sections):
            if section.heading:
                first = next((p.number for p in section.paragraphs if p.number), None)
                add_label("section", section.heading, report.id, first, f"{report.title} · {date}")
            for p_i, para in enumerate(section.paragraphs):
                idx = len(para_stream)
                para_loc.append((r_i << 32) | (s_i << 16) | p_i)
                words = tokens(para.text)
                para_stream.append(_stream(words))
                for w in set(words):
                    if w not in STOPWORDS:
                        found = para_postings.get(w)
                        if found is None:
                            found = para_postings[w] = array("I")
                        found.append(idx)
                for span in para.spans:
                    if span.kind == "organisation" and span.value not in orgs:
                        orgs[span.value] = (report.id, para.number)
    for name, (report_id, number) in orgs.items():
        add_label("organisation", name, report_id, number, name, name)
    return {
        "labels": label_rows,
        "targets": targets,
        "label_postings": label_postings,
        "para_loc": para_loc,
        "para_stream": para_stream,
        "para_postings": para_postings,
        "vocab": sorted(set(label_postings) | set(para_postings) | STOPWORDS),
    }


def _word_at(folded: str, word: str, whole: bool = True) -> int:
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


def _find_span(folded: str, candidates: list[str]) -> tuple[int, int] | None:
    for word in sorted(candidates, key=len, reverse=True):
        at = _word_at(folded, word)
        if at < 0:
            at = _word_at(folded, word, whole=False)
        if at < 0:
            at = folded.find(word)
        if at >= 0:
            end = at + len(word)
            while end < len(folded) and folded[end].isalnum():
                end += 1
            return at, end
    return None


def _snippet(text: str, span: tuple[int, int] | None, width: int = 120) -> tuple[str, tuple[int, int] | None]:
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


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per label and kind, and per (report, paragraph) for paragraphs: the best one."""
    seen: set[tuple[str, str, str | None, str | None]] = set()
    out = []
    for h in hits:
        key = (
            h.kind,
            h.label if h.kind != "paragraph" else "",
            h.report,
            h.paragraph if h.kind == "paragraph" else None,
        )
        if h.kind == "paragraph" and h.paragraph is None:
            key = (h.kind, h.snippet, h.report, None)
        if key in seen:
            continue
        seen.add(key)
        out.append(h)
    return out
