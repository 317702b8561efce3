"""The README points to no file that is not in the repository: every relative link, every path
in backticks, and every file named in its code blocks (the layout, the benchmark commands) exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# Where the README's layout names a file from: the repository, the package, the parser inside it.
BASES = (ROOT, ROOT / "tui", ROOT / "tui" / "boardreader", ROOT / "tui" / "boardreader" / "corpus")
# Files the README names that are made outside the repository, each for a reason it says.
NOT_OURS = {
    ".venv/bin/lint-imports": "installed into the virtual environment the README's set-up makes",
    "boardreader.toml": "a sidecar the user writes in their reports folder",
}
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\n]+)`")
FILE_LIKE = re.compile(r"^\.?[\w.-]*(?:/[\w.-]*)*$")
NAMED_FILE = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.(?:py|md|toml|json|txt|pdf|docx|html))\b")
IGNORED_PARTS = {".venv", ".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def exists(path: str) -> bool:
    clean = path.rstrip("/").removeprefix("./")
    if any((base / clean).exists() for base in BASES):
        return True
    if "/" not in clean:  # a module named alone in running text: somewhere in the package or the tests
        return any(not IGNORED_PARTS & set(p.parts) for p in ROOT.rglob(clean))
    return False


def named_paths(text: str) -> set[str]:
    named = {m.group(1) for m in LINK.finditer(text) if not re.match(r"[a-z]+:|#", m.group(1))}
    for m in CODE.finditer(text):
        token = m.group(1)
        looks_like_a_file = FILE_LIKE.match(token) and re.search(r"[A-Za-z]", token)  # not "1.1." (a number)
        if looks_like_a_file and ("/" in token or "." in token.lstrip(".")):
            named.add(token)
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S):
        named.update(NAMED_FILE.findall(block))
        named.update(re.findall(r"^\s*([\w./-]+/)\s", block, flags=re.M))  # the layout's folders
    return {n for n in named if not n.startswith("/") and not re.fullmatch(r"\.\w+", n)}  # not a bare suffix


def test_every_file_the_readme_names_is_in_the_repository() -> None:
    named = named_paths(README.read_text(encoding="utf-8"))
    assert {"tests/data/LAYOUTS.md", "benchmarks/generate.py", "session.py"} <= named, "the checker finds them"
    missing = sorted(n for n in named if n not in NOT_OURS and not exists(n))
    assert not missing, f"the README names files not in the repository: {missing}"


def test_the_checker_catches_a_missing_file() -> None:
    text = "See [the notes](docs/NOTES.md), `CONTRIBUTING.md` and\n```\nbenchmarks/bench_gone.py\n```\n"
    named = named_paths(text)
    assert {"docs/NOTES.md", "CONTRIBUTING.md", "benchmarks/bench_gone.py"} <= named
    assert not any(exists(n) for n in named)
