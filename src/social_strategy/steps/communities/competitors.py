"""Competitors side by side with the firm: presence per channel, engagement, openings,
dominance and lessons.

competitors.csv comes in two forms, both read: one row per competitor with a ``channels``
cell (``Instagram: 12400; Facebook: 3100``; posts and interactions then cover all its
channels), or one row per competitor and channel or community (``channel``, ``followers``,
``posts_per_week``, ``avg_interactions`` there). A ``channel`` that names a community of
the register (case-insensitive) is that community; otherwise it is a platform.

- **Engagement rate** per competitor and channel = interactions per post / followers x 100
  (%), where both are given for that channel (per-channel rows only: totals over all
  channels would mix channels).
- A channels.csv row that is a community of the register (by name, or a generic "Trade
  forum" where the register holds one forum) is judged as that community.
- **Opening**: a channel or community of the firm is an opening only where the firm
  checked that no competitor is there: every competitor has a row for it with ``present``
  = no, or the register's ``competitors`` cell says none. Where nobody checked, it is an
  open question, never an opening.
- **Dominance**: a competitor has more than ``DOMINANT_RATIO`` times the firm's followers
  on a channel, or followers where the firm has no presence yet.
- **Lessons**: a competitor's ``notes`` (or, in the old form, its weaknesses and strengths)
  that say it was warned, banned or had posts removed are drawn as the example not to
  follow; praised or thanked, as the example to follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...reference import canonical_platform
from ...results import msg
from .places import linked_communities

DOMINANT_RATIO = 2.0
#: a register ``competitors`` cell that records a checked absence
NONE_WORDS = {"none", "no", "no one", "nobody", "keine", "keiner", "niemand", "-", "0"}
#: note words that make a competitor's behaviour a case (English and German stems)
BAD_WORDS = (
    "warned", "warning", "banned", "ban ", "blocked", "removed", "deleted", "suspended",
    "verwarn", "gesperrt", "sperre", "gelöscht", "entfernt", "ermahnt", "abmahnung",
)  # fmt: skip
GOOD_WORDS = (
    "praised", "thanked", "recommended", "helpful", "gelobt", "lob ", "bedankt", "empfohlen",
    "hilfreich",
)  # fmt: skip


@dataclass
class Dominance:
    competitor: str
    platform: str
    followers: int
    ours: int | None


@dataclass
class Presence:
    """One competitor on one channel or community."""

    competitor: str
    place: str
    #: "community" (matched to the register by name) or "channel"
    kind: str
    present: bool
    followers: int | None = None
    posts_per_week: float | None = None
    avg_interactions: float | None = None
    notes: str | None = None

    @property
    def engagement_rate(self) -> float | None:
        """Interactions per post / followers x 100, where both are known for this place."""
        if self.followers and self.avg_interactions is not None:
            return self.avg_interactions / self.followers * 100
        return None


@dataclass
class Comparison:
    #: one row per competitor (and the firm first), for the chapter's table
    rows: list[dict]
    openings: list[str]
    dominant: list[Dominance]
    #: per competitor and channel or community (both forms of competitors.csv)
    presence: list[Presence] = field(default_factory=list)
    #: the firm's channels and communities where nobody checked for competitors
    unchecked: list[str] = field(default_factory=list)
    #: (competitor, place, "bad" | "good", note)
    lessons: list[tuple[str, str, str, str]] = field(default_factory=list)


def compare(
    competitors: pd.DataFrame,
    channels: pd.DataFrame,
    firm: str,
    communities: pd.DataFrame | None = None,
) -> Comparison:
    communities = communities if communities is not None else pd.DataFrame(columns=["name"])
    ours = {
        canonical_platform(ch["platform"]): ch for _, ch in channels.iterrows() if ch["considered"]
    }
    register = {str(n).strip().lower(): str(n).strip() for n in communities["name"]}
    # a channels.csv row that is a community of the register is judged as that community
    linked = {canonical_platform(k) for k in linked_communities(communities, channels)}
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
    presence, lessons = _competitor_rows(competitors, register, rows)
    openings, unchecked = _openings(
        presence, rows, ours, linked, register, communities, competitors.empty
    )
    return Comparison(rows, openings, _dominant(presence, ours), presence, unchecked, lessons)


def _competitor_rows(
    competitors: pd.DataFrame, register: dict[str, str], rows: list[dict]
) -> tuple[list[Presence], list[tuple[str, str, str, str]]]:
    """competitors.csv read into ``rows`` (a row per competitor, in either form: a row per
    competitor and channel, or channels as a cell), with each presence and the lessons its
    notes tell."""
    presence: list[Presence] = []
    lessons: list[tuple[str, str, str, str]] = []
    by_name: dict[str, dict] = {}
    for _, c in competitors.iterrows():
        name = str(c["name"]).strip()
        row = by_name.get(name.lower())
        if row is None:
            row = {
                "name": name,
                "channels": [],
                "posts_per_week": None,
                "avg_interactions": None,
                "strengths": c.get("strengths"),
                "weaknesses": c.get("weaknesses"),
            }
            by_name[name.lower()] = row
            rows.append(row)
        channel = c.get("channel")
        if isinstance(channel, str) and channel.strip():
            place, kind = _place(channel, register)
            p = Presence(
                name,
                place,
                kind,
                c.get("present") is not False,
                _int(c.get("followers")),
                _num(c.get("posts_per_week")),
                _num(c.get("avg_interactions")),
                c.get("notes") if isinstance(c.get("notes"), str) else None,
            )
            presence.append(p)
            if p.present:
                row["channels"].append(_channel(place, p.followers))
                row["posts_per_week"] = _sum([row["posts_per_week"], p.posts_per_week])
            notes = [p.notes]
        else:
            for platform, followers in (c["channels"] or {}).items():
                place, kind = _place(platform, register)
                presence.append(Presence(name, place, kind, True, followers))
                row["channels"].append(_channel(place, followers))
            row["posts_per_week"] = _num(c["posts_per_week"])
            row["avg_interactions"] = _num(c["avg_interactions"])
            notes = [c.get("notes"), c.get("weaknesses"), c.get("strengths")]
            place = None
        for note in notes:
            case = lesson(note)
            if case:
                lessons.append((name, place or "", case, str(note)))
    return presence, lessons


def _openings(
    presence: list[Presence],
    rows: list[dict],
    ours: dict[str, Any],
    linked: set[str],
    register: dict[str, str],
    communities: pd.DataFrame,
    no_competitors: bool,
) -> tuple[list[str], list[str]]:
    """The firm's places where no competitor is (checked: openings) and where nobody checked
    (unchecked)."""
    names = {p.competitor for p in presence} | {r["name"] for r in rows[1:]}
    checked_absent: dict[str, set[str]] = {}
    present_at: set[str] = set()
    for p in presence:
        if p.present:
            present_at.add(p.place.lower())
        else:
            checked_absent.setdefault(p.place.lower(), set()).add(p.competitor)
    firm_places = [p for p in ours if p not in linked] + [register[k] for k in register]
    openings: list[str] = []
    unchecked: list[str] = []
    for place in firm_places:
        key = place.lower()
        if key in present_at:
            continue
        said = _register_cell(communities, place)
        if said is not None and said.strip() and said.strip().lower() not in NONE_WORDS:
            continue  # the register names competitors there
        none_said = said is not None and said.strip().lower() in NONE_WORDS
        if none_said or (names and checked_absent.get(key, set()) >= names):
            openings.append(place)
        elif not no_competitors:
            unchecked.append(place)
    return openings, unchecked


def _dominant(presence: list[Presence], ours: dict[str, Any]) -> list[Dominance]:
    """The channels where a competitor has far more followers than the firm, largest first."""
    dominant: list[Dominance] = []
    known: dict[str, list[tuple[str, int]]] = {}
    for p in presence:
        if p.present and p.followers is not None and p.kind == "channel":
            known.setdefault(p.place, []).append((p.competitor, p.followers))
    for platform, holders in known.items():
        name, followers = max(holders, key=lambda h: h[1])
        mine = ours.get(platform)
        mine_f = None if mine is None or pd.isna(mine["followers"]) else int(mine["followers"])
        if followers > 0 and (mine_f is None or followers > DOMINANT_RATIO * mine_f):
            dominant.append(Dominance(name, platform, int(followers), mine_f))
    dominant.sort(key=lambda d: -d.followers)
    return dominant


def lesson(note: object) -> str | None:
    """``bad`` (warned, banned, posts removed), ``good`` (praised, thanked) or None."""
    if not isinstance(note, str) or not note.strip():
        return None
    text = f" {note.lower()} "
    if any(w in text for w in BAD_WORDS):
        return "bad"
    if any(w in text for w in GOOD_WORDS):
        return "good"
    return None


def _register_cell(communities: pd.DataFrame, place: str) -> str | None:
    if "competitors" not in communities:
        return None
    match = communities[communities["name"].astype(str).str.strip().str.lower() == place.lower()]
    if match.empty:
        return None
    value = match["competitors"].iloc[0]
    return value if isinstance(value, str) else ""


def _place(name: str, register: dict[str, str]) -> tuple[str, str]:
    key = re.sub(r"\s+", " ", str(name).strip().lower())
    if key in register:
        return register[key], "community"
    return canonical_platform(name), "channel"


def _channel(platform: str, followers: int | None) -> dict:
    if followers is None:
        return msg("communities.cell.channel", platform=platform).model_dump()
    return msg("communities.cell.followers", platform=platform, n=followers).model_dump()


def _int(value: object) -> int | None:
    number = _num(value)
    return None if number is None else int(number)


def _num(value: object) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def _sum(values) -> float | None:
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    return sum(known) if known else None


__all__ = [
    "BAD_WORDS",
    "DOMINANT_RATIO",
    "GOOD_WORDS",
    "NONE_WORDS",
    "Comparison",
    "Dominance",
    "Presence",
    "compare",
    "lesson",
]
