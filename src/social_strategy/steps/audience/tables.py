"""Step 1's results as tables for the notebook, in the session's language: headings from
the catalog, numbers in the language's format, no empty cell shown as NaN, reasons whole."""

from __future__ import annotations

import pandas as pd

from .channel_choice import metric_msg
from .model import Audience


def reach_frame(a: Audience, cat=None) -> pd.DataFrame:
    """Segment x platform estimates as a table. Columns are the segments' names, with the
    id added where two segments share a name. Without ``cat`` the values are numbers
    (percent; NaN where missing); with it they are percentages in the catalog's format and
    a missing figure says so, and the rows are headed by the channel."""
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
    if cat is None:
        return frame
    missing = cat.t("audience.cell.no_figure")
    shown = frame.astype(object).map(lambda v: missing if pd.isna(v) else cat.percent(v, 1))
    shown.index.name = cat.t("audience.col.platform")
    shown.columns.name = None
    return shown


def verdict_frame(a: Audience, cat) -> pd.DataFrame:
    """Channel verdicts with their reasons and notes, translated; the reach is the channel's
    one figure (the chart's), with its metric."""
    reach = {r.platform: r for r in a.reach}
    col = _labels(cat, "platform", "verdict", "reach", "metric", "reasons", "notes")
    return pd.DataFrame(
        [
            {
                col["platform"]: v.platform,
                col["verdict"]: cat.t(f"audience.verdict.{v.verdict}"),
                col["reach"]: "" if v.reach is None else cat.percent(v.reach, 1),
                col["metric"]: cat.text(metric_msg(reach[v.platform].metric))
                if v.platform in reach and reach[v.platform].metric
                else "",
                col["reasons"]: "; ".join(cat.text(m.model_dump()) for m in v.reasons),
                col["notes"]: v.notes or "",
            }
            for v in a.verdicts
        ],
        columns=list(col.values()),
    )


def audit_frame(a: Audience, cat) -> pd.DataFrame:
    """Keep / revive / close / claim for every existing account, translated."""
    col = _labels(cat, "platform", "handle", "decision", "reasons")
    return pd.DataFrame(
        [
            {
                col["platform"]: row.platform,
                col["handle"]: row.handle or "",
                col["decision"]: cat.t(f"audience.audit.{row.decision}"),
                col["reasons"]: "; ".join(cat.text(m.model_dump()) for m in row.reasons),
            }
            for row in a.audit
        ],
        columns=list(col.values()),
    )


def _labels(cat, *keys: str) -> dict[str, str]:
    """The columns' headings: ``audience.col.<key>`` in the catalog's language."""
    return {k: cat.t(f"audience.col.{k}") for k in keys}


def times_text(a: Audience, cat) -> str:
    """What the firm's own posts say about posting times, in a sentence or two (Markdown):
    how many posts and slots, which slots are shown to do better, and how many rows of the
    export could not be used."""
    from .posting_times import WEEKDAYS

    t = a.times
    if t is None or not t.enough or not t.judged:
        return cat.t("audience.nb.times_none")
    better = [
        cat.t(
            "audience.nb.times_slot",
            slot=cat.t(
                "audience.cell.slot",
                day=cat.t(f"charts.weekday_long.{WEEKDAYS[s.weekday]}"),
                hour=s.hour,
            ),
            p=s.p or 0,
        )
        for s in t.better
    ]
    key = "audience.nb.times_better" if better else "audience.nb.times_flat"
    text = cat.t(key, n=t.n_posts, slots=len(t.judged), better=better)
    if t.n_skipped:
        text += " " + cat.t("audience.nb.times_skipped", n=t.n_skipped)
    return text


def segments_frame(ws, cat) -> pd.DataFrame:
    """The target groups as the client reads them: headings ``audience.col.segments.*``,
    numbers in the catalog's format, participation rungs and motives translated, lists
    joined, blank cells blank."""
    from ...workspace import TABLES

    columns = TABLES["segments"].columns()
    codes = {"participation": "audience.rung", "motives": "audience.motive"}

    def cell(column: str, value) -> str:
        if isinstance(value, (list, tuple)):
            prefix = codes.get(column)
            return "; ".join(
                cat.t(f"{prefix}.{v}") if prefix and cat.has(f"{prefix}.{v}") else str(v)
                for v in value
            )
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if column in ("size", "share_pct"):
            return cat.format_value(value, "num")
        return str(value)

    table = ws.table("segments")
    return pd.DataFrame(
        [[cell(c, row.get(c)) for c in columns] for row in table.to_dict("records")],
        columns=[cat.t(f"audience.col.segments.{c}") for c in columns],
    )


__all__ = ["audit_frame", "reach_frame", "segments_frame", "times_text", "verdict_frame"]
