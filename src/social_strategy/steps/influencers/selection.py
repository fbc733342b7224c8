"""Step 3's set to approach: the k people with the largest expected spread, chosen with CELF
(:mod:`.spread`), against the top k by followers and by PageRank, for the chapter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...results import Column, Table, action, finding, msg
from . import charts, spread

if TYPE_CHECKING:
    from .model import Influencers


def pool(r: Influencers) -> pd.DataFrame:
    """Candidates who can still be approached (not declined)."""
    return r.ranked[r.ranked["status"] != "declined"]


def choose(r: Influencers) -> None:
    s, section = r.settings, r.section
    candidates = pool(r)
    k = min(s.k, len(candidates))
    people = lambda handles: [r.label(h) for h in handles]  # noqa: E731
    if r.position is None:
        r.chosen = list(candidates["handle"][:k])
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
        idx = [g.index[h] for h in candidates["handle"]]
        large = g.n > s.forward_max
        if large:
            r.selection = spread.celf_reverse(
                spread.reverse_sets(c, s.reverse_sets, s.seed), idx, k
            )
        else:
            r.selection = spread.celf(c, idx, k, s.simulations, s.seed)
        r.chosen = [g.nodes[i] for i in r.selection.seeds]
        by_followers = candidates.sort_values(
            ["followers", "handle"], ascending=[False, True], na_position="last"
        )
        by_pagerank = candidates.sort_values(["pagerank", "handle"], ascending=[False, True])
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


__all__ = ["choose", "pool"]
