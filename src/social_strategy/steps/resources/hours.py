"""Hours a presence needs, who carries them, and what is flagged.

Required hours come from the firm's own estimates (``activities.csv``: minutes per
occurrence x occurrences per week) and, for every activity the firm has not estimated,
from the published per-activity benchmarks (``data/reference/resource_benchmarks.csv``),
each kept as a range from the benchmark's low to its high end. Those benchmarks describe a
whole presence, not one channel, so they are applied once and never multiplied by the
number of channels (the source does not say how effort grows with channels). An activity
with neither an estimate nor a benchmark stays missing: the required hours are then a lower
bound and the chapter asks for the estimate. Nothing here is random: there is no
simulation, so nothing needs a seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ...reference import canonical_platform
from ...workspace.inputs.resources import ACTIVITIES

#: which benchmark row stands in for an activity the firm has not estimated
BENCHMARK_FOR = {
    "listening": "listen",
    "publishing": "promote",
    "content": "publish",
    "answering": "participate",
    "community": "community",
}
#: trainees carrying this share of the work or more are flagged
TRAINEE_SHARE_PCT = 50.0
#: untrained people carrying more than this share of answering are flagged
UNTRAINED_ANSWER_PCT = 50.0
WEEKS_PER_MONTH = 52 / 12
WHOLE = ""  # channel key of work for the whole presence


@dataclass
class Need:
    """One line of required work, in hours per week (a range when it is a benchmark)."""

    activity: str
    channel: str  # WHOLE for the whole presence
    low: float
    high: float
    basis: str  # "firm", "plan" (firm minutes x planned posts) or "benchmark"
    person: str | None = None
    minutes: float | None = None
    per_week: float | None = None
    benchmark: str | None = None


@dataclass
class Plan:
    """What the presence needs."""

    channels: list[str]
    needs: list[Need]
    #: activities with neither an estimate nor a benchmark
    missing: list[str] = field(default_factory=list)
    #: channels whose publishing/content frequency is unknown (no plan, no current rate)
    no_frequency: list[str] = field(default_factory=list)
    #: channels named in activities.csv that are not part of the plan
    ignored: list[str] = field(default_factory=list)

    @property
    def low(self) -> float:
        return sum(n.low for n in self.needs)

    @property
    def high(self) -> float:
        return sum(n.high for n in self.needs)

    def by(self, key: str) -> dict[str, tuple[float, float]]:
        """Hours (low, high) by ``activity`` or ``channel``."""
        out: dict[str, tuple[float, float]] = {}
        for n in self.needs:
            k = getattr(n, key)
            lo, hi = out.get(k, (0.0, 0.0))
            out[k] = (lo + n.low, hi + n.high)
        return out


def _per_week(row: pd.Series, days_per_week: int) -> tuple[float, float]:
    """A benchmark row as hours per week (low, high)."""
    unit = row["unit"]
    if unit == "minutes per day":
        return row["value_low"] * days_per_week / 60, row["value_high"] * days_per_week / 60
    if unit == "hours per week":
        return float(row["value_low"]), float(row["value_high"])
    raise ValueError(f"benchmark {row['id']}: unit {unit!r} is not an effort")


def _text(value: object) -> str | None:
    """A cell as text; blank, None and NaN are None."""
    return value.strip() or None if isinstance(value, str) else None


def _key(name: object) -> str:
    return canonical_platform(str(name)).lower()


def plan_hours(
    activities: pd.DataFrame,
    channels: list[str],
    posts_per_week: dict[str, float],
    benchmarks: pd.DataFrame,
    days_per_week: int,
    ads_planned: bool,
) -> Plan:
    """The hours per week the presence on ``channels`` needs, activity by activity."""
    wanted = {_key(c): c for c in channels}
    posts = {_key(k): float(v) for k, v in posts_per_week.items() if v is not None}
    plan = Plan(channels=list(channels), needs=[])
    given: set[str] = set()
    for _, row in activities.iterrows():
        channel = _text(row["channel"])
        if channel is not None and _key(channel) not in wanted:
            if channel not in plan.ignored:
                plan.ignored.append(channel)
            continue
        given.add(row["activity"])
        label = WHOLE if channel is None else wanted[_key(channel)]
        per_week, basis = row["per_week"], "firm"
        if per_week is None or pd.isna(per_week):
            per_week, basis = posts.get(_key(channel)), "plan"
            if per_week is None:
                if label not in plan.no_frequency:
                    plan.no_frequency.append(label)
                continue
        hours = float(row["minutes"]) * float(per_week) / 60
        plan.needs.append(
            Need(
                activity=row["activity"],
                channel=label,
                low=hours,
                high=hours,
                basis=basis,
                person=_text(row["person"]),
                minutes=float(row["minutes"]),
                per_week=float(per_week),
            )
        )
    marks = benchmarks.set_index("id")
    for activity in ACTIVITIES:
        if activity in given:
            continue
        ref = BENCHMARK_FOR.get(activity)
        if ref is None or ref not in marks.index:
            if activity != "ads" or ads_planned:
                plan.missing.append(activity)
            continue
        row = marks.loc[ref].copy()
        row["id"] = ref
        low, high = _per_week(row, days_per_week)
        plan.needs.append(
            Need(
                activity=activity,
                channel=WHOLE,
                low=low,
                high=high,
                basis="benchmark",
                benchmark=ref,
            )
        )
    return plan


__all__ = [
    "BENCHMARK_FOR",
    "TRAINEE_SHARE_PCT",
    "UNTRAINED_ANSWER_PCT",
    "WEEKS_PER_MONTH",
    "WHOLE",
    "Need",
    "Plan",
    "plan_hours",
]
