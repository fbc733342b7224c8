"""KPIs measured from the workspace's exports, and the record of its tables: a
:class:`~social_strategy.snapshot.Snapshot` for the review chapter.

Measured over the quarter before the report date (:data:`WINDOW_DAYS`), where rows carry a
time; exports without times (a posts export with weekday and hour only) count whole:
- ``followers`` per channel: ``channels.csv`` (counted, not sampled);
- ``posts_week`` per channel: posts in the export a week; ``planned_posts_week``: the
  content plan's posts a week over the weeks it covers;
- ``engagement`` per channel: interactions per reach, post by post (per-post values kept,
  so the review's interval uses their spread); ``reach``: reach per post;
- ``mentions_week``: mentions a week; ``answered``: share of mentions marked answered
  among those with the column filled.

Negative share and share of voice come from the risks step's results (its tone model), so
the review reads them there. Nothing here imports a step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from typing import Any

import pandas as pd

from .snapshot import (
    MAX_KEYED_ROWS,
    MAX_SAMPLES,
    MAX_VALUE_ROWS,
    WINDOW_DAYS,
    GoalRecord,
    Measure,
    Snapshot,
    TableRecord,
)
from .workspace.inputs import TABLES

_YES = {"yes", "ja", "y", "j", "true", "1", "x", "wahr", "beantwortet", "answered"}
_NO = {"no", "nein", "n", "false", "0", "falsch", ""}


def _file_hash(path) -> str:
    if path is None or not path.is_file():
        return "absent"
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return value.isoformat()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


#: tables about people outside the firm (candidates, their interactions, ambassadors, what
#: the public wrote): the snapshot keeps no cell of them and keys their rows by a keyed hash,
#: unless ``settings.influencers.pseudonymise`` is ``none``
PEOPLE_TABLES = frozenset({"influencers", "interactions", "ambassadors", "mentions", "tone_labels"})
#: columns naming the firm's own people: named to their own firm, hashed when everyone is
#: pseudonymised (``pseudonymise: all``)
STAFF_COLUMNS = {
    "team": ("person",),
    "activities": ("person",),
    "risks": ("owner",),
}


class _Privacy:
    """What of a table the snapshot may keep as text: the results folder is shared."""

    def __init__(self, ws) -> None:
        settings = ws.strategy.settings.influencers
        self.mode = settings.pseudonymise
        self.key = (settings.pseudonym_key or ws.strategy.firm.name).encode("utf-8")

    def code(self, text: str) -> str:
        digest = hmac.new(self.key, text.encode("utf-8"), hashlib.sha256).hexdigest()
        return "P-" + digest[:8].upper()

    def hidden_table(self, name: str) -> bool:
        return self.mode != "none" and name in PEOPLE_TABLES

    def hidden_columns(self, name: str) -> tuple[str, ...]:
        return STAFF_COLUMNS.get(name, ()) if self.mode == "all" else ()


def table_record(ws, name: str) -> TableRecord:
    """The fingerprint of one table: file hash, rows, and per row a key and a hash (and the
    cells, for small tables). Tables about people outside the firm keep no text at all: their
    rows are keyed by a keyed hash (``P-…``), so the review counts rows added, removed and
    edited without naming anyone."""
    spec = TABLES.get(name)
    frame = ws.tables.get(name)
    record = TableRecord(file=ws.sources.get(name), sha=_file_hash(ws.source_file(name)))
    if frame is None or spec is None:
        return record
    record.rows = len(frame)
    if len(frame) > MAX_KEYED_ROWS:
        return record
    columns = [c for c in spec.columns() if c in frame.columns]
    keys = [c for c in spec.id_columns if c in frame.columns] or columns[:1]
    record.key_columns = keys
    privacy = _Privacy(ws)
    hidden = privacy.hidden_table(name)
    masked = privacy.hidden_columns(name)
    seen: dict[str, int] = {}
    for row in frame[columns].to_dict("records"):
        cells = {c: _cell(row.get(c)) for c in columns}
        text = json.dumps(cells, sort_keys=True, ensure_ascii=False)
        cells.update({c: privacy.code(cells[c]) for c in masked if cells.get(c)})
        key = " / ".join(cells[k] for k in keys) or "?"
        if hidden:
            key = privacy.code(key if keys else text)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key} #{seen[key]}"
        record.row_hashes[key] = hashlib.sha256(text.encode()).hexdigest()[:12]
        if len(frame) <= MAX_VALUE_ROWS and not hidden:
            record.row_values[key] = {c: v for c, v in cells.items() if v}
    return record


_DOTTED = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}")


def _times(values: pd.Series) -> pd.Series:
    """Post times as the exports write them, as naive dates (NaT where unreadable)."""
    text = values.astype("string")
    dotted = text.str.match(_DOTTED.pattern).fillna(False)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for mask, dayfirst in ((dotted, True), (~dotted, False)):
        if mask.any():
            parsed = pd.to_datetime(
                text[mask], errors="coerce", utc=True, dayfirst=dayfirst, format="mixed"
            )
            out[mask] = parsed.dt.tz_localize(None).astype("datetime64[ns]")
    return out


def _window(report_date: dt.date) -> tuple[pd.Timestamp, pd.Timestamp]:
    end = pd.Timestamp(report_date) + pd.Timedelta(days=1)
    return end - pd.Timedelta(days=WINDOW_DAYS), end


def _post_measures(ws, report_date: dt.date) -> list[Measure]:
    if "posts" not in ws.tables or ws.tables["posts"].empty:
        return []
    posts = ws.tables["posts"].copy()
    start, end = _window(report_date)
    times = _times(posts["time"]) if "time" in posts else pd.Series(pd.NaT, index=posts.index)
    timed = times.notna().any()
    if timed:
        posts = posts[(times >= start) & (times < end)].assign(_t=times)
        weeks = WINDOW_DAYS / 7
        first, last = start.date(), (end - pd.Timedelta(days=1)).date()
    else:
        weeks, first, last = None, None, None
    measures: list[Measure] = []
    channel = posts["channel"] if "channel" in posts else pd.Series(None, index=posts.index)
    groups: list[tuple[str | None, pd.DataFrame]] = [(None, posts)]
    names = sorted({str(c) for c in channel.dropna().unique()})
    if len(names) > 1:
        groups += [(c, posts[channel.astype("string") == c]) for c in names]
    elif len(names) == 1:
        groups = [(names[0], posts)]
    for name, group in groups:
        if weeks:
            measures.append(
                Measure(
                    kpi="posts_week",
                    channel=name,
                    value=len(group) / weeks,
                    basis="rate",
                    events=len(group),
                    weeks=weeks,
                    window_start=first,
                    window_end=last,
                )
            )
        if timed:
            group = group.sort_values("_t")
        reach = pd.to_numeric(group.get("reach"), errors="coerce")
        inter = pd.to_numeric(group.get("interactions"), errors="coerce")
        if reach is not None and reach.notna().any():
            values = reach.dropna().tolist()[-MAX_SAMPLES:]
            measures.append(
                Measure(
                    kpi="reach",
                    channel=name,
                    value=sum(values) / len(values),
                    basis="mean",
                    samples=values,
                    window_start=first,
                    window_end=last,
                )
            )
            if inter is not None:
                ok = reach.notna() & inter.notna() & (reach > 0)
                rates = (100 * inter[ok] / reach[ok]).tolist()[-MAX_SAMPLES:]
                if rates:
                    measures.append(
                        Measure(
                            kpi="engagement",
                            channel=name,
                            value=100 * float(inter[ok].sum()) / float(reach[ok].sum()),
                            basis="mean",
                            samples=rates,
                            window_start=first,
                            window_end=last,
                        )
                    )
    return measures


def _planned(ws) -> list[Measure]:
    if "content_plan" not in ws.tables or ws.tables["content_plan"].empty:
        return []
    plan = ws.tables["content_plan"]
    if "date" not in plan or "channel" not in plan:
        return []
    dates = pd.to_datetime(plan["date"], errors="coerce")
    if dates.notna().sum() == 0:
        return []
    weeks = max(1.0, ((dates.max() - dates.min()).days + 1) / 7)
    out = []
    for name, count in plan["channel"].dropna().astype(str).value_counts().sort_index().items():
        out.append(
            Measure(
                kpi="planned_posts_week",
                channel=name,
                value=count / weeks,
                basis="rate",
                events=int(count),
                weeks=weeks,
            )
        )
    return out


def _followers(ws) -> list[Measure]:
    if "channels" not in ws.tables:
        return []
    out = []
    channels = ws.tables["channels"]
    for row in channels.to_dict("records"):
        value = row.get("followers")
        if value is None or value != value:
            continue
        out.append(
            Measure(
                kpi="followers", channel=str(row["platform"]), value=float(value), basis="count"
            )
        )
    if len(out) > 1:
        out.insert(0, Measure(kpi="followers", value=sum(m.value or 0 for m in out), basis="count"))
    return out


def _mention_measures(ws, report_date: dt.date) -> list[Measure]:
    if "mentions" not in ws.tables or ws.tables["mentions"].empty:
        return []
    mentions = ws.tables["mentions"]
    start, end = _window(report_date)
    times = pd.to_datetime(mentions["time"], errors="coerce", utc=True)
    times = times.dt.tz_localize(None)
    inside = mentions[(times >= start) & (times < end)]
    first, last = start.date(), (end - pd.Timedelta(days=1)).date()
    weeks = WINDOW_DAYS / 7
    out = [
        Measure(
            kpi="mentions_week",
            value=len(inside) / weeks,
            basis="rate",
            events=len(inside),
            weeks=weeks,
            window_start=first,
            window_end=last,
        )
    ]
    if "answered" in inside:
        marks = inside["answered"].dropna().astype(str).str.strip().str.lower()
        marks = marks[marks != ""]
        yes = int(marks.isin(_YES).sum())
        known = int((marks.isin(_YES) | marks.isin(_NO)).sum())
        if known:
            out.append(
                Measure(
                    kpi="answered",
                    value=100 * yes / known,
                    basis="share",
                    k=yes,
                    n=known,
                    window_start=first,
                    window_end=last,
                )
            )
    return out


def _goals(ws) -> list[GoalRecord]:
    out = []
    for g in ws.strategy.goals:
        out.append(
            GoalRecord(
                id=g.id,
                goal=g.goal,
                metric=g.metric,
                baseline=g.baseline,
                target=g.target,
                unit=g.unit,
                due=g.due,
                measured=g.measured,
                measured_on=g.measured_on,
            )
        )
    return out


def snapshot(ws, report_date: dt.date) -> Snapshot:
    """The snapshot of a validated workspace (its tables still loaded) for ``report_date``."""
    tables = {name: table_record(ws, name) for name in sorted(TABLES)}
    measures = [
        *_followers(ws),
        *_post_measures(ws, report_date),
        *_planned(ws),
        *_mention_measures(ws, report_date),
    ]
    return Snapshot(
        report_date=report_date,
        start=ws.strategy.plan_start or None,
        tables=tables,
        measures=measures,
        goals=_goals(ws),
    )


__all__ = ["PEOPLE_TABLES", "STAFF_COLUMNS", "WINDOW_DAYS", "snapshot", "table_record"]
