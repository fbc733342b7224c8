"""Step 3's candidates: who each account is (the firm's own, its people, or a person shown
under a pseudonym) and how the candidates rank on reach, engagement, network, relevance
and locality."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...workspace import Workspace
from ...workspace.inputs.influencers import normalise_handle
from . import engagement, ranking
from .privacy import Pseudonyms, is_public


def own_handles(ws: Workspace) -> set[str]:
    """The firm's own accounts as channels.csv names them."""
    channels = ws.table("channels")
    return {
        normalise_handle(h) for h in channels["handle"] if isinstance(h, str) and h.startswith("@")
    }


def candidate_labels(
    ws: Workspace, candidates: pd.DataFrame, own: set[str], team: set[str], names: Pseudonyms
) -> dict[str, Any]:
    """Each account's label: the firm's own accounts by handle, its own people by name, every
    other person as :mod:`.privacy` labels them (a pseudonym unless public)."""
    labels: dict[str, Any] = {h: "@" + h for h in own}
    staff = _staff_handles(ws, team)
    for _, c in candidates.iterrows():
        name = c["name"] if isinstance(c["name"], str) else None
        if name and name.casefold() in team:
            labels[c["handle"]] = name
        elif c["handle"] in staff:
            labels[c["handle"]] = staff[c["handle"]]
        else:
            labels[c["handle"]] = names.label(
                c["handle"], is_public(c["type"], c["public"]), c["type"], c["platform"]
            )
    return labels


def _staff_handles(ws: Workspace, team: set[str]) -> dict[str, str]:
    """Handles of ambassadors who are on the firm's team, with their names: an employee
    listed both as a candidate and as an ambassador is one person with one label."""
    table = ws.table("ambassadors")
    if table.empty or not team:
        return {}
    return {
        a["handle"]: a["name"]
        for a in table.to_dict("records")
        if isinstance(a.get("handle"), str) and str(a["name"]).casefold() in team
    }


def rank_candidates(ws, candidates, graph, position, settings, labels) -> pd.DataFrame:
    """The candidates as a ranked frame: each with its parts (reach, engagement, relevance,
    locality and, in the interaction network, its position), scored and explained."""
    if candidates.empty:
        return pd.DataFrame()
    terms = engagement.firm_terms(ws.strategy, ws.table("segments"))
    rows = []
    pr_order = None
    if position is not None:
        pr_order = {
            int(node): rank + 1
            for rank, node in enumerate(np.argsort(-position.pagerank, kind="stable"))
        }
    for c in candidates.to_dict("records"):
        row = _candidate_row(c, terms, labels[c["handle"]], settings, ws.strategy.firm.region)
        row["in_graph"] = None if position is None else c["handle"] in graph.index
        row.update(
            _network_cells(c["handle"] if row["in_graph"] else None, graph, position, pr_order)
        )
        rows.append(row)
    frame = pd.DataFrame(rows)
    weights = settings.weights.model_dump()
    if position is not None and not frame["in_graph"].astype(bool).all():
        # some candidates are not in the interaction data: a network part known for only
        # some of them would make the score compare unlike with unlike, so it is left out
        # of every candidate's score (it still decides the set among those who have it)
        weights["network"] = 0.0
    frame = ranking.score(frame, weights)
    frame["why"] = [ranking.why(row, weights) for _, row in frame.iterrows()]
    return frame.reset_index(drop=True)


def _candidate_row(c: dict, terms, label: str, settings, firm_region) -> dict:
    """One candidate's own cells and its parts of the score but the network's."""
    rate, basis = engagement.engagement(c, settings.engagement_basis)
    matched = engagement.matching_topics(c["topics"], terms) if terms else []
    local = engagement.is_local(c["region"], firm_region)
    return {
        "handle": c["handle"],
        "label": label,
        "type": c["type"],
        "platform": c["platform"],
        "followers": c["followers"],
        "tier": engagement.tier(c["followers"], settings.tiers),
        "rate": rate,
        "basis": basis,
        "topics": list(c["topics"]),
        "matched": matched,
        "status": c["status"],
        "public": is_public(c["type"], c["public"]),
        "part_reach": np.log10(c["followers"] + 1) if engagement._known(c["followers"]) else np.nan,
        "part_engagement": rate if rate is not None else np.nan,
        "part_relevance": len(matched) / len(c["topics"]) if c["topics"] and terms else np.nan,
        "part_local": np.nan if local is None else float(local),
    }


def _network_cells(handle: str | None, graph, position, pr_order) -> dict:
    """A candidate's position in the interaction network (``handle`` None: not in it)."""
    if handle is None:
        return {
            "pagerank": np.nan,
            "pr_rank": None,
            "in_strength": np.nan,
            "betweenness": np.nan,
            "core": None,
            "community": None,
            "part_network": np.nan,
        }
    i = graph.index[handle]
    return {
        "pagerank": float(position.pagerank[i]),
        "pr_rank": pr_order[i],
        "in_strength": float(position.in_strength[i]),
        "betweenness": float(position.betweenness[i]),
        "core": int(position.core[i]),
        "community": int(position.community[i]),
        "part_network": float(position.pagerank[i]),
    }


__all__ = ["candidate_labels", "own_handles", "rank_candidates"]
