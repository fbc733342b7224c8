"""Step 0: why and what for. The firm, its measurable goals and the value it offers.

Social media is dialogue, not another advertising channel; before any channel is chosen
the firm states what it wants to reach (general but measurable goals, months not days) and
what its audience gains. Frameworks: Forrester's POST (people, objectives, strategy,
technology last) and SMART goals.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..results import SectionResult, action, finding, msg, table
from ..workspace import Workspace
from .base import Context, StepResult

SECTION = "firm"
ORDER = 0
#: goals due sooner than this are flagged: social media results take months
MIN_GOAL_HORIZON_DAYS = 90
#: the kinds of names and terms in ``monitoring:``, in the order the report lists them
MONITORING_KINDS = ("brands", "products", "people", "hashtags", "keywords")


def run(ws: Workspace, ctx: Context) -> StepResult:
    """Check the profile, goals and added value; say what is missing."""
    strategy = ws.strategy
    report_date = ctx.report_date
    result = SectionResult(section=SECTION, order=ORDER)

    goals = strategy.goals
    if goals:
        dues = sorted(g.due for g in goals)
        result.summary.append(
            finding(
                "firm.summary.goals" if dues[0] != dues[-1] else "firm.summary.goals_one_date",
                "info",
                n=len(goals),
                first=dues[0].isoformat(),
                last=dues[-1].isoformat(),
            )
        )
    else:
        result.summary.append(finding("firm.finding.no_goals", "critical"))
        result.open_questions.append(msg("firm.question.goals"))
        result.actions.append(action("firm.action.set_goals", "owner.management", 14))

    _added_value(strategy.added_value, result)
    _goal_checks(goals, report_date, result)
    _monitoring(strategy.monitoring, result)
    result.actions.append(action("firm.action.team_kickoff", "owner.management", 7))
    return StepResult(result)


def _added_value(added_value: list, result: SectionResult) -> None:
    """What the firm's presence adds for its audience, or that it is missing."""
    if added_value:
        result.findings.append(finding("firm.finding.added_value", "positive", n=len(added_value)))
        result.tables.append(
            table(
                "added_value",
                [{"item": item} for item in added_value],
                ("item",),
                "firm.col",
                labels={"item": "added_value"},
                title=msg("firm.table.added_value_title"),
            )
        )
    else:
        result.summary.append(finding("firm.finding.no_added_value", "critical"))
        result.open_questions.append(msg("firm.question.added_value"))


def _goal_checks(goals: list, report_date: dt.date, result: SectionResult) -> None:
    """Goals past or too soon at the report date, goals without a baseline; each goal as a
    decision; the goals' table."""
    too_soon, past, no_baseline = [], [], []
    for goal in goals:
        days = (goal.due - report_date).days
        if days < 0:
            past.append(goal.id)
        elif days < MIN_GOAL_HORIZON_DAYS:
            too_soon.append(goal.id)
        if goal.baseline is None:
            no_baseline.append(goal.id)
    if past:
        result.findings.append(finding("firm.finding.goals_past", "warning", ids=past))
        result.actions.append(action("firm.action.redate_goals", "owner.management", 14, ids=past))
    if too_soon:
        result.findings.append(
            finding(
                "firm.finding.goals_too_soon", "warning", ids=too_soon, days=MIN_GOAL_HORIZON_DAYS
            )
        )
    if no_baseline:
        result.open_questions.append(msg("firm.question.baseline", ids=no_baseline))
        result.actions.append(
            action("firm.action.measure_baseline", "owner.social_team", 30, ids=no_baseline)
        )
    for goal in goals:
        unit = (goal.unit or "").strip()
        code = "goal_pct" if unit == "%" else "goal" if unit else "goal_no_unit"
        result.decisions.append(
            msg(
                f"firm.decision.{code}",
                id=goal.id,
                goal=goal.goal,
                target=goal.target,
                unit=unit,
                metric=goal.metric,
                due=goal.due.isoformat(),
            )
        )

    if goals:
        result.tables.append(
            table(
                "goals",
                [g.model_dump(mode="json") for g in goals],
                ("id", "goal", "metric", "baseline", "target", "unit", "due"),
                "firm.col",
                {"baseline": "num", "target": "num", "due": "date"},
                title=msg("firm.table.goals_title", n=len(goals)),
            )
        )


def _monitoring(monitoring: Any, result: SectionResult) -> None:
    """The monitoring plan: which names and terms are watched (the risk step uses them)."""
    rows = [
        {"kind": kind, "terms": terms}
        for kind in MONITORING_KINDS
        if (terms := [t for t in getattr(monitoring, kind) if str(t).strip()])
    ]
    if not rows:
        result.findings.append(finding("firm.finding.no_monitoring", "warning"))
        result.open_questions.append(msg("firm.question.monitoring"))
        return
    n = sum(len(r["terms"]) for r in rows)
    result.findings.append(finding("firm.finding.monitoring", "info", n=n))
    result.tables.append(
        table(
            "monitoring",
            rows,
            ("kind", "terms"),
            "firm.col",
            {"kind": "code:firm.monitoring"},
            labels={"kind": "monitoring_kind", "terms": "monitoring_terms"},
            title=msg("firm.table.monitoring_title"),
        )
    )
    result.actions.append(action("firm.action.monitoring", "owner.social_team", 14))


# -- tables for the notebook ---------------------------------------------------------------
#: the profile's fields in the order the notebook shows them
PROFILE_FIELDS = (
    "name",
    "legal_name",
    "industry",
    "region",
    "country",
    "employees",
    "language",
    "website",
    "consultant",
    "fictional",
)
#: the goals' fields, the columns of the goals grid
GOAL_FIELDS = ("id", "goal", "metric", "baseline", "target", "unit", "due")


def profile_frame(ws: Workspace, cat: Any) -> Any:
    """The firm profile as two columns (field, entry) in the catalog's language; an empty
    field stays blank."""
    import pandas as pd

    firm = ws.strategy.firm
    rows = []
    for name in PROFILE_FIELDS:
        value = getattr(firm, name)
        if isinstance(value, bool):
            value = cat.t("form.yes" if value else "form.no")
        elif name == "language" and cat.has(f"firm.nb.language.{value}"):
            value = cat.t(f"firm.nb.language.{value}")
        elif name == "employees" and value is not None:
            value = cat.format_value(value, "num")
        rows.append([cat.t(f"firm.col.profile.{name}"), "" if value is None else str(value)])
    columns = [cat.t("firm.col.profile_field"), cat.t("firm.col.profile_value")]
    return pd.DataFrame(rows, columns=columns)


def goals_frame(ws: Workspace, cat: Any) -> Any:
    """The goals with the grid's headings (``firm.col.goals.*``), numbers and dates in the
    catalog's format, a missing baseline or unit blank."""
    import pandas as pd

    formats = {"baseline": "num", "target": "num", "due": "date"}

    def cell(field: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        return cat.format_value(value, formats[field]) if field in formats else str(value)

    return pd.DataFrame(
        [[cell(f, getattr(g, f)) for f in GOAL_FIELDS] for g in ws.strategy.goals],
        columns=[cat.t(f"firm.col.goals.{f}") for f in GOAL_FIELDS],
    )


def added_value_frame(ws: Workspace, cat: Any) -> Any:
    """What the audience gains, one item a row."""
    import pandas as pd

    return pd.DataFrame(
        [[item] for item in ws.strategy.added_value], columns=[cat.t("firm.col.added_value")]
    )


__all__ = [
    "GOAL_FIELDS",
    "MIN_GOAL_HORIZON_DAYS",
    "MONITORING_KINDS",
    "ORDER",
    "PROFILE_FIELDS",
    "SECTION",
    "added_value_frame",
    "goals_frame",
    "profile_frame",
    "run",
]
