"""Step 1's chapter: the analyses of the package combined into the section result.

Combines the published platform use by age (weighted by the firm's segments, see
:mod:`.reach`), the firm's channel candidates (verdicts with reasons and an audit of the
existing accounts, see :mod:`.channel_choice`) and its own past posts (best posting times,
see :mod:`.posting_times`) into the chapter's results.

The chapter opens with the go/no-go over the whole target group: the share of each segment
that uses social media at all, weighted by segment size (:func:`.reach.presence`). Every
channel has one reach figure, in one named metric, over the segments it is meant for; the
chart, its headline and the verdict table show that same figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...reference import canonical_platform, source_of
from ...results import Column, Message, SectionResult, Table, action, finding, msg
from ...workspace import Workspace
from ..base import Context, StepResult
from . import channel_choice, charts, posting_times, reach
from .channel_choice import metric_msg

SECTION = "audience"
ORDER = 1
ANY = reach.ANY
PASSIVE = {"spectators", "inactives"}
VOCAL = {"creators", "critics"}
#: where an audience that is not on social media can be reached instead (besides the
#: segments' own ``elsewhere``)
INSTEAD = ("reviews", "search", "offline")


@dataclass(kw_only=True)
class Audience(StepResult):
    """Everything the notebook shows and the chapter reports."""

    metric: str
    weights: pd.Series
    names: dict[str, str]
    estimates: list[reach.Estimate]
    #: per platform, over the whole target group, in the channel's metric
    overall: list[reach.ChannelReach]
    #: per channel, over the segments it is meant for (verdicts, chart, headline)
    reach: list[reach.ChannelReach]
    verdicts: list[channel_choice.Verdict]
    times: posting_times.PostingTimes | None
    settings: Any = None
    #: is the target group on social media at all (None without segments)
    presence: reach.Presence | None = None
    #: keep / revive / close / claim for every existing account
    audit: list[channel_choice.AuditRow] = field(default_factory=list)

    @property
    def recommended(self) -> list[str]:
        """The channels this step recommends, in order (what later steps build on)."""
        return [v.platform for v in self.verdicts if v.verdict == "recommended"]


def run(ws: Workspace, ctx: Context) -> Audience:
    """Go/no-go, reach per segment and channel, verdicts, account audit, posting times."""
    settings = ctx.settings
    reference = ctx.reference.platform_use
    metric = settings.reach_metric
    chain = reach.metric_chain(metric)
    country = ws.strategy.firm.country
    segments = ws.table("segments")
    channels = ws.table("channels")
    survey = ws.table("segment_platform_use")
    result = SectionResult(section=SECTION, order=ORDER)

    if channels.empty:
        rows = reference[(reference["country"] == country) & (reference["metric"].isin(chain))]
        targets = {p: [] for p in sorted(set(rows["platform"]) - {ANY})}
    else:
        targets = {}
        for _, ch in channels.iterrows():
            targets.setdefault(canonical_platform(ch["platform"]), list(ch["segments"]))

    estimates: list[reach.Estimate] = []
    overall: list[reach.ChannelReach] = []
    reaches: list[reach.ChannelReach] = []
    weights = pd.Series(dtype=float)
    presence = None
    if not segments.empty:
        weights = reach.segment_weights(segments)
        for platform, wanted in targets.items():
            lower = {s.lower() for s in wanted}
            over = [s for s in weights.index if not lower or s.lower() in lower]
            mine = segments[segments["id"].isin(over)]
            best = reach.best_metric(
                platform, mine, weights[over], chain, country, reference, survey
            )
            ests = reach.estimates(segments, [platform], best, country, reference, survey)
            estimates.extend(ests)
            reaches.append(reach.channel_reach(platform, ests, weights[over]))
            overall.append(reach.channel_reach(platform, ests, weights))
        presence = reach.presence(
            segments,
            weights,
            chain,
            country,
            reference,
            settings.low_reach_pct,
            settings.majority_pct,
            survey,
        )
    by_platform = {r.platform: r for r in reaches}
    goal_ids = [g.id for g in ws.strategy.goals]
    names = dict(zip(segments["id"], segments["name"], strict=True))
    verdicts = (
        channel_choice.judge(
            channels,
            by_platform,
            goal_ids,
            settings.low_reach_pct,
            settings.max_channels,
            names,
            min_followers=settings.min_followers,
            report_date=ctx.report_date,
            stale_days=settings.stale_days,
        )
        if not channels.empty
        else []
    )
    audit = (
        channel_choice.audit(channels, verdicts, ctx.report_date, settings.stale_days)
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
        presence=presence,
        audit=audit,
    )
    _go_no_go(audience, segments, settings)
    _segments(audience, segments, ws)
    _channels(audience, channels)
    _audit(audience)
    _times(audience, ws)
    _sources(audience, reference)
    _defaults(audience, ws)
    return audience


# -- the chapter -----------------------------------------------------------------------
def _places(a: Audience, segments: pd.DataFrame) -> list:
    """Where the audience is instead: the segments' own places, then reviews, search, offline."""
    own = list(dict.fromkeys(p for _, s in segments.iterrows() for p in s["elsewhere"]))
    return [*own, *(msg(f"audience.instead.{k}").model_dump() for k in INSTEAD)]


def _go_no_go(a: Audience, segments: pd.DataFrame, settings) -> None:
    r = a.section
    if segments.empty:
        r.summary.append(finding("audience.summary.no_segments", "critical"))
        r.open_questions.append(msg("audience.question.segments"))
        r.actions.append(action("audience.action.define_segments", "owner.management", 14))
        return
    p = a.presence
    _countries(a, segments)
    _presence_table(a, segments)
    if p is None or p.verdict == "unknown":
        r.summary.append(finding("audience.summary.reach_unknown", "warning", metric=_metric(a)))
        return
    values = {
        "share": p.reach.value,
        "coverage": p.reach.coverage,
        "metric": metric_msg(p.reach.metric),
        "threshold": settings.low_reach_pct,
        "majority": settings.majority_pct,
    }
    low, high = p.reach.low, p.reach.high
    if p.reach.surveyed and low is not None and high is not None:
        crossed = [t for t in (settings.low_reach_pct, settings.majority_pct) if low < t <= high]
        if crossed:
            r.findings.append(
                finding(
                    "audience.finding.presence_interval",
                    "warning",
                    low=low,
                    high=high,
                    threshold=crossed[0],
                )
            )
    if p.verdict == "on":
        r.summary.append(finding("audience.summary.go_on", "positive", **values))
        return
    places = _places(a, segments)
    level = "critical" if p.verdict == "hardly" else "warning"
    r.summary.append(finding(f"audience.summary.go_{p.verdict}", level, places=places, **values))
    r.actions.append(action("audience.action.reach_instead", "owner.management", 30, places=places))


def _countries(a: Audience, segments: pd.DataFrame) -> None:
    """One sentence per country without any published figure."""
    seen: dict[str, list[str]] = {}
    for e in a.presence.estimates if a.presence else a.estimates:
        if e.no_country:
            seen.setdefault(e.country, []).append(a.names[e.segment_id])
    for country, names in seen.items():
        a.section.findings.append(
            finding("audience.finding.no_country", "warning", country=country, segments=names)
        )


def _presence_table(a: Audience, segments: pd.DataFrame) -> None:
    p = a.presence
    if p is None:
        return
    weights = a.weights / a.weights.sum() * 100
    other = {e.segment_id: e for e in p.elsewhere}
    rows = []
    for e in p.estimates:
        shown = e if e.value is not None else other.get(e.segment_id, e)
        rows.append(
            {
                "name": a.names[e.segment_id],
                "weight": float(weights[e.segment_id]),
                "any": _cell(shown, with_metric=True),
            }
        )
    a.section.tables.append(
        Table(
            id="presence",
            title=msg("audience.table.presence_title"),
            caption=msg("audience.table.presence_caption", metric=metric_msg(p.reach.metric)),
            columns=[
                Column(key="name", label="audience.col.segment"),
                Column(key="weight", label="audience.col.weight", format="pct"),
                Column(key="any", label="audience.col.any_social"),
            ],
            rows=rows,
        )
    )


def _metric(a: Audience) -> dict:
    """The preferred reach metric as a message value (translated in the report)."""
    return metric_msg(a.metric)


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


def _cell(e: reach.Estimate, with_metric: bool = False) -> dict:
    """One segment's figure as a table cell: value, survey with n and interval, range, or why
    it is missing (no figures for the country, or the ages no study covers)."""
    metric = metric_msg(e.metric) if with_metric else None
    if e.value is None:
        if e.no_country:
            return msg("audience.cell.no_country", country=e.country).model_dump()
        return msg("audience.cell.missing", ages=reach.age_ranges(e.missing_years)).model_dump()
    suffix = "_metric" if with_metric else ""
    if e.status == "own_survey":
        if e.n:
            return msg(
                f"audience.cell.survey_n{suffix}",
                value=e.value,
                n=e.n,
                low=e.low,
                high=e.high,
                metric=metric,
            ).model_dump()
        return msg(f"audience.cell.survey{suffix}", value=e.value, metric=metric).model_dump()
    if e.high is not None and e.low is not None and e.high - e.low >= 0.5:
        return msg(
            f"audience.cell.range{suffix}", value=e.value, low=e.low, high=e.high, metric=metric
        ).model_dump()
    return msg(f"audience.cell.value{suffix}", value=e.value, metric=metric).model_dump()


def _shown(a: Audience) -> list[reach.ChannelReach]:
    """The one figure per channel: over the segments it is meant for (or, without a channel
    list, per platform over the whole target group)."""
    return a.reach or a.overall


def _reach_cell(r: reach.ChannelReach | None) -> dict | None:
    if r is None or r.value is None:
        return msg("audience.cell.no_figure").model_dump()
    values = {"value": r.value, "metric": metric_msg(r.metric), "coverage": r.coverage}
    if not r.known:
        return msg("audience.cell.reach_partial", **values).model_dump()
    if r.high is not None and r.low is not None and r.high - r.low >= 0.5:
        return msg("audience.cell.reach_range", low=r.low, high=r.high, **values).model_dump()
    return msg("audience.cell.reach", **values).model_dump()


def _channels(a: Audience, channels: pd.DataFrame) -> None:
    r = a.section
    shown = _shown(a)
    if shown:
        names = a.names
        threshold = a.settings.low_reach_pct
        a.add_figure(
            "reach",
            title=_reach_title(shown),
            caption=msg("audience.figure.reach_caption"),
            alt=msg("audience.figure.reach_alt", platforms=[c.platform for c in shown]),
            draw=lambda cat: charts.reach_by_channel(shown, cat, threshold),
        )
        r.tables.append(
            Table(
                id="reach",
                title=msg("audience.table.reach_title"),
                caption=msg("audience.table.reach_caption"),
                columns=[
                    Column(key="platform", label="audience.col.platform"),
                    Column(key="metric", label="audience.col.metric"),
                    *[
                        Column(
                            key=sid, label="audience.col.segment_id", text=names[sid], format="text"
                        )
                        for sid in a.weights.index
                    ],
                ],
                rows=[_reach_row(a, c) for c in shown],
            )
        )
        segments = {e.segment_id for e in a.estimates}
        ignored = {v.platform for v in a.verdicts if v.verdict == "not_considered"}
        gaps = [
            msg(
                "audience.cell.gap",
                platform=e.platform,
                segment=names[e.segment_id],
                ages=reach.age_ranges(e.missing_years),
                metric=metric_msg(e.metric),
            ).model_dump()
            for c in shown
            for e in a.estimates
            if e.platform == c.platform
            and c.platform not in ignored
            and e.segment_id in c.missing_segments
            and e.segment_id in segments
            and not e.no_country
        ]
        if gaps:
            r.findings.append(finding("audience.finding.gaps", "warning", gaps=gaps))
        unknown = list(
            dict.fromkeys(c.platform for c in shown if not c.known and c.platform not in ignored)
        )
        if unknown:
            r.open_questions.append(msg("audience.question.reach_unknown", platforms=unknown))
            r.actions.append(
                action("audience.action.survey", "owner.consultant", 45, platforms=unknown)
            )
    if channels.empty:
        r.open_questions.append(msg("audience.question.channels"))
        return
    by_platform = {c.platform: c for c in a.reach}
    r.tables.append(
        Table(
            id="channels",
            title=msg("audience.table.channels_title"),
            caption=msg("audience.table.channels_caption"),
            columns=[
                Column(key="platform", label="audience.col.platform"),
                Column(key="verdict", label="audience.col.verdict", format="code:audience.verdict"),
                Column(key="reach", label="audience.col.reach"),
                Column(key="reasons", label="audience.col.reasons"),
                Column(key="notes", label="audience.col.notes"),
            ],
            rows=[
                {
                    "platform": v.platform,
                    "verdict": v.verdict,
                    "reach": _reach_cell(by_platform.get(v.platform)),
                    "reasons": [m.model_dump() for m in v.reasons],
                    "notes": v.notes or "",
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


def _reach_title(rows: list[reach.ChannelReach]) -> Message:
    """The headline names what the longest bar shows (the chart sorts by the same value)."""
    drawn = [c for c in rows if c.value is not None]
    if not drawn:
        return msg("audience.figure.reach_title_none")
    first = max(drawn, key=lambda c: c.value)
    values = {
        "first": first.platform,
        "reach": first.value,
        "metric": metric_msg(first.metric),
        "coverage": first.coverage,
    }
    if first.known:
        return msg("audience.figure.reach_title", **values)
    return msg("audience.figure.reach_title_partial", **values)


def _reach_row(a: Audience, c: reach.ChannelReach) -> dict:
    row: dict = {"platform": c.platform, "metric": metric_msg(c.metric)}
    for e in a.estimates:
        if e.platform == c.platform:
            row[e.segment_id] = _cell(e)
    return row


def _audit(a: Audience) -> None:
    r = a.section
    if not a.audit:
        return
    r.tables.append(
        Table(
            id="audit",
            title=msg("audience.table.audit_title", n=len(a.audit)),
            caption=msg("audience.table.audit_caption", days=a.settings.stale_days),
            columns=[
                Column(key="platform", label="audience.col.platform"),
                Column(key="handle", label="audience.col.handle"),
                Column(key="decision", label="audience.col.decision", format="code:audience.audit"),
                Column(key="followers", label="audience.col.followers", format="num"),
                Column(key="reasons", label="audience.col.reasons"),
            ],
            rows=[
                {
                    "platform": row.platform,
                    "handle": row.handle or "",
                    "decision": row.decision,
                    "followers": row.followers,
                    "reasons": [m.model_dump() for m in row.reasons],
                }
                for row in a.audit
            ],
        )
    )
    neglected = [row.platform for row in a.audit if row.neglected]
    if neglected:
        r.findings.append(finding("audience.finding.neglected", "critical", accounts=neglected))
    for row in a.audit:
        if row.decision in ("revive", "close", "claim"):
            r.actions.append(
                action(
                    f"audience.action.audit_{row.decision}",
                    "owner.social_team",
                    {"claim": 14, "close": 30, "revive": 30}[row.decision],
                    platform=row.platform,
                )
            )


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
                Column(key="n", label="audience.col.n_posts", format="num"),
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
    ests = list(a.estimates)
    if a.presence is not None:
        ests += [*a.presence.estimates, *a.presence.elsewhere]
    used = {i for e in ests for i in e.ref_ids}
    rows = reference[reference["ref_id"].isin(used)]
    seen: set[tuple] = set()
    for _, row in rows.sort_values(["source", "study", "metric", "source_url"]).iterrows():
        src = source_of(row)
        key = (src.source, src.study, src.year, src.metric, src.url)
        if key not in seen:
            seen.add(key)
            a.section.sources.append(src)
    for e in ests:
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
    if (a.reach or a.presence) and "low_reach_pct" not in chosen:
        a.section.defaults.append(
            msg("audience.default.low_reach_pct", value=settings.low_reach_pct)
        )
    if a.presence is not None and "majority_pct" not in chosen:
        a.section.defaults.append(msg("audience.default.majority_pct", value=settings.majority_pct))
    if a.verdicts and "max_channels" not in chosen:
        a.section.defaults.append(msg("audience.default.max_channels", value=settings.max_channels))
    if any(v.followers for v in a.verdicts) and "min_followers" not in chosen:
        a.section.defaults.append(
            msg("audience.default.min_followers", value=settings.min_followers)
        )
    if a.audit and "stale_days" not in chosen:
        a.section.defaults.append(msg("audience.default.stale_days", value=settings.stale_days))
    if a.times is not None and a.times.enough and "min_posts_per_cell" not in chosen:
        a.section.defaults.append(
            msg("audience.default.min_posts_per_cell", value=settings.min_posts_per_cell)
        )
    if (a.reach or a.presence) and "reach_metric" not in chosen:
        a.section.defaults.append(msg("audience.default.reach_metric", metric=_metric(a)))


__all__ = ["ANY", "INSTEAD", "ORDER", "PASSIVE", "SECTION", "VOCAL", "Audience", "run"]
