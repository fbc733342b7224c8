"""Step 5's inputs: the risk register, an optional mentions export; its settings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..fields import Integer, Number, no_such_date
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


_OFFSET = re.compile(
    r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:(Z|UTC|GMT)|(?:UTC|GMT)?([+-])(\d{2}):?(\d{2}))$"
)
#: Twitter API v1 ``created_at``: ``Wed Oct 10 20:19:24 +0000 2018``
_TWITTER = re.compile(
    r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d\d):(\d\d):\d\d ([+-])(\d{2})(\d{2}) (\d{4})$"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _offset(text: str) -> dt.timezone | None:
    m = _OFFSET.search(text)
    if not m:
        return None
    if m.group(1):
        return dt.UTC
    minutes = int(m.group(3)) * 60 + int(m.group(4))
    return dt.timezone(dt.timedelta(minutes=-minutes if m.group(2) == "-" else minutes))


def parse_time(value: object) -> object:
    """``'2026-11-03 14:05'``, ``'03.11.2026 14:05'``, ``'11/03/2026 2:05'``, Twitter's
    ``'Wed Oct 10 20:19:24 +0000 2018'`` or an Excel datetime -> ``datetime`` (minutes).
    A UTC offset (``+01:00``, ``-0800``, ``Z``) is kept as the time's zone: the mentions are
    converted to the firm's time zone when analysed; times without one are local already."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return value
    text = value.strip()
    tw = _TWITTER.match(text)
    if tw and tw.group(1).lower() in _MONTHS:
        mon, day, hour, minute, sign, hh, mm, year = tw.groups()
        offset = (int(hh) * 60 + int(mm)) * (-1 if sign == "-" else 1)
        try:
            return dt.datetime(
                int(year), _MONTHS.index(mon.lower()) + 1, int(day), int(hour), int(minute),
                tzinfo=dt.timezone(dt.timedelta(minutes=offset)),
            )  # fmt: skip
        except ValueError:
            return text
    zone = _offset(text)
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
                return dt.datetime(
                    year, parts["m"], parts["d"], hour, int(minute or 0), tzinfo=zone
                )
            except ValueError:
                raise no_such_date(text) from None
    return text


def _category(value: object) -> object:
    """A category as written; empty: ``other`` (the documented default)."""
    value = _lower(value)
    return "other" if value is None or value == "" else value


class Risk(Row):
    """One scenario of the risk register."""

    #: the firm's own number or code of the risk (the content plan may refer to it)
    id: str | None = None
    scenario: Annotated[str, Field(min_length=1)]
    #: empty: ``other``
    category: Literal[CATEGORIES] = "other"  # type: ignore[valid-type]
    #: 1 = rare ... 5 = almost certain (within a year)
    likelihood: Integer = Field(ge=1, le=5)
    #: 1 = negligible ... 5 = threatens the business
    impact: Integer = Field(ge=1, le=5)
    #: the firm's judgement of its responsibility as the public sees it; empty: to be judged
    cluster: Literal[CLUSTERS] | None = None  # type: ignore[valid-type]
    early_signals: str | None = None
    owner: str | None = None
    prevention: str | None = None
    #: the prepared first response (holding statement)
    response: str | None = None
    escalation: str | None = None

    _lowers = field_validator("cluster", mode="before")(_lower)
    _categories = field_validator("category", mode="before")(_category)


class Mention(Row):
    """One mention from a listening tool's export (or collected by hand)."""

    time: dt.datetime
    source: str | None = None
    author: str | None = None
    #: empty (an image or video post): still a mention, counted as one without text
    text: str | None = None
    #: the author's reach or followers
    reach: Number | None = Field(default=None, ge=0)
    link: str | None = None
    #: ``de`` or ``en``; empty: guessed from the text
    language: str | None = None
    #: the firm has answered (for the KPI "share of answered questions")
    answered: str | None = None
    #: the brand or query a row belongs to, in exports that mix several (setting
    #: ``risks.mentions_query`` names the firm's); empty: every row is the firm's
    brand: str | None = None

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
    #: the people a complaint can reach at all (the community or region); empty: the sizes
    #: of step 2's communities together, else 10,000 (a stated default)
    audience: int | None = Field(default=None, ge=1, le=100_000_000)


class RiskSettings(Section):
    """Settings of step 5 (risks and monitoring)."""

    #: mentions export inside the workspace (CSV or xlsx); empty: ``mentions.csv`` if present
    mentions_file: str = ""
    #: in an export that mixes several brands or queries (a column brand, query or airline):
    #: the value of the firm's rows; empty: the value naming the firm or its brand terms
    mentions_query: str = ""
    #: time zone mentions are counted in (IANA name); times with a UTC offset are converted
    #: to it. Empty: the zone of the firm's country
    time_zone: str = ""
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

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from .audience import valid_zone

        return valid_zone(value)


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
                "id": ("nr", "no", "number", "code", "risk_id", "nummer"),
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
            form=True,
        ),
        TableSpec(
            "mentions",
            Mention,
            "An export of mentions from a listening tool or collected by hand (step 5).",
            file_setting="risks.mentions_file",
            # a machine-made export: a very long post is cut for the analysis and counted
            truncate=("text",),
            aliases={
                "time": (
                    "date",
                    "datetime",
                    "created_at",
                    "published",
                    "published_at",
                    "timestamp",
                    "tweet_created",
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
                "brand": (
                    "query",
                    "search_query",
                    "query_name",
                    "airline",
                    "marke",
                    "suchanfrage",
                    "brand_name",
                ),
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
