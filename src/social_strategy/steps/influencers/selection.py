"""Step 3's set to approach: the k people with the largest expected spread, chosen with CELF
(:mod:`.spread`), against the top k by followers and by PageRank, for the chapter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...results import action, finding, msg, table
from . import charts, spread
from .spread import about

if TYPE_CHECKING:
    from .model import Influencers


def pool(r: Influencers) -> pd.DataFrame:
    """Candidates who can still be approached (not declined)."""
    return r.ranked[r.ranked["status"] != "declined"]


def on_topic(frame: pd.DataFrame) -> pd.Series:
    """Not off-topic: at least one topic in common with the firm, or relevance unknown."""
    return ~(pd.to_numeric(frame["part_relevance"], errors="coerce") == 0)


def choose(r: Influencers) -> None:
    """The set to approach: by expected spread over the interaction network where the
    candidates are in it, else the top of the ranking (and a question for the data)."""
    s, section = r.settings, r.section
    relevant = _relevant(r)
    k = min(s.k, len(relevant))
    linked = (
        relevant[relevant["in_graph"].fillna(False).astype(bool)]
        if r.position is not None
        else relevant.iloc[0:0]
    )
    if linked.empty:
        r.chosen = list(relevant["handle"][:k])
        code = "no_network" if r.position is None else "none_in_graph"
        section.summary.append(
            finding(f"influencers.summary.{code}", "warning", k=k, people=_people(r, r.chosen))
        )
        section.open_questions.append(msg("influencers.question.interactions"))
        section.actions.append(
            action("influencers.action.collect_interactions", "owner.social_team", 30)
        )
    else:
        _choose_by_spread(r, relevant, linked, k)
    section.decisions.append(msg("influencers.decision.set", people=_people(r, r.chosen)))
    section.actions.append(
        action("influencers.action.contact", "owner.social_team", 30, people=_people(r, r.chosen))
    )
    section.actions.append(action("influencers.action.review", "owner.social_team", 90))


def _people(r: Influencers, handles) -> list:
    return [r.label(h) for h in handles]


def _relevant(r: Influencers) -> pd.DataFrame:
    """The candidates on topic (all of them when none is, with a warning); those left out
    for being off topic are named."""
    everyone = pool(r)
    relevant = everyone[on_topic(everyone)]
    off = everyone[~on_topic(everyone)]
    if relevant.empty and len(off):
        # nobody shares a topic with the firm: the set is chosen anyway, and says why
        r.section.findings.append(
            finding("influencers.finding.off_topic_chosen", "warning", n=len(off))
        )
        return everyone
    if len(off):
        r.section.findings.append(
            finding(
                "influencers.finding.off_topic_left_out",
                people=_people(r, off["handle"][:8]),
                n=len(off),
                weight=float(r.settings.weights.relevance),
            )
        )
    return relevant


def _choose_by_spread(r: Influencers, relevant: pd.DataFrame, linked: pd.DataFrame, k: int) -> None:
    """CELF over the network (reverse sampling on a large one), compared with the top by
    followers and by PageRank from the same candidates; the ranking completes a set the
    network cannot fill."""
    s, g = r.settings, r.graph
    k_net = min(k, len(linked))
    c = spread.cascade(g, s.probability)
    idx = [g.index[h] for h in linked["handle"]]
    large = g.n > s.forward_max
    if large:
        r.selection = spread.celf_reverse(
            spread.reverse_sets(c, s.reverse_sets, s.seed), idx, k_net
        )
    else:
        r.selection = spread.celf(c, idx, k_net, s.simulations, s.seed)
    chosen = [g.nodes[i] for i in r.selection.seeds]
    # every comparison set comes from the same candidates as the recommended one (in the
    # interaction data, on topic, not declined), so missing data is never rewarded
    by_followers = linked.sort_values(
        ["followers", "handle"], ascending=[False, True], na_position="last"
    )
    by_pagerank = linked.sort_values(["pagerank", "handle"], ascending=[False, True])
    others = {
        "followers": [g.index[h] for h in by_followers["handle"][:k_net]],
        "pagerank": [g.index[h] for h in by_pagerank["handle"][:k_net]],
    }
    if large:
        fresh = spread.reverse_sets(c, s.reverse_sets, s.seed + 1)
        r.chosen_spread, r.comparisons = spread.evaluate_reverse(fresh, r.selection.seeds, others)
        r.section.findings.append(
            finding("influencers.finding.reverse_sampling", nodes=g.n, sets=s.reverse_sets)
        )
    else:
        r.chosen_spread, r.comparisons = spread.evaluate(
            c, r.selection.seeds, others, s.simulations, s.seed + 1
        )
    # fewer on-topic candidates in the data than the set needs: the best of the others
    # by the ranking (reach, engagement, relevance) complete it, and the chapter says so
    rest = relevant[~relevant["handle"].isin(linked["handle"])]
    r.chosen_unlinked = list(rest["handle"][: k - k_net])
    r.chosen = chosen + r.chosen_unlinked
    _spread_chapter(r, others, len(linked))
    _overlap(r)


def audiences(r: Influencers, handles: list[str]) -> list[np.ndarray]:
    """Each account's audience in the interaction data: the accounts that interact with it
    (mention, reply to or share it; both ends of a link without direction)."""
    g = r.graph
    into = g.matrix.T.tocsr()
    return [
        into.indices[into.indptr[i] : into.indptr[i + 1]] for i in (g.index[h] for h in handles)
    ]


def overlaps(r: Influencers, handles: list[str]) -> list[tuple[str, str, int, float]]:
    """Every pair of ``handles``: accounts in both audiences, and their share of the smaller
    audience (1.0: one audience lies wholly inside the other)."""
    fans = audiences(r, handles)
    out = []
    for a in range(len(handles)):
        for b in range(a + 1, len(handles)):
            smaller = min(fans[a].size, fans[b].size)
            if smaller == 0:
                continue
            shared = int(np.intersect1d(fans[a], fans[b], assume_unique=True).size)
            out.append((handles[a], handles[b], shared, shared / smaller))
    return out


def _overlap(r: Influencers) -> None:
    """The measured overlap of the chosen people's audiences: a small table, a note where it
    is high, and "different audiences" only where every pair barely overlaps."""
    s, section = r.settings, r.section
    linked = [h for h in r.chosen if r.in_graph(h)]
    r.overlaps = overlaps(r, linked)
    if not r.overlaps:
        return
    high = [o for o in r.overlaps if o[3] * 100 >= s.overlap_high_pct]
    most = max(o[3] for o in r.overlaps)
    if high:
        section.summary.append(
            finding(
                "influencers.summary.audiences_overlap",
                "warning",
                pairs=[
                    msg(
                        "influencers.cell.pair",
                        a=r.label(a),
                        b=r.label(b),
                        share=100 * share,
                    ).model_dump()
                    for a, b, _, share in sorted(high, key=lambda o: -o[3])
                ],
                n=len(high),
            )
        )
    elif most * 100 < s.overlap_low_pct:
        section.summary.append(
            finding("influencers.summary.audiences_different", "positive", most=100 * most)
        )
    else:
        section.findings.append(finding("influencers.finding.audiences_partly", most=100 * most))
    section.tables.append(
        table(
            "overlap",
            [
                {"a": r.label(a), "b": r.label(b), "shared": shared, "share": 100 * share}
                for a, b, shared, share in r.overlaps
            ],
            ("a", "b", "shared", "share"),
            "influencers.col",
            {"shared": "num", "share": "pct"},
            labels={"a": "person", "b": "other"},
            title=msg("influencers.table.overlap_title", n=len(linked)),
            caption=msg(
                "influencers.table.overlap_caption",
                high=s.overlap_high_pct,
                low=s.overlap_low_pct,
            ),
        )
    )


def _spread_chapter(r: Influencers, others: dict[str, list[int]], linked: int) -> None:
    section, est, g = r.section, r.chosen_spread, r.graph
    seeds = [g.nodes[i] for i in r.selection.seeds]
    people = [r.label(h) for h in seeds]
    by = {c.name: c for c in r.comparisons}
    top = by["followers"]
    same = sorted(top.seeds) == sorted(r.selection.seeds)
    # the summary speaks in whole accounts; intervals and runs stay in the table's caption
    values = dict(people=people, k=len(people), spread=about(est), other=about(top.spread))
    code = "same" if same else ("better" if top.better else "not_better")
    section.summary.append(
        finding(f"influencers.summary.set_{code}", "positive" if top.better else "info", **values)
    )
    if r.chosen_unlinked:
        section.summary.append(
            finding(
                "influencers.summary.unlinked_added",
                "info",
                people=[r.label(h) for h in r.chosen_unlinked],
                n=len(r.chosen_unlinked),
            )
        )
    pr = by["pagerank"]
    if sorted(pr.seeds) == sorted(r.selection.seeds):
        section.findings.append(finding("influencers.finding.vs_pagerank_same"))
    else:
        section.findings.append(
            finding(
                "influencers.finding.vs_pagerank_" + ("better" if pr.better else "not_better"),
                other=about(pr.spread),
            )
        )
    _sets_table(r, people, linked)
    r.add_figure(
        "spread",
        title=msg(f"influencers.figure.spread_title_{code}", k=len(people)),
        caption=msg("influencers.figure.spread_caption", runs=est.runs),
        alt=msg("influencers.figure.spread_alt", spread=about(est), other=about(top.spread)),
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


def _sets_table(r: Influencers, people: list, linked: int) -> None:
    """The chosen set beside the other sets: spread, interval, and whether it reaches further."""
    section, est, g = r.section, r.chosen_spread, r.graph
    rows = [
        {
            "set": "chosen",
            "people": people,
            "spread": about(est),
            "interval": msg("influencers.cell.interval", low=est.low, high=est.high).model_dump(),
            "verdict": None,
        }
    ]
    for comp in r.comparisons:
        identical = sorted(comp.seeds) == sorted(r.selection.seeds)
        if identical:
            verdict = msg("influencers.cell.identical")
        else:
            verdict = msg(
                "influencers.cell." + ("further" if comp.better else "not_further"),
                low=comp.difference.low,
                high=comp.difference.high,
            )
        rows.append(
            {
                "set": comp.name,
                "people": [r.label(g.nodes[i]) for i in comp.seeds],
                "spread": about(comp.spread),
                "interval": msg(
                    "influencers.cell.interval", low=comp.spread.low, high=comp.spread.high
                ).model_dump(),
                "verdict": verdict.model_dump(),
            }
        )
    section.tables.append(
        table(
            "sets",
            rows,
            ("set", "people", "spread", "interval", "verdict"),
            "influencers.col",
            {"set": "code:influencers.set", "spread": "num"},
            title=msg("influencers.table.sets_title", k=len(people)),
            caption=msg(
                "influencers.table.sets_caption",
                runs=est.runs,
                seed=r.settings.seed,
                linked=linked,
                total=len(r.ranked),
            ),
        )
    )


__all__ = ["audiences", "choose", "on_topic", "overlaps", "pool"]
