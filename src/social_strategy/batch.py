"""Reports for many clients: local worker processes, or a Dask cluster.

Every client is one job: a whole render in a worker (one kernel per render, so ``--jobs``
renders share the cores without oversubscribing them). One bad workspace does not stop the
others. Locally the jobs run in a :class:`concurrent.futures.ProcessPoolExecutor`; with a
scheduler address they go to a Dask distributed cluster through the executor its client
offers (the same ``concurrent.futures`` interface), so there is no queue of our own.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError, NotebookFailed, Problem
from .job import RenderJob


@dataclass
class Outcome:
    """How one client's render ended."""

    workspace: str
    status: str  # "ok" | "bad input" | "failed"
    seconds: float
    report: str = ""
    error: str = ""


def render_one(workspace: str, job: RenderJob, plugins: Sequence[str] = ()) -> Outcome:
    """One client's render, as a worker runs it; never raises. ``plugins`` are the modules
    of the steps from outside the package that the batch's process had registered: a worker
    (a fresh process) installs them first, so it renders the same steps."""
    from .pipeline import render_job
    from .steps import load_plugins

    started = time.perf_counter()

    def done(status: str, **kw: str) -> Outcome:
        return Outcome(workspace, status, time.perf_counter() - started, **kw)

    try:
        load_plugins(list(plugins))
        # one kernel per render: --jobs renders share the cores
        folder = render_job(replace(job.for_workspace(workspace), jobs=1), lambda _: None)
    except InputError as exc:
        from .language import message_language, problem_text

        # the client's language
        said = message_language(",".join(job.languages) or None, workspace=workspace)
        lines = [problem_text(p, said) for p in exc.problems]
        first, n = (lines[0] if lines else str(exc)), len(exc.problems)
        head = first if n <= 1 else f"{first} (and {n - 1} more)"
        return done("bad input", error="\n".join([head, *lines[1:]]))
    except NotebookFailed as exc:
        return done("failed", error=str(exc))
    except Exception as exc:  # one client's crash must not stop the batch
        return done("failed", error=f"{type(exc).__name__}: {exc}")
    return done("ok", report=str(folder))


def read_list(path: Path) -> list[str]:
    """Workspace folders from a list file: one per line; blank lines and # comments skipped;
    relative paths count from the list file's folder."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(
            [Problem(str(path), f"the list file cannot be read ({exc.strerror})")]
        ) from None
    items = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text:
            item = Path(text).expanduser()
            items.append(str(item if item.is_absolute() else path.parent / item))
    return items


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def render_batch(
    workspaces: Sequence[str],
    job: RenderJob | None = None,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[str], None] | None = None,
    **options: Any,
) -> list[Outcome]:
    """Render every workspace with ``job`` (the workspace left out), ``jobs`` clients at a
    time; return the outcomes in the order given. Without ``job``, the keyword ``options``
    of :meth:`RenderJob.build` (``out``, ``lang``, ``formats``, ``report_date``, ``reuse``)
    make it."""
    if job is None:
        options["date"] = options.pop("report_date", None)
        job = RenderJob.build(**options)
    from .steps import plugins

    say = progress or _Progress(len(workspaces))
    installed = tuple(plugins())
    executor, close = _executor(jobs or default_jobs(), scheduler)
    outcomes: dict[int, Outcome] = {}
    try:
        futures: dict[Future, int] = {
            executor.submit(render_one, str(ws), job, installed): i
            for i, ws in enumerate(workspaces)
        }
        say(
            f"{len(futures)} clients, {jobs or default_jobs()} at a time"
            if not scheduler
            else f"{len(futures)} clients on the Dask cluster at {scheduler}"
        )
        for future in as_completed(futures):
            i = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died, a lost cluster connection
                outcome = Outcome(
                    str(workspaces[i]), "failed", 0.0, error=f"{type(exc).__name__}: {exc}"
                )
            outcomes[i] = outcome
            say(outcome)
    finally:
        close()
    return [outcomes[i] for i in range(len(workspaces))]


def _executor(jobs: int, scheduler: str | None) -> tuple[Executor, Callable[[], None]]:
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise InputError(
                [
                    Problem(
                        "--scheduler",
                        "Dask is not installed",
                        expected="the workbook's Dask extra (pip install '.[dask]') here "
                        "and on the workers",
                    )
                ]
            ) from None
        try:
            client = Client(scheduler, timeout=10)
        except OSError as exc:
            raise InputError(
                [Problem("--scheduler", f"no Dask scheduler answers ({exc})", value=scheduler)]
            ) from None
        return client.get_executor(pure=False), client.close
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    return pool, lambda: pool.shutdown(wait=True, cancel_futures=True)


class _Progress:
    """Clients done, failed and running, with the time; one line per finished client."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = self.failed = 0
        self.started = time.perf_counter()

    def __call__(self, event: str | Outcome) -> None:
        if isinstance(event, str):
            print(event, file=sys.stderr, flush=True)
            return
        self.done += 1
        self.failed += event.status != "ok"
        running = self.total - self.done
        elapsed = time.perf_counter() - self.started
        mark = "ok" if event.status == "ok" else event.status.upper()
        print(
            f"[{self.done}/{self.total} done, {self.failed} failed, {running} left, "
            f"{elapsed:.0f} s] {mark:<9} {event.workspace} ({event.seconds:.1f} s)",
            file=sys.stderr,
            flush=True,
        )


def summary(outcomes: list[Outcome]) -> str:
    """The closing table: client, status, time, and the report or the error's first line."""
    rows = [
        (
            o.workspace,
            o.status,
            f"{o.seconds:.1f} s",
            o.report if o.status == "ok" else (o.error.splitlines() or [""])[0][:160],
        )
        for o in outcomes
    ]
    head = ("client", "status", "time", "report or error")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in [head, *rows]
    ]
    ok = sum(o.status == "ok" for o in outcomes)
    lines.append(f"{ok} of {len(outcomes)} rendered; {len(outcomes) - ok} failed")
    return "\n".join(lines)


__all__ = ["Outcome", "default_jobs", "read_list", "render_batch", "render_one", "summary"]
