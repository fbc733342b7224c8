"""The command-line face: ``new``, ``validate``, ``render``.

Bad input ends with a list of problems (file, row, column, value, expectation) and exit
status 2; a failing notebook with its name, cell and error and status 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import InputError, escape_controls

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="social-strategy",
        description="Social Media Strategy Workbook: client workspaces and strategy reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="create a new client workspace from the blank template")
    new.add_argument("name", help='the firm\'s name, e.g. "Bäckerei Krume GmbH"')
    new.add_argument("--dir", default="clients", help="parent folder (default: ./clients)")
    new.add_argument("--lang", help="the report's default language (de or en)")

    val = sub.add_parser("validate", help="check a workspace and list every problem")
    val.add_argument("workspace", type=Path)

    ren = sub.add_parser("render", help="execute the notebooks and render the strategy report")
    ren.add_argument("workspace", type=Path)
    ren.add_argument("--out", type=Path, help="reports folder (default: reports/ of the workbook)")
    ren.add_argument(
        "--lang",
        help="report language(s), overriding the workspace's: de, en, or de,en for both "
        "from one execution",
    )
    ren.add_argument(
        "--format",
        default="html,pdf,md",
        help="comma-separated: html, pdf, md (default: all three)",
    )
    ren.add_argument("--date", help="date the report is dated (YYYY-MM-DD; default: today)")
    ren.add_argument(
        "--jobs", type=int, help="kernels that run the notebooks (default: the cores, at most 6)"
    )
    ren.add_argument(
        "--no-reuse",
        action="store_true",
        help="execute every step, even those whose inputs did not change since the last render",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "validate":
            return _validate(args)
        return _render(args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # a file or folder the command needed, outside any render
        where = f" ({exc.filename})" if exc.filename else ""
        print(escape_controls(f"cannot go on: {exc.strerror or exc}{where}"), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; the previous report is unchanged", file=sys.stderr)
        return 130


def _new(args: argparse.Namespace) -> int:
    from .pipeline import check_language
    from .workspace import new_workspace

    if args.lang:
        check_language(args.lang)
    path = new_workspace(args.name, args.dir, language=args.lang)
    print(f"Created {path}")
    print("Next: fill in strategy.yaml and the tables (docs/workspace.md explains every column),")
    print(f"then run: social-strategy validate {path}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .workspace import load_workspace

    ws = load_workspace(args.workspace)
    tables = ", ".join(f"{name} ({len(frame)} rows)" for name, frame in ws.tables.items()) or "none"
    print(f"{ws.path}: no problems found. Firm: {ws.name}. Tables: {tables}.")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    import datetime as dt

    from .errors import NotebookFailed, Problem
    from .pipeline import render

    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    date = None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise InputError(
                [Problem("--date", "is not a date", value=args.date, expected="YYYY-MM-DD")]
            ) from None
    try:
        folder = render(
            args.workspace,
            out=args.out,
            lang=args.lang,
            formats=formats,
            report_date=date,
            jobs=args.jobs,
            reuse=not args.no_reuse,
        )
    except NotebookFailed as exc:
        lines = f"Render failed: {exc}".split("\n")
        print("\n".join(escape_controls(line) for line in lines), file=sys.stderr)
        print("The previous report is unchanged.", file=sys.stderr)
        return EXIT_FAILED
    print(f"Report ready: {folder}")
    for path in sorted(folder.glob("report*.*"), key=lambda p: (p.suffix != ".pdf", p.name)):
        print(f"  {path}")
    print(f"Latest report of this client: {folder.parent / 'latest'}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
