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
rebuild (in this process and as ``social-strategy rebuild --format html,md``), and the PDF
of each language built by this checkout's code against the same build by a baseline
revision's code (``--baseline``, default ``main``, read with ``git archive``), each side in a
child process of its own on its own results and charts, runs interleaved so that both see the
same load. Wall time and CPU time are printed, and the CPU ratio now / baseline: on a shared
machine the CPU time and the ratio are the steadier figures.

    .venv/bin/python bench/render_bench.py [--repeat 3] [--batch 20] [--workspace data/example]
    .venv/bin/python bench/render_bench.py --report-only [--repeat 3] [--baseline main]
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
from social_strategy.paths import CHECKOUT, EXAMPLE_WORKSPACE, NOTEBOOKS
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


def _pdf_worker(workspace: Path, out: Path) -> None:
    """Run by ``--pdf-worker`` in a child whose ``PYTHONPATH`` holds the code measured (this
    checkout's or the baseline's): every step run once with that code (its charts), then one
    PDF built per line read ("de", "en"), its wall and CPU seconds and pages written back."""
    import json
    import re

    session = start(str(workspace), str(out / "results"), "de", DATE.isoformat(), False)
    for step in STEPS:
        session.save(session.run(step))
    build_reports(out / "results", out, ["de"], ["pdf"])  # warm: imports, fonts, dictionaries
    print("ready", flush=True)
    for line in sys.stdin:
        lang = line.strip()
        pdf = out / f"{lang}.pdf"
        wall, cpu = _timed(lambda lang=lang: build_reports(out / "results", out, [lang], ["pdf"]))
        (out / "report.pdf").rename(pdf)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # poppler-utils
        print(json.dumps({"wall": wall, "cpu": cpu, "pages": pages}), flush=True)


class _Worker:
    """A ``--pdf-worker`` child on the code in ``src`` (the checkout's, or the baseline's)."""

    def __init__(self, src: Path, workspace: Path, out: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(src)}
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--pdf-worker", str(out), "--workspace", str(workspace)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ready(self) -> None:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"the PDF worker failed to start: {line!r}")

    def pdf(self, lang: str) -> dict[str, float]:
        import json

        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(lang + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def _baseline_tree(rev: str, tmp: Path) -> Path:
    """The checkout's files at ``rev`` (``git archive``: the repository is only read)."""
    tree = tmp / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        [
            "git",
            "-C",
            str(CHECKOUT),
            "archive",
            rev,
            "src",
            "templates",
            "notebooks",
            "data",
            "pyproject.toml",
        ],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def report_only(workspace: Path, repeat: int, baseline: str) -> None:
    """The report rebuilt from results: HTML and Markdown in this process and by the CLI;
    then the PDF of each language by this checkout's code and by the baseline's (``git
    archive`` of ``baseline``), each in a child of its own, interleaved so that both see the
    same load; each side's charts are drawn by its own code."""
    from social_strategy import results

    rev = subprocess.run(
        ["git", "-C", str(CHECKOUT), "rev-parse", "--short", baseline],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        session = start(
            str(workspace), str(Path(tmp) / "now" / "results"), "de", DATE.isoformat(), False
        )
        for step in STEPS:
            session.save(session.run(step))
        now = Path(tmp) / "now" / "results"
        out = Path(tmp) / "out"
        build_reports(now, out, ["de"], ["html", "md"])  # warm: imports, templates
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
            ):
                rows.setdefault(name, []).append(_timed(action))
        workers = {
            "now": _Worker(Path(results.__file__).parents[1], workspace, Path(tmp) / "w-now"),
            "baseline": _Worker(
                _baseline_tree(baseline, Path(tmp)) / "src", workspace, Path(tmp) / "w-base"
            ),
        }
        for worker in workers.values():
            worker.ready()
        pdfs: dict[tuple[str, str], list[dict[str, float]]] = {}
        for _ in range(repeat):
            for lang in ("de", "en"):
                for side, worker in workers.items():
                    pdfs.setdefault((side, lang), []).append(worker.pdf(lang))
        for worker in workers.values():
            worker.close()
    print(f"report only, workspace {workspace.name}, median of {repeat}")
    print(f"  {'':<34} {'wall':>7}   {'CPU':>7}")
    for name, values in rows.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:<34} {wall:7.2f} s {cpu:7.2f} s")
    wall, cpu = (statistics.median(v[i] for v in rows["rebuild html + md (CLI)"]) for i in (0, 1))
    print(f"  rebuild html + md (CLI): {wall:5.2f} s wall, {cpu:5.2f} s CPU   (target < 2 s)")
    print(f"\nPDF, this checkout against the baseline {baseline} ({rev}), median of {repeat}")
    print(
        f"  {'':<10} {'wall':>7}   {'CPU':>7}   {'base wall':>9}   {'base CPU':>8}   "
        f"{'CPU ratio':>9}  pages"
    )
    for lang in ("de", "en"):
        med = {
            (side, key): statistics.median(v[key] for v in pdfs[(side, lang)])
            for side in workers
            for key in ("wall", "cpu", "pages")
        }
        print(
            f"  pdf ({lang})  {med['now', 'wall']:7.2f} s {med['now', 'cpu']:7.2f} s "
            f"{med['baseline', 'wall']:9.2f} s {med['baseline', 'cpu']:8.2f} s "
            f"{med['now', 'cpu'] / med['baseline', 'cpu']:9.2f}  "
            f"{med['now', 'pages']:.0f} / {med['baseline', 'pages']:.0f}"
        )
    print("  (target: pdf < 3 s per language on a quiet machine; CPU ratio = now / baseline)")
    print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20, help="clients in the batch (0: skip)")
    parser.add_argument("--workspace", type=Path, default=EXAMPLE_WORKSPACE)
    parser.add_argument(
        "--report-only", action="store_true", help="time the report rebuild and the PDF only"
    )
    parser.add_argument(
        "--baseline",
        default="main",
        help="the git revision whose PDF build --report-only compares against (default: main)",
    )
    parser.add_argument("--pdf-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    ws = args.workspace.resolve()
    if args.pdf_worker:
        _pdf_worker(ws, args.pdf_worker)
        return
    if args.report_only:
        report_only(ws, args.repeat, args.baseline)
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
