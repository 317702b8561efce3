"""The package's layers hold (pyproject's [tool.importlinter] contracts, as `lint-imports` checks them
in CI): cli > reader > session > index | store > library > corpus, textual below the reader nowhere,
and no import cycle, not even one hidden in a function or under TYPE_CHECKING. Run here too, so
`pytest` alone holds them. Each run is a fresh process: the contracts read the package from disk."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts over the package found in `package_parent`."""
    env = {"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, timeout=300, env=env, cwd=package_parent,
    )  # fmt: skip


def test_the_layers_and_no_cycles_hold() -> None:
    result = _lint_imports(ROOT / "tui")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "tui" / "boardreader", tmp_path / "boardreader", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path / "boardreader"


def _add_import(module: Path, line: str) -> None:
    text = module.read_text()
    module.write_text(
        text.replace("from __future__ import annotations\n", f"from __future__ import annotations\n{line}\n", 1)
    )


def test_an_upward_import_under_type_checking_breaks_the_contract(tmp_path: Path) -> None:
    """The old cycles hid under TYPE_CHECKING: the contracts must see those imports."""
    package = _copy(tmp_path)
    _add_import(
        package / "library" / "library.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..session import IndexHandle",
    )
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "boardreader.library.library -> boardreader.session" in result.stdout


def test_a_cycle_between_modules_of_one_layer_breaks_the_contract(tmp_path: Path) -> None:
    package = _copy(tmp_path)
    _add_import(
        package / "library" / "folder.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .library import Library",
    )
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "No cycles are allowed in boardreader.library" in result.stdout


def test_textual_is_not_imported_at_run_time_below_the_reader() -> None:
    """What the contracts cannot see (an import made by name at run time) a fresh interpreter can:
    scripts and `boardreader export` start fast and work where no terminal UI can run."""
    probe = (
        "import sys, boardreader, boardreader.cli, boardreader.session, boardreader.corpus.parse\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == ""
