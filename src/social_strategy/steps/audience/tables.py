"""Step 1's results as tables for the notebook, in the session's language."""

from __future__ import annotations

import pandas as pd

from .channel_choice import metric_msg
from .chapter import Audience


def reach_frame(a: Audience) -> pd.DataFrame:
    """Segment x platform estimates as a table (percent; NaN where missing). Columns are
    the segments' names, with the id added where two segments share a name."""
    rows = [
        {"segment": e.segment_id, "platform": e.platform, "value": e.value} for e in a.estimates
    ]
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows).pivot(index="platform", columns="segment", values="value")
    frame = frame.reindex(columns=list(a.weights.index)).round(1)
    names = [a.names[s] for s in frame.columns]
    frame.columns = [
        f"{name} ({sid})" if names.count(name) > 1 else name
        for sid, name in zip(frame.columns, names, strict=True)
    ]
    return frame


def verdict_frame(a: Audience, cat) -> pd.DataFrame:
    """Channel verdicts with their reasons and notes, translated; the reach is the channel's
    one figure (the chart's), with its metric."""
    reach = {r.platform: r for r in a.reach}
    return pd.DataFrame(
        [
            {
                "channel": v.platform,
                "verdict": cat.t(f"audience.verdict.{v.verdict}"),
                "reach %": None if v.reach is None else round(v.reach, 1),
                "metric": cat.text(metric_msg(reach[v.platform].metric))
                if v.platform in reach and reach[v.platform].metric
                else "",
                "reasons": "; ".join(cat.text(m.model_dump()) for m in v.reasons),
                "notes": v.notes or "",
            }
            for v in a.verdicts
        ]
    )


def audit_frame(a: Audience, cat) -> pd.DataFrame:
    """Keep / revive / close / claim for every existing account, translated."""
    return pd.DataFrame(
        [
            {
                "channel": row.platform,
                "account": row.handle or "",
                "decision": cat.t(f"audience.audit.{row.decision}"),
                "reasons": "; ".join(cat.text(m.model_dump()) for m in row.reasons),
            }
            for row in a.audit
        ]
    )
