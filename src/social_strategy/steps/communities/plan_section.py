"""Step 2's content plan: the checks against each place's rules (in a fixed order, each
at its level), the weekly mix of promotion, and each place's spam risk."""

from __future__ import annotations

import pandas as pd

from ...results import Finding, action, finding, msg, table
from ...workspace.inputs.communities import CommunitiesSettings
from . import charts, plan_checks, register
from .model import Communities

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


def add_plan(c: Communities, plan: pd.DataFrame, settings: CommunitiesSettings) -> None:
    r, review = c.section, c.review
    if plan.empty:
        r.summary.append(finding("communities.summary.no_plan", "warning"))
        r.open_questions.append(msg("communities.question.plan"))
        r.actions.append(action("communities.action.plan", "owner.social_team", 30))
        return
    issues = sorted(review.issues, key=lambda i: (RULE_ORDER.index(i.rule), i.rows))
    rows = sorted({row for i in issues for row in i.rows})
    # the plan's size, said in the summary either way
    size = {"n": review.posts, "placements": review.placements}
    if issues:
        r.summary.append(
            finding(
                "communities.summary.plan_issues",
                "warning",
                **size,
                issues=len(issues),
                rows=len(rows),
            )
        )
        r.actions.append(
            action("communities.action.fix_rows", "owner.social_team", 14, rows=rows[:30])
        )
    else:
        r.summary.append(finding("communities.summary.plan_clean", "positive", **size))
    for issue in issues:
        r.findings.append(_issue_finding(issue))
    if review.by_rule("contest"):
        r.actions.append(action("communities.action.contest_terms", "owner.management", 30))
    if review.by_rule("contest_moderation"):
        r.actions.append(action("communities.action.contest_moderation", "owner.social_team", 14))
    _mix(c, settings)
    high = [s.place for s in review.risks if s.level == "high"]
    if high:
        r.summary.append(finding("communities.summary.spam_high", "warning", places=high))


def _issue_finding(issue: plan_checks.Issue) -> Finding:
    """One problem of the content plan as a finding, its values as the catalog wants them."""
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
    return finding(
        f"communities.finding.{issue.rule}", LEVELS[issue.rule], rows=issue.rows, **values
    )


def _mix(c: Communities, settings: CommunitiesSettings) -> None:
    """The weekly mix of promotion and the rest, and each place's spam risk."""
    r, review = c.section, c.review
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
        table(
            "spam_risk",
            [
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
            ("place", "per_week", "score", "level", "reasons"),
            "communities.col",
            {"per_week": "num1", "score": "num", "level": "code:communities.level"},
            title=msg("communities.table.risk_title"),
            caption=msg("communities.table.risk_caption"),
        )
    )


def _risk_values(reasons):
    for code, values in reasons:
        if code == "rule_break":
            yield code, {"rule": msg(f"communities.rule.{values['rule']}").model_dump()}
        else:
            yield code, values


__all__ = ["LEVELS", "RULE_ORDER", "add_plan"]
