"""Step 3's results as tables for the notebook, in the session's language (labels only)."""

from __future__ import annotations

import pandas as pd

from .chapter import Influencers


def ranking_frame(r: Influencers, cat, n: int | None = None) -> pd.DataFrame:
    """The ranked candidates: score, parts and the sentence why (pseudonyms where due)."""
    if r.ranked.empty:
        return pd.DataFrame()
    frame = r.ranked.head(n or len(r.ranked))
    return pd.DataFrame(
        {
            "rank": frame["rank"],
            "account": frame["label"],
            "type": [cat.t(f"influencers.type.{t}") if t else "" for t in frame["type"]],
            "tier": [cat.t(f"influencers.tier.{t}") if t else "" for t in frame["tier"]],
            "followers": frame["followers"],
            "engagement %": frame["rate"].round(2),
            "PageRank rank": frame["pr_rank"],
            "k-core": frame["core"],
            "score": frame["score"].round(0),
            "status": [cat.t(f"influencers.status.{s}") for s in frame["status"]],
            "why": [cat.text(w) for w in frame["why"]],
        }
    ).set_index("rank")


def sets_frame(r: Influencers, cat) -> pd.DataFrame:
    """The chosen set and the sets it is compared with, with expected spreads."""
    if r.chosen_spread is None:
        return pd.DataFrame({"chosen": [r.label(h) for h in r.chosen]})
    g = r.graph
    rows = [
        {
            "set": cat.t("influencers.set.chosen"),
            "people": ", ".join(r.label(h) for h in r.chosen),
            "expected spread": round(r.chosen_spread.mean, 1),
            "95% interval": f"{r.chosen_spread.low:.1f} - {r.chosen_spread.high:.1f}",
            "chosen set reaches further": "",
        }
    ]
    for c in r.comparisons:
        rows.append(
            {
                "set": cat.t(f"influencers.set.{c.name}"),
                "people": ", ".join(r.label(g.nodes[i]) for i in c.seeds),
                "expected spread": round(c.spread.mean, 1),
                "95% interval": f"{c.spread.low:.1f} - {c.spread.high:.1f}",
                "chosen set reaches further": "yes" if c.better else "not shown",
            }
        )
    return pd.DataFrame(rows)


def ambassador_frame(r: Influencers) -> pd.DataFrame:
    return r.ambassadors
