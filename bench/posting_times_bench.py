"""Posting times on a large export: time and peak memory for 100,000 posts.

Writes a synthetic export (ISO timestamps with ``Z``, reach and interactions, an account
that grows over five years) into a temporary copy of the example workspace, then times
the stages a render goes through: load and validate the workspace, analyse the posting
times (999 permutations, as in a report), draw the heat map. Peak RSS is the process's
maximum resident set size after each stage (it includes Python, pandas and matplotlib).
The target: under 500 MB.

    .venv/bin/python bench/posting_times_bench.py [--posts 100000] [--permutations 999]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from social_strategy.i18n import catalog
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps.audience import posting_times
from social_strategy.steps.audience.charts import posting_heatmap
from social_strategy.workspace import load_workspace


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def export(path: Path, n: int, seed: int = 0) -> None:
    """A synthetic export of ``n`` posts over five years (UTC timestamps)."""
    rng = np.random.default_rng(seed)
    seconds = np.sort(rng.uniform(0, 5 * 365 * 86400, n))
    at = pd.Timestamp("2019-01-01", tz="UTC") + pd.to_timedelta(seconds, unit="s")
    level = 5.0 ** (seconds / seconds.max())
    reach = np.round(level * rng.lognormal(7, 0.6, n))
    interactions = np.round(reach * rng.beta(2, 60, n))
    pd.DataFrame(
        {
            "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "reach": reach.astype(int),
            "interactions": interactions.astype(int),
            "text": "Neue Röstung: Hafenmischung, frisch aus der Trommel",
        }
    ).to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--permutations", type=int, default=posting_times.PERMUTATIONS)
    args = parser.parse_args()
    print(f"start: peak RSS {peak_mb():.0f} MB (Python and libraries)")
    with tempfile.TemporaryDirectory() as tmp:
        ws_dir = Path(tmp) / "ws"
        shutil.copytree(EXAMPLE_WORKSPACE, ws_dir)
        (ws_dir / "exports" / "facebook_posts.csv").unlink()
        strategy = ws_dir / "strategy.yaml"
        text = strategy.read_text(encoding="utf-8")
        text = text.replace("posts_file: exports/facebook_posts.csv", "posts_file: posts.csv")
        strategy.write_text(text.replace("weekday_1: sunday", "weekday_1: monday"), "utf-8")
        export(ws_dir / "posts.csv", args.posts)

        t0 = time.perf_counter()
        ws = load_workspace(ws_dir)
        posts = ws.table("posts")
        load = time.perf_counter() - t0
        print(f"load + validate {len(posts):,} rows: {load:.1f} s, peak RSS {peak_mb():.0f} MB")

        t0 = time.perf_counter()
        result = posting_times.analyse(
            posts,
            min_per_cell=5,
            min_total=30,
            zone="Europe/Berlin",
            permutations=args.permutations,
        )
        analyse = time.perf_counter() - t0
        print(
            f"analyse {result.n_posts:,} posts ({args.permutations} permutations, "
            f"{len(result.judged)} slots judged, periods of {result.window} posts): "
            f"{analyse:.1f} s, peak RSS {peak_mb():.0f} MB"
        )

        t0 = time.perf_counter()
        posting_heatmap(result, catalog("de"), 5).savefig(Path(tmp) / "heat.svg")
        print(f"heat map: {time.perf_counter() - t0:.1f} s, peak RSS {peak_mb():.0f} MB")
    print(f"better slots claimed: {len(result.better)} (the synthetic export has no slot effect)")
    print(f"total peak RSS {peak_mb():.0f} MB (target: under 500 MB)")


if __name__ == "__main__":
    main()
