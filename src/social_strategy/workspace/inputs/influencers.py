"""Step 3's inputs: candidate multipliers, who interacts with whom, employees as ambassadors."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from typing import Annotated, Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from ...errors import Problem
from ..fields import Flag, Integer, Number, TextList
from ..schema import ROW_COLUMN, Row, Section, StepInputs, TableSpec, row_error

#: institutions (public by their role)
_INSTITUTIONS = ("organisation", "association", "academic", "organiser", "public_body", "brand")
#: people in a private role towards the firm
_PRIVATE_ROLES = ("community_lead", "customer", "partner", "employee")
TYPES = ("creator", "journalist", *_PRIVATE_ROLES, *_INSTITUTIONS)
#: accounts in a public role: named in the report unless the row says ``public: no``
PUBLIC_TYPES = ("creator", "journalist", *_INSTITUTIONS)
#: other words clients write for the types (English and German)
_TYPE_WORDS = {
    "organization": "organisation",
    "company": "organisation",
    "firm": "organisation",
    "unternehmen": "organisation",
    "firma": "organisation",
    "organisation_(firma)": "organisation",
    "verband": "association",
    "verein": "association",
    "industry_association": "association",
    "trade_association": "association",
    "professor": "academic",
    "professorin": "academic",
    "researcher": "academic",
    "university": "academic",
    "hochschule": "academic",
    "wissenschaft": "academic",
    "forscher": "academic",
    "organizer": "organiser",
    "veranstalter": "organiser",
    "event_organiser": "organiser",
    "event_organizer": "organiser",
    "trade_fair": "organiser",
    "messe": "organiser",
    "public_authority": "public_body",
    "authority": "public_body",
    "government": "public_body",
    "behörde": "public_body",
    "behoerde": "public_body",
    "amt": "public_body",
    "marke": "brand",
    "kunde": "customer",
    "kundin": "customer",
    "mitarbeiter": "employee",
    "mitarbeiterin": "employee",
    "journalistin": "journalist",
    "media": "journalist",
}
#: interaction kinds that have a direction (A mentions B is not B mentions A) ...
DIRECTED_KINDS = ("mention", "reply", "share", "retweet", "repost", "quote", "comment", "tag")
#: ... and kinds that link two accounts both ways
UNDIRECTED_KINDS = (
    "connection",
    "like",
    "page_like",
    "membership",
    "co_mention",
    "friend",
    "verbindung",
    "kontakt",
    "mitgliedschaft",
)
STATUSES = ("open", "contacted", "agreed", "declined")
#: types that are private persons unless the row says ``public: yes``
PRIVATE_TYPES = ("customer", "employee")
_STATUS_WORDS = {
    "offen": "open",
    "new": "open",
    "neu": "open",
    "kontaktiert": "contacted",
    "angefragt": "contacted",
    "zugesagt": "agreed",
    "yes": "agreed",
    "abgesagt": "declined",
    "no": "declined",
}


def normalise_handle(value: object) -> str:
    """``' @Kaffee.Liebe '`` -> ``'kaffee.liebe'``: case, leading @ and spaces do not count."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = text.lstrip("@＠").strip()
    return re.sub(r"\s+", " ", text).casefold()


def _required_handle(value: str) -> str:
    """A handle that must name an account: ``@`` alone is none."""
    handle = normalise_handle(value)
    if not handle:
        raise ValueError("a handle needs more than an @")
    return handle


def _code(value: object) -> object:
    if isinstance(value, str):
        return value.strip().lower().replace(" ", "_").replace("-", "_")
    return value


class Candidate(Row):
    """An account the firm might approach: a creator, journalist, customer, employee, ..."""

    handle: Annotated[str, Field(min_length=1)]
    platform: str | None = None
    #: a display name; never shown in the report while the person is pseudonymised
    name: str | None = None
    followers: Integer | None = Field(default=None, ge=0)
    #: average interactions (likes, comments, shares) per post
    avg_interactions: Number | None = Field(default=None, ge=0)
    #: average reach (people reached) per post, where the account owner shares it
    avg_reach: Number | None = Field(default=None, ge=0)
    #: an engagement rate in percent, when only the rate is known
    engagement_rate_pct: Number | None = Field(default=None, ge=0, le=100)
    topics: TextList = []
    region: str | None = None
    type: Literal[TYPES] | None = None  # type: ignore[valid-type]
    status: Literal[STATUSES] = "open"  # type: ignore[valid-type]
    #: a public account (a creator's or a medium's): may be named in the report
    public: Flag | None = None
    notes: str | None = None

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: object) -> object:
        code = _code(value)
        return _TYPE_WORDS.get(code, code) if isinstance(code, str) else code

    _handle = field_validator("handle")(_required_handle)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> object:
        if value is None:
            return "open"
        code = _code(value)
        return _STATUS_WORDS.get(code, code) if isinstance(code, str) else code


class Interaction(Row):
    """Who mentioned, replied to or shared whom: an edge, or a text whose @handles count."""

    source: Annotated[str, Field(min_length=1)]
    target: str | None = None
    #: the post's text; its @handles are the targets when ``target`` is empty
    text: str | None = None
    kind: str | None = None
    weight: Number = Field(default=1.0, gt=0)
    time: str | None = None

    _kind = field_validator("kind", mode="before")(_code)

    _source = field_validator("source")(_required_handle)

    @field_validator("target")
    @classmethod
    def _target(cls, value: str | None) -> str | None:
        return normalise_handle(value) or None if value is not None else None

    @model_validator(mode="after")
    def _edge_or_text(self) -> Interaction:
        if self.target is None and not self.text:
            raise row_error("target, text", "give the target account or the text with @handles")
        return self


class Ambassador(Row):
    """An employee who could speak for the firm on their own account."""

    name: Annotated[str, Field(min_length=1)]
    role: str | None = None
    platform: str | None = None
    handle: str | None = None
    followers: Integer | None = Field(default=None, ge=0)
    #: has agreed to take part (empty: not asked yet)
    willing: Flag | None = None
    #: share of their followers who already follow the brand, if measured
    overlap_pct: Number | None = Field(default=None, ge=0, le=100)
    notes: str | None = None

    @field_validator("handle")
    @classmethod
    def _handle(cls, value: str | None) -> str | None:
        return normalise_handle(value) or None if value is not None else None


class RankingWeights(Section):
    """How much each part counts in the composite ranking (relative; need not sum to 1)."""

    reach: float = Field(default=1.0, ge=0)
    engagement: float = Field(default=1.0, ge=0)
    network: float = Field(default=1.0, ge=0)
    relevance: float = Field(default=1.5, ge=0)
    local: float = Field(default=0.5, ge=0)


class InfluencersSettings(Section):
    """Settings of step 3 (influencers and multipliers)."""

    #: engagement rate per follower (interactions / followers) or per reach
    engagement_basis: Literal["followers", "reach"] = "followers"
    #: follower counts where nano, micro, mid, macro and mega accounts begin (nano below the first)
    tiers: list[int] = Field(
        default=[10_000, 50_000, 500_000, 1_000_000], min_length=4, max_length=4
    )
    weights: RankingWeights = RankingWeights()
    #: how many people the firm approaches as one set
    k: int = Field(default=5, ge=1, le=50)
    #: rows of the ranked table in the report
    top_n: int = Field(default=15, ge=1, le=100)
    #: Monte Carlo runs of the independent cascade model (selection and evaluation each)
    simulations: int = Field(default=500, ge=50, le=20_000)
    seed: int = 2026
    #: above this many accounts the spread is estimated by reverse influence sampling
    forward_max: int = Field(default=20_000, ge=100)
    #: reverse reachable sets per estimate on such large graphs (selection and check each)
    reverse_sets: int = Field(default=100_000, ge=1_000, le=5_000_000)
    #: probability that an interaction passes a post on; empty: weighted cascade (1 / in-degree)
    probability: float | None = Field(default=None, gt=0, le=1)
    #: how interactions link accounts: ``auto`` (by the ``kind`` column: mention, reply, share
    #: are directed; connection, like, membership are not; others directed), or for all rows
    direction: Literal["auto", "directed", "undirected"] = "auto"
    #: two chosen people share much of an audience from this share of the smaller one (%) ...
    overlap_high_pct: float = Field(default=50.0, gt=0, le=100)
    #: ... and reach different audiences only when every pair shares less than this (%)
    overlap_low_pct: float = Field(default=20.0, ge=0, le=100)
    #: who is shown under a pseudonym: private persons (default), everyone, or nobody
    pseudonymise: Literal["private", "all", "none"] = "private"
    #: key of the pseudonyms; empty: the firm's name (set your own before sharing reports)
    pseudonym_key: str = ""
    #: how long the candidate list is kept, in months (GDPR note)
    keep_months: int = Field(default=12, ge=1, le=60)
    #: above this many accounts, betweenness is estimated from a sample of sources
    exact_betweenness_max: int = Field(default=5_000, ge=10)
    betweenness_samples: int = Field(default=128, ge=8, le=5_000)

    @field_validator("tiers")
    @classmethod
    def _ascending(cls, value: list[int]) -> list[int]:
        if any(b <= a for a, b in pairwise(value)) or value[0] <= 0:
            raise ValueError("four follower counts, each larger than the one before")
        return value


def _one_rate(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A candidate without followers cannot have a per-follower rate computed: say which."""
    problems = []

    def missing(row: pd.Series, column: str) -> bool:
        return row[column] is None or pd.isna(row[column])

    for _, row in frame.iterrows():
        if (
            not missing(row, "avg_interactions")
            and missing(row, "followers")
            and missing(row, "avg_reach")
        ):
            problems.append(
                Problem(
                    file,
                    "interactions per post need the followers (or the reach) to give a rate",
                    row=row[ROW_COLUMN],
                    column="followers",
                    expected="the account's follower count",
                )
            )
    return problems


INPUTS = StepInputs(
    step="influencers",
    order=3,
    settings=InfluencersSettings,
    tables=(
        TableSpec(
            "influencers",
            Candidate,
            "Candidate multipliers: creators, journalists, community leads, customers (step 3).",
            id_columns=("handle",),
            aliases={
                "handle": ("account", "username", "user", "konto", "profil"),
                "followers": ("follower", "fans", "abonnenten", "follower_count"),
                "avg_interactions": (
                    "interactions",
                    "avg_engagement",
                    "interaktionen",
                    "interactions_per_post",
                ),
                "avg_reach": ("reach", "reichweite", "reach_per_post"),
                "engagement_rate_pct": ("engagement_rate", "er", "er_pct", "engagement_pct"),
                "topics": ("themen", "topic", "tags"),
                "type": ("kind", "typ", "art"),
                "status": ("contact_status", "kontakt", "kontaktstatus"),
                "public": ("oeffentlich", "öffentlich", "public_account"),
            },
            checks=(_one_rate,),
            form=True,
        ),
        TableSpec(
            "interactions",
            Interaction,
            "Who mentions, replies to or shares whom: an edge list or mention texts (step 3).",
            truncate=("text",),
            aliases={
                "source": ("from", "author", "von", "user", "screen_name", "username"),
                "target": ("to", "an", "mentioned", "in_reply_to", "in_reply_to_screen_name"),
                "text": ("tweet", "message", "post", "caption", "full_text", "nachricht"),
                "kind": ("type", "typ", "art"),
                "weight": ("count", "n", "anzahl"),
                "time": ("date", "created_at", "datum", "timestamp"),
            },
        ),
        TableSpec(
            "ambassadors",
            Ambassador,
            "Employees who could speak for the firm on their own accounts (step 3).",
            id_columns=("name", "platform"),
            aliases={
                "followers": ("follower", "abonnenten", "kontakte", "connections"),
                "willing": ("bereit", "agreed", "zugesagt"),
                "overlap_pct": ("overlap", "ueberschneidung", "überschneidung"),
                "role": ("rolle", "position"),
            },
        ),
    ),
)


__all__ = [
    "DIRECTED_KINDS",
    "INPUTS",
    "PRIVATE_TYPES",
    "PUBLIC_TYPES",
    "STATUSES",
    "TYPES",
    "UNDIRECTED_KINDS",
    "Ambassador",
    "Candidate",
    "InfluencersSettings",
    "Interaction",
    "RankingWeights",
    "normalise_handle",
]
