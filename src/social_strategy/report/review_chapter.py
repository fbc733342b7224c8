"""The review as a report chapter in one language, and as the text ``diff`` prints.

The chapter has the shape of every other chapter the templates show (title, intro,
summary, findings, figures, tables), so the templates need no block of their own.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

from ..i18n import Catalog
from ..snapshot import WINDOW_DAYS
from .review import KPI_FORMAT, Review, compare, earlier_renders, earlier_results


def _own(text: Any, cat: Catalog) -> str:
    """Client text (a channel's, a risk's, a goal's), escaped when the catalog escapes."""
    escape = getattr(cat, "escape", None)
    return escape(str(text)) if escape else str(text)


def _signed(value: float, spec: str, cat: Catalog) -> str:
    text = cat.format_value(abs(value), spec)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _kpi_value(kpi: str, value: float | None, cat: Catalog) -> str:
    return "–" if value is None else cat.format_value(value, KPI_FORMAT.get(kpi, "num"))


def _kpi_name(kpi: str, channel: str | None, cat: Catalog) -> str:
    name = cat.t(f"review.kpi.{kpi}") if cat.has(f"review.kpi.{kpi}") else kpi
    return f"{name} ({_own(channel, cat)})" if channel else name


def _change_text(row: dict[str, Any], cat: Catalog) -> str:
    state, kpi = row["state"], row["kpi"]
    spec = KPI_FORMAT.get(kpi, "num")
    if state in ("no_data",):
        return cat.t("review.change.no_data")
    if state == "same":
        return cat.t("review.change.same")
    if state in ("counted", "too_few"):
        return cat.t(
            f"review.change.{state}", diff=_signed(row["diff"], spec.replace("pct", "num"), cat)
        )
    if row["basis"] == "rate":
        if row["diff"] is None:
            return cat.t("review.change.ratio_open", now=_kpi_value(kpi, row["now"], cat))
        high = "∞" if row["high"] is None else cat.format_value(row["high"], "num2")
        return cat.t("review.change.ratio", ratio=row["diff"], low=row["low"], high=high)
    num = "num1"
    key = (
        "review.change.diff_points"
        if row["basis"] == "share" or spec.startswith("pct")
        else ("review.change.diff")
    )
    return cat.t(
        key,
        diff=_signed(row["diff"], num, cat),
        low=_signed(row["low"], num, cat),
        high=_signed(row["high"], num, cat),
    )


def _verdict_word(prefix: str, code: str | None, cat: Catalog) -> str:
    if code is None:
        return "–"
    for key in (f"{prefix}.{code}", f"review.resources_verdict.{code}"):
        if cat.has(key):
            return cat.t(key)
    return _own(code, cat)


def _cause_text(causes: list[dict[str, Any]], cat: Catalog) -> str:
    if not causes:
        return cat.t("review.cause.none")
    items = []
    for c in causes:
        file = _own(c["file"], cat)
        if c["kind"] in ("added", "removed"):
            items.append(cat.t(f"review.cause.{c['kind']}", key=_own(c["key"], cat), file=file))
        elif c["kind"] == "edited":
            columns = "; ".join(
                cat.t(
                    "review.cause.column",
                    column=_own(col["column"], cat),
                    then=_own(col["then"] or "–", cat),
                    now=_own(col["now"] or "–", cat),
                )
                for col in c["columns"][:4]
            )
            items.append(
                cat.t("review.cause.edited", key=_own(c["key"], cat), file=file, columns=columns)
            )
        elif c.get("removed_keys") or c.get("added_keys"):
            items.append(
                cat.t(
                    "review.cause.table_keys",
                    file=file,
                    removed=", ".join(_own(k, cat) for k in c["removed_keys"]) or "–",
                    added=", ".join(_own(k, cat) for k in c["added_keys"]) or "–",
                )
            )
        else:
            items.append(
                cat.t(
                    "review.cause.table",
                    file=file,
                    added=c["added"],
                    removed=c["removed"],
                    edited=c["edited"],
                )
            )
    return cat.t("review.cause.intro", items="; ".join(items))


def flip_text(flip: dict[str, Any], cat: Catalog) -> tuple[str, str, str, str]:
    """(what, then, now, cause) of a changed verdict, in words."""
    key = (
        f"review.what.{flip['section']}_{flip['table']}"
        if flip["table"]
        else (f"review.what.{flip['section']}")
    )
    what = cat.t(key) if cat.has(key) else cat.t("review.what.other")
    then = _verdict_word(flip["prefix"], flip["then"], cat)
    now = _verdict_word(flip["prefix"], flip["now"], cat)
    return what, then, now, _cause_text(flip["cause"], cat)


def _columns(edit: dict[str, Any], cat: Catalog) -> str:
    return ", ".join(_own(col["column"], cat) for col in edit["columns"])


def _table(title: str, columns: list[str], rows: list[list[str]], numeric=(), caption="") -> dict:
    return {
        "title": title,
        "caption": caption,
        "columns": columns,
        "numeric": [i in numeric for i in range(len(columns))],
        "dates": [False] * len(columns),
        "rows": rows,
    }


def _trend_svg(points: list[tuple[dt.date, float]], target: float) -> str:
    """A small line chart as SVG text: the values over the reports, the target dashed."""
    width, height, pad = 320, 120, 24
    values = [v for _, v in points] + [target]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1
    days = [(d - points[0][0]).days for d, _ in points]
    span = max(days[-1], 1)

    def xy(day: int, value: float) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * day / span
        y = height - pad - (height - 2 * pad) * (value - low) / (high - low)
        return round(x, 1), round(y, 1)

    coords = [xy(d, v) for d, (_, v) in zip(days, points, strict=True)]
    line = " ".join(f"{x},{y}" for x, y in coords)
    ty = xy(0, target)[1]
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="3" fill="#1f5f8b"/>'
        for x, y in (xy(d, v) for d, (_, v) in zip(days, points, strict=False))
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        f'<line x1="{pad}" y1="{ty}" x2="{width - pad}" y2="{ty}" stroke="#999" '
        f'stroke-dasharray="4 3"/>'
        f'<polyline points="{line}" fill="none" stroke="#1f5f8b" stroke-width="2"/>{dots}</svg>'
    )


def _figures(review: Review, cat: Catalog) -> list[dict[str, Any]]:
    out = []
    targets = {g["id"]: g for g in review.goals}
    for trend in review.trends:
        points = trend["points"]
        goal = targets.get(trend["goal"])
        if len(points) < 2 or goal is None:
            continue
        svg = _trend_svg(points, goal["target"])
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
        kpi = _kpi_name(trend["kpi"], goal["channel"], cat)
        gid = _own(trend["goal"], cat)
        out.append(
            {
                "title": cat.t("review.trend.title", goal=gid, kpi=kpi),
                "caption": cat.t("review.trend.caption", n=len(points)),
                "alt": cat.t(
                    "review.trend.alt",
                    goal=gid,
                    kpi=kpi,
                    n=len(points),
                    first=_kpi_value(trend["kpi"], points[0][1], cat),
                    last=_kpi_value(trend["kpi"], points[-1][1], cat),
                    target=_kpi_value(trend["kpi"], goal["target"], cat),
                ),
                "src": uri,
                "src_narrow": "",
                "file": uri,
            }
        )
    return out


def chapter(review: Review, cat: Catalog, number: int) -> dict[str, Any]:
    """The review as a chapter of the report (the templates' chapter shape)."""
    first = review.then is None
    summary, findings, tables = [], [], []
    counts = {
        s: sum(1 for g in review.goals if g["state"] == s) for s in ("met", "on_track", "behind")
    }
    if review.goals:
        summary.append(
            {
                "level": "warning" if counts["behind"] else "positive" if counts["met"] else "info",
                "text": cat.t(
                    "review.summary.goals",
                    **counts,
                    unknown=len(review.goals) - sum(counts.values()),
                ),
            }
        )
        behind = [_own(g["id"], cat) for g in review.goals if g["state"] == "behind"]
        if behind:
            findings.append(
                {"level": "warning", "text": cat.t("review.summary.behind", goals=behind)}
            )
    if first:
        findings.append({"level": "info", "text": cat.t("review.summary.first")})
    else:
        moved = [k for k in review.kpis if k["state"] in ("up", "down")]
        compared = [k for k in review.kpis if k["state"] != "no_data"]
        due_open = [a for a in review.actions if a["state"] != "done"]
        summary.insert(
            0,
            {
                "level": "warning" if review.flips else "info",
                "text": cat.t(
                    "review.summary.since",
                    then=review.then,
                    flips=len(review.flips),
                    moved=len(moved),
                    kpis=len(compared),
                    new=len(review.risks_new),
                    resolved=len(review.risks_resolved),
                    open=len(due_open),
                    due=len(review.actions),
                ),
            },
        )
        for flip in review.flips:
            what, then, now, cause = flip_text(flip, cat)
            key = (
                "review.flip.verdict"
                if not flip["row"]
                else ("review.flip.row" if flip["now"] is not None else "review.flip.gone")
            )
            findings.append(
                {
                    "level": "warning",
                    "text": cat.t(
                        key, what=what, row=_own(flip["row"], cat), then=then, now=now, cause=cause
                    ),
                }
            )
        for risk in review.risks_new:
            findings.append(
                {
                    "level": "warning",
                    "text": cat.t(
                        "review.risk.new",
                        scenario=_own(risk["scenario"], cat),
                        likelihood=risk.get("likelihood"),
                        impact=risk.get("impact"),
                        tier=_verdict_word("risks.tier", risk.get("tier"), cat),
                    ),
                }
            )
        for risk in review.risks_resolved:
            findings.append(
                {
                    "level": "positive",
                    "text": cat.t(
                        "review.risk.resolved",
                        scenario=_own(risk["scenario"], cat),
                        tier=_verdict_word("risks.tier", risk.get("tier"), cat),
                    ),
                }
            )
    if review.goals:
        rows = []
        for g in review.goals:
            if g["source"] == "measured":
                source = cat.t("review.source.measured", kpi=_kpi_name(g["kpi"], g["channel"], cat))
                value = _kpi_value(g["kpi"], g["value"], cat)
            elif g["value"] is not None:
                source = cat.t("review.source.hand", date=cat.date(g["value_date"]))
                value = cat.format_value(g["value"], "num")
            else:
                source, value = cat.t("review.source.hand_missing"), "–"
            unit = f" {_own(g['unit'], cat)}" if g.get("unit") and g["source"] != "measured" else ""
            rows.append(
                [
                    _own(g["id"], cat),
                    _own(g["metric"], cat),
                    source,
                    value + (unit if value != "–" else ""),
                    cat.format_value(g["target"], "num")
                    + (f" {_own(g['unit'], cat)}" if g.get("unit") else ""),
                    cat.date(g["due"]),
                    cat.t(f"review.goal_state.{g['state']}"),
                ]
            )
        tables.append(
            _table(
                cat.t("review.table.goals"),
                [
                    cat.t(f"review.col.{c}")
                    for c in ("goal", "metric", "source", "value", "target", "due", "state")
                ],
                rows,
                numeric=(3, 4),
                caption=cat.t("review.table.goals_caption", days=WINDOW_DAYS),
            )
        )
    if review.kpis:
        columns = (
            ("kpi", "now", "plan") if first else ("kpi", "then", "now", "plan", "change", "verdict")
        )
        rows = []
        for k in review.kpis:
            cells = {
                "kpi": _kpi_name(k["kpi"], k["channel"], cat),
                "then": _kpi_value(k["kpi"], k["then"], cat),
                "now": _kpi_value(k["kpi"], k["now"], cat),
                "plan": _kpi_value(k["kpi"], k.get("plan"), cat),
                "change": _change_text(k, cat),
                "verdict": cat.t(f"review.state.{k['state']}"),
            }
            rows.append([cells[c] for c in columns])
        tables.append(
            _table(
                cat.t("review.table.kpis_now" if first else "review.table.kpis"),
                [cat.t(f"review.col.{c}") for c in columns],
                rows,
                numeric=(1, 2) if first else (1, 2, 3),
                caption=cat.t("review.table.kpis_caption_now", days=WINDOW_DAYS)
                if first
                else cat.t("review.table.kpis_caption", days=WINDOW_DAYS),
            )
        )
    if not first:
        if review.flips:
            rows = []
            for flip in review.flips:
                what, then, now, cause = flip_text(flip, cat)
                label = (
                    f"{what} „{_own(flip['row'], cat)}“"
                    if cat.lang == "de"
                    else f"{what} “{_own(flip['row'], cat)}”"
                )
                rows.append([label if flip["row"] else what, then, now, cause])
            tables.append(
                _table(
                    cat.t("review.table.flips"),
                    [cat.t(f"review.col.{c}") for c in ("what", "then", "now", "cause")],
                    rows,
                )
            )
        if review.risks_new or review.risks_resolved:
            tables.append(
                _table(
                    cat.t("review.table.risks"),
                    [cat.t(f"review.col.{c}") for c in ("scenario", "tier", "risk_state")],
                    [
                        [
                            _own(r["scenario"], cat),
                            _verdict_word("risks.tier", r.get("tier"), cat),
                            cat.t(f"review.risk_state.{state}"),
                        ]
                        for state, risks in (
                            ("new", review.risks_new),
                            ("resolved", review.risks_resolved),
                        )
                        for r in risks
                    ],
                )
            )
        if review.actions:
            tables.append(
                _table(
                    cat.t("review.table.actions"),
                    [cat.t(f"review.col.{c}") for c in ("action", "chapter", "due", "state")],
                    [
                        [
                            cat.text(a["action"]),
                            cat.t(f"{a['section']}.title")
                            if cat.has(f"{a['section']}.title")
                            else a["section"],
                            cat.date(a["due"]),
                            cat.t(f"review.action_state.{a['state']}"),
                        ]
                        for a in review.actions
                    ],
                )
            )
        if review.inputs:
            rows = []
            for c in review.inputs:
                edited = "; ".join(
                    f"{_own(e['key'], cat)} ({_columns(e, cat)})"
                    if e["columns"]
                    else _own(e["key"], cat)
                    for e in c["edited"][:8]
                )
                rows.append(
                    [
                        _own(c["file"], cat),
                        cat.t(f"review.input_state.{c['state']}"),
                        f"{cat.format_value(c['rows_then'], 'num')} → "
                        f"{cat.format_value(c['rows_now'], 'num')}",
                        ", ".join(_own(k, cat) for k in c["added"][:8])
                        + (" …" if len(c["added"]) > 8 else ""),
                        ", ".join(_own(k, cat) for k in c["removed"][:8])
                        + (" …" if len(c["removed"]) > 8 else ""),
                        edited + (" …" if len(c["edited"]) > 8 else ""),
                    ]
                )
            tables.append(
                _table(
                    cat.t("review.table.inputs"),
                    [
                        cat.t(f"review.col.{c}")
                        for c in ("file", "state", "rows", "added", "removed", "edited")
                    ],
                    rows,
                )
            )
    return {
        "id": "chapter-review",
        "key": "review",
        "number": number,
        "title": cat.t("review.title_first" if first else "review.title"),
        "intro": cat.t("review.intro"),
        "questions": cat.raw("review.questions"),
        "summary": summary,
        "findings": findings,
        "figures": _figures(review, cat),
        "tables": tables,
        "decisions": [],
        "actions": [],
        "open_questions": [],
        "defaults": [],
        "source_refs": [],
    }


def review_chapter(results_dir: Path, cat: Catalog, number: int) -> dict[str, Any] | None:
    """The review chapter of the report built from ``results_dir``, or None: a render made
    before snapshots were recorded, or a firm without goals and without an earlier render."""
    from ..errors import InputError, Problem
    from ..results import read_meta
    from ..snapshot import read_snapshot

    results_dir = Path(results_dir)
    if read_snapshot(results_dir) is None:
        return None
    history = []  # earlier renders that can be read (a damaged one is passed over)
    for render in earlier_renders(results_dir):
        try:
            if read_snapshot(render / "results") is not None:
                history.append(render / "results")
        except (InputError, ValueError, OSError):
            continue
    if read_meta(results_dir).since:  # given with --since: it must be readable
        earlier = earlier_results(results_dir)
        if earlier is None or read_snapshot(earlier) is None:
            raise InputError(
                [
                    Problem(
                        "--since",
                        "is not a complete render with recorded inputs",
                        value=read_meta(results_dir).since,
                        expected="a render folder under reports/<client>/ made by this version",
                    )
                ]
            )
    else:
        earlier = history[-1] if history else None
    review = compare(earlier, results_dir, history)
    if earlier is None and not review.goals:
        return None
    return chapter(review, cat, number)


def as_text(review: Review, cat: Catalog, firm: str) -> str:
    """The review as plain text (``social-strategy diff``)."""
    ch = chapter(review, cat, 0)
    lines = [
        cat.t("review.diff.header", firm=firm, then=review.then or review.now, now=review.now),
        "",
    ]
    for item in ch["summary"] + ch["findings"]:
        lines.append(f"- {item['text']}")
    for table in ch["tables"]:
        lines += ["", table["title"], "=" * len(table["title"])]
        widths = [
            min(
                60,
                max(len(str(c)), *(len(str(r[i])) for r in table["rows"]))
                if table["rows"]
                else len(str(c)),
            )
            for i, c in enumerate(table["columns"])
        ]
        for row in [table["columns"], *table["rows"]]:
            cells = zip(row, widths, strict=True)
            lines.append("  ".join(str(v).ljust(w) for v, w in cells).rstrip())
    return "\n".join(lines) + "\n"


__all__ = ["as_text", "chapter", "flip_text", "review_chapter"]
