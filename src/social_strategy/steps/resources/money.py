"""The 12-month budget and the scenarios that close a gap in hours.

Month 1 of the plan is the month after the report date. A monthly line is paid in every
month from its start month to its end month (the end of the plan by default); a one-off
line once, in its start month. Internal hours are priced only when the firm gives an hourly
rate: the internal people's hours per week x 52 / 12 weeks a month x the rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ...workspace.inputs.resources import CATEGORIES
from .hours import WEEKS_PER_MONTH, WHOLE, Plan
from .team import Workload

MONTHS = 12
INTERNAL = "internal_hours"


def month_starts(report_date: dt.date) -> list[dt.date]:
    """The first day of each of the plan's 12 months (month 1: after the report date)."""
    year, month = report_date.year, report_date.month
    out = []
    for _ in range(MONTHS):
        month += 1
        if month > 12:
            year, month = year + 1, 1
        out.append(dt.date(year, month, 1))
    return out


def monthly(budget: pd.DataFrame, internal_hours: float, rate: float | None) -> pd.DataFrame:
    """Euros per category (rows, in the fixed order) and plan month (columns 1..12)."""
    rows = [*CATEGORIES, INTERNAL] if rate is not None else list(CATEGORIES)
    table = pd.DataFrame(0.0, index=rows, columns=range(1, MONTHS + 1))
    for _, line in budget.iterrows():
        start = int(line["start_month"])
        if line["frequency"] == "one_off":
            table.loc[line["category"], start] += float(line["amount"])
            continue
        end = line["end_month"]
        end = MONTHS if end is None or pd.isna(end) else int(end)
        for m in range(start, end + 1):
            table.loc[line["category"], m] += float(line["amount"])
    if rate is not None:
        table.loc[INTERNAL] = internal_hours * WEEKS_PER_MONTH * rate
    return table


@dataclass
class Scenario:
    code: str  # baseline, fewer_channels, lower_frequency, more_hours, outside_help
    required: float | None  # hours per week at the upper end (None: effect not known)
    available: float
    #: extra euros per month (None: not priced, no rate given)
    cost: float | None
    #: what the scenario changes (a channel, a share of posts, hours)
    detail: dict

    @property
    def gap(self) -> float | None:
        if self.required is None:
            return None
        return max(0.0, self.required - self.available)


def scenarios(
    plan: Plan,
    work: Workload,
    rate: float | None,
    external_rate: float | None,
    keep_pct: float,
) -> list[Scenario]:
    """The baseline and four ways to close its gap, each with its hours and its cost."""
    required, available = plan.high, work.available
    gap = max(0.0, required - available)
    out = [Scenario("baseline", required, available, 0.0, {})]
    by_channel = plan.by("channel")
    own = [c for c in plan.channels if c in by_channel and c != WHOLE]
    if len(plan.channels) >= 2:
        dropped = plan.channels[-1]
        saved = by_channel.get(dropped, (0.0, 0.0))[1] if dropped in own else None
        out.append(
            Scenario(
                "fewer_channels",
                None if saved is None else required - saved,
                available,
                0.0,
                {"channel": dropped, "saved": saved},
            )
        )
    per_post = [
        n
        for n in plan.needs
        if n.basis == "plan"
        or (n.channel != WHOLE and n.activity in ("publishing", "content") and n.per_week)
    ]
    if per_post:
        saved = sum(n.high for n in per_post) * (1 - keep_pct / 100)
        out.append(
            Scenario(
                "lower_frequency",
                required - saved,
                available,
                0.0,
                {"keep": keep_pct, "saved": saved},
            )
        )
    else:
        out.append(Scenario("lower_frequency", None, available, 0.0, {"keep": keep_pct}))
    out.append(
        Scenario(
            "more_hours",
            required,
            available + gap,
            None if rate is None else gap * WEEKS_PER_MONTH * rate,
            {"hours": gap},
        )
    )
    out.append(
        Scenario(
            "outside_help",
            required,
            available + gap,
            None if external_rate is None else gap * WEEKS_PER_MONTH * external_rate,
            {"hours": gap},
        )
    )
    return out


__all__ = ["INTERNAL", "MONTHS", "Scenario", "month_starts", "monthly", "scenarios"]
