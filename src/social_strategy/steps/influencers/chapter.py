"""Step 3's chapter: candidates ranked, a complementary set chosen, ambassadors, privacy.

Combines engagement and tiers (:mod:`.engagement`), the position in the interaction network
(:mod:`.graph`, :mod:`.network`), the composite ranking (:mod:`.ranking`) and the set of k
people with the largest expected spread (:mod:`.spread`) into the section result. Every
person appears in the result under the label :mod:`.privacy` gives them, so no handle of a
pseudonymised person reaches the results, the report or the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ...results import Column, SectionResult, Table, action, finding, msg
from ...workspace import Workspace
from ...workspace.inputs.influencers import normalise_handle
from ..base import Context, StepResult
from . import charts, engagement, network, ranking, spread
from .graph import Graph, from_table
from .privacy import Pseudonyms, is_public

SECTION = "influencers"
ORDER = 3


@dataclass(kw_only=True)
class Influencers(StepResult):
    """Everything the notebook shows and the chapter reports (labels only, no handles)."""

    ranked: pd.DataFrame
    graph: Graph | None
    position: network.Position | None
    chosen: list[str] = field(default_factory=list)
    chosen_spread: spread.Estimate | None = None
    comparisons: list[spread.Comparison] = field(default_factory=list)
    selection: spread.Selection | None = None
    ambassadors: pd.DataFrame = field(default_factory=pd.DataFrame)
    labels: dict[str, str] = field(default_factory=dict)
    #: the firm's own accounts (from channels.csv): never candidates, always named
    own: set[str] = field(default_factory=set)
    settings: Any = None

    names: Pseudonyms | None = None

    def label(self, handle: str) -> str:
        """What the report shows for an account: its pseudonym where due (accounts of the
        interaction data that are not candidates count as private persons)."""
        if handle not in self.labels:
            self.labels[handle] = self.names.label(handle, False)
        return self.labels[handle]


def run(ws: Workspace, ctx: Context) -> Influencers:
    """Rank the candidates, choose the set to approach, size up the ambassadors."""
    settings = ctx.settings
    candidates = ws.table("influencers")
    section = SectionResult(section=SECTION, order=ORDER)
    names = Pseudonyms(settings.pseudonym_key or ws.strategy.firm.name, settings.pseudonymise)

    graph = None
    if ws.has("interactions") and not candidates.empty:
        graph = from_table(ws.table("interactions"), list(candidates["handle"]))
    own = _own_handles(ws)
    labels: dict[str, str] = {h: "@" + h for h in own}
    for _, c in candidates.iterrows():
        labels[c["handle"]] = names.label(c["handle"], is_public(c["type"], c["public"]))

    position = None
    if graph is not None and graph.m > 0:
        idx = np.array([graph.index[h] for h in candidates["handle"]], dtype=np.int64)
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
    )
    if candidates.empty:
        section.summary.append(finding("influencers.summary.no_candidates", "warning"))
        section.open_questions.append(msg("influencers.question.candidates"))
        section.actions.append(
            action("influencers.action.collect_candidates", "owner.social_team", 21)
        )
    else:
        _choose(result)
        _ranking_table(result)
        _engagement(result, candidates)
        _network(result)
    _ambassadors(result, ws, names)
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
        if position is not None:
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
    frame = ranking.score(frame, weights)
    frame["why"] = [ranking.why(row, weights) for _, row in frame.iterrows()]
    return frame.reset_index(drop=True)


def _pool(r: Influencers) -> pd.DataFrame:
    """Candidates who can still be approached (not declined)."""
    return r.ranked[r.ranked["status"] != "declined"]


def _choose(r: Influencers) -> None:
    s, section = r.settings, r.section
    pool = _pool(r)
    k = min(s.k, len(pool))
    people = lambda handles: [r.label(h) for h in handles]  # noqa: E731
    if r.position is None:
        r.chosen = list(pool["handle"][:k])
        section.summary.append(
            finding("influencers.summary.no_network", "warning", k=k, people=people(r.chosen))
        )
        section.open_questions.append(msg("influencers.question.interactions"))
        section.actions.append(
            action("influencers.action.collect_interactions", "owner.social_team", 30)
        )
    else:
        g = r.graph
        c = spread.cascade(g, s.probability)
        idx = [g.index[h] for h in pool["handle"]]
        large = g.n > s.forward_max
        if large:
            r.selection = spread.celf_reverse(
                spread.reverse_sets(c, s.reverse_sets, s.seed), idx, k
            )
        else:
            r.selection = spread.celf(c, idx, k, s.simulations, s.seed)
        r.chosen = [g.nodes[i] for i in r.selection.seeds]
        by_followers = pool.sort_values(
            ["followers", "handle"], ascending=[False, True], na_position="last"
        )
        by_pagerank = pool.sort_values(["pagerank", "handle"], ascending=[False, True])
        others = {
            "followers": [g.index[h] for h in by_followers["handle"][:k]],
            "pagerank": [g.index[h] for h in by_pagerank["handle"][:k]],
        }
        if large:
            fresh = spread.reverse_sets(c, s.reverse_sets, s.seed + 1)
            r.chosen_spread, r.comparisons = spread.evaluate_reverse(
                fresh, r.selection.seeds, others
            )
            section.findings.append(
                finding("influencers.finding.reverse_sampling", nodes=g.n, sets=s.reverse_sets)
            )
        else:
            r.chosen_spread, r.comparisons = spread.evaluate(
                c, r.selection.seeds, others, s.simulations, s.seed + 1
            )
        _spread_chapter(r, others)
    section.decisions.append(msg("influencers.decision.set", people=people(r.chosen)))
    section.actions.append(
        action("influencers.action.contact", "owner.social_team", 30, people=people(r.chosen))
    )
    section.actions.append(action("influencers.action.review", "owner.social_team", 90))


def _spread_chapter(r: Influencers, others: dict[str, list[int]]) -> None:
    section, est, g = r.section, r.chosen_spread, r.graph
    people = [r.label(h) for h in r.chosen]
    by = {c.name: c for c in r.comparisons}
    top = by["followers"]
    same = sorted(top.seeds) == sorted(r.selection.seeds)
    values = dict(
        people=people,
        k=len(people),
        spread=est.mean,
        low=est.low,
        high=est.high,
        runs=est.runs,
        other=top.spread.mean,
        other_low=top.spread.low,
        other_high=top.spread.high,
        diff_low=top.difference.low,
        diff_high=top.difference.high,
    )
    code = "same" if same else ("better" if top.better else "not_better")
    section.summary.append(
        finding(f"influencers.summary.set_{code}", "positive" if top.better else "info", **values)
    )
    pr = by["pagerank"]
    if sorted(pr.seeds) != sorted(r.selection.seeds):
        section.findings.append(
            finding(
                "influencers.finding.vs_pagerank_" + ("better" if pr.better else "not_better"),
                other=pr.spread.mean,
                low=pr.difference.low,
                high=pr.difference.high,
            )
        )
    rows = [
        {
            "set": "chosen",
            "people": people,
            "spread": est.mean,
            "interval": msg("influencers.cell.interval", low=est.low, high=est.high).model_dump(),
            "verdict": None,
        }
    ]
    for comp in r.comparisons:
        rows.append(
            {
                "set": comp.name,
                "people": [r.label(g.nodes[i]) for i in comp.seeds],
                "spread": comp.spread.mean,
                "interval": msg(
                    "influencers.cell.interval", low=comp.spread.low, high=comp.spread.high
                ).model_dump(),
                "verdict": msg(
                    "influencers.cell." + ("further" if comp.better else "not_further"),
                    low=comp.difference.low,
                    high=comp.difference.high,
                ).model_dump(),
            }
        )
    section.tables.append(
        Table(
            id="sets",
            title=msg("influencers.table.sets_title", k=len(people)),
            caption=msg("influencers.table.sets_caption", runs=est.runs, seed=r.settings.seed),
            columns=[
                Column(key="set", label="influencers.col.set", format="code:influencers.set"),
                Column(key="people", label="influencers.col.people"),
                Column(key="spread", label="influencers.col.spread", format="num1"),
                Column(key="interval", label="influencers.col.interval"),
                Column(key="verdict", label="influencers.col.verdict"),
            ],
            rows=rows,
        )
    )
    r.add_figure(
        "spread",
        title=msg(f"influencers.figure.spread_title_{code}", k=len(people)),
        caption=msg("influencers.figure.spread_caption", runs=est.runs),
        alt=msg("influencers.figure.spread_alt", spread=est.mean, other=top.spread.mean),
        draw=lambda cat: charts.spread_bars(r, cat),
    )
    # who shares an audience among the top by followers
    communities = [
        int(r.position.community[i]) for i in others["followers"] if r.position.community[i] >= 0
    ]
    if len(communities) >= 2:
        most = max(set(communities), key=communities.count)
        shared = communities.count(most)
        if shared >= 2:
            section.findings.append(
                finding("influencers.finding.shared_audience", n=shared, k=len(others["followers"]))
            )


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
        Column(key="why", label="influencers.col.why"),
    ]
    rows = []
    for _, row in top.iterrows():
        rows.append(
            {
                "rank": int(row["rank"]),
                "label": row["label"],
                "type": row["type"],
                "tier": row["tier"],
                "followers": _num(row["followers"]),
                "rate": _num(row["rate"]),
                "pr_rank": row.get("pr_rank"),
                "core": row.get("core"),
                "community": None
                if row.get("community") is None or row.get("community") < 0
                else int(row["community"]) + 1,
                "score": _num(row["score"]),
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
                network=w.network,
                relevance=w.relevance,
                local=w.local,
            ),
            columns=columns,
            rows=rows,
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


def _num(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return float(value)


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
            edges=g.m,
            interactions=g.interactions,
        )
    )
    if g.self_loops or g.duplicates:
        section.findings.append(
            finding("influencers.finding.cleaned", loops=g.self_loops, duplicates=g.duplicates)
        )
    if p is None:
        return
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
        caption=msg("influencers.figure.network_caption", nodes=g.n, edges=g.m),
        alt=msg("influencers.figure.network_alt", n=min(len(r.ranked), r.settings.top_n)),
        draw=lambda cat: charts.network_picture(r, cat),
    )


def _ambassadors(r: Influencers, ws: Workspace, names: Pseudonyms) -> None:
    section = r.section
    table = ws.table("ambassadors")
    if table.empty and ws.has("team"):
        table = _from_team(ws.table("team"))
        if not table.empty:
            section.findings.append(
                finding("influencers.finding.ambassadors_from_team", n=len(table))
            )
    if table.empty:
        section.open_questions.append(msg("influencers.question.ambassadors"))
        section.actions.append(
            action("influencers.action.find_ambassadors", "owner.management", 45)
        )
        return
    rows = []
    audience = _audiences(r, [h for h in table["handle"] if isinstance(h, str)])
    from_data = 0
    for a in table.to_dict("records"):
        a = {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in a.items()}
        key = a["handle"] or f"{a['name']}|{a['platform'] or ''}".casefold()
        if names.hides(False):
            label = names.code(key)
        else:
            label = "@" + a["handle"] if a["handle"] else a["name"]
        r.labels[key] = label
        followers = _num(a["followers"])
        overlap = _num(a["overlap_pct"])
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
                "new": None
                if followers is None or overlap is None
                else followers * (1 - overlap / 100),
            }
        )
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
        Table(
            id="ambassadors",
            title=msg("influencers.table.ambassadors_title", n=len(frame)),
            caption=msg("influencers.table.ambassadors_caption"),
            columns=[
                Column(key="label", label="influencers.col.person"),
                Column(key="role", label="influencers.col.role"),
                Column(key="platform", label="influencers.col.platform"),
                Column(key="followers", label="influencers.col.followers", format="num"),
                Column(
                    key="willing", label="influencers.col.willing", format="code:influencers.yesno"
                ),
                Column(key="overlap", label="influencers.col.overlap", format="pct"),
                Column(key="new", label="influencers.col.new", format="num"),
            ],
            rows=rows,
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


def _privacy(r: Influencers, names: Pseudonyms) -> None:
    s = r.settings
    r.section.findings.append(finding("influencers.finding.gdpr", months=s.keep_months))
    people = set(r.labels) | (set(r.graph.nodes) if r.graph is not None else set())
    people -= r.own
    hidden = sum(1 for h in people if names.hides(h in r.labels and r.labels[h] == "@" + h))
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
