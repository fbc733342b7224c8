"""Step 2's chapter: communities and their rules, the content plan's checks, competitors.

Combines the community register (suitability and rules-of-engagement cards, see
:mod:`.register`), the content plan (checks and spam risk, see :mod:`.plan_checks`) and
the competitors (see :mod:`.competitors`) into the chapter's results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...reference import canonical_platform
from ...results import Column, SectionResult, Table, action, finding, msg
from ...workspace import Workspace
from ...workspace.inputs.communities import CommunitiesSettings
from ..base import Context, StepResult
from . import charts, competitors, plan_checks, register, risk_links
from .places import linked_communities, places

SECTION = "communities"
ORDER = 2
#: findings about the content plan, in the order the chapter lists them
RULE_ORDER = (
    "sensitive_promotion",
    "not_welcome",
    "promotion_forbidden",
    "outside_vendor_area",
    "individuals_only",
    "promotion_ratio",
    "over_limit",
    "company_limit",
    "links_forbidden",
    "wrong_day",
    "promotion_mix",
    "promotion_week",
    "everywhere",
    "repeat",
    "no_teaser",
    "contest",
    "contest_moderation",
    "contest_terms",
    "unknown_place",
)
LEVELS = {
    "sensitive_promotion": "critical",
    "outside_vendor_area": "critical",
    "individuals_only": "critical",
    "company_limit": "warning",
    "links_forbidden": "warning",
    "wrong_day": "warning",
    "not_welcome": "critical",
    "promotion_forbidden": "critical",
    "promotion_ratio": "warning",
    "over_limit": "warning",
    "promotion_mix": "warning",
    "promotion_week": "warning",
    "everywhere": "warning",
    "repeat": "warning",
    "no_teaser": "info",
    "contest": "warning",
    "contest_moderation": "warning",
    "contest_terms": "warning",
    "unknown_place": "info",
}


@dataclass(kw_only=True)
class Communities(StepResult):
    """Everything the notebook shows, the chapter reports and later steps read."""

    suitability: list[register.Suitability]
    review: plan_checks.PlanReview
    comparison: competitors.Comparison
    #: planned posts per week per channel or community over the plan's span
    posts_per_week: dict[str, float] = field(default_factory=dict)
    #: contests and hashtag campaigns in the plan, for the risk step
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    settings: Any = None


def run(ws: Workspace, ctx: Context) -> Communities:
    """Suitability of each community, checks of the content plan, competitors."""
    settings = ctx.settings or CommunitiesSettings()
    register_frame = ws.table("communities")
    channels = ws.table("channels")
    plan = ws.table("content_plan")
    audience = ctx.earlier.get("audience")
    weights = getattr(audience, "weights", None)

    known = places(register_frame, channels)
    result = SectionResult(section=SECTION, order=ORDER)
    review = plan_checks.review(plan, known, settings, len(register_frame))
    campaigns = [
        {
            "row": int(r["_row"]),
            "date": r["date"].isoformat(),
            "channel": r["channel"],
            "title": r["title"] or r["topic"],
            "moderation": r.get("moderation"),
            "terms": r.get("terms"),
        }
        for _, r in plan[plan["kind"] == "contest"].iterrows()
    ]
    c = Communities(
        section=result,
        suitability=register.judge(register_frame, weights, getattr(audience, "names", None)),
        review=review,
        comparison=competitors.compare(ws.table("competitors"), channels, ws.name, register_frame),
        posts_per_week=review.posts_per_week,
        campaigns=campaigns,
        settings=settings,
    )
    _register(c, register_frame)
    _one_verdict(c, register_frame, channels, audience)
    _plan(c, plan, settings)
    _competitors(c, ws)
    _defaults(c, ws)
    risk_links.add(c, ws)  # step 5's link between the plan and the risk register
    return c


# -- the register ----------------------------------------------------------------------
def _register(c: Communities, frame: pd.DataFrame) -> None:
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
    r.tables.append(
        Table(
            id="communities",
            title=msg("communities.table.register_title", n=len(frame)),
            caption=msg("communities.table.register_caption"),
            columns=[
                Column(key="name", label="communities.col.name"),
                Column(key="kind", label="communities.col.kind", format="code:communities.ckind"),
                Column(key="relevance", label="communities.col.relevance", format="pct"),
                Column(
                    key="verdict",
                    label="communities.col.verdict",
                    format="code:communities.verdict",
                ),
                Column(key="reasons", label="communities.col.reasons"),
            ],
            rows=[
                {
                    "name": s.name,
                    "kind": s.kind,
                    "relevance": s.relevance,
                    "verdict": s.verdict,
                    "reasons": [m.model_dump() for m in s.reasons],
                }
                for s in c.suitability
            ],
        )
    )
    r.tables.append(
        Table(
            id="cards",
            title=msg("communities.table.cards_title"),
            caption=msg("communities.table.cards_caption"),
            columns=[
                Column(key="name", label="communities.col.name"),
                Column(key="may", label="communities.col.may"),
                Column(key="often", label="communities.col.often"),
                Column(key="avoid", label="communities.col.avoid"),
                Column(key="rules", label="communities.col.rules"),
                Column(key="moderators", label="communities.col.moderators"),
            ],
            rows=[s.card for s in c.suitability],
        )
    )
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


def _one_verdict(c: Communities, frame: pd.DataFrame, channels: pd.DataFrame, audience) -> None:
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


# -- the content plan ------------------------------------------------------------------
def _plan(c: Communities, plan: pd.DataFrame, settings: CommunitiesSettings) -> None:
    r, review = c.section, c.review
    if plan.empty:
        r.summary.append(finding("communities.summary.no_plan", "warning"))
        r.open_questions.append(msg("communities.question.plan"))
        r.actions.append(action("communities.action.plan", "owner.social_team", 30))
        return
    issues = sorted(review.issues, key=lambda i: (RULE_ORDER.index(i.rule), i.rows))
    rows = sorted({row for i in issues for row in i.rows})
    if issues:
        r.summary.append(
            finding(
                "communities.summary.plan_issues",
                "warning",
                n=review.posts,
                placements=review.placements,
                issues=len(issues),
                rows=len(rows),
            )
        )
        r.actions.append(
            action("communities.action.fix_rows", "owner.social_team", 14, rows=rows[:30])
        )
    else:
        r.summary.append(
            finding(
                "communities.summary.plan_clean",
                "positive",
                n=review.posts,
                placements=review.placements,
            )
        )
    for issue in issues:
        values = dict(issue.values)
        if issue.place is not None:
            values["place"] = issue.place
        if "rule" in values:
            values["rule"] = msg(f"communities.rule.{values['rule']}").model_dump()
        if "pairs" in values:
            values["pairs"] = [
                msg(
                    "communities.cell.pair", a=p["rows"][0], b=p["rows"][1], score=p["score"]
                ).model_dump()
                for p in values["pairs"]
            ]
        if "days" in values:
            values["days"] = register.day_names(values["days"])
        if issue.rule == "sensitive_promotion":
            values.pop("suggested", None)
        r.findings.append(
            finding(
                f"communities.finding.{issue.rule}",
                LEVELS[issue.rule],
                rows=issue.rows,
                **values,
            )
        )
    if review.by_rule("contest"):
        r.actions.append(action("communities.action.contest_terms", "owner.management", 30))
    if review.by_rule("contest_moderation"):
        r.actions.append(action("communities.action.contest_moderation", "owner.social_team", 14))
    promo = int(review.weekly["promotion"].sum())
    total = int(review.weekly.to_numpy().sum())
    share = promo / total * 100 if total else 0.0
    c.add_figure(
        "mix",
        title=msg(
            "communities.figure.mix_title"
            if share <= settings.max_promotion_pct
            else "communities.figure.mix_title_high",
            share=share,
            limit=settings.max_promotion_pct,
        ),
        caption=msg("communities.figure.mix_caption", n=total, weeks=review.weeks),
        alt=msg("communities.figure.mix_alt", n=total, weeks=review.weeks, share=share),
        draw=lambda cat: charts.mix_by_week(review.weekly, cat, settings.max_promotion_pct),
    )
    r.tables.append(
        Table(
            id="spam_risk",
            title=msg("communities.table.risk_title"),
            caption=msg("communities.table.risk_caption"),
            columns=[
                Column(key="place", label="communities.col.place"),
                Column(key="per_week", label="communities.col.per_week", format="num1"),
                Column(key="score", label="communities.col.score", format="num"),
                Column(key="level", label="communities.col.level", format="code:communities.level"),
                Column(key="reasons", label="communities.col.reasons"),
            ],
            rows=[
                {
                    "place": s.place,
                    "per_week": review.posts_per_week.get(s.place),
                    "score": s.score,
                    "level": s.level,
                    "reasons": [
                        msg(f"communities.risk.{code}", **values).model_dump()
                        for code, values in _risk_values(s.reasons)
                    ]
                    or [msg("communities.risk.clean").model_dump()],
                }
                for s in sorted(review.risks, key=lambda s: (-s.score, s.place))
            ],
        )
    )
    high = [s.place for s in review.risks if s.level == "high"]
    if high:
        r.summary.append(finding("communities.summary.spam_high", "warning", places=high))


def _risk_values(reasons):
    for code, values in reasons:
        if code == "rule_break":
            yield code, {"rule": msg(f"communities.rule.{values['rule']}").model_dump()}
        else:
            yield code, values


# -- competitors -----------------------------------------------------------------------
def _competitors(c: Communities, ws: Workspace) -> None:
    r, comp = c.section, c.comparison
    if not ws.has("competitors"):
        r.open_questions.append(msg("communities.question.competitors"))
        return
    r.tables.append(
        Table(
            id="competitors",
            title=msg("communities.table.competitors_title", n=len(comp.rows) - 1),
            caption=msg("communities.table.competitors_caption"),
            columns=[
                Column(key="name", label="communities.col.competitor"),
                Column(key="channels", label="communities.col.channels"),
                Column(key="posts_per_week", label="communities.col.posts_per_week", format="num1"),
                Column(
                    key="avg_interactions", label="communities.col.avg_interactions", format="num1"
                ),
                Column(key="strengths", label="communities.col.strengths"),
                Column(key="weaknesses", label="communities.col.weaknesses"),
            ],
            rows=comp.rows,
        )
    )
    per_channel = [p for p in comp.presence if p.posts_per_week is not None or not p.present]
    if per_channel or any(p.avg_interactions is not None for p in comp.presence):
        r.tables.append(
            Table(
                id="competitor_channels",
                title=msg("communities.table.competitor_channels_title"),
                caption=msg("communities.table.competitor_channels_caption"),
                columns=[
                    Column(key="competitor", label="communities.col.competitor"),
                    Column(key="place", label="communities.col.place"),
                    Column(key="followers", label="communities.col.followers", format="num"),
                    Column(
                        key="posts_per_week", label="communities.col.posts_per_week", format="num1"
                    ),
                    Column(
                        key="avg_interactions",
                        label="communities.col.avg_interactions",
                        format="num1",
                    ),
                    Column(
                        key="engagement_rate",
                        label="communities.col.engagement_rate",
                        format="pct1",
                    ),
                ],
                rows=[
                    {
                        "competitor": p.competitor,
                        "place": p.place,
                        "followers": p.followers,
                        "posts_per_week": p.posts_per_week,
                        "avg_interactions": p.avg_interactions,
                        "engagement_rate": p.engagement_rate,
                    }
                    for p in comp.presence
                    if p.present
                ],
            )
        )
    if comp.openings:
        r.findings.append(
            finding("communities.finding.openings", "positive", channels=comp.openings)
        )
    if comp.unchecked:
        r.open_questions.append(
            msg("communities.question.competitor_presence", places=comp.unchecked)
        )
    for competitor, place, case, note in comp.lessons:
        r.findings.append(
            finding(
                f"communities.finding.lesson_{case}",
                "warning" if case == "bad" else "info",
                competitor=competitor,
                place=place or msg("common.missing").model_dump(),
                note=note,
            )
        )
    for d in comp.dominant[:5]:
        code = "dominant" if d.ours is not None else "dominant_absent"
        r.findings.append(
            finding(
                f"communities.finding.{code}",
                competitor=d.competitor,
                platform=d.platform,
                followers=d.followers,
                ours=d.ours,
            )
        )
    r.actions.append(action("communities.action.watch_competitors", "owner.social_team", 60))


def _defaults(c: Communities, ws: Workspace) -> None:
    settings = ws.strategy.settings.communities
    chosen = settings.model_fields_set
    if not c.review.weeks:
        return
    if "max_promotion_pct" not in chosen:
        c.section.defaults.append(
            msg("communities.default.max_promotion_pct", value=settings.max_promotion_pct)
        )
    if "duplicate_threshold" not in chosen:
        c.section.defaults.append(
            msg("communities.default.duplicate_threshold", value=settings.duplicate_threshold)
        )
    if any(s.card["often"]["code"] == "communities.card.often_default" for s in c.suitability):
        c.section.defaults.append(msg("communities.default.often"))


__all__ = ["LEVELS", "ORDER", "RULE_ORDER", "SECTION", "Communities", "run"]
