"""Step 1's inputs: segments, the firm's own survey, channels, posts export; its settings."""

from __future__ import annotations

from typing import Annotated, Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from ...errors import Problem
from ..fields import Date, Flag, Integer, Number, TextList
from ..platforms import canonical_platform
from ..schema import GOALS, ROW_COLUMN, Reference, Row, Section, StepInputs, TableSpec, row_error

PARTICIPATION = ("creators", "critics", "collectors", "joiners", "spectators", "inactives")
#: ages are counted up to here (open bands such as ``65+`` end here)
MAX_AGE = 90
#: why people are on social networks
MOTIVES = ("self_presentation", "connecting", "interests", "rating", "being_heard")


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


class Segment(Row):
    """An audience segment the firm wants to reach."""

    id: Annotated[str, Field(min_length=1)]
    name: Annotated[str, Field(min_length=1)]
    #: number of people (or customers) in the segment
    size: Number | None = Field(default=None, ge=0)
    #: share of the whole target audience in percent, used when sizes are not known
    share_pct: Number | None = Field(default=None, ge=0, le=100)
    #: ``25-44``, ``30-49``, ``65+`` or ``all``
    age_band: Annotated[str, Field(pattern=r"^(\d{1,2}\s*-\s*\d{1,3}|\d{1,2}\+|all)$")]
    country: str | None = None
    kind: Literal["B2B", "B2C"]
    interests: TextList = []
    wants: str | None = None
    participation: TextList = []
    #: why they are on the networks: self_presentation, connecting, interests, rating, being_heard
    motives: TextList = []
    #: where else the segment talks: forums, review sites, blogs, offline
    elsewhere: TextList = []

    _kind = field_validator("kind", mode="before")(lambda v: v.upper() if isinstance(v, str) else v)

    @field_validator("age_band")
    @classmethod
    def _band(cls, value: str) -> str:
        text = value.replace(" ", "").lower()
        if text == "all":
            return text
        low, _, high = text.rstrip("+").partition("-")
        if int(low) >= MAX_AGE or (high and int(high) < int(low)):
            raise ValueError(f"an age band runs from the lower age up, below {MAX_AGE}")
        return text

    @field_validator("motives")
    @classmethod
    def _motives(cls, value: list[str]) -> list[str]:
        motives = [v.lower().replace(" ", "_").replace("-", "_") for v in value]
        bad = [m for m in motives if m not in MOTIVES]
        if bad:
            raise ValueError(f"unknown motive {bad[0]!r}; expected {', '.join(MOTIVES)}")
        return motives

    @field_validator("participation")
    @classmethod
    def _rungs(cls, value: list[str]) -> list[str]:
        rungs = [v.lower() for v in value]
        bad = [r for r in rungs if r not in PARTICIPATION]
        if bad:
            raise ValueError(
                f"unknown participation rung {bad[0]!r}; expected {', '.join(PARTICIPATION)}"
            )
        return rungs

    @model_validator(mode="after")
    def _size_or_share(self) -> Segment:
        if self.size is None and self.share_pct is None:
            raise row_error("size, share_pct", "give the segment's size or its share_pct")
        return self


class SegmentPlatformUse(Row):
    """The firm's own survey figure: share of a segment using a platform."""

    segment_id: Annotated[str, Field(min_length=1)]
    platform: Annotated[str, Field(min_length=1)]
    use_pct: Number = Field(ge=0, le=100)
    metric: Literal["daily use", "weekly use", "monthly use", "ever use"] = "weekly use"
    source: Annotated[str, Field(min_length=1)]
    year: Integer | None = Field(default=None, ge=1990, le=2100)
    respondents: Integer | None = Field(default=None, ge=1)

    _metric = field_validator("metric", mode="before")(_lower)


class Channel(Row):
    """A channel under consideration, with the firm's current presence if any."""

    platform: Annotated[str, Field(min_length=1)]
    considered: Flag = True
    handle: str | None = None
    followers: Integer | None = Field(default=None, ge=0)
    posts_per_week: Number | None = Field(default=None, ge=0)
    #: goal ids from strategy.yaml this channel serves
    goals: TextList = []
    #: segment ids the channel is meant for; empty: all segments
    segments: TextList = []
    #: how well the channel carries the firm's added value (workshop judgement)
    fit: Literal["low", "medium", "high"] | None = None
    effort: Literal["low", "medium", "high"] | None = None
    #: date of the account's most recent post (account audit)
    last_post: Date | None = None
    #: the firm can log in and post (yes); no: the presence exists but is not in its hands
    managed: Flag | None = None
    notes: str | None = None

    _lowers = field_validator("fit", "effort", mode="before")(_lower)


class Post(Row):
    """One published post from a platform export. Either ``time`` or ``weekday`` + ``hour``.

    ``time`` is kept as the export wrote it (with or without a UTC offset); the posting-time
    analysis reads it. When the export has no total of interactions, the sum of its likes,
    comments, shares and saves is used.
    """

    time: str | None = None
    month: Integer | None = Field(default=None, ge=1, le=12)
    weekday: str | None = None
    hour: Integer | None = Field(default=None, ge=0, le=23)
    channel: str | None = None
    type: str | None = None
    reach: Number | None = Field(default=None, ge=0)
    interactions: Number | None = Field(default=None, ge=0)
    likes: Number | None = Field(default=None, ge=0)
    comments: Number | None = Field(default=None, ge=0)
    shares: Number | None = Field(default=None, ge=0)
    saves: Number | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _when(self) -> Post:
        if self.time is None and (self.weekday is None or self.hour is None):
            raise row_error("time, weekday, hour", _WHEN)
        if self.interactions is None:
            parts = [
                v for v in (self.likes, self.comments, self.shares, self.saves) if v is not None
            ]
            if parts:
                self.interactions = float(sum(parts))
        return self

    @classmethod
    def frame_rules(cls, frame: pd.DataFrame) -> list[tuple[pd.Series, str, str]]:
        when = frame["time"].isna() & (frame["weekday"].isna() | frame["hour"].isna())
        return [(when, "time, weekday, hour", _WHEN)]

    @classmethod
    def frame_derive(cls, frame: pd.DataFrame) -> pd.DataFrame:
        """Interactions as the sum of likes, comments, shares and saves where an export has
        no total (as ``_when`` does row by row)."""
        parts = frame[["likes", "comments", "shares", "saves"]].apply(pd.to_numeric)
        missing = frame["interactions"].isna() & parts.notna().any(axis=1)
        if missing.any():
            frame = frame.copy()
            frame["interactions"] = pd.to_numeric(frame["interactions"]).astype(float)
            frame.loc[missing, "interactions"] = parts[missing].sum(axis=1, min_count=1)
        return frame


_WHEN = "give the post's time, or its weekday and hour"


def valid_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    text = value.strip()
    if not text:
        return ""
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            "unknown time zone; expected a name such as Europe/Berlin, Europe/Vienna or UTC"
        ) from exc
    return text


class AudienceSettings(Section):
    """Settings of step 1 (target groups)."""

    #: fewer posts than this in a weekday/hour cell: the cell is not judged
    min_posts_per_cell: int = Field(default=5, ge=1)
    #: fewer posts than this in all: no own posting-time analysis, labelled default instead
    min_posts_total: int = Field(default=30, ge=1)
    #: a weighted reach below this share of the target group opens the chapter with a warning
    low_reach_pct: float = Field(default=20.0, ge=0, le=100)
    #: from this share of the target group on social media at all, the group counts as "on
    #: social media"; between low_reach_pct and this: "partly"
    majority_pct: float = Field(default=50.0, ge=0, le=100)
    #: an existing account with at least this many followers that still posts counts as
    #: evidence that the audience is there
    min_followers: int = Field(default=100, ge=0)
    #: an account whose last post is older than this many days counts as gone quiet
    stale_days: int = Field(default=90, ge=1)
    #: at most this many channels are recommended; the rest wait ("later")
    max_channels: int = Field(default=3, ge=1)
    #: the preferred reference metric; a channel without figures in it takes the next-best
    #: (weekly, monthly, last 3 months, ever use); the metrics are never mixed
    reach_metric: Literal["daily use", "weekly use", "monthly use", "ever use"] = "weekly use"
    #: posts export file inside the workspace (CSV or xlsx); empty: ``posts.csv`` if present
    posts_file: str = ""
    #: how numeric weekdays in the posts export count: 1 = Monday (ISO 8601) or 1 = Sunday
    weekday_1: Literal["monday", "sunday"] = "monday"
    #: time zone posting times are shown in (IANA name, e.g. Europe/Berlin); timestamps with a
    #: UTC offset are converted to it. Empty: the zone of the firm's country
    time_zone: str = ""

    _zone = field_validator("time_zone")(lambda v: valid_zone(v))


def _weighable(segments: pd.DataFrame, file: str) -> list[Problem]:
    """Segments are weighed by size, or else by share: one of the two in every row."""
    if segments.empty or not (segments["size"].isna().any() and segments["share_pct"].isna().any()):
        return []
    gap = segments[segments["share_pct"].isna()].iloc[0]
    return [
        Problem(
            file,
            "segments need a share_pct each (or a size each) to be weighed",
            row=gap[ROW_COLUMN],
            column="share_pct",
            expected="the same column filled in every row",
        )
    ]


def _one_per_network(*others: str):
    """A check that no network appears twice under two names (Twitter and X, Facebook and
    Meta) among rows that agree in ``others``; exact repeats are the duplicate-id check's."""

    def check(frame: pd.DataFrame, file: str) -> list[Problem]:
        problems: list[Problem] = []
        first: dict[tuple, tuple[str, int]] = {}
        for rec in frame[["platform", *others, ROW_COLUMN]].to_dict("records"):
            name = str(rec["platform"])
            key = (canonical_platform(name), *(str(rec[c]).lower() for c in others))
            if key not in first:
                first[key] = (name, rec[ROW_COLUMN])
                continue
            seen, row = first[key]
            if seen.strip().lower() == name.strip().lower():
                continue
            problems.append(
                Problem(
                    file,
                    f"is the same network ({key[0]}) as '{seen}' in row {row}",
                    row=rec[ROW_COLUMN],
                    column="platform",
                    value=name,
                    expected="each network once, under one name",
                    code="problem.same_network",
                    expected_code="problem.expect.one_network",
                    params={"network": key[0], "first": seen, "first_row": row},
                )
            )
        return problems

    return check


SEGMENT = Reference("segment_id", "segments", "segment")

INPUTS = StepInputs(
    step="audience",
    order=1,
    settings=AudienceSettings,
    tables=(
        TableSpec(
            "segments",
            Segment,
            "Audience segments the firm wants to reach (step 1).",
            id_columns=("id",),
            aliases={"share_pct": ("share", "anteil", "anteil_pct"), "age_band": ("age", "alter")},
            checks=(_weighable,),
            form=True,
        ),
        TableSpec(
            "segment_platform_use",
            SegmentPlatformUse,
            "The firm's own survey figures of platform use per segment (override the reference).",
            id_columns=("segment_id", "platform", "metric"),
            references=(SEGMENT,),
            checks=(_one_per_network("segment_id", "metric"),),
        ),
        TableSpec(
            "channels",
            Channel,
            "Channels under consideration and the firm's current presence (step 1).",
            id_columns=("platform",),
            aliases={
                "platform": ("channel", "kanal", "network"),
                "last_post": ("last_posted", "letzter_post", "letzter_beitrag"),
                "managed": ("access", "zugang", "verwaltet"),
            },
            checks=(_one_per_network(),),
            references=(
                Reference("goals", GOALS, "goal"),
                Reference("segments", "segments", "segment"),
            ),
            form=True,
        ),
        TableSpec(
            "posts",
            Post,
            "An export of past posts, as the platform gives it (step 1, posting times).",
            file_setting="audience.posts_file",
            aliases={
                # Twitter/X (created_at, time), Instagram and Facebook Graph API (timestamp,
                # created_time), Meta Business Suite (publish_time), LinkedIn (created_date),
                # YouTube (video_publish_time), TikTok (post_time), German spreadsheets
                "time": (
                    "created_at",
                    "created_time",
                    "timestamp",
                    "publish_time",
                    "published_at",
                    "published",
                    "publish_date",
                    "created_date",
                    "video_publish_time",
                    "post_time",
                    "post_date",
                    "posted",
                    "posted_at",
                    "created",
                    "date",
                    "datum",
                    "zeit",
                    "zeitpunkt",
                    "veröffentlicht",
                    "veröffentlichungszeit",
                    "veroeffentlicht",
                ),
                "month": ("post_month", "monat"),
                "weekday": ("post_weekday", "day", "wochentag"),
                "hour": ("post_hour", "stunde"),
                "channel": ("platform", "network", "kanal", "netzwerk"),
                "type": ("post_type", "typ", "format", "media_type", "beitragstyp"),
                "reach": (
                    "t_reach",
                    "lifetime_post_total_reach",
                    "total_reach",
                    "post_reach",
                    "reichweite",
                    "impressions_unique",
                    # X and LinkedIn report no reach: impressions are the denominator there
                    "impressions",
                    "impressionen",
                ),
                "interactions": (
                    "t_interactions",
                    "total_interactions",
                    "total_engagements",
                    "engagements",
                    "engagement",
                    "reactions,_comments_and_shares",
                    "interaktionen",
                ),
                "likes": (
                    "like",
                    "like_count",
                    "favorite_count",
                    "favorites",
                    "reactions",
                    "gefällt_mir",
                    "gefaellt_mir",
                    "reaktionen",
                ),
                "comments": (
                    "comment",
                    "comment_count",
                    "comments_count",
                    "reply_count",
                    "replies",
                    "kommentare",
                ),
                "shares": (
                    "share",
                    "share_count",
                    "retweet_count",
                    "retweets",
                    "reposts",
                    "repost_count",
                    "geteilt",
                ),
                "saves": ("saved", "save_count", "gespeichert"),
            },
        ),
    ),
)


__all__ = [
    "INPUTS",
    "MAX_AGE",
    "MOTIVES",
    "PARTICIPATION",
    "SEGMENT",
    "AudienceSettings",
    "Channel",
    "Post",
    "Segment",
    "SegmentPlatformUse",
    "valid_zone",
]
