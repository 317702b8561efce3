"""The `boardreader` command: open the reader, or run `export`, `search` or `check`.

    boardreader [DIR]                               open the reader
    boardreader export [DIR]                        the whole library as JSON
    boardreader search QUERY [DIR] [--limit N] [--json]
    boardreader check [DIR]                         what was found in each report, and what was not

DIR defaults to $BOARDREADER_DIR, else ./reports when it exists, else the sample reports shipped
with the package. Errors are one sentence on stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .library.library import Library, LibraryError
from .library.model import cited_date
from .session import load_library
from .store.paths import default_reports_dir, folder_inside
from .terminal import fit_screen_stream, fit_text_streams, json_needs_ascii, no_terminal

SUBCOMMANDS = ("export", "search", "check")
# what `boardreader --help` says of each way to run it
USES = """ways to run it:
  boardreader [DIR]                                  open the reader on a folder of papers
  boardreader export [DIR]                           print the whole library as JSON
  boardreader search QUERY [DIR] [--limit N] [--json]
                                                     print the best hits for QUERY (JSON with --json)
  boardreader check [DIR]                            say what was found in each report, and what was not

Each subcommand has its own --help."""


def resolve_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg).expanduser()  # a quoted "~/papers" reaches us unexpanded
    env = os.environ.get("BOARDREADER_DIR")
    if env:
        return Path(env).expanduser()
    if Path("reports").is_dir():
        return Path("reports")
    return default_reports_dir()


def _load(arg: str | None) -> Library:
    directory = resolve_dir(arg)
    if directory.is_dir() and (refusal := folder_inside(directory, state=False)) is not None:
        raise LibraryError(refusal)
    lib = load_library(directory)  # through the user's caches, as every open from Python is
    if not lib.reports:
        why = "; ".join(f"{s.file}: {s.reason}" for s in lib.skipped[:3]) or "the folder is empty"
        raise LibraryError(f"No readable reports in {lib.root} ({why}).")
    return lib


def cmd_export(args: argparse.Namespace) -> int:
    json.dump(_load(args.dir).to_json(), sys.stdout, ensure_ascii=json_needs_ascii(), indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise LibraryError(f"--limit must be a number of hits of at least 1, not {args.limit}.")
    lib = _load(args.dir)
    hits = lib.search(args.query, limit=args.limit)
    if args.json:
        json.dump([h.to_json() for h in hits], sys.stdout, ensure_ascii=json_needs_ascii(), indent=1)
        sys.stdout.write("\n")
        return 0
    if not hits:
        print(f"No matches for {args.query!r}.")
    for h in hits:
        report = lib.head(h.report) if h.report else None
        where = ""
        if report is not None and h.kind != "report":
            date = cited_date(report.date.value, report.date.stated)
            where = f"  ({date} {report.title}{f', ¶{h.paragraph}' if h.paragraph else ''})"
        label = h.snippet if h.kind == "paragraph" else h.label
        print(f"{h.score:5.1f}  {h.kind:<12} {label}{where}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    lib = _load(args.dir)
    for head in sorted(lib.reports, key=lambda r: r.file):
        r = lib.read_through(head)
        numbered = sum(1 for p in r.paragraphs if p.number and p.kind == "numbered")
        date = f"{r.date.value} ({'stated' if r.date.stated else r.date.evidence or 'inferred'})"
        print(f"{r.file}: {r.kind}, {r.title!r}")
        print(f"  date {date}; themes {', '.join(r.themes) or 'none'}")
        print(
            f"  {len(r.sections)} sections, {numbered} numbered paragraphs, {len(r.items)} items, "
            f"{len(r.actions)} actions, {len(r.attendance)} attending, {len(r.contacts)} contacts, "
            f"{len(r.people)} people, {len(r.programmes)} programmes"
        )
        if r.reported:  # what it says of earlier meetings' actions (the library matches them)
            said = ", ".join(f"{sum(1 for a in r.reported if a.status == s)} {s}" for s in ("done", "open"))
            print(f"  reports on {len(r.reported)} earlier actions: {said}")
        for note in r.notes:
            print(f"  note: {note}")
    for s in lib.skipped:
        print(f"skipped: {s.file}: {s.reason}")
    print(f"{len(lib.reports)} reports read, {len(lib.skipped)} skipped.")
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    directory = resolve_dir(args.dir)
    if not directory.is_dir():
        raise LibraryError(f"No such folder: {directory}")
    if (refusal := folder_inside(directory, state=True)) is not None:
        raise LibraryError(refusal)
    if (why := no_terminal()) is not None:
        raise LibraryError(why[0].upper() + why[1:] + ".")
    fit_screen_stream()
    from .reader.app import BoardReaderApp  # textual, imported only when there is a screen to draw

    BoardReaderApp(directory).run()
    return 0


def build_parser(sub: str | None) -> argparse.ArgumentParser:
    prog = "boardreader"
    if sub == "export":
        p = argparse.ArgumentParser(prog=f"{prog} export", description="Print the whole library as JSON.")
        p.add_argument("dir", nargs="?")
        p.set_defaults(func=cmd_export)
    elif sub == "search":
        p = argparse.ArgumentParser(prog=f"{prog} search", description="Print ranked search hits.")
        p.add_argument("query")
        p.add_argument("dir", nargs="?")
        p.add_argument("--limit", type=int, default=20, help="how many hits at most (default 20)")
        p.add_argument("--json", action="store_true", help="print a JSON list")
        p.set_defaults(func=cmd_search)
    elif sub == "check":
        p = argparse.ArgumentParser(prog=f"{prog} check", description="Say what was found in each report.")
        p.add_argument("dir", nargs="?")
        p.set_defaults(func=cmd_check)
    else:
        p = argparse.ArgumentParser(
            prog=prog,
            description="A keyboard-first terminal reader for board papers.",
            epilog=USES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("dir", nargs="?", help="folder of reports (default: $BOARDREADER_DIR, ./reports, samples)")
        p.set_defaults(func=cmd_read)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    fit_text_streams()
    sub = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    args = build_parser(sub).parse_args(argv[1:] if sub else argv)
    try:
        return int(args.func(args))
    except LibraryError as exc:
        print(f"boardreader: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
