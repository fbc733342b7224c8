"""The spread of a complaint as a branching process (Galton-Watson), simulated.

The complaint is first seen by ``initial_audience`` people. In every round of
``generation_hours`` each person who saw it in the last round passes it on to a Poisson
number of new people with mean R: ``r_before`` until the firm responds, ``r_after`` from
then on (a fast, open answer takes the heat out of passing it on); a round's passes are
spread evenly over its hours, so a response within a round lowers the part after it.
The total reach is everyone who saw it, the first audience included. For a constant
R < 1 its mean is ``initial_audience / (1 - R)``; for R >= 1 it grows without bound
until the response lowers R. Simulating response times from 0 to 24 h
shows what an hour of response time is worth.

The parameters are assumptions to discuss, not measurements: the chapter labels them as
defaults unless the firm sets them. "A dissatisfied customer used to tell 15 people, now
150" is a popular line (quoted in a 2010 tweet) of unverified origin: it is told as a
story, never used as data.

Runs are simulated in chunks (memory grows with the chunk, not with runs x generations),
with a fixed seed so reports reproduce.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: a run is stopped here (and counted as capped): the complaint has reached everyone
CAP = 1e9
CHUNK = 2000


@dataclass(frozen=True)
class SpreadModel:
    initial_audience: int
    r_before: float
    r_after: float
    generation_hours: float
    #: stop after this many hours even if the complaint is still spreading
    horizon_hours: float = 168.0

    def r_at(self, g: int, response_hours: float) -> float:
        """Mean passes per person in round ``g`` (1, 2, ...). A round's passes are spread
        evenly over its hours, so a response in the middle of a round lowers half of them."""
        t = self.generation_hours
        before = min(max((response_hours - (g - 1) * t) / t, 0.0), 1.0)
        return before * self.r_before + (1 - before) * self.r_after


def simulate(
    model: SpreadModel, response_hours: float, runs: int = 4000, seed: int = 1
) -> np.ndarray:
    """Total reach of ``runs`` simulated complaints (float array; capped at ``CAP``)."""
    rng = np.random.default_rng(seed)
    generations = int(model.horizon_hours // model.generation_hours)
    totals = np.empty(runs)
    for start in range(0, runs, CHUNK):
        n = min(CHUNK, runs - start)
        current = np.full(n, float(model.initial_audience))
        total = current.copy()
        for g in range(1, generations + 1):
            r = model.r_at(g, response_hours)
            alive = current > 0
            if not alive.any():
                break
            lam = np.minimum(current * r, CAP)
            current = np.where(alive, rng.poisson(lam).astype(float), 0.0)
            total = np.minimum(total + current, CAP)
        totals[start : start + n] = total
    return totals


def analytic_mean(initial: float, r: float) -> float:
    """Expected total reach for a constant R < 1: ``initial / (1 - R)``."""
    if r >= 1:
        return float("inf")
    return initial / (1 - r)


def curve(
    model: SpreadModel, hours: list[float] | None = None, runs: int = 4000, seed: int = 1
) -> pd.DataFrame:
    """Mean reach (with a 95 % interval of the mean), median and 90th percentile by response
    time. The same seed for every response time (common random numbers), so differences
    between hours are not noise of different draws."""
    hours = list(range(0, 25)) if hours is None else hours
    rows = []
    for h in hours:
        totals = simulate(model, h, runs=runs, seed=seed)
        mean = float(totals.mean())
        half = 1.96 * float(totals.std(ddof=1)) / np.sqrt(len(totals))
        rows.append(
            {
                "response_hours": float(h),
                "mean": mean,
                "low": max(mean - half, 0.0),
                "high": mean + half,
                "median": float(np.median(totals)),
                "p90": float(np.quantile(totals, 0.9)),
                "capped": float(np.mean(totals >= CAP)),
            }
        )
    return pd.DataFrame(rows)


def hour_worth(table: pd.DataFrame, at: float) -> tuple[float, float] | None:
    """(mean reach at ``at`` hours, mean extra reach of responding one hour later)."""
    rows = table.set_index("response_hours")["mean"]
    lower = float(np.floor(at))
    if lower not in rows.index or lower + 1 not in rows.index:
        return None
    return float(np.interp(at, rows.index, rows.values)), float(rows[lower + 1] - rows[lower])


__all__ = ["CAP", "CHUNK", "SpreadModel", "analytic_mean", "curve", "hour_worth", "simulate"]
