"""The spread of a complaint as a branching process (Galton-Watson), simulated.

The complaint is first seen by ``initial_audience`` people. In every round of
``generation_hours`` each person who saw it in the last round passes it on to a Poisson
number of new people with mean R while few have seen it (each person not yet reached is
reached by each passer-on with probability R / audience, as in the Reed-Frost model):
``r_before`` until the firm responds, ``r_after`` from then on (a fast, open answer takes
the heat out of passing it on); a round's passes are spread evenly over its hours, so a
response within a round lowers the part after it. The audience is the people the
complaint can reach at all (the communities or the region the firm names, or a stated
default): passes to people who have seen it already are lost (saturation), and nobody
is counted twice, so the reach never exceeds the audience.

The total reach is everyone who saw it, the first audience included, in whole people. For
a constant R < 1 and an audience much larger than the reach its mean is
``initial_audience / (1 - R)``; for R >= 1 it grows until its audience limits it: people
already reached cannot be reached again, so it stops at the final size (the share z with
``1 - z = (1 - z0) exp(-R z)``, z0 the share that saw it first, the Reed-Frost final size:
about a third of the audience at R = 1.2, 94 % at R = 3), its :func:`ceiling`. Simulating
response times from 0 to 24 h shows what an hour of response time is worth; the share of
runs that reach the ceiling is reported.

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

#: audience when neither the firm's settings nor step 2's communities give one (a stated
#: default: a town's local groups and neighbourhood pages together)
DEFAULT_AUDIENCE = 10_000
#: runs reaching this share of the ceiling count as "at the cap"
FULL = 0.9
CHUNK = 2000


@dataclass(frozen=True)
class SpreadModel:
    initial_audience: int
    r_before: float
    r_after: float
    generation_hours: float
    #: stop after this many hours even if the complaint is still spreading
    horizon_hours: float = 168.0
    #: the people the complaint can reach at all
    audience: int = DEFAULT_AUDIENCE

    def r_at(self, g: int, response_hours: float) -> float:
        """Mean passes per person in round ``g`` (1, 2, ...). A round's passes are spread
        evenly over its hours, so a response in the middle of a round lowers half of them."""
        t = self.generation_hours
        before = min(max((response_hours - (g - 1) * t) / t, 0.0), 1.0)
        return before * self.r_before + (1 - before) * self.r_after


def simulate(
    model: SpreadModel, response_hours: float, runs: int = 4000, seed: int = 1
) -> np.ndarray:
    """Total reach of ``runs`` simulated complaints (whole people, at most the audience)."""
    rng = np.random.default_rng(seed)
    generations = int(model.horizon_hours // model.generation_hours)
    audience = float(max(model.audience, model.initial_audience))
    totals = np.empty(runs)
    for start in range(0, runs, CHUNK):
        n = min(CHUNK, runs - start)
        current = np.full(n, float(model.initial_audience))
        total = current.copy()
        for g in range(1, generations + 1):
            r = model.r_at(g, response_hours)
            if not (current > 0).any():
                break
            # each person not yet reached escapes each of this round's passers-on with
            # probability 1 - R / audience (Reed-Frost): Poisson(R) passes per person while
            # few have seen it, none twice, never more than the audience
            left = (audience - total).astype(np.int64)
            current = rng.binomial(left, -np.expm1(-r * current / audience)).astype(float)
            total = total + current
        totals[start : start + n] = total
    return totals


def analytic_mean(initial: float, r: float) -> float:
    """Expected total reach for a constant R < 1 in an unbounded audience: ``initial / (1 - R)``."""
    if r >= 1:
        return float("inf")
    return initial / (1 - r)


def final_size(initial: float, r: float, audience: float) -> float:
    """The deterministic final reach in a bounded audience (SIR final size): the share z with
    ``1 - z = (1 - z0) exp(-R z)``, z0 = initial / audience, times the audience."""
    z0 = initial / audience
    z = max(z0, 1e-9)
    for _ in range(500):  # fixed-point iteration: monotone from below
        z = 1 - (1 - z0) * np.exp(-r * z)
    return float(z * audience)


def ceiling(model: SpreadModel) -> float:
    """What an unanswered complaint reaches when it grows (R before the response >= 1): the
    final size in its audience, where saturation stops it (for R = 1.2 about a third of the
    audience, for R = 3 about 94 %); for R < 1 the whole audience (not reached)."""
    if model.r_before < 1:
        return float(model.audience)
    return final_size(model.initial_audience, model.r_before, model.audience)


def curve(
    model: SpreadModel, hours: list[float] | None = None, runs: int = 4000, seed: int = 1
) -> pd.DataFrame:
    """Mean reach (with a 95 % interval of the mean), median, 90th percentile and the share
    of runs at the cap (``capped``: at least ``FULL`` of the :func:`ceiling`), by response
    time. The same seed for every response time (common random numbers), so differences
    between hours are not noise of different draws."""
    hours = list(range(0, 25)) if hours is None else hours
    limit = ceiling(model)
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
                "capped": float(np.mean(totals >= FULL * limit)),
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


__all__ = [
    "CHUNK",
    "DEFAULT_AUDIENCE",
    "FULL",
    "SpreadModel",
    "analytic_mean",
    "ceiling",
    "curve",
    "final_size",
    "hour_worth",
    "simulate",
]
