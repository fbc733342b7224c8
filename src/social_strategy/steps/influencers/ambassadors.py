"""Step 3's ambassadors: employees who could speak for the firm, their combined followers and
their overlap with the brand's own audience (given, or measured in the interaction data)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ...results import action, finding, msg, table
from ...workspace import Workspace
from .privacy import Pseudonyms

if TYPE_CHECKING:
    from .model import Influencers


def number(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return float(value)


def ambassadors(r: Influencers, ws: Workspace, names: Pseudonyms) -> None:
    section = r.section
    listed = ws.table("ambassadors")
    if listed.empty and ws.has("team"):
        listed = _from_team(ws.table("team"))
        if not listed.empty:
            section.findings.append(
                finding("influencers.finding.ambassadors_from_team", n=len(listed))
            )
    if listed.empty:
        section.open_questions.append(msg("influencers.question.ambassadors"))
        section.actions.append(
            action("influencers.action.find_ambassadors", "owner.management", 45)
        )
        return
    rows = []
    audience = _audiences(r, [h for h in listed["handle"] if isinstance(h, str)])
    from_data = 0
    for a in listed.to_dict("records"):
        a = {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in a.items()}
        key = a["handle"] or f"{a['name']}|{a['platform'] or ''}".casefold()
        if str(a["name"]).strip().casefold() in r.team:
            # the firm's own people are named to their own firm
            label = a["name"]
        elif a["handle"] and a["handle"] in r.labels:
            # listed as a candidate too: one person, one label
            label = r.labels[a["handle"]]
        elif names.hides(False):
            label = names.label(key, False, "employee", a["platform"])
        else:
            label = "@" + a["handle"] if a["handle"] else a["name"]
        r.labels[key] = label
        followers = number(a["followers"])
        overlap = number(a["overlap_pct"])
        if overlap is None and a["handle"] in audience:
            overlap = audience[a["handle"]]
            from_data += 1
        rows.append(
            {
                "label": label,
                "role": a["role"],
                "platform": a["platform"],
                "followers": followers,
                "willing": None if a["willing"] is None else ("yes" if a["willing"] else "no"),
                "overlap": overlap,
                # people are whole: followers not yet following the brand, rounded
                "new": None
                if followers is None or overlap is None
                else float(round(followers * (1 - overlap / 100))),
            }
        )
    _report(r, rows, from_data)


def _report(r: Influencers, rows: list[dict], from_data: int) -> None:
    """The ambassadors' reach and its overlap with the brand's followers, found and tabled."""
    section = r.section
    frame = pd.DataFrame(rows)
    r.ambassadors = frame
    total = float(frame["followers"].fillna(0).sum())
    willing = int((frame["willing"] == "yes").sum())
    section.findings.append(
        finding(
            "influencers.finding.ambassadors",
            "positive" if willing else "info",
            n=len(frame),
            followers=total,
            willing=willing,
        )
    )
    if from_data:
        section.findings.append(
            finding(
                "influencers.finding.overlap_from_data",
                n=from_data,
                brand=["@" + h for h in sorted(r.own)],
            )
        )
    measured = frame.dropna(subset=["followers", "overlap"])
    if len(measured):
        section.findings.append(
            finding(
                "influencers.finding.ambassador_overlap",
                n=len(measured),
                followers=float(measured["followers"].sum()),
                new=float(measured["new"].sum()),
            )
        )
    else:
        section.open_questions.append(msg("influencers.question.overlap"))
    section.tables.append(
        table(
            "ambassadors",
            rows,
            ("label", "role", "platform", "followers", "willing", "overlap", "new"),
            "influencers.col",
            {
                "followers": "num",
                "willing": "code:influencers.yesno",
                "overlap": "pct",
                "new": "num",
            },
            labels={"label": "person"},
            title=msg("influencers.table.ambassadors_title", n=len(frame)),
            caption=msg("influencers.table.ambassadors_caption"),
        )
    )
    section.actions.append(
        action("influencers.action.ambassadors", "owner.management", 45, n=len(frame))
    )


def _from_team(team: pd.DataFrame) -> pd.DataFrame:
    """Ambassador candidates from the resources step's team table (its own staff, not
    external help), when the firm has not listed ambassadors itself."""
    if "person" not in team:
        return pd.DataFrame()
    own = team[~team["external"].fillna(False).astype(bool)] if "external" in team else team
    return pd.DataFrame(
        {
            "name": own["person"],
            "role": own.get("role"),
            "platform": None,
            "handle": None,
            "followers": None,
            "willing": None,
            "overlap_pct": None,
            "notes": None,
        }
    ).reset_index(drop=True)


def _audiences(r: Influencers, handles: list[str] | None = None) -> dict[str, float]:
    """Per account in the interaction data: the share (%) of those who interact with it who
    also interact with the brand's own accounts; empty without both."""
    g = r.graph
    if g is None or g.m == 0:
        return {}
    own = [g.index[h] for h in r.own if h in g.index]
    if not own:
        return {}
    brand = set(g.src[np.isin(g.dst, own)].tolist())
    if not brand:
        return {}
    out: dict[str, float] = {}
    order = np.argsort(g.dst, kind="stable")
    dst, src = g.dst[order], g.src[order]
    bounds = np.searchsorted(dst, np.arange(g.n + 1))
    for handle in handles if handles is not None else g.nodes:
        if handle not in g.index:
            continue
        i = g.index[handle]
        fans = src[bounds[i] : bounds[i + 1]]
        if fans.size and handle not in r.own:
            out[handle] = 100.0 * sum(1 for f in fans.tolist() if f in brand) / fans.size
    return out


__all__ = ["ambassadors", "number"]
