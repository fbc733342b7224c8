"""Time and peak memory of `validate` and `render` on a large posts export.

Generates a copy of the example workspace whose posts export (exports/facebook_posts.csv)
is --size-mb megabytes (50 by default: about 700,000 posts, each with its own random
reach and interactions, so nothing is flattered by repeated values), then runs the
command-line tool on it in a child process and samples the resident memory of the whole
process tree (the tool and its notebook kernels) every 50 ms.

Targets (issue 14): validate under 5 s and 500 MB; render under 1 GB. Time is judged on
CPU seconds (user + system of the tool and its kernels), since on a shared machine the wall
time mostly waits for other processes; both are printed, with the load average.

    .venv/bin/python bench/input_bench.py [--size-mb 50] [--skip-render] [--cap-gb 4]

The child runs with an address-space cap (--cap-gb), so a step whose memory grows with
rows x resamples fails with a MemoryError instead of taking the machine down.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

from social_strategy.paths import EXAMPLE_WORKSPACE

EXPORT = Path("exports") / "facebook_posts.csv"


def generate(target: Path, size_mb: float, seed: int = 1) -> int:
    """The example workspace with a posts export of ``size_mb``; returns the row count."""
    shutil.copytree(EXAMPLE_WORKSPACE, target)
    path = target / EXPORT
    header = path.read_text(encoding="utf-8").splitlines()[0].split(";")
    rng = np.random.default_rng(seed)
    limit = size_mb * 1024 * 1024
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(";".join(header) + "\n")
        while fh.tell() < limit:
            n = 50_000
            reach = rng.lognormal(8.5, 1.0, n).astype(int) + 1
            chunk = pd.DataFrame({c: rng.integers(0, 5000, n) for c in header})
            chunk["Page_T_Likes"] = 139441
            chunk["Type"] = rng.choice(["Photo", "Status", "Link", "Video"], n)
            chunk["Category"] = rng.integers(1, 4, n)
            chunk["Month"] = rng.integers(1, 13, n)
            chunk["Weekday"] = rng.integers(1, 8, n)
            chunk["Hour"] = rng.integers(0, 24, n)
            chunk["Paid"] = rng.integers(0, 2, n)
            chunk["T_Reach"] = reach
            chunk["T_Interactions"] = (reach * rng.beta(1, 40, n)).astype(int)
            chunk.to_csv(fh, sep=";", header=False, index=False, lineterminator="\n")
            rows += n
    return rows


def measure(args: list[str], cap_gb: float) -> tuple[int, float, float, float, str]:
    """(exit status, wall seconds, CPU seconds, peak RSS of the process tree in MB, last
    lines of stderr). CPU seconds count on a loaded machine, where wall time waits."""

    def cap() -> None:
        limit = int(cap_gb * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "social_strategy.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=cap,
    )
    peak = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.read() if proc.stderr else ""
    tail = " | ".join(err.strip().splitlines()[-3:])
    return proc.returncode, seconds, cpu, peak / 1024**2, tail


def parse_on_machine(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """The arguments, with ``--cap-gb`` (the memory cap of the child process); prints the
    machine and its load first, since the figures depend on both."""
    parser.add_argument("--cap-gb", type=float, default=4.0)
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"machine: {psutil.cpu_count()} cores, load average {load}")
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--skip-render", action="store_true")
    args = parse_on_machine(parser)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "large"
        t0 = time.perf_counter()
        rows = generate(ws, args.size_mb)
        size = (ws / EXPORT).stat().st_size / 1024**2
        print(
            f"posts export: {size:.1f} MB, {rows:,} rows (generated in "
            f"{time.perf_counter() - t0:.1f} s)"
        )
        runs = [("validate", ["validate", str(ws)], (5.0, 500.0))]
        if not args.skip_render:
            out = Path(tmp) / "reports"
            render = ["render", str(ws), "--out", str(out), "--format", "html,pdf,md"]
            runs.append(("render", render, (None, 1024.0)))
        for name, argv, (max_s, max_mb) in runs:
            code, seconds, cpu, peak, tail = measure(argv, args.cap_gb)
            goal = []
            if max_s is not None:
                goal.append(f"< {max_s:.0f} s")
            goal.append(f"< {max_mb:,.0f} MB")
            # time is judged on CPU seconds: on a shared machine wall time mostly waits
            ok = code == 0 and (max_s is None or cpu < max_s) and peak < max_mb
            print(
                f"{name:<9} exit {code}  {seconds:6.1f} s wall  {cpu:6.1f} s CPU  "
                f"peak RSS {peak:7.0f} MB  (target {', '.join(goal)}: "
                f"{'met' if ok else 'NOT met'})"
            )
            if code != 0:
                print(f"          {tail}")


if __name__ == "__main__":
    main()
