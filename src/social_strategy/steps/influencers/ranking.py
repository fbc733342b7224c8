"""The composite ranking: visible, adjustable weights and a sentence per person.

Each part (reach, engagement, network position, topic relevance, being local) is turned into
a percentile rank among the candidates whose value is known (1 = best), so parts on
different scales can be weighed. A candidate's score is the weighted mean of its known parts
(0-100); a part that is unknown for a candidate is left out of its mean and named in its
sentence, never filled in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...results import msg

PARTS = ("reach", "engagement", "network", "relevance", "local")
STRONG = 2 / 3
WEAK = 1 / 3


def score(frame: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """Add ``pct_<part>``, ``score`` (0-100) and ``rank`` to a frame with the part columns
    ``part_<part>`` (NaN where unknown)."""
    out = frame.copy()
    total = np.zeros(len(out))
    weight_sum = np.zeros(len(out))
    for part in PARTS:
        values = pd.to_numeric(out[f"part_{part}"], errors="coerce")
        known = values.notna()
        pct = pd.Series(np.nan, index=out.index)
        if known.sum() > 0:
            if values[known].nunique() == 1:
                pct[known] = 0.5
            else:
                pct[known] = (values[known].rank(method="average") - 1) / (known.sum() - 1)
        out[f"pct_{part}"] = pct
        w = float(weights.get(part, 0.0))
        total += np.where(known, pct.fillna(0) * w, 0.0)
        weight_sum += np.where(known, w, 0.0)
    out["score"] = np.where(
        weight_sum > 0, 100 * total / np.where(weight_sum > 0, weight_sum, 1), np.nan
    )
    out = out.sort_values(["score", "handle"], ascending=[False, True], na_position="last")
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def _detail(part: str, row: pd.Series) -> dict:
    """The part and the figure behind it: ``reach (121,000 followers)``."""
    if part == "reach":
        detail = msg("influencers.why.reach", followers=row["followers"])
    elif part == "engagement":
        detail = msg("influencers.why.engagement", rate=row["rate"])
    elif part == "network":
        detail = msg("influencers.why.network", rank=int(row["pr_rank"]))
    elif part == "relevance":
        detail = (
            msg("influencers.why.relevance", topics=list(row["matched"]))
            if row["matched"]
            else msg("influencers.why.relevance_none")
        )
    else:
        detail = msg("influencers.why.local" if row["part_local"] else "influencers.why.not_local")
    return msg(
        "influencers.why.part",
        part=msg(f"influencers.part.{part}").model_dump(),
        detail=detail.model_dump(),
    ).model_dump()


def absent(in_graph: object) -> bool:
    """True only where interaction data exist and the candidate is not in them."""
    return in_graph is not None and not pd.isna(in_graph) and not bool(in_graph)


def _unknown(part: str, row: pd.Series) -> str:
    """The name of an unknown part; a candidate absent from the interaction data has "no
    interaction data", not a network position of its own."""
    if part == "network" and absent(row.get("in_graph")):
        return "influencers.part.network_none"
    return f"influencers.part.{part}"


def why(row: pd.Series, weights: dict[str, float]) -> dict:
    """One sentence: the strongest weighted parts, the weakest, and what is unknown."""
    known = [p for p in PARTS if not pd.isna(row[f"pct_{p}"]) and weights.get(p, 0) > 0]
    unknown = [
        p
        for p in PARTS
        if pd.isna(row[f"pct_{p}"])
        and (weights.get(p, 0) > 0 or (p == "network" and absent(row.get("in_graph"))))
    ]
    strong = sorted(
        (p for p in known if row[f"pct_{p}"] >= STRONG),
        key=lambda p: -row[f"pct_{p}"] * weights[p],
    )[:2]
    weak = sorted((p for p in known if row[f"pct_{p}"] <= WEAK), key=lambda p: row[f"pct_{p}"])[:1]
    values = {
        "strong": [_detail(p, row) for p in strong],
        "weak": [_detail(p, row) for p in weak],
        "unknown": [msg(_unknown(p, row)).model_dump() for p in unknown],
    }
    key = "influencers.why." + (
        ("strong_weak" if weak else "strong") if strong else ("weak" if weak else "middle")
    )
    sentence = msg(key, **{k: v for k, v in values.items() if k != "unknown"}).model_dump()
    if unknown:
        return msg(
            "influencers.why.with_unknown", sentence=sentence, unknown=values["unknown"]
        ).model_dump()
    return sentence


__all__ = ["PARTS", "STRONG", "WEAK", "absent", "score", "why"]
