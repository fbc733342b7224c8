"""Checks of the content plan: networking, not spam.

Each check names the spreadsheet rows of ``content_plan`` it concerns:

- ``promotion_mix``: a place's share of promotion over the whole plan is above the 80/20
  rule (``max_promotion_pct``, default 20 %). Places whose rules set their own limit are
  judged by that limit instead (below), never twice.
- ``promotion_week``: one week holds more promotion than 80/20 allows; one promotion post
  a week is always tolerated, so a channel posting once a week is judged over the plan only.
- ``promotion_forbidden``: promotion in a community whose rules forbid self-promotion.
- ``promotion_ratio``: more promotion in a community than its ratio allows ("1 in 10":
  at most one promotion post for every ten posts there, so fewer than ten posts allow none).
- ``not_welcome``: posts other than answers (service) in a community where companies are
  not welcome: such a place is for listening and answering when asked.
- ``over_limit``: more posts in one week than a community allows a member.
- ``no_teaser``: posts into a group, forum or subreddit without a teaser or summary
  (answers, kind ``service``, need none).
- ``repeat``: the same or nearly the same message twice (across weeks, across communities);
  see :mod:`.similarity`. The same announcement on two of the firm's own channels in the
  same week is cross-posting, not a repeat.
- ``everywhere``: one message sent to ``spread_limit`` communities or more (default 3), or
  to every community of the register, regardless of fit. Such a group is reported here
  only, not also as a repeat.
- ``contest``: contests and hashtag campaigns, flagged for the risk step (#myNYPD, Pril).
- ``unknown_place``: rows whose channel is neither in channels.csv nor in communities.csv.

Contests count as their own kind, not as promotion, so each check stays separate.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...workspace import ROW_COLUMN
from .places import Place, resolve
from .similarity import repeat_groups

RULE_BREAKS = ("promotion_forbidden", "promotion_ratio", "not_welcome", "over_limit")
TEASER_KINDS = {"group", "forum", "subreddit"}
KINDS = ("value", "service", "promotion", "contest")


@dataclass
class Issue:
    """One broken rule: which rule, where, the rows concerned and the figures behind it."""

    rule: str
    place: str | None
    rows: list[int]
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class SpamRisk:
    """A place's spam-risk score (0-100) with the reasons that add up to it."""

    place: str
    score: int
    level: str
    reasons: list[tuple[str, dict[str, Any]]]


@dataclass
class PlanReview:
    issues: list[Issue]
    risks: list[SpamRisk]
    #: ISO week x kind: number of planned posts (all places)
    weekly: pd.DataFrame
    #: planned posts per week per place over the plan's span
    posts_per_week: dict[str, float]
    weeks: int

    def by_rule(self, rule: str) -> list[Issue]:
        return [i for i in self.issues if i.rule == rule]


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def plan_weeks(dates: pd.Series) -> int:
    """Calendar weeks (Monday to Sunday) the plan spans, at least one."""
    if dates.empty:
        return 0
    first, last = min(dates), max(dates)
    monday = first - dt.timedelta(days=first.weekday())
    return (last - monday).days // 7 + 1


def review(
    plan: pd.DataFrame, known: dict[str, Place], settings: Any, n_communities: int
) -> PlanReview:
    """Run every check over the content plan."""
    if plan.empty:
        return PlanReview([], [], pd.DataFrame(columns=list(KINDS)), {}, 0)
    frame = plan.copy()
    frame["place"] = [resolve(c, known) for c in frame["channel"]]
    frame["place_name"] = [p.name for p in frame["place"]]
    frame["week"] = [week_of(d) for d in frame["date"]]
    limit = settings.max_promotion_pct / 100
    issues: list[Issue] = []

    for name, rows in frame.groupby("place_name", sort=False):
        place: Place = rows["place"].iloc[0]
        issues.extend(_place_rules(name, place, rows, limit))

    unknown = frame[[p.kind == "unknown" for p in frame["place"]]]
    if not unknown.empty:
        issues.append(
            Issue(
                "unknown_place",
                None,
                _rows(unknown),
                {"places": list(dict.fromkeys(unknown["place_name"]))},
            )
        )
    issues.extend(_repeats(frame, settings, n_communities))
    contests = frame[frame["kind"] == "contest"]
    if not contests.empty:
        issues.append(
            Issue(
                "contest",
                None,
                _rows(contests),
                {"places": list(dict.fromkeys(contests["place_name"]))},
            )
        )

    weekly = (
        frame.groupby(["week", "kind"]).size().unstack(fill_value=0).reindex(columns=list(KINDS))
    ).fillna(0)
    weeks = plan_weeks(frame["date"])
    per_week = {
        str(name): round(len(rows) / weeks, 2)
        for name, rows in frame.groupby("place_name", sort=False)
    }
    risks = [
        spam_risk(name, rows, issues, limit, weeks) for name, rows in frame.groupby("place_name")
    ]
    return PlanReview(issues, risks, weekly, per_week, weeks)


def _rows(frame: pd.DataFrame) -> list[int]:
    return sorted(int(r) for r in frame[ROW_COLUMN])


def _place_rules(name: str, place: Place, rows: pd.DataFrame, limit: float) -> list[Issue]:
    found: list[Issue] = []
    promo = rows[rows["kind"] == "promotion"]
    n = len(rows)
    if place.is_community and place.companies == "no":
        posts = rows[rows["kind"] != "service"]
        if not posts.empty:
            found.append(Issue("not_welcome", name, _rows(posts)))
    elif place.promotion_mode == "none":
        if not promo.empty:
            found.append(Issue("promotion_forbidden", name, _rows(promo)))
    elif place.promotion_mode == "ratio":
        allowed = math.floor(n * place.promotion_share + 1e-9)
        if len(promo) > allowed:
            found.append(
                Issue(
                    "promotion_ratio",
                    name,
                    _rows(promo),
                    {
                        "n": len(promo),
                        "total": n,
                        "allowed": allowed,
                        "one_in": round(1 / place.promotion_share) if place.promotion_share else 0,
                    },
                )
            )
    elif not promo.empty:
        share = len(promo) / n
        if share > limit + 1e-9:
            found.append(
                Issue(
                    "promotion_mix",
                    name,
                    _rows(promo),
                    {"share": share * 100, "limit": limit * 100, "n": len(promo), "total": n},
                )
            )
        for week, in_week in rows.groupby("week"):
            week_promo = in_week[in_week["kind"] == "promotion"]
            allowed = max(1, math.floor(len(in_week) * limit + 1e-9))
            if len(week_promo) > allowed:
                found.append(
                    Issue(
                        "promotion_week",
                        name,
                        _rows(week_promo),
                        {
                            "week": week,
                            "n": len(week_promo),
                            "total": len(in_week),
                            "limit": limit * 100,
                        },
                    )
                )
    if place.is_community and place.max_posts_per_week is not None:
        for week, in_week in rows.groupby("week"):
            if len(in_week) > place.max_posts_per_week:
                found.append(
                    Issue(
                        "over_limit",
                        name,
                        _rows(in_week),
                        {"week": week, "n": len(in_week), "limit": place.max_posts_per_week},
                    )
                )
    welcome = not (place.is_community and place.companies == "no")
    if place.is_community and place.community_kind in TEASER_KINDS and welcome:
        posts = rows[rows["kind"] != "service"]  # answers need no teaser
        bare = posts[[not (t or "").strip() for t in posts["teaser"].fillna("")]]
        if not bare.empty:
            found.append(Issue("no_teaser", name, _rows(bare)))
    return found


def _repeats(frame: pd.DataFrame, settings: Any, n_communities: int) -> list[Issue]:
    found: list[Issue] = []
    groups = repeat_groups(
        [
            {
                "row": int(r[ROW_COLUMN]),
                "text": _text(r),
                "week": r["week"],
                "place": r["place_name"],
                "own": r["place"].kind != "community",
            }
            for _, r in frame.iterrows()
        ],
        threshold=settings.duplicate_threshold,
        min_words=settings.min_words,
    )
    for group in groups:
        rows = sorted(g["row"] for g in group)
        places = list(dict.fromkeys(g["place"] for g in group))
        communities = list(dict.fromkeys(g["place"] for g in group if not g["own"]))
        everywhere = len(communities) >= settings.spread_limit or (
            n_communities >= 2 and len(communities) == n_communities
        )
        if everywhere:
            found.append(Issue("everywhere", None, rows, {"places": communities}))
        else:
            weeks = list(dict.fromkeys(g["week"] for g in group))
            found.append(Issue("repeat", None, rows, {"places": places, "weeks": weeks}))
    return found


def _text(row: pd.Series) -> str:
    """What a post says: its message, or its title and teaser when the message is a link."""
    message = (row["message"] or "").strip() if isinstance(row["message"], str) else ""
    if message and not message.lower().startswith(("http://", "https://", "www.")):
        return message
    parts = [row.get("title"), row.get("teaser")]
    return " ".join(p for p in parts if isinstance(p, str) and p.strip())


# -- spam risk -------------------------------------------------------------------------
#: points per kind of problem (a checklist score, documented in docs/workspace.md)
POINTS = {
    "promotion": 30,
    "rule_break": 30,
    "repeat": 20,
    "everywhere": 20,
    "contest": 10,
    "no_teaser": 10,
    "dominant": 15,
}
#: our planned posts above this share of a community's weekly activity dominate it
DOMINANT_SHARE = 0.10


def spam_risk(
    name: str, rows: pd.DataFrame, issues: list[Issue], limit: float, weeks: int
) -> SpamRisk:
    """A checklist score: points for each kind of problem found in this place's posts;
    ``weeks`` is the span of the whole plan."""
    place: Place = rows["place"].iloc[0]
    mine = set(int(r) for r in rows[ROW_COLUMN])
    reasons: list[tuple[str, dict[str, Any]]] = []
    n = len(rows)
    promo = int((rows["kind"] == "promotion").sum())
    allowed = place.promotion_share if place.promotion_mode in ("none", "ratio") else limit
    not_welcome = place.is_community and place.companies == "no"
    if promo and not not_welcome and promo / n > allowed + 1e-9:
        reasons.append(("promotion", {"share": promo / n * 100, "limit": (allowed or 0) * 100}))
    broken = [i.rule for i in issues if i.place == name and i.rule in RULE_BREAKS]
    for rule in dict.fromkeys(broken):
        reasons.append(("rule_break", {"rule": rule}))
    for rule in ("repeat", "everywhere"):
        hit = [r for i in issues if i.rule == rule for r in i.rows if r in mine]
        if hit:
            reasons.append((rule, {"n": len(hit)}))
    contests = int((rows["kind"] == "contest").sum())
    if contests:
        reasons.append(("contest", {"n": contests}))
    if any(i.rule == "no_teaser" and i.place == name for i in issues):
        reasons.append(("no_teaser", {}))
    if place.is_community and place.activity_per_week:
        ours = n / max(weeks, 1)
        if ours > DOMINANT_SHARE * place.activity_per_week:
            reasons.append(("dominant", {"ours": ours, "activity": place.activity_per_week}))
    score = min(100, sum(POINTS[r] for r, _ in reasons))
    level = "none" if score == 0 else "low" if score < 30 else "medium" if score < 60 else "high"
    return SpamRisk(name, score, level, reasons)


__all__ = [
    "DOMINANT_SHARE",
    "KINDS",
    "POINTS",
    "RULE_BREAKS",
    "TEASER_KINDS",
    "Issue",
    "PlanReview",
    "SpamRisk",
    "plan_weeks",
    "review",
    "spam_risk",
    "week_of",
]
