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
    # each setting the chapter's figures used, by whether they used it
    used = {
        "low_reach_pct": bool(a.reach or a.presence),
        "majority_pct": a.presence is not None,
        "max_channels": bool(a.verdicts),
        "min_followers": any(v.followers for v in a.verdicts),
        "stale_days": bool(a.audit),
        "min_posts_per_cell": a.times is not None and a.times.enough,
    }
    for name, is_used in used.items():
        if is_used and name not in chosen:
            value = getattr(settings, name)
            a.section.defaults.append(msg(f"audience.default.{name}", value=value))
    if (a.reach or a.presence) and "reach_metric" not in chosen:
        a.section.defaults.append(msg("audience.default.reach_metric", metric=metric_msg(a.metric)))


__all__ = ["add_defaults", "add_sources"]
