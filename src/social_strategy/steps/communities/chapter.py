"""Step 2's chapter: communities and their rules, the content plan's checks, competitors.

Combines the community register (suitability and rules-of-engagement cards, see
:mod:`.register`), the content plan (checks and spam risk, see :mod:`.plan_checks`) and
the competitors (see :mod:`.competitors`) into the chapter's results.

Each part is written by a module of its own: :mod:`.register_section`,
:mod:`.plan_section` and :mod:`.competitors_section`; :mod:`.model` holds the result.
"""

from __future__ import annotations

from ...results import SectionResult, msg
from ...workspace import Workspace
from ...workspace.inputs.communities import CommunitiesSettings
from ..base import Context
from . import competitors, plan_checks, register, risk_links
from .competitors_section import add_competitors
from .model import ORDER, SECTION, Communities
from .places import places
from .plan_section import LEVELS, RULE_ORDER, add_plan
from .register_section import add_one_verdict, add_register


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
    add_register(c, register_frame)
    add_one_verdict(c, register_frame, channels, audience)
    add_plan(c, plan, settings)
    add_competitors(c, ws)
    _defaults(c, ws)
    risk_links.add(c, ws)  # step 5's link between the plan and the risk register
    return c


def _defaults(c: Communities, ws: Workspace) -> None:
    settings = ws.strategy.settings.communities
    chosen = settings.model_fields_set
    if not c.review.weeks:
        return
    for name in ("max_promotion_pct", "duplicate_threshold"):
        if name not in chosen:
            value = getattr(settings, name)
            c.section.defaults.append(msg(f"communities.default.{name}", value=value))
    if any(s.card["often"]["code"] == "communities.card.often_default" for s in c.suitability):
        c.section.defaults.append(msg("communities.default.often"))


__all__ = ["LEVELS", "ORDER", "RULE_ORDER", "SECTION", "Communities", "run"]
