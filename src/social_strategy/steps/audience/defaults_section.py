"""Step 1's sources and defaults: the studies behind every published figure the chapter
shows, and every default it used in place of the firm's own choice."""

from __future__ import annotations

import pandas as pd

from ...reference import source_of
from ...results import msg
from ...workspace import Workspace
from .channel_choice import metric_msg
from .model import Audience


def add_sources(a: Audience, reference: pd.DataFrame) -> None:
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


def add_defaults(a: Audience, ws: Workspace) -> None:
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
        a.section.defaults.append(msg("audience.default.reach_metric", metric=metric_msg(a.metric)))


__all__ = ["add_defaults", "add_sources"]
