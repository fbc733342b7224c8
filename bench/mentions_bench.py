"""Step 5 on a large mentions export: load + validate, then the risk step, with peak memory.

Writes a synthetic export of N mentions over 180 days (German and English texts, a spike)
into a temporary copy of the minimal workspace, then times ``load_workspace`` and
``session.run("risks")`` separately and prints the peak resident memory. Printed, not a
timed test (the machine is shared).

    .venv/bin/python bench/mentions_bench.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

from social_strategy.notebook import start
from social_strategy.paths import ROOT

TEXTS = [
    "Die Hafenmischung von Röstwerk Elbufer ist wunderbar, danke!",
    "Warum antwortet Röstwerk Elbufer nicht auf meine Frage?",
    "Röstwerk Elbufer: Lieferung kaputt, sehr ärgerlich.",
    "Great flat white at Röstwerk Elbufer, friendly staff!",
    "Waited forever at Röstwerk Elbufer today, disappointing.",
    "Kaffee in Hamburg: die besten Cafés",
]


def export(path: Path, rows: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    start_ = pd.Timestamp("2026-05-01")
    minutes = np.sort(rng.integers(0, 180 * 24 * 60, rows))
    spike = rng.integers(150 * 24 * 60, 151 * 24 * 60, rows // 50)
    minutes = np.sort(np.concatenate([minutes, spike]))[:rows]
    frame = pd.DataFrame(
        {
            "time": (start_ + pd.to_timedelta(minutes, unit="m")).strftime("%Y-%m-%d %H:%M"),
            "source": rng.choice(["Instagram", "Facebook", "Forum"], rows),
            "author": [f"user{i}" for i in rng.integers(0, 50_000, rows)],
            "text": np.array(TEXTS)[rng.integers(0, len(TEXTS), rows)]
            + [f" #{i}" for i in range(rows)],
            "reach": rng.lognormal(6, 1.3, rows).round(),
        }
    )
    frame.to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    process = psutil.Process()
    peak = [process.memory_info().rss]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        shutil.copytree(ROOT / "tests" / "data" / "minimal", ws)
        (ws / "strategy.yaml").write_text(
            'firm:\n  name: "Röstwerk Elbufer GmbH"\nmonitoring:\n  brands: ["Röstwerk Elbufer"]\n',
            encoding="utf-8",
        )
        t0 = time.perf_counter()
        export(ws / "mentions.csv", args.rows)
        print(f"{args.rows:,} mentions written in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        session = start(str(ws), str(Path(tmp) / "results"), "en", "2026-11-23", False)
        print(f"load + validate: {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        result = session.run("risks")
        print(f"risk step (matching, sentiment, spikes, spread): {time.perf_counter() - t0:.1f} s")
        c = result.cleaning
        print(
            f"mentions counted: {len(result.mentions):,} of {c.rows:,} rows "
            f"({c.duplicates:,} duplicates, {c.empty:,} without text, {c.truncated:,} cut); "
            f"naming a watched term: {int(result.mentions['is_matched'].sum()):,}"
        )
    done.set()
    print(f"peak memory: {peak[0] / 2**30:.2f} GiB")


if __name__ == "__main__":
    main()
