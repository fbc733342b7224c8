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
- ``not_welcome``: posts in a community where companies are not welcome: such a place is
  for listening; answers (service) only where its rules allow the firm to answer
  (``answers_allowed``). Promotion there also breaks ``promotion_forbidden`` when the
  community forbids self-promotion: two rules broken.
- ``sensitive_promotion``: promotion or a contest in a sensitive community (grief,
  illness, support, children; confirmed by the consultant or suggested from its name,
  rules and notes): advertising in a place of grief or need hurts the people there.
- ``outside_vendor_area``: posts of the firm outside the vendor area where companies may
  post only there (``area`` or ``format`` of the row must name it; answers excepted unless
  the rules forbid them).
- ``individuals_only``: posts by the firm's account where only individuals may post (the
  row needs a person as ``author``).
- ``links_forbidden``: a link in a post where the rules allow none.
- ``wrong_day``: a post on a weekday the community does not allow.
- ``company_limit``: more new posts (answers excepted) in a week than one company may make.
- ``over_limit``: more posts in one week than a community allows a member (counted per
  ``author``; empty: the firm's account).
- ``no_teaser``: posts into a group, forum or subreddit without a teaser or summary
  (answers, kind ``service``, need none).
- ``repeat``: the same or nearly the same message twice (across weeks, across communities);
  see :mod:`.similarity`. The same announcement on two of the firm's own channels in the
  same week is cross-posting, not a repeat. Answers (``service``) reply to someone and are
  not compared.
- ``everywhere``: one message sent to ``spread_limit`` communities or more (default 3), or
  to every community of the register, regardless of fit. Such a group is reported here
  only, not also as a repeat.
- ``contest``: contests and hashtag campaigns, flagged for the risk step (#myNYPD, Pril).
- ``contest_moderation``: a contest without a moderation plan (``moderation``: who watches
  the replies in the evenings and at the weekend, when hijacked hashtags take off).
- ``contest_terms``: a contest without participation terms (``terms``) before its start.
- ``unknown_place``: rows whose channel is neither in channels.csv nor in communities.csv.

Contests count as their own kind, not as promotion, so each check stays separate.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...workspace import ROW_COLUMN
from .places import Place, resolve
from .similarity import normalise, repeat_groups

RULE_BREAKS = (
    "promotion_forbidden",
    "promotion_ratio",
    "not_welcome",
    "over_limit",
    "outside_vendor_area",
    "individuals_only",
    "links_forbidden",
    "wrong_day",
    "company_limit",
)
#: words that name a vendor area when the register names none
VENDOR_WORDS = ("vendor", "anbieter", "händler", "haendler", "hersteller", "supplier")
#: authors that are the firm's account, not a person
FIRM_AUTHORS = {"", "firm", "company", "firma", "unternehmen", "brand", "marke", "page", "seite"}
_LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
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
    #: ISO week x kind: number of planned posts (all places); one message placed in several
    #: places in the same week is one post
    weekly: pd.DataFrame
    #: planned posts per week per place over the plan's span
    posts_per_week: dict[str, float]
    weeks: int
    #: posts (one message in several places in one week counts once) and plan rows
    posts: int = 0
    placements: int = 0

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
        for rule, column in (("contest_moderation", "moderation"), ("contest_terms", "terms")):
            missing = contests[[not _cell(r, column) for _, r in contests.iterrows()]]
            if not missing.empty:
                issues.append(Issue(rule, None, _rows(missing)))

    posts = count_posts(frame)
    weekly = (
        posts.groupby(["week", "kind"]).size().unstack(fill_value=0).reindex(columns=list(KINDS))
    ).fillna(0)
    weeks = plan_weeks(frame["date"])
    per_week = {
        str(name): round(len(rows) / weeks, 2)
        for name, rows in frame.groupby("place_name", sort=False)
    }
    risks = [
        spam_risk(name, rows, issues, limit, weeks) for name, rows in frame.groupby("place_name")
    ]
    return PlanReview(issues, risks, weekly, per_week, weeks, len(posts), len(frame))


def count_posts(frame: pd.DataFrame) -> pd.DataFrame:
    """The plan's posts: rows with the same message (normalised) and kind in the same week
    are one post placed in several channels or communities."""
    keys = [
        (r["week"], r["kind"], normalise(_text(r)) or f"row {r[ROW_COLUMN]}")
        for _, r in frame.iterrows()
    ]
    return frame.loc[~pd.Series(keys, index=frame.index).duplicated()]


#: a week's promotion share is judged (and shown as a percentage) from this many posts;
#: in a smaller week it is shown as a count: one promotion of one post is not "100 %"
MIN_POSTS_FOR_SHARE = 5


def week_allows(total: int, limit: float) -> int:
    """Promotion posts a week of ``total`` posts may hold: one always, more as 80/20 allows."""
    return max(1, math.floor(total * limit + 1e-9))


def _rows(frame: pd.DataFrame) -> list[int]:
    return sorted(int(r) for r in frame[ROW_COLUMN])


def _place_rules(name: str, place: Place, rows: pd.DataFrame, limit: float) -> list[Issue]:
    """The rows planned for one place checked against its rules, in the order the chapter
    lists them: promotion, the register's fields, the posting limit, teasers."""
    found = _promotion_rules(name, place, rows, limit)
    if place.is_community:
        found.extend(_field_rules(name, place, rows))
    found.extend(_posting_limit(name, place, rows))
    found.extend(_teaser_rule(name, place, rows))
    return found


def _promotion_rules(name: str, place: Place, rows: pd.DataFrame, limit: float) -> list[Issue]:
    """Selling where the place is sensitive, companies where they are not welcome, and
    promotion beyond the place's own rule (none, a ratio) or else the 80/20 mix."""
    found: list[Issue] = []
    promo = rows[rows["kind"] == "promotion"]
    n = len(rows)
    service = rows["kind"] == "service"
    if place.is_community and place.sensitive:
        selling = rows[rows["kind"].isin(["promotion", "contest"])]
        if not selling.empty:
            found.append(
                Issue(
                    "sensitive_promotion",
                    name,
                    _rows(selling),
                    {"suggested": place.sensitive == "suggested"},
                )
            )
    if place.is_community and place.companies == "no":
        posts = rows if not place.answers_ok else rows[~service]
        if not posts.empty:
            found.append(Issue("not_welcome", name, _rows(posts)))
        if place.promotion_mode == "none" and not promo.empty:
            found.append(Issue("promotion_forbidden", name, _rows(promo)))
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
        found.extend(_mix_rules(name, rows, promo, limit))
    return found


def _mix_rules(name: str, rows: pd.DataFrame, promo: pd.DataFrame, limit: float) -> list[Issue]:
    """The 80/20 mix: over the whole plan, and week by week."""
    found: list[Issue] = []
    n = len(rows)
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
        allowed = week_allows(len(in_week), limit)
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
    return found


def _posting_limit(name: str, place: Place, rows: pd.DataFrame) -> list[Issue]:
    """A community's limit of posts a week, per author."""
    if not place.is_community or place.max_posts_per_week is None:
        return []
    found = []
    authors = rows["author"].fillna("") if "author" in rows else pd.Series("", rows.index)
    for (week, _author), in_week in rows.groupby([rows["week"], authors.str.strip()]):
        if len(in_week) > place.max_posts_per_week:
            found.append(
                Issue(
                    "over_limit",
                    name,
                    _rows(in_week),
                    {"week": week, "n": len(in_week), "limit": place.max_posts_per_week},
                )
            )
    return found


def _teaser_rule(name: str, place: Place, rows: pd.DataFrame) -> list[Issue]:
    """Posts without a teaser where the kind of community expects one (answers need none)."""
    welcome = not (place.is_community and place.companies == "no")
    if not (place.is_community and place.community_kind in TEASER_KINDS and welcome):
        return []
    posts = rows[rows["kind"] != "service"]
    bare = posts[[not (t or "").strip() for t in posts["teaser"].fillna("")]]
    return [Issue("no_teaser", name, _rows(bare))] if not bare.empty else []


def _field_rules(name: str, place: Place, rows: pd.DataFrame) -> list[Issue]:
    """The register's rules as fields: vendor area, individuals only, links, days, the
    per-company limit; each checked against the rows."""
    found: list[Issue] = []
    service = rows["kind"] == "service"
    if place.companies == "vendor_area":
        candidates = rows if not place.answers_ok else rows[~service]
        outside = candidates[[not _in_vendor_area(r, place) for _, r in candidates.iterrows()]]
        if not outside.empty:
            found.append(
                Issue(
                    "outside_vendor_area",
                    name,
                    _rows(outside),
                    {"area": place.vendor_area or "vendor area"},
                )
            )
    if place.individuals_only:
        by_firm = rows[[_cell(r, "author").lower() in FIRM_AUTHORS for _, r in rows.iterrows()]]
        if not by_firm.empty:
            found.append(Issue("individuals_only", name, _rows(by_firm)))
    if not place.links_allowed:
        linked = rows[
            [
                any(_LINK.search(_cell(r, c)) for c in ("message", "teaser", "title"))
                for _, r in rows.iterrows()
            ]
        ]
        if not linked.empty:
            found.append(Issue("links_forbidden", name, _rows(linked)))
    if place.allowed_days:
        off = rows[[d.isoweekday() not in place.allowed_days for d in rows["date"]]]
        if not off.empty:
            found.append(Issue("wrong_day", name, _rows(off), {"days": list(place.allowed_days)}))
    if place.max_company_posts_per_week is not None:
        for week, in_week in rows[~service].groupby("week"):
            if len(in_week) > place.max_company_posts_per_week:
                found.append(
                    Issue(
                        "company_limit",
                        name,
                        _rows(in_week),
                        {
                            "week": week,
                            "n": len(in_week),
                            "limit": place.max_company_posts_per_week,
                        },
                    )
                )
    return found


def _cell(row: pd.Series, column: str) -> str:
    value = row.get(column)
    return value.strip() if isinstance(value, str) else ""


def _in_vendor_area(row: pd.Series, place: Place) -> bool:
    where = f"{_cell(row, 'area')} {_cell(row, 'format')}".lower()
    if place.vendor_area:
        return place.vendor_area.lower() in where
    return any(w in where for w in VENDOR_WORDS)


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
            if r["kind"] != "service"  # an answer replies to someone: not a broadcast message
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
            pairs = sorted(
                {
                    (min(g["row"], other), max(g["row"], other), score)
                    for g in group
                    for other, score in g["pairs"]
                }
            )
            found.append(
                Issue(
                    "repeat",
                    None,
                    rows,
                    {
                        "places": places,
                        "weeks": weeks,
                        "pairs": [{"rows": [a, b], "score": score} for a, b, score in pairs],
                    },
                )
            )
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
    "FIRM_AUTHORS",
    "KINDS",
    "MIN_POSTS_FOR_SHARE",
    "POINTS",
    "RULE_BREAKS",
    "TEASER_KINDS",
    "VENDOR_WORDS",
    "Issue",
    "PlanReview",
    "SpamRisk",
    "count_posts",
    "plan_weeks",
    "review",
    "spam_risk",
    "week_allows",
    "week_of",
]
