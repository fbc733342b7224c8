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
from ...workspace.inputs.communities import parse_self_promotion, suggest_sensitive

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
    #: "confirmed" (the register says so), "suggested" (from its name, rules or notes; to be
    #: confirmed by the consultant) or "" (not sensitive)
    sensitive: str = ""


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
    reviews = c["kind"] == "review_platform"
    if reviews:
        reasons.extend(_review_figures(c))
    else:
        reasons.append(msg(f"communities.reason.companies_{companies}"))
    activity = c["activity_per_week"]
    activity = None if activity is None or pd.isna(activity) else float(activity)
    reasons.append(_activity_reason(activity, c["kind"]))
    mode, share = parse_self_promotion(c["self_promotion"])
    risk = {"none": "high", "ratio": "medium", "dedicated": "medium", "allowed": "low"}.get(
        mode, "unknown"
    )
    reasons.append(msg(f"communities.reason.rule_risk_{risk}"))

    verdict = _verdict(c, companies, relevance, activity, bool(segments))
    sensitive = sensitivity(c)
    if sensitive:
        reasons.append(msg(f"communities.reason.sensitive_{sensitive}"))
    return Suitability(
        name=str(c["name"]),
        kind=str(c["kind"]),
        verdict=verdict,
        relevance=relevance,
        reasons=reasons,
        card=_card(c, companies, mode, share, activity, sensitive),
        sensitive=sensitive,
    )


def _activity_reason(activity: float | None, kind: str) -> Message:
    """How lively the place is: posts a week against :data:`LIVELY` and :data:`QUIET`
    (an edited place is never called quiet)."""
    if activity is None:
        return msg("communities.reason.activity_unknown")
    if activity >= LIVELY:
        return msg("communities.reason.lively", n=activity)
    if activity < QUIET and kind not in EDITED_KINDS:
        return msg("communities.reason.quiet", n=activity)
    return msg("communities.reason.moderate", n=activity)


def _verdict(
    c: pd.Series,
    companies: str,
    relevance: float | None,
    activity: float | None,
    has_segments: bool,
) -> str:
    """Engage, listen, low priority or clarify (a review place: engage unless irrelevant)."""
    if c["kind"] == "review_platform":
        # a review place: answering reviews and asking for them is always the firm's part
        return "low_priority" if relevance is not None and relevance == 0 else "engage"
    if companies == "no":
        return "listen"
    if (relevance is not None and relevance == 0) or (
        activity is not None and activity < QUIET and c["kind"] not in EDITED_KINDS
    ):
        return "low_priority"
    if companies in ("yes", "vendor_area") and has_segments and activity is not None:
        return "engage"
    return "clarify"


def _review_figures(c: pd.Series) -> list[Message]:
    """A review place's figures as given: reviews, rating, answer rate; missing ones named."""
    found: list[Message] = []
    n, rating, answered = (_number(c.get(k)) for k in ("reviews", "rating", "answer_rate_pct"))
    if n is not None:
        found.append(msg("communities.reason.reviews", n=int(n)))
    if rating is not None:
        found.append(msg("communities.reason.rating", rating=rating))
    if answered is not None:
        found.append(msg("communities.reason.answer_rate", share=answered))
    if n is None or rating is None or answered is None:
        found.append(msg("communities.reason.review_figures_missing"))
    return found


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def sensitivity(c: pd.Series) -> str:
    """``confirmed``, ``suggested`` (a word in its name, rules or notes) or ``""``."""
    flag = c.get("sensitive")
    if flag is True:
        return "confirmed"
    if flag is False:
        return ""
    return "suggested" if suggest_sensitive(c.get("name"), c.get("rules"), c.get("notes")) else ""


def _answers_ok(c: pd.Series, companies: str) -> bool:
    flag = c.get("answers_allowed")
    flag = None if flag is None or (isinstance(flag, float) and pd.isna(flag)) else bool(flag)
    return flag is True if companies == "no" else flag is not False


def _card(
    c: pd.Series,
    companies: str,
    mode: str,
    share: float | None,
    activity: float | None,
    sensitive: str = "",
) -> dict[str, Any]:
    """Rules of engagement: what we may do there, how often, what to avoid, who moderates."""
    avoid = [msg("communities.card.avoid_repeats"), msg("communities.card.avoid_everywhere")]
    if sensitive:
        avoid.insert(0, msg("communities.card.avoid_sensitive"))
    if c["kind"] in ("group", "forum", "subreddit"):
        avoid.append(msg("communities.card.avoid_bare_links"))
    avoid.extend(_field_rules(c))
    moderators = c["moderators"]
    return {
        "name": str(c["name"]),
        "may": [m.model_dump() for m in _card_may(c, companies, mode, share)],
        "often": _card_often(c, companies, activity).model_dump(),
        "avoid": [m.model_dump() for m in avoid],
        "rules": c["rules"],
        "moderators": moderators
        if isinstance(moderators, str) and moderators
        else msg("communities.card.moderators_unknown").model_dump(),
    }


def _card_may(c: pd.Series, companies: str, mode: str, share: float | None) -> list[Message]:
    """What the firm may do there: post as a company or not, in a vendor area, promotion."""
    reviews = c["kind"] == "review_platform"
    if reviews:
        may = [msg("communities.card.may_reviews")]
    elif companies == "no":
        may = [
            msg(
                "communities.card.may_no"
                if _answers_ok(c, companies)
                else "communities.card.may_no_answers"
            )
        ]
    else:
        may = [msg(f"communities.card.may_{companies}")]
    if companies == "vendor_area" and isinstance(c.get("vendor_area"), str) and c["vendor_area"]:
        may.append(msg("communities.card.vendor_area", area=c["vendor_area"]))
    if companies != "no" and not reviews:
        if mode == "ratio" and share:
            may.append(msg("communities.card.promotion_ratio", one_in=round(1 / share)))
        else:
            may.append(msg(f"communities.card.promotion_{mode}"))
    return may


def _card_often(c: pd.Series, companies: str, activity: float | None) -> Message:
    """How often: the place's own limit, else a share of its activity, else the default."""
    limit = c["max_posts_per_week"]
    if companies == "no":
        return msg("communities.card.often_none")
    if c["kind"] == "review_platform":
        return msg("communities.card.often_reviews")
    if limit is not None and not pd.isna(limit):
        return msg("communities.card.often_limit", n=float(limit))
    if activity and activity * SHARE_OF_ACTIVITY < MONTHLY:
        return msg("communities.card.often_monthly", activity=activity)
    if activity:
        return msg(
            "communities.card.often_activity",
            n=activity * SHARE_OF_ACTIVITY,
            activity=activity,
        )
    return msg("communities.card.often_default")


def _field_rules(c: pd.Series) -> list[Message]:
    """The register's rules as fields, in words for the card."""
    found: list[Message] = []
    if c.get("individuals_only") is True:
        found.append(msg("communities.card.individuals_only"))
    if c.get("links_allowed") is False:
        found.append(msg("communities.card.no_links"))
    days = c.get("allowed_days")
    if isinstance(days, list) and days:
        found.append(msg("communities.card.days", days=day_names(days)))
    limit = c.get("max_company_posts_per_week")
    if limit is not None and not pd.isna(limit):
        found.append(msg("communities.card.company_limit", n=float(limit)))
    return found


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day_names(days: list[int]) -> list[dict[str, Any]]:
    """ISO weekdays (1 = Monday) as catalog messages."""
    return [msg(f"charts.weekday_long.{DAYS[d - 1]}").model_dump() for d in days]


__all__ = [
    "DAYS",
    "EDITED_KINDS",
    "LIVELY",
    "MONTHLY",
    "QUIET",
    "SHARE_OF_ACTIVITY",
    "VERDICTS",
    "Suitability",
    "day_names",
    "judge",
    "sensitivity",
]
