"""One search index over the library: names, titles, headings and every paragraph.

The index works word by word. Each query word is expanded against the vocabulary of the library:
the word itself, words it begins (the last word while typing), and words within a small edit
distance (rapidfuzz over the distinct words, never over whole labels or paragraphs), so "flemming"
finds "fleming". Candidates then come from posting lists, and only they are scored:

- labels (people, contacts, programmes, organisations, report titles, section headings) by how well
  and how completely the query's words match the label's words, with people and programmes ahead;
- paragraphs by all query words present, a bonus when they stand together as a phrase.

Exact and whole-word matches score above fuzzy ones. Text is folded (case, accents, curly quotes)
with a character-for-character fold, so a match found in folded text is the same span in the original.
This module never imports textual.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
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
_TOKEN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")
_FOLD_EXTRA = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "ß": "s", "æ": "a", "ø": "o"}


def _fold_char(c: str) -> str:
    if c in _FOLD_EXTRA:
        return _FOLD_EXTRA[c]
    if c.isascii():
        return c.lower()
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch)).lower()
    return base[0] if base else " "


def fold(text: str) -> str:
    """Lower case without accents; the result has exactly as many characters as `text`."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


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


@dataclass(frozen=True, slots=True)
class _Label:
    kind: HitKind
    label: str
    words: tuple[str, ...]
    report: str | None
    paragraph: str | None
    snippet: str
    key: str | None


@dataclass(frozen=True, slots=True)
class _Para:
    report: str
    number: str | None
    text: str
    folded: str


class SearchIndex:
    """Built once per library (a fraction of a second per thousand reports), then queried often."""

    def __init__(self, library: Library) -> None:
        self.labels: list[_Label] = []
        self.paras: list[_Para] = []
        self.label_postings: dict[str, list[int]] = defaultdict(list)
        self.para_postings: dict[str, list[int]] = defaultdict(list)
        self._build(library)
        self.vocab = sorted(set(self.label_postings) | set(self.para_postings))

    # building -------------------------------------------------------------------------------
    def _add_label(self, kind: HitKind, label: str, report: str | None, paragraph: str | None,
                   snippet: str = "", key: str | None = None) -> None:  # fmt: skip
        words = tuple(tokens(label))
        if not words:
            return
        idx = len(self.labels)
        self.labels.append(_Label(kind, label, words, report, paragraph, snippet or label, key))
        for w in set(words):
            self.label_postings[w].append(idx)

    def _build(self, library: Library) -> None:
        for person in library.people.values():
            roles = ", ".join(person.roles[:2])
            self._add_label("person", person.name, None, None, roles or person.name, person.name)
        for contact in library.contacts.values():
            positions = " · ".join(dict.fromkeys(h.position for h in contact.positions))
            self._add_label("contact", contact.name, None, None, positions or contact.name, contact.name)
        for programme in library.programmes.values():
            self._add_label("programme", programme.name, None, None, programme.name, programme.name)
        orgs: dict[str, tuple[str, str | None]] = {}
        for report in library.reports:
            date = report.date.value or "undated"
            self._add_label("report", report.title, report.id, None, f"{date} · {report.file}")
            for section in report.sections:
                first = next((p.number for p in section.paragraphs if p.number), None)
                if section.heading:
                    self._add_label("section", section.heading, report.id, first, f"{report.title} · {date}")
                for para in section.paragraphs:
                    idx = len(self.paras)
                    self.paras.append(_Para(report.id, para.number, para.text, fold(para.text)))
                    for w in set(_TOKEN.findall(self.paras[-1].folded)):
                        self.para_postings[w].append(idx)
                    for span in para.spans:
                        if span.kind == "organisation" and span.value not in orgs:
                            orgs[span.value] = (report.id, para.number)
        for name, (report_id, number) in orgs.items():
            self._add_label("organisation", name, report_id, number, name, name)

    # querying -------------------------------------------------------------------------------
    def expand(self, word: str, prefix: bool) -> dict[str, float]:
        """Vocabulary words this query word may mean, with how sure we are (100 = the word itself)."""
        out: dict[str, float] = {}
        if word in self.label_postings or word in self.para_postings:
            out[word] = 100.0
        if prefix and len(word) >= 2:
            i = bisect.bisect_left(self.vocab, word)
            while i < len(self.vocab) and self.vocab[i].startswith(word) and len(out) < 200:
                out.setdefault(self.vocab[i], 92.0)
                i += 1
        if len(word) >= 4 and not word.replace(".", "").isdigit():
            cutoff = 84.0 if len(word) >= 6 else 80.0
            for cand, score, _ in process.extract(word, self.vocab, scorer=fuzz.ratio, limit=8, score_cutoff=cutoff):
                if cand not in out:
                    out[cand] = min(float(score), 95.0) - 8.0
        return out

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        words = tokens(query)
        if not words:
            return []
        significant = [w for w in words if w not in STOPWORDS] or words
        expansions = [self.expand(w, prefix=(i == len(significant) - 1)) for i, w in enumerate(significant)]
        if any(not e for e in expansions):
            return []
        hits = self._label_hits(significant, expansions) + self._para_hits(query, significant, expansions)
        hits.sort(key=lambda h: (-h.score, h.kind != "paragraph", h.label))
        return _dedupe(hits)[:limit]

    def _label_hits(self, words: list[str], expansions: list[dict[str, float]]) -> list[Hit]:
        best: list[dict[int, float]] = []
        for exp in expansions:
            per_label: dict[int, float] = {}
            for vocab_word, score in exp.items():
                for idx in self.label_postings.get(vocab_word, ()):
                    if per_label.get(idx, 0.0) < score:
                        per_label[idx] = score
            best.append(per_label)
        candidates = set(best[0]).intersection(*best[1:]) if best else set()
        hits = []
        for idx in candidates:
            label = self.labels[idx]
            mean = sum(b[idx] for b in best) / len(best)
            content = [w for w in label.words if w not in STOPWORDS] or list(label.words)
            coverage = min(1.0, len(words) / len(content))
            score = mean * (0.85 + 0.15 * coverage) + KIND_BOOST[label.kind]
            span = _find_span(fold(label.snippet), [w for e in expansions for w in e])
            hits.append(
                Hit(label.kind, label.label, label.report, label.paragraph, score, label.snippet, span, label.key)
            )
        return hits

    def _para_hits(self, query: str, words: list[str], expansions: list[dict[str, float]]) -> list[Hit]:
        sets: list[dict[int, float]] = []
        for exp in expansions:
            per_para: dict[int, float] = {}
            for vocab_word, score in exp.items():
                for idx in self.para_postings.get(vocab_word, ()):
                    if per_para.get(idx, 0.0) < score:
                        per_para[idx] = score
            sets.append(per_para)
        sets.sort(key=len)
        candidates = set(sets[0]).intersection(*sets[1:]) if sets else set()
        phrase = " ".join(tokens(query))
        hits = []
        for idx in candidates:
            para = self.paras[idx]
            mean = sum(s[idx] for s in sets) / len(sets)
            at = para.folded.find(phrase) if len(words) > 1 or phrase != words[0] else _word_at(para.folded, phrase)
            score = 0.8 * mean + (8.0 if at >= 0 else 0.0)
            words_found = [w for e in expansions for w in e]
            at_span = (at, at + len(phrase)) if at >= 0 else _find_span(para.folded, words_found)
            snippet, match = _snippet(para.text, at_span)
            hits.append(Hit("paragraph", _para_label(para), para.report, para.number, score, snippet, match))
        return hits


def _word_at(folded: str, word: str) -> int:
    m = re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", folded)
    return m.start() if m else -1


def _find_span(folded: str, candidates: list[str]) -> tuple[int, int] | None:
    for word in sorted(candidates, key=len, reverse=True):
        at = _word_at(folded, word)
        if at < 0:
            at = folded.find(word)
        if at >= 0:
            return at, at + len(word)
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


def _para_label(para: _Para) -> str:
    return f"{para.report} ¶{para.number}" if para.number else para.report


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
