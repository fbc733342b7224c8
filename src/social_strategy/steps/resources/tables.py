"""Step 4's results as tables for the notebook, in the session's language."""

from __future__ import annotations

import pandas as pd

from .chapter import Resources
from .hours import WHOLE


def hours_frame(r: Resources, cat) -> pd.DataFrame:
    """Required hours per week by channel (rows) and activity (columns), upper end."""
    rows = [
        {
            "channel": cat.t("resources.chart.whole") if n.channel == WHOLE else n.channel,
            "activity": cat.t(f"resources.activity.{n.activity}"),
            "hours": n.high,
        }
        for n in r.plan.needs
    ]
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows).pivot_table(
        index="channel", columns="activity", values="hours", aggfunc="sum", fill_value=0.0
    )
    frame["total"] = frame.sum(axis=1)
    return frame.round(1)


def team_frame(r: Resources, cat) -> pd.DataFrame:
    """Per person: hours available, hours the plan puts on them, their share."""
    return pd.DataFrame(
        [
            {
                "person": p.name,
                "available h/week": p.hours,
                "load h/week": round(p.total, 1),
                "share %": round(r.work.share(p), 1),
                "trained": cat.t(f"resources.trained.{p.trained}"),
                "evenings": p.evenings,
                "weekends": p.weekends,
            }
            for p in r.work.people
        ]
    )


def scenario_frame(r: Resources, cat) -> pd.DataFrame:
    """The scenarios with their hours and monthly cost (NaN: not known or not priced)."""
    return pd.DataFrame(
        [
            {
                "scenario": cat.t(f"resources.scenario.{s.code}", **s.detail),
                "required h/week": s.required,
                "available h/week": s.available,
                "gap h/week": s.gap,
                "extra EUR/month": s.cost,
            }
            for s in r.scenarios
        ]
    ).round(1)


def budget_frame(r: Resources, cat) -> pd.DataFrame:
    """Euros by category and month, with totals."""
    frame = r.budget.copy()
    frame.columns = r.months
    frame.index = [cat.t(f"resources.category.{c}") for c in frame.index]
    frame.loc[cat.t("resources.category.total")] = frame.sum(axis=0)
    frame["total"] = frame.sum(axis=1)
    return frame.round(0)
