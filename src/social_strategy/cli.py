"""The command-line face: ``new``, ``validate``, ``render``, ``export-calendar``.

Bad input ends with a list of problems (file, row, column, value, expectation) and exit
status 2; a failing notebook with its name, cell and error and status 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError, Problem, escape_controls

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2

#: the --format help of rebuild and render-batch
FORMAT_HELP = "html, pdf, md, docx, pptx (default: html,pdf,md)"
#: the --png help of render and render-batch
PNG_HELP = (
    "keep the charts' PNG copies (drawn anyway with docx or pptx) so that "
    "'rebuild --format docx,pptx' works later; without it an HTML, PDF or Markdown render "
    "draws none"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="social-strategy",
        description="Social Media Strategy Workbook: client workspaces and strategy reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    _add_workspace_commands(sub)
    _add_render(sub)
    _add_results_commands(sub)
    _add_batch(sub)
    cal = sub.add_parser(
        "export-calendar",
        help="write the content plan as an iCalendar file and Hootsuite bulk-upload CSVs",
    )
    cal.add_argument("workspace", type=Path)
    cal.add_argument("--out", type=Path, help="output folder (default: reports/<client>/calendar)")
    return parser


def _add_workspace_commands(sub: Any) -> None:
    """``new`` and ``validate``: a client's workspace."""
    new = sub.add_parser("new", help="create a new client workspace from the blank template")
    new.add_argument("name", help='the firm\'s name, e.g. "Bäckerei Krume GmbH"')
    new.add_argument("--dir", default="clients", help="parent folder (default: ./clients)")
    new.add_argument("--lang", help="the report's default language (de or en)")

    val = sub.add_parser("validate", help="check a workspace and list every problem")
    val.add_argument("workspace", type=Path)
    val.add_argument(
        "--lang",
        help="language of the messages (de or en; default: SOCIAL_STRATEGY_LANG, else the "
        "workspace's firm.language)",
    )


def _add_render(sub: Any) -> None:
    """``render``: one client's notebooks executed and its report rendered."""
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
        help="comma-separated: html, pdf, md, docx (Word), pptx (slides) (default: html,pdf,md)",
    )
    ren.add_argument("--date", help="date the report is dated (YYYY-MM-DD; default: today)")
    ren.add_argument(
        "--appendix",
        action="store_true",
        help="end the report with what each notebook displayed (default: no appendix; the "
        "executed notebooks are always kept in the report folder)",
    )
    ren.add_argument(
        "--jobs", type=int, help="kernels that run the notebooks (default: the cores, at most 6)"
    )
    ren.add_argument(
        "--no-reuse",
        action="store_true",
        help="execute every step, even those whose inputs did not change since the last render",
    )
    ren.add_argument("--png", action="store_true", help=PNG_HELP)
    ren.add_argument(
        "--since",
        type=Path,
        help="the earlier render the review chapter compares with (default: the client's "
        "latest earlier complete render)",
    )


def _add_results_commands(sub: Any) -> None:
    """``diff`` and ``rebuild``: what a render's results folder already holds."""
    dif = sub.add_parser(
        "diff", help="what changed between two renders of a client (the review, as text)"
    )
    dif.add_argument("old", type=Path, help="the earlier render folder")
    dif.add_argument("new", type=Path, help="the later render folder, e.g. reports/<client>/latest")
    dif.add_argument("--lang", help="language of the text (de or en; default: the new render's)")
    reb = sub.add_parser(
        "rebuild", help="rebuild a render's report files from its results (no notebooks run)"
    )
    reb.add_argument("folder", type=Path, help="a render folder, e.g. reports/<client>/latest")
    reb.add_argument("--lang", help="report language(s) the render was made in")
    reb.add_argument("--format", default="html,pdf,md", help=FORMAT_HELP)


def _add_batch(sub: Any) -> None:
    """``render-batch``: many clients at once."""
    batch = sub.add_parser(
        "render-batch", help="render many clients in parallel (local processes or Dask)"
    )
    batch.add_argument("workspace", type=Path, nargs="*", help="client workspace folders")
    batch.add_argument(
        "--list", type=Path, help="a file listing workspace folders, one per line (# comments)"
    )
    batch.add_argument("--out", type=Path, help="reports folder (default: reports/)")
    batch.add_argument("--lang", help="report language(s): de, en or de,en")
    batch.add_argument("--format", default="html,pdf,md", help=FORMAT_HELP)
    batch.add_argument("--date", help="date the reports are dated (YYYY-MM-DD)")
    batch.add_argument(
        "--jobs", type=int, help="clients rendered at once (default: the number of cores)"
    )
    batch.add_argument(
        "--scheduler",
        help="address of a Dask distributed scheduler (tcp://host:8786) to send the jobs to",
    )
    batch.add_argument("--no-reuse", action="store_true", help="execute every step again")
    batch.add_argument("--png", action="store_true", help=PNG_HELP)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        from .steps import load_plugins

        load_plugins()  # the steps from outside the package named in SOCIAL_STRATEGY_STEPS
        return _COMMANDS.get(args.command, _render)(args)
    except InputError as exc:
        print(_problems_text(exc, _message_language(args)), file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # a file or folder the command needed, outside any render
        where = f" ({exc.filename})" if exc.filename else ""
        print(escape_controls(f"cannot go on: {exc.strerror or exc}{where}"), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; the previous report is unchanged", file=sys.stderr)
        return 130


def _message_language(args: argparse.Namespace) -> str | None:
    """The language of the messages: ``--lang``, SOCIAL_STRATEGY_LANG, or the workspace's
    (for ``rebuild`` the render's); see :mod:`.language`."""
    from .language import message_language

    workspace = getattr(args, "workspace", None)
    return message_language(
        getattr(args, "lang", None),
        workspace=workspace if isinstance(workspace, Path) else None,
        folder=getattr(args, "folder", None),
    )


def _problems_text(exc: InputError, lang: str | None) -> str:
    from .language import problems_text

    return problems_text(exc, lang)


def _new(args: argparse.Namespace) -> int:
    from .job import check_language
    from .workspace import new_workspace

    if args.lang:
        check_language(args.lang)
    path = new_workspace(args.name, args.dir, language=args.lang)
    print(f"Created {path}")
    print("Next: fill in strategy.yaml and the tables (docs/workspace.md explains every column),")
    print(f"then run: social-strategy validate {path}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .pipeline import check_language
    from .workspace import load_workspace

    if args.lang:
        check_language(args.lang.split(",")[0].strip().lower())
    ws = load_workspace(args.workspace)
    lang = _message_language(args)
    if lang in (None, "en"):
        listed = ", ".join(f"{name} ({len(frame)} rows)" for name, frame in ws.tables.items())
        print(f"{ws.path}: no problems found. Firm: {ws.name}. Tables: {listed or 'none'}.")
    else:
        from .i18n import catalog

        cat = catalog(lang)
        listed = ", ".join(
            f"{name} ({cat.number(len(frame))})" for name, frame in ws.tables.items()
        )
        valid = cat.t("problem.valid", path=ws.path, firm=ws.name, tables=listed or "–")
        print(escape_controls(valid))
    from .steps.risks.chapter import validate_notes  # step 5: what counts as a mention

    for note in validate_notes(ws):
        print(escape_controls(note))
    return EXIT_OK


def _export_calendar(args: argparse.Namespace) -> int:
    from .paths import reports_dir
    from .steps.communities.calendar import export_calendar
    from .workspace import load_workspace

    ws = load_workspace(args.workspace)
    if not ws.has("content_plan"):
        print(f"{ws.path}: the content plan is empty; nothing to export.", file=sys.stderr)
        return EXIT_INPUT
    out = args.out or reports_dir() / ws.slug / "calendar"
    if out.exists() and not out.is_dir():
        from .errors import Problem

        raise InputError([Problem(str(out), "is a file", expected="a folder for the calendar")])
    done = export_calendar(ws, out)
    print(f"{done.posts} planned posts exported:")
    print(f"  {done.ics}")
    for path in done.csv_files:
        print(f"  {path}")
    return EXIT_OK


def _date(text: str | None):
    import datetime as dt

    from .errors import Problem

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            [Problem("--date", "is not a date", value=text, expected="YYYY-MM-DD")]
        ) from None


def _render_batch(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .batch import read_list, render_batch, summary
    from .errors import Problem
    from .job import RenderJob, parse_formats

    workspaces = [str(w) for w in args.workspace]
    if args.list:
        workspaces += read_list(args.list)
    if not workspaces:
        raise InputError(
            [Problem("render-batch", "no workspace given", expected="folders, or --list FILE")]
        )
    # checked before any job starts
    job = RenderJob.build(
        out=args.out,
        lang=args.lang,
        formats=parse_formats(args.format),
        reuse=not args.no_reuse,
        png=args.png,
    )
    job = replace(job, date=_date(args.date))
    outcomes = render_batch(workspaces, job, jobs=args.jobs, scheduler=args.scheduler)
    print(summary(outcomes))
    return EXIT_OK if all(o.status == "ok" for o in outcomes) else EXIT_FAILED


def _rebuild(args: argparse.Namespace) -> int:
    import time

    from .job import parse_formats
    from .pipeline import rebuild

    started = time.perf_counter()
    written = rebuild(args.folder, lang=args.lang, formats=parse_formats(args.format))
    print(f"Rebuilt in {time.perf_counter() - started:.1f} s:")
    for path in written:
        print(f"  {path}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .i18n import catalog
    from .job import parse_languages
    from .report.review import compare, earlier_renders, results_folder
    from .report.review_chapter import as_text
    from .results import read_meta

    folders = []
    for given in (args.old, args.new):
        results = results_folder(given)
        if not (results / "report.json").is_file():
            raise InputError(
                [
                    Problem(
                        str(given),
                        "is not a render folder (it has no results/report.json)",
                        expected="a folder under reports/<client>/, or its 'latest' link",
                    )
                ]
            )
        folders.append(results)
    meta = read_meta(folders[1])
    lang = (parse_languages(args.lang) or [meta.language])[0]
    history = [p / "results" for p in earlier_renders(folders[1])]
    review = compare(folders[0], folders[1], history)
    print(as_text(review, catalog(lang), meta.firm), end="")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from .errors import NotebookFailed
    from .job import RenderJob, parse_formats
    from .pipeline import render_job

    formats = parse_formats(args.format)
    date = _date(args.date)
    try:
        job = RenderJob.build(
            args.workspace,
            out=args.out,
            lang=args.lang,
            formats=formats,
            date=date,
            reuse=not args.no_reuse,
            appendix=args.appendix,
            jobs=args.jobs,
            since=args.since,
            png=args.png,
        )
        folder = render_job(job)
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


#: the commands by name; ``render`` is the rest
_COMMANDS = {
    "new": _new,
    "validate": _validate,
    "export-calendar": _export_calendar,
    "render-batch": _render_batch,
    "rebuild": _rebuild,
    "diff": _diff,
}


__all__ = [
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_OK",
    "FORMAT_HELP",
    "PNG_HELP",
    "main",
]


if __name__ == "__main__":
    sys.exit(main())
