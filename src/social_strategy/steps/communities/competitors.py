"""Competitors side by side with the firm: presence, activity, openings and dominance.

A channel the firm uses or considers where no competitor is present is an *opening*. A
competitor *dominates* a channel when it has more than ``DOMINANT_RATIO`` times the firm's
followers there, or followers where the firm has no presence yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...reference import canonical_platform
from ...results import msg

DOMINANT_RATIO = 2.0


@dataclass
class Dominance:
    competitor: str
    platform: str
    followers: int
    ours: int | None


@dataclass
class Comparison:
    #: one row per competitor (and the firm first), for the chapter's table
    rows: list[dict]
    openings: list[str]
    dominant: list[Dominance]


def compare(competitors: pd.DataFrame, channels: pd.DataFrame, firm: str) -> Comparison:
    ours = {
        canonical_platform(ch["platform"]): ch for _, ch in channels.iterrows() if ch["considered"]
    }
    rows = [
        {
            "name": firm,
            "channels": [
                _channel(p, None if pd.isna(ch["followers"]) else int(ch["followers"]))
                for p, ch in ours.items()
            ],
            "posts_per_week": _sum(ch["posts_per_week"] for ch in ours.values()),
            "avg_interactions": None,
            "strengths": None,
            "weaknesses": None,
        }
    ]
    present: dict[str, list[tuple[str, int | None]]] = {}
    for _, c in competitors.iterrows():
        chans = {canonical_platform(k): v for k, v in (c["channels"] or {}).items()}
        for platform, followers in chans.items():
            present.setdefault(platform, []).append((str(c["name"]), followers))
        rows.append(
            {
                "name": str(c["name"]),
                "channels": [_channel(p, f) for p, f in chans.items()],
                "posts_per_week": _num(c["posts_per_week"]),
                "avg_interactions": _num(c["avg_interactions"]),
                "strengths": c["strengths"],
                "weaknesses": c["weaknesses"],
            }
        )
    openings = [p for p in ours if p not in present] if not competitors.empty else []
    dominant: list[Dominance] = []
    for platform, holders in present.items():
        known = [(n, f) for n, f in holders if f is not None]
        if not known:
            continue
        name, followers = max(known, key=lambda h: h[1])
        mine = ours.get(platform)
        mine_f = None if mine is None or pd.isna(mine["followers"]) else int(mine["followers"])
        if followers > 0 and (mine_f is None or followers > DOMINANT_RATIO * mine_f):
            dominant.append(Dominance(name, platform, int(followers), mine_f))
    dominant.sort(key=lambda d: -d.followers)
    return Comparison(rows, openings, dominant)


def _channel(platform: str, followers: int | None) -> dict:
    if followers is None:
        return msg("communities.cell.channel", platform=platform).model_dump()
    return msg("communities.cell.followers", platform=platform, n=followers).model_dump()


def _num(value: object) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def _sum(values) -> float | None:
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    return sum(known) if known else None


__all__ = ["DOMINANT_RATIO", "Comparison", "Dominance", "compare"]
