"""The 90-day plan as a sequence: what to do first, who does it, by when, and when it is done.

Every chapter's actions, ordered by dependency and spread over the team's hours:

- **Phases.** Each action is of one kind (:data:`PHASES`, by its code): *decide* (agree
  roles, goals, terms), *prepare* (train, write, set up), *do* (answer, contact, take part)
  or *review* (look back, test, rehearse). Within a chapter, an action waits for every action
  of an earlier phase (decide before doing); every action waits for the kick-off; answering
  waits for the training (:data:`AFTER`), whatever chapter the training comes from.
- **Dates.** Working days (Monday to Friday) from the first working day after the report
  date. An action is dated on the first working day after everything it waits for, when its
  owner still has room that week and the day is not full. A review is never dated before
  the day its chapter asked for.
- **Hours.** An owner spends :data:`PLAN_SHARE` of their weekly hours (team.csv) on the
  plan, the rest on the running work, and :data:`HOURS_PER_ACTION` hours per action: someone
  with 8 hours a week takes up to two actions a week, someone with 1.5 at least one.
  Owners outside the team (the consultant, owners the firm typed) take
  :data:`OTHER_PER_WEEK`. No date holds more than :data:`MAX_PER_DAY` actions, no owner
  more than one a day.
- **Owners** are the team's people (:mod:`social_strategy.owners` has mapped the kinds of
  work to team.csv before); **done when** comes from the catalog, per action or per phase.

The result is grouped by calendar month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Catalog
from ..results import Action, SectionResult

DECIDE, PREPARE, DO, REVIEW = range(4)
PHASE_NAMES = ("decide", "prepare", "do", "review")

#: the kind of each action, by the last part of its code (``firm.action.team_kickoff``);
#: an action not listed is preparation
PHASES: dict[str, int] = {
    **dict.fromkeys(
        (
            "team_kickoff",
            "set_goals",
            "redate_goals",
            "team",
            "budget",
            "lead",
            "deputy",
            "spread",
            "close_gap",
            "contest_terms",
            "gdpr",
            "response_time",
            "define_segments",
        ),
        DECIDE,
    ),
    **dict.fromkeys(
        (
            "listen",
            "listen_elsewhere",
            "introduce",
            "contact",
            "answer_queue",
            "schedule",
            "check_outside",
        ),
        DO,
    ),
    **dict.fromkeys(
        ("review", "review_register", "test_channels", "test_slots", "watch_competitors", "drill"),
        REVIEW,
    ),
}
#: actions that wait for others whatever their chapter: answering waits for the training
#: and the agreed response time, the multipliers are approached after the data protection
AFTER: dict[str, tuple[str, ...]] = {
    "answer_queue": ("train", "training_early", "response_time", "response", "holding_statements"),
    "contact": ("gdpr",),
    "drill": ("holding_statements", "train", "training_early"),
    "contest_moderation": ("contest_terms",),
    "introduce": ("ask_moderators",),
}
#: the action every other waits for
KICKOFF = "team_kickoff"
#: hours of an owner's week one action takes (a default, named in the plan's introduction)
HOURS_PER_ACTION = 2.0
#: the share of an owner's weekly hours that goes to the plan (the rest: the running work)
PLAN_SHARE = 0.5
#: actions a week for owners outside the team (the consultant, owners the firm typed)
OTHER_PER_WEEK = 2
#: at most this many actions on one date
MAX_PER_DAY = 2


@dataclass
class Step:
    """One action of the plan, with what it waits for and its date once scheduled."""

    index: int
    section: str
    order: int
    action: Action
    kind: str
    phase: int
    waits_for: set[int] = field(default_factory=set)
    date: dt.date | None = None


def _kind(code: str) -> str:
    return code.rsplit(".", 1)[-1]


def working_days(start: dt.date):
    """Monday to Friday from ``start`` on."""
    day = start
    while True:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def weekly_hours(sections: list[SectionResult]) -> dict[str, float]:
    """Each team member's hours a week, from the resources step's team table."""
    hours: dict[str, float] = {}
    for s in sections:
        if s.section != "resources":
            continue
        for table in s.tables:
            if table.id != "team":
                continue
            for row in table.rows:
                person, value = row.get("person"), row.get("hours")
                if isinstance(person, str) and isinstance(value, (int, float)):
                    hours[person] = float(value)
    return hours


def capacity(owner: str | None, hours: dict[str, float]) -> int:
    """Actions a week an owner can take on."""
    if owner in hours:
        return max(1, int(hours[owner] * PLAN_SHARE // HOURS_PER_ACTION))
    return OTHER_PER_WEEK


def steps_of(sections: list[SectionResult], cat: Catalog) -> list[Step]:
    """Every action once (the same sentence twice is one action), with its dependencies."""
    steps: list[Step] = []
    seen: set[str] = set()
    for s in sections:
        for a in s.actions:
            text = cat.text(a.model_dump())
            if text in seen:
                continue
            seen.add(text)
            kind = _kind(a.code)
            steps.append(
                Step(len(steps), s.section, s.order, a, kind, PHASES.get(kind, PREPARE))
            )
    kickoff = [st.index for st in steps if st.kind == KICKOFF]
    for st in steps:
        if st.kind != KICKOFF:
            st.waits_for.update(kickoff)
        for other in steps:
            if other.index == st.index:
                continue
            if other.section == st.section and other.phase < st.phase:
                st.waits_for.add(other.index)
            if other.kind in AFTER.get(st.kind, ()):
                st.waits_for.add(other.index)
    # a dependency the other way round (an earlier-phase action that waits for a later
    # one by the cross rules) would make a cycle: the phase order wins
    for st in steps:
        st.waits_for = {
            i
            for i in st.waits_for
            if not (st.index in steps[i].waits_for and steps[i].phase >= st.phase)
        }
    return steps


def _topological(steps: list[Step]) -> list[Step]:
    """Steps in an order that respects every dependency; among the ready ones the earlier
    phase, then the date the chapter asked for, then the chapter order."""
    done: set[int] = set()
    out: list[Step] = []
    remaining = list(steps)
    while remaining:
        ready = [st for st in remaining if st.waits_for <= done]
        if not ready:  # a cycle the rules did not foresee: fall back to the phase order
            ready = remaining
        ready.sort(key=lambda st: (st.phase, st.action.due_days, st.order, st.index))
        first = ready[0]
        out.append(first)
        done.add(first.index)
        remaining.remove(first)
    return out


def schedule(
    steps: list[Step], report_date: dt.date, hours: dict[str, float]
) -> list[Step]:
    """Date every step (see the module's docstring); return them in date order."""
    start = report_date + dt.timedelta(days=1)
    per_day: dict[dt.date, int] = defaultdict(int)
    owner_day: set[tuple[str, dt.date]] = set()
    owner_week: dict[tuple[str, int, int], int] = defaultdict(int)
    by_index = {st.index: st for st in steps}
    for st in _topological(steps):
        earliest = start
        for i in st.waits_for:
            before = by_index[i].date
            if before is not None and before >= earliest:
                earliest = before + dt.timedelta(days=1)
        if st.phase == REVIEW:
            earliest = max(earliest, report_date + dt.timedelta(days=st.action.due_days))
        owner = st.action.owner or ""
        cap = capacity(owner, hours)
        for day in working_days(earliest):
            week = day.isocalendar()[:2]
            if (
                per_day[day] < MAX_PER_DAY
                and (owner, day) not in owner_day
                and owner_week[(owner, *week)] < cap
            ):
                st.date = day
                per_day[day] += 1
                owner_day.add((owner, day))
                owner_week[(owner, *week)] += 1
                break
    return sorted(steps, key=lambda st: (st.date, st.phase, st.index))


def build_plan(
    sections: list[SectionResult],
    cat: Catalog,
    report_date: dt.date,
    own: Callable[[str], str] = str,
) -> list[dict[str, Any]]:
    """The plan grouped by calendar month: each row's date, action, owner, done-when."""
    steps = schedule(steps_of(sections, cat), report_date, weekly_hours(sections))
    months: list[dict[str, Any]] = []
    for st in steps:
        assert st.date is not None
        title = cat.month(st.date)
        if not months or months[-1]["title"] != title:
            months.append({"title": title, "rows": []})
        done_key = f"report.plan.done.{st.kind}"
        if not cat.has(done_key):
            done_key = f"report.plan.done_phase.{PHASE_NAMES[st.phase]}"
        months[-1]["rows"].append(
            {
                "text": cat.text(st.action.model_dump()),
                "owner": _owner(st.action.owner, cat, own),
                "due": cat.date(st.date),
                "date_iso": st.date.isoformat(),
                "phase": cat.t(f"report.plan.phase.{PHASE_NAMES[st.phase]}"),
                "done": cat.t(done_key),
                "chapter": cat.t(f"{st.section}.title"),
                "owner_raw": st.action.owner,
                "index": st.index,
                "waits_for": sorted(st.waits_for),
            }
        )
    return months


def _owner(owner: str | None, cat: Catalog, own: Callable[[str], str]) -> str:
    if not owner:
        return cat.t("owner.unassigned")
    return cat.t(owner) if cat.has(owner) else own(owner)


__all__ = [
    "AFTER",
    "DECIDE",
    "DO",
    "HOURS_PER_ACTION",
    "KICKOFF",
    "MAX_PER_DAY",
    "OTHER_PER_WEEK",
    "PHASES",
    "PHASE_NAMES",
    "PLAN_SHARE",
    "PREPARE",
    "REVIEW",
    "Step",
    "build_plan",
    "capacity",
    "schedule",
    "steps_of",
    "weekly_hours",
    "working_days",
]
