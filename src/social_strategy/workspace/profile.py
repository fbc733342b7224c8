"""``strategy.yaml``: the firm profile, its goals, the added value and step settings."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, create_model, field_validator
from pydantic_core import PydanticCustomError

from ..i18n import available_languages
from .fields import Date, Flag, Number
from .inputs import STEP_INPUTS
from .schema import Section


class Firm(Section):
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
    #: the firm's logo for the title page of every format: an image file (PNG, JPEG or
    #: GIF) in the workspace folder, its path relative to it; optional
    logo: str | None = None

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


class Goal(Section):
    """A general but measurable goal: what, measured how, how much, by when."""

    id: Annotated[str, Field(min_length=1)]
    goal: Annotated[str, Field(min_length=1)]
    metric: Annotated[str, Field(min_length=1)]
    baseline: Number | None = None
    target: Number
    unit: str | None = None
    due: Date
    #: the metric's value measured by hand (where no export measures it), and its date
    measured: Number | None = None
    measured_on: Date | None = None


class Monitoring(Section):
    """Names and terms whose mentions the firm watches (used by the risk step)."""

    brands: list[str] = []
    products: list[str] = []
    people: list[str] = []
    hashtags: list[str] = []
    keywords: list[str] = []


def _settings_model() -> type[Section]:
    """``settings:`` holds one block per step that has settings (declared with its inputs)."""
    fields: dict[str, Any] = {
        i.step: (i.settings, i.settings()) for i in STEP_INPUTS if i.settings is not None
    }
    return create_model(
        "Settings", __base__=Section, __doc__="Per-step settings, each with a default.", **fields
    )


Settings = _settings_model()


class Strategy(Section):
    """The whole of ``strategy.yaml``."""

    firm: Firm
    goals: list[Goal] = []
    added_value: list[str] = []
    monitoring: Monitoring = Monitoring()
    settings: Settings = Settings()
    #: date the report is dated; the render date when empty
    report_date: Date | None = None
    #: first day of the plan (its month is plan month 1); empty: the first of the month
    #: after the report date
    plan_start: Date | None = None

    @field_validator("goals")
    @classmethod
    def _unique_goal_ids(cls, goals: list[Goal]) -> list[Goal]:
        seen: set[str] = set()
        for goal in goals:
            if goal.id in seen:
                raise PydanticCustomError(
                    "duplicate_goal_id",
                    "duplicate goal id {shown}",
                    {"id": goal.id, "shown": repr(goal.id)},
                )
            seen.add(goal.id)
        return goals


def refresh_settings() -> None:
    """Build the ``settings:`` model again from the steps' inputs (after a step's inputs
    were added or removed), so strategy.yaml takes and checks the new step's block."""
    global Settings
    Settings = _settings_model()
    field = Strategy.model_fields["settings"]
    field.annotation, field.default = Settings, Settings()
    Strategy.model_rebuild(force=True)


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


__all__ = ["Firm", "Goal", "Monitoring", "Settings", "Strategy", "refresh_settings", "yaml_line"]
