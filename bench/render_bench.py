"""Render timings of the example firm, as ratios against a baseline run in the same command.

Baseline: the steps called directly in this process (load and validate the workspace, run
every step, draw and save the charts, build HTML + PDF + Markdown), i.e. everything except
papermill. Then the full pipeline (papermill executes every notebook in its own kernel, the
report adds the notebook appendix), with the time of each stage. Medians over --repeat runs.

    .venv/bin/python bench/render_bench.py [--repeat 3] [--workspace data/example]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from social_strategy.notebook import start
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.pipeline import render
from social_strategy.report import build_report
from social_strategy.steps import STEPS

DATE = dt.date(2026, 11, 23)


def direct(workspace: Path, out: Path) -> dict[str, float]:
    """The baseline: every step in-process, no notebooks."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    session = start(str(workspace), str(out / "results"), "de", DATE.isoformat(), False)
    times["load + validate"] = time.perf_counter() - t0
    for step in STEPS:  # every registered step, so a new one is never left out
        t0 = time.perf_counter()
        session.save(session.run(step))
        times[f"step {step.order} {step.name}"] = time.perf_counter() - t0
    for fmt in ("html", "pdf", "md"):
        t0 = time.perf_counter()
        build_report(out / "results", out, "de", [fmt])
        times[f"report {fmt}"] = time.perf_counter() - t0
    return times


def pipeline(workspace: Path, out: Path) -> dict[str, float]:
    """The full render, timed per stage from its progress lines."""
    stages: dict[str, float] = {}
    started: dict[str, float] = {}

    def progress(line: str) -> None:
        name = line.split("] ", 1)[-1].split(" ")[0]
        if line.endswith("..."):
            started[name] = time.perf_counter()
        elif " done in " in line:
            stages[name] = time.perf_counter() - started[name]

    t0 = time.perf_counter()
    render(workspace, out=out, lang="de", report_date=DATE, progress=progress)
    stages["total"] = time.perf_counter() - t0
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workspace", type=Path, default=EXAMPLE_WORKSPACE)
    args = parser.parse_args()

    runs_direct, runs_pipeline = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            stages = direct(args.workspace, Path(tmp))
            stages["total"] = time.perf_counter() - t0
            runs_direct.append(stages)
        with tempfile.TemporaryDirectory() as tmp:
            runs_pipeline.append(pipeline(args.workspace, Path(tmp)))

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    base = med(runs_direct, "total")
    print(f"workspace: {args.workspace}   runs: {args.repeat} (median seconds)\n")
    print("baseline: steps called directly, no papermill")
    for key in runs_direct[0]:
        print(f"  {key:<28} {med(runs_direct, key):7.2f} s")
    print("\nfull render: papermill + report with appendix")
    for key in runs_pipeline[0]:
        value = med(runs_pipeline, key)
        print(f"  {key:<28} {value:7.2f} s   {value / base:5.2f} x baseline")
    print(f"\nfull render / baseline: {med(runs_pipeline, 'total') / base:.2f}")


if __name__ == "__main__":
    main()
