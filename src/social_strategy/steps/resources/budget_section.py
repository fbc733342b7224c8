"""Step 4's costs: the scenarios that close a gap, and the twelve months' budget."""

from __future__ import annotations

import pandas as pd

from ...results import Column, action, finding, msg, table
from . import charts
from .hours import WEEKS_PER_MONTH
from .model import Resources
from .money import INTERNAL, Scenario


def add_scenarios(r: Resources) -> None:
    if r.available is None:
        return
    rows = []
    for sc in r.scenarios:
        rows.append(
            {
                "scenario": scenario_message(sc),
                "changes": [msg(f"resources.clears.{c}").model_dump() for c in sc.clears]
                if sc.clears
                else msg("resources.cell.dash").model_dump(),
                "required": sc.required
                if sc.required is not None
                else msg("resources.cell.unknown_effect").model_dump(),
                "available": sc.available,
                "gap": sc.gap if sc.gap is not None else msg("resources.cell.dash").model_dump(),
                "cost": sc.cost
                if sc.cost is not None
                else msg("resources.cell.no_rate").model_dump(),
            }
        )
    r.section.tables.append(
        table(
            "scenarios",
            rows,
            ("scenario", "changes", "required", "available", "gap", "cost"),
            "resources.col",
            {"required": "num1", "available": "num1", "gap": "num1", "cost": "num"},
            title=msg(
                "resources.table.scenarios_title"
                if r.gap > 0
                else "resources.table.scenarios_title_ok",
                gap=r.gap,
            ),
            caption=msg("resources.table.scenarios_caption", weeks=WEEKS_PER_MONTH),
        )
    )


def scenario_message(sc: Scenario) -> dict:
    """The scenario's sentence as a message (priced when an hourly rate prices its hours)."""
    code = f"resources.scenario.{sc.code}"
    if sc.detail.get("once_cost") is not None:
        code += "_priced"
    return msg(code, **_plain(sc.detail)).model_dump()


def _plain(detail: dict) -> dict:
    return {k: v for k, v in detail.items() if v is not None and not isinstance(v, bool)}


def add_budget(r: Resources, lines: pd.DataFrame) -> None:
    sec, s, budget = r.section, r.settings, r.budget
    if s.hourly_rate is None:
        sec.open_questions.append(msg("resources.question.rate"))
    if lines.empty:
        sec.open_questions.append(msg("resources.question.budget"))
        sec.actions.append(action("resources.action.budget", "owner.management", 30))
    if lines.empty and s.hourly_rate is None:
        return
    totals = budget.sum(axis=0)
    year = float(totals.sum())
    months = r.months
    r.add_figure(
        "budget",
        title=msg("resources.figure.budget_title", total=year, mean=year / len(months)),
        caption=msg(
            "resources.figure.budget_caption_rate"
            if s.hourly_rate is not None
            else "resources.figure.budget_caption",
            rate=s.hourly_rate,
        ),
        alt=msg("resources.figure.budget_alt", total=year),
        draw=lambda cat: charts.budget(budget, months, cat),
    )
    _budget_table(r)
    if r.outside:
        sec.findings.append(
            finding(
                "resources.finding.outside",
                "warning",
                items=r.outside,
                first=months[0],
                last=months[-1],
            )
        )
    if INTERNAL in budget.index:
        sec.findings.append(
            finding(
                "resources.finding.internal_cost",
                rate=s.hourly_rate,
                month=float(budget.loc[INTERNAL, 1]),
            )
        )


def _budget_table(r: Resources) -> None:
    """The budget by category and month, with the total of each and of the year."""
    sec, budget, months = r.section, r.budget, r.months
    totals = budget.sum(axis=0)
    year = float(totals.sum())
    rows = [
        {
            "category": c,
            **{m: float(budget.loc[c, i + 1]) for i, m in enumerate(months)},
            "total": float(budget.loc[c].sum()),
        }
        for c in budget.index
        if budget.loc[c].any()
    ]
    rows.append(
        {
            "category": "total",
            **{m: float(totals[i + 1]) for i, m in enumerate(months)},
            "total": year,
        }
    )
    sec.tables.append(
        table(
            "budget",
            rows,
            [
                "category",
                *[Column(key=m, label="resources.col.month", text=m, format="num") for m in months],
                "total",
            ],
            "resources.col",
            {"category": "code:resources.category", "total": "num"},
            title=msg("resources.table.budget_title", total=year),
            caption=msg("resources.table.budget_caption", first=months[0], last=months[-1]),
        )
    )


__all__ = ["add_budget", "add_scenarios", "scenario_message"]
