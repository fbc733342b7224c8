"""Step 4's chapter: hours, team, flags, scenarios and budget combined into the verdict.

The verdict *enough for lasting care* needs all of: the team's hours cover the required
hours at the upper end of the ranges; the presence does not rest on one person or on
trainees; the people who answer are mainly trained and the one trained person has a
trained deputy; someone answers in the evenings and at weekends where the plan needs it (a
contest, a response-time target). Everything else (concentration, untrained people
answering criticism, training after the start, a person over their hours) is flagged with
what to do about it.

Each part is written by a module of its own: :mod:`.demand` (channels, posts and answers
per week), :mod:`.verdict_section` (the verdict and the flags), :mod:`.hours_section`
(hours and team), :mod:`.budget_section` (scenarios and budget) and
:mod:`.defaults_section` (sources and defaults); :mod:`.model` holds the result.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ... import reference
from ...results import SectionResult
from ...workspace import Workspace
from ..base import Context
from .budget_section import add_budget, add_scenarios, scenario_message
from .defaults_section import RESPONSE_BENCHMARK, add_defaults, add_sources
from .demand import RESPONSE_GOAL, REVIEW_SITE, cover_needed, plan_channels, plan_volume
from .hours import BENCHMARK_FOR, Plan, plan_hours
from .hours_section import add_hours, add_team
from .model import ORDER, SECTION, Resources, flag_codes, shortfalls
from .money import month_starts, monthly, plan_month, plan_start, scenarios
from .team import Coverage, Flags, assign, coverage, flags, people, training_late
from .verdict_section import add_flags, add_verdict


def run(ws: Workspace, ctx: Context) -> Resources:
    """Required against available hours, the team's flags, scenarios, budget, verdict."""
    s = ctx.settings
    times = reference.resource_times()
    budget_lines = ws.table("budget")
    plan, channel_basis, posts_basis = _planned_hours(ws, ctx, times, budget_lines)
    team = people(ws.table("team"))
    work = assign(plan, team)
    cov = _coverage(ws, ctx, team)
    fl = flags(work, cov, s.max_share_pct)
    first = plan_start(ctx.report_date, getattr(ws.strategy, "plan_start", None))
    starts = month_starts(ctx.report_date, first)
    line_months = [plan_month(m, first) or 1 for m in budget_lines["start_month"]]
    fl.training_late = training_late(budget_lines, line_months, team)
    internal = sum(p.hours for p in team if not p.external)
    outside: list[str] = []
    table = monthly(budget_lines, internal, s.hourly_rate, first, outside)
    months = [d.strftime("%Y-%m") for d in starts]
    verdict = _verdict(team, work.available, plan.high, fl)
    r = Resources(
        section=SectionResult(section=SECTION, order=ORDER),
        plan=plan,
        work=work,
        coverage=cov,
        flags=fl,
        scenarios=scenarios(
            plan, work, s.hourly_rate, s.external_rate, s.lower_frequency_pct, fl, times
        ),
        budget=table,
        months=months,
        verdict=verdict,
        settings=s,
        outside=outside,
    )
    add_verdict(r)
    add_hours(r, channel_basis, posts_basis)
    add_team(r)
    add_flags(r)
    add_scenarios(r)
    add_budget(r, budget_lines)
    add_sources(r, reference.benchmarks())
    add_defaults(r, ws, times)
    r.section.data = _data(r, first, team)
    return r


def _planned_hours(
    ws: Workspace, ctx: Context, times: pd.DataFrame, budget_lines: pd.DataFrame
) -> tuple[Plan, str, str | None]:
    """The hours the plan needs on its channels, with where the channels and the posts a
    week come from."""
    s = ctx.settings
    channels, channel_basis = plan_channels(ctx, ws)
    volume, posts_basis = plan_volume(ws, ctx, channels)
    plan = plan_hours(
        ws.table("activities"),
        channels,
        volume,
        times,
        s.days_per_week,
        ads_planned=bool((budget_lines["category"] == "ads").any()),
    )
    return plan, channel_basis, posts_basis


def _coverage(ws: Workspace, ctx: Context, team: list) -> Coverage:
    """Evenings and weekends: when the audience is active (step 1's posting times) and who
    of the team answers then."""
    s = ctx.settings
    posting_times = getattr(ctx.earlier.get("audience"), "times", None)
    return coverage(
        team,
        posting_times,
        s.active_evenings,
        s.active_weekends,
        s.evening_from,
        cover_needed(ws, s),
    )


def _verdict(team: list, available: float, required: float, fl: Flags) -> str:
    """Enough for lasting care: the hours at the upper end, and nothing else short."""
    if not team:
        return "unknown"
    if available + 1e-9 >= required and not shortfalls(fl):
        return "enough"
    return "not_enough"


def _data(r: Resources, first: dt.date, team: list) -> dict:
    """The chapter's figures for the report's own template."""
    plan, s = r.plan, r.settings
    return {
        "verdict": r.verdict,
        "required_low": plan.low,
        "required_high": plan.high,
        "available": r.available,
        "gap_hours": r.gap,
        "gap_fte": r.gap / s.fte_hours,
        "channels": plan.channels,
        "plan_start": first.isoformat(),
        "flags": flag_codes(r.flags),
        # who does which kind of work: the report names owners of actions from it
        "team": [
            {
                "person": p.name,
                "work": list(p.work),
                "does": list(p.does),
                "external": p.external,
                "trained": p.trained,
                "trainee": p.trainee,
            }
            for p in team
            if p.hours > 0
        ],
    }


__all__ = [
    "BENCHMARK_FOR",
    "ORDER",
    "RESPONSE_BENCHMARK",
    "RESPONSE_GOAL",
    "REVIEW_SITE",
    "SECTION",
    "Resources",
    "flag_codes",
    "run",
    "scenario_message",
]
