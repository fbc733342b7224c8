"""Which channels to use: a verdict with reasons for every channel under consideration,
and an audit of every presence the firm already has.

The verdict rules, in order (every threshold is a documented setting):

1. Not considered in ``channels.csv``: listed, not judged.
2. *Advised against* when the target group is demonstrably not there (the known reach, or
   with own survey figures their whole Wilson 95 % interval, lies below ``low_reach_pct``,
   and no active account of the firm shows otherwise), when the channel serves no goal and
   carries the added value poorly (fit low or not assessed), or when the fit is low and the
   effort high.
3. *Recommended* when it serves at least one goal, the fit is not low, and either the known
   reach (with survey figures: its whole interval) lies at or above ``low_reach_pct``, or no
   figure covers the audience but the firm's own active account (at least
   ``min_followers`` followers, still posting) is evidence that the audience is there.
4. Otherwise *to test*: the evidence is incomplete (reach unknown, fit not assessed), mixed,
   or the threshold lies inside the Wilson interval of own survey figures: the figure can
   neither confirm nor rule out the channel.
5. At most ``max_channels`` recommended, the rest *later*: a few channels done well beat many
   neglected ones. Order: the goals served (more goals first, then the earliest goal in
   strategy.yaml, the lead goal), then the share of the channel's audience its figure
   covers, then reach (only where every channel's figure is in the same measure), then
   fit, then existing presence.

Figures in different measures (weekly use against ever use) are never ranked against each
other silently: each such channel's reasons say which measure it has and which the others
have, and the order then follows goals and coverage, not the figures. A figure that covers
only some of the channel's segments names the segments it covers and those it lacks.

Reach counts as known when the estimates cover at least half of the audience
(:attr:`.reach.ChannelReach.known`).

The audit (:func:`audit`) takes every row with an existing presence (a handle, followers,
a last post, or ``managed`` = no) and decides:

- *claim*: the presence exists but the firm does not manage it (``managed`` = no);
- *close*: the channel serves none of the goals, or the verdict is against / not considered;
- *keep*: it serves a goal and the last post is at most ``stale_days`` old (or, without a
  last post date, it still posts every week);
- *revive*: it serves a goal but has gone quiet (a last post older than ``stale_days``,
  or no posts a week);
- *check*: it serves a goal, but neither a last post date nor a posting rate is given:
  an open question, never "revive or close" from a missing date;
- *reviews*: a review place (Google reviews or a business profile, Trustpilot,
  ProvenExpert, kununu, Jameda, Yelp, Tripadvisor, ...; see :func:`is_review_place`):
  a place to answer reviews and to ask customers for them, judged in step 2 by reviews,
  rating and answer rate, never by post dates.

A public account whose last post is older than ``stale_days`` (or that no longer posts) is
named as a risk: visitors take an abandoned account as a sign about the firm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ...reference import canonical_platform
from ...results import Message, msg
from .reach import ChannelReach

_FIT = {"high": 2, "medium": 1, "low": 0, None: -1}


@dataclass
class Verdict:
    platform: str
    verdict: str  # recommended | test | against | later | not_considered
    reach: float | None
    coverage: float
    goals: list[str]
    fit: str | None
    effort: str | None
    followers: int | None
    reasons: list[Message] = field(default_factory=list)
    low: float | None = None
    high: float | None = None
    metric: str = ""
    notes: str | None = None
    #: the firm's own active account is evidence that an audience is there
    evidence: bool = False
    #: position of the earliest goal it serves in strategy.yaml (0: the lead goal)
    goal_rank: int = 99
    #: its reach figure is in the same measure as every other channel's
    comparable: bool = True

    def sort_key(self) -> tuple:
        reach = (self.reach if self.reach is not None else -1) if self.comparable else 0
        return (
            -len(self.goals),
            self.goal_rank,
            -round(self.coverage),
            -reach,
            -_FIT[self.fit],
            -(self.followers or 0),
        )


@dataclass
class AuditRow:
    platform: str
    handle: str | None
    decision: str  # keep | revive | close | claim
    last_post: dt.date | None
    posts_per_week: float | None
    followers: int | None
    goals: list[str]
    reasons: list[Message] = field(default_factory=list)
    #: a public account that looks abandoned
    neglected: bool = False


#: words in a platform's name that make it a review place, not a posting channel
REVIEW_WORDS = (
    "review", "bewertung", "rezension", "google business", "google my business",
    "google maps", "trustpilot", "provenexpert", "kununu", "jameda", "yelp",
    "tripadvisor", "golocal", "glassdoor", "capterra", "g2", "trusted shops",
)  # fmt: skip


def is_review_place(platform: object) -> bool:
    """A review platform (Google reviews, Trustpilot, kununu, ...), judged by its reviews."""
    name = str(platform or "").lower()
    return any(w == name or (len(w) > 2 and w in name) for w in REVIEW_WORDS)


def _none(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _get(row: pd.Series, key: str):
    return _none(row[key]) if key in row.index else None


def active(row: pd.Series, report_date: dt.date, stale_days: int) -> bool | None:
    """The account still posts: last post at most ``stale_days`` old, or (without a date)
    posts every week. None when neither is known."""
    last = _get(row, "last_post")
    if last is not None:
        return (report_date - last).days <= stale_days
    posts = _get(row, "posts_per_week")
    if posts is not None:
        return float(posts) > 0
    return None


def judge(
    channels: pd.DataFrame,
    reach: dict[str, ChannelReach],
    goal_ids: list[str],
    low_reach_pct: float,
    max_channels: int,
    names: dict[str, str] | None = None,
    *,
    min_followers: int = 100,
    report_date: dt.date | None = None,
    stale_days: int = 90,
) -> list[Verdict]:
    """A verdict for every channel row, recommended first."""
    verdicts: list[Verdict] = []
    known_goals = {g.lower(): g for g in goal_ids}
    today = report_date or dt.date.today()
    for _, ch in channels.iterrows():
        platform = canonical_platform(ch["platform"])
        r = reach.get(platform)
        goals = [known_goals[g.lower()] for g in ch["goals"] if g.lower() in known_goals]
        v = _channel_verdict(platform, ch, r, goals)
        v.evidence = bool(
            v.followers is not None
            and v.followers >= min_followers
            and active(ch, today, stale_days) is True
        )
        order = [g.lower() for g in goal_ids]
        v.goal_rank = min((order.index(g.lower()) for g in goals), default=99)
        v.reasons = _reasons(v, r, _none(ch["posts_per_week"]), low_reach_pct, min_followers)
        _segment_reasons(v, ch, r, names or {})
        v.verdict = _called(v, ch, r, low_reach_pct)
        verdicts.append(v)

    _mark_measures(verdicts)
    recommended = sorted((v for v in verdicts if v.verdict == "recommended"), key=Verdict.sort_key)
    for extra in recommended[max_channels:]:
        extra.verdict = "later"
        extra.reasons.append(msg("audience.reason.focus", n=max_channels))
    order = {"recommended": 0, "test": 1, "later": 2, "against": 3, "not_considered": 4}
    return sorted(verdicts, key=lambda v: (order[v.verdict], v.sort_key()))


def _channel_verdict(
    platform: str, ch: pd.Series, r: ChannelReach | None, goals: list[str]
) -> Verdict:
    """A channel row as a verdict still to be called (``test``), with its reach where the
    figure is known."""
    known = r is not None and r.known
    fit, effort = _none(ch["fit"]), _none(ch["effort"])
    followers = _none(ch["followers"])
    notes = _get(ch, "notes")
    return Verdict(
        platform,
        "test",
        r.value if known else None,
        r.coverage if r else 0.0,
        goals,
        fit,
        effort,
        int(followers) if followers is not None else None,
        low=r.low if known else None,
        high=r.high if known else None,
        metric=r.metric if r else "",
        notes=str(notes) if notes is not None else None,
    )


def _segment_reasons(
    v: Verdict, ch: pd.Series, r: ChannelReach | None, names: dict[str, str]
) -> None:
    """The segments the figure covers and misses, and the segments the channel targets, at
    the head of the reasons."""
    if r is not None and r.value is not None and r.missing_segments:
        covered = [s for s in r.segments if s not in r.missing_segments]
        v.reasons.insert(
            1 if v.reasons else 0,
            msg(
                "audience.reason.figure_covers",
                segments=[names.get(s, s) for s in covered],
                missing=[names.get(s, s) for s in r.missing_segments],
            ),
        )
    if ch["segments"] and r is not None:
        v.reasons.insert(
            0, msg("audience.reason.targets", segments=[names.get(s, s) for s in r.segments])
        )


def _called(v: Verdict, ch: pd.Series, r: ChannelReach | None, low_reach_pct: float) -> str:
    """The verdict on the channel before the focus on ``max_channels``: not considered,
    against (no audience, no purpose or poor value), recommended, or still a test."""
    low, high = _interval(v, r)
    value = v.reach
    reach_low = value is not None and high < low_reach_pct
    reach_ok = value is not None and low >= low_reach_pct
    audience_not_there = reach_low and not v.evidence
    no_purpose = not v.goals and v.fit in ("low", None)
    poor_value = v.fit == "low" and v.effort == "high"
    if not ch["considered"]:
        return "not_considered"
    if audience_not_there or no_purpose or poor_value:
        return "against"
    if (reach_ok or (value is None and v.evidence)) and v.goals and v.fit != "low":
        return "recommended"
    return v.verdict


def _mark_measures(verdicts: list[Verdict]) -> None:
    """Where the channels' figures are in different measures, say so on each of them and
    keep the figures out of the order."""
    judged = [v for v in verdicts if v.reach is not None and v.verdict != "not_considered"]
    metrics = list(dict.fromkeys(v.metric for v in judged))
    if len(metrics) < 2:
        return
    for v in verdicts:
        v.comparable = False
    for v in judged:
        others = [metric_msg(m) for m in metrics if m != v.metric]
        v.reasons.append(
            msg("audience.reason.measure_differs", metric=metric_msg(v.metric), others=others)
        )


def _interval(v: Verdict, r: ChannelReach | None) -> tuple[float | None, float | None]:
    """The interval a verdict is judged on: with own survey figures, their Wilson 95 %
    interval (averaged over the segments like the value); published figures alone are
    judged on the newest study's value (their range across studies shows change over the
    years, not sampling error)."""
    if v.reach is None:
        return None, None
    if r is not None and r.surveyed and v.low is not None and v.high is not None:
        return v.low, v.high
    return v.reach, v.reach


def metric_msg(metric: str) -> dict:
    """A reach metric as a message value (translated in the report)."""
    return msg(f"audience.metric.{metric_key(metric)}").model_dump()


def metric_key(metric: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in metric.lower()).strip("_").replace("__", "_")


def _reasons(
    v: Verdict, r: ChannelReach | None, posts_per_week, low_reach_pct: float, min_followers: int
) -> list[Message]:
    reasons: list[Message] = []
    metric = metric_msg(v.metric) if v.metric else None
    if v.reach is not None:
        low, high = _interval(v, r)
        if low < low_reach_pct <= high:
            reasons.append(
                msg(
                    "audience.reason.reach_interval_survey",
                    reach=v.reach,
                    low=low,
                    high=high,
                    threshold=low_reach_pct,
                    metric=metric,
                )
            )
        else:
            code = "reach_low" if high < low_reach_pct else "reach"
            reasons.append(
                msg(
                    f"audience.reason.{code}",
                    reach=v.reach,
                    coverage=v.coverage,
                    threshold=low_reach_pct,
                    metric=metric,
                )
            )
    elif r is not None and r.value is not None:
        reasons.append(
            msg("audience.reason.reach_partial", reach=r.value, coverage=r.coverage, metric=metric)
        )
    else:
        reasons.append(msg("audience.reason.reach_unknown"))
    if v.goals:
        reasons.append(msg("audience.reason.goals", ids=v.goals))
    else:
        reasons.append(msg("audience.reason.no_goals"))
    reasons.append(msg(f"audience.reason.fit_{v.fit or 'unknown'}"))
    if v.effort:
        reasons.append(msg(f"audience.reason.effort_{v.effort}"))
    if v.followers:
        reasons.append(
            msg(
                "audience.reason.presence",
                followers=v.followers,
                posts=posts_per_week if posts_per_week is not None else 0,
            )
        )
        if v.evidence:
            reasons.append(msg("audience.reason.evidence", min=min_followers))
    else:
        reasons.append(msg("audience.reason.no_presence"))
    return reasons


def has_presence(row: pd.Series) -> bool:
    """The firm has (or had) an account here: a handle, followers or a last post; or a
    presence exists that the firm does not manage (``managed`` = no)."""
    if _get(row, "managed") is False:
        return True
    return any(_get(row, k) is not None for k in ("handle", "followers", "last_post"))


def audit(
    channels: pd.DataFrame,
    verdicts: list[Verdict],
    report_date: dt.date,
    stale_days: int,
) -> list[AuditRow]:
    """Keep / revive / close / claim for every existing presence (see the module docstring)."""
    by_platform = {v.platform: v for v in verdicts}
    rows: list[AuditRow] = []
    for _, ch in channels.iterrows():
        if not has_presence(ch):
            continue
        platform = canonical_platform(ch["platform"])
        v = by_platform.get(platform)
        posts = _get(ch, "posts_per_week")
        followers = _get(ch, "followers")
        row = AuditRow(
            platform,
            _get(ch, "handle"),
            "keep",
            _get(ch, "last_post"),
            float(posts) if posts is not None else None,
            int(followers) if followers is not None else None,
            v.goals if v else [],
        )
        if is_review_place(ch["platform"]):
            # a review place is judged by reviews, rating and answers (step 2), not dates
            row.decision = "reviews"
            row.reasons.append(msg("audience.audit.review_place"))
            if _get(ch, "managed") is False:
                row.reasons.append(msg("audience.audit.unmanaged"))
        else:
            _audit_presence(row, ch, v, report_date, stale_days)
        rows.append(row)
    order = {"claim": 0, "revive": 1, "check": 2, "close": 3, "reviews": 4, "keep": 5}
    return sorted(rows, key=lambda a: (order[a.decision], a.platform))


def _audit_presence(
    row: AuditRow, ch: pd.Series, v: Verdict | None, report_date: dt.date, stale_days: int
) -> None:
    """An account's decision: claim it (not managed), close it (serves no chosen goal), keep,
    check or revive it (by its activity); its last activity first among the reasons."""
    last, posts, goals = row.last_post, _get(ch, "posts_per_week"), row.goals
    is_active = active(ch, report_date, stale_days)
    if last is not None:
        days = (report_date - last).days
        row.reasons.append(msg("audience.audit.last_post", date=last.isoformat(), days=days))
    elif posts is not None:
        row.reasons.append(msg("audience.audit.posts", posts=float(posts)))
    else:
        row.reasons.append(msg("audience.audit.no_date"))
    row.neglected = is_active is False
    serves = bool(goals) and v is not None and v.verdict in ("recommended", "test", "later")
    if _get(ch, "managed") is False:
        row.decision = "claim"
        row.reasons.append(msg("audience.audit.unmanaged"))
    elif not serves:
        row.decision = "close"
        row.reasons.append(
            msg("audience.audit.no_goal" if not goals else "audience.audit.not_chosen")
        )
    elif is_active:
        row.decision = "keep"
        row.reasons.append(msg("audience.audit.serves", ids=goals))
    elif is_active is None:
        row.decision = "check"
        row.reasons.append(msg("audience.audit.serves", ids=goals))
    else:
        row.decision = "revive"
        row.reasons.append(msg("audience.audit.serves_quiet", ids=goals, days=stale_days))
    if row.neglected:
        row.reasons.append(msg("audience.audit.risk"))


__all__ = [
    "REVIEW_WORDS",
    "AuditRow",
    "Verdict",
    "active",
    "audit",
    "has_presence",
    "is_review_place",
    "judge",
    "metric_key",
    "metric_msg",
]
