"""Step 2's register: each community's verdict (engage, listen, clarify) with its reasons,
the rules-of-engagement cards, and one verdict for a place that is also a channel."""

from __future__ import annotations

import pandas as pd

from ...reference import canonical_platform
from ...results import action, finding, msg, table
from . import register
from .model import Communities
from .places import linked_communities


def add_register(c: Communities, frame: pd.DataFrame) -> None:
    r = c.section
    if frame.empty:
        r.summary.append(finding("communities.summary.no_register", "critical"))
        r.open_questions.append(msg("communities.question.register"))
        r.actions.append(action("communities.action.build_register", "owner.social_team", 21))
        return
    by = {v: [s.name for s in c.suitability if s.verdict == v] for v in register.VERDICTS}
    r.summary.append(
        finding(
            "communities.summary.register",
            "positive" if by["engage"] else "info",
            n=len(frame),
            engage=by["engage"] or [msg("common.missing").model_dump()],
        )
    )
    if by["listen"]:
        r.summary.append(finding("communities.summary.listen", "info", names=by["listen"]))
        r.decisions.append(msg("communities.decision.listen", names=by["listen"]))
        r.actions.append(
            action("communities.action.listen", "owner.social_team", 14, names=by["listen"])
        )
    if by["engage"]:
        r.decisions.append(msg("communities.decision.engage", names=by["engage"]))
        r.actions.append(
            action("communities.action.introduce", "owner.social_team", 30, names=by["engage"])
        )
    if by["clarify"]:
        r.open_questions.append(msg("communities.question.clarify", names=by["clarify"]))
    _register_questions(c)
    _register_tables(c, len(frame))
    thin = [
        str(row["name"])
        for _, row in frame.iterrows()
        if not _given(row["rules"])
        or row["companies"] == "unknown"
        or not _given(row["self_promotion"])
    ]
    if thin:
        r.open_questions.append(msg("communities.question.rules", names=thin))
        r.actions.append(
            action("communities.action.ask_moderators", "owner.social_team", 21, names=thin)
        )
    with_competitors = [
        str(row["name"]) for _, row in frame.iterrows() if _given(row["competitors"])
    ]
    if with_competitors:
        r.findings.append(
            finding("communities.finding.competitors_present", names=with_competitors)
        )


def _register_questions(c: Communities) -> None:
    """Sensitive communities, and those whose review figures are missing."""
    r = c.section
    sensitive = [s.name for s in c.suitability if s.sensitive == "confirmed"]
    suggested = [s.name for s in c.suitability if s.sensitive == "suggested"]
    if sensitive or suggested:
        r.summary.append(
            finding("communities.summary.sensitive", "warning", names=sensitive + suggested)
        )
    if suggested:
        r.open_questions.append(msg("communities.question.sensitive", names=suggested))
    unmeasured = [
        s.name
        for s in c.suitability
        if any(m.code == "communities.reason.review_figures_missing" for m in s.reasons)
    ]
    if unmeasured:
        r.open_questions.append(msg("communities.question.review_figures", names=unmeasured))


def _register_tables(c: Communities, n: int) -> None:
    """The register with each community's verdict, and the rules-of-engagement cards."""
    r = c.section
    r.tables.append(
        table(
            "communities",
            [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "relevance": s.relevance,
                    "verdict": s.verdict,
                    "reasons": [m.model_dump() for m in s.reasons],
                }
                for s in c.suitability
            ],
            ("name", "kind", "relevance", "verdict", "reasons"),
            "communities.col",
            {
                "kind": "code:communities.ckind",
                "relevance": "pct",
                "verdict": "code:communities.verdict",
            },
            title=msg("communities.table.register_title", n=n),
            caption=msg("communities.table.register_caption"),
        )
    )
    r.tables.append(
        table(
            "cards",
            [s.card for s in c.suitability],
            ("name", "may", "often", "avoid", "rules", "moderators"),
            "communities.col",
            title=msg("communities.table.cards_title"),
            caption=msg("communities.table.cards_caption"),
        )
    )


def add_one_verdict(c: Communities, frame: pd.DataFrame, channels: pd.DataFrame, audience) -> None:
    """A place that is both a channel of step 1 and a community here gets one verdict: the
    register's (its rules decide what the firm may do there); the finding says so."""
    verdicts = {v.platform.lower(): v.verdict for v in getattr(audience, "verdicts", []) or []}
    if frame.empty or channels.empty:
        return
    mine = {s.name: s.verdict for s in c.suitability}
    for channel, community in linked_communities(frame, channels).items():
        step1 = verdicts.get(canonical_platform(channel).lower())
        if step1 is None or step1 == "not_considered":
            continue
        c.section.findings.append(
            finding(
                "communities.finding.one_verdict",
                channel=channel,
                community=community,
                step1=msg(f"audience.verdict.{step1}").model_dump(),
                verdict=msg(f"communities.verdict.{mine[community]}").model_dump(),
            )
        )


def _given(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


__all__ = ["add_one_verdict", "add_register"]
