"""Step 5's KPIs per goal: each goal's metric measured from the exports where one measures
it, else named as measured by hand.

The goal is matched to a KPI and measured by :mod:`social_strategy.measures`, the same
functions the review chapter uses on the same workspace and report date: a goal the review
measures from an export is measured here with the same value, basis and window, and "by
hand" here is "by hand" there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...measures import (
    KPI_FORMAT,
    channel_cells,
    export_measures,
    goal_measure,
    match_goal,
    section_measures,
)
from ...results import finding, msg, table
from ...snapshot import WINDOW_DAYS, Measure
from ...workspace import Workspace
from .model import Risks


def _m(code: str, **values: Any) -> dict[str, Any]:
    return {"code": code, "values": values}


def _kpi(m: Measure) -> dict[str, Any]:
    """The KPI's name as the review names it (with its channel)."""
    name = _m(f"review.kpi.{m.kpi}")
    return _m("review.kpi_on", kpi=name, channel=m.channel) if m.channel else name


def _basis(m: Measure) -> dict[str, Any]:
    """What a measured value rests on: counted, events over weeks, k of n, a mean over
    posts; with the window it was measured over where the export has times."""
    if m.basis == "rate":
        basis = _m("risks.kpi_basis.rate", events=m.events or 0, weeks=m.weeks or 0)
    elif m.basis == "share":
        basis = _m("risks.kpi_basis.share", k=m.k or 0, n=m.n or 0)
    elif m.basis == "mean":
        basis = _m("risks.kpi_basis.mean", n=len(m.samples))
    else:
        basis = _m("risks.kpi_basis.count")
    if m.window_start and m.window_end:
        return _m(
            "risks.kpi_basis.window",
            basis=basis,
            start=m.window_start.isoformat(),
            end=m.window_end.isoformat(),
        )
    if m.kpi in ("negative_share", "share_of_voice"):
        return _m("risks.kpi_basis.tone", basis=basis)
    return basis


def goal_rows(r: Risks, ws: Workspace, report_date: dt.date) -> list[dict[str, Any]]:
    """One row per goal: how it is measured (the review's words), its value, the value's
    basis and window, target, unit, due date; ``source`` is "measured" or "hand"."""
    goals = ws.strategy.goals
    channels = channel_cells(ws)
    wanted = {m[0] for g in goals if (m := match_goal(g, channels)) is not None}
    found = {
        (m.kpi, m.channel): m
        for m in [*export_measures(ws, report_date, wanted), *section_measures([r.section])]
    }
    rows = []
    for g in goals:
        m = goal_measure(g, found, channels)
        if m is not None:
            how = _m("review.source.measured", kpi=_kpi(m))
            value = _m(f"review.value.{KPI_FORMAT.get(m.kpi, 'num')}", v=m.value)
            basis: Any = _basis(m)
        elif g.measured is not None:
            how = _m("review.source.hand", date=(g.measured_on or report_date).isoformat())
            value = _m("review.value.num", v=g.measured)
            basis = _m("risks.kpi_basis.hand")
        else:
            how, value, basis = _m("review.source.hand_missing"), None, None
        rows.append(
            {
                "goal": g.id,
                "metric": g.metric,
                "source": "measured" if m is not None else "hand",
                "kpi": m.kpi if m is not None else None,
                "channel": m.channel if m is not None else None,
                "how": how,
                "value": value,
                "basis": basis,
                "target": g.target,
                "unit": g.unit,
                "due": g.due.isoformat(),
            }
        )
    return rows


def add_kpis(r: Risks, ws: Workspace, report_date: dt.date) -> None:
    if not ws.strategy.goals:
        return
    rows = goal_rows(r, ws, report_date)
    r.section.tables.append(
        table(
            "kpis",
            rows,
            ("goal", "metric", "how", "value", "basis", "target", "unit", "due"),
            "risks.col",
            {"target": "num1", "due": "date"},
            title=msg("risks.table.kpi_title"),
            caption=msg("risks.table.kpi_caption", days=WINDOW_DAYS),
            labels={"how": "how_measured", "value": "measured_value", "basis": "measure_basis"},
        )
    )
    by_hand = [row["goal"] for row in rows if row["source"] == "hand"]
    if by_hand:
        r.section.findings.append(finding("risks.finding.kpi_by_hand", ids=by_hand))


__all__ = ["add_kpis", "goal_rows"]
