"""Step 1's posting times: the slots in the firm's own past posts that did better than the
rest, tested by permutation, and how the export was read."""

from __future__ import annotations

from typing import Any

from ...results import Column, action, finding, msg, table
from ...workspace import Workspace
from . import charts, posting_times
from .model import Audience


def add_times(a: Audience, ws: Workspace) -> None:
    r, t = a.section, a.times
    settings = ws.strategy.settings.audience
    if t is None:
        r.open_questions.append(msg("audience.question.posts"))
    else:
        source = ws.sources.get("posts", "posts")
        _times_input(a, ws, source)
        if not t.enough:
            r.summary.append(
                finding(
                    "audience.summary.too_few_posts",
                    "warning",
                    n=t.n_posts,
                    min=settings.min_posts_total,
                )
            )
    if t is None or not t.enough:
        # no slots to judge: the plan tests them instead
        r.actions.append(action("audience.action.test_slots", "owner.social_team", 60))
        r.defaults.append(msg("audience.default.no_posts"))
        return
    metric = msg(f"audience.engagement.{t.metric}").model_dump()
    unit = msg(f"audience.unit.{t.metric}").model_dump()
    judged = t.judged
    better = t.better
    _method(a, metric, settings)
    top = better[0] if better else (t.best[0] if t.best else None)
    if better:
        title = msg("audience.figure.times_title", day=_day(top.weekday), hour=top.hour)
    elif judged:
        title = msg("audience.figure.times_title_flat")
    else:
        title = msg("audience.figure.times_title_none")
    a.add_figure(
        "posting_times",
        title=title,
        caption=msg(
            "audience.figure.times_caption",
            n=t.n_posts,
            file=source,
            min=settings.min_posts_per_cell,
            metric=metric,
            zone=t.zone
            if t.converted or t.naive
            else msg("audience.cell.zone_export").model_dump(),
        ),
        alt=msg("audience.figure.times_alt", n=t.n_posts, slots=len(judged), better=len(better)),
        draw=lambda cat: charts.posting_heatmap(t, cat, settings.min_posts_per_cell),
    )
    if not judged:
        r.summary.append(
            finding("audience.summary.no_judged_slot", "warning", min=settings.min_posts_per_cell)
        )
        r.actions.append(action("audience.action.test_slots", "owner.social_team", 60))
        return
    _best_time(a, unit)
    _slots_table(a, unit)
    if t.channels and len(t.channels) > 1:
        r.findings.append(finding("audience.finding.pooled_channels", channels=t.channels))


def _best_time(a: Audience, unit: dict) -> None:
    """The best slot as the summary, with the action to schedule (or to test slots)."""
    r, t = a.section, a.times
    assert t is not None
    judged, better = t.judged, t.better
    top = better[0] if better else (t.best[0] if t.best else None)
    values = {
        "day": _day(top.weekday),
        "hour": top.hour,
        "ratio": top.ratio,
        "n": top.n,
        "median": top.median,
        "overall": t.overall_median,
        "unit": unit,
        "slots": len(judged),
        "p": round((top.p or 0) * 100, 1),
    }
    if better:
        r.summary.append(
            finding("audience.summary.best_time", "positive", **values, others=len(better) - 1)
        )
        r.actions.append(
            action(
                "audience.action.schedule",
                "owner.social_team",
                14,
                slots=[
                    msg("audience.cell.slot", day=_day(s.weekday), hour=s.hour).model_dump()
                    for s in better[:3]
                ],
            )
        )
    else:
        r.summary.append(finding("audience.summary.no_better_time", **values))
        r.actions.append(action("audience.action.test_slots", "owner.social_team", 60))


def _slots_table(a: Audience, unit: dict) -> None:
    """The slots better than the rest (else the best ones), each with its test."""
    t = a.times
    assert t is not None
    judged, better = t.judged, t.better
    shown = better + [s for s in t.best if s not in better]
    a.section.tables.append(
        table(
            "best_slots",
            [
                {
                    "day": _day(s.weekday),
                    "hour": f"{s.hour}:00",
                    "n": s.n,
                    "median": s.median,
                    "ratio": msg("audience.cell.ratio", ratio=s.ratio).model_dump(),
                    "p": round((s.p or 0) * 100, 1),
                    "verdict": "better" if s.better else "not_shown",
                }
                for s in shown
            ],
            (
                "day",
                "hour",
                "n",
                Column(key="median", label=f"audience.col.median_{t.metric}", format="num2"),
                "ratio",
                "p",
                "verdict",
            ),
            "audience.col",
            {"n": "num", "p": "pct1", "verdict": "code:audience.slot"},
            labels={"n": "n_posts", "verdict": "slot_verdict"},
            title=msg(
                "audience.table.slots_title" if better else "audience.table.slots_title_flat",
                n=len(shown),
                slots=len(judged),
            ),
            caption=msg(
                "audience.table.slots_caption",
                overall=t.overall_median,
                unit=unit,
                window=t.window,
                slots=len(judged),
                perms=t.permutations,
            ),
        )
    )


def _method(a: Audience, metric: dict, settings: Any) -> None:
    """How the posting times were tested: metric, window, order, permutations."""
    t = a.times
    assert t is not None
    judged = t.judged
    weeks = _window_weeks(t)
    a.section.findings.append(
        finding(
            "audience.finding.times_method",
            metric=metric,
            window=t.window,
            weeks=msg(f"audience.cell.{weeks[0]}", weeks=weeks[1]).model_dump(),
            order=msg(f"audience.cell.order_{t.order}").model_dump(),
            min=settings.min_posts_per_cell,
            slots=len(judged),
            perms=t.permutations,
            alpha=posting_times.ALPHA * 100,
        )
    )


def _window_weeks(t: posting_times.PostingTimes) -> tuple[str, float]:
    """How long a period is, in weeks, when the export says (as a message code, value)."""
    if t.span_days:
        weeks = t.span_days / 7 * t.window / max(t.n_posts, 1)
        return "weeks", round(weeks)
    return "weeks_unknown", 0


def _times_input(a: Audience, ws: Workspace, source: str) -> None:
    """How the export was read: time zone, unreadable rows, weekday numbering."""
    r, t = a.section, a.times
    settings = ws.strategy.settings.audience
    parts = [
        msg(f"audience.cell.clock_{kind}", n=n).model_dump()
        for kind, n in (("converted", t.converted), ("naive", t.naive), ("columns", t.from_columns))
        if n
    ]
    if t.converted or t.naive:
        r.findings.append(finding("audience.finding.times_zone", zone=t.zone, parts=parts))
        if "time_zone" not in settings.model_fields_set or not settings.time_zone:
            r.defaults.append(
                msg("audience.default.time_zone", zone=t.zone, country=ws.strategy.firm.country)
            )
    if t.skipped:
        reasons = []
        for reason, rows in t.skipped.items():
            shown = ", ".join(str(row) for row in rows[:5]) + (", …" if len(rows) > 5 else "")
            reasons.append(
                msg(f"audience.cell.skip_{reason}", n=len(rows), rows=shown).model_dump()
            )
        r.findings.append(
            finding(
                "audience.finding.posts_skipped",
                "warning",
                n=t.n_skipped,
                rows=t.n_rows,
                file=source,
                reasons=reasons,
            )
        )
    if t.numeric_weekdays and "weekday_1" not in settings.model_fields_set:
        r.defaults.append(msg("audience.default.weekday_1"))
    elif t.numeric_weekdays:
        first = _day(6 if settings.weekday_1 == "sunday" else 0)
        r.findings.append(finding("audience.finding.weekday_1", day=first))


def _day(index: int) -> dict:
    return msg(f"charts.weekday_long.{posting_times.WEEKDAYS[index]}").model_dump()


__all__ = ["add_times"]
