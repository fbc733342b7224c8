"""Step 4's chapter: hours, team, flags, scenarios and budget combined into the verdict.

The verdict *enough for lasting care* needs all of: the team's hours cover the required
hours at the upper end of the ranges; the presence does not rest on one person or on
trainees; the people who answer are mainly trained and the one trained person has a
trained deputy; someone answers in the evenings and at weekends where the plan needs it (a
contest, a response-time target). Everything else (concentration, untrained people
answering criticism, training after the start, a person over their hours) is flagged with
what to do about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ... import reference
from ...results import Column, SectionResult, Source, Table, action, finding, msg
from ...workspace import Workspace
from ..base import Context, StepResult
from . import charts
from .hours import (
    BENCHMARK_FOR,
    WEEKS_PER_MONTH,
    WHOLE,
    Plan,
    Volume,
    answers_from_export,
    plan_hours,
    video_shares,
)
from .money import (
    INTERNAL,
    Scenario,
    month_starts,
    monthly,
    plan_month,
    plan_start,
    scenarios,
)
from .team import (
    Coverage,
    Flags,
    Workload,
    assign,
    coverage,
    flags,
    people,
    training_late,
)

SECTION = "resources"
ORDER = 4
RESPONSE_BENCHMARK = "response_expected"
#: a channel in channels.csv whose name says one of these is a review site: answered, not
#: posted to
REVIEW_SITE = re.compile(
    r"google|review|bewertung|trustpilot|yelp|kununu|provenexpert|jameda|tripadvisor|golocal",
    re.IGNORECASE,
)
#: a goal whose metric says one of these is a response-time target
RESPONSE_GOAL = re.compile(r"response|antwortzeit|reaktionszeit|antworten binnen", re.IGNORECASE)


@dataclass(kw_only=True)
class Resources(StepResult):
    """Everything the notebook shows and the chapter reports."""

    plan: Plan
    work: Workload
    coverage: Coverage
    flags: Flags
    scenarios: list[Scenario]
    budget: pd.DataFrame
    months: list[str]
    #: "enough", "not_enough", or "unknown" (no team table)
    verdict: str
    settings: Any = None
    #: budget items wholly outside the plan's twelve months
    outside: list[str] = field(default_factory=list)

    @property
    def available(self) -> float | None:
        return self.work.available if self.work.people else None

    @property
    def gap(self) -> float:
        """Missing hours per week at the upper end (0 when covered or no team)."""
        if self.available is None:
            return 0.0
        return max(0.0, self.plan.high - self.available)


def _posts_per_week(ctx: Context, ws: Workspace) -> tuple[dict[str, float], str | None]:
    """Posts per week per channel: step 2's content plan, else the current rate."""
    comm = ctx.earlier.get("communities")
    planned = getattr(comm, "posts_per_week", None)
    if planned:
        return {str(k): float(v) for k, v in planned.items() if v is not None}, "plan"
    channels = ws.table("channels")
    current = {
        str(r["platform"]): float(r["posts_per_week"])
        for _, r in channels.iterrows()
        if r["posts_per_week"] is not None and not pd.isna(r["posts_per_week"])
    }
    return current, ("current" if current else None)


def _plan_channels(ctx: Context, ws: Workspace) -> tuple[list[str], str]:
    audience = ctx.earlier.get("audience")
    recommended = list(getattr(audience, "recommended", []) or [])
    if recommended:
        return recommended, "recommended"
    named = [c for c in ws.table("activities")["channel"] if isinstance(c, str)]
    if named:
        return list(dict.fromkeys(named)), "activities"
    channels = ws.table("channels")
    listed = [
        str(r["platform"])
        for _, r in channels.iterrows()
        if isinstance(r["platform"], str)
        and r.get("considered", True) is not False
        and not REVIEW_SITE.search(r["platform"])
    ]
    return listed, "channels"


def _volume(ws: Workspace, ctx: Context, channels: list[str]) -> tuple[Volume, str | None]:
    posts, posts_basis = _posts_per_week(ctx, ws)
    volume = Volume(posts=posts, posts_from=posts_basis or "plan")
    volume.video_share = video_shares(ws.table("content_plan"))
    s = ctx.settings
    if s.answers_per_week is not None:
        volume.answers, volume.answers_from = {WHOLE: float(s.answers_per_week)}, "settings"
    else:
        found = answers_from_export(ws.table("mentions"))
        if found:
            volume.answers, volume.answers_from = found, "export"
    known = {reference.canonical_platform(c).lower() for c in channels}
    reviews = [
        str(p)
        for p in ws.table("channels")["platform"]
        if isinstance(p, str) and REVIEW_SITE.search(p)
    ]
    register = ws.table("communities")
    volume.communities = [str(n) for n in register["name"]] if not register.empty else []
    if not register.empty:
        reviews += [str(n) for n in register.loc[register["kind"] == "review_platform", "name"]]
    volume.answer_only = [
        p for p in dict.fromkeys(reviews) if reference.canonical_platform(p).lower() not in known
    ]
    return volume, posts_basis


def _needed(ws: Workspace, settings: Any) -> list[str]:
    """Why the plan needs answers in the evenings and at weekends."""
    out = []
    plan = ws.table("content_plan")
    if not plan.empty and (plan["kind"] == "contest").any():
        out.append("contest")
    goals = getattr(ws.strategy, "goals", []) or []
    if "response_hours" in settings.model_fields_set or any(
        RESPONSE_GOAL.search(f"{g.goal} {g.metric}") for g in goals
    ):
        out.append("response")
    return out


def run(ws: Workspace, ctx: Context) -> Resources:
    """Required against available hours, the team's flags, scenarios, budget, verdict."""
    s = ctx.settings
    times = reference.resource_times()
    budget_lines = ws.table("budget")
    channels, channel_basis = _plan_channels(ctx, ws)
    volume, posts_basis = _volume(ws, ctx, channels)
    plan = plan_hours(
        ws.table("activities"),
        channels,
        volume,
        times,
        s.days_per_week,
        ads_planned=bool((budget_lines["category"] == "ads").any()),
    )
    team = people(ws.table("team"))
    work = assign(plan, team)
    posting_times = getattr(ctx.earlier.get("audience"), "times", None)
    cov = coverage(
        team,
        posting_times,
        s.active_evenings,
        s.active_weekends,
        s.evening_from,
        _needed(ws, s),
    )
    fl = flags(work, cov, s.max_share_pct)
    first = plan_start(ctx.report_date, getattr(ws.strategy, "plan_start", None))
    starts = month_starts(ctx.report_date, first)
    line_months = [plan_month(m, first) or 1 for m in budget_lines["start_month"]]
    fl.training_late = training_late(budget_lines, line_months, team)
    internal = sum(p.hours for p in team if not p.external)
    outside: list[str] = []
    table = monthly(budget_lines, internal, s.hourly_rate, first, outside)
    months = [d.strftime("%Y-%m") for d in starts]
    if not team:
        verdict = "unknown"
    elif work.available + 1e-9 >= plan.high and not _shortfalls(fl):
        verdict = "enough"
    else:
        verdict = "not_enough"
    r = Resources(
        section=SectionResult(section=SECTION, order=ORDER),
        plan=plan,
        work=work,
        coverage=cov,
        flags=fl,
        scenarios=scenarios(
            plan, work, s.hourly_rate, s.external_rate, s.lower_frequency_pct, fl, times
        ),
        budget=table,
        months=months,
        verdict=verdict,
        settings=s,
        outside=outside,
    )
    _verdict(r)
    _hours(r, channel_basis, posts_basis)
    _team(r)
    _flags(r)
    _scenarios(r)
    _budget(r, budget_lines)
    _sources(r, reference.benchmarks())
    _defaults(r, ws, times)
    r.section.data = {
        "verdict": verdict,
        "required_low": plan.low,
        "required_high": plan.high,
        "available": r.available,
        "gap_hours": r.gap,
        "gap_fte": r.gap / s.fte_hours,
        "channels": plan.channels,
        "plan_start": first.isoformat(),
        "flags": flag_codes(fl),
        # who does which kind of work: the report names owners of actions from it
        "team": [
            {
                "person": p.name,
                "work": list(p.work),
                "does": list(p.does),
                "external": p.external,
                "trained": p.trained,
                "trainee": p.trainee,
            }
            for p in team
            if p.hours > 0
        ],
    }
    return r


def _shortfalls(f: Flags) -> list[str]:
    """What keeps the care from lasting, besides hours (codes of resources.missing)."""
    out = []
    if f.single_person or f.no_deputy:
        out.append("deputy")
    if f.trainee_share:
        out.append("lead")
    if f.untrained_answering:
        out.append("trained_answers")
    if f.evenings_needed or f.weekends_needed:
        out.append("cover")
    return out


def flag_codes(f: Flags) -> list[str]:
    """The flags raised, as codes (``resources.flag.<code>``)."""
    out = []
    for code, on in (
        ("single_person", f.single_person),
        ("no_deputy", f.no_deputy),
        ("concentrated", f.concentrated),
        ("trainee", f.trainee_share),
        ("untrained_answering", f.untrained_answering),
        ("untrained_criticism", f.untrained_criticism),
        ("evenings", f.evenings_uncovered),
        ("weekends", f.weekends_uncovered),
        ("evenings_needed", f.evenings_needed),
        ("weekends_needed", f.weekends_needed),
        ("evenings_untrained", f.evenings_untrained),
        ("weekends_untrained", f.weekends_untrained),
        ("response", f.response),
        ("overloaded", f.overloaded),
        ("training_late", f.training_late),
    ):
        if on:
            out.append(code)
    return out


# -- the chapter -----------------------------------------------------------------------
def _verdict(r: Resources) -> None:
    sec, s, plan = r.section, r.settings, r.plan
    values = {"required_low": plan.low, "required_high": plan.high}
    if r.verdict == "unknown":
        sec.summary.append(finding("resources.summary.unknown", "critical", **values))
        sec.open_questions.append(msg("resources.question.team"))
        sec.actions.append(action("resources.action.team", "owner.management", 14))
        return
    missing = []
    if r.gap > 0:
        low = max(0.0, plan.low - r.available)
        missing.append(
            msg(
                "resources.missing.hours" if low > 0 else "resources.missing.hours_upper",
                hours=r.gap,
                fte=r.gap / s.fte_hours,
                low=low,
            ).model_dump()
        )
    for code in _shortfalls(r.flags):
        values_ = {"share": r.flags.untrained_answering} if code == "trained_answers" else {}
        missing.append(msg(f"resources.missing.{code}", **values_).model_dump())
    values["available"] = r.available
    if r.verdict == "enough":
        sec.summary.append(finding("resources.summary.enough", "positive", **values))
    else:
        sec.summary.append(
            finding("resources.summary.not_enough", "critical", missing=missing, **values)
        )
        sec.decisions.append(msg("resources.decision.close_gap"))
    if r.gap > 0:
        sec.actions.append(
            action(
                "resources.action.close_gap",
                "owner.management",
                30,
                hours=r.gap,
                fte=r.gap / s.fte_hours,
            )
        )


def _hours(r: Resources, channel_basis: str, posts_basis: str | None) -> None:
    sec, plan = r.section, r.plan
    if plan.missing:
        sec.summary.append(
            finding(
                "resources.summary.lower_bound",
                "warning",
                activities=[msg(f"resources.activity.{a}").model_dump() for a in plan.missing],
            )
        )
        sec.open_questions.append(
            msg(
                "resources.question.estimates",
                activities=[msg(f"resources.activity.{a}").model_dump() for a in plan.missing],
            )
        )
        sec.actions.append(action("resources.action.estimate", "owner.social_team", 30))
    if not plan.channels:
        sec.open_questions.append(msg("resources.question.channels"))
    elif channel_basis == "activities":
        sec.findings.append(finding("resources.finding.channels_own", channels=plan.channels))
    elif channel_basis == "channels":
        sec.findings.append(finding("resources.finding.channels_listed", channels=plan.channels))
    else:
        sec.findings.append(finding("resources.finding.channels", channels=plan.channels))
    if plan.no_frequency:
        sec.open_questions.append(
            msg("resources.question.frequency", channels=[_channel(c) for c in plan.no_frequency])
        )
    if plan.ignored:
        sec.findings.append(finding("resources.finding.ignored", channels=plan.ignored))
    if posts_basis == "current" and plan.per_post:
        sec.findings.append(finding("resources.finding.current_rate"))
    available = r.available
    title = (
        msg("resources.figure.hours_title_none", high=plan.high)
        if available is None
        else msg(
            "resources.figure.hours_title_gap"
            if available < plan.high
            else "resources.figure.hours_title_ok",
            high=plan.high,
            available=available,
        )
    )
    r.add_figure(
        "hours",
        title=title,
        caption=msg("resources.figure.hours_caption"),
        alt=msg(
            "resources.figure.hours_alt"
            if available is not None
            else "resources.figure.hours_alt_none",
            low=plan.low,
            high=plan.high,
            available=available,
        ),
        draw=lambda cat: charts.hours_by_channel(plan, available, cat),
    )
    sec.tables.append(
        Table(
            id="hours",
            title=msg("resources.table.hours_title", low=plan.low, high=plan.high),
            caption=msg("resources.table.hours_caption"),
            columns=[
                Column(key="channel", label="resources.col.channel"),
                Column(
                    key="activity", label="resources.col.activity", format="code:resources.activity"
                ),
                Column(key="hours", label="resources.col.hours"),
                Column(key="basis", label="resources.col.basis"),
            ],
            rows=[
                {
                    "channel": _channel(n.channel),
                    "activity": n.activity,
                    "hours": _range(n.low, n.high),
                    "basis": _basis(n),
                }
                for n in plan.needs
            ],
        )
    )


def _team(r: Resources) -> None:
    sec, work = r.section, r.work
    if not work.people:
        return
    r.add_figure(
        "workload",
        title=(
            msg("resources.figure.load_title_over", people=r.flags.overloaded)
            if r.flags.overloaded
            else msg("resources.figure.load_title_ok")
        ),
        caption=msg("resources.figure.load_caption"),
        alt=msg("resources.figure.load_alt", n=len(work.people)),
        draw=lambda cat: charts.workload(work, cat),
    )
    sec.tables.append(
        Table(
            id="team",
            title=msg("resources.table.team_title", n=len(work.people), hours=work.available),
            columns=[
                Column(key="person", label="resources.col.person"),
                Column(key="hours", label="resources.col.available", format="num1"),
                Column(key="load", label="resources.col.load", format="num1"),
                Column(key="share", label="resources.col.share", format="pct"),
                Column(
                    key="trained", label="resources.col.trained", format="code:resources.trained"
                ),
                Column(key="work", label="resources.col.work"),
                Column(key="times", label="resources.col.times"),
            ],
            rows=[
                {
                    "person": p.name,
                    "hours": p.hours,
                    "load": p.total,
                    "share": work.share(p),
                    "trained": p.trained,
                    "work": [msg(f"resources.work.{k}").model_dump() for k in p.does],
                    "times": [
                        msg(f"resources.cell.{k}").model_dump()
                        for k, on in (
                            ("evenings", p.evenings),
                            ("weekends", p.weekends),
                            ("external", p.external),
                            ("trainee", p.trainee),
                        )
                        if on
                    ],
                }
                for p in work.people
            ],
        )
    )


def _flags(r: Resources) -> None:
    sec, f, cov, s = r.section, r.flags, r.coverage, r.settings
    if not r.work.people:
        return
    if f.single_person:
        sec.findings.append(
            finding("resources.flag.single_person", "critical", person=f.single_person)
        )
        sec.actions.append(action("resources.action.deputy", "owner.management", 30))
    if f.concentrated:
        sec.findings.append(
            finding(
                "resources.flag.concentrated",
                "warning",
                person=f.concentrated[0],
                share=f.concentrated[1],
                limit=s.max_share_pct,
            )
        )
        sec.actions.append(
            action("resources.action.spread", "owner.management", 45, person=f.concentrated[0])
        )
    if f.trainee_share:
        sec.findings.append(finding("resources.flag.trainee", "critical", share=f.trainee_share))
        sec.actions.append(action("resources.action.lead", "owner.management", 30))
    if f.untrained_answering:
        sec.findings.append(
            finding("resources.flag.untrained_answering", "warning", share=f.untrained_answering)
        )
        sec.actions.append(action("resources.action.train", "owner.management", 30))
    elif f.evenings_untrained or f.weekends_untrained:
        sec.actions.append(action("resources.action.train", "owner.management", 30))
    for when in ("evenings", "weekends"):
        if getattr(f, f"{when}_uncovered"):
            basis = getattr(cov, f"{when}_from")
            sec.findings.append(
                finding(
                    f"resources.flag.{when}",
                    "warning",
                    basis=msg(f"resources.basis.{basis}").model_dump(),
                )
            )
        elif getattr(cov, f"{when}_active") is None and not getattr(cov, f"{when}_covered"):
            sec.open_questions.append(msg(f"resources.question.{when}"))
        if getattr(f, f"{when}_untrained"):
            basis = getattr(cov, f"{when}_from")
            sec.findings.append(
                finding(
                    f"resources.flag.{when}_untrained",
                    "warning",
                    basis=msg(f"resources.basis.{basis}").model_dump(),
                )
            )
    if f.evenings_uncovered or f.weekends_uncovered:
        sec.actions.append(action("resources.action.rota", "owner.customer_service", 30))
    if f.response:
        sec.findings.append(
            finding(
                "resources.flag.response",
                "warning",
                hours=s.response_hours,
                reasons=[msg(f"resources.reason.{x}").model_dump() for x in f.response],
            )
        )
        sec.actions.append(
            action(
                "resources.action.response", "owner.customer_service", 30, hours=s.response_hours
            )
        )
    if f.overloaded:
        sec.findings.append(finding("resources.flag.overloaded", "warning", people=f.overloaded))
    if f.no_deputy:
        sec.findings.append(finding("resources.flag.no_deputy", "critical", person=f.no_deputy))
        sec.actions.append(action("resources.action.deputy", "owner.management", 30))
    if f.untrained_criticism:
        sec.findings.append(
            finding("resources.flag.untrained_criticism", "warning", people=f.untrained_criticism)
        )
        if not f.untrained_answering:
            sec.actions.append(action("resources.action.train", "owner.management", 30))
    for when in ("evenings", "weekends"):
        if getattr(f, f"{when}_needed") and not getattr(f, f"{when}_uncovered"):
            sec.findings.append(
                finding(
                    f"resources.flag.{when}_needed",
                    "critical",
                    reasons=[msg(f"resources.need.{x}").model_dump() for x in cov.needed],
                )
            )
    if (f.evenings_needed or f.weekends_needed) and not (
        f.evenings_uncovered or f.weekends_uncovered
    ):
        sec.actions.append(action("resources.action.rota", "owner.customer_service", 30))
    for item, month in f.training_late:
        sec.findings.append(
            finding(
                "resources.flag.training_late",
                "warning",
                item=item,
                month=month,
                start=r.months[0],
                when=r.months[month - 1] if month <= len(r.months) else None,
            )
        )
    if f.training_late:
        sec.actions.append(action("resources.action.training_early", "owner.management", 14))
    if not any(
        (
            f.single_person,
            f.concentrated,
            f.trainee_share,
            f.untrained_answering,
            f.response,
            f.no_deputy,
            f.untrained_criticism,
        )
    ):
        sec.findings.append(finding("resources.finding.balanced", "positive"))


def _scenarios(r: Resources) -> None:
    if r.available is None:
        return
    rows = []
    for sc in r.scenarios:
        rows.append(
            {
                "scenario": scenario_message(sc),
                "changes": [msg(f"resources.clears.{c}").model_dump() for c in sc.clears]
                if sc.clears
                else msg("resources.cell.dash").model_dump(),
                "required": sc.required
                if sc.required is not None
                else msg("resources.cell.unknown_effect").model_dump(),
                "available": sc.available,
                "gap": sc.gap if sc.gap is not None else msg("resources.cell.dash").model_dump(),
                "cost": sc.cost
                if sc.cost is not None
                else msg("resources.cell.no_rate").model_dump(),
            }
        )
    r.section.tables.append(
        Table(
            id="scenarios",
            title=msg(
                "resources.table.scenarios_title"
                if r.gap > 0
                else "resources.table.scenarios_title_ok",
                gap=r.gap,
            ),
            caption=msg("resources.table.scenarios_caption", weeks=WEEKS_PER_MONTH),
            columns=[
                Column(key="scenario", label="resources.col.scenario"),
                Column(key="changes", label="resources.col.changes"),
                Column(key="required", label="resources.col.required", format="num1"),
                Column(key="available", label="resources.col.available", format="num1"),
                Column(key="gap", label="resources.col.gap", format="num1"),
                Column(key="cost", label="resources.col.cost", format="num"),
            ],
            rows=rows,
        )
    )


def scenario_message(sc: Scenario) -> dict:
    """The scenario's sentence as a message (priced when an hourly rate prices its hours)."""
    code = f"resources.scenario.{sc.code}"
    if sc.detail.get("once_cost") is not None:
        code += "_priced"
    return msg(code, **_plain(sc.detail)).model_dump()


def _plain(detail: dict) -> dict:
    return {k: v for k, v in detail.items() if v is not None and not isinstance(v, bool)}


def _budget(r: Resources, lines: pd.DataFrame) -> None:
    sec, s, table = r.section, r.settings, r.budget
    if s.hourly_rate is None:
        sec.open_questions.append(msg("resources.question.rate"))
    if lines.empty:
        sec.open_questions.append(msg("resources.question.budget"))
        sec.actions.append(action("resources.action.budget", "owner.management", 30))
    if lines.empty and s.hourly_rate is None:
        return
    totals = table.sum(axis=0)
    year = float(totals.sum())
    months = r.months
    r.add_figure(
        "budget",
        title=msg("resources.figure.budget_title", total=year, mean=year / len(months)),
        caption=msg(
            "resources.figure.budget_caption_rate"
            if s.hourly_rate is not None
            else "resources.figure.budget_caption",
            rate=s.hourly_rate,
        ),
        alt=msg("resources.figure.budget_alt", total=year),
        draw=lambda cat: charts.budget(table, months, cat),
    )
    rows = [
        {
            "category": c,
            **{m: float(table.loc[c, i + 1]) for i, m in enumerate(months)},
            "total": float(table.loc[c].sum()),
        }
        for c in table.index
        if table.loc[c].any()
    ]
    rows.append(
        {
            "category": "total",
            **{m: float(totals[i + 1]) for i, m in enumerate(months)},
            "total": year,
        }
    )
    sec.tables.append(
        Table(
            id="budget",
            title=msg("resources.table.budget_title", total=year),
            caption=msg("resources.table.budget_caption", first=months[0], last=months[-1]),
            columns=[
                Column(
                    key="category", label="resources.col.category", format="code:resources.category"
                ),
                *[Column(key=m, label="resources.col.month", text=m, format="num") for m in months],
                Column(key="total", label="resources.col.total", format="num"),
            ],
            rows=rows,
        )
    )
    if r.outside:
        sec.findings.append(
            finding(
                "resources.finding.outside",
                "warning",
                items=r.outside,
                first=months[0],
                last=months[-1],
            )
        )
    if INTERNAL in table.index:
        sec.findings.append(
            finding(
                "resources.finding.internal_cost",
                rate=s.hourly_rate,
                month=float(table.loc[INTERNAL, 1]),
            )
        )


def _sources(r: Resources, benchmarks: pd.DataFrame) -> None:
    used: set[str] = set()
    if r.flags.response or "response_hours" not in r.settings.model_fields_set:
        used.add(RESPONSE_BENCHMARK)
    seen = set()
    for _, row in benchmarks[benchmarks["id"].isin(used)].iterrows():
        key = (row["source"], row["study"], row["year"])
        if key in seen:
            continue
        seen.add(key)
        r.section.sources.append(
            Source(
                source=row["source"],
                study=row["study"],
                year=str(row["year"]),
                metric=None,
                confidence=row["confidence"] or None,
                url=row["url"] or None,
                note=row["note"] or None,
            )
        )


def _defaults(r: Resources, ws: Workspace, times: pd.DataFrame) -> None:
    sec, s = r.section, r.settings
    chosen = s.model_fields_set
    marks = times.set_index("id")
    used = list(dict.fromkeys(n.benchmark for n in r.plan.needs if n.basis == "default"))
    if any(n.count_from == "default" for n in r.plan.needs):
        used.append("answers")
    for ref in used:
        sec.defaults.append(
            msg(
                f"resources.default.time_{ref}",
                low=float(marks.loc[ref, "value_low"]),
                high=float(marks.loc[ref, "value_high"]),
            )
        )
    if any(sc.once for sc in r.scenarios):
        sec.defaults.append(
            msg(
                "resources.default.time_training",
                low=float(marks.loc["training", "value_low"]),
                high=float(marks.loc["training", "value_high"]),
            )
        )
    if any(sc.code == "rota" for sc in r.scenarios):
        sec.defaults.append(
            msg(
                "resources.default.time_rota",
                evening=float(marks.loc["evening", "value_high"]),
                weekend=float(marks.loc["weekend_day", "value_high"]),
            )
        )
    if any(n.count_from == "days" for n in r.plan.needs) and "days_per_week" not in chosen:
        sec.defaults.append(msg("resources.default.days_per_week", days=s.days_per_week))
    if getattr(ws.strategy, "plan_start", None) is None:
        sec.defaults.append(msg("resources.default.plan_start", month=r.months[0]))
    if "response_hours" not in chosen:
        sec.defaults.append(msg("resources.default.response_hours", hours=s.response_hours))
    if r.work.people and "max_share_pct" not in chosen:
        sec.defaults.append(msg("resources.default.max_share", share=s.max_share_pct))
    if "fte_hours" not in chosen:
        sec.defaults.append(msg("resources.default.fte_hours", hours=s.fte_hours))


def _channel(name: str) -> Any:
    return msg("resources.chart.whole").model_dump() if name == WHOLE else name


def _range(low: float, high: float) -> dict:
    if abs(high - low) < 1e-9:
        return msg("resources.cell.hours", hours=high).model_dump()
    return msg("resources.cell.range", low=low, high=high).model_dump()


def _basis(n) -> dict:
    if n.basis == "default":
        return msg(
            f"resources.count.{n.count_from}",
            ref=msg(f"resources.time.{n.benchmark}").model_dump(),
            low=n.count[0] if n.count else None,
            high=n.count[1] if n.count else None,
        ).model_dump()
    if n.basis == "plan":
        return msg("resources.cell.per_post", minutes=n.minutes, per_week=n.per_week).model_dump()
    return msg("resources.cell.firm", minutes=n.minutes, per_week=n.per_week).model_dump()


__all__ = [
    "BENCHMARK_FOR",
    "ORDER",
    "RESPONSE_BENCHMARK",
    "RESPONSE_GOAL",
    "REVIEW_SITE",
    "SECTION",
    "Resources",
    "flag_codes",
    "run",
    "scenario_message",
]
