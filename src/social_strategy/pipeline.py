"""Execute the notebooks with papermill and publish the report atomically.

A render works in ``reports/<client>/.incomplete-<stamp>-<pid>/`` and is renamed to
``reports/<client>/<stamp>/`` only when every notebook ran and every report file was
written; then the ``latest`` link is swapped to it in one rename. A failed or killed render
therefore never touches the previous report. A failing notebook's folder is kept as
``failed-<stamp>`` with the executed copy for debugging.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem
from .i18n import available_languages
from .notebook import report_meta
from .paths import NOTEBOOKS, reports_dir
from .results import write_meta
from .steps import STEPS
from .workspace import load_workspace

LATEST = "latest"
INCOMPLETE = ".incomplete-"


@dataclass
class NotebookFailed(Exception):
    """A notebook raised while executing: which one, which cell, what error."""

    notebook: str
    cell: int | None
    cell_source: str
    error: str
    kept: Path

    def __str__(self) -> str:
        where = f"cell [{self.cell}]" if self.cell is not None else "an unknown cell"
        first = self.cell_source.strip().splitlines()[0] if self.cell_source.strip() else ""
        return (
            f"notebook {self.notebook} failed in {where}"
            f"{f' ({first})' if first else ''}: {self.error}\n"
            f"The executed copy is kept for debugging: {self.kept}"
        )


def notebooks() -> list[Path]:
    """The workbook's notebooks in method order: one per registered step."""
    return [NOTEBOOKS / s.notebook for s in STEPS]


def check_language(lang: str, where: str = "--lang") -> None:
    langs = available_languages()
    if lang not in langs:
        raise InputError(
            [Problem(where, "unknown language", value=lang, expected=f"one of {', '.join(langs)}")]
        )


def render(
    workspace: Path | str,
    *,
    out: Path | str | None = None,
    lang: str | None = None,
    formats: tuple[str, ...] = ("html", "pdf", "md"),
    report_date: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Validate, execute every notebook, build the report; return the published folder."""
    from .report import FORMATS, build_report

    say = progress or (lambda text: print(text, file=sys.stderr, flush=True))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError(
            [
                Problem(
                    "--format",
                    "unknown report format",
                    value=",".join(bad),
                    expected=f"a comma-separated list of {', '.join(FORMATS)}",
                )
            ]
        )
    if lang is not None:
        check_language(lang)
    ws = load_workspace(workspace)
    lang = lang or ws.strategy.firm.language
    report_date = report_date or ws.strategy.report_date or dt.date.today()

    client_dir = (Path(out).expanduser().resolve() if out else reports_dir()) / ws.slug
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
    books = notebooks()
    total = len(books) + 1
    started = time.perf_counter()
    work: Path | None = None
    final: Path | None = None
    try:
        _remove_stale(client_dir)
        stamp = _stamp(client_dir)
        work = client_dir / f"{INCOMPLETE}{stamp}-{os.getpid()}"
        (work / "notebooks").mkdir(parents=True)
        results = work / "results"
        write_meta(results, report_meta(ws, report_date))
        for i, book in enumerate(books, start=1):
            say(f"[{i}/{total}] {book.stem} ...")
            t0 = time.perf_counter()
            _execute(
                book,
                work / "notebooks" / book.name,
                {
                    "workspace": str(ws.path),
                    "results_dir": str(results),
                    "language": lang,
                    "report_date": report_date.isoformat(),
                    "interactive": False,
                },
                client_dir,
                stamp,
                work,
            )
            say(f"[{i}/{total}] {book.stem} done in {time.perf_counter() - t0:.1f} s")
        say(f"[{total}/{total}] report ({', '.join(formats)}) ...")
        t0 = time.perf_counter()
        build_report(results, work, lang, list(formats), notebooks_dir=work / "notebooks")
        say(f"[{total}/{total}] report done in {time.perf_counter() - t0:.1f} s")
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


def _execute(
    source: Path, target: Path, parameters: dict, client_dir: Path, stamp: str, work: Path
) -> None:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    # IPC sockets instead of TCP: the kernel is local anyway, and ipykernel warns on every
    # start about unencrypted TCP, which would clutter the consultant's terminal.
    config = Config({"KernelManager": {"transport": "ipc"}})
    try:
        pm.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(work),
            log_output=False,
            config=config,
        )
    except PapermillExecutionError as exc:
        code = _errno(exc.evalue or "")
        if code in _FULL_OR_READ_ONLY or (code and str(work) in (exc.evalue or "")):
            # the notebook could not write its results: the folder's fault, not the step's
            raise OSError(code, os.strerror(code)) from None
        kept = client_dir / f"failed-{stamp}"
        shutil.rmtree(kept, ignore_errors=True)
        work.rename(kept)
        raise NotebookFailed(
            source.name,
            exc.exec_count,
            exc.source or "",
            f"{exc.ename}: {exc.evalue}",
            kept / "notebooks" / source.name,
        ) from None


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
