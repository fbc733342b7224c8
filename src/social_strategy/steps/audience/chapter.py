"""Step 1's chapter: the analyses of the package combined into the section result.

Combines the published platform use by age (weighted by the firm's segments, see
:mod:`.reach`), the firm's channel candidates (verdicts with reasons, see
:mod:`.channel_choice`) and its own past posts (best posting times, see
:mod:`.posting_times`) into the chapter's results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ... import charts
from ...reference import canonical_platform, source_of
from ...results import Column, Message, SectionResult, Table, action, finding, msg
from ...workspace import Workspace
from ..base import Context, StepResult
from . import channel_choice, posting_times, reach

SECTION = "audience"
ORDER = 1
ANY = "any social media"
PASSIVE = {"spectators", "inactives"}
VOCAL = {"creators", "critics"}


@dataclass(kw_only=True)
class Audience(StepResult):
    """Everything the notebook shows and the chapter reports."""

    metric: str
    weights: pd.Series
    names: dict[str, str]
    estimates: list[reach.Estimate]
    #: per platform, over the whole target group (go/no-go, chart)
    overall: list[reach.ChannelReach]
    #: per channel, over the segments it is meant for (verdicts)
    reach: list[reach.ChannelReach]
    verdicts: list[channel_choice.Verdict]
    times: posting_times.PostingTimes | None
    settings: Any = None

    @property
    def recommended(self) -> list[str]:
        """The channels this step recommends, in order (what later steps build on)."""
        return [v.platform for v in self.verdicts if v.verdict == "recommended"]


def run(ws: Workspace, ctx: Context) -> Audience:
    """Reach per segment and channel, channel verdicts, posting times, and the chapter."""
    settings = ctx.settings
    reference = ctx.reference.platform_use
    metric = settings.reach_metric
    country = ws.strategy.firm.country
    segments = ws.table("segments")
    channels = ws.table("channels")
    survey = ws.table("segment_platform_use")
    result = SectionResult(section=SECTION, order=ORDER)

    if channels.empty:
        rows = reference[(reference["country"] == country) & (reference["metric"] == metric)]
        platforms = sorted(set(rows["platform"]) - {ANY})
    else:
        platforms = list(dict.fromkeys(canonical_platform(p) for p in channels["platform"]))

    estimates: list[reach.Estimate] = []
    overall: list[reach.ChannelReach] = []
    reaches: list[reach.ChannelReach] = []
    weights = pd.Series(dtype=float)
    if not segments.empty:
        weights = reach.segment_weights(segments)
        estimates = reach.estimates(segments, platforms, metric, country, reference, survey)
        overall = [reach.channel_reach(p, estimates, weights) for p in platforms]
        if channels.empty:
            reaches = overall
        else:
            for _, ch in channels.iterrows():
                wanted = {s.lower() for s in ch["segments"]}
                over = [s for s in weights.index if not wanted or s.lower() in wanted]
                reaches.append(
                    reach.channel_reach(
                        canonical_platform(ch["platform"]), estimates, weights[over]
                    )
                )
    by_platform = {r.platform: r for r in reaches}
    goal_ids = [g.id for g in ws.strategy.goals]
    names = dict(zip(segments["id"], segments["name"], strict=True))
    verdicts = (
        channel_choice.judge(
            channels, by_platform, goal_ids, settings.low_reach_pct, settings.max_channels, names
        )
        if not channels.empty
        else []
    )

    times = None
    if ws.has("posts"):
        times = posting_times.analyse(
            ws.table("posts"),
            min_per_cell=settings.min_posts_per_cell,
            min_total=settings.min_posts_total,
            weekday_1=settings.weekday_1,
            zone=settings.time_zone or posting_times.zone_for_country(country),
        )

    audience = Audience(
        section=result,
        metric=metric,
        weights=weights,
        names=names,
        estimates=estimates,
        overall=overall,
        reach=reaches,
        verdicts=verdicts,
        times=times,
        settings=settings,
    )
    _go_no_go(audience, segments, settings.low_reach_pct)
    _segments(audience, segments, ws)
    _channels(audience, channels)
    _times(audience, ws)
    _sources(audience, reference)
    _defaults(audience, ws)
    return audience


# -- the chapter -----------------------------------------------------------------------
def _go_no_go(a: Audience, segments: pd.DataFrame, threshold: float) -> None:
    r = a.section
    if segments.empty:
        r.summary.append(finding("audience.summary.no_segments", "critical"))
        r.open_questions.append(msg("audience.question.segments"))
        r.actions.append(action("audience.action.define_segments", "owner.management", 14))
        return
    known = [c for c in a.overall if c.known]
    if not known:
        r.summary.append(finding("audience.summary.reach_unknown", "warning", metric=a.metric))
        return
    best = max(known, key=lambda c: c.value)
    values = {
        "platform": best.platform,
        "reach": best.value,
        "threshold": threshold,
        "metric": _metric(a),
        "coverage": best.coverage,
    }
    if best.value < threshold:
        r.summary.append(finding("audience.summary.low_reach", "critical", **values))
    else:
        r.summary.append(finding("audience.summary.reach_ok", **values))


def _key(metric: str) -> str:
    return metric.replace(" ", "_")


def _metric(a: Audience) -> dict:
    """The reach metric as a message value (translated in the report)."""
    return msg(f"audience.metric.{_key(a.metric)}").model_dump()


def _segments(a: Audience, segments: pd.DataFrame, ws: Workspace) -> None:
    r = a.section
    if segments.empty:
        return
    weights = a.weights / a.weights.sum() * 100
    r.tables.append(
        Table(
            id="segments",
            title=msg("audience.table.segments_title", n=len(segments)),
            columns=[
                Column(key="name", label="audience.col.segment"),
                Column(key="weight", label="audience.col.weight", format="pct"),
                Column(key="age_band", label="audience.col.age_band"),
                Column(key="kind", label="audience.col.kind"),
                Column(key="wants", label="audience.col.wants"),
                Column(
                    key="participation",
                    label="audience.col.participation",
                    format="code:audience.rung",
                ),
                Column(key="motives", label="audience.col.motives", format="code:audience.motive"),
            ],
            rows=[
                {
                    "name": s["name"],
                    "weight": float(weights[s["id"]]),
                    "age_band": s["age_band"],
                    "kind": s["kind"],
                    "wants": s["wants"],
                    "participation": list(s["participation"]),
                    "motives": list(s["motives"]),
                }
                for _, s in segments.iterrows()
            ],
        )
    )
    passive = [
        s["name"]
        for _, s in segments.iterrows()
        if s["participation"] and set(s["participation"]) <= PASSIVE
    ]
    if passive:
        r.findings.append(finding("audience.finding.passive", segments=passive))
    vocal = [s["name"] for _, s in segments.iterrows() if set(s["participation"]) & VOCAL]
    if vocal:
        r.findings.append(finding("audience.finding.vocal", segments=vocal))
    if not any(s["participation"] for _, s in segments.iterrows()):
        r.open_questions.append(msg("audience.question.participation"))
    unexplained = [s["name"] for _, s in segments.iterrows() if not s["motives"]]
    if unexplained:
        r.open_questions.append(msg("audience.question.motives", segments=unexplained))
    places = list(dict.fromkeys(p for _, s in segments.iterrows() for p in s["elsewhere"]))
    if places:
        r.findings.append(finding("audience.finding.elsewhere", places=places))
        r.actions.append(
            action("audience.action.listen_elsewhere", "owner.social_team", 30, places=places)
        )
    else:
        r.open_questions.append(msg("audience.question.elsewhere"))
    b2b = [s for _, s in segments.iterrows() if s["kind"] == "B2B"]
    surveyed = set(ws.table("segment_platform_use")["segment_id"].str.lower())
    unsurveyed = [s["name"] for s in b2b if s["id"].lower() not in surveyed]
    if unsurveyed:
        r.findings.append(finding("audience.finding.b2b", "warning", segments=unsurveyed))
    own = [e for e in a.estimates if e.status == "own_survey"]
    if own:
        platforms = sorted({e.platform for e in own})
        segments = [a.names[s] for s in dict.fromkeys(e.segment_id for e in own)]
        r.findings.append(
            finding(
                "audience.finding.own_survey", "positive", platforms=platforms, segments=segments
            )
        )


def _channels(a: Audience, channels: pd.DataFrame) -> None:
    r = a.section
    if a.overall:
        names = a.names
        a.add_figure(
            "reach",
            title=_reach_title(a),
            caption=msg("audience.figure.reach_caption", metric=_metric(a)),
            alt=msg("audience.figure.reach_alt", platforms=[c.platform for c in a.overall]),
            draw=lambda cat: charts.reach_by_channel(a.overall, cat, a.settings.low_reach_pct),
        )
        r.tables.append(
            Table(
                id="reach",
                title=msg("audience.table.reach_title"),
                caption=msg("audience.table.reach_caption"),
                columns=[
                    Column(key="platform", label="audience.col.platform"),
                    *[
                        Column(
                            key=sid, label="audience.col.segment_id", text=names[sid], format="text"
                        )
                        for sid in a.weights.index
                    ],
                ],
                rows=[_reach_row(a, c.platform) for c in a.overall],
            )
        )
        gaps = []
        for c in a.overall:
            years = [
                y
                for e in a.estimates
                if e.platform == c.platform and e.segment_id in c.missing_segments
                for y in e.missing_years
            ]
            if years:
                gaps.append(
                    msg(
                        "audience.cell.gap", platform=c.platform, ages=reach.age_ranges(years)
                    ).model_dump()
                )
        if gaps:
            r.findings.append(
                finding("audience.finding.gaps", "warning", gaps=gaps, metric=_metric(a))
            )
        unknown = [c.platform for c in a.reach if not c.known]
        unknown = list(dict.fromkeys(unknown))
        if unknown:
            r.open_questions.append(msg("audience.question.reach_unknown", platforms=unknown))
            r.actions.append(
                action("audience.action.survey", "owner.consultant", 45, platforms=unknown)
            )
    if channels.empty:
        r.open_questions.append(msg("audience.question.channels"))
        return
    r.tables.append(
        Table(
            id="channels",
            title=msg("audience.table.channels_title"),
            caption=msg("audience.table.channels_caption"),
            columns=[
                Column(key="platform", label="audience.col.platform"),
                Column(key="verdict", label="audience.col.verdict", format="code:audience.verdict"),
                Column(key="reach", label="audience.col.reach", format="pct"),
                Column(key="reasons", label="audience.col.reasons"),
            ],
            rows=[
                {
                    "platform": v.platform,
                    "verdict": v.verdict,
                    "reach": v.reach,
                    "reasons": [m.model_dump() for m in v.reasons],
                }
                for v in a.verdicts
            ],
        )
    )
    chosen = [v.platform for v in a.verdicts if v.verdict == "recommended"]
    against = [v.platform for v in a.verdicts if v.verdict == "against"]
    testing = [v.platform for v in a.verdicts if v.verdict == "test"]
    if chosen:
        r.summary.append(finding("audience.summary.recommended", "positive", channels=chosen))
        r.decisions.append(msg("audience.decision.channels", channels=chosen))
    else:
        r.summary.append(finding("audience.summary.none_recommended", "warning"))
    if against:
        r.summary.append(finding("audience.summary.against", "info", channels=against))
        r.decisions.append(msg("audience.decision.against", channels=against))
    for v in a.verdicts:
        if v.verdict == "recommended":
            code = "editorial_plan" if v.followers else "create_presence"
            r.actions.append(
                action(
                    f"audience.action.{code}",
                    "owner.social_team",
                    30 if v.followers else 21,
                    platform=v.platform,
                )
            )
    if testing:
        r.actions.append(
            action("audience.action.test_channels", "owner.social_team", 90, channels=testing)
        )
    unassessed = [v.platform for v in a.verdicts if v.fit is None and v.verdict != "not_considered"]
    if unassessed:
        r.open_questions.append(msg("audience.question.fit", platforms=unassessed))


def _reach_title(a: Audience) -> Message:
    known = sorted(
        (c for c in a.overall if c.known),
        key=lambda c: -c.value,
    )
    if not known:
        return msg("audience.figure.reach_title_none")
    if len(known) >= 2 and known[1].value > 0:
        return msg(
            "audience.figure.reach_title",
            first=known[0].platform,
            second=known[1].platform,
            reach=known[0].value,
            ratio=known[0].value / known[1].value,
        )
    return msg("audience.figure.reach_title_one", first=known[0].platform, reach=known[0].value)


def _reach_row(a: Audience, platform: str) -> dict:
    row: dict = {"platform": platform}
    for e in a.estimates:
        if e.platform != platform:
            continue
        if e.value is None:
            row[e.segment_id] = msg(
                "audience.cell.missing", ages=reach.age_ranges(e.missing_years)
            ).model_dump()
        elif e.status == "own_survey":
            row[e.segment_id] = msg("audience.cell.survey", value=e.value).model_dump()
        elif e.high is not None and e.low is not None and e.high - e.low >= 0.5:
            row[e.segment_id] = msg(
                "audience.cell.range", value=e.value, low=e.low, high=e.high
            ).model_dump()
        else:
            row[e.segment_id] = msg("audience.cell.value", value=e.value).model_dump()
    return row


def _times(a: Audience, ws: Workspace) -> None:
    r, t = a.section, a.times
    settings = ws.strategy.settings.audience
    if t is None:
        r.open_questions.append(msg("audience.question.posts"))
        r.actions.append(action("audience.action.test_slots", "owner.social_team", 60))
        r.defaults.append(msg("audience.default.no_posts"))
        return
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
        r.actions.append(action("audience.action.test_slots", "owner.social_team", 60))
        r.defaults.append(msg("audience.default.no_posts"))
        return
    metric = msg(f"audience.engagement.{t.metric}").model_dump()
    unit = msg(f"audience.unit.{t.metric}").model_dump()
    judged = t.judged
    better = t.better
    weeks = _window_weeks(t)
    r.findings.append(
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
    shown = better + [s for s in t.best if s not in better]
    r.tables.append(
        Table(
            id="best_slots",
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
            columns=[
                Column(key="day", label="audience.col.day"),
                Column(key="hour", label="audience.col.hour"),
                Column(key="n", label="audience.col.posts", format="num"),
                Column(key="median", label=f"audience.col.median_{t.metric}", format="num2"),
                Column(key="ratio", label="audience.col.ratio"),
                Column(key="p", label="audience.col.p", format="pct1"),
                Column(
                    key="verdict", label="audience.col.slot_verdict", format="code:audience.slot"
                ),
            ],
            rows=[
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
        )
    )
    if t.channels and len(t.channels) > 1:
        r.findings.append(finding("audience.finding.pooled_channels", channels=t.channels))


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


def _sources(a: Audience, reference: pd.DataFrame) -> None:
    used = {i for e in a.estimates for i in e.ref_ids}
    rows = reference[reference["ref_id"].isin(used)]
    seen: set[tuple] = set()
    for _, row in rows.sort_values(["source", "study", "metric"]).iterrows():
        src = source_of(row)
        key = (src.source, src.study, src.year, src.metric)
        if key not in seen:
            seen.add(key)
            a.section.sources.append(src)
    for e in a.estimates:
        if e.survey_source is not None:
            key = (
                e.survey_source.source,
                e.survey_source.study,
                e.survey_source.year,
                e.survey_source.metric,
            )
            if key not in seen:
                seen.add(key)
                a.section.sources.append(e.survey_source)


def _defaults(a: Audience, ws: Workspace) -> None:
    settings = ws.strategy.settings.audience
    chosen = settings.model_fields_set
    if a.reach and "low_reach_pct" not in chosen:
        a.section.defaults.append(
            msg("audience.default.low_reach_pct", value=settings.low_reach_pct)
        )
    if a.verdicts and "max_channels" not in chosen:
        a.section.defaults.append(msg("audience.default.max_channels", value=settings.max_channels))
    if a.times is not None and a.times.enough and "min_posts_per_cell" not in chosen:
        a.section.defaults.append(
            msg("audience.default.min_posts_per_cell", value=settings.min_posts_per_cell)
        )
    if a.reach and "reach_metric" not in chosen:
        a.section.defaults.append(
            msg(
                "audience.default.reach_metric",
                metric=_metric(a),
            )
        )
