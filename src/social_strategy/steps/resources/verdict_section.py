"""Step 4's verdict and flags: enough for lasting care or not, and what to do about each
thing that keeps the care from lasting."""

from __future__ import annotations

from typing import Any

from ...results import SectionResult, action, finding, msg
from .model import Resources, shortfalls


def add_verdict(r: Resources) -> None:
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
    for code in shortfalls(r.flags):
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


def add_flags(r: Resources) -> None:
    """The flags on the team, each with what to do about it; a balanced team said so."""
    if not r.work.people:
        return
    _people_flags(r)
    _cover_flags(r)
    _answer_flags(r)
    _needed_flags(r)
    _training_flags(r)
    f = r.flags
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
        r.section.findings.append(finding("resources.finding.balanced", "positive"))


def _flag(sec: SectionResult, name: str, level: str, todo: str | None, **value: Any) -> None:
    """The flag ``resources.flag.<name>`` raised when its one ``value`` is set (a person, a
    share, the people), with the action ``resources.action.<todo>`` for management within
    30 days that answers it (none where ``todo`` is None)."""
    ((key, raised),) = value.items()
    if not raised:
        return
    sec.findings.append(finding(f"resources.flag.{name}", level, **{key: raised}))
    if todo is not None:
        sec.actions.append(action(f"resources.action.{todo}", "owner.management", 30))


def _people_flags(r: Resources) -> None:
    """The presence resting on one person, on one person's share, on trainees, on
    untrained people answering."""
    sec, f, s = r.section, r.flags, r.settings
    _flag(sec, "single_person", "critical", "deputy", person=f.single_person)
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
    _flag(sec, "trainee", "critical", "lead", share=f.trainee_share)
    _flag(sec, "untrained_answering", "warning", "train", share=f.untrained_answering)
    if not f.untrained_answering and (f.evenings_untrained or f.weekends_untrained):
        sec.actions.append(action("resources.action.train", "owner.management", 30))


def _cover_flags(r: Resources) -> None:
    """Evenings and weekends nobody (or nobody trained) answers in."""
    sec, f, cov = r.section, r.flags, r.coverage
    for when in ("evenings", "weekends"):
        basis = msg(f"resources.basis.{getattr(cov, f'{when}_from')}").model_dump()
        if getattr(f, f"{when}_uncovered"):
            sec.findings.append(finding(f"resources.flag.{when}", "warning", basis=basis))
        elif getattr(cov, f"{when}_active") is None and not getattr(cov, f"{when}_covered"):
            sec.open_questions.append(msg(f"resources.question.{when}"))
        if getattr(f, f"{when}_untrained"):
            sec.findings.append(finding(f"resources.flag.{when}_untrained", "warning", basis=basis))
    if f.evenings_uncovered or f.weekends_uncovered:
        sec.actions.append(action("resources.action.rota", "owner.customer_service", 30))


def _answer_flags(r: Resources) -> None:
    """The response time, overloaded people, a missing deputy, untrained people answering
    criticism."""
    sec, f, s = r.section, r.flags, r.settings
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
    _flag(sec, "overloaded", "warning", None, people=f.overloaded)
    _flag(sec, "no_deputy", "critical", "deputy", person=f.no_deputy)
    # training is asked for once: already with untrained people answering at all
    train = None if f.untrained_answering else "train"
    _flag(sec, "untrained_criticism", "warning", train, people=f.untrained_criticism)


def _needed_flags(r: Resources) -> None:
    """Evenings and weekends the plan needs (a contest, a response-time target)."""
    sec, f, cov = r.section, r.flags, r.coverage
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


def _training_flags(r: Resources) -> None:
    """Training booked after the start of the plan."""
    sec, f = r.section, r.flags
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


__all__ = ["add_flags", "add_verdict"]
