"""The workshop loop: "edit one table -> updated report.html", timed, with its baselines.

Each edit goes through the same code as the Save button of a grid form in JupyterLab or
Voila (``GridForm.set_cell`` + ``GridForm.save``): the whole workspace checked on a scratch
copy, only the changed row written in the client's format, the steps that read the table
run again in this (warm) kernel, their results and changed figures saved, the live views
redrawn and report.html rebuilt from the results folder. Timed from the click to the
rebuilt report.html.

Baselines, run in the same command on the same workspace:
- *re-render*: what a consultant did before the workshop loop: ``social-strategy render``
  of the client (every notebook executed, HTML only);
- *first save*: the first save of a workshop on a client (every step run and drawn once;
  the last cell of each notebook does this before the consultant types).

Medians over --repeat edits per table. Printed, never asserted.

    .venv/bin/python bench/workshop_bench.py [--repeat 5] [--workspace data/example]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from social_strategy.paths import EXAMPLE_WORKSPACE

#: the edits: table, row, column and the values typed in turn
EDITS = (
    ("channels", 2, "notes", ("Seite angelegt", "Seite fehlt noch")),
    ("segments", 0, "share_pct", ("30", "35")),
    ("budget", 0, "amount", ("59", "49")),
    ("risks", 1, "likelihood", ("4", "3")),
    ("communities", 0, "notes", ("aktiv", "ruhig")),
    ("team", 0, "hours_per_week", ("10", "8")),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workspace", default=str(EXAMPLE_WORKSPACE))
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    os.environ["SOCIAL_STRATEGY_REPORTS"] = str(scratch / "reports")
    workspace = scratch / "client"
    shutil.copytree(args.workspace, workspace)

    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "social_strategy.cli",
            "render",
            str(workspace),
            "--out",
            str(scratch / "render"),
            "--format",
            "html",
            "--lang",
            "de",
            "--no-reuse",
        ],
        check=True,
        capture_output=True,
    )
    rerender = time.perf_counter() - t0

    from social_strategy.forms import table_form
    from social_strategy.notebook import start

    session = start(str(workspace), "", "", "", True)
    t0 = time.perf_counter()
    session.prepare_workshop()
    first = time.perf_counter() - t0
    report = session.results_dir.parent / "report.html"

    print(f"workspace: {args.workspace}; {args.repeat} edits per table; 2 cores")
    print(f"baseline re-render (all notebooks, HTML): {rerender:6.2f} s")
    print(f"baseline first save of a workshop:        {first:6.2f} s")
    print(f"{'table':<12} {'median s':>9} {'max s':>7} {'vs re-render':>13}  steps run again")
    medians = []
    for table, row, column, values in EDITS:
        times = []
        steps: list[str] = []
        for i in range(args.repeat):
            form = table_form(session, table)
            form.set_cell(row, column, values[i % len(values)])
            stamp = report.stat().st_mtime_ns
            t0 = time.perf_counter()
            if not form.save():
                raise SystemExit(f"{table}: not saved: {form.status.value}")
            times.append(time.perf_counter() - t0)
            assert report.stat().st_mtime_ns != stamp, "report.html was not rebuilt"
            steps = session.affected([table])
        median = statistics.median(times)
        medians.append(median)
        print(
            f"{table:<12} {median:9.2f} {max(times):7.2f} {rerender / median:12.1f}x  "
            f"{', '.join(steps)}"
        )
    print(f"edit -> updated report.html, median over all edits: {statistics.median(medians):.2f} s")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
