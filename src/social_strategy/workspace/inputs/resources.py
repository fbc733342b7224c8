"""Step 4's inputs: the team, the activities per channel, the budget lines; its settings."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from ..fields import Flag, Number, TextList
from ..schema import Reference, Row, Section, StepInputs, TableSpec, row_error

#: the kinds of work a presence needs (activities.csv, column ``activity``)
ACTIVITIES = ("listening", "publishing", "content", "answering", "community", "reporting", "ads")
#: the kinds of work a person does (team.csv, column ``work``); ``lead`` runs the presence
WORK = (
    "posting",
    "comments",
    "criticism",
    "community",
    "monitoring",
    "reporting",
    "video",
    "lead",
)
#: what an external person (agency, freelancer) does when ``work`` is empty: no answering
EXTERNAL_WORK = ("posting", "video", "monitoring", "reporting")
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


_WORK = {
    **{w: w for w in WORK},
    "posts": "posting",
    "posten": "posting",
    "beiträge": "posting",
    "beitraege": "posting",
    "veröffentlichen": "posting",
    "publishing": "posting",
    "content": "posting",
    "answering": "comments",
    "answering comments": "comments",
    "answering_comments": "comments",
    "comment": "comments",
    "kommentare": "comments",
    "kommentare beantworten": "comments",
    "antworten": "comments",
    "reviews": "comments",
    "bewertungen": "comments",
    "answering criticism": "criticism",
    "answering_criticism": "criticism",
    "kritik": "criticism",
    "kritik beantworten": "criticism",
    "complaints": "criticism",
    "beschwerden": "criticism",
    "community work": "community",
    "community_work": "community",
    "community management": "community",
    "community_management": "community",
    "gemeinschaft": "community",
    "listening": "monitoring",
    "beobachten": "monitoring",
    "zuhören": "monitoring",
    "auswertung": "reporting",
    "berichte": "reporting",
    "bericht": "reporting",
    "videos": "video",
    "leitung": "lead",
    "verantwortung": "lead",
}
_MONTH_NAMES = {
    **{
        m: i + 1
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
        )
    },
    "mär": 3,
    "mrz": 3,
    "mai": 5,
    "okt": 10,
    "dez": 12,
    "sept": 9,
}
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NAMED_MONTH = re.compile(r"^([a-zäA-ZÄ]+)\.?\s*(\d{4})$")
_DE_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")


def parse_month(value: object) -> object:
    """A budget month: a plan month 1 to 12, or a calendar month as ``YYYY-MM``.

    ``2027-02``, ``Feb 2027``, ``Februar 2027``, ``02/2027`` and ``02.2027`` are calendar
    months; a whole number is a month of the plan. Anything else is returned unchanged for
    the validator to reject."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text == "":
        return None
    if text.isdigit():
        return int(text)
    year = month = None
    if m := _ISO_MONTH.match(text):
        year, month = int(m[1]), int(m[2])
    elif m := _DE_MONTH.match(text):
        month, year = int(m[1]), int(m[2])
    elif m := _NAMED_MONTH.match(text):
        name = m[1].lower()
        month = _MONTH_NAMES.get(name[:4], _MONTH_NAMES.get(name[:3]))
        year = int(m[2])
    if year is None or month is None or not 1 <= month <= 12:
        return text
    return f"{year:04d}-{month:02d}"


Month = Annotated[int | str, BeforeValidator(parse_month)]


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
    #: the work this person does (see ``WORK``); empty: everything for an employee, and
    #: everything but answering and community work for an external person
    work: TextList = []

    _trained = field_validator("trained", mode="before")(_mapped(_TRAINED))

    @field_validator("work", mode="after")
    @classmethod
    def _work(cls, value: list[str]) -> list[str]:
        out: list[str] = []
        for item in value:
            key = item.strip().lower()
            keys = (key, key.replace("-", " "), key.replace(" ", "_"))
            kind = next((_WORK[k] for k in keys if k in _WORK), None)
            if kind is None:
                raise ValueError(f"unknown kind of work {item!r}; use {', '.join(WORK)}")
            if kind not in out:
                out.append(kind)
        return out

    def does(self) -> tuple[str, ...]:
        """The kinds of work this person does, defaults applied."""
        if self.work:
            return tuple(self.work)
        return EXTERNAL_WORK if self.external else WORK


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
    #: month it starts in: a month of the 12-month plan (1 = the plan's first month) or a
    #: calendar month (``2027-02``, ``Feb 2027``)
    start_month: Month = 1
    #: last month of a monthly line (default: to the end of the plan), same forms
    end_month: Month | None = None

    _category = field_validator("category", mode="before")(_mapped(_CATEGORY))
    _frequency = field_validator("frequency", mode="before")(_mapped(_FREQUENCY))

    @field_validator("start_month", "end_month", mode="after")
    @classmethod
    def _month(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, int) and not 1 <= value <= 12:
            raise ValueError("a plan month is 1 to 12 (or write a calendar month: 2027-02)")
        if isinstance(value, str) and not ((m := _ISO_MONTH.match(value)) and 1 <= int(m[2]) <= 12):
            raise ValueError(
                "is not a month; expected a plan month 1 to 12 or a calendar month such as 2027-02"
            )
        return value

    @model_validator(mode="after")
    def _months(self) -> BudgetLine:
        start, end = self.start_month, self.end_month
        if end is not None and type(start) is type(end) and end < start:
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
    #: comments, messages and reviews to answer per week on all channels together (the
    #: firm's own count); empty: from the mentions export, else the labelled default
    answers_per_week: float | None = Field(default=None, ge=0)


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
                "work": ("tasks", "aufgaben", "tätigkeiten", "taetigkeiten", "does"),
            },
            form=True,
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
            form=True,
        ),
    ),
)


__all__ = [
    "ACTIVITIES",
    "CATEGORIES",
    "EXTERNAL_WORK",
    "INPUTS",
    "TEAM",
    "WORK",
    "Activity",
    "BudgetLine",
    "Month",
    "ResourcesSettings",
    "TeamMember",
    "parse_month",
]
