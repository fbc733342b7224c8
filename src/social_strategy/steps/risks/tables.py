"""Step 5's results as tables for the notebook, headed and worded in the session's language.

The register and the answer queue are built here (texts whole, as the workshop needs them);
the other tables are the chapter's own (:func:`..frames.section_frame`)."""

from __future__ import annotations

import pandas as pd

from ..frames import section_frame
from . import monitoring
from .model import QUEUE, Risks


def _col(cat, key: str) -> str:
    return cat.t(f"risks.col.{key}")


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def register_frame(r: Risks, cat) -> pd.DataFrame:
    """The whole register, ranked: scores, tier, crisis cluster, owner and the prepared
    response, texts not cut."""
    reg = r.register
    if reg.empty:
        return pd.DataFrame()
    rows = []
    for _, x in reg.iterrows():
        if x["cluster_default"]:
            cluster = cat.t(
                "risks.cell.cluster_open",
                options=[cat.t(f"risks.cluster.{c}") for c in x["candidates"]],
            )
        else:
            cluster = cat.t("risks.cell.cluster", cluster=cat.t(f"risks.cluster.{x['cluster']}"))
        rows.append(
            {
                "rank": int(x["rank"]),
                "scenario": _text(x["scenario"]),
                "category": cat.t(f"risks.category.{x['category']}"),
                "likelihood": int(x["likelihood"]),
                "impact": int(x["impact"]),
                "score": int(x["score"]),
                "tier": cat.t(f"risks.tier.{x['tier']}"),
                "cluster": cluster,
                "strength": cat.t(
                    f"risks.strength.{x['strength'] if isinstance(x['strength'], str) else 'judge'}"
                ),
                "owner": _text(x["owner"]),
                "early_signals": _text(x["early_signals"]),
                "prevention": _text(x["prevention"]),
                "response": _text(x["response"]),
                "escalation": _text(x["escalation"]),
            }
        )
    return pd.DataFrame(rows).rename(columns=lambda c: _col(cat, c)).set_index(_col(cat, "rank"))


def cases_frame(r: Risks, cat) -> pd.DataFrame | None:
    """The classic cases of the reference catalogue, in the session's language."""
    return section_frame(r, "cases", cat)


def counted_frame(r: Risks, cat) -> pd.DataFrame | None:
    """What counts as a mention: the export's rows, cleaning and the watched terms' counts."""
    return section_frame(r, "counted", cat)


def spread_frame(r: Risks, cat) -> pd.DataFrame | None:
    """Simulated reach of a complaint by response time."""
    return section_frame(r, "spread", cat)


def sentiment_frame(r: Risks, cat) -> pd.DataFrame | None:
    """Share of negative mentions by language, with intervals."""
    return section_frame(r, "sentiment", cat)


def queue_frame(r: Risks, cat, n: int = QUEUE) -> pd.DataFrame:
    """Answer first: the open mentions, negative ones first, then by reach; texts whole."""
    if r.mentions is None:
        return pd.DataFrame()
    q = monitoring.queue(r.mentions[r.mentions["about_firm"]], n)
    if q.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "time": [cat.date(t.date()) + t.strftime(" %H:%M") for t in q["time"]],
            "source": [_text(s) for s in q["source"]],
            "author": [_text(a) for a in q["author"]],
            "reach": pd.to_numeric(q["reach"], errors="coerce").to_list(),
            "sentiment": [cat.t(f"risks.sentiment.{s}") if s else "" for s in q["sentiment"]],
            "text": [monitoring.safe_text(t, 10**6) for t in q["text"]],
        }
    ).rename(columns=lambda c: _col(cat, c))


__all__ = [
    "cases_frame",
    "counted_frame",
    "queue_frame",
    "register_frame",
    "sentiment_frame",
    "spread_frame",
]
