"""Step 3's chapter: candidates ranked, a complementary set chosen, ambassadors, privacy.

Combines engagement and tiers (:mod:`.engagement`), the position in the interaction network
(:mod:`.graph`, :mod:`.network`), the composite ranking (:mod:`.ranking`) and the set of k
people with the largest expected spread (:mod:`.spread`) into the section result. Every
person appears in the result under the label :mod:`.privacy` gives them, so no handle of a
pseudonymised person reaches the results, the report or the figures.

Each part is written by a module of its own: :mod:`.candidates` (labels and ranking),
:mod:`.ranking_section`, :mod:`.selection` (the set), :mod:`.network_section` and
:mod:`.ambassadors`; :mod:`.model` holds the result.
"""

from __future__ import annotations

import numpy as np

from ...results import SectionResult, action, finding, msg
from ...workspace import Workspace
from ..base import Context
from . import network, selection
from .ambassadors import ambassadors
from .candidates import candidate_labels, own_handles, rank_candidates
from .graph import from_table
from .model import Influencers
from .network_section import add_network
from .privacy import Pseudonyms
from .ranking_section import add_engagement, add_ranking

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
    own = own_handles(ws)
    team = _team(ws, settings)
    labels = candidate_labels(ws, candidates, own, team, names)

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
    ranked = rank_candidates(ws, candidates, graph, position, settings, labels)
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
        add_ranking(result)
        add_engagement(result)
        add_network(result)
    ambassadors(result, ws, names)
    _privacy(result, names)
    _defaults(result, ws)
    return result


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
