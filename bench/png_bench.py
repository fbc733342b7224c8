"""What the PNG copies of the figures cost a render's steps, before and after (issue 26).

Every figure of the example firm is drawn once in this process (every step run, as
bench/office_bench.py does), then each figure is saved --repeat times in each way, and the
median per figure is added up, as wall time and as this process's CPU time (the machine is
shared: CPU time is the steadier figure):

- ``svg``: the SVG every report needs (the floor);
- ``png before``: the 200 dpi PNG as every step saved it before (PIL's default zlib level 6);
- ``png now``: the PNG as :func:`social_strategy.results._save_png` saves it now
  (``PNG_COMPRESS``);
- ``render without docx/pptx``: what a render that asks for neither Word nor slides spends on
  PNGs now: nothing (``save_section(..., png=False)``).

The ratio to the old PNG save is printed in the same run. With ``--steps`` every step is
also run and saved in-process (a fresh session each time, as a render's kernels do) with the
old PNG save, the new one and none, giving the PNG copies' share of the steps' time.
Printed, never asserted.

    .venv/bin/python bench/png_bench.py [--repeat 3] [--workspace data/example] [--lang en]
                                        [--steps]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from social_strategy import results
from social_strategy.notebook import start
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps import STEPS

DATE = dt.date(2026, 11, 23)


def _before(fig, svg: Path) -> None:
    """The PNG save of the previous version: 200 dpi, PIL's default compression."""
    path = results.png_path(svg)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", dpi=200, metadata={"Software": None})


def _measure(figures: list, folder: Path, save: Callable, repeat: int) -> tuple[float, float]:
    """Summed median wall and CPU seconds of ``save`` over every figure."""
    wall = cpu = 0.0
    for i, fig in enumerate(figures):
        walls, cpus = [], []
        for _ in range(repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            save(fig, folder / f"figure_{i}.svg")
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
        wall += statistics.median(walls)
        cpu += statistics.median(cpus)
    return wall, cpu


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in (folder / results.PNG_FOLDER).glob("*.png")) / 1e6


def _steps(workspace: Path, lang: str, folder: Path, save_png, png: bool) -> tuple[float, ...]:
    """Wall and CPU seconds of every step run and saved in a fresh session, and of its PNG
    copies alone."""
    spent = [0.0, 0.0]

    def timed(fig, svg):
        w0, c0 = time.perf_counter(), time.process_time()
        save_png(fig, svg)
        spent[0] += time.perf_counter() - w0
        spent[1] += time.process_time() - c0

    real = results._save_png
    results._save_png = timed
    try:
        session = start(str(workspace), str(folder), lang, DATE.isoformat(), False)
        w0, c0 = time.perf_counter(), time.process_time()
        for step in STEPS:
            result = session.run(step.name)
            results.save_section(
                folder, result.section, by_language={lang: result.figures(session.cat)}, png=png
            )
        return time.perf_counter() - w0, time.process_time() - c0, spent[0], spent[1]
    finally:
        results._save_png = real


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workspace", type=Path, default=EXAMPLE_WORKSPACE)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--steps", action="store_true", help="also the steps' share")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        session = start(
            str(args.workspace), str(out / "results"), args.lang, DATE.isoformat(), False
        )
        figures = []
        for step in STEPS:
            result = session.run(step.name)
            figures += [session.figure(result, name) for name in result.drawers]
        print(f"{len(figures)} figures of {args.workspace.name}, median of {args.repeat} saves")
        rows = []
        for label, save in (
            ("svg (every render)", results._save_svg),
            ("png before (level 6)", _before),
            (f"png now (level {results.PNG_COMPRESS})", results._save_png),
        ):
            folder = out / label.split()[0] / label.split()[1]
            folder.mkdir(parents=True)
            wall, cpu = _measure(figures, folder, save, args.repeat)
            rows.append((label, wall, cpu, _size(folder)))
        base_wall, base_cpu = rows[1][1], rows[1][2]
        print(f"{'':28} {'wall s':>7} {'cpu s':>7} {'x before':>9} {'MB':>6}")
        for label, wall, cpu, size in rows:
            ratio = f"{cpu / base_cpu:.2f}" if label.startswith("png") else ""
            print(f"{label:28} {wall:7.2f} {cpu:7.2f} {ratio:>9} {size:6.1f}")
        print(f"{'png, render w/o docx/pptx':28} {0:7.2f} {0:7.2f} {0:9.2f} {0:6.1f}")
        now_wall, now_cpu = rows[2][1], rows[2][2]
        print(
            f"PNG per render with docx/pptx: {base_wall:.2f} -> {now_wall:.2f} s wall, "
            f"{base_cpu:.2f} -> {now_cpu:.2f} s CPU ({now_cpu / base_cpu:.0%} of before); "
            f"without docx/pptx: {base_wall:.2f} -> 0 s"
        )
        if not args.steps:
            return
        print("every step run and saved in-process (fresh session each):")
        print(f"{'':28} {'wall s':>7} {'cpu s':>7} {'png wall':>9} {'png cpu':>8}")
        for label, save, png in (
            ("before (level 6)", _before, True),
            (f"docx/pptx now (level {results.PNG_COMPRESS})", results._save_png, True),
            ("html/pdf/md now (no PNG)", results._save_png, False),
        ):
            folder = out / "steps" / label.split()[0]
            wall, cpu, png_wall, png_cpu = _steps(args.workspace, args.lang, folder, save, png)
            print(
                f"{label:28} {wall:7.2f} {cpu:7.2f} {png_wall:9.2f} {png_cpu:8.2f}"
                f"  (PNG {png_cpu / cpu:.0%} of CPU)"
            )


if __name__ == "__main__":
    main()
