"""The 12-month budget and the scenarios that close a gap in hours.

Month 1 of the plan is the month of ``plan_start`` in strategy.yaml, by default the month
after the report date. A budget month is a plan month (1 to 12) or a calendar month
(``2027-02``), which is turned into the plan month it falls in: the same file gives the same
budget whatever day it is rendered. A monthly line is paid in every month from its start
month to its end month (the end of the plan by default), from month 1 when it started
before the plan; a one-off line once, in its start month. A line wholly outside the plan's
twelve months is left out and named. Internal hours are priced only when the firm gives an hourly
rate: the internal people's hours per week x 52 / 12 weeks a month x the rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ...workspace.inputs.resources import CATEGORIES
from .hours import WEEKS_PER_MONTH, WHOLE, Plan
from .team import Flags, Workload

MONTHS = 12
INTERNAL = "internal_hours"


def plan_start(report_date: dt.date, start: dt.date | None = None) -> dt.date:
    """The first day of plan month 1: ``start``'s month, else the month after the report."""
    if start is not None:
        return dt.date(start.year, start.month, 1)
    if report_date.month == 12:
        return dt.date(report_date.year + 1, 1, 1)
    return dt.date(report_date.year, report_date.month + 1, 1)


def month_starts(report_date: dt.date, start: dt.date | None = None) -> list[dt.date]:
    """The first day of each of the plan's 12 months (month 1: see :func:`plan_start`)."""
    first = plan_start(report_date, start)
    out = []
    for i in range(MONTHS):
        year, month = divmod(first.month - 1 + i, 12)
        out.append(dt.date(first.year + year, month + 1, 1))
    return out


def plan_month(value: object, first: dt.date | None) -> int | None:
    """A budget month as a plan month (may lie outside 1..12); None when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        year, month = (int(x) for x in value.split("-"))
        if first is None:
            raise ValueError("a calendar month needs the plan's start")
        return (year - first.year) * 12 + month - first.month + 1
    return int(value)


def monthly(
    budget: pd.DataFrame,
    internal_hours: float,
    rate: float | None,
    first: dt.date | None = None,
    outside: list[str] | None = None,
) -> pd.DataFrame:
    """Euros per category (rows, in the fixed order) and plan month (columns 1..12).

    ``first`` is the first day of plan month 1 (needed for calendar months); the items of
    lines wholly outside the twelve months are appended to ``outside``."""
    rows = [*CATEGORIES, INTERNAL] if rate is not None else list(CATEGORIES)
    table = pd.DataFrame(0.0, index=rows, columns=range(1, MONTHS + 1))
    for _, line in budget.iterrows():
        start = plan_month(line["start_month"], first)
        start = 1 if start is None else start
        if line["frequency"] == "one_off":
            if 1 <= start <= MONTHS:
                table.loc[line["category"], start] += float(line["amount"])
            elif outside is not None:
                outside.append(str(line["item"]))
            continue
        end = plan_month(line["end_month"], first)
        end = MONTHS if end is None else end
        lo, hi = max(1, start), min(MONTHS, end)
        if lo > hi:
            if outside is not None:
                outside.append(str(line["item"]))
            continue
        for m in range(lo, hi + 1):
            table.loc[line["category"], m] += float(line["amount"])
    if rate is not None:
        table.loc[INTERNAL] = internal_hours * WEEKS_PER_MONTH * rate
    return table


@dataclass
class Scenario:
    """One way to close the gap: its hours, its cost and what it changes."""

    #: baseline, fewer_channels, lower_frequency, cut_plan, more_hours, outside_help,
    #: train, deputy, rota, agency_answers
    code: str
    required: float | None  # hours per week at the upper end (None: effect not known)
    available: float
    #: extra euros per month (None: not priced, no rate given)
    cost: float | None
    #: what the scenario changes (a channel, a share of posts, hours, a person)
    detail: dict
    #: hours once (training), besides the hours per week
    once: float | None = None
    #: the flags it clears (codes of ``resources.flag``)
    clears: list[str] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        if self.required is None:
            return None
        return max(0.0, self.required - self.available)


def _time(times: pd.DataFrame, key: str) -> float:
    return float(times.set_index("id").loc[key, "value_high"])


def _per_month(hours: float, rate: float | None) -> float | None:
    """Weekly ``hours`` a month at an hourly ``rate`` (None: no rate known)."""
    return None if rate is None else hours * WEEKS_PER_MONTH * rate


def _channel_scenario(plan: Plan, required: float, available: float) -> list[Scenario]:
    """Fewer channels: the one that costs the least hours dropped (two channels or more)."""
    if len(plan.channels) < 2:
        return []
    by_channel = plan.by("channel")
    own = [c for c in plan.channels if c in by_channel and c != WHOLE]
    dropped = min(own, key=lambda c: by_channel[c][1]) if own else plan.channels[-1]
    saved = by_channel.get(dropped, (0.0, 0.0))[1] if dropped in own else None
    return [
        Scenario(
            "fewer_channels",
            None if saved is None else required - saved,
            available,
            0.0,
            {"channel": dropped, "saved": saved},
        )
    ]


def _frequency_scenarios(
    plan: Plan, required: float, available: float, keep_pct: float, gap: float
) -> list[Scenario]:
    """Fewer posts: ``keep_pct`` of them, and with a gap the plan cut to the hours there are
    (or what the fixed work alone needs, when even that does not fit)."""
    per_post = sum(n.high for n in plan.per_post)
    if per_post <= 0:
        return [Scenario("lower_frequency", None, available, 0.0, {"keep": keep_pct})]
    saved = per_post * (1 - keep_pct / 100)
    out = [
        Scenario(
            "lower_frequency", required - saved, available, 0.0, {"keep": keep_pct, "saved": saved}
        )
    ]
    if gap > 0:
        fixed = required - per_post
        keep = (available - fixed) / per_post if per_post else 0.0
        if keep > 0:
            out.append(
                Scenario(
                    "cut_plan",
                    fixed + per_post * min(1.0, keep),
                    available,
                    0.0,
                    {"keep": 100 * min(1.0, keep), "saved": per_post * (1 - min(1.0, keep))},
                )
            )
        else:
            out.append(Scenario("cut_plan_short", fixed, available, 0.0, {"fixed": fixed}))
    return out


def _training_scenarios(
    work: Workload,
    flags: Flags,
    required: float,
    available: float,
    rate: float | None,
    training: float,
) -> list[Scenario]:
    """Training for the two busiest untrained answerers, and a deputy for the one person."""
    out = []
    if flags.untrained_answering or flags.untrained_criticism:
        answerers = [p for p in work.people if p.answers and p.trained != "yes"]
        answerers.sort(key=lambda p: -p.load.get("answering", 0.0))
        for p in answerers[:2]:
            out.append(
                Scenario(
                    "train",
                    required,
                    available,
                    0.0,
                    {
                        "person": p.name,
                        "hours": training,
                        "once_cost": None if rate is None else training * rate,
                    },
                    once=training,
                    clears=["untrained_answering", "untrained_criticism"],
                )
            )
    if flags.no_deputy or flags.single_person:
        who = flags.no_deputy or flags.single_person
        others = [p for p in work.people if p.name != who and not p.external and p.hours > 0]
        deputy = others[0].name if others else None
        out.append(
            Scenario(
                "deputy" if deputy else "deputy_new",
                required,
                available,
                0.0,
                {
                    "person": who,
                    "deputy": deputy,
                    "hours": training,
                    "once_cost": None if rate is None else training * rate,
                },
                once=training,
                clears=["no_deputy", "single_person"],
            )
        )
    return out


def _cover_scenarios(
    flags: Flags,
    times: pd.DataFrame,
    required: float,
    available: float,
    rate: float | None,
    external_rate: float | None,
) -> list[Scenario]:
    """Evenings and weekends answered: by a rota of the team, or by an agency."""
    evenings = flags.evenings_uncovered or flags.evenings_needed
    weekends = flags.weekends_uncovered or flags.weekends_needed
    if not (evenings or weekends):
        return []
    hours = (5 * _time(times, "evening") if evenings else 0.0) + (
        2 * _time(times, "weekend_day") if weekends else 0.0
    )
    hours /= 60
    detail = {"hours": hours, "evenings": evenings, "weekends": weekends}
    clears = ["evenings", "weekends"]
    return [
        Scenario(
            "rota", required + hours, available, _per_month(hours, rate), detail, clears=clears
        ),
        Scenario(
            "agency_answers",
            required,
            available,
            _per_month(hours, external_rate),
            detail,
            clears=list(clears),
        ),
    ]


def scenarios(
    plan: Plan,
    work: Workload,
    rate: float | None,
    external_rate: float | None,
    keep_pct: float,
    flags: Flags | None = None,
    times: pd.DataFrame | None = None,
) -> list[Scenario]:
    """The baseline and the ways to close its gaps, each with its hours and its cost."""
    required, available = plan.high, work.available
    gap = max(0.0, required - available)
    out = [Scenario("baseline", required, available, 0.0, {})]
    out += _channel_scenario(plan, required, available)
    out += _frequency_scenarios(plan, required, available, keep_pct, gap)
    if gap > 0:
        out.append(
            Scenario("more_hours", required, available + gap, _per_month(gap, rate), {"hours": gap})
        )
        out.append(
            Scenario(
                "outside_help",
                required,
                available + gap,
                _per_month(gap, external_rate),
                {"hours": gap},
            )
        )
    if flags is None or times is None:
        return out
    out += _training_scenarios(work, flags, required, available, rate, _time(times, "training"))
    out += _cover_scenarios(flags, times, required, available, rate, external_rate)
    return out


__all__ = [
    "INTERNAL",
    "MONTHS",
    "Scenario",
    "month_starts",
    "monthly",
    "plan_month",
    "plan_start",
    "scenarios",
]
