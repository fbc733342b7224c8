"""Spike detection on no-effect and planted-effect streams: the false-alarm and power table.

Simulates 90-day streams of daily mention counts (Poisson; Poisson with a weekday pattern,
weekends at about 60 %; negative binomial with variance 2x, 4x and 8x the mean; a weekday
pattern with variance 4x) at 5, 20 and 100 mentions a day, and prints the share of
no-effect streams with any alarm (the false-alarm rate over the whole series, promised at
most 5 %) and the share of streams where a planted 3x or 10x day is found. Printed, not a
timed test; the tests (tests/test_risks_monitoring.py) check the promised rates on 200
streams.

    .venv/bin/python bench/spikes_bench.py [--streams 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from social_strategy.steps.risks import monitoring

DAYS = pd.date_range("2026-08-03", periods=90, freq="D")
WEEKDAY = np.array([1.2, 1.2, 1.15, 1.1, 1.0, 0.7, 0.65])
WEEKDAY = WEEKDAY / WEEKDAY.mean()
SCENARIOS = ("poisson", "weekday", "nb2", "nb4", "nb8", "weekday+nb4")
RATES = (5, 20, 100)
PLANTED_DAY = 70


def draw(rng: np.random.Generator, scenario: str, rate: float, streams: int) -> np.ndarray:
    mean = np.full((streams, len(DAYS)), float(rate))
    if scenario.startswith("weekday"):
        mean = mean * WEEKDAY[DAYS.day_of_week]
    if "nb" in scenario:
        v = float(scenario.split("nb")[1])
        return rng.negative_binomial(mean / (v - 1), 1 / v)
    return rng.poisson(mean)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    weekdays = DAYS.day_of_week.to_numpy()
    rule = monitoring.SpikeRule()
    started = time.perf_counter()
    print(f"{args.streams} streams of {len(DAYS)} days per cell; rule {rule}")
    header = f"{'scenario':<14}" + "".join(f"{r:>8}/day" for r in RATES)
    print("\nFalse alarms (share of no-effect streams with any alarm; promised <= 5 %)")
    print(header)
    for scenario in SCENARIOS:
        cells = []
        for rate in RATES:
            flags = monitoring.spike_flags(draw(rng, scenario, rate, args.streams), weekdays)
            cells.append(float((flags["tier"] > 0).any(axis=1).mean()))
        print(f"{scenario:<14}" + "".join(f"{100 * c:>11.1f}%" for c in cells))
    for multiple in (3, 10):
        print(f"\nPower: a planted {multiple}x day (day {PLANTED_DAY}) found as a spike")
        print(header)
        for scenario in SCENARIOS:
            cells = []
            for rate in RATES:
                counts = draw(rng, scenario, rate, args.streams)
                base = rate * (
                    WEEKDAY[weekdays[PLANTED_DAY]] if scenario.startswith("weekday") else 1
                )
                counts[:, PLANTED_DAY] = rng.poisson(multiple * base, args.streams)
                flags = monitoring.spike_flags(counts, weekdays)
                cells.append(float((flags["tier"][:, PLANTED_DAY] > 0).mean()))
            print(f"{scenario:<14}" + "".join(f"{100 * c:>11.1f}%" for c in cells))
    print(f"\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
