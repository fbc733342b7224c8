"""Who carries the work, and the flags a team earns.

Each line of required work goes to the person ``activities.csv`` names for it; otherwise it
is shared among the people who do its kind of work (team.csv ``work``: an employee with no
``work`` does everything, an agency everything but answering and community work) and serve
its channel (everyone for work on the whole presence), in proportion to the hours each has.
Work nobody does stays *unassigned*. The people who answer are those who answer comments
or criticism; the answering hours, the untrained share of answering and the evening and
weekend cover are theirs alone. Loads are counted at the upper end of the ranges: care
that lasts plans for the high end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ...reference import canonical_platform
from ...workspace.inputs.resources import EXTERNAL_WORK, WORK
from .hours import TRAINEE_SHARE_PCT, UNTRAINED_ANSWER_PCT, WHOLE, Plan

#: the kinds of work that are answering
ANSWERING = ("comments", "criticism")


@dataclass
class Person:
    name: str
    hours: float
    trained: str
    channels: list[str]
    evenings: bool
    weekends: bool
    external: bool
    trainee: bool
    role: str | None = None
    #: kinds of work (team.csv ``work``); empty: the defaults (see the module's docstring)
    work: list[str] = field(default_factory=list)
    #: assigned hours per week by activity (upper end)
    load: dict[str, float] = field(default_factory=dict)

    @property
    def does(self) -> tuple[str, ...]:
        if self.work:
            return tuple(self.work)
        return EXTERNAL_WORK if self.external else WORK

    def does_work(self, kind: str) -> bool:
        if kind == "video":  # whoever makes videos may also make the other posts' pictures
            return "video" in self.does
        if kind == "posting":
            return "posting" in self.does
        if kind == "comments":
            return any(k in self.does for k in ANSWERING)
        return not kind or kind in self.does

    @property
    def answers(self) -> bool:
        return self.hours > 0 and any(k in self.does for k in ANSWERING)

    @property
    def total(self) -> float:
        return sum(self.load.values())

    @property
    def times(self) -> list[str]:
        """When and how the person works, as codes (``resources.cell.<code>``)."""
        marks = (
            ("evenings", self.evenings),
            ("weekends", self.weekends),
            ("external", self.external),
            ("trainee", self.trainee),
        )
        return [code for code, on in marks if on]

    def serves(self, channel: str) -> bool:
        if channel == WHOLE or not self.channels:
            return True
        wanted = canonical_platform(channel).lower()
        return wanted in {canonical_platform(c).lower() for c in self.channels}


@dataclass
class Workload:
    people: list[Person]
    #: required hours nobody serves, by activity
    unassigned: dict[str, float] = field(default_factory=dict)

    @property
    def available(self) -> float:
        return sum(p.hours for p in self.people)

    @property
    def assigned(self) -> float:
        return sum(p.total for p in self.people)

    def share(self, person: Person) -> float:
        """The person's share of all required work, in percent."""
        total = self.assigned + sum(self.unassigned.values())
        return 100 * person.total / total if total > 0 else 0.0


def people(team: pd.DataFrame) -> list[Person]:
    return [
        Person(
            name=r["person"],
            hours=float(r["hours_per_week"]),
            trained=r["trained"],
            channels=list(r["channels"]),
            evenings=bool(r["evenings"]),
            weekends=bool(r["weekends"]),
            external=bool(r["external"]),
            trainee=bool(r["trainee"]),
            role=r["role"] if isinstance(r["role"], str) else None,
            work=list(r["work"]) if "work" in team.columns and isinstance(r["work"], list) else [],
        )
        for _, r in team.iterrows()
    ]


def assign(plan: Plan, team: list[Person]) -> Workload:
    """Share every line of required work among the team (see the module's docstring)."""
    by_name = {p.name.lower(): p for p in team}
    work = Workload(team)
    for need in plan.needs:
        named = by_name.get(need.person.lower()) if need.person else None
        takers = (
            [named]
            if named
            else [
                p for p in team if p.serves(need.channel) and p.hours > 0 and p.does_work(need.work)
            ]
        )
        if not takers and need.work == "video" and not named:
            takers = [
                p for p in team if p.serves(need.channel) and p.hours > 0 and p.does_work("posting")
            ]
        hours = sum(p.hours for p in takers)
        if not takers or (named is None and hours <= 0):
            work.unassigned[need.activity] = work.unassigned.get(need.activity, 0.0) + need.high
            continue
        for p in takers:
            part = need.high if named else need.high * p.hours / hours
            p.load[need.activity] = p.load.get(need.activity, 0.0) + part
    return work


@dataclass
class Coverage:
    """When the audience is active and whether someone answers then (None: not known)."""

    evenings_active: bool | None
    weekends_active: bool | None
    #: where the activity judgement comes from: "settings", "posts" or None
    evenings_from: str | None
    weekends_from: str | None
    evenings_covered: bool
    weekends_covered: bool
    #: covered by at least one trained person
    evenings_trained: bool = False
    weekends_trained: bool = False
    #: why the plan needs answers in the evenings / at weekends: "contest", "response"
    needed: list[str] = field(default_factory=list)


def coverage(
    team: list[Person],
    times: object | None,
    active_evenings: bool | None,
    active_weekends: bool | None,
    evening_from: int,
    needed: list[str] | None = None,
) -> Coverage:
    """Evening and weekend activity: the firm's setting first, else its own posts.

    From a posting-time analysis with enough posts, the audience counts as active in the
    evenings (at weekends) when at least one judged evening slot (Saturday or Sunday slot)
    is not shown to be worse than the account's usual level (step 1's permutation test of
    the minimum over all judged slots): it responds then about as much as at other times.
    Without judged slots at those times the question stays open.
    """
    ev, we = active_evenings, active_weekends
    ev_from = "settings" if ev is not None else None
    we_from = "settings" if we is not None else None
    if times is not None and getattr(times, "enough", False):
        judged = [s for s in times.slots if s.judged]
        if ev is None:
            evening = [s for s in judged if s.hour >= evening_from]
            if evening:
                ev, ev_from = any(not s.worse for s in evening), "posts"
        if we is None:
            weekend = [s for s in judged if s.weekday >= 5]
            if weekend:
                we, we_from = any(not s.worse for s in weekend), "posts"
    answering = [p for p in team if p.answers]
    return Coverage(
        needed=list(needed or []),
        evenings_active=ev,
        weekends_active=we,
        evenings_from=ev_from,
        weekends_from=we_from,
        evenings_covered=any(p.evenings for p in answering),
        weekends_covered=any(p.weekends for p in answering),
        evenings_trained=any(p.evenings and p.trained == "yes" for p in answering),
        weekends_trained=any(p.weekends and p.trained == "yes" for p in answering),
    )


@dataclass
class Flags:
    #: (person, share %) when one person carries more than the set share
    concentrated: tuple[str, float] | None = None
    single_person: str | None = None
    #: share of answering hours carried by untrained people (when above the limit)
    untrained_answering: float | None = None
    trainee_share: float | None = None
    evenings_uncovered: bool = False
    weekends_uncovered: bool = False
    #: covered while the audience is active, but by untrained people only
    evenings_untrained: bool = False
    weekends_untrained: bool = False
    #: reasons the response target is out of reach ("hours", "evenings", "weekends", "nobody")
    response: list[str] = field(default_factory=list)
    overloaded: list[str] = field(default_factory=list)
    #: the one trained person among those who answer, with nobody trained beside them
    no_deputy: str | None = None
    #: untrained people who answer criticism
    untrained_criticism: list[str] = field(default_factory=list)
    #: nobody answers in the evenings / at weekends while the plan needs it (contest,
    #: response-time target)
    evenings_needed: bool = False
    weekends_needed: bool = False
    #: training budgeted after the work starts: (item, plan month)
    training_late: list[tuple[str, int]] = field(default_factory=list)


def flags(work: Workload, cov: Coverage, max_share_pct: float) -> Flags:
    """Every flag the team earns (an empty team earns none: it is an open question)."""
    f = Flags()
    active = [p for p in work.people if p.hours > 0]
    if not work.people:
        return f
    if len(active) <= 1:
        f.single_person = active[0].name if active else work.people[0].name
    else:
        top = max(active, key=work.share)
        if work.share(top) > max_share_pct:
            f.concentrated = (top.name, work.share(top))
    answerers = [p for p in active if p.answers]
    trained = [p for p in answerers if p.trained == "yes"]
    if not f.single_person and len(trained) == 1 and len(answerers) >= 1:
        f.no_deputy = trained[0].name
    f.untrained_criticism = [
        p.name for p in answerers if "criticism" in p.does and p.trained != "yes"
    ]
    answering = sum(p.load.get("answering", 0.0) for p in work.people)
    answering_all = answering + work.unassigned.get("answering", 0.0)
    if answering > 0:
        untrained = sum(p.load.get("answering", 0.0) for p in work.people if p.trained != "yes")
        share = 100 * untrained / answering
        if share > UNTRAINED_ANSWER_PCT:
            f.untrained_answering = share
    trainee = sum(work.share(p) for p in work.people if p.trainee)
    if trainee >= TRAINEE_SHARE_PCT:
        f.trainee_share = trainee
    _cover_flags(f, cov)
    f.overloaded = [p.name for p in work.people if p.total > p.hours + 1e-9]
    f.response = _response_reasons(f, work, answering, answering_all)
    return f


def _cover_flags(f: Flags, cov: Coverage) -> None:
    """Evenings and weekends: active but nobody answers, needed by the plan but nobody
    answers, answered only by untrained people."""
    f.evenings_uncovered = bool(cov.evenings_active) and not cov.evenings_covered
    f.weekends_uncovered = bool(cov.weekends_active) and not cov.weekends_covered
    f.evenings_needed = bool(cov.needed) and not cov.evenings_covered
    f.weekends_needed = bool(cov.needed) and not cov.weekends_covered
    f.evenings_untrained = (
        bool(cov.evenings_active) and cov.evenings_covered and not cov.evenings_trained
    )
    f.weekends_untrained = (
        bool(cov.weekends_active) and cov.weekends_covered and not cov.weekends_trained
    )


def _response_reasons(
    f: Flags, work: Workload, answering: float, answering_all: float
) -> list[str]:
    """Why the response time is at risk: nobody answers, not enough hours for answering,
    evenings or weekends not covered."""
    reasons = list(f.response)
    if answering_all > 0 and answering == 0:
        reasons.append("nobody")
    elif work.unassigned.get("answering", 0.0) > 0 or any(
        p.load.get("answering", 0.0) > 0 for p in work.people if p.name in f.overloaded
    ):
        reasons.append("hours")
    if f.evenings_uncovered or f.evenings_needed:
        reasons.append("evenings")
    if f.weekends_uncovered or f.weekends_needed:
        reasons.append("weekends")
    return reasons


def training_late(budget: pd.DataFrame, months: list[int], team: list[Person]) -> list:
    """Training lines that start after the plan's first month while people who answer or
    post are not trained yet: (item, plan month)."""
    if not any(p.trained != "yes" and p.hours > 0 and not p.external for p in team):
        return []
    out = []
    for (_, line), month in zip(budget.iterrows(), months, strict=True):
        if line["category"] == "training" and month > 1:
            out.append((str(line["item"]), int(month)))
    return out


__all__ = [
    "ANSWERING",
    "Coverage",
    "Flags",
    "Person",
    "Workload",
    "assign",
    "coverage",
    "flags",
    "people",
    "training_late",
]
