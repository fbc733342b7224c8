"""Step 1's target group: is it on social media at all (the go/no-go, weighted by segment
size), the segments themselves, and each segment's figure as a table cell."""

from __future__ import annotations

import pandas as pd

from ...results import action, finding, msg, table
from ...workspace import Workspace
from . import reach
from .channel_choice import metric_msg
from .model import INSTEAD, PASSIVE, VOCAL, Audience


def _places(a: Audience, segments: pd.DataFrame) -> list:
    """Where the audience is instead: the segments' own places, then reviews, search, offline."""
    own = list(dict.fromkeys(p for _, s in segments.iterrows() for p in s["elsewhere"]))
    return [*own, *(msg(f"audience.instead.{k}").model_dump() for k in INSTEAD)]


def add_go_no_go(a: Audience, segments: pd.DataFrame, settings) -> None:
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
        r.summary.append(
            finding("audience.summary.reach_unknown", "warning", metric=metric_msg(a.metric))
        )
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
                "any": estimate_cell(shown, with_metric=True),
            }
        )
    a.section.tables.append(
        table(
            "presence",
            rows,
            ("name", "weight", "any"),
            "audience.col",
            {"weight": "pct"},
            labels={"name": "segment", "any": "any_social"},
            title=msg("audience.table.presence_title"),
            caption=msg("audience.table.presence_caption", metric=metric_msg(p.reach.metric)),
        )
    )


def add_segments(a: Audience, segments: pd.DataFrame, ws: Workspace) -> None:
    r = a.section
    if segments.empty:
        return
    weights = a.weights / a.weights.sum() * 100
    r.tables.append(
        table(
            "segments",
            [
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
            ("name", "weight", "age_band", "kind", "wants", "participation", "motives"),
            "audience.col",
            {
                "weight": "pct",
                "participation": "code:audience.rung",
                "motives": "code:audience.motive",
            },
            labels={"name": "segment"},
            title=msg("audience.table.segments_title", n=len(segments)),
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
    _surveys(a, segments, ws)


def _surveys(a: Audience, segments: pd.DataFrame, ws: Workspace) -> None:
    """B2B segments without a survey of their own, and the segments that have one."""
    r = a.section
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


def estimate_cell(e: reach.Estimate, with_metric: bool = False) -> dict:
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


__all__ = ["add_go_no_go", "add_segments", "estimate_cell"]
