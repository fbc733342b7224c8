"""How suitable each community is, and its rules of engagement card.

A community is judged on four things, each with its reason in words:

- **relevance**: the share of the target group it reaches (the weights of step 1's segments
  it lists; by count of segments when step 1 has no weights);
- **openness**: whether companies are welcome (yes, only in a vendor area, no, unknown);
- **activity**: posts per week by all members (lively from 20, quiet below 3; newsletters,
  blogs and review platforms publish on their own rhythm and are never called quiet);
- **rule risk**: how strictly self-promotion is limited (none allowed: high; a ratio or
  dedicated threads: medium; allowed: low).

Verdicts: ``listen`` where companies are not welcome (listen, answer when asked, never post
promotion); ``engage`` where it is relevant, open and not quiet; ``low_priority`` where it
reaches none of the segments or is quiet; ``clarify`` where the register lacks what the
verdict needs (openness, segments or activity).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...results import Message, msg
from ...workspace.inputs.communities import parse_self_promotion

LIVELY, QUIET = 20.0, 3.0
VERDICTS = ("engage", "clarify", "low_priority", "listen")
#: kinds that publish on their own rhythm: a weekly newsletter is not "quiet"
EDITED_KINDS = {"newsletter", "blog", "review_platform"}
#: below this many posts a week, a suggestion is given per month
MONTHLY = 0.25
#: without a posting limit, suggest at most this share of the community's own activity
SHARE_OF_ACTIVITY = 0.10


@dataclass
class Suitability:
    name: str
    kind: str
    verdict: str
    #: share of the target group reached, percent (None: no segments listed)
    relevance: float | None
    reasons: list[Message]
    card: dict[str, Any]


def judge(
    communities: pd.DataFrame, weights: pd.Series | None, names: dict[str, str] | None = None
) -> list[Suitability]:
    """A verdict with reasons and a card for every community of the register; ``names``
    gives the segments' names by id (from step 1)."""
    names = {str(k).lower(): v for k, v in (names or {}).items()}
    return [_judge(c, weights, names) for _, c in communities.iterrows()]


def _relevance(segments: list[str], weights: pd.Series | None) -> float | None:
    if not segments:
        return None
    if weights is None or weights.empty:
        return None
    total = float(weights.sum())
    by_id = {str(k).lower(): float(v) for k, v in weights.items()}
    return sum(by_id.get(s.lower(), 0.0) for s in dict.fromkeys(segments)) / total * 100


def _judge(c: pd.Series, weights: pd.Series | None, names: dict[str, str]) -> Suitability:
    reasons: list[Message] = []
    segments = list(c["segments"] or [])
    relevance = _relevance(segments, weights)
    shown = [names.get(s.lower(), s) for s in segments]
    if not segments:
        reasons.append(msg("communities.reason.segments_unknown"))
    elif relevance is None:
        reasons.append(msg("communities.reason.segments", names=shown))
    else:
        reasons.append(msg("communities.reason.relevance", share=relevance, names=shown))
    companies = c["companies"]
    reasons.append(msg(f"communities.reason.companies_{companies}"))
    activity = c["activity_per_week"]
    activity = None if activity is None or pd.isna(activity) else float(activity)
    if activity is None:
        reasons.append(msg("communities.reason.activity_unknown"))
    elif activity >= LIVELY:
        reasons.append(msg("communities.reason.lively", n=activity))
    elif activity < QUIET and c["kind"] not in EDITED_KINDS:
        reasons.append(msg("communities.reason.quiet", n=activity))
    else:
        reasons.append(msg("communities.reason.moderate", n=activity))
    mode, share = parse_self_promotion(c["self_promotion"])
    risk = {"none": "high", "ratio": "medium", "dedicated": "medium", "allowed": "low"}.get(
        mode, "unknown"
    )
    reasons.append(msg(f"communities.reason.rule_risk_{risk}"))

    if companies == "no":
        verdict = "listen"
    elif (relevance is not None and relevance == 0) or (
        activity is not None and activity < QUIET and c["kind"] not in EDITED_KINDS
    ):
        verdict = "low_priority"
    elif companies in ("yes", "vendor_area") and segments and activity is not None:
        verdict = "engage"
    else:
        verdict = "clarify"
    return Suitability(
        name=str(c["name"]),
        kind=str(c["kind"]),
        verdict=verdict,
        relevance=relevance,
        reasons=reasons,
        card=_card(c, companies, mode, share, activity),
    )


def _card(
    c: pd.Series, companies: str, mode: str, share: float | None, activity: float | None
) -> dict[str, Any]:
    """Rules of engagement: what we may do there, how often, what to avoid, who moderates."""
    reviews = c["kind"] == "review_platform"
    may = [msg("communities.card.may_reviews" if reviews else f"communities.card.may_{companies}")]
    if companies != "no" and not reviews:
        if mode == "ratio" and share:
            may.append(msg("communities.card.promotion_ratio", one_in=round(1 / share)))
        else:
            may.append(msg(f"communities.card.promotion_{mode}"))
    limit = c["max_posts_per_week"]
    if companies == "no":
        often = msg("communities.card.often_none")
    elif reviews:
        often = msg("communities.card.often_reviews")
    elif limit is not None and not pd.isna(limit):
        often = msg("communities.card.often_limit", n=float(limit))
    elif activity and activity * SHARE_OF_ACTIVITY < MONTHLY:
        often = msg("communities.card.often_monthly", activity=activity)
    elif activity:
        often = msg(
            "communities.card.often_activity",
            n=activity * SHARE_OF_ACTIVITY,
            activity=activity,
        )
    else:
        often = msg("communities.card.often_default")
    avoid = [msg("communities.card.avoid_repeats"), msg("communities.card.avoid_everywhere")]
    if c["kind"] in ("group", "forum", "subreddit"):
        avoid.append(msg("communities.card.avoid_bare_links"))
    moderators = c["moderators"]
    return {
        "name": str(c["name"]),
        "may": [m.model_dump() for m in may],
        "often": often.model_dump(),
        "avoid": [m.model_dump() for m in avoid],
        "rules": c["rules"],
        "moderators": moderators
        if isinstance(moderators, str) and moderators
        else msg("communities.card.moderators_unknown").model_dump(),
    }


__all__ = [
    "EDITED_KINDS",
    "LIVELY",
    "MONTHLY",
    "QUIET",
    "SHARE_OF_ACTIVITY",
    "VERDICTS",
    "Suitability",
    "judge",
]
