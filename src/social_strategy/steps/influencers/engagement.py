"""Engagement, size tier and topic relevance of each candidate.

- Engagement rate, with its definition stated: interactions per post divided by followers
  (or, when the setting says so and the account shares it, by reach per post), in percent.
  The two differ a lot: reach is usually a fraction of followers, so per-reach rates are
  higher. A rate given directly in the table is used as it is and labelled as such.
- Tiers by followers: nano, micro, mid, macro, mega, at thresholds that are settings
  (default 10,000 / 50,000 / 500,000 / 1,000,000, a common industry convention).
- Topic relevance: the share of a candidate's topics that match the firm's own words (its
  added value, monitored keywords, hashtags and products, and the interests of its target
  segments). Matching ignores case and finds a topic inside a longer phrase
  ("Espresso" in "Espresso zu Hause"); topics shorter than four letters must match exactly.
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz

TIERS = ("nano", "micro", "mid", "macro", "mega")
#: a topic counts as matching a firm term at this partial similarity (0-100)
MATCH = 88


def _known(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def engagement(row: dict, basis: str) -> tuple[float | None, str | None]:
    """The engagement rate in percent and how it was obtained (followers, reach, given)."""
    inter = row.get("avg_interactions")
    if _known(inter):
        if basis == "reach" and _known(row.get("avg_reach")) and row["avg_reach"] > 0:
            return 100.0 * inter / row["avg_reach"], "reach"
        if _known(row.get("followers")) and row["followers"] > 0:
            return 100.0 * inter / row["followers"], "followers"
        if _known(row.get("avg_reach")) and row["avg_reach"] > 0:
            return 100.0 * inter / row["avg_reach"], "reach"
    if _known(row.get("engagement_rate_pct")):
        return float(row["engagement_rate_pct"]), "given"
    return None, None


def tier(followers: object, bounds: list[int]) -> str | None:
    if not _known(followers):
        return None
    for name, bound in zip(TIERS, bounds, strict=False):
        if followers < bound:
            return name
    return TIERS[-1]


def firm_terms(strategy, segments: pd.DataFrame) -> list[str]:
    """The firm's own words: added value, monitored names, segment interests (lowercase)."""
    phrases: list[str] = list(strategy.added_value)
    m = strategy.monitoring
    phrases += [*m.keywords, *m.hashtags, *m.products]
    if not segments.empty and "interests" in segments:
        for interests in segments["interests"]:
            phrases += list(interests or [])
    terms: list[str] = []
    for phrase in phrases:
        for part in re.split(r"[:;,/()]|\s-\s", phrase):
            part = part.strip().lstrip("#").lower()
            if part:
                terms.append(part)
    return list(dict.fromkeys(terms))


def matching_topics(topics: list[str], terms: list[str]) -> list[str]:
    """The candidate's topics that match one of the firm's terms."""
    found = []
    for topic in topics:
        t = topic.strip().lstrip("#").lower()
        if not t:
            continue
        if len(t) < 4:
            hit = any(t in re.findall(r"\w+", term) for term in terms)
        else:
            hit = any(fuzz.partial_ratio(t, term) >= MATCH for term in terms if len(term) >= 4)
        if hit:
            found.append(topic)
    return found


def is_local(region: object, firm_region: str | None) -> bool | None:
    """Whether the candidate's region is (part of) the firm's region; None if unknown."""
    if not _known(region) or not firm_region:
        return None
    words = {w for w in re.findall(r"\w+", firm_region.lower()) if len(w) >= 4}
    return any(w in words for w in re.findall(r"\w+", str(region).lower()))


__all__ = ["MATCH", "TIERS", "engagement", "firm_terms", "is_local", "matching_topics", "tier"]
