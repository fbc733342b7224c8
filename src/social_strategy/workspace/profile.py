"""``strategy.yaml``: the firm profile, its goals, the added value and step settings."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..i18n import available_languages
from .fields import Date, Flag, Number, blank_to_none

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Section(BaseModel):
    """A block of strategy.yaml: unknown keys are typos; empty values take the default."""

    model_config = _STRICT

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if blank_to_none(v) is not None}
        return data


class Firm(_Section):
    """Who the strategy is for."""

    name: Annotated[str, Field(min_length=1)]
    legal_name: str | None = None
    industry: str | None = None
    region: str | None = None
    #: ISO 3166 code; selects which published platform-use figures apply.
    country: str = "DE"
    employees: int | None = Field(default=None, ge=1)
    #: language of the report unless ``--lang`` says otherwise
    language: str = "de"
    website: str | None = None
    consultant: str | None = None
    fictional: Flag = False

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        langs = available_languages()
        if value not in langs:
            raise ValueError(f"unknown language; expected one of {', '.join(langs)}")
        return value

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str) -> str:
        value = value.upper()
        if len(value) != 2 or not value.isalpha():
            raise ValueError("expected a two-letter country code such as DE, AT, CH or US")
        return value


class Goal(_Section):
    """A general but measurable goal: what, measured how, how much, by when."""

    id: Annotated[str, Field(min_length=1)]
    goal: Annotated[str, Field(min_length=1)]
    metric: Annotated[str, Field(min_length=1)]
    baseline: Number | None = None
    target: Number
    unit: str | None = None
    due: Date


class Monitoring(_Section):
    """Names and terms whose mentions the firm watches (used by the risk step)."""

    brands: list[str] = []
    products: list[str] = []
    people: list[str] = []
    hashtags: list[str] = []
    keywords: list[str] = []


class AudienceSettings(_Section):
    """Settings of step 1 (target groups)."""

    #: fewer posts than this in a weekday/hour cell: the cell is not judged
    min_posts_per_cell: int = Field(default=5, ge=1)
    #: fewer posts than this in all: no own posting-time analysis, labelled default instead
    min_posts_total: int = Field(default=30, ge=1)
    #: a weighted reach below this share of the target group opens the chapter with a warning
    low_reach_pct: float = Field(default=20.0, ge=0, le=100)
    #: at most this many channels are recommended; the rest wait ("later")
    max_channels: int = Field(default=3, ge=1)
    #: which reference metric to weigh by; the metrics are never mixed
    reach_metric: Literal["weekly use", "daily use", "ever use"] = "weekly use"
    #: posts export file inside the workspace (CSV or xlsx); empty: ``posts.csv`` if present
    posts_file: str = ""
    #: how numeric weekdays in the posts export count: 1 = Monday (ISO 8601) or 1 = Sunday
    weekday_1: Literal["monday", "sunday"] = "monday"


class Settings(_Section):
    """Per-step settings; every field has a documented default."""

    audience: AudienceSettings = AudienceSettings()


class Strategy(_Section):
    """The whole of ``strategy.yaml``."""

    firm: Firm
    goals: list[Goal] = []
    added_value: list[str] = []
    monitoring: Monitoring = Monitoring()
    settings: Settings = Settings()
    #: date the report is dated; the render date when empty
    report_date: Date | None = None

    @field_validator("goals")
    @classmethod
    def _unique_goal_ids(cls, goals: list[Goal]) -> list[Goal]:
        seen: set[str] = set()
        for goal in goals:
            if goal.id in seen:
                raise ValueError(f"duplicate goal id {goal.id!r}")
            seen.add(goal.id)
        return goals


def yaml_line(root: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (as pydantic reports it) in a composed tree."""
    import yaml

    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                key = next((k for k, _ in node.value if k.value == part), None)
                return key.start_mark.line + 1 if key is not None else line
            node = match
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line
