"""Step 4's inputs: the team, the activities per channel, the budget lines; its settings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..fields import Flag, Integer, Number, TextList
from ..schema import Reference, Row, Section, StepInputs, TableSpec, row_error

#: the kinds of work a presence needs (activities.csv, column ``activity``)
ACTIVITIES = ("listening", "publishing", "content", "answering", "community", "reporting", "ads")
#: what a budget line pays for (budget.csv, column ``category``)
CATEGORIES = ("tools", "content", "ads", "training", "outside_help")

_TRAINED = {
    "yes": "yes",
    "ja": "yes",
    "y": "yes",
    "j": "yes",
    "true": "yes",
    "1": "yes",
    "no": "no",
    "nein": "no",
    "n": "no",
    "false": "no",
    "0": "no",
    "in training": "in_training",
    "in_training": "in_training",
    "training": "in_training",
    "in ausbildung": "in_training",
    "in schulung": "in_training",
    "wird geschult": "in_training",
}
_ACTIVITY = {
    **{a: a for a in ACTIVITIES},
    "monitoring": "listening",
    "zuhören": "listening",
    "beobachten": "listening",
    "veröffentlichen": "publishing",
    "posten": "publishing",
    "content_creation": "content",
    "inhalte": "content",
    "inhalte_erstellen": "content",
    "antworten": "answering",
    "community_management": "community",
    "auswertung": "reporting",
    "berichte": "reporting",
    "anzeigen": "ads",
    "werbung": "ads",
}
_CATEGORY = {
    **{c: c for c in CATEGORIES},
    "werkzeuge": "tools",
    "tool": "tools",
    "inhalte": "content",
    "content_production": "content",
    "anzeigen": "ads",
    "werbung": "ads",
    "schulung": "training",
    "weiterbildung": "training",
    "agentur": "outside_help",
    "externe_hilfe": "outside_help",
    "outside help": "outside_help",
}
_FREQUENCY = {
    "monthly": "monthly",
    "monatlich": "monthly",
    "month": "monthly",
    "one_off": "one_off",
    "one-off": "one_off",
    "once": "one_off",
    "einmalig": "one_off",
}


def _mapped(table: dict[str, str]):
    def parse(value: object) -> object:
        if isinstance(value, str):
            key = value.strip().lower()
            return table.get(key, table.get(key.replace(" ", "_").replace("-", "_"), value))
        return value

    return parse


class TeamMember(Row):
    """A person (or a role) who works on the presence, with the hours they really have."""

    person: Annotated[str, Field(min_length=1)]
    role: str | None = None
    #: hours per week available for social media (not the contract's hours)
    hours_per_week: Number = Field(ge=0, le=80)
    #: trained for social media and for answering criticism: yes, no, in_training
    trained: Literal["yes", "no", "in_training"] = "no"
    #: channels this person serves; empty: all
    channels: TextList = []
    #: answers in the evening (after the usual working day)
    evenings: Flag = False
    #: answers on weekends
    weekends: Flag = False
    #: an agency or freelancer rather than an employee
    external: Flag = False
    #: an intern, trainee or working student
    trainee: Flag = False

    _trained = field_validator("trained", mode="before")(_mapped(_TRAINED))


class Activity(Row):
    """The firm's own estimate of one kind of work: minutes per occurrence x occurrences."""

    #: the channel; empty: the whole presence (all channels together)
    channel: str | None = None
    activity: Literal[ACTIVITIES]
    minutes: Number = Field(gt=0, le=24 * 60)
    #: occurrences per week; empty for publishing or content: the posts per week of the plan
    per_week: Number | None = Field(default=None, ge=0, le=7 * 24)
    #: who does it (a person from team.csv); empty: shared by the people serving the channel
    person: str | None = None

    _activity = field_validator("activity", mode="before")(_mapped(_ACTIVITY))

    @model_validator(mode="after")
    def _frequency(self) -> Activity:
        if self.per_week is None and (
            self.activity not in ("publishing", "content") or self.channel is None
        ):
            raise row_error(
                "per_week",
                "give how often per week (only publishing and content on a channel may leave "
                "it empty to follow the posting plan)",
            )
        return self


class BudgetLine(Row):
    """Money for the presence: monthly from a start month, or once in that month."""

    item: Annotated[str, Field(min_length=1)]
    category: Literal[CATEGORIES]
    #: euros (per month, or once)
    amount: Number = Field(ge=0)
    frequency: Literal["monthly", "one_off"] = "monthly"
    #: month of the 12-month plan it starts in (1 = the month after the report date)
    start_month: Integer = Field(default=1, ge=1, le=12)
    #: last month of a monthly line (default: to the end of the plan)
    end_month: Integer | None = Field(default=None, ge=1, le=12)

    _category = field_validator("category", mode="before")(_mapped(_CATEGORY))
    _frequency = field_validator("frequency", mode="before")(_mapped(_FREQUENCY))

    @model_validator(mode="after")
    def _months(self) -> BudgetLine:
        if self.end_month is not None and self.end_month < self.start_month:
            raise row_error("end_month", "the end month comes before the start month")
        return self


class ResourcesSettings(Section):
    """Settings of step 4 (resources)."""

    #: one person carrying more than this share of the work is flagged
    max_share_pct: float = Field(default=60.0, gt=0, le=100)
    #: the answer time to plan for, in hours (Sprout Social Index 2016: customers expect 4)
    response_hours: float = Field(default=4.0, gt=0)
    #: hours of a full-time week, for full-time equivalents
    fte_hours: float = Field(default=40.0, gt=0, le=80)
    #: working days per week, to turn "minutes per day" benchmarks into weekly hours
    days_per_week: int = Field(default=5, ge=1, le=7)
    #: cost of one internal hour in euros; empty: internal hours are not priced
    hourly_rate: float | None = Field(default=None, ge=0)
    #: cost of one hour of outside help in euros; empty: that scenario is not priced
    external_rate: float | None = Field(default=None, ge=0)
    #: the audience is active in the evenings / on weekends (empty: judged from the posts)
    active_evenings: Flag | None = None
    active_weekends: Flag | None = None
    #: posts from this hour on count as evening posts
    evening_from: int = Field(default=18, ge=12, le=23)
    #: the "lower frequency" scenario keeps this share of the planned posts
    lower_frequency_pct: float = Field(default=50.0, gt=0, lt=100)


TEAM = Reference("person", "team", "person")

INPUTS = StepInputs(
    step="resources",
    order=4,
    settings=ResourcesSettings,
    tables=(
        TableSpec(
            "team",
            TeamMember,
            "The people (or roles) who work on the presence and their hours (step 4).",
            id_columns=("person",),
            aliases={
                "person": ("name", "role_name", "wer"),
                "hours_per_week": ("hours", "stunden", "stunden_pro_woche", "h_per_week"),
                "trained": ("geschult", "training"),
                "channels": ("kanäle", "kanaele"),
                "evenings": ("abends", "evening"),
                "weekends": ("wochenende", "weekend"),
                "external": ("extern",),
                "trainee": ("intern", "praktikant", "azubi", "werkstudent"),
                "role": ("rolle", "funktion"),
            },
        ),
        TableSpec(
            "activities",
            Activity,
            "The firm's own time estimates per activity and channel (step 4).",
            aliases={
                "activity": ("aktivität", "aktivitaet", "task", "aufgabe"),
                "minutes": ("minuten", "minutes_per_occurrence", "min"),
                "per_week": ("pro_woche", "times_per_week", "occurrences_per_week"),
                "channel": ("platform", "kanal"),
                "person": ("wer", "owner"),
            },
            references=(TEAM,),
        ),
        TableSpec(
            "budget",
            BudgetLine,
            "Money for the presence: tools, content, ads, training, outside help (step 4).",
            id_columns=("item",),
            aliases={
                "item": ("posten", "position"),
                "category": ("kategorie", "art"),
                "amount": ("amount_eur", "betrag", "eur", "euro"),
                "frequency": ("häufigkeit", "rhythmus", "turnus"),
                "start_month": ("start", "ab_monat", "startmonat"),
                "end_month": ("bis_monat", "endmonat"),
            },
        ),
    ),
)


__all__ = [
    "ACTIVITIES",
    "CATEGORIES",
    "INPUTS",
    "TEAM",
    "Activity",
    "BudgetLine",
    "ResourcesSettings",
    "TeamMember",
]
