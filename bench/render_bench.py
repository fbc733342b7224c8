"""Render timings of the example firm, as ratios against baselines run in the same command.

Baselines:
- *floor*: every registered step called in this process (load and validate, run, draw and
  save the charts) and the report built (HTML, PDF, Markdown): everything but notebooks;
- *papermill CLI loop*: what a user would write: one ``papermill`` command per notebook,
  then the report built from the results folder (``social-strategy rebuild``).

Then the workbook's own render (``social-strategy render``, all steps executed), a second
render of the unchanged client (incremental: steps reused), a report-only rebuild, the peak
memory of one render (the render and its kernels), where the time goes (kernel start,
imports, each notebook, each report format), and ``render-batch`` of N clients at 1 and 2
jobs. Medians over --repeat runs. Printed, never asserted: speed is not a test.

``--report-only`` times the report alone, from one set of results: the HTML and Markdown
rebuild (in this process and as ``social-strategy rebuild --format html,md``) and the PDF,
with the charts saved as the workbook saves them (text as text) and as it saved them before
(every glyph a path, ``svg.fonttype: path``), so the ratio of the two is measured in the same
run on the same machine. Wall time and this process's CPU time are printed: on a shared
machine the CPU time is the steadier figure.

    .venv/bin/python bench/render_bench.py [--repeat 3] [--batch 20] [--workspace data/example]
    .venv/bin/python bench/render_bench.py --report-only [--repeat 5]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from social_strategy.notebook import start
from social_strategy.paths import EXAMPLE_WORKSPACE, NOTEBOOKS
from social_strategy.pipeline import build_reports, notebooks, render
from social_strategy.steps import STEPS

DATE = dt.date(2026, 11, 23)
BIN = Path(sys.executable).parent
FORMATS = ("html", "pdf", "md")


def floor(workspace: Path, out: Path) -> dict[str, float]:
    """Every step in-process, no notebooks; then the report."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    session = start(str(workspace), str(out / "results"), "de", DATE.isoformat(), False)
    times["load + validate"] = time.perf_counter() - t0
    for step in STEPS:  # every registered step, so a new one is never left out
        t0 = time.perf_counter()
        session.save(session.run(step))
        times[f"step {step.order} {step.name}"] = time.perf_counter() - t0
    for fmt in FORMATS:
        t0 = time.perf_counter()
        build_reports(out / "results", out, ["de"], [fmt])
        times[f"report {fmt}"] = time.perf_counter() - t0
    return times


def cli_loop(workspace: Path, out: Path) -> dict[str, float]:
    """One papermill CLI call per notebook, then the report from the results folder."""
    times: dict[str, float] = {}
    (out / "notebooks").mkdir(parents=True)
    for book in notebooks():
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(book),
                str(out / "notebooks" / book.name),
                "-p",
                "workspace",
                str(workspace),
                "-p",
                "results_dir",
                str(out / "results"),
                "-p",
                "language",
                "de",
                "-p",
                "report_date",
                DATE.isoformat(),
                "-p",
                "interactive",
                "False",
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )
        times[book.stem] = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run(
        [str(BIN / "social-strategy"), "rebuild", str(out), "--lang", "de"],
        check=True,
        capture_output=True,
    )
    times["report (rebuild)"] = time.perf_counter() - t0
    return times


class PeakMemory:
    """The largest summed RSS of this process and its children (the kernels), sampled."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a child that just ended
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def workbook(workspace: Path, out: Path, *, reuse: bool) -> dict[str, float]:
    """The workbook's render, timed per stage from its progress lines."""
    stages: dict[str, float] = {}
    started: dict[str, float] = {}

    def progress(line: str) -> None:
        name = line.split("] ", 1)[-1].split(" ")[0]
        if line.endswith("..."):
            started[name] = time.perf_counter()
        elif " done in " in line and name in started:
            stages[name] = time.perf_counter() - started[name]

    t0 = time.perf_counter()
    render(workspace, out=out, lang="de", report_date=DATE, progress=progress, reuse=reuse)
    stages["total"] = time.perf_counter() - t0
    return stages


def kernel_costs() -> dict[str, float]:
    """A kernel's start until it answers, and the package's imports inside it."""
    import asyncio

    from jupyter_client.manager import AsyncKernelManager

    from social_strategy.kernels import WARM_UP

    async def measure() -> dict[str, float]:
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=tempfile.mktemp())
        t0 = time.perf_counter()
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=60)
        ready = time.perf_counter() - t0
        t0 = time.perf_counter()
        await kc.execute_interactive(WARM_UP, timeout=60, output_hook=lambda m: None)
        imports = time.perf_counter() - t0
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        return {"kernel start until ready": ready, "imports in the kernel": imports}

    return asyncio.run(measure())


def batch(workspace: Path, n: int, jobs: int, tmp: Path) -> float:
    """render-batch of ``n`` copies of the workspace (different firm names)."""
    clients = []
    for i in range(n):
        target = tmp / f"ws{i}"
        if not target.exists():
            shutil.copytree(workspace, target)
            yaml = target / "strategy.yaml"
            text = yaml.read_text(encoding="utf-8")
            yaml.write_text(text.replace("name: ", f"name: Client {i:02d} ", 1), encoding="utf-8")
        clients.append(str(target))
    out = tmp / f"out-{jobs}"
    t0 = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "social-strategy"),
            "render-batch",
            *clients,
            "--out",
            str(out),
            "--jobs",
            str(jobs),
            "--date",
            DATE.isoformat(),
            "--no-reuse",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def _results(workspace: Path, out: Path, fonttype: str) -> Path:
    """Every step run in this process, its charts saved with ``svg.fonttype`` ``fonttype``."""
    from social_strategy import results

    saved = results.SVG_RC
    results.SVG_RC = {**saved, "svg.fonttype": fonttype}
    try:
        session = start(str(workspace), str(out / "results"), "de", DATE.isoformat(), False)
        for step in STEPS:
            session.save(session.run(step))
    finally:
        results.SVG_RC = saved
    return out / "results"


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (a CLI call)."""
    import resource

    me, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _timed(action) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of ``action()``."""
    wall, cpu = time.perf_counter(), _cpu()
    action()
    return time.perf_counter() - wall, _cpu() - cpu


def report_only(workspace: Path, repeat: int) -> None:
    """The report rebuilt from results: HTML and Markdown, and the PDF with text charts
    against path charts, interleaved so that both see the same load."""
    with tempfile.TemporaryDirectory() as tmp:
        now = _results(workspace, Path(tmp) / "text", "none")
        before = _results(workspace, Path(tmp) / "path", "path")
        out = Path(tmp) / "out"
        build_reports(now, out, ["de"], ["html", "md"])  # warm: imports, templates, fonts
        build_reports(now, out, ["de"], ["pdf"])
        rows: dict[str, list[tuple[float, float]]] = {}
        for _ in range(repeat):
            for name, action in (
                (
                    "rebuild html + md (in process)",
                    lambda: build_reports(now, out, ["de"], ["html", "md"]),
                ),
                (
                    "rebuild html + md (CLI)",
                    lambda: subprocess.run(
                        [
                            str(BIN / "social-strategy"),
                            "rebuild",
                            str(now.parent),
                            "--format",
                            "html,md",
                        ],
                        check=True,
                        capture_output=True,
                    ),
                ),
                ("pdf, charts with text", lambda: build_reports(now, out, ["de"], ["pdf"])),
                (
                    "pdf, charts as paths (before)",
                    lambda: build_reports(before, out, ["de"], ["pdf"]),
                ),
            ):
                rows.setdefault(name, []).append(_timed(action))
    print(f"report only, workspace {workspace.name}, German, median of {repeat}")
    print(f"  {'':<34} {'wall':>7}   {'CPU':>7}")
    for name, values in rows.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:<34} {wall:7.2f} s {cpu:7.2f} s")
    text = statistics.median(v[1] for v in rows["pdf, charts with text"])
    path = statistics.median(v[1] for v in rows["pdf, charts as paths (before)"])
    print(f"  pdf CPU, text charts / path charts: {text / path:5.2f}   (target pdf < 3 s)")
    wall, cpu = (statistics.median(v[i] for v in rows["rebuild html + md (CLI)"]) for i in (0, 1))
    print(f"  rebuild html + md (CLI): {wall:5.2f} s wall, {cpu:5.2f} s CPU   (target < 2 s)")
    print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20, help="clients in the batch (0: skip)")
    parser.add_argument("--workspace", type=Path, default=EXAMPLE_WORKSPACE)
    parser.add_argument(
        "--report-only", action="store_true", help="time the report rebuild and the PDF only"
    )
    args = parser.parse_args()
    ws = args.workspace.resolve()
    if args.report_only:
        report_only(ws, args.repeat)
        return

    runs: dict[str, list[dict[str, float]]] = {"floor": [], "cli": [], "cold": [], "warm": []}
    rebuilds, peaks = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            stages = floor(ws, Path(tmp))
            stages["total"] = time.perf_counter() - t0
            runs["floor"].append(stages)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            stages = cli_loop(ws, Path(tmp))
            stages["total"] = time.perf_counter() - t0
            runs["cli"].append(stages)
        with tempfile.TemporaryDirectory() as tmp, PeakMemory() as memory:
            runs["cold"].append(workbook(ws, Path(tmp), reuse=False))
            peaks.append(memory.peak)
            runs["warm"].append(workbook(ws, Path(tmp), reuse=True))
            latest = next(Path(tmp).glob("*/latest"))
            t0 = time.perf_counter()
            subprocess.run(
                [str(BIN / "social-strategy"), "rebuild", str(latest)],
                check=True,
                capture_output=True,
            )
            rebuilds.append(time.perf_counter() - t0)

    def med(name: str, key: str = "total") -> float:
        return statistics.median(r[key] for r in runs[name] if key in r)

    def show(title: str, name: str) -> None:
        print(f"\n{title}")
        keys = list(dict.fromkeys(k for r in runs[name] for k in r))
        for key in keys:
            print(f"  {key:<34} {med(name, key):7.2f} s")

    print(f"workspace: {ws}   steps: {len(STEPS)} ({', '.join(s.name for s in STEPS)})")
    print(
        f"notebooks: {len(list(NOTEBOOKS.glob('[0-9][0-9]_*.ipynb')))}   runs: {args.repeat} "
        "(median seconds)"
    )
    show("floor: steps called in this process, then the report (no notebooks)", "floor")
    show("baseline: a papermill CLI call per notebook, then the report", "cli")
    show("workbook render, every step executed (pool of kernels)", "cold")
    show("workbook render again, nothing changed (incremental)", "warm")
    for key, value in kernel_costs().items():
        print(f"  {key:<34} {value:7.2f} s   (measured alone)")
    print(f"\nreport-only rebuild (html, pdf, md):  {statistics.median(rebuilds):7.2f} s")
    print(
        f"peak memory of one render (with its kernels): {max(peaks) / 2**20:7.0f} MiB "
        "(target < 1024)"
    )
    cold, base, cli = med("cold"), med("floor"), med("cli")
    print("\nratios")
    print(f"  render / floor              {cold / base:5.2f}   (target <= 2)")
    print(f"  papermill CLI loop / render {cli / cold:5.2f}   (target >= 2)")
    print(f"  render / incremental render {cold / med('warm'):5.2f}")
    if args.batch:
        with tempfile.TemporaryDirectory() as tmp:
            one = batch(ws, args.batch, 1, Path(tmp))
            two = batch(ws, args.batch, 2, Path(tmp))
        print(
            f"\nrender-batch of {args.batch} clients: 1 job {one:.1f} s, 2 jobs {two:.1f} s, "
            f"speed-up {one / two:.2f} (target >= 1.7)"
        )


if __name__ == "__main__":
    main()
