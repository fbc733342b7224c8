"""Step 4's demand: the channels the plan covers, the posts and answers per week it asks
for, and why it needs answers in the evenings and at weekends."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ... import reference
from ...workspace import Workspace
from ..base import Context
from .hours import WHOLE, Volume, answers_from_export, video_shares

#: a channel in channels.csv whose name says one of these is a review site: answered, not
#: posted to
REVIEW_SITE = re.compile(
    r"google|review|bewertung|trustpilot|yelp|kununu|provenexpert|jameda|tripadvisor|golocal",
    re.IGNORECASE,
)
#: a goal whose metric says one of these is a response-time target
RESPONSE_GOAL = re.compile(r"response|antwortzeit|reaktionszeit|antworten binnen", re.IGNORECASE)


def _posts_per_week(ctx: Context, ws: Workspace) -> tuple[dict[str, float], str | None]:
    """Posts per week per channel: step 2's content plan, else the current rate."""
    comm = ctx.earlier.get("communities")
    planned = getattr(comm, "posts_per_week", None)
    if planned:
        return {str(k): float(v) for k, v in planned.items() if v is not None}, "plan"
    channels = ws.table("channels")
    current = {
        str(r["platform"]): float(r["posts_per_week"])
        for _, r in channels.iterrows()
        if r["posts_per_week"] is not None and not pd.isna(r["posts_per_week"])
    }
    return current, ("current" if current else None)


def plan_channels(ctx: Context, ws: Workspace) -> tuple[list[str], str]:
    audience = ctx.earlier.get("audience")
    recommended = list(getattr(audience, "recommended", []) or [])
    if recommended:
        return recommended, "recommended"
    named = [c for c in ws.table("activities")["channel"] if isinstance(c, str)]
    if named:
        return list(dict.fromkeys(named)), "activities"
    channels = ws.table("channels")
    listed = [
        str(r["platform"])
        for _, r in channels.iterrows()
        if isinstance(r["platform"], str)
        and r.get("considered", True) is not False
        and not REVIEW_SITE.search(r["platform"])
    ]
    return listed, "channels"


def plan_volume(ws: Workspace, ctx: Context, channels: list[str]) -> tuple[Volume, str | None]:
    posts, posts_basis = _posts_per_week(ctx, ws)
    volume = Volume(posts=posts, posts_from=posts_basis or "plan")
    volume.video_share = video_shares(ws.table("content_plan"))
    s = ctx.settings
    if s.answers_per_week is not None:
        volume.answers, volume.answers_from = {WHOLE: float(s.answers_per_week)}, "settings"
    else:
        found = answers_from_export(ws.table("mentions"))
        if found:
            volume.answers, volume.answers_from = found, "export"
    known = {reference.canonical_platform(c).lower() for c in channels}
    reviews = [
        str(p)
        for p in ws.table("channels")["platform"]
        if isinstance(p, str) and REVIEW_SITE.search(p)
    ]
    register = ws.table("communities")
    volume.communities = [str(n) for n in register["name"]] if not register.empty else []
    if not register.empty:
        reviews += [str(n) for n in register.loc[register["kind"] == "review_platform", "name"]]
    volume.answer_only = [
        p for p in dict.fromkeys(reviews) if reference.canonical_platform(p).lower() not in known
    ]
    return volume, posts_basis


def cover_needed(ws: Workspace, settings: Any) -> list[str]:
    """Why the plan needs answers in the evenings and at weekends."""
    out = []
    plan = ws.table("content_plan")
    if not plan.empty and (plan["kind"] == "contest").any():
        out.append("contest")
    goals = getattr(ws.strategy, "goals", []) or []
    if "response_hours" in settings.model_fields_set or any(
        RESPONSE_GOAL.search(f"{g.goal} {g.metric}") for g in goals
    ):
        out.append("response")
    return out


__all__ = ["RESPONSE_GOAL", "REVIEW_SITE", "cover_needed", "plan_channels", "plan_volume"]
