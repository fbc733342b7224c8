"""Where a planned post goes: one of the firm's own channels or a community of the register."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...reference import canonical_platform
from ...workspace.inputs.communities import parse_self_promotion, suggest_sensitive


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
    #: name of the vendor area or thread (companies == vendor_area)
    vendor_area: str | None = None
    individuals_only: bool = False
    #: may the firm answer as the firm (None: not stated)
    answers_allowed: bool | None = None
    links_allowed: bool = True
    #: ISO weekdays the firm may post on (empty: any)
    allowed_days: tuple[int, ...] = ()
    max_company_posts_per_week: float | None = None
    #: "confirmed", "suggested" (from kind, name, rules, notes; to be confirmed) or ""
    sensitive: str = ""
    #: the word the suggestion rests on
    sensitive_word: str | None = None

    @property
    def answers_ok(self) -> bool:
        """May the firm answer questions there as the firm: where companies are not
        welcome only when the rules say so, elsewhere unless they forbid it."""
        if self.is_community and self.companies == "no":
            return self.answers_allowed is True
        return self.answers_allowed is not False

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
            vendor_area=_text(c.get("vendor_area")),
            individuals_only=bool(_flag(c.get("individuals_only"))),
            answers_allowed=_flag(c.get("answers_allowed")),
            links_allowed=_flag(c.get("links_allowed")) is not False,
            allowed_days=tuple(c.get("allowed_days") or ()),
            max_company_posts_per_week=_num(c.get("max_company_posts_per_week")),
            **_sensitive(c),
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


def _sensitive(c: pd.Series) -> dict[str, object]:
    flag = _flag(c.get("sensitive"))
    if flag is True:
        return {"sensitive": "confirmed"}
    if flag is False:
        return {"sensitive": ""}
    word = suggest_sensitive(c.get("name"), c.get("rules"), c.get("notes"))
    return {"sensitive": "suggested", "sensitive_word": word} if word else {}


def _flag(value: object) -> bool | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return bool(value)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _num(value: object) -> float | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


#: words in a channels.csv row that name a kind of community, not a network
KIND_WORDS = {
    "forum": "forum",
    "group": "group",
    "gruppe": "group",
    "subreddit": "subreddit",
    "newsletter": "newsletter",
    "blog": "blog",
}


def linked_communities(communities: pd.DataFrame, channels: pd.DataFrame) -> dict[str, str]:
    """channels.csv rows that are a community of the register: by name, or a generic row
    (``Trade forum``) where the register holds exactly one community of that kind.
    Returns {channel platform as written: community name}."""
    names = {str(n).strip().lower(): str(n).strip() for n in communities.get("name", [])}
    kinds: dict[str, list[str]] = {}
    for _, c in communities.iterrows():
        kinds.setdefault(str(c["kind"]), []).append(str(c["name"]).strip())
    found: dict[str, str] = {}
    for platform in channels.get("platform", []):
        key = str(platform).strip().lower()
        if key in names:
            found[str(platform)] = names[key]
            continue
        words = [k for w, k in KIND_WORDS.items() if w in key.split() or key.endswith(w)]
        if words and len(kinds.get(words[0], [])) == 1:
            found[str(platform)] = kinds[words[0]][0]
    return found


__all__ = ["KIND_WORDS", "Place", "linked_communities", "places", "resolve"]
