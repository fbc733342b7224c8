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


def _m(code: str, **values: Any) -> dict[str, Any]:
    """A message: as a value of another message the catalog neither escapes it again nor
    leaves the client text in it unescaped."""
    return {"code": code, "values": values}


def _kpi_msg(kpi: str, channel: str | None) -> dict[str, Any]:
    name = _m(f"review.kpi.{kpi}")
    return _m("review.kpi_on", kpi=name, channel=channel) if channel else name


def _value_msg(kpi: str, value: float | None) -> dict[str, Any]:
    """A KPI's value as a message (numbers are formatted, never escaped)."""
    return _m(f"review.value.{KPI_FORMAT.get(kpi, 'num')}", v=value)


def _kpi_name(kpi: str, channel: str | None, cat: Catalog) -> str:
    return cat.text(_kpi_msg(kpi, channel))


def _change_text(row: dict[str, Any], cat: Catalog) -> str:
    state, kpi = row["state"], row["kpi"]
    spec = KPI_FORMAT.get(kpi, "num")
    if state in ("no_data",):
        return cat.t("review.change.no_data")
    if state == "same":
        return cat.t("review.change.same")
    if state in ("counted", "too_few"):
        number = "num1" if spec.startswith("pct") else spec
        if row.get("per_week") is not None:
            week = _signed(row["per_week"], "num1", cat)
            return cat.t(
                "review.change.counted_week", diff=_signed(row["diff"], number, cat), week=week
            )
        return cat.t(f"review.change.{state}", diff=_signed(row["diff"], number, cat))
    if row["basis"] in ("rate", "mean"):
        if row["diff"] is None:
            return cat.t("review.change.ratio_open", now=_kpi_value(kpi, row["now"], cat))
        high = "∞" if row["high"] is None else cat.format_value(row["high"], "num2")
        key = "review.change.typical" if row["basis"] == "mean" else "review.change.ratio"
        return cat.t(key, ratio=row["diff"], low=row["low"], high=high)
    percent = row["basis"] == "share" or spec.startswith("pct")
    number = "num1" if percent else spec
    return cat.t(
        "review.change.diff_points" if percent else "review.change.diff",
        diff=_signed(row["diff"], number, cat),
        low=_signed(row["low"], number, cat),
        high=_signed(row["high"], number, cat),
    )


def _verdict_msg(prefix: str, code: str | None, cat: Catalog) -> dict[str, Any] | str:
    """A verdict's word (a catalog message), or the code itself as client text."""
    if code is None:
        return _m("review.none")
    for key in (f"{prefix}.{code}", f"review.resources_verdict.{code}"):
        if cat.has(key):
            return _m(key)
    return code


def _word(message: dict[str, Any] | str, cat: Catalog) -> str:
    """A message or a client's code as a table cell."""
    return cat.text(message) if isinstance(message, dict) else _own(message, cat)


#: a table's rows listed by key in a cause when at most this many changed, else counted
LISTED_KEYS = 5


def _cause_msg(causes: list[dict[str, Any]], date_moved: tuple | None) -> dict[str, Any]:
    """The input changes under a flipped verdict as one message."""
    items: list[dict[str, Any]] = []
    for c in causes:
        if c["kind"] in ("added", "removed"):
            items.append(_m(f"review.cause.{c['kind']}", key=c["key"], file=c["file"]))
        elif c["kind"] == "edited":
            columns = [
                _m("review.cause.column", column=col["column"], then=col["then"] or "–",
                   now=col["now"] or "–")
                for col in c["columns"][:4]
            ]  # fmt: skip
            items.append(_m("review.cause.edited", key=c["key"], file=c["file"], columns=columns))
        elif 0 < len(c["removed_keys"]) + len(c["added_keys"]) <= LISTED_KEYS and not c["edited"]:
            items.append(
                _m(
                    "review.cause.table_keys",
                    file=c["file"],
                    removed=c["removed_keys"] or "–",
                    added=c["added_keys"] or "–",
                )
            )
        else:
            items.append(
                _m(
                    "review.cause.table",
                    file=c["file"],
                    added=c["added"],
                    removed=c["removed"],
                    edited=c["edited"],
                )
            )
    if date_moved is not None:
        items.append(_m("review.cause.date", then=date_moved[0], now=date_moved[1]))
    if not items:
        return _m("review.cause.none")
    return _m("review.cause.intro", items=items)


def flip_msgs(flip: dict[str, Any], review: Review, cat: Catalog) -> dict[str, Any]:
    """The parts of a changed verdict as messages: what, then, now, cause."""
    key = (
        f"review.what.{flip['section']}_{flip['table']}"
        if flip["table"]
        else f"review.what.{flip['section']}"
    )
    moved = (review.then, review.now) if review.then and review.then != review.now else None
    return {
        "what": _m(key) if cat.has(key) else _m("review.what.other"),
        "then": _verdict_msg(flip["prefix"], flip["then"], cat),
        "now": _verdict_msg(flip["prefix"], flip["now"], cat),
        "cause": _cause_msg(flip["cause"], moved),
    }


def _columns(edit: dict[str, Any], cat: Catalog) -> str:
    return ", ".join(_own(col["column"], cat) for col in edit["columns"])


def _table(
    title: str,
    columns: list[str],
    rows: list[list[str]],
    numeric=(),
    caption="",
    main: bool = False,
) -> dict:
    return {
        "main": main,
        "title": title,
        "caption": caption,
        "columns": columns,
        "numeric": [i in numeric for i in range(len(columns))],
        "dates": [False] * len(columns),
        "rows": rows,
    }


def _review_table(
    cat: Catalog, title_key: str, columns: tuple[str, ...], rows: list[list[str]], **kw: Any
) -> dict:
    """A review table titled by ``title_key``, its columns headed ``review.col.<key>``."""
    return _table(cat.t(title_key), [cat.t(f"review.col.{c}") for c in columns], rows, **kw)


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
        kpi = _kpi_msg(trend["kpi"], goal["channel"])
        gid = trend["goal"]
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


def _goal_value(g: dict[str, Any], value: float | None, cat: Catalog) -> str:
    """A goal's value or target with its unit, as the goal is written."""
    if value is None:
        return "–"
    if g["source"] == "measured" and g["kpi"]:
        return _kpi_value(g["kpi"], value, cat)
    unit = (g.get("unit") or "").strip()
    if unit == "%":
        return cat.percent(value, 0 if float(value).is_integer() else 1)
    return cat.format_value(value, "num") + (f" {_own(unit, cat)}" if unit else "")


def _goals_table(review: Review, cat: Catalog) -> dict[str, Any]:
    rows = []
    for g in review.goals:
        if g["source"] == "measured":
            source = cat.t("review.source.measured", kpi=_kpi_msg(g["kpi"], g["channel"]))
        elif g["value"] is not None:
            source = cat.t("review.source.hand", date=g["value_date"])
        else:
            source = cat.t("review.source.hand_missing")
        target = dict(g, source="hand")  # the target is written as the goal writes it
        rows.append(
            [
                _own(g["id"], cat),
                _own(g["metric"], cat),
                source,
                _goal_value(g, g["value"], cat),
                _goal_value(target, g["target"], cat),
                cat.date(g["due"]),
                cat.t(f"review.goal_state.{g['state']}"),
            ]
        )
    columns = ("goal", "metric", "source", "value", "target", "due", "state")
    return _review_table(
        cat,
        "review.table.goals",
        columns,
        rows,
        numeric=(3, 4),
        caption=cat.t("review.table.goals_caption", days=WINDOW_DAYS),
        main=True,
    )


def _kpis_table(review: Review, cat: Catalog, first: bool) -> dict[str, Any]:
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
    return _review_table(
        cat,
        "review.table.kpis_now" if first else "review.table.kpis",
        columns,
        rows,
        numeric=(1, 2) if first else (1, 2, 3),
        caption=cat.t(
            "review.table.kpis_caption_now" if first else "review.table.kpis_caption",
            days=WINDOW_DAYS,
        ),
    )


def _inputs_table(review: Review, cat: Catalog) -> dict[str, Any]:
    def keys(items: list[str]) -> str:
        shown = ", ".join(_own(k, cat) for k in items[:8])
        return shown + (f" … (+{len(items) - 8})" if len(items) > 8 else "")

    rows = []
    for c in review.inputs:
        edited = "; ".join(
            f"{_own(e['key'], cat)} ({_columns(e, cat)})" if e["columns"] else _own(e["key"], cat)
            for e in c["edited"][:8]
        )
        rows.append(
            [
                _own(c["file"], cat),
                cat.t(f"review.input_state.{c['state']}"),
                cat.t("review.rows", then=c["rows_then"], now=c["rows_now"]),
                keys(c["added"]),
                keys(c["removed"]),
                edited + (f" … (+{len(c['edited']) - 8})" if len(c["edited"]) > 8 else ""),
            ]
        )
    columns = ("file", "state", "rows", "added", "removed", "edited")
    return _review_table(cat, "review.table.inputs", columns, rows)


def _goal_lines(review: Review, cat: Catalog) -> tuple[list[dict], list[dict]]:
    """The goals' verdict (summary, or a finding while no goal is judged) and the goals
    behind."""
    summary: list[dict] = []
    findings: list[dict] = []
    if not review.goals:
        return summary, findings
    counts = {
        s: sum(1 for g in review.goals if g["state"] == s) for s in ("met", "on_track", "behind")
    }
    level = "warning" if counts["behind"] else "positive" if counts["met"] else "info"
    unknown = len(review.goals) - sum(counts.values())
    line = {"level": level, "text": cat.t("review.summary.goals", **counts, unknown=unknown)}
    # a verdict for the executive summary only when a goal is judged at all: "0 met,
    # 0 on track, 0 behind" answers nothing, and stays in the chapter
    (summary if sum(counts.values()) else findings).append(line)
    behind = [g["id"] for g in review.goals if g["state"] == "behind"]
    if behind:
        findings.append({"level": "warning", "text": cat.t("review.summary.behind", goals=behind)})
    return summary, findings


def _since_line(review: Review, cat: Catalog) -> dict:
    """What changed since the earlier render, in one line."""
    moved = [k for k in review.kpis if k["state"] in ("up", "down")]
    compared = [k for k in review.kpis if k["state"] != "no_data"]
    due_open = [a for a in review.actions if a["state"] != "done"]
    text = cat.t(
        "review.summary.since",
        then=review.then,
        flips=len(review.flips),
        moved=len(moved),
        kpis=len(compared),
        new=len(review.risks_new),
        resolved=len(review.risks_resolved),
        open=len(due_open),
        due=len(review.actions),
    )
    return {"level": "warning" if review.flips else "info", "text": text}


def _change_findings(review: Review, cat: Catalog) -> list[dict]:
    """The KPIs that moved, the verdicts that flipped, the risks new and resolved."""
    findings = []
    for k in review.kpis:
        if k["state"] not in ("up", "down"):
            continue
        text = cat.t(
            "review.moved",
            kpi=_kpi_msg(k["kpi"], k["channel"]),
            then=_value_msg(k["kpi"], k["then"]),
            now=_value_msg(k["kpi"], k["now"]),
            change=_m("review.state." + k["state"]),
        )
        findings.append({"level": "info", "text": text})
    for flip in review.flips:
        parts = flip_msgs(flip, review, cat)
        key = (
            "review.flip.verdict"
            if not flip["row"]
            else ("review.flip.row" if flip["now"] is not None else "review.flip.gone")
        )
        findings.append({"level": "warning", "text": cat.t(key, row=flip["row"], **parts)})
    for risk in review.risks_new:
        text = cat.t(
            "review.risk.new",
            scenario=risk["scenario"],
            likelihood=risk.get("likelihood"),
            impact=risk.get("impact"),
            tier=_verdict_msg("risks.tier", risk.get("tier"), cat),
        )
        findings.append({"level": "warning", "text": text})
    for risk in review.risks_resolved:
        text = cat.t(
            "review.risk.resolved",
            scenario=risk["scenario"],
            tier=_verdict_msg("risks.tier", risk.get("tier"), cat),
        )
        findings.append({"level": "positive", "text": text})
    return findings


def _flips_table(review: Review, cat: Catalog) -> dict[str, Any]:
    rows = []
    for flip in review.flips:
        parts = flip_msgs(flip, review, cat)
        what = (
            cat.t("review.flip.what_row", what=parts["what"], row=flip["row"])
            if flip["row"]
            else cat.text(parts["what"])
        )
        rows.append(
            [what, _word(parts["then"], cat), _word(parts["now"], cat), cat.text(parts["cause"])]
        )
    return _review_table(cat, "review.table.flips", ("what", "then", "now", "cause"), rows)


def _risks_table(review: Review, cat: Catalog) -> dict[str, Any]:
    rows = [
        [
            _own(r["scenario"], cat),
            _word(_verdict_msg("risks.tier", r.get("tier"), cat), cat),
            cat.t(f"review.risk_state.{state}"),
        ]
        for state, risks in (("new", review.risks_new), ("resolved", review.risks_resolved))
        for r in risks
    ]
    return _review_table(cat, "review.table.risks", ("scenario", "tier", "risk_state"), rows)


def _actions_table(review: Review, cat: Catalog) -> dict[str, Any]:
    rows = [
        [
            cat.text(a["action"]),
            cat.t(f"{a['section']}.title")
            if cat.has(f"{a['section']}.title")
            else _own(a["section"], cat),
            cat.date(a["due"]),
            cat.t(f"review.action_state.{a['state']}"),
        ]
        for a in review.actions
    ]
    return _review_table(cat, "review.table.actions", ("action", "chapter", "due", "state"), rows)


def _tables(review: Review, cat: Catalog, first: bool) -> list[dict[str, Any]]:
    """The goals and KPIs, and after an earlier render what flipped, the risks new and
    resolved, the actions due and the inputs changed."""
    tables = []
    if review.goals:
        tables.append(_goals_table(review, cat))
    if review.kpis:
        tables.append(_kpis_table(review, cat, first))
    if first:
        return tables
    if review.flips:
        tables.append(_flips_table(review, cat))
    if review.risks_new or review.risks_resolved:
        tables.append(_risks_table(review, cat))
    if review.actions:
        tables.append(_actions_table(review, cat))
    if review.inputs:
        tables.append(_inputs_table(review, cat))
    return tables


def chapter(review: Review, cat: Catalog, number: int) -> dict[str, Any]:
    """The review as a chapter of the report (the templates' chapter shape)."""
    first = review.then is None
    summary, findings = _goal_lines(review, cat)
    if first:
        findings.append({"level": "info", "text": cat.t("review.summary.first")})
    else:
        summary.insert(0, _since_line(review, cat))
        findings += _change_findings(review, cat)
    return {
        "id": "chapter-review",
        "key": "review",
        "number": number,
        "title": cat.t("review.title_first" if first else "review.title"),
        "intro": cat.t("review.intro_first" if first else "review.intro"),
        # the first report cannot answer what changed: it asks only about the goals
        "questions": cat.raw("review.questions_first" if first else "review.questions"),
        "summary": summary,
        "findings": findings,
        "figures": _figures(review, cat),
        "tables": _tables(review, cat, first),
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


__all__ = [
    "LISTED_KEYS",
    "as_text",
    "chapter",
    "flip_msgs",
    "review_chapter",
]
