"""Step 1's chapter: the analyses of the package combined into the section result.

Combines the published platform use by age (weighted by the firm's segments, see
:mod:`.reach`), the firm's channel candidates (verdicts with reasons and an audit of the
existing accounts, see :mod:`.channel_choice`) and its own past posts (best posting times,
see :mod:`.posting_times`) into the chapter's results.

The chapter opens with the go/no-go over the whole target group: the share of each segment
that uses social media at all, weighted by segment size (:func:`.reach.presence`). Every
channel has one reach figure, in one named metric, over the segments it is meant for; the
chart, its headline and the verdict table show that same figure.

Each part is written by a module of its own: :mod:`.segments_section` (the go/no-go and
the segments), :mod:`.channels_section` (reach, verdicts, the account audit),
:mod:`.times_section` (posting times) and :mod:`.defaults_section` (sources and defaults);
:mod:`.model` holds the result.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...reference import canonical_platform
from ...results import SectionResult
from ...workspace import Workspace
from ..base import Context
from . import channel_choice, posting_times, reach
from .channels_section import add_audit, add_channels
from .defaults_section import add_defaults, add_sources
from .model import ANY, INSTEAD, ORDER, PASSIVE, SECTION, VOCAL, Audience
from .segments_section import add_go_no_go, add_segments
from .times_section import add_times


def run(ws: Workspace, ctx: Context) -> Audience:
    """Go/no-go, reach per segment and channel, verdicts, account audit, posting times."""
    settings = ctx.settings
    reference = ctx.reference.platform_use
    segments = ws.table("segments")
    channels = ws.table("channels")
    figures = _reach(ws, settings, reference, _targets(ws, channels, settings, reference))
    names = dict(zip(segments["id"], segments["name"], strict=True))
    verdicts, audit = _verdicts(ws, ctx, channels, figures["reach"], names)
    audience = Audience(
        section=SectionResult(section=SECTION, order=ORDER),
        metric=settings.reach_metric,
        names=names,
        verdicts=verdicts,
        times=_posting_times(ws, settings),
        settings=settings,
        audit=audit,
        **figures,
    )
    add_go_no_go(audience, segments, settings)
    add_segments(audience, segments, ws)
    add_channels(audience, channels)
    add_audit(audience)
    add_times(audience, ws)
    add_sources(audience, reference)
    add_defaults(audience, ws)
    return audience


def _targets(
    ws: Workspace, channels: pd.DataFrame, settings: Any, reference: pd.DataFrame
) -> dict[str, list]:
    """The segments each platform is meant for (empty: all); without a channel list every
    platform the reference has figures for."""
    if channels.empty:
        country = ws.strategy.firm.country
        chain = reach.metric_chain(settings.reach_metric)
        rows = reference[(reference["country"] == country) & (reference["metric"].isin(chain))]
        return {p: [] for p in sorted(set(rows["platform"]) - {ANY})}
    targets: dict[str, list] = {}
    for _, ch in channels.iterrows():
        targets.setdefault(canonical_platform(ch["platform"]), list(ch["segments"]))
    return targets


def _reach(
    ws: Workspace, settings: Any, reference: pd.DataFrame, targets: dict[str, list]
) -> dict[str, Any]:
    """Per platform the segments' estimates, the reach over the segments it is meant for
    and over the whole target group; the target group's presence on social media."""
    chain = reach.metric_chain(settings.reach_metric)
    country = ws.strategy.firm.country
    segments = ws.table("segments")
    survey = ws.table("segment_platform_use")
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
    return {
        "weights": weights,
        "estimates": estimates,
        "overall": overall,
        "reach": reaches,
        "presence": presence,
    }


def _verdicts(
    ws: Workspace,
    ctx: Context,
    channels: pd.DataFrame,
    reaches: list[reach.ChannelReach],
    names: dict[str, str],
) -> tuple[list[channel_choice.Verdict], list[channel_choice.AuditRow]]:
    """Each candidate channel's verdict, and the audit of the existing accounts."""
    if channels.empty:
        return [], []
    settings = ctx.settings
    verdicts = channel_choice.judge(
        channels,
        {r.platform: r for r in reaches},
        [g.id for g in ws.strategy.goals],
        settings.low_reach_pct,
        settings.max_channels,
        names,
        min_followers=settings.min_followers,
        report_date=ctx.report_date,
        stale_days=settings.stale_days,
    )
    audit = channel_choice.audit(channels, verdicts, ctx.report_date, settings.stale_days)
    return verdicts, audit


def _posting_times(ws: Workspace, settings: Any) -> posting_times.PostingTimes | None:
    """The best posting times in the firm's own past posts, where it gave them."""
    if not ws.has("posts"):
        return None
    return posting_times.analyse(
        ws.table("posts"),
        min_per_cell=settings.min_posts_per_cell,
        min_total=settings.min_posts_total,
        weekday_1=settings.weekday_1,
        zone=settings.time_zone or posting_times.zone_for_country(ws.strategy.firm.country),
    )


__all__ = ["ANY", "INSTEAD", "ORDER", "PASSIVE", "SECTION", "VOCAL", "Audience", "run"]
