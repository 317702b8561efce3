"""Write a realistic synthetic library of N board papers made from the sample reports.

    .venv/bin/python benchmarks/generate.py N OUTDIR [--seed S] [--samples DIR]

Each output is one sample rewritten: its people (found by the parser, so no names are hard-coded
here) replaced by names drawn from a pool of given names and surnames, its programmes renamed from a
pool, its dates moved to a year between 2010 and 2024 (weekdays recomputed), its figures changed,
and, for chair's reports, its sections shuffled within their themes and renumbered. Formats are kept:
theme headings and numbered paragraphs, tab tables and attendance lists in meeting notes. The same
N, seed and samples always give the same files.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

from boardreader.corpus.parse import parse_report  # noqa: E402
from boardreader.corpus.themes import THEME_WORDS  # noqa: E402


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = _words(
    "Aisha Alan Alice Amir Andrew Angela Anita Ben Bernard Beth Brian Carol Catherine Chloe Chris Claire Colin "
    "Daniel David Deborah Dennis Diane Edward Eleanor Emma Farah Fiona Frances Gareth Gemma George Grace Graham "
    "Hannah Harriet Helen Ian Imran Isabel Jack James Jane Jasmine Jill John Jonathan Joy Judith Julie Karen Kate "
    "Keith Kevin Laura Leo Linda Lucy Mark Martin Mary Matthew Megan Michael Mohammed Nadia Neil Nicola Nigel "
    "Olivia Owen Patricia Paul Peter Philip Priya Rachel Rajesh Rebecca Richard Robert Rosa Ruth Sally Samuel "
    "Sandra Sarah Simon Sophie Stephen Susan Tariq Teresa Thomas Tim Tony Victoria William Yasmin Zoe"
)
SURNAMES = _words(
    "Abbott Ahmed Allen Atkinson Bailey Baker Barker Bennett Bird Blackwood Bolton Bradley Brennan Brooks Burton "
    "Carter Chandler Chapman Clarke Coleman Collins Cooper Crawford Dalton Davies Dixon Doyle Edwards Ellis Evans "
    "Farrell Fisher Fletcher Foster Gallagher Gibson Goodwin Graham Griffiths Hale Hamilton Harding Harper Hayes "
    "Henderson Hewitt Holloway Hughes Hussain Iqbal Jackson Jenkins Kaur Kelly Khan Lambert Lawson Lloyd Lowe "
    "Marsden Marshall Mason McCarthy Mitchell Morgan Murphy Nash Newton Nicholson Norris O'Brien Osborne Owen "
    "Palmer Parkinson Patel Pearson Perkins Powell Quinn Rahman Reynolds Robertson Russell Saunders Shah Sharma "
    "Sheppard Simpson Singh Slater Stevens Sutton Thornton Townsend Turner Vaughan Walsh Warren Webster Whitfield "
    "Wilkinson Winter Woodward Wright Yates"
)
PROGRAMME_STEMS = (
    "Future Places", "Digital Councils", "Healthy Communities", "Green Growth", "Better Care Exchange",
    "Smart Services", "Civic Pioneers", "Rural Resilience", "Coastal Renewal", "Youth Voice", "Data Champions",
    "Housing Futures", "Skills Accelerator", "Clean Air", "Safer Streets", "Town Centres Recovery",
    "Carbon Neutral Councils", "Local Enterprise", "Community Wealth", "Early Help", "Ageing Well",
    "Public Health Partners", "Inclusive Economy", "Open Places", "Cyber Resilience", "Digital Inclusion",
)  # fmt: skip
MONTHS = list(calendar.month_name)[1:]
_MONTH_RE = "|".join(MONTHS)
_WEEKDAY_RE = "|".join(calendar.day_name)
_DATED = re.compile(rf"\b(?:({_WEEKDAY_RE}) )?(\d{{1,2}}) ({_MONTH_RE}) (\d{{4}})\b")
_YEAR = re.compile(r"\b(20[01]\d|202\d)(?:/(\d\d))?\b")
_COUNTED = "per cent|councils|members|speakers|organisations|councillors|delegates|partnerships|authorities"
_FIGURE = re.compile(rf"(?<=£)\d+(?:\.\d+)?|(?<=[ (])\d{{1,3}}(?:,\d{{3}})+\b|(?<= )\d{{2,3}}(?= (?:{_COUNTED})\b)")
_NUMBERED = re.compile(r"^(- )?(\d+)((?:\.\d+)*)\.(\s)")


@dataclass(frozen=True)
class Template:
    text: str
    kind: str
    people: tuple[str, ...]
    programmes: tuple[str, ...]
    year: int


def load_templates(samples: Path) -> list[Template]:
    templates = []
    for path in sorted(samples.glob("*.txt")):
        data = path.read_bytes()
        report = parse_report(data, path.name)
        text = data.decode("utf-8", errors="replace")
        year = int((report.date.value or "2014")[:4])
        names = tuple(p for p in report.people if " " in p)
        stems = {_stem(p) for p in report.programmes if len(_stem(p).split()) >= 2}
        programmes = tuple(sorted(stems, key=lambda s: (-len(s), s)))
        templates.append(Template(text, report.kind, names, programmes, year))
    return templates


def _stem(programme: str) -> str:
    return re.sub(r"\s+[Pp]rogramme$", "", programme)


def rename_people(text: str, people: tuple[str, ...], rng: random.Random) -> str:
    """Each full name, its surname alone and its email address become one new person."""
    for name in sorted(people, key=len, reverse=True):
        first, last = name.split()[0], name.split()[-1]
        new_first, new_last = rng.choice(GIVEN), rng.choice(SURNAMES)
        whole = r"\s+".join(re.escape(w) for w in name.split())
        text = re.sub(rf"\b{whole}\b", f"{new_first} {new_last}", text)
        text = re.sub(rf"\b{re.escape(first)}\s*\n\s*{re.escape(last)}\b", f"{new_first}\n{new_last}", text)
        email = f"{new_first}.{new_last}".lower().replace("'", "")
        text = re.sub(rf"\b{re.escape(first)}\.{re.escape(last)}(?=@)", email, text, flags=re.IGNORECASE)
        text = re.sub(rf"\b(Councillors?|Cllrs?\.?|CIIr) {re.escape(last)}\b", rf"\1 {new_last}", text)
    return text


def rename_programmes(text: str, stems: tuple[str, ...], rng: random.Random) -> str:
    for stem in stems:
        if rng.random() < 0.5:
            text = text.replace(stem, rng.choice(PROGRAMME_STEMS))
    return text


def move_dates(text: str, year_from: int, year_to: int) -> str:
    shift = year_to - year_from

    def dated(m: re.Match[str]) -> str:
        day, month, year = int(m.group(2)), MONTHS.index(m.group(3)) + 1, int(m.group(4)) + shift
        day = min(day, calendar.monthrange(year, month)[1])
        weekday = f"{dt.date(year, month, day):%A} " if m.group(1) else ""
        return f"{weekday}{day} {m.group(3)} {year}"

    def year(m: re.Match[str]) -> str:
        new = int(m.group(1)) + shift
        return f"{new}/{(new + 1) % 100:02d}" if m.group(2) else str(new)

    text = _DATED.sub(dated, text)
    placeholder = "\x00"  # years inside already-moved full dates must not move twice
    protected = _DATED.sub(lambda m: m.group(0).replace("20", placeholder), text)
    return _YEAR.sub(year, protected).replace(placeholder, "20")


def vary_figures(text: str, rng: random.Random) -> str:
    def figure(m: re.Match[str]) -> str:
        raw = m.group(0)
        value = float(raw.replace(",", "")) * rng.uniform(0.5, 2.0)
        if "." in raw:
            return f"{value:.{len(raw.split('.')[1])}f}"
        return f"{round(value):,}" if "," in raw else str(max(2, round(value)))

    return _FIGURE.sub(figure, text)


def _is_theme(line: str) -> bool:
    return line.strip().lower() in {t.lower() for t in THEME_WORDS}


def shuffle_sections(text: str, rng: random.Random) -> str:
    """Chair's reports: sections shuffle within each theme, themes shuffle, paragraphs renumber."""
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if _NUMBERED.match(ln)), None)
    tail = next((i for i, ln in enumerate(lines) if ln.startswith("Contact officer")), len(lines))
    if first is None:
        return text
    start = first
    while start > 0 and (not lines[start - 1].strip() or len(lines[start - 1]) < 80):  # headings above it
        if lines[start - 1].strip() and ("Board" in lines[start - 1] or "Item" in lines[start - 1]):
            break
        start -= 1
    head, body, foot = lines[:start], lines[start:tail], lines[tail:]
    themes: list[list[list[str]]] = [[]]
    section: list[str] = []
    for ln in body:
        heading = ln.strip() and not _NUMBERED.match(ln) and len(ln) < 80 and not ln.startswith("- ")
        if heading and section and any(_NUMBERED.match(s) for s in section):
            themes[-1].append(section)
            section = []
        if _is_theme(ln) and themes[-1]:
            themes.append([])
        section.append(ln)
    themes[-1].append(section)
    for theme in themes:
        lead = theme[0] if theme and _trimmed(theme[0]) and _is_theme(_trimmed(theme[0])[0]) else None
        rest = theme[1:] if lead else theme[:]
        rng.shuffle(rest)
        theme[:] = ([lead] if lead else []) + rest
    if len(themes) > 1:
        rng.shuffle(themes)
    out = [ln for theme in themes for sec in theme for ln in [*_trimmed(sec), ""]]
    number = 0

    def renumber(line: str) -> str:
        nonlocal number
        m = _NUMBERED.match(line)
        if not m:
            return line
        if not m.group(3):
            number += 1
        return f"{m.group(1) or ''}{number}{m.group(3)}.{m.group(4)}{line[m.end() :]}"

    while head and not head[-1].strip():
        head.pop()
    return "\n".join(head + [""] + [renumber(ln) for ln in out] + foot)


def _trimmed(lines: list[str]) -> list[str]:
    """Without blank lines at either end (sections are joined with one blank line)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def shuffle_attendance(text: str, rng: random.Random) -> str:
    """Meeting notes: members in the attendance table come in another order."""
    lines = text.split("\n")
    rows = [i for i, ln in enumerate(lines) if ln.startswith("\tCllr")]
    values = [lines[i] for i in rows]
    rng.shuffle(values)
    for i, v in zip(rows, values, strict=True):
        lines[i] = v
    return "\n".join(lines)


def make_report(templates: list[Template], n: int, seed: int) -> tuple[str, str]:
    rng = random.Random(f"{seed}:{n}")
    template = templates[n % len(templates)]
    text = rename_people(template.text, template.people, rng)
    text = rename_programmes(text, template.programmes, rng)
    text = move_dates(text, template.year, rng.randint(2010, 2024))
    text = vary_figures(text, rng)
    text = shuffle_attendance(text, rng) if template.kind == "meeting_note" else shuffle_sections(text, rng)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return f"{n:05d}_{digest}.txt", text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", type=Path, default=ROOT / "reports")
    args = ap.parse_args(argv)
    templates = load_templates(args.samples)
    args.outdir.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(args.n):
        name, text = make_report(templates, n, args.seed)
        (args.outdir / name).write_text(text, encoding="utf-8")
        total += len(text.encode())
    print(f"wrote {args.n} reports ({total / 1e6:.1f} MB) to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
