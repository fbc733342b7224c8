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

Negative share and share of voice come from the risks step's results (its tone model):
:func:`section_measures` reads them from the risks section. Nothing here imports a step.

A goal's metric is matched to one of these KPIs here (:func:`match_goal`,
:func:`goal_measure`), once for the whole workbook: the review chapter and the risks step's
goal table both use it, so a goal the review measures from an export is never "measured by
hand" in another chapter of the same report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from typing import Any

import pandas as pd

from .paths import file_hash
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

#: KPI -> value format in the report
KPI_FORMAT = {
    "followers": "num",
    "posts_week": "num1",
    "planned_posts_week": "num1",
    "engagement": "pct1",
    "reach": "num1",
    "mentions_week": "num1",
    "answered": "pct",
    "negative_share": "pct1",
    "share_of_voice": "pct1",
}
#: the words of a goal's metric that name a measured KPI (German and English), in order
GOAL_KPIS: tuple[tuple[str, str], ...] = (
    ("share_of_voice", r"share of voice|\bsov\b|anteil an (den )?erwähnungen"),
    ("negative_share", r"negativ|negative"),
    ("answered", r"beantwort|answered|antwort|respon|reply|replies"),
    ("engagement", r"engagement|interaktion|interaction"),
    ("reach", r"reichweite|\breach"),
    ("mentions_week", r"erwähnung|mention"),
    ("posts_week", r"beitr[äa]ge|posts?\b.*(woche|week)|posts pro|posts a week|postings"),
    ("followers", r"follower|abonnent|fans|gefolgt"),
)
#: a time limit on answering ("binnen 4 Stunden", "within 24 hours"): the exports record
#: whether a mention was answered, not when, so such a goal is measured by hand
TIME_LIMIT = re.compile(
    r"(binnen|innerhalb|within|in under|unter)\s+(von\s+|of\s+)?(\d+|einer|eines|one|an?)\s*"
    r"(min\w*|stunden?|std\.?|h\b|hours?|tag\w*|days?|werktag\w*)",
    re.IGNORECASE,
)
#: a metric about a list outside the social networks (newsletter subscribers, e-mail or
#: podcast sign-ups): no export the workbook reads counts it, so it is measured by hand
OFF_SOCIAL = re.compile(r"newsletter|e-?mail|mailing|podcast", re.IGNORECASE)
#: the KPIs measured per channel (a goal naming no channel takes the one its channels serve)
PER_CHANNEL = ("followers", "posts_week", "engagement", "reach")

_YES = {"yes", "ja", "y", "j", "true", "1", "x", "wahr", "beantwortet", "answered"}
_NO = {"no", "nein", "n", "false", "0", "falsch", ""}


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
    record = TableRecord(file=ws.sources.get(name), sha=file_hash(ws.source_file(name)))
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


def _rate(
    kpi: str,
    events: int,
    weeks: float,
    channel: str | None = None,
    window: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Measure:
    """Events a week: ``events`` counted over ``weeks`` (inside ``window``, first and last
    day, where the rows carry times)."""
    return Measure(
        kpi=kpi,
        channel=channel,
        value=events / weeks,
        basis="rate",
        events=events,
        weeks=weeks,
        window_start=window[0],
        window_end=window[1],
    )


def _channel_groups(posts: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
    """The posts as (channel, rows): all channels together (None) and each channel, or the
    one channel when the export holds only one."""
    channel = posts["channel"] if "channel" in posts else pd.Series(None, index=posts.index)
    groups: list[tuple[str | None, pd.DataFrame]] = [(None, posts)]
    names = sorted({str(c) for c in channel.dropna().unique()})
    if len(names) > 1:
        groups += [(c, posts[channel.astype("string") == c]) for c in names]
    elif len(names) == 1:
        groups = [(names[0], posts)]
    return groups


def _reach_measures(
    name: str | None, group: pd.DataFrame, window: tuple[dt.date | None, dt.date | None]
) -> list[Measure]:
    """Reach per post and engagement (interactions per reach) of one channel's posts, the
    last :data:`MAX_SAMPLES` posts kept as samples."""
    reach = pd.to_numeric(group.get("reach"), errors="coerce")
    inter = pd.to_numeric(group.get("interactions"), errors="coerce")
    if reach is None or not reach.notna().any():
        return []
    first, last = window
    values = reach.dropna().tolist()[-MAX_SAMPLES:]
    out = [
        Measure(
            kpi="reach",
            channel=name,
            value=sum(values) / len(values),
            basis="mean",
            samples=values,
            window_start=first,
            window_end=last,
        )
    ]
    if inter is not None:
        ok = reach.notna() & inter.notna() & (reach > 0)
        rates = (100 * inter[ok] / reach[ok]).tolist()[-MAX_SAMPLES:]
        if rates:
            out.append(
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
    return out


def _post_measures(ws, report_date: dt.date) -> list[Measure]:
    if "posts" not in ws.tables or ws.tables["posts"].empty:
        return []
    posts = ws.tables["posts"].copy()
    start, end = _window(report_date)
    times = _times(posts["time"]) if "time" in posts else pd.Series(pd.NaT, index=posts.index)
    timed = times.notna().any()
    window: tuple[dt.date | None, dt.date | None] = (None, None)
    weeks = None
    if timed:
        posts = posts[(times >= start) & (times < end)].assign(_t=times)
        weeks = WINDOW_DAYS / 7
        window = (start.date(), (end - pd.Timedelta(days=1)).date())
    measures: list[Measure] = []
    for name, group in _channel_groups(posts):
        if weeks:
            measures.append(_rate("posts_week", len(group), weeks, name, window))
        if timed:
            group = group.sort_values("_t")
        measures += _reach_measures(name, group, window)
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
        out.append(_rate("planned_posts_week", int(count), weeks, name))
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
    out = [_rate("mentions_week", len(inside), WINDOW_DAYS / 7, window=(first, last))]
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
    """strategy.yaml's goals, each with the fields the review keeps of it."""
    return [GoalRecord.model_validate(g, from_attributes=True) for g in ws.strategy.goals]


def snapshot(ws, report_date: dt.date) -> Snapshot:
    """The snapshot of a validated workspace (its tables still loaded) for ``report_date``."""
    tables = {name: table_record(ws, name) for name in sorted(TABLES)}
    measures = export_measures(ws, report_date)
    return Snapshot(
        report_date=report_date,
        start=ws.strategy.plan_start or None,
        tables=tables,
        measures=measures,
        goals=_goals(ws),
    )


# -- goals against the measured KPIs ----------------------------------------------------


def match_goal(
    goal, channels: dict[str, dict[str, str]] | None = None
) -> tuple[str, str | None] | None:
    """The measured KPI (and channel) a goal's metric names, or None (measured by hand).

    ``goal`` has ``id``, ``goal``, ``metric`` and ``unit`` (strategy.yaml's goal, or the
    snapshot's record of it); ``channels`` maps each channel to its cells as text (the
    snapshot's ``channels`` rows, :func:`channel_cells`)."""
    text = f"{goal.metric} {goal.unit or ''}".lower()
    if OFF_SOCIAL.search(text):
        return None  # a newsletter's subscribers are not a channel's followers
    for kpi, pattern in GOAL_KPIS:
        if re.search(pattern, text):
            if kpi == "answered" and TIME_LIMIT.search(text):
                return None  # answered within a time: no export records when
            channel = None
            for name, _cells in (channels or {}).items():
                if name.lower() in f"{goal.metric} {goal.goal}".lower():
                    channel = name
                    break
            if channel is None and kpi in PER_CHANNEL:
                serving = [
                    n
                    for n, cells in (channels or {}).items()
                    if goal.id in re.split(r"[;,\s]+", cells.get("goals", ""))
                ]
                if len(serving) == 1:
                    channel = serving[0]
            return kpi, channel
    return None


def goal_measure(
    goal, found: dict[tuple, Measure], channels: dict[str, dict[str, str]] | None = None
) -> Measure | None:
    """The measure of a goal's KPI among ``found`` ((kpi, channel) -> measure), or None
    (measured by hand). A goal naming a channel takes that channel's measure; the measure
    of all channels only when the export names no channel at all (a goal on Instagram's
    followers is never measured by another channel's)."""
    matched = match_goal(goal, channels)
    if matched is None:
        return None
    if matched in found:
        return found[matched]
    kpi, channel = matched
    if channel is not None and any(k == kpi and c is not None for k, c in found):
        return None
    return found.get((kpi, None))


def channel_cells(ws) -> dict[str, dict[str, str]]:
    """The channels table as the snapshot records it (channel -> column -> text), what
    :func:`match_goal` reads."""
    if "channels" not in ws.tables:
        return {}
    ws.accessed.add("channels")
    return table_record(ws, "channels").row_values


def _table(sections, section: str, table: str):
    for s in sections:
        if s.section == section:
            for t in s.tables:
                if t.id == table:
                    return t
    return None


def section_measures(sections) -> list[Measure]:
    """KPIs the risks chapter measured with its tone model: the share of mentions it calls
    negative (the raw count: the same model on both dates, so its change is the change),
    and the share of voice (the firm's row: unnamed, or else the first)."""
    out = []
    sentiment = _table(sections, "risks", "sentiment")
    if sentiment is not None:
        n = k = 0
        for r in sentiment.rows:
            count = int(r.get("n") or 0)
            if isinstance(r.get("negative"), (int, float)):
                negative = int(r["negative"])
            else:
                share = r.get("raw_share", r.get("share")) or 0
                negative = round(count * share / 100)
            n, k = n + count, k + negative
        if n:
            out.append(Measure(kpi="negative_share", value=100 * k / n, basis="share", k=k, n=n))
    voice = _table(sections, "risks", "share_of_voice")
    if voice is not None and len(voice.rows) > 1:
        total = sum(int(r.get("mentions") or 0) for r in voice.rows)
        unnamed = [r for r in voice.rows if not r.get("name")]
        own = int((unnamed or voice.rows)[0].get("mentions") or 0)
        if total:
            out.append(
                Measure(
                    kpi="share_of_voice", value=100 * own / total, basis="share", k=own, n=total
                )
            )
    return out


#: which exports each KPI is measured from (the tables a step measuring it reads)
MEASURED_FROM = {
    "followers": ("channels",),
    "posts_week": ("posts",),
    "engagement": ("posts",),
    "reach": ("posts",),
    "planned_posts_week": ("content_plan",),
    "mentions_week": ("mentions",),
    "answered": ("mentions",),
}


def export_measures(ws, report_date: dt.date, kpis=None) -> list[Measure]:
    """The KPIs measured from the workspace's exports for ``report_date``, as the snapshot
    records them (``kpis``: only those, and only their exports read)."""
    wanted = set(MEASURED_FROM if kpis is None else kpis)
    tables = {t for k in wanted for t in MEASURED_FROM.get(k, ())}
    ws.accessed.update(tables)
    return [
        *(_followers(ws) if "channels" in tables else []),
        *(_post_measures(ws, report_date) if "posts" in tables else []),
        *(_planned(ws) if "content_plan" in tables else []),
        *(_mention_measures(ws, report_date) if "mentions" in tables else []),
    ]


__all__ = [
    "GOAL_KPIS",
    "KPI_FORMAT",
    "MEASURED_FROM",
    "OFF_SOCIAL",
    "PEOPLE_TABLES",
    "PER_CHANNEL",
    "STAFF_COLUMNS",
    "TIME_LIMIT",
    "WINDOW_DAYS",
    "channel_cells",
    "export_measures",
    "goal_measure",
    "match_goal",
    "section_measures",
    "snapshot",
    "table_record",
]
