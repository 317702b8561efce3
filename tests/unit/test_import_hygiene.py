"""The model, library, search and command line never import textual: scripts and `boardreader export`
start fast and work where no terminal UI can run. Each import runs in a fresh interpreter, since this
test process may have imported textual already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tui" / "boardreader"
# the package, its parser, and every module beside them (a new one is held to this too): all but
# the reader and `python -m boardreader`
UI_FREE = (
    "boardreader",
    "boardreader.corpus",
    "boardreader.corpus.parse",
    *sorted(f"boardreader.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")),
)


@pytest.mark.parametrize("module", UI_FREE)
def test_module_does_not_import_textual(module: str) -> None:
    probe = (
        f"import sys, {module}\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(' '.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


def test_the_probe_would_notice_textual() -> None:
    probe = "import sys, boardreader.reader.app\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "True"
