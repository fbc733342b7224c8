"""Step 3's ranking: the top candidates with their figures and the reasons for their rank,
their status, and what the engagement figures rest on."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...results import finding, msg, table
from . import ranking
from .ambassadors import number
from .model import Influencers

RANKING_FORMATS = {
    "rank": "num",
    "type": "code:influencers.type",
    "tier": "code:influencers.tier",
    "followers": "num",
    "rate": "pct1",
    "pr_rank": "num",
    "core": "num",
    "community": "num",
    "score": "num",
    "status": "code:influencers.status",
}


def add_ranking(r: Influencers) -> None:
    s, frame = r.settings, r.ranked
    top = frame.head(s.top_n)
    networked = r.position is not None
    keys = ["rank", "label", "type", "tier", "followers", "rate"]
    if networked:
        keys += ["pr_rank", "core", "community"]
    keys += ["score", "status"]
    rows = []
    for _, row in top.iterrows():
        rows.append(
            {
                "rank": int(row["rank"]),
                "label": row["label"],
                "type": row["type"],
                "tier": row["tier"],
                "followers": number(row["followers"]),
                "rate": number(row["rate"]),
                "pr_rank": _known_or_none(row.get("pr_rank"), row.get("in_graph")),
                "core": _known_or_none(row.get("core"), row.get("in_graph")),
                "community": None
                if pd.isna(row.get("community")) or row.get("community") < 0
                else int(row["community"]) + 1,
                "score": number(row["score"]),
                "status": row["status"],
                "why": row["why"],
            }
        )
    w = s.weights
    r.section.tables.append(
        table(
            "ranking",
            rows,
            keys,
            "influencers.col",
            RANKING_FORMATS,
            labels={"label": "account"},
            title=msg("influencers.table.ranking_title", n=len(top), total=len(frame)),
            caption=msg(
                "influencers.table.ranking_caption",
                reach=w.reach,
                engagement=w.engagement,
                network=w.network if r.network_scored else 0,
                relevance=w.relevance,
                local=w.local,
            ),
        )
    )
    _why_table(r, rows)
    _status(r)


def _why_table(r: Influencers, rows: list[dict]) -> None:
    """The reasons for each rank, in a table of their own."""
    # the reasons in a table of their own: beside eleven figures they would not fit a page
    r.section.tables.append(
        table(
            "ranking_why",
            [{k: row[k] for k in ("rank", "label", "why")} for row in rows],
            ("rank", "label", "why"),
            "influencers.col",
            {"rank": "num"},
            labels={"label": "account"},
            title=msg("influencers.table.why_title"),
        )
    )


def _status(r: Influencers) -> None:
    """How many candidates were contacted, agreed and declined."""
    frame = r.ranked
    counts = frame["status"].value_counts()
    r.section.findings.append(
        finding(
            "influencers.finding.status",
            n=len(frame),
            contacted=int(counts.get("contacted", 0)),
            agreed=int(counts.get("agreed", 0)),
            declined=int(counts.get("declined", 0)),
        )
    )


def _known_or_none(value, in_graph) -> Any:
    """A network figure, or "no interaction data" for a candidate outside the graph."""
    if ranking.absent(in_graph):
        return msg("influencers.cell.no_data").model_dump()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return int(value)


def add_engagement(r: Influencers) -> None:
    section, frame = r.section, r.ranked
    bases = sorted({b for b in frame["basis"] if isinstance(b, str)})
    if bases:
        section.findings.append(
            finding(
                "influencers.finding.engagement_definition",
                bases=[msg(f"influencers.basis.{b}").model_dump() for b in bases],
            )
        )
    missing = frame[frame["rate"].isna()]
    if len(missing):
        section.open_questions.append(
            msg(
                "influencers.question.engagement", people=list(missing["label"][:8]), n=len(missing)
            )
        )
    if frame["part_relevance"].isna().all():
        section.open_questions.append(msg("influencers.question.topics"))
    else:
        off = frame[frame["part_relevance"] == 0]
        if len(off):
            section.findings.append(
                finding(
                    "influencers.finding.off_topic",
                    "warning",
                    people=list(off["label"][:8]),
                    n=len(off),
                )
            )


__all__ = ["RANKING_FORMATS", "add_engagement", "add_ranking"]
