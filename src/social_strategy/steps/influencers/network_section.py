"""Step 3's network: the interaction data read, who is in it and who is not, the people
outside the list the network points to, and the network picture."""

from __future__ import annotations

import numpy as np

from ...results import action, finding, msg
from . import charts
from .model import Influencers


def add_network(r: Influencers) -> None:
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
    _outside(r)
    r.add_figure(
        "network",
        title=msg("influencers.figure.network_title", n=min(len(r.ranked), r.settings.top_n)),
        caption=msg("influencers.figure.network_caption", nodes=g.n, edges=g.links),
        alt=msg("influencers.figure.network_alt", n=min(len(r.ranked), r.settings.top_n)),
        draw=lambda cat: charts.network_picture(r, cat),
    )


def _outside(r: Influencers) -> None:
    """The accounts the network ranks high that are not on the list: to check."""
    g, p, section = r.graph, r.position, r.section
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


__all__ = ["add_network"]
