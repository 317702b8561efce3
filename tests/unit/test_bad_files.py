"""Bad files in the reports folder: each is read correctly or skipped with a one-line reason, and the
sample reports beside them still load. What the user sees is checked in `check` and `export` too."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from boardreader import cli
from boardreader.corpus.model import Skipped
from boardreader.corpus.parse import parse_report
from boardreader.library import library
from boardreader.library.library import MAX_BYTES, Library, LibraryError
from boardreader.session import load_library

SAMPLE_COUNT = 5
CP1252_TEXT = "Report to the Board\n\n1. The budget is £2.5 million, “agreed” by the Board’s members.\n"
UTF16_TEXT = "Report to the Board\n\n1. Funding of £40,000 was agreed for the Leadership Academy.\n"
running_as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def reasons(lib: Library) -> dict[str, str]:
    return {s.file: s.reason for s in lib.skipped}


def paragraph_text(lib: Library, report_id: str) -> str:
    report = lib.report(report_id)
    assert report is not None, f"{report_id} was not read: {reasons(lib).get(report_id)}"
    return "\n".join(p.text for p in report.paragraphs)


@pytest.fixture
def bad_dir(sample_dir: Path) -> Path:
    """The sample reports with one of every bad file the issue lists mixed in."""
    d = sample_dir
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    (d / "controls.txt").write_bytes(bytes(range(1, 9)) * 500 + b"\x81\x8d")
    (d / "utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))  # with a BOM
    (d / "utf16-nobom.txt").write_bytes(UTF16_TEXT.encode("utf-16-le"))
    (d / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (d / "huge.txt").write_bytes(b"The Board noted the report. " * (50 * 1024 * 1024 // 28 + 1))
    (d / "broken.txt").symlink_to(d / "no-such-file.txt")
    (d / "loop-a.txt").symlink_to(d / "loop-b.txt")
    (d / "loop-b.txt").symlink_to(d / "loop-a.txt")
    (d / "self.txt").symlink_to(d / "self.txt")
    nested = d / "2019" / "july"
    nested.mkdir(parents=True)
    (nested / "nested.txt").write_text(CP1252_TEXT, "utf-8")
    (nested / "up").symlink_to(d, target_is_directory=True)  # a folder link that loops back
    for ignored in (".hidden.txt", ".nested.txt.swp", "nested.txt~", "#nested.txt#", "~$paper.docx", "draft.tmp"):
        (d / ignored).write_text("Report to the Board\n\n1. Ignored.\n", "utf-8")
    hidden_dir = d / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "inside.txt").write_text("Report\n\n1. Ignored too.\n", "utf-8")
    (d / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "table.csv").write_text("a,b\n1,2\n", "utf-8")
    (d / "README").write_text("not a report\n", "utf-8")
    os.mkfifo(d / "pipe.txt")
    return d


def test_every_bad_file_is_skipped_with_its_reason_and_the_rest_load(bad_dir: Path) -> None:
    lib = load_library(bad_dir)
    why = reasons(lib)
    assert why == {
        "empty.txt": "empty file",
        "binary.txt": "binary file (contains NUL bytes)",
        "controls.txt": "binary file (mostly control characters)",
        "huge.txt": f"too large (50.0 MB; the limit is {MAX_BYTES / 1024 / 1024:.1f} MB)",
        "broken.txt": "broken link: what it points to does not exist",
        "loop-a.txt": "link loop: the link leads back to itself",
        "loop-b.txt": "link loop: the link leads back to itself",
        "self.txt": "link loop: the link leads back to itself",
        "2019/july/up/": "link to a folder: not followed (a link could loop forever)",
        "picture.png": "not a format boardreader reads (.png)",
        "table.csv": "not a format boardreader reads (.csv)",
        "README": "not a format boardreader reads (no extension)",
        "pipe.txt": "not a regular file (a folder, pipe, device or socket)",
    }
    assert all("\n" not in reason for reason in why.values())
    ids = {r.id for r in lib.reports}
    assert len([i for i in ids if i[:3].isdigit() and "/" not in i]) == SAMPLE_COUNT
    assert {"utf16", "utf16-nobom", "cp1252", "2019/july/nested"} <= ids
    assert not any("hidden" in i or "inside" in i or "tmp" in i or "paper" in i for i in ids | set(why))


def test_other_encodings_are_read_correctly(bad_dir: Path) -> None:
    lib = load_library(bad_dir)
    for report_id in ("utf16", "utf16-nobom"):
        assert "Funding of £40,000 was agreed for the Leadership Academy." in paragraph_text(lib, report_id)
    assert "The budget is £2.5 million, “agreed” by the Board’s members." in paragraph_text(lib, "cp1252")
    assert "£2.5 million" in paragraph_text(lib, "2019/july/nested")


def test_a_50_mb_file_is_skipped_without_reading_it(bad_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_read = library._read_limited

    def spy(path: Path, limit: int) -> bytes:
        opened.append(path.name)
        return real_read(path, limit)

    monkeypatch.setattr(library, "_read_limited", spy)
    started = time.perf_counter()
    result = library.read_report(bad_dir / "huge.txt", bad_dir)
    assert time.perf_counter() - started < 1.0
    assert opened == []
    assert isinstance(result, Skipped) and result.reason.startswith("too large (50.0 MB")


def _fail_for(name: str, error: OSError, before: Callable[[Path], None] | None = None) -> Callable[[Path, int], bytes]:
    real_read = library._read_limited

    def read(path: Path, limit: int) -> bytes:
        if path.name == name:
            if before is not None:
                before(path)
                return real_read(path, limit)
            raise error
        return real_read(path, limit)

    return read


def test_no_read_permission_is_skipped(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where chmod 000 does not stop a read: the refusal is simulated at the read.
    (sample_dir / "secret.txt").write_text("Report\n\n1. Private.\n", "utf-8")
    monkeypatch.setattr(library, "_read_limited", _fail_for("secret.txt", PermissionError(13, "Permission denied")))
    lib = load_library(sample_dir)
    assert reasons(lib) == {"secret.txt": "cannot read: permission denied"}
    assert len(lib.reports) == SAMPLE_COUNT


@pytest.mark.skipif(running_as_root, reason="root reads files whatever their mode")
def test_no_read_permission_for_real(sample_dir: Path) -> None:
    secret = sample_dir / "secret.txt"
    secret.write_text("Report\n\n1. Private.\n", "utf-8")
    secret.chmod(0)
    assert reasons(load_library(sample_dir)) == {"secret.txt": "cannot read: permission denied"}


def test_an_unreadable_folder_is_reported(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    private = sample_dir / "private"
    private.mkdir()
    (private / "x.txt").write_text("Report\n\n1. Private.\n", "utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == private:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    lib = load_library(sample_dir)
    assert reasons(lib) == {"private/": "folder cannot be read: permission denied"}
    assert len(lib.reports) == SAMPLE_COUNT


def test_an_unreadable_library_folder_is_one_clear_error(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def scandir(path: str | os.PathLike[str] = ".") -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(LibraryError, match="Cannot read the folder"):
        load_library(sample_dir)
    assert cli.main(["check", str(sample_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "permission denied" in err


def test_a_file_that_vanishes_between_listing_and_reading(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (sample_dir / "gone.txt").write_text("Report\n\n1. Soon gone.\n", "utf-8")
    monkeypatch.setattr(library, "_read_limited", _fail_for("gone.txt", OSError(), before=Path.unlink))
    lib = load_library(sample_dir)
    assert reasons(lib) == {"gone.txt": "vanished while loading"}
    assert len(lib.reports) == SAMPLE_COUNT


def test_a_file_that_vanishes_before_it_is_looked_at(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardreader import session
    from boardreader.library.folder import scan_folder as real_scan

    def listing(root: Path, problems: list[Skipped] | None = None) -> dict[str, tuple[int, int]]:
        return {**real_scan(root, problems), "listed-then-deleted.txt": (-1, -1)}

    monkeypatch.setattr(session, "scan_folder", listing)
    assert reasons(load_library(sample_dir)) == {"listed-then-deleted.txt": "vanished"}


def test_a_parser_failure_costs_one_file(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (sample_dir / "trouble.txt").write_text("Report\n\n1. Trouble.\n", "utf-8")

    def parse(data: bytes, file: str, lexicon: object = None) -> object:
        if file == "trouble.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return parse_report(data, file, lexicon)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "parse_report", parse)
    lib = load_library(sample_dir)
    assert reasons(lib) == {"trouble.txt": "could not be parsed (RecursionError: maximum recursion depth exceeded)"}
    assert len(lib.reports) == SAMPLE_COUNT


def test_file_names_that_could_act_on_the_terminal_are_escaped(sample_dir: Path) -> None:
    os.close(os.open(bytes(sample_dir) + b"/evil\x1b]52;c;aGk=\x07.txt", os.O_CREAT | os.O_WRONLY))
    os.close(os.open(bytes(sample_dir) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    os.close(os.open(bytes(sample_dir) + b"/right\xe2\x80\xaeto-left.txt", os.O_CREAT | os.O_WRONLY))
    lib = load_library(sample_dir)
    reason = "the file name holds control characters or bytes that are not UTF-8"
    assert reasons(lib) == {
        "evil\\x1b]52;c;aGk=\\x07.txt": reason,
        "caf\\xe9.txt": reason,
        "right\\u202eto-left.txt": reason,
    }
    json.dumps(lib.to_json(), ensure_ascii=False).encode("utf-8")  # printable: no lone surrogates


def test_check_and_export_show_each_reason(bad_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(bad_dir)]) == 0
    out = capsys.readouterr().out
    assert "skipped: empty.txt: empty file" in out
    assert "skipped: self.txt: link loop: the link leads back to itself" in out
    assert "skipped: huge.txt: too large (50.0 MB;" in out
    assert cli.main(["export", str(bad_dir)]) == 0
    exported = json.loads(capsys.readouterr().out)
    skipped = {s["file"]: s["reason"] for s in exported["skipped"]}
    assert skipped == reasons(load_library(bad_dir))
    assert len(exported["reports"]) == SAMPLE_COUNT + 4


def test_a_file_swapped_for_a_pipe_after_stat_is_skipped_without_blocking(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the listing cannot see: stat() finds a regular file, and by the open() it is a named
    pipe with no writer. An ordinary open blocks there for ever (the load sticks, `q` cannot end the
    process); the open must return at once and the file be skipped with its reason."""
    twin = sample_dir / "twin.txt"
    twin.write_text("Report to the Board\n\n1. A paper soon swapped.\n", "utf-8")
    swapped = sample_dir / "swapped.txt"
    os.mkfifo(swapped)
    real_stat = Path.stat

    def stale_stat(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        # what stat() said just before the swap: a regular file
        return real_stat(twin if self == swapped else self, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", stale_stat)
    outcome: list[Library] = []
    loader = threading.Thread(target=lambda: outcome.append(load_library(sample_dir)), daemon=True)
    loader.start()
    loader.join(timeout=60)
    if loader.is_alive():  # blocked in open(): let it go before failing, so the test run can end
        with open(swapped, "wb"):
            pass
        pytest.fail("the load blocked opening a named pipe")
    assert reasons(outcome[0]) == {
        "swapped.txt": "not a regular file when opened (a pipe, device or folder since it was listed)"
    }
    assert len(outcome[0].reports) == SAMPLE_COUNT + 1


def test_a_sidecar_swapped_for_a_pipe_is_ignored_without_blocking(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same race for boardreader.toml: is_file() said a file, the open finds a pipe. The dates
    by hand are ignored with the reason, and the library loads."""
    sidecar = sample_dir / "boardreader.toml"
    os.mkfifo(sidecar)
    real_is_file = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda self: self == sidecar or real_is_file(self))
    outcome: list[Library] = []
    loader = threading.Thread(target=lambda: outcome.append(load_library(sample_dir, cache=False)), daemon=True)
    loader.start()
    loader.join(timeout=60)
    if loader.is_alive():
        with open(sidecar, "wb"):
            pass
        pytest.fail("the load blocked opening a sidecar that is a named pipe")
    assert "not a regular file" in reasons(outcome[0])["boardreader.toml"]
    assert len(outcome[0].reports) == SAMPLE_COUNT


def test_a_link_to_a_report_is_still_read(sample_dir: Path) -> None:
    """Opening non-blocking and checking the descriptor still follows links to files."""
    target = sample_dir / "elsewhere.text"
    target.write_text("Report to the Board\n\n1. Read through a link.\n", "utf-8")
    (sample_dir / "linked.txt").symlink_to(target)
    lib = load_library(sample_dir)
    assert "Read through a link." in paragraph_text(lib, "linked")
