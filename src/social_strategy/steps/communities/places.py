"""Where a planned post goes: one of the firm's own channels or a community of the register."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...reference import canonical_platform
from ...workspace.inputs.communities import parse_self_promotion


@dataclass(frozen=True)
class Place:
    """A channel or community as the content plan names it."""

    name: str
    #: "community", "channel" (channels.csv) or "unknown" (in neither table)
    kind: str
    community_kind: str | None = None
    companies: str = "unknown"
    #: none, ratio, dedicated, allowed, unknown
    promotion_mode: str = "unknown"
    #: the largest share of promotion the place's rules allow (None: no rule of its own)
    promotion_share: float | None = None
    max_posts_per_week: float | None = None
    activity_per_week: float | None = None

    @property
    def is_community(self) -> bool:
        return self.kind == "community"


def places(communities: pd.DataFrame, channels: pd.DataFrame) -> dict[str, Place]:
    """Every known place by its lower-case name (communities first, then channels)."""
    found: dict[str, Place] = {}
    for _, c in communities.iterrows():
        mode, share = parse_self_promotion(c["self_promotion"])
        found[str(c["name"]).strip().lower()] = Place(
            name=str(c["name"]).strip(),
            kind="community",
            community_kind=c["kind"],
            companies=c["companies"],
            promotion_mode=mode,
            promotion_share=share,
            max_posts_per_week=_num(c["max_posts_per_week"]),
            activity_per_week=_num(c["activity_per_week"]),
        )
    for _, ch in channels.iterrows():
        name = canonical_platform(ch["platform"])
        found.setdefault(name.lower(), Place(name=name, kind="channel"))
    return found


def resolve(name: str, known: dict[str, Place]) -> Place:
    """The place a content-plan row names; an unknown one keeps its name."""
    key = str(name).strip().lower()
    if key in known:
        return known[key]
    canonical = canonical_platform(name)
    return known.get(canonical.lower(), Place(name=canonical, kind="unknown"))


def _num(value: object) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


__all__ = ["Place", "places", "resolve"]
