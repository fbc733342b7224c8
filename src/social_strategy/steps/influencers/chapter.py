"""Step 3's chapter: candidates ranked, a complementary set chosen, ambassadors, privacy.

Combines engagement and tiers (:mod:`.engagement`), the position in the interaction network
(:mod:`.graph`, :mod:`.network`), the composite ranking (:mod:`.ranking`) and the set of k
people with the largest expected spread (:mod:`.spread`) into the section result. Every
person appears in the result under the label :mod:`.privacy` gives them, so no handle of a
pseudonymised person reaches the results, the report or the figures.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...results import Column, SectionResult, Table, action, finding, msg
from ...workspace import Workspace
from ...workspace.inputs.influencers import normalise_handle
from ..base import Context
from . import charts, engagement, network, ranking, selection
from .ambassadors import ambassadors, number
from .graph import from_table
from .model import Influencers
from .privacy import Pseudonyms, is_public

SECTION = "influencers"
ORDER = 3


def run(ws: Workspace, ctx: Context) -> Influencers:
    """Rank the candidates, choose the set to approach, size up the ambassadors."""
    settings = ctx.settings
    candidates = ws.table("influencers")
    section = SectionResult(section=SECTION, order=ORDER)
    names = Pseudonyms(settings.pseudonym_key or ws.strategy.firm.name, settings.pseudonymise)

    graph = None
    if ws.has("interactions") and not candidates.empty:
        graph = from_table(ws.table("interactions"), settings.direction)
    own = _own_handles(ws)
    labels: dict[str, Any] = {h: "@" + h for h in own}
    team = _team(ws, settings)
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

    position = None
    if graph is not None and graph.m > 0:
        idx = np.array(
            [graph.index[h] for h in candidates["handle"] if h in graph.index], dtype=np.int64
        )
        position = network.analyse(
            graph,
            idx,
            settings.seed,
            settings.exact_betweenness_max,
            settings.betweenness_samples,
        )
    ranked = _ranked(ws, candidates, graph, position, settings, labels)
    if not ranked.empty:
        ranked = ranked[~ranked["handle"].isin(own)].reset_index(drop=True)
    result = Influencers(
        section=section,
        ranked=ranked,
        graph=graph,
        position=position,
        labels=labels,
        own=own,
        names=names,
        settings=settings,
        team=team,
    )
    if candidates.empty:
        section.summary.append(finding("influencers.summary.no_candidates", "warning"))
        section.open_questions.append(msg("influencers.question.candidates"))
        section.actions.append(
            action("influencers.action.collect_candidates", "owner.social_team", 21)
        )
    else:
        selection.choose(result)
        _ranking_table(result)
        _engagement(result, candidates)
        _network(result)
    ambassadors(result, ws, names)
    _privacy(result, names)
    _defaults(result, ws)
    return result


# -- analysis --------------------------------------------------------------------------
def _own_handles(ws: Workspace) -> set[str]:
    """The firm's own accounts as channels.csv names them."""
    channels = ws.table("channels")
    return {
        normalise_handle(h) for h in channels["handle"] if isinstance(h, str) and h.startswith("@")
    }


def _team(ws: Workspace, settings) -> set[str]:
    """The firm's own people (team.csv, not external help), casefolded: named to their own
    firm, never pseudonymised (unless the setting hides everyone)."""
    if settings.pseudonymise == "all" or not ws.has("team"):
        return set()
    team = ws.table("team")
    if "person" not in team:
        return set()
    own = team[~team["external"].fillna(False).astype(bool)] if "external" in team else team
    return {p.strip().casefold() for p in own["person"] if isinstance(p, str) and p.strip()}


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


def _ranked(ws, candidates, graph, position, settings, labels) -> pd.DataFrame:
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
        rate, basis = engagement.engagement(c, settings.engagement_basis)
        matched = engagement.matching_topics(c["topics"], terms) if terms else []
        local = engagement.is_local(c["region"], ws.strategy.firm.region)
        row = {
            "handle": c["handle"],
            "label": labels[c["handle"]],
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
            "part_reach": np.log10(c["followers"] + 1)
            if engagement._known(c["followers"])
            else np.nan,
            "part_engagement": rate if rate is not None else np.nan,
            "part_relevance": len(matched) / len(c["topics"]) if c["topics"] and terms else np.nan,
            "part_local": np.nan if local is None else float(local),
        }
        row["in_graph"] = None if position is None else c["handle"] in graph.index
        if row["in_graph"]:
            i = graph.index[c["handle"]]
            row.update(
                pagerank=float(position.pagerank[i]),
                pr_rank=pr_order[i],
                in_strength=float(position.in_strength[i]),
                betweenness=float(position.betweenness[i]),
                core=int(position.core[i]),
                community=int(position.community[i]),
                part_network=float(position.pagerank[i]),
            )
        else:
            row.update(
                pagerank=np.nan,
                pr_rank=None,
                in_strength=np.nan,
                betweenness=np.nan,
                core=None,
                community=None,
                part_network=np.nan,
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


def _ranking_table(r: Influencers) -> None:
    s, frame = r.settings, r.ranked
    top = frame.head(s.top_n)
    networked = r.position is not None
    columns = [
        Column(key="rank", label="influencers.col.rank", format="num"),
        Column(key="label", label="influencers.col.account"),
        Column(key="type", label="influencers.col.type", format="code:influencers.type"),
        Column(key="tier", label="influencers.col.tier", format="code:influencers.tier"),
        Column(key="followers", label="influencers.col.followers", format="num"),
        Column(key="rate", label="influencers.col.rate", format="pct1"),
    ]
    if networked:
        columns += [
            Column(key="pr_rank", label="influencers.col.pr_rank", format="num"),
            Column(key="core", label="influencers.col.core", format="num"),
            Column(key="community", label="influencers.col.community", format="num"),
        ]
    columns += [
        Column(key="score", label="influencers.col.score", format="num"),
        Column(key="status", label="influencers.col.status", format="code:influencers.status"),
    ]
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
        Table(
            id="ranking",
            title=msg("influencers.table.ranking_title", n=len(top), total=len(frame)),
            caption=msg(
                "influencers.table.ranking_caption",
                reach=w.reach,
                engagement=w.engagement,
                network=w.network if r.network_scored else 0,
                relevance=w.relevance,
                local=w.local,
            ),
            columns=columns,
            rows=rows,
        )
    )
    # the reasons in a table of their own: beside eleven figures they would not fit a page
    r.section.tables.append(
        Table(
            id="ranking_why",
            title=msg("influencers.table.why_title"),
            columns=[
                Column(key="rank", label="influencers.col.rank", format="num"),
                Column(key="label", label="influencers.col.account"),
                Column(key="why", label="influencers.col.why"),
            ],
            rows=[{k: row[k] for k in ("rank", "label", "why")} for row in rows],
        )
    )
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


def _engagement(r: Influencers, candidates: pd.DataFrame) -> None:
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


def _network(r: Influencers) -> None:
    g, p, section = r.graph, r.position, r.section
    if g is None:
        return
    section.findings.append(
        finding(
            "influencers.finding.graph",
            nodes=g.n,
            edges=g.links,
            interactions=g.interactions,
        )
    )
    if g.self_loops or g.duplicates:
        section.findings.append(
            finding("influencers.finding.cleaned", loops=g.self_loops, duplicates=g.duplicates)
        )
    if p is None:
        return
    section.findings.append(finding(f"influencers.finding.direction_{g.direction}"))
    inside = r.ranked[r.ranked["in_graph"].fillna(False).astype(bool)]
    outside_data = r.ranked[~r.ranked["handle"].isin(inside["handle"])]
    if len(outside_data):
        section.findings.append(
            finding(
                "influencers.finding.not_in_graph",
                "warning",
                n=len(outside_data),
                total=len(r.ranked),
                people=list(outside_data["label"][:8]),
            )
        )
        if r.settings.weights.network > 0:
            section.findings.append(finding("influencers.finding.network_not_scored"))
    if 2 * len(inside) < len(r.ranked):
        section.summary.append(
            finding(
                "influencers.summary.few_in_graph", "warning", n=len(inside), total=len(r.ranked)
            )
        )
    if p.betweenness_sample:
        section.findings.append(
            finding(
                "influencers.finding.sampled_betweenness", samples=p.betweenness_sample, nodes=g.n
            )
        )
    listed = set(r.ranked["handle"]) | r.own
    outside = [i for i in np.argsort(-p.pagerank, kind="stable")[:10] if g.nodes[i] not in listed]
    if outside:
        section.findings.append(
            finding(
                "influencers.finding.outside",
                "info",
                people=[r.label(g.nodes[i]) for i in outside[:5]],
            )
        )
        section.actions.append(
            action(
                "influencers.action.check_outside",
                "owner.social_team",
                21,
                people=[r.label(g.nodes[i]) for i in outside[:5]],
            )
        )
    r.add_figure(
        "network",
        title=msg("influencers.figure.network_title", n=min(len(r.ranked), r.settings.top_n)),
        caption=msg("influencers.figure.network_caption", nodes=g.n, edges=g.links),
        alt=msg("influencers.figure.network_alt", n=min(len(r.ranked), r.settings.top_n)),
        draw=lambda cat: charts.network_picture(r, cat),
    )


def _privacy(r: Influencers, names: Pseudonyms) -> None:
    s = r.settings
    r.section.findings.append(finding("influencers.finding.gdpr", months=s.keep_months))
    hidden = len(names.shown)
    if hidden:
        r.section.findings.append(
            finding(
                "influencers.finding.pseudonymised",
                n=hidden,
                mode=msg(f"influencers.mode.{s.pseudonymise}").model_dump(),
            )
        )
    if len(r.ranked) or not r.ambassadors.empty:
        r.section.actions.append(
            action("influencers.action.gdpr", "owner.management", 30, months=s.keep_months)
        )


def _defaults(r: Influencers, ws: Workspace) -> None:
    s = r.settings
    chosen = s.model_fields_set
    section = r.section
    if r.ranked.empty:
        return
    if "tiers" not in chosen:
        section.defaults.append(
            msg(
                "influencers.default.tiers",
                **dict(zip(("micro", "mid", "macro", "mega"), s.tiers, strict=True)),
            )
        )
    if "weights" not in chosen:
        section.defaults.append(msg("influencers.default.weights"))
    if "k" not in chosen:
        section.defaults.append(msg("influencers.default.k", k=s.k))
    if r.position is not None and s.probability is None:
        section.defaults.append(msg("influencers.default.probability"))
    if r.overlaps and not {"overlap_high_pct", "overlap_low_pct"} & chosen:
        section.defaults.append(
            msg("influencers.default.overlap", high=s.overlap_high_pct, low=s.overlap_low_pct)
        )


__all__ = ["ORDER", "SECTION", "run"]
