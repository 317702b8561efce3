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
The index is plain data, so the session (session.py) can keep it in the user's cache; the index
itself writes no files. This module never imports textual.

Over 400 lines on purpose: it is one class, the index and its queries, whose label and paragraph
searches share the index's state and its term expansion keystroke by keystroke; how the index is
built (text.py) is apart already, and a split of the class would pass its state between modules.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from array import array
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..corpus.contacts import normalise_phone
from ..corpus.model import Place
from ..library.model import Hit, HitKind, cited_date
from .text import (
    STOPWORDS,
    Label,
    Target,
    build_state,
    find_span,
    fold,
    holds,
    phrase_at,
    phrase_pattern,
    running_sizes,
    snippet_around,
    tokens,
    word_at,
)

if TYPE_CHECKING:
    from ..corpus.model import ReportHead
    from ..library.library import Library

__all__ = ["KIND_BOOST", "STOPWORDS", "Hit", "HitKind", "SearchIndex", "build_state", "fold", "tokens"]

KIND_BOOST: dict[str, float] = {
    "person": 3.0,
    "contact": 3.5,
    "programme": 3.0,
    "organisation": 2.0,
    "report": 1.0,
    "section": 0.5,
    "action": 1.5,
    "paragraph": 0.0,
}
EXACT, PREFIX = 100.0, 92.0  # a query word itself; a word it begins (fuzzy neighbours score lower)
LABEL_CAP = 2500  # distinct labels scored per query at most (rarest word's postings first)
PREFIX_WORDS = 24  # a typed prefix with more completions than this is checked in the text, not postings
FOLDED_MEMO = 20000  # paragraphs' folded text kept between keystrokes (a few MB)
PARA_CAP = 1000  # paragraphs examined per query at most, newest reports first
PHONE_QUERY = re.compile(r"\+?[\d\s().-]+")  # a query of digits and phone punctuation only
_EMPTY: array[int] = array("I")


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


class SearchIndex:
    """Built once per library (or read back from the cache), then queried on every keystroke.

    Its state is plain data (lists, dicts, arrays, tuples), so it pickles small and loads fast.
    Labels are distinct (kind, label) pairs, each with the places it leads to; paragraphs are
    numbered in library order, and their texts are the index's own (kept in memory beside it), so
    a search never reads a report's body.
    """

    def __init__(self, reports: list[ReportHead], state: dict[str, Any], texts: bytes | bytearray) -> None:
        """An index of `reports` from its state and paragraph texts (as build_state makes them)."""
        self.reports = reports
        self._report_by_id = {r.id: r for r in reports}
        self.notice: str | None = None  # what the cache it was read from had to say (see session.py)
        self._adopt(state, texts)

    @classmethod
    def build(cls, library: Library) -> SearchIndex:
        """The index of a library, built afresh (see build_state)."""
        state, texts = build_state(library)
        return cls(library.reports, state, texts)

    def _adopt(self, state: dict[str, Any], texts: bytes | bytearray) -> None:
        self.labels: list[Label] = state["labels"]
        self.targets: list[list[Target]] = state["targets"]
        self.label_postings: dict[str, array[int]] = state["label_postings"]
        self.para_report: array[int] = state["para_report"]
        self.para_start: array[int] = state["para_start"]
        self.para_section: array[int] = state["para_section"]
        self.para_index: array[int] = state["para_index"]
        self.texts = texts
        self.para_postings: dict[str, array[int]] = state["para_postings"]
        self.vocab: list[str] = state["vocab"]
        self._by_length: dict[int, list[str]] = {}
        for word in self.vocab:
            self._by_length.setdefault(len(word), []).append(word)
        # Running totals of posting lengths over the sorted vocabulary: a prefix's size in O(1).
        self._label_sizes = running_sizes(self.vocab, self.label_postings)
        self._para_sizes = running_sizes(self.vocab, self.para_postings)
        self._terms: dict[tuple[str, bool], _Term] = {}
        # Paragraphs folded for recent keystrokes: the next keystroke mostly meets the same ones.
        self._folded_memo: dict[int, str] = {}

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
        from rapidfuzz import fuzz, process  # at the first search, not at start: 16 ms of the first screen

        cutoff = 80.0  # a swapped pair in a six-letter word ("fuutre", "shraed") scores 83
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
        """The best `limit` hits for `query`, each carrying its report's date and title. A phone
        number is looked for in each way papers write it (020 7664 3017, 02076643017)."""
        forms = phone_forms(query)
        if not forms:
            return [self._cited(h) for h in self._ranked(query, limit)]
        found = [h for form in forms for h in self._ranked(form, limit)]
        found.sort(key=lambda h: (-h.score, h.kind != "paragraph", h.label))
        return [self._cited(h) for h in _dedupe(found)[:limit]]

    def _cited(self, hit: Hit) -> Hit:
        report = self._report_by_id.get(hit.report) if hit.report else None
        if report is None:
            return hit
        return replace(hit, date=report.date.value, date_stated=report.date.stated, title=report.title)

    def _ranked(self, query: str, limit: int) -> list[Hit]:
        """Hits for `query`, best first. A word that matches nothing in the library (not even a
        near spelling or, for the last word, a beginning) does not empty the results: they are the
        best matches of the other words, scored below any match of every word."""
        words = tokens(query)
        if not words or limit <= 0:
            return []
        significant = [w for w in words if w not in STOPWORDS] or words
        terms = [self._term(w, prefix=(i == len(significant) - 1)) for i, w in enumerate(significant)]
        unknown = {w for w, t in zip(significant, terms, strict=True) if not t.words and t.prefix is None}
        if not unknown:
            return self._matching(words, significant, terms, limit)
        known = [(w, t) for w, t in zip(significant, terms, strict=True) if w not in unknown]
        if not known:
            return []
        kept = [w for w in words if w not in unknown]
        hits = self._matching(kept, [w for w, _ in known], [t for _, t in known], limit)
        share = 0.5 * len(known) / len(significant)  # below every match of all the words (those score 57+)
        return [replace(h, score=h.score * share) for h in hits]

    def _matching(self, words: list[str], significant: list[str], terms: list[_Term], limit: int) -> list[Hit]:
        if len(significant[-1]) == 1 and len(terms) > 1:
            terms.pop()  # one letter of the next word narrows nothing yet: search what came before
            words = words[:-1] if words[-1] == significant[-1] else words
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
                (first * (0.85 + 0.15 * min(1.0, n / labels[idx].content_words)) + KIND_BOOST[labels[idx].kind], -idx)
                for idx, first in candidates.items()
            ]
        else:
            scored = self._score_labels(candidates, others, n)
        return self._label_results(scored, terms, limit)

    def _score_labels(self, candidates: dict[int, float], others: list[_Term], n: int) -> list[tuple[float, int]]:
        scored: list[tuple[float, int]] = []
        for idx, first in candidates.items():
            kind, _, stream, content, _ = self.labels[idx]  # unpacked: this runs for every candidate
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
            for target in self.targets[-neg][: limit - len(hits)]:
                span = find_span(fold(target.snippet), _term_words(terms))
                place = (
                    None
                    if target.section is None or target.position is None
                    else Place(target.section, target.position)
                )
                hits.append(Hit(kind, label, target.report, target.paragraph, score, target.snippet, span, key, place))  # type: ignore[arg-type]
            if len(hits) >= limit:
                break
        return hits

    def _para_hits(self, words: list[str], terms: list[_Term], limit: int) -> list[Hit]:
        postings = self.para_postings
        order = sorted(terms, key=lambda t: self._size(t, postings, self._para_sizes))
        totals = self._candidates(order[0], postings, PARA_CAP)
        folded = self._folded_memo  # candidates' folded text, made only when a posting list cannot tell
        if len(folded) > FOLDED_MEMO:
            folded.clear()
        for term in order[1:]:
            if not totals:
                return []
            best = self._members(term, totals)
            if term.prefix is not None and term.span[1] - term.span[0] > PREFIX_WORDS:
                for idx in totals.keys() - best.keys():
                    if word_at(self._folded(idx, folded), term.prefix, whole=False) >= 0:
                        best[idx] = PREFIX
            totals = {idx: totals[idx] + score for idx, score in best.items()}
        n = len(terms)
        together = phrase_pattern(words) if len(words) > 1 else None
        places: dict[int, tuple[int, int]] = {}
        if together is not None:  # the words standing together, in the text as written, earn a bonus
            for idx in totals:
                if (span := phrase_at(self._folded(idx, folded), together)) is not None:
                    places[idx] = span
            scored = [(0.8 * t / n + (8.0 if i in places else 0.0), -i) for i, t in totals.items()]
        else:  # the whole word, not only a fuzzy neighbour or a completion
            scored = [(0.8 * t + (8.0 if t == EXACT else 0.0), -i) for i, t in totals.items()]
        hits = []
        for score, neg in heapq.nlargest(limit, scored):
            text, number, report = self._paragraph(-neg)
            span = places.get(-neg) or find_span(self._folded(-neg, folded), _term_words(terms))
            snippet, match = snippet_around(text, span)
            label = self._paragraph_label(report, number)
            place = Place(self.para_section[-neg], self.para_index[-neg])
            hits.append(Hit("paragraph", label, report, number, score, snippet, match, None, place, span))
        return hits

    def _paragraph_label(self, report_id: str, number: str | None) -> str:
        """A paragraph cited as a reader knows it: the report's date and title, never its file id."""
        report = self._report_by_id.get(report_id)
        where = report_id if report is None else f"{cited_date(report.date.value, report.date.stated)} {report.title}"
        return f"{where} ¶{number}" if number else where

    def _members(self, term: _Term, totals: dict[int, float]) -> dict[int, float]:
        """Which candidates hold the term, read from posting lists: a set intersection in C for
        short lists, a binary search per candidate for long ones."""
        forms = sorted(term.words.items(), key=lambda kv: -kv[1])
        if term.prefix is not None and term.span[1] - term.span[0] <= PREFIX_WORDS:
            forms += [(w, PREFIX) for w in self.vocab[term.span[0] : term.span[1]] if w not in term.words]
            forms.sort(key=lambda kv: -kv[1])
        best: dict[int, float] = {}
        keys = totals.keys()
        for word, score in forms:
            entries = self.para_postings.get(word)
            if not entries:
                continue
            short = len(entries) <= 16 * len(keys)
            found = keys & entries if short else {i for i in keys if holds(entries, i)}
            for idx in found:
                best.setdefault(idx, score)
        return best

    def reports_holding(self, text: str) -> set[str] | None:
        """The ids of the reports with a paragraph that may hold `text` as written (case and accents
        aside): each of its words, the first as a word's ending and the last as a word's beginning
        (a lone word anywhere in one), since the text may start or stop inside a word. A superset;
        None when the text has no word to look up (then every report may hold it)."""
        words = tokens(text)
        found: set[int] | None = None
        for i, word in enumerate(words):
            forms = self._forms(word, alone=len(words) == 1, first=i == 0, last=i == len(words) - 1)
            if any(form in STOPWORDS for form in forms):
                continue  # stopwords have no postings: a word that may be one cannot narrow
            reports = {self.para_report[idx] for w in forms for idx in self.para_postings.get(w, _EMPTY)}
            found = reports if found is None else found & reports
            if not found:
                break
        return None if found is None else {self.reports[r].id for r in found}

    def _forms(self, word: str, *, alone: bool, first: bool, last: bool) -> list[str]:
        """The vocabulary words a piece of text cut from a paragraph may come from."""
        if alone:
            return [w for w in self.vocab if word in w]
        if first:
            return [w for w in self.vocab if w.endswith(word)]
        if last:
            lo = bisect.bisect_left(self.vocab, word)
            return self.vocab[lo : bisect.bisect_left(self.vocab, word + "\U0010ffff", lo)]
        return [word]

    def _folded(self, idx: int, memo: dict[int, str]) -> str:
        if (text := memo.get(idx)) is None:
            text = memo[idx] = fold(self._paragraph(idx)[0])
        return text

    def _paragraph(self, idx: int) -> tuple[str, str | None, str]:
        record = self.texts[self.para_start[idx] : self.para_start[idx + 1]].decode("utf-8", "surrogatepass")
        number, _, text = record.partition("\0")
        return text, number or None, self.reports[self.para_report[idx]].id


def _term_words(terms: list[_Term]) -> list[str]:
    return [w for t in terms for w in t.words] + [t.prefix for t in terms if t.prefix is not None]


def phone_forms(query: str) -> list[str]:
    """The ways a phone number in `query` is written in papers (digits only, and spaced in the
    national form), or none when the query is not a phone number."""
    import phonenumbers

    if not PHONE_QUERY.fullmatch(query.strip()) or sum(c.isdigit() for c in query) < 9:
        return []
    digits = normalise_phone(query)
    try:
        spaced = phonenumbers.format_number(phonenumbers.parse(query, "GB"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return []
    return list(dict.fromkeys(form for form in (digits, spaced) if form))


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
