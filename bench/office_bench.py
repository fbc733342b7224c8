"""Word and slides (issue 33): what the PNG copies of the figures cost a render, and how long
each report format takes to build from a results folder (no kernels).

Every step of the example firm runs in this process (as bench/render_bench.py's floor), with
the time spent saving the figures' PNG copies added up; then each format is built from the
results, median of --repeat runs. Printed, never asserted: speed is not a test.

    .venv/bin/python bench/office_bench.py [--repeat 3] [--workspace data/example] [--lang en]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from social_strategy import results
from social_strategy.notebook import start
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.pipeline import build_reports
from social_strategy.steps import STEPS

DATE = dt.date(2026, 11, 23)
FORMATS = ("html", "pdf", "md", "docx", "pptx")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workspace", type=Path, default=EXAMPLE_WORKSPACE)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()

    png_seconds: list[float] = []
    save_png = results._save_png

    def timed(fig, svg):
        t0 = time.perf_counter()
        save_png(fig, svg)
        png_seconds.append(time.perf_counter() - t0)

    results._save_png = timed
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        session = start(
            str(args.workspace), str(out / "results"), args.lang, DATE.isoformat(), False
        )
        t0 = time.perf_counter()
        for step in STEPS:
            session.save(session.run(step))
        steps = time.perf_counter() - t0
        print(
            f"steps in-process: {steps:.1f} s, of which PNG copies {sum(png_seconds):.2f} s "
            f"({len(png_seconds)} figures, {results.PNG_DPI} dpi)"
        )
        sizes = sorted((out / "results" / "figures" / "png").glob("*.png"))
        print(f"PNG copies on disk: {sum(p.stat().st_size for p in sizes) / 1e6:.1f} MB")
        for fmt in FORMATS:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                build_reports(out / "results", out, [args.lang], [fmt])
                times.append(time.perf_counter() - t0)
            size = (out / f"report.{fmt}").stat().st_size / 1e6
            print(f"report {fmt:5s} median {statistics.median(times):5.2f} s  ({size:.1f} MB)")


if __name__ == "__main__":
    main()
