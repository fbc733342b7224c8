"""Which channels to use: a verdict with reasons for every channel under consideration.

The rules, in order (every threshold is a documented setting):

1. Not considered in ``channels.csv``: listed, not judged.
2. *Advised against* when the target group is demonstrably not there (known reach below
   ``low_reach_pct``), when the channel serves no goal and carries the added value poorly
   (fit low or not assessed), or when the fit is low and the effort high.
3. *Recommended* when the reach is known and at least ``low_reach_pct``, it serves at least
   one goal and the fit is not low.
4. Otherwise *to test*: the evidence is incomplete (reach unknown, fit not assessed) or mixed.
5. At most ``max_channels`` recommended, the rest *later*: a few channels done well beat many
   neglected ones. Order: reach, then goals served, then fit, then existing presence.

Reach counts as known when the estimates cover at least half of the audience
(:attr:`.reach.ChannelReach.known`).
"""

from __future__ import annotations

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

    def sort_key(self) -> tuple:
        return (-(self.reach or -1), -len(self.goals), -_FIT[self.fit], -(self.followers or 0))


def _none(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def judge(
    channels: pd.DataFrame,
    reach: dict[str, ChannelReach],
    goal_ids: list[str],
    low_reach_pct: float,
    max_channels: int,
    names: dict[str, str] | None = None,
) -> list[Verdict]:
    """A verdict for every channel row, recommended first."""
    verdicts: list[Verdict] = []
    known_goals = {g.lower(): g for g in goal_ids}
    for _, ch in channels.iterrows():
        platform = canonical_platform(ch["platform"])
        r = reach.get(platform)
        known = r is not None and r.known
        value = r.value if known else None
        goals = [known_goals[g.lower()] for g in ch["goals"] if g.lower() in known_goals]
        fit, effort = _none(ch["fit"]), _none(ch["effort"])
        followers = _none(ch["followers"])
        v = Verdict(
            platform,
            "test",
            value,
            r.coverage if r else 0.0,
            goals,
            fit,
            effort,
            int(followers) if followers is not None else None,
        )
        v.reasons = _reasons(v, r, _none(ch["posts_per_week"]), low_reach_pct)
        if ch["segments"] and r is not None:
            v.reasons.insert(
                0,
                msg(
                    "audience.reason.targets",
                    segments=[(names or {}).get(s, s) for s in r.segments],
                ),
            )
        audience_not_there = value is not None and value < low_reach_pct
        no_purpose = not goals and fit in ("low", None)
        poor_value = fit == "low" and effort == "high"
        if not ch["considered"]:
            v.verdict = "not_considered"
        elif audience_not_there or no_purpose or poor_value:
            v.verdict = "against"
        elif value is not None and goals and fit != "low":
            v.verdict = "recommended"
        verdicts.append(v)

    recommended = sorted((v for v in verdicts if v.verdict == "recommended"), key=Verdict.sort_key)
    for extra in recommended[max_channels:]:
        extra.verdict = "later"
        extra.reasons.append(msg("audience.reason.focus", n=max_channels))
    order = {"recommended": 0, "test": 1, "later": 2, "against": 3, "not_considered": 4}
    return sorted(verdicts, key=lambda v: (order[v.verdict], v.sort_key()))


def _reasons(
    v: Verdict, r: ChannelReach | None, posts_per_week, low_reach_pct: float
) -> list[Message]:
    reasons: list[Message] = []
    if v.reach is not None:
        code = "reach_low" if v.reach < low_reach_pct else "reach"
        reasons.append(
            msg(
                f"audience.reason.{code}",
                reach=v.reach,
                coverage=v.coverage,
                threshold=low_reach_pct,
            )
        )
    elif r is not None and r.value is not None:
        reasons.append(msg("audience.reason.reach_partial", reach=r.value, coverage=r.coverage))
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
    else:
        reasons.append(msg("audience.reason.no_presence"))
    return reasons
