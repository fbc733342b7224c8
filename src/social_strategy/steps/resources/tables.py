"""Step 4's results as tables for the notebook, headed and worded in the session's language."""

from __future__ import annotations

import pandas as pd

from .budget_section import scenario_message
from .hours import WHOLE
from .model import Resources


def _col(cat, key: str) -> str:
    return cat.t(f"resources.col.{key}")


def verdict_markdown(r: Resources, cat) -> str:
    """The verdict in a few lines: the chapter's summary sentences and the hours behind them."""
    lines = [f"- {cat.text(f.model_dump())}" for f in r.section.summary]
    plan = r.plan
    if r.available is None:
        numbers = cat.t("resources.nb.numbers_no_team", low=plan.low, high=plan.high)
    else:
        numbers = cat.t(
            "resources.nb.numbers",
            low=plan.low,
            high=plan.high,
            available=r.available,
            gap=r.gap,
            fte=r.gap / r.settings.fte_hours,
        )
    return "\n".join([*lines, "", numbers])


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
    frame[cat.t("resources.chart.total")] = frame.sum(axis=1)
    frame.index.name = _col(cat, "channel")
    frame.columns.name = _col(cat, "activity")
    return frame.round(1)


def team_frame(r: Resources, cat) -> pd.DataFrame:
    """Per person: hours available, hours the plan puts on them, their share."""
    if not r.work.people:
        return pd.DataFrame()
    return pd.DataFrame(
        [
            {
                "person": p.name,
                "available": p.hours,
                "load": round(p.total, 1),
                "share": cat.percent(r.work.share(p)),
                "trained": cat.t(f"resources.trained.{p.trained}"),
                "work": ", ".join(cat.t(f"resources.work.{k}") for k in p.does),
                "times": ", ".join(cat.t(f"resources.cell.{k}") for k in p.times),
            }
            for p in r.work.people
        ]
    ).rename(columns=lambda c: _col(cat, c))


def scenario_frame(r: Resources, cat) -> pd.DataFrame:
    """The scenarios with their hours and monthly cost (said so where not known or not
    priced)."""
    if r.available is None:
        return pd.DataFrame()
    unknown = cat.t("resources.cell.unknown_effect")
    return pd.DataFrame(
        [
            {
                "scenario": cat.text(scenario_message(s)),
                "changes": ", ".join(cat.t(f"resources.clears.{c}") for c in s.clears)
                or cat.t("resources.cell.dash"),
                "required": unknown if s.required is None else round(s.required, 1),
                "available": round(s.available, 1),
                "gap": cat.t("resources.cell.dash") if s.gap is None else round(s.gap, 1),
                "cost": cat.t("resources.cell.no_rate") if s.cost is None else round(s.cost),
            }
            for s in r.scenarios
        ]
    ).rename(columns=lambda c: _col(cat, c))


def budget_frame(r: Resources, cat) -> pd.DataFrame:
    """Euros by category and month, with totals."""
    if "budget" not in r.drawers:
        return pd.DataFrame()
    frame = r.budget.copy()
    frame.columns = r.months
    frame = frame[frame.any(axis=1)]
    frame.index = [cat.t(f"resources.category.{c}") for c in frame.index]
    frame.loc[cat.t("resources.category.total")] = frame.sum(axis=0)
    frame[_col(cat, "total")] = frame.sum(axis=1)
    frame.index.name = _col(cat, "category")
    return frame.round(0)


__all__ = ["budget_frame", "hours_frame", "scenario_frame", "team_frame", "verdict_markdown"]
