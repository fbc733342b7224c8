"""Step 5's KPIs per goal: each goal's metric measured per quarter from the mentions
export where the export measures it, else named as measured by hand."""

from __future__ import annotations

import re

import pandas as pd

from ...results import finding, msg, table
from ...workspace import Workspace
from .model import Risks

_KPI = (
    ("negative", re.compile(r"negativ", re.IGNORECASE)),
    ("answered", re.compile(r"beantwort|answered|antwort|reply|replies|response", re.IGNORECASE)),
    ("mentions", re.compile(r"erwähnung|erwaehnung|mention", re.IGNORECASE)),
)


def kpi_kind(metric: str) -> str | None:
    """Which mentions-export figure measures a goal's metric (None: measured by hand)."""
    for kind, pattern in _KPI:
        if pattern.search(metric):
            return kind
    return None


def _quarter_values(m: pd.DataFrame, kind: str) -> dict[str, float]:
    if m.empty:
        return {}
    quarters = m["time"].dt.to_period("Q")
    out: dict[str, float] = {}
    for q, group in m.groupby(quarters):
        if kind == "mentions":
            months = group["time"].dt.to_period("M").nunique()
            out[str(q)] = len(group) / max(months, 1)
        elif kind == "negative":
            scored = group[group["scored"]]
            if len(scored):
                out[str(q)] = 100 * float(scored["negative"].mean())
        elif kind == "answered":
            questions = group[group["text"].str.contains("?", regex=False)]
            if len(questions):
                out[str(q)] = 100 * float(questions["is_answered"].mean())
    return out


def add_kpis(r: Risks, ws: Workspace) -> None:
    goals = ws.strategy.goals
    if not goals:
        return
    m = r.mentions if r.mentions is not None else None
    answered_given = m is not None and m["answered"].notna().any()
    rows = []
    by_hand = []
    for g in goals:
        kind = kpi_kind(g.metric)
        measurable = m is not None and kind is not None and (kind != "answered" or answered_given)
        values = _quarter_values(m, kind) if measurable else {}
        if values:
            cell = [
                msg("risks.cell.quarter", quarter=q, value=v).model_dump()
                for q, v in values.items()
            ]
        else:
            by_hand.append(g.id)
            cell = msg("risks.cell.by_hand").model_dump()
        rows.append(
            {
                "goal": g.id,
                "metric": g.metric,
                "values": cell,
                "target": g.target,
                "unit": g.unit,
                "due": g.due.isoformat(),
            }
        )
    r.section.tables.append(
        table(
            "kpis",
            rows,
            ("goal", "metric", "values", "target", "unit", "due"),
            "risks.col",
            {"target": "num1", "due": "date"},
            title=msg("risks.table.kpi_title"),
            caption=msg("risks.table.kpi_caption"),
        )
    )
    if by_hand:
        r.section.findings.append(finding("risks.finding.kpi_by_hand", ids=by_hand))


__all__ = ["add_kpis", "kpi_kind"]
