"""Step 5's inputs: the risk register, an optional mentions export; its settings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..fields import Integer, Number
from ..schema import Row, Section, StepInputs, TableSpec

#: kinds of risk scenario; the reference catalogue (data/reference/risk_cases.csv) uses them
CATEGORIES = (
    "hijack",
    "contest",
    "criticism",
    "neglect",
    "employee",
    "failure",
    "spam",
    "hack",
    "rumour",
    "other",
)
#: Coombs' situational crisis communication theory: how much the public blames the firm
CLUSTERS = ("victim", "accidental", "preventable")

_DE_DATETIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:[ ,T]+(\d{1,2}):(\d{2}))?")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,]+(\d{1,2}):(\d{2}))?")


def _lower(value: object) -> object:
    return (
        value.strip().lower().replace(" ", "_").replace("-", "_")
        if isinstance(value, str)
        else value
    )


def parse_time(value: object) -> object:
    """``'2026-11-03 14:05'``, ``'03.11.2026 14:05'``, ``'11/03/2026 2:05'`` or an Excel
    datetime -> ``datetime`` (minutes; seconds and UTC offsets are dropped)."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return value
    text = value.strip()
    for pattern, order in ((_ISO, "ymd"), (_DE_DATETIME, "dmy"), (_US, "mdy")):
        m = pattern.match(text)
        if m:
            a, b, c, hour, minute = m.groups()
            parts = dict(zip(order, (int(a), int(b), int(c)), strict=True))
            year = parts["y"] + (2000 if parts["y"] < 100 else 0)
            hour = int(hour or 0)
            if re.search(r"\bpm\b", text, re.IGNORECASE) and hour < 12:
                hour += 12
            try:
                return dt.datetime(year, parts["m"], parts["d"], hour, int(minute or 0))
            except ValueError:
                return text
    return text


class Risk(Row):
    """One scenario of the risk register."""

    scenario: Annotated[str, Field(min_length=1)]
    category: Literal[CATEGORIES] = "other"  # type: ignore[valid-type]
    #: 1 = rare ... 5 = almost certain (within a year)
    likelihood: Integer = Field(ge=1, le=5)
    #: 1 = negligible ... 5 = threatens the business
    impact: Integer = Field(ge=1, le=5)
    #: the firm's responsibility as the public sees it; empty: from the category
    cluster: Literal[CLUSTERS] | None = None  # type: ignore[valid-type]
    early_signals: str | None = None
    owner: str | None = None
    prevention: str | None = None
    #: the prepared first response (holding statement)
    response: str | None = None
    escalation: str | None = None

    _lowers = field_validator("category", "cluster", mode="before")(_lower)


class Mention(Row):
    """One mention from a listening tool's export (or collected by hand)."""

    time: dt.datetime
    source: str | None = None
    author: str | None = None
    text: str = ""
    #: the author's reach or followers
    reach: Number | None = Field(default=None, ge=0)
    link: str | None = None
    #: ``de`` or ``en``; empty: guessed from the text
    language: str | None = None
    #: the firm has answered (for the KPI "share of answered questions")
    answered: str | None = None

    _time = field_validator("time", mode="before")(parse_time)

    @field_validator("language", mode="before")
    @classmethod
    def _lang(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip().lower()[:2]
            return text or None
        return value


class SpreadSettings(Section):
    """The branching model of a complaint's spread (illustrative defaults, labelled)."""

    #: people who see the complaint first (the complainer's own audience)
    initial_audience: int = Field(default=200, ge=1, le=10_000_000)
    #: mean onward passes per person before the firm responds
    r_before: float = Field(default=1.3, ge=0, le=10)
    #: mean onward passes per person after a fast, open response
    r_after: float = Field(default=0.4, ge=0, le=10)
    #: hours from one round of passing on to the next
    generation_hours: float = Field(default=2.0, gt=0, le=168)
    #: the firm's usual response time in hours (marked on the curve)
    response_hours: float = Field(default=4.0, ge=0, le=168)


class RiskSettings(Section):
    """Settings of step 5 (risks and monitoring)."""

    #: mentions export inside the workspace (CSV or xlsx); empty: ``mentions.csv`` if present
    mentions_file: str = ""
    #: places to watch besides the channels: review sites, forums, blogs
    places: list[str] = []
    #: days of history the daily baseline of mention volume is taken from
    baseline_days: int = Field(default=28, ge=7, le=365)
    #: a day is a spike only at this multiple of the baseline (and if significant)
    spike_ratio: float = Field(default=2.0, ge=1.5)
    #: a spike at this multiple or more is severe (tells ~10x from ~3x)
    severe_ratio: float = Field(default=5.5, ge=2)
    #: false-alarm rate allowed over the whole series (all days together)
    spike_alpha: float = Field(default=0.05, gt=0, lt=0.5)
    spread: SpreadSettings = SpreadSettings()


INPUTS = StepInputs(
    step="risks",
    order=5,
    settings=RiskSettings,
    tables=(
        TableSpec(
            "risks",
            Risk,
            "The risk register: scenarios, likelihood, impact and a prepared response (step 5).",
            id_columns=("scenario",),
            aliases={
                "scenario": ("szenario", "risk", "risiko"),
                "category": ("kategorie", "type", "typ"),
                "likelihood": ("probability", "wahrscheinlichkeit"),
                "impact": ("auswirkung", "schaden", "severity"),
                "cluster": ("crisis_cluster", "krisentyp", "scct"),
                "early_signals": ("signals", "frühwarnzeichen", "warnzeichen"),
                "owner": ("verantwortlich", "responsible"),
                "prevention": ("vorbeugung", "prävention"),
                "response": ("holding_statement", "first_response", "erste_antwort"),
                "escalation": ("escalation_path", "eskalation"),
            },
        ),
        TableSpec(
            "mentions",
            Mention,
            "An export of mentions from a listening tool or collected by hand (step 5).",
            file_setting="risks.mentions_file",
            aliases={
                "time": (
                    "date",
                    "datetime",
                    "created_at",
                    "published",
                    "published_at",
                    "timestamp",
                    "datum",
                    "zeit",
                    "zeitpunkt",
                ),
                "source": ("network", "platform", "site", "domain", "page_type", "quelle", "kanal"),
                "author": ("username", "user", "screen_name", "author_name", "autor", "handle"),
                "text": (
                    "content",
                    "message",
                    "snippet",
                    "full_text",
                    "mention",
                    "body",
                    "inhalt",
                    "titel",
                    "title",
                ),
                "reach": (
                    "followers",
                    "follower_count",
                    "author_followers",
                    "audience",
                    "potential_reach",
                    "impressions",
                    "reichweite",
                    "follower",
                ),
                "link": ("url", "permalink", "mention_url"),
                "language": ("lang", "sprache"),
                "answered": ("replied", "beantwortet", "status"),
            },
        ),
    ),
)


__all__ = [
    "CATEGORIES",
    "CLUSTERS",
    "INPUTS",
    "Mention",
    "Risk",
    "RiskSettings",
    "SpreadSettings",
    "parse_time",
]
