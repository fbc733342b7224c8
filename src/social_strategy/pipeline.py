"""Execute the steps' notebooks with papermill and publish the report atomically.

A render works in ``reports/<client>/.incomplete-<stamp>-<pid>/`` and is renamed to
``reports/<client>/<stamp>/`` only when every notebook ran and every report file was
written; then the ``latest`` link is swapped to it in one rename. A failed or killed render
therefore never touches the previous report. A failing notebook's folder is kept as
``failed-<stamp>`` with the executed copy for debugging.

Speed (see README, "What a render does"): the notebooks run on a small pool of kernels that
are started once per render (:mod:`.kernels`), and a step whose inputs did not change since
the last complete render is not executed again (:mod:`.reuse`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .errors import InputError, NotebookFailed, Problem
from .job import RenderJob, check_formats, check_language, parse_languages  # noqa: F401
from .paths import reports_dir
from .results import PNG_VARIABLE, report_meta, save_logo, write_meta
from .steps import PLUGINS_VARIABLE, STEPS, plugins

LATEST = "latest"
INCOMPLETE = ".incomplete-"


def notebooks() -> list[Path]:
    """The notebooks a render executes, in method order: one per registered step, each
    where its step says it lives (a step from outside the package brings its own)."""
    return [s.source for s in STEPS]


def kernel_env(png: bool = True) -> dict[str, str]:
    """What the kernels need besides this process's environment: whether the steps save PNG
    copies of their figures (``SOCIAL_STRATEGY_PNG``, see :attr:`RenderJob.pngs`), and to
    know the steps from outside the package registered here, their modules
    (``SOCIAL_STRATEGY_STEPS``, which every notebook's session installs) and the folders
    they are imported from (``PYTHONPATH``)."""
    import importlib

    env = {PNG_VARIABLE: "1" if png else "0"}
    modules = plugins()
    if not modules:
        return env
    folders: list[str] = []
    for name in modules:
        top = importlib.import_module(name.partition(".")[0])
        origin = Path(getattr(top, "__file__", None) or "")
        folder = str(origin.parents[1] if origin.name == "__init__.py" else origin.parent)
        if origin.name and folder not in folders:
            folders.append(folder)
    if os.environ.get("PYTHONPATH"):
        folders.append(os.environ["PYTHONPATH"])
    env.update({PLUGINS_VARIABLE: ",".join(modules), "PYTHONPATH": os.pathsep.join(folders)})
    return env


def report_names(langs: list[str], formats: Sequence[str]) -> dict[tuple[str, str], str]:
    """File name of each (language, format): ``report.pdf`` for one language,
    ``report.de.pdf`` and ``report.en.pdf`` for several."""
    return {
        (lang, fmt): f"report.{fmt}" if len(langs) == 1 else f"report.{lang}.{fmt}"
        for lang in langs
        for fmt in formats
    }


def default_jobs() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), len(STEPS)))


def render(
    workspace: Path | str,
    *,
    out: Path | str | None = None,
    lang: str | Sequence[str] | None = None,
    formats: tuple[str, ...] = ("html", "pdf", "md"),
    report_date: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
    reuse: bool = True,
    appendix: bool = False,
    since: Path | str | None = None,
    png: bool = False,
) -> Path:
    """Validate, execute the notebooks, build the report(s); return the published folder.

    The executed notebooks are kept in the folder's ``notebooks/`` as the record; the
    report itself gets an appendix of what they displayed only with ``appendix=True``.

    ``lang`` may name several languages (``"de,en"``): one execution serves all of them.
    ``jobs`` kernels run the notebooks (default: the cores, at most one per step).
    With ``reuse``, steps whose inputs did not change since the last complete render of
    this client are taken from it instead of being executed again.
    With ``png`` the figures get their PNG copies also when ``formats`` has neither
    ``docx`` nor ``pptx`` (for a later ``rebuild`` in those formats).
    """
    job = RenderJob.build(
        workspace,
        out=out,
        lang=lang,
        formats=formats,
        date=report_date,
        reuse=reuse,
        appendix=appendix,
        jobs=jobs,
        since=since,
        png=png,
    )
    return render_job(job, progress)


def _stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def render_job(job: RenderJob, progress: Callable[[str], None] | None = None) -> Path:
    """Render ``job`` (see :func:`render`); progress lines go to ``progress`` (default:
    standard error)."""
    say = progress or (lambda text: print(text, file=sys.stderr, flush=True))
    from .workspace import load_workspace  # pandas: not needed to rebuild a report

    ws = load_workspace(job.workspace)
    job = replace(
        job,
        languages=job.languages or (ws.strategy.firm.language,),
        date=job.date or ws.strategy.report_date or dt.date.today(),
    )
    # the tables' fingerprints and the KPIs measured from the exports, for the next review
    from .measures import snapshot

    try:
        measured = snapshot(ws, job.date)
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
        # the review's record must never stop a render: without it the report has no
        # review chapter, and says nothing it cannot back
        (progress or _stderr)(f"no review snapshot ({type(exc).__name__}: {exc})"[:300])
        measured = None
    # validated: the notebooks read the tables themselves, so the frames (a large posts
    # export is hundreds of MB) are not kept in this process during the render
    ws.tables.clear()
    client_dir = (job.out.expanduser().resolve() if job.out else reports_dir()) / ws.slug
    try:
        client_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    "--out",
                    f"the report folder cannot be created ({exc.strerror})",
                    value=str(client_dir),
                    expected="a writable folder",
                )
            ]
        ) from None
    started = time.perf_counter()
    work: Path | None = None
    final: Path | None = None
    try:
        _remove_stale(client_dir)
        stamp = _stamp(client_dir)
        work = client_dir / f"{INCOMPLETE}{stamp}-{os.getpid()}"
        (work / "notebooks").mkdir(parents=True)
        _run(ws, job, work, client_dir, stamp, say, measured)
        final = _publish(work, client_dir, stamp)
        _point_latest(client_dir, final.name)
    except NotebookFailed:
        raise
    except BaseException as exc:
        for leftover in (work, final):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
        with contextlib.suppress(OSError):
            (client_dir / f".{LATEST}-{os.getpid()}").unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_problem(exc, client_dir) from None
        raise
    say(f"rendered in {time.perf_counter() - started:.1f} s")
    return final


#: errors of the output folder itself, whatever file the render was writing at the time
_FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}


def output_problem(exc: OSError, client_dir: Path) -> InputError:
    """An OSError while writing the report as one sentence about the output folder."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    hint = {
        errno.ENOSPC: "free space on the disk",
        errno.EDQUOT: "free space on the disk",
        errno.EROFS: "a writable folder",
        errno.EACCES: "a folder you may write to",
        errno.EPERM: "a folder you may write to",
        errno.ENOENT: "a folder that stays in place while the report is written",
    }.get(exc.errno or 0, "a writable folder with free space")
    return InputError(
        [
            Problem(
                "--out",
                f"the report cannot be written to {client_dir} ({reason.lower()}); "
                "the previous report is unchanged",
                expected=hint,
            )
        ]
    )


def _run(
    ws,
    job: RenderJob,
    work: Path,
    client_dir: Path,
    stamp: str,
    say: Callable[[str], None],
    measured=None,
) -> None:
    from .reuse import Fingerprints, copy_step, has_pngs, previous_render

    langs, formats, report_date = list(job.languages), list(job.formats), job.date
    jobs, reuse, appendix = job.jobs, job.reuse, job.appendix
    results = work / "results"
    meta = report_meta(ws, report_date).model_copy(update={"languages": langs})
    prints = Fingerprints(ws, report_date, langs)
    previous = previous_render(client_dir) if reuse else None
    reused = [
        s
        for s in STEPS
        if previous is not None
        and prints.unchanged(s, previous)
        # a step reused for Word or slides needs the PNGs an HTML-only render did not draw
        and (not job.pngs or has_pngs(previous, s))
    ]
    to_run = [s for s in STEPS if s not in reused]
    total = len(STEPS) + 1
    number = {s.name: i for i, s in enumerate(STEPS, start=1)}
    pool = None
    if to_run:
        from .kernels import KernelPool

        pool = KernelPool(min(jobs or default_jobs(), len(to_run)), env=kernel_env(job.pngs))
        pool.start()  # kernels start while papermill is imported below
    try:
        meta.reused = [s.name for s in reused]
        meta.reused_from = previous.name if reused and previous is not None else None
        if job.since is not None:
            meta.since = str(job.since)
        write_meta(results, meta)
        save_logo(ws, results)
        if measured is not None:
            from .snapshot import write_snapshot

            write_snapshot(results, measured)
        for s in reused:
            copy_step(previous, work, s)
            name = s.notebook.removesuffix(".ipynb")
            say(f"[{number[s.name]}/{total}] {name} unchanged: reused from {previous.name}")
        if pool is not None:
            _execute(pool, to_run, ws, job, work, client_dir, stamp, say, number)
        prints.write(results, previous)
        say(f"[{total}/{total}] report ({', '.join(formats)}; {', '.join(langs)}) ...")
        t0 = time.perf_counter()
        build_reports(results, work, langs, formats, appendix=appendix)
        say(f"[{total}/{total}] report done in {time.perf_counter() - t0:.1f} s")
    finally:
        if pool is not None:
            pool.shutdown()


def build_reports(
    results: Path,
    out_dir: Path,
    langs: list[str],
    formats: list[str],
    render_langs: list[str] | None = None,
    *,
    appendix: bool = False,
) -> None:
    """The report files in ``langs`` from a results folder (no kernels); files are named
    after all the languages of the render (``render_langs``, default ``langs``)."""
    from .report import build_report

    names = report_names(render_langs or langs, formats)
    for lang in langs:
        written = build_report(
            results,
            out_dir,
            lang,
            formats,
            notebooks_dir=out_dir / "notebooks" if appendix else None,
        )
        for fmt, path in written.items():
            if path.name != names[(lang, fmt)]:
                path.rename(out_dir / names[(lang, fmt)])


def rebuild(
    folder: Path | str,
    *,
    lang: str | Sequence[str] | None = None,
    formats: tuple[str, ...] = ("html", "pdf", "md"),
) -> list[Path]:
    """Rebuild the report files of a render folder from its results alone (no kernels).

    Each file is written beside its old version and renamed over it, so a reader never sees
    half a report."""
    from .report import check_results
    from .results import read_meta

    formats = check_formats(formats)
    folder = Path(folder).expanduser().resolve()
    results = folder / "results"
    try:
        meta = read_meta(results)
    except FileNotFoundError:
        raise InputError(
            [
                Problem(
                    str(folder),
                    "is not a render folder (it has no results/report.json)",
                    expected="a folder under reports/<client>/, or its 'latest' link",
                )
            ]
        ) from None
    langs = parse_languages(lang) or meta.languages or [meta.language]
    missing = [g for g in langs if meta.languages and g not in meta.languages]
    if missing:
        raise InputError(
            [
                Problem(
                    "--lang",
                    "the render has no figures in this language",
                    value=",".join(missing),
                    expected=f"one of {', '.join(meta.languages)} (render again with --lang)",
                )
            ]
        )
    # results/ is untrusted input: every file is checked (schema, numbers, figures, codes)
    # before a report file is written, and a problem names the file and the field
    for one in langs:
        check_results(results, one)
    # one staging folder per rebuild: the workshop builds the slide deck in a thread while
    # the next save rebuilds the HTML report in the same process
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=f".rebuild-{os.getpid()}-", dir=folder))
    try:
        (staging / "notebooks").symlink_to(folder / "notebooks", target_is_directory=True)
        try:
            build_reports(results, staging, langs, list(formats), meta.languages or langs)
        except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as exc:
            other = meta.version != __version__
            raise InputError(
                [
                    Problem(
                        "results",
                        "the report cannot be built from these results"
                        + (f" (made by version {meta.version} of the workbook)" if other else "")
                        + f" ({type(exc).__name__}: {exc})"[:300],
                        expected="a render made by this version: render the client again",
                    )
                ]
            ) from None
        written = []
        for path in sorted(staging.glob("report*.*")):
            os.replace(path, folder / path.name)
            written.append(folder / path.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _execute(pool, steps, ws, spec: RenderJob, work, client_dir, stamp, say, number) -> None:
    from .kernels import Job

    # nbformat imports jsonschema's optional IRI checker (rfc3987-syntax), which costs about
    # 1.3 s per process and is never needed for notebooks: leave it out.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import papermill  # noqa: F401 - imported here, while the kernels start

    total = len(STEPS) + 1
    jobs = [
        Job(
            s.source,
            work / "notebooks" / s.notebook,
            {
                "workspace": str(ws.path),
                "results_dir": str(work / "results"),
                "language": spec.languages[0],
                "report_date": spec.date.isoformat(),
                "interactive": False,
            },
        )
        for s in steps
    ]
    names = {job.source.name: job.source.stem for job in jobs}
    idx = {s.notebook: number[s.name] for s in steps}
    pool.on_start = lambda job: say(
        f"[{idx[job.source.name]}/{total}] {names[job.source.name]} ..."
    )
    pool.on_done = lambda job, sec: say(
        f"[{idx[job.source.name]}/{total}] {names[job.source.name]} done in {sec:.1f} s"
    )
    pool.run(jobs)
    if pool.errors:
        job, exc = min(pool.errors, key=lambda e: idx.get(e[0].source.name, 0))
        raise _failure(job, exc, work, client_dir, stamp)


def _failure(job, exc: BaseException, work: Path, client_dir: Path, stamp: str) -> BaseException:
    """A notebook's error as NotebookFailed (its folder kept); anything else as it is."""
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(exc, PapermillExecutionError):
        return exc
    code = _errno(exc.evalue or "")
    if code in _FULL_OR_READ_ONLY or (code and str(work) in (exc.evalue or "")):
        # the notebook could not write its results: the folder's fault, not the step's
        return OSError(code, os.strerror(code))
    kept = client_dir / f"failed-{stamp}"
    shutil.rmtree(kept, ignore_errors=True)
    work.rename(kept)
    return NotebookFailed(
        job.source.name,
        exc.exec_count,
        exc.source or "",
        f"{exc.ename}: {exc.evalue}",
        kept / "notebooks" / job.source.name,
    )


def _errno(text: str) -> int | None:
    """``'[Errno 28] No space left on device: ...'`` -> 28."""
    match = re.match(r"\[Errno (\d+)\]", text.strip())
    return int(match.group(1)) if match else None


def _stamp(client_dir: Path) -> str:
    base = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    stamp, n = base, 1
    while (client_dir / stamp).exists():
        n += 1
        stamp = f"{base}-{n}"
    return stamp


def _publish(work: Path, client_dir: Path, stamp: str) -> Path:
    """Rename the finished render to its timestamp; a parallel render of the same client that
    took the same second gets the next free name."""
    for _ in range(100):
        final = client_dir / stamp
        try:
            work.rename(final)
            return final
        except OSError:
            if not final.exists():
                raise
            stamp = _stamp(client_dir)
    raise RuntimeError(f"no free report folder name in {client_dir}")


def _point_latest(client_dir: Path, stamp: str) -> None:
    """Swap ``latest`` to the new render in one atomic rename."""
    tmp = client_dir / f".{LATEST}-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(stamp, target_is_directory=True)
    os.replace(tmp, client_dir / LATEST)


def _remove_stale(client_dir: Path) -> None:
    """Leftovers of renders that were killed: their process is gone."""
    for path in client_dir.glob(f"{INCOMPLETE}*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


__all__ = [
    "INCOMPLETE",
    "LATEST",
    "build_reports",
    "default_jobs",
    "kernel_env",
    "notebooks",
    "output_problem",
    "rebuild",
    "render",
    "render_job",
    "report_names",
]
