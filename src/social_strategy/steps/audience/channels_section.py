"""Step 1's channels: one reach figure per channel over the segments it is meant for, each
candidate's verdict with its reasons, and the audit of the existing accounts."""

from __future__ import annotations

import pandas as pd

from ...results import Column, Message, action, finding, msg, table
from . import charts, reach
from .channel_choice import metric_msg
from .model import Audience
from .segments_section import estimate_cell


def add_channels(a: Audience, channels: pd.DataFrame) -> None:
    """Reach per channel (chart, table, gaps), then each candidate's verdict."""
    _reach(a)
    if channels.empty:
        a.section.open_questions.append(msg("audience.question.channels"))
        return
    _verdicts(a)


def _reach(a: Audience) -> None:
    """The one reach figure per channel, drawn and tabled, with the gaps in the figures."""
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
            table(
                "reach",
                [_reach_row(a, c) for c in shown],
                [
                    "platform",
                    "metric",
                    *[
                        Column(
                            key=sid, label="audience.col.segment_id", text=names[sid], format="text"
                        )
                        for sid in a.weights.index
                    ],
                ],
                "audience.col",
                title=msg("audience.table.reach_title"),
                caption=msg("audience.table.reach_caption"),
            )
        )
        _reach_gaps(a, shown)


def _reach_gaps(a: Audience, shown: list) -> None:
    """The segments a channel's figure does not cover (a finding) and the channels with no
    usable figure (a question and a survey to plan)."""
    r, names = a.section, a.names
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


def _verdicts(a: Audience) -> None:
    """Every candidate's verdict with its reasons; the decisions and actions it gives."""
    r = a.section
    by_platform = {c.platform: c for c in a.reach}
    r.tables.append(
        table(
            "channels",
            [
                {
                    "platform": v.platform,
                    "verdict": v.verdict,
                    "reach": _reach_cell(by_platform.get(v.platform)),
                    "reasons": [m.model_dump() for m in v.reasons],
                    "notes": v.notes or "",
                }
                for v in a.verdicts
            ],
            ("platform", "verdict", "reach", "reasons", "notes"),
            "audience.col",
            {"verdict": "code:audience.verdict"},
            title=msg("audience.table.channels_title"),
            caption=msg("audience.table.channels_caption"),
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
            row[e.segment_id] = estimate_cell(e)
    return row


def add_audit(a: Audience) -> None:
    r = a.section
    if not a.audit:
        return
    r.tables.append(
        table(
            "audit",
            [
                {
                    "platform": row.platform,
                    "handle": row.handle or "",
                    "decision": row.decision,
                    "followers": row.followers,
                    "reasons": [m.model_dump() for m in row.reasons],
                }
                for row in a.audit
            ],
            ("platform", "handle", "decision", "followers", "reasons"),
            "audience.col",
            {"decision": "code:audience.audit", "followers": "num"},
            title=msg("audience.table.audit_title", n=len(a.audit)),
            caption=msg("audience.table.audit_caption", days=a.settings.stale_days),
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


__all__ = ["add_audit", "add_channels"]
