"""Step 4's hours and team: the hours per week the presence needs, activity by activity and
with their basis, and who carries them."""

from __future__ import annotations

from typing import Any

from ...results import action, finding, msg, table
from . import charts
from .hours import WHOLE
from .model import Resources


def add_hours(r: Resources, channel_basis: str, posts_basis: str | None) -> None:
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
    _hours_table(r)


def _hours_table(r: Resources) -> None:
    """The hours per week by channel and activity, each with its basis."""
    sec, plan = r.section, r.plan
    sec.tables.append(
        table(
            "hours",
            [
                {
                    "channel": _channel(n.channel),
                    "activity": n.activity,
                    "hours": _range(n.low, n.high),
                    "basis": _basis(n),
                }
                for n in plan.needs
            ],
            ("channel", "activity", "hours", "basis"),
            "resources.col",
            {"activity": "code:resources.activity"},
            title=msg("resources.table.hours_title", low=plan.low, high=plan.high),
            caption=msg("resources.table.hours_caption"),
        )
    )


def add_team(r: Resources) -> None:
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
        table(
            "team",
            [
                {
                    "person": p.name,
                    "hours": p.hours,
                    "load": p.total,
                    "share": work.share(p),
                    "trained": p.trained,
                    "work": [msg(f"resources.work.{k}").model_dump() for k in p.does],
                    "times": [msg(f"resources.cell.{k}").model_dump() for k in p.times],
                }
                for p in work.people
            ],
            ("person", "hours", "load", "share", "trained", "work", "times"),
            "resources.col",
            {"hours": "num1", "load": "num1", "share": "pct", "trained": "code:resources.trained"},
            labels={"hours": "available"},
            title=msg("resources.table.team_title", n=len(work.people), hours=work.available),
        )
    )


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


__all__ = ["add_hours", "add_team"]
