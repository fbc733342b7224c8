"""Step 3's results as tables for the notebook, headed and worded in the session's language."""

from __future__ import annotations

import pandas as pd

from . import ranking
from .model import Influencers
from .spread import about


def _col(cat, key: str) -> str:
    return cat.t(f"influencers.col.{key}")


def _code(cat, prefix: str, value) -> str:
    return cat.t(f"influencers.{prefix}.{value}") if isinstance(value, str) and value else ""


def _label(cat, label) -> str:
    """An account's label as text (a pseudonym's readable label translated)."""
    return label if isinstance(label, str) else cat.text(label)


def _cell(cat, value):
    """A network figure, or the "no interaction data" note."""
    if isinstance(value, dict):
        return cat.text(value)
    return "" if value is None or pd.isna(value) else int(value)


def ranking_frame(r: Influencers, cat, n: int | None = None) -> pd.DataFrame:
    """The ranked candidates: score, parts and the sentence why (pseudonyms where due)."""
    if r.ranked.empty:
        return pd.DataFrame()
    frame = r.ranked.head(n or len(r.ranked))
    columns = {
        "rank": frame["rank"],
        "account": [_label(cat, x) for x in frame["label"]],
        "type": [_code(cat, "type", t) for t in frame["type"]],
        "tier": [_code(cat, "tier", t) for t in frame["tier"]],
        "followers": frame["followers"],
        "rate": [cat.percent(x, 1) if pd.notna(x) else "" for x in frame["rate"]],
    }
    if r.position is not None:
        absent = [ranking.absent(x) for x in frame["in_graph"]]
        nodata = cat.t("influencers.cell.no_data")
        columns |= {
            "pr_rank": [
                nodata if a else _cell(cat, x)
                for a, x in zip(absent, frame["pr_rank"], strict=True)
            ],
            "core": [
                nodata if a else _cell(cat, x) for a, x in zip(absent, frame["core"], strict=True)
            ],
        }
    columns |= {
        "score": pd.to_numeric(frame["score"], errors="coerce").round(0),
        "status": [_code(cat, "status", s) for s in frame["status"]],
        "why": [cat.text(w) for w in frame["why"]],
    }
    out = pd.DataFrame(columns).rename(columns=lambda c: _col(cat, c))
    return out.set_index(_col(cat, "rank"))


def sets_frame(r: Influencers, cat) -> pd.DataFrame:
    """The chosen set and the sets it is compared with, with expected spreads."""
    if not r.chosen:
        return pd.DataFrame()
    if r.chosen_spread is None:
        return pd.DataFrame({_col(cat, "people"): [_label(cat, r.label(h)) for h in r.chosen]})
    g = r.graph
    est = r.chosen_spread
    seeds = r.selection.seeds
    rows = [
        {
            "set": cat.t("influencers.set.chosen"),
            "people": ", ".join(_label(cat, r.label(g.nodes[i])) for i in seeds),
            "spread": about(est),
            "interval": cat.t("influencers.cell.interval", low=est.low, high=est.high),
            "verdict": "",
        }
    ]
    for c in r.comparisons:
        d = c.difference
        rows.append(
            {
                "set": cat.t(f"influencers.set.{c.name}"),
                "people": ", ".join(_label(cat, r.label(g.nodes[i])) for i in c.seeds),
                "spread": about(c.spread),
                "interval": cat.t(
                    "influencers.cell.interval", low=c.spread.low, high=c.spread.high
                ),
                "verdict": cat.t("influencers.cell.identical")
                if sorted(c.seeds) == sorted(seeds)
                else cat.t(
                    "influencers.cell.further" if c.better else "influencers.cell.not_further",
                    low=d.low,
                    high=d.high,
                ),
            }
        )
    return pd.DataFrame(rows).rename(columns=lambda c: _col(cat, c))


def overlap_frame(r: Influencers, cat) -> pd.DataFrame:
    """How much the chosen people's audiences in the interaction data overlap, per pair."""
    if not r.overlaps:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "person": [_label(cat, r.label(a)) for a, _, _, _ in r.overlaps],
            "other": [_label(cat, r.label(b)) for _, b, _, _ in r.overlaps],
            "shared": [shared for _, _, shared, _ in r.overlaps],
            "share": [cat.percent(100 * share) for _, _, _, share in r.overlaps],
        }
    ).rename(columns=lambda c: _col(cat, c))


def ambassador_frame(r: Influencers, cat) -> pd.DataFrame:
    """The employees who could speak for the firm: followers, overlap, new followers."""
    a = r.ambassadors
    if a.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "person": [_label(cat, x) for x in a["label"]],
            "role": a["role"],
            "platform": a["platform"],
            "followers": a["followers"],
            "willing": [_code(cat, "yesno", w) for w in a["willing"]],
            "overlap": [cat.percent(x) if pd.notna(x) else "" for x in a["overlap"]],
            "new": pd.to_numeric(a["new"], errors="coerce").round(0),
        }
    ).rename(columns=lambda c: _col(cat, c))


__all__ = ["ambassador_frame", "overlap_frame", "ranking_frame", "sets_frame"]
