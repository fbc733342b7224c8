"""Step 5's spread of a complaint: how many people a complaint reaches when the firm answers
after so many hours, simulated as a branching process, and where the audience comes from."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...results import action, finding, msg, table
from ...workspace import TABLES, Workspace
from . import charts, spread
from .model import Risks


def audience_size(ws: Workspace, sp: Any) -> tuple[int, tuple[str, int]]:
    """(audience, (where it comes from, how many communities)): the setting, else the sizes
    of step 2's communities together, else the stated default."""
    if sp.audience:
        return int(sp.audience), ("setting", 0)
    if "communities" in TABLES and ws.has("communities"):
        communities = ws.table("communities")
        if "size" in communities.columns:
            sizes = pd.to_numeric(communities["size"], errors="coerce").dropna()
            if len(sizes) and sizes.sum() > 0:
                return int(sizes.sum()), ("communities", len(sizes))
    return spread.DEFAULT_AUDIENCE, ("default", 0)


def add_spread(r: Risks, settings: Any) -> None:
    s = r.section
    curve = r.spread_curve
    m = r.spread_model
    at = curve
    if r.response_hours > float(curve["response_hours"].max()) - 1:
        # a response time beyond the curve (e.g. a week): its own two points, never n/a
        low = float(np.floor(r.response_hours))
        at = spread.curve(m, hours=[low, low + 1])
    worth = spread.hour_worth(at, r.response_hours)
    at4 = curve.set_index("response_hours")
    fast = round(float(at4["mean"].iloc[0]))
    grows = m.r_before >= 1
    capped = _capped_at(at, r.response_hours)
    limit = round(spread.ceiling(m))
    r.add_figure(
        "spread",
        title=msg(
            "risks.figure.spread_title_grows" if grows else "risks.figure.spread_title",
            hours=r.response_hours,
            reach=round(worth[0]) if worth else None,
            extra=round(worth[1]) if worth else None,
            audience=m.audience,
            ceiling=limit,
            capped=100 * capped,
        ),
        caption=msg("risks.figure.spread_caption", **_assumed(m), runs=4000, audience=m.audience),
        alt=msg(
            "risks.figure.spread_alt",
            fast=fast,
            slow=round(float(at4["mean"].iloc[-1])),
            last=float(at4.index[-1]),
        ),
        draw=lambda cat: charts.spread_curve(curve, r.response_hours, cat),
    )
    if worth:
        s.findings.append(
            finding(
                "risks.finding.spread_grows" if grows else "risks.finding.spread",
                "warning" if grows else "info",
                hours=r.response_hours,
                reach=round(worth[0]),
                extra=round(worth[1]),
                fast=fast,
                audience=m.audience,
                ceiling=limit,
                capped=100 * capped,
                r_before=m.r_before,
            )
        )
    _model_notes(r, settings)
    _spread_table(r)


def _model_notes(r: Risks, settings: Any) -> None:
    """What the model rests on: the audience, the spread after an answer, the defaults."""
    s, m = r.section, r.spread_model
    if m.r_after >= 1:
        after = round(spread.final_size(m.initial_audience, m.r_after, m.audience))
        s.findings.append(
            finding("risks.finding.spread_unchecked", "warning", audience=m.audience, ceiling=after)
        )
    source, n = r.audience_from
    if source == "default":
        s.defaults.append(msg("risks.default.audience", audience=m.audience))
    else:
        s.findings.append(finding(f"risks.finding.audience_{source}", audience=m.audience, n=n))
    s.findings.append(finding("risks.finding.story_15_150", "info"))
    chosen = settings.spread.model_fields_set
    if not chosen:
        s.defaults.append(msg("risks.default.spread", **_assumed(m), response=r.response_hours))


def _assumed(m: spread.SpreadModel) -> dict[str, float]:
    """The spread model's assumptions as a message's values: the first audience, the
    reproduction number before and after an answer, the hours a generation takes."""
    return {
        "initial": m.initial_audience,
        "r_before": m.r_before,
        "r_after": m.r_after,
        "hours": m.generation_hours,
    }


def _spread_table(r: Risks) -> None:
    """The reach at the usual response times, and the action to answer within the set time."""
    s = r.section
    s.tables.append(
        table(
            "spread",
            [
                {
                    "response_hours": row["response_hours"],
                    "mean": round(row["mean"]),
                    "interval": msg(
                        "risks.cell.interval", low=round(row["low"]), high=round(row["high"])
                    ).model_dump(),
                    "p90": round(row["p90"]),
                    "capped": 100 * row["capped"],
                }
                for _, row in r.spread_curve.iterrows()
                if row["response_hours"] in (0, 1, 2, 4, 8, 12, 24)
            ],
            ("response_hours", "mean", "interval", "p90", "capped"),
            "risks.col",
            {"response_hours": "num", "mean": "num", "p90": "num", "capped": "pct"},
            title=msg("risks.table.spread_title"),
            caption=msg("risks.table.spread_caption"),
        )
    )
    s.actions.append(
        action("risks.action.response_time", "owner.management", 30, hours=r.response_hours)
    )


def _capped_at(curve: pd.DataFrame, hours: float) -> float:
    """Share of runs that reached the whole audience when answered after ``hours``."""
    rows = curve.set_index("response_hours")["capped"]
    return float(np.interp(hours, rows.index, rows.values))


__all__ = ["add_spread", "audience_size"]
