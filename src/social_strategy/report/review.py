"""The review: what changed since the last report, and the goals measured.

Built from two results folders alone (no kernel, no workspace): this render's and an
earlier one of the same client (``--since``, else the latest earlier complete render beside
it under ``reports/<client>/``). :func:`compare` gives a language-neutral
:class:`Review` (codes and numbers); :func:`chapter` turns it into a report chapter in one
language, and :func:`as_text` into the text ``social-strategy diff OLD NEW`` prints.

What it compares:
- verdicts in the chapters' tables (a channel's verdict, a community's, a risk's tier, the
  account audit's decision) and in a chapter's ``data.verdict`` (the resources verdict),
  each with the input rows or tables that changed under it;
- KPIs then and now (:mod:`social_strategy.snapshot`, and the risks chapter's tone and
  share of voice), each with an interval on the change (:mod:`social_strategy.intervals`);
- risks new and resolved (the register's scenarios);
- the earlier plan's actions due by this report's date, and whether this render still calls
  for them;
- the inputs: tables added, removed, changed, with rows added, removed and edited.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..intervals import (
    beyond_noise,
    log_ratio,
    newcombe_difference,
    rate_ratio,
    z_quantile,
)
from ..results import INPUTS, SectionResult, load_sections, read_meta
from ..snapshot import Measure, Snapshot, read_snapshot

#: a render folder's name: its timestamp (``2026-12-07_190529``, ``...-2`` for a second)
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{6}(-\d+)?$")
#: table columns whose codes are a chapter's verdicts on a row
VERDICT_COLUMNS = ("verdict", "decision", "tier")
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


# -- finding the earlier renders --------------------------------------------------------


def _stamp_of(render: Path) -> str | None:
    name = render.name
    if name.startswith(".incomplete-"):
        name = name[len(".incomplete-") :].rsplit("-", 1)[0]
    return name if STAMP.match(name) else None


def _complete(render: Path) -> bool:
    results = render / "results"
    return (results / "report.json").is_file() and (
        results / INPUTS / "_fingerprints.json"
    ).is_file()


def earlier_renders(results_dir: Path) -> list[Path]:
    """The client's complete renders before the one ``results_dir`` belongs to, oldest
    first (for a workshop's results folder: all of them)."""
    render = Path(results_dir).resolve().parent
    client = render.parent
    own = _stamp_of(render)
    try:
        siblings = list(client.iterdir())
    except OSError:
        return []
    found = [
        p.resolve()
        for p in siblings
        if not p.is_symlink()
        and STAMP.match(p.name)
        and p.resolve() != render
        and (own is None or p.name < own)
        and _complete(p)
    ]
    return sorted(found, key=lambda p: p.name)


def results_folder(path: Path | str) -> Path:
    """A render folder, its ``latest`` link or its results folder -> the results folder."""
    path = Path(path).expanduser()
    return path if (path / "report.json").is_file() else path / "results"


def earlier_results(results_dir: Path) -> Path | None:
    """The results the review compares with: the render named with ``--since`` (recorded in
    report.json), else the latest earlier complete render; None if there is none."""
    meta = read_meta(results_dir)
    if meta.since:
        chosen = results_folder(meta.since)
        return chosen if (chosen / "report.json").is_file() else None
    earlier = earlier_renders(results_dir)
    return earlier[-1] / "results" if earlier else None


# -- the language-neutral review --------------------------------------------------------


@dataclass
class Review:
    then: dt.date | None
    now: dt.date
    #: the earlier render's folder name (or the path given with --since)
    since: str | None
    flips: list[dict[str, Any]] = field(default_factory=list)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    risks_new: list[dict[str, Any]] = field(default_factory=list)
    risks_resolved: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    trends: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.__dict__, default=str))


def _read(results: Path) -> tuple[list[SectionResult], Snapshot | None, dt.date]:
    meta = read_meta(results)
    return load_sections(results), read_snapshot(results), meta.report_date


def _section_inputs(results: Path, section: str) -> list[str]:
    try:
        data = json.loads((results / INPUTS / f"{section}.json").read_text(encoding="utf-8"))
        return [str(t) for t in data.get("tables", [])]
    except (OSError, ValueError, AttributeError):
        return []


def _key_column(table) -> str | None:
    for column in table.columns:
        if column.format == "text" and column.key not in VERDICT_COLUMNS:
            values = [r.get(column.key) for r in table.rows]
            if values and all(isinstance(v, str) and v for v in values):
                return column.key
    return None


def _verdicts(sections: list[SectionResult]) -> dict[tuple, tuple[str, str]]:
    """(section, table, column, row key) -> (code prefix, code) of every verdict cell."""
    found: dict[tuple, tuple[str, str]] = {}
    for s in sections:
        for table in s.tables:
            key = _key_column(table)
            if key is None:
                continue
            for column in table.columns:
                if column.key in VERDICT_COLUMNS and column.format.startswith("code:"):
                    for row in table.rows:
                        value = row.get(column.key)
                        if isinstance(value, str):
                            found[(s.section, table.id, column.key, row[key])] = (
                                column.format[5:],
                                value,
                            )
        verdict = s.data.get("verdict") if isinstance(s.data, dict) else None
        if isinstance(verdict, str):
            found[(s.section, "", "verdict", "")] = (f"{s.section}.verdict", verdict)
    return found


def table_changes(old: Snapshot | None, new: Snapshot | None) -> list[dict[str, Any]]:
    """Per changed table: rows added, removed, edited (with the edited columns)."""
    if old is None or new is None:
        return []
    out = []
    for name in sorted(set(old.tables) | set(new.tables)):
        a, b = old.tables.get(name), new.tables.get(name)
        a_sha = a.sha if a else "absent"
        b_sha = b.sha if b else "absent"
        if a_sha == b_sha:
            continue
        change: dict[str, Any] = {
            "table": name,
            "file": (b.file if b and b.file else a.file if a else None) or f"{name}.csv",
            "state": "added"
            if a_sha == "absent"
            else "removed"
            if b_sha == "absent"
            else "changed",
            "rows_then": a.rows if a else 0,
            "rows_now": b.rows if b else 0,
            "added": [],
            "removed": [],
            "edited": [],
        }
        ha, hb = (a.row_hashes if a else {}), (b.row_hashes if b else {})
        if ha or hb:
            change["added"] = [k for k in hb if k not in ha]
            change["removed"] = [k for k in ha if k not in hb]
            for key in hb:
                if key in ha and ha[key] != hb[key]:
                    va = (a.row_values if a else {}).get(key, {})
                    vb = (b.row_values if b else {}).get(key, {})
                    columns = [c for c in sorted(set(va) | set(vb)) if va.get(c) != vb.get(c)]
                    change["edited"].append(
                        {
                            "key": key,
                            "columns": [
                                {"column": c, "then": va.get(c, ""), "now": vb.get(c, "")}
                                for c in columns
                            ],
                        }
                    )
        out.append(change)
    return out


def _cause(
    section: str, row: str, new_results: Path, changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The input changes under a flipped verdict: the row of the same key in a table the
    step read, else every changed table the step read."""
    read = set(_section_inputs(new_results, section)) or {c["table"] for c in changes}
    mine = [c for c in changes if c["table"] in read]
    if row:
        exact = []
        for c in mine:
            for kind in ("added", "removed"):
                if row in c[kind]:
                    exact.append({"table": c["table"], "file": c["file"], "kind": kind, "key": row})
            for edit in c["edited"]:
                if edit["key"] == row:
                    exact.append(
                        {
                            "table": c["table"],
                            "file": c["file"],
                            "kind": "edited",
                            "key": row,
                            "columns": edit["columns"],
                        }
                    )
        if exact:
            return exact
    return [
        {
            "table": c["table"],
            "file": c["file"],
            "kind": "table",
            "added": len(c["added"]),
            "removed": len(c["removed"]),
            "edited": len(c["edited"]),
            "removed_keys": c["removed"],
            "added_keys": c["added"],
        }
        for c in mine
    ]


def flips(
    old: list[SectionResult],
    new: list[SectionResult],
    new_results: Path,
    changes: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    then, now = _verdicts(old), _verdicts(new)
    out = []
    for key in [k for k in then if k in now] + [k for k in then if k not in now]:
        section, table, _column, row = key
        prefix, was = then[key]
        if key in now and now[key][1] == was:
            continue
        if key not in now and table == "register":
            continue  # a risk gone from the register: "resolved", listed on its own
        out.append(
            {
                "section": section,
                "table": table,
                "row": row,
                "prefix": prefix,
                "then": was,
                "now": now[key][1] if key in now else None,
                "cause": _cause(section, row, new_results, changes),
            }
        )
    return out


def _risk_rows(sections: list[SectionResult]) -> dict[str, dict[str, Any]]:
    for s in sections:
        for t in s.tables:
            if s.section == "risks" and t.id == "register":
                return {r["scenario"]: r for r in t.rows if isinstance(r.get("scenario"), str)}
    return {}


def _table(sections: list[SectionResult], section: str, table: str):
    for s in sections:
        if s.section == section:
            for t in s.tables:
                if t.id == table:
                    return t
    return None


def section_measures(sections: list[SectionResult]) -> list[Measure]:
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


def measures(sections: list[SectionResult], snap: Snapshot | None) -> dict[tuple, Measure]:
    found = [*(snap.measures if snap else []), *section_measures(sections)]
    return {(m.kpi, m.channel): m for m in found}


#: the chance that a review of two exports of the same process claims any change
FAMILY_ALPHA = 0.025


def tested(then: Measure, now: Measure) -> bool:
    """Whether the change of a KPI is judged by an interval (not counted, not missing)."""
    if then.value is None or now.value is None or then.basis != now.basis:
        return False
    if now.basis == "rate":
        return then.events is not None and now.events is not None
    if now.basis == "share":
        return bool(then.n and now.n)
    if now.basis == "mean":
        return len(then.samples) >= 2 and len(now.samples) >= 2
    return False


def change(then: Measure, now: Measure, alpha: float = FAMILY_ALPHA) -> dict[str, Any]:
    """The change of one KPI with its interval at level 1 - ``alpha`` and whether it is
    beyond noise (the review passes alpha / the number of KPIs it tests)."""
    out: dict[str, Any] = {"basis": now.basis, "diff": None, "low": None, "high": None}
    if then.value is None or now.value is None:
        out["state"] = "no_data"
        return out
    if now.basis == "count" or then.basis != now.basis:
        out["diff"] = now.value - then.value
        out["state"] = "same" if out["diff"] == 0 else "counted"
        return out
    if now.basis == "rate" and then.events is not None and now.events is not None:
        ratio, low, high = rate_ratio(
            then.events, then.weeks or 1, now.events, now.weeks or 1, alpha
        )
        out.update(diff=ratio, low=low, high=None if math.isinf(high) else high)
        beyond = beyond_noise(low, high, 1.0)
    elif now.basis == "share" and then.n and now.n:
        z = z_quantile(1 - alpha / 2)
        d, low, high = newcombe_difference(then.k or 0, then.n, now.k or 0, now.n, z)
        out.update(diff=100 * d, low=100 * low, high=100 * high)
        beyond = beyond_noise(low, high)
    elif now.basis == "mean":
        offset = 0.1 if now.kpi == "engagement" else 1.0  # % points, or people reached
        result = log_ratio(then.samples, now.samples, alpha, offset)
        if result is None:
            out["state"] = "too_few"
            out["diff"] = now.value - then.value
            return out
        ratio, low, high = result
        out.update(diff=ratio, low=low, high=high)
        beyond = beyond_noise(low, high, 1.0)
    else:
        out["state"] = "no_data"
        return out
    up = (
        (out["diff"] or 0) > (0 if now.basis == "share" else 1)
        if out["diff"] is not None
        else (now.value > then.value)
    )
    out["state"] = ("up" if up else "down") if beyond else "noise"
    return out


def kpi_rows(
    old_m: dict[tuple, Measure], new_m: dict[tuple, Measure], weeks: float | None = None
) -> list[dict[str, Any]]:
    """Every KPI then and now; the changes judged by intervals share one 5 % chance of a
    false claim (Bonferroni over the KPIs tested)."""
    rows = []
    order = list(KPI_FORMAT)
    keys = sorted(
        set(old_m) | set(new_m),
        key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[1] or ""),
    )
    keys = [k for k in keys if k[0] != "planned_posts_week"]
    m = sum(1 for k in keys if k in old_m and k in new_m and tested(old_m[k], new_m[k]))
    alpha = FAMILY_ALPHA / max(1, m)
    for key in keys:
        a, b = old_m.get(key), new_m.get(key)
        plan = new_m.get(("planned_posts_week", key[1])) if key[0] == "posts_week" else None
        row = {
            "kpi": key[0],
            "channel": key[1],
            "then": a.value if a else None,
            "now": b.value if b else None,
            "plan": plan.value if plan else None,
            "level": 1 - alpha,
        }
        if a and b:
            row.update(change(a, b, alpha))
            if row["state"] == "counted" and weeks:
                row["per_week"] = row["diff"] / weeks  # followers: the growth a week
        else:
            row.update(state="no_data", basis=(b or a).basis, diff=None, low=None, high=None)
        rows.append(row)
    return rows


def _actions(
    old: list[SectionResult], new: list[SectionResult], then: dt.date, now: dt.date
) -> list[dict[str, Any]]:
    def same(a) -> tuple[str, str]:
        return a.code, json.dumps(a.values, sort_keys=True)

    def subject(a) -> tuple[str, str]:
        """The action without its figures: "answer the 6 open mentions" is still asked
        for when the plan now says 9."""
        words = {k: v for k, v in a.values.items() if not isinstance(v, (int, float))}
        return a.code, json.dumps(words, sort_keys=True)

    current = {same(a) for s in new for a in s.actions}
    subjects = {subject(a) for s in new for a in s.actions}
    out = []
    for s in old:
        for a in s.actions:
            due = then + dt.timedelta(days=a.due_days)
            if due > now:
                continue
            if same(a) in current:
                state = "open"
            elif subject(a) in subjects:
                state = "changed"
            else:
                state = "done"
            out.append({"section": s.section, "action": a.model_dump(), "due": due, "state": state})
    return sorted(out, key=lambda r: (r["due"], r["section"]))


# -- goals against the measured KPIs ----------------------------------------------------


def match_goal(
    goal, channels: dict[str, dict[str, str]] | None = None
) -> tuple[str, str | None] | None:
    """The measured KPI (and channel) a goal's metric names, or None (measured by hand)."""
    text = f"{goal.metric} {goal.unit or ''}".lower()
    for kpi, pattern in GOAL_KPIS:
        if re.search(pattern, text):
            channel = None
            for name, _cells in (channels or {}).items():
                if name.lower() in f"{goal.metric} {goal.goal}".lower():
                    channel = name
                    break
            if channel is None and kpi in ("followers", "posts_week", "engagement", "reach"):
                serving = [
                    n
                    for n, cells in (channels or {}).items()
                    if goal.id in re.split(r"[;,\s]+", cells.get("goals", ""))
                ]
                if len(serving) == 1:
                    channel = serving[0]
            return kpi, channel
    return None


def goal_state(
    value: float | None,
    baseline: float | None,
    target: float,
    start: dt.date,
    due: dt.date,
    when: dt.date,
) -> str:
    """met | on_track | behind | no_value | no_baseline: progress on the straight line from
    the baseline at ``start`` to the target at ``due``."""
    if value is None:
        return "no_value"
    falling = baseline is not None and target < baseline
    if (value <= target) if falling else (value >= target):
        return "met"
    if when >= due:
        return "behind"
    if baseline is None:
        return "no_baseline"
    span = (due - start).days
    done = 1.0 if span <= 0 else min(1.0, max(0.0, (when - start).days / span))
    expected = baseline + (target - baseline) * done
    ahead = value <= expected if falling else value >= expected
    return "on_track" if ahead else "behind"


def goals(
    snap: Snapshot | None,
    found: dict[tuple, Measure],
    first: dict[tuple, tuple[dt.date, float]] | None = None,
    start: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Each goal with its measured (or typed) value, target, due date and state."""
    if snap is None:
        return []
    channels = snap.tables.get("channels")
    cells = channels.row_values if channels else {}
    out = []
    for g in snap.goals:
        matched = match_goal(g, cells)
        value, when, source = None, snap.report_date, "hand"
        if matched and (matched in found or (matched[0], None) in found):
            m = found.get(matched) or found[(matched[0], None)]
            value, source = m.value, "measured"
            matched = (m.kpi, m.channel)
        elif g.measured is not None:
            value, when = g.measured, g.measured_on or snap.report_date
        # the straight line runs from the plan's start (strategy.yaml plan_start, else the
        # client's first render) at the baseline to the target at the due date
        begin = snap.start or start or snap.report_date
        baseline = g.baseline
        if baseline is None and first and matched in first:
            begin, baseline = first[matched]
        out.append(
            {
                "id": g.id,
                "goal": g.goal,
                "metric": g.metric,
                "kpi": matched[0] if source == "measured" else None,
                "channel": matched[1] if source == "measured" and matched else None,
                "source": source,
                "value": value,
                "value_date": when,
                "target": g.target,
                "unit": g.unit,
                "due": g.due,
                "state": goal_state(value, baseline, g.target, begin, g.due, when),
            }
        )
    return out


def compare(
    old_results: Path | None, new_results: Path, history: list[Path] | None = None
) -> Review:
    """The review of ``new_results`` against ``old_results`` (None: goals only)."""
    new_sections, new_snap, now = _read(new_results)
    new_m = measures(new_sections, new_snap)
    past = []  # (date, measures) of the earlier renders, for the trends
    for folder in history or []:
        try:
            sections, snap, date = _read(folder)
        except (OSError, ValueError):
            continue
        past.append((date, measures(sections, snap)))
    first = {}
    for date, found in past:
        for key, m in found.items():
            if key not in first and m.value is not None:
                first[key] = (date, m.value)
    start = min((d for d, _ in past), default=None)
    review = Review(then=None, now=now, since=None, goals=goals(new_snap, new_m, first, start))
    review.kpis = kpi_rows({}, new_m)
    if old_results is not None:
        old_sections, old_snap, then = _read(old_results)
        review.then, review.since = then, old_results.resolve().parent.name
        changes = table_changes(old_snap, new_snap)
        review.inputs = changes
        review.flips = flips(old_sections, new_sections, new_results, changes)
        weeks = (now - then).days / 7 if now > then else None
        review.kpis = kpi_rows(measures(old_sections, old_snap), new_m, weeks)
        old_r, new_r = _risk_rows(old_sections), _risk_rows(new_sections)
        review.risks_new = [new_r[k] for k in new_r if k not in old_r]
        review.risks_resolved = [old_r[k] for k in old_r if k not in new_r]
        review.actions = _actions(old_sections, new_sections, then, now)
    for g in review.goals:
        if g["kpi"] is None:
            continue
        key = (g["kpi"], g["channel"])
        points = [(d, f[key].value) for d, f in past if key in f and f[key].value is not None]
        points.append((now, g["value"]))
        review.trends.append({"goal": g["id"], "kpi": g["kpi"], "points": points})
    return review


__all__ = [
    "FAMILY_ALPHA",
    "GOAL_KPIS",
    "KPI_FORMAT",
    "STAMP",
    "VERDICT_COLUMNS",
    "Review",
    "change",
    "compare",
    "earlier_renders",
    "earlier_results",
    "flips",
    "goal_state",
    "goals",
    "kpi_rows",
    "match_goal",
    "measures",
    "results_folder",
    "section_measures",
    "table_changes",
    "tested",
]
