"""The one-page answer that opens the report: what the firm should do, in plain words.

Built from the section results alone (numbers and codes), never from the chapters'
sentences, so no statistical wording ("interval", "probability", "permutation test") and
no result the method did not confirm reaches it: the posting time, say, appears only when
the audience step called it better than the account's usual level (``best_time``), never
when it said no time stands out.

Parts: the verdict (go / partly / no) in one sentence; three to five decisions ranked by
their effect on the goals, each with why and what it costs; the channels chosen and
dropped, a reason each; hours and budget; the top risk with its prepared response; the
goals as a strip (goal, target, date). A part whose results are missing is left out.

How decisions are ranked (:data:`WEIGHT`): first what blocks every goal (a critical gap in
the team), then the channels (weighted by the goals they serve), then what protects the
goals (the prepared risks), then the communities, the multipliers and a confirmed posting
time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import Catalog
from ..results import SectionResult, Table

#: base weight of each kind of decision (higher: more effect on the goals)
WEIGHT = {
    "team": 3.0,
    "channels": 2.0,
    "risks": 1.5,
    "communities": 1.2,
    "influencers": 1.0,
    "timing": 0.5,
}
#: at most this many decisions on the page
MAX_DECISIONS = 5
#: the order in which a channel's plain reason is chosen, by its verdict
CHOSEN_REASONS = ("reach", "targets", "goals", "evidence")
DROPPED_REASONS = (
    "no_goals",
    "reach_low",
    "reach_interval_survey",
    "reach_unknown",
    "fit_low",
    "effort_high",
)
CHOSEN = ("recommended",)


def _section(sections: list[SectionResult], key: str) -> SectionResult | None:
    return next((s for s in sections if s.section == key), None)


def _table(section: SectionResult | None, table_id: str) -> Table | None:
    if section is None:
        return None
    return next((t for t in section.tables if t.id == table_id), None)


def _summary(section: SectionResult | None, code: str) -> dict[str, Any] | None:
    if section is None:
        return None
    for f in section.summary:
        if f.code == code:
            return f.values
    return None


def _codes(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict) and "code" in value:
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict) and "code" in v]
    return []


def _hours(value: Any) -> float:
    """The upper figure of an hours cell (``resources.cell.hours`` or ``.range``)."""
    for m in _codes(value):
        v = m.get("values", {})
        for key in ("hours", "high"):
            if isinstance(v.get(key), (int, float)):
                return float(v[key])
    return float(value) if isinstance(value, (int, float)) else 0.0


def _whole(value: float) -> int:
    """Hours and euros as people read them: whole, and never 0 for something above 0."""
    return max(1, int(value + 0.5)) if value > 0 else 0


def build_summary(
    sections: list[SectionResult],
    cat: Catalog,
    firm: str | None,
    own: Callable[[str], str],
) -> dict[str, Any]:
    """Everything the one-page answer shows, translated (see the module's docstring)."""
    audience = _section(sections, "audience")
    channels = _channels(audience, cat, own)
    chosen_names = [c["raw"] for c in channels["chosen"]]
    decisions = _decisions(sections, cat, own, chosen_names)
    verdict = _verdict(sections, cat, firm or "", own, chosen_names, decisions)
    return {
        "verdict": verdict,
        "decisions": decisions,
        "channels": channels,
        "resources": _resources(sections, cat),
        "risk": _risk(sections, cat, own),
        "kpis": _kpis(sections, cat, own),
    }


def _verdict(
    sections: list[SectionResult],
    cat: Catalog,
    firm: str,
    own: Callable[[str], str],
    chosen: list[str],
    decisions: list[dict[str, Any]],
) -> dict[str, str]:
    audience = _section(sections, "audience")
    hardly = _summary(audience, "audience.summary.go_hardly") is not None
    partly_reached = _summary(audience, "audience.summary.go_partly") is not None
    critical = [d for d in decisions if d.get("critical")]
    if hardly or not chosen:
        level = "no"
    elif critical or partly_reached:
        level = "partly"
    else:
        level = "go"
    values = {
        "firm": firm or cat.t("report.onepage.the_firm"),
        "channels": list(chosen),
        "n": max(1, len(critical)),
    }
    key = f"report.onepage.verdict.{level}"
    if level == "no" and not hardly:
        key = "report.onepage.verdict.no_channel"
    return {
        "level": level,
        "label": cat.t(f"report.onepage.level.{level}"),
        "text": cat.t(key, **values),
    }


def _channels(
    audience: SectionResult | None, cat: Catalog, own: Callable[[str], str]
) -> dict[str, list[dict[str, str]]]:
    table = _table(audience, "channels")
    chosen: list[dict[str, str]] = []
    dropped: list[dict[str, str]] = []
    if table is None:
        return {"chosen": chosen, "dropped": dropped}
    for row in table.rows:
        name = str(row.get("platform") or "")
        verdict = str(row.get("verdict") or "")
        if not name:
            continue
        reasons = {
            m["code"].rsplit(".", 1)[-1]: m.get("values", {}) for m in _codes(row.get("reasons"))
        }
        keep = verdict in CHOSEN
        order = CHOSEN_REASONS if keep else DROPPED_REASONS
        reason = ""
        for code in order:
            if code in reasons and cat.has(f"report.onepage.channel_reason.{code}"):
                values = dict(reasons[code])
                for key in ("reach",):
                    if isinstance(values.get(key), (int, float)):
                        values[key] = round(values[key])
                if "segments" in values:
                    values["segments"] = [str(s) for s in values["segments"]]
                reason = cat.t(f"report.onepage.channel_reason.{code}", **values)
                break
        verdict_label = (
            cat.t(f"audience.verdict.{verdict}") if cat.has(f"audience.verdict.{verdict}") else ""
        )
        entry = {"raw": name, "name": own(name), "verdict": verdict_label, "reason": reason}
        (chosen if keep else dropped).append(entry)
    return {"chosen": chosen, "dropped": dropped}


def _channel_hours(resources: SectionResult | None, names: list[str]) -> float:
    table = _table(resources, "hours")
    if table is None:
        return 0.0
    return sum(_hours(row.get("hours")) for row in table.rows if row.get("channel") in names)


def _community_hours(resources: SectionResult | None) -> float:
    table = _table(resources, "hours")
    if table is None:
        return 0.0
    return sum(_hours(r.get("hours")) for r in table.rows if r.get("activity") == "community")


def _owner_of(section: SectionResult | None, suffix: str, cat: Catalog) -> str | None:
    if section is None:
        return None
    for a in section.actions:
        if a.code.endswith(suffix) and a.owner:
            return cat.t(a.owner) if cat.has(a.owner) else a.owner
    return None


#: a ranked decision: its weight (:data:`WEIGHT` plus a bonus) and its page entry
_Decision = tuple[float, dict[str, Any]]


def _decision(
    kind: str, bonus: float, text: str, why: str, cost: str, *, critical: bool = False
) -> _Decision:
    return WEIGHT[kind] + bonus, {"text": text, "why": why, "cost": cost, "critical": critical}


def _decided(section: SectionResult | None, code: str) -> Any | None:
    """The section's decision ``code``, or None."""
    return next((d for d in (section.decisions if section else []) if d.code == code), None)


def _time_of(section: SectionResult | None, suffix: str, cat: Catalog) -> str:
    """The cost "time of" the owner of the section's action ``suffix`` (or unassigned)."""
    owner = _owner_of(section, suffix, cat) or cat.t("owner.unassigned")
    return cat.t("report.onepage.cost.time_of", owner=owner)


def _team_decision(resources: SectionResult | None, cat: Catalog) -> _Decision | None:
    """The team: a critical gap blocks every goal; the priced scenario closing it, if any."""
    if resources is None:
        return None
    gap = _summary(resources, "resources.summary.not_enough")
    if gap is None:
        return None
    scenario = _team_scenario(resources)
    if scenario is None:
        return _decision(
            "team",
            0.0,
            cat.t("report.onepage.decision.close_gap"),
            cat.t("report.onepage.why.team_gap"),
            _time_of(resources, "close_gap", cat),
            critical=True,
        )
    v = scenario["values"]
    key = scenario["code"].rsplit(".", 1)[-1]
    missing = [cat.text(m) for m in _codes(gap.get("missing"))]
    return _decision(
        "team",
        0.0,
        cat.t(
            f"report.onepage.decision.{key}",
            **{k: x for k, x in v.items() if isinstance(x, str)},
        ),
        cat.t(
            "report.onepage.why.team",
            missing=missing or [cat.t("report.onepage.why.team_gap")],
        ),
        cat.t(
            "report.onepage.cost.training",
            hours=_whole(float(v.get("hours") or 0)),
            euros=_whole(float(v.get("once_cost") or 0)),
        ),
        critical=True,
    )


def _channels_decision(
    audience: SectionResult | None,
    resources: SectionResult | None,
    chosen: list[str],
    cat: Catalog,
) -> _Decision | None:
    """The channels chosen, weighted by the goals they serve."""
    if not chosen:
        return None
    goals = sorted(_channel_goals(audience, chosen))
    hours = _channel_hours(resources, chosen)
    return _decision(
        "channels",
        0.1 * len(goals),
        cat.t("report.onepage.decision.channels", channels=list(chosen)),
        cat.t("report.onepage.why.channels_goals", ids=goals)
        if goals
        else cat.t("report.onepage.why.channels"),
        cat.t("report.onepage.cost.hours_week", hours=_whole(hours))
        if hours
        else cat.t("report.onepage.cost.see_resources"),
    )


def _risks_decision(risks: SectionResult | None, cat: Catalog) -> _Decision | None:
    """The prepared risks (more weight when a high one is among them)."""
    prepared = _decided(risks, "risks.decision.prepared")
    if prepared is None:
        return None
    top = _summary(risks, "risks.summary.top") or {}
    scenarios = prepared.values.get("scenarios") or []
    return _decision(
        "risks",
        0.3 if top.get("high") else 0.0,
        cat.t("report.onepage.decision.risks", n=len(scenarios)),
        cat.t("report.onepage.why.risks"),
        _time_of(risks, "holding_statements", cat),
    )


def _communities_decision(
    communities: SectionResult | None, resources: SectionResult | None, cat: Catalog
) -> _Decision | None:
    """The communities to engage in, with the hours the plan gives them."""
    engage = _decided(communities, "communities.decision.engage")
    if engage is None or not engage.values.get("names"):
        return None
    names = [str(n) for n in engage.values["names"]]
    hours = _community_hours(resources)
    return _decision(
        "communities",
        0.0,
        cat.t("report.onepage.decision.communities", n=len(names), names=names),
        cat.t("report.onepage.why.communities"),
        cat.t("report.onepage.cost.hours_week", hours=_whole(hours))
        if hours
        else _time_of(communities, "introduce", cat),
    )


def _influencers_decision(influencers: SectionResult | None, cat: Catalog) -> _Decision | None:
    """The multipliers chosen as a set."""
    chosen_set = _decided(influencers, "influencers.decision.set")
    if chosen_set is None or not chosen_set.values.get("people"):
        return None
    people = chosen_set.values["people"]
    better = _summary(influencers, "influencers.summary.set_better") is not None
    return _decision(
        "influencers",
        0.0,
        cat.t("report.onepage.decision.influencers", n=len(people)),
        cat.t(
            "report.onepage.why.influencers_better" if better else "report.onepage.why.influencers"
        ),
        _time_of(influencers, "contact", cat),
    )


def _timing_decision(audience: SectionResult | None, cat: Catalog) -> _Decision | None:
    """A posting time, only when the method confirmed it."""
    best = _summary(audience, "audience.summary.best_time")
    if best is None:
        return None
    return _decision(
        "timing",
        0.0,
        cat.t("report.onepage.decision.timing", day=best.get("day"), hour=best.get("hour")),
        cat.t("report.onepage.why.timing"),
        cat.t("report.onepage.cost.none"),
    )


def _decisions(
    sections: list[SectionResult],
    cat: Catalog,
    own: Callable[[str], str],
    chosen: list[str],
) -> list[dict[str, Any]]:
    """The decisions, ranked by their effect on the goals (:data:`WEIGHT`), at most
    :data:`MAX_DECISIONS`."""
    resources = _section(sections, "resources")
    audience = _section(sections, "audience")
    candidates = [
        _team_decision(resources, cat),
        _channels_decision(audience, resources, chosen, cat),
        _risks_decision(_section(sections, "risks"), cat),
        _communities_decision(_section(sections, "communities"), resources, cat),
        _influencers_decision(_section(sections, "influencers"), cat),
        _timing_decision(audience, cat),
    ]
    found = [c for c in candidates if c is not None]
    found.sort(key=lambda item: -item[0])
    return [d for _, d in found[:MAX_DECISIONS]]


def _team_scenario(resources: SectionResult) -> dict[str, Any] | None:
    """The priced scenario that closes the team's gap (a deputy first, then training)."""
    table = _table(resources, "scenarios")
    if table is None:
        return None
    scenarios = [m for row in table.rows for m in _codes(row.get("scenario"))]
    for suffix in ("deputy_priced", "deputy_new_priced", "train_priced"):
        for m in scenarios:
            if m["code"] == f"resources.scenario.{suffix}":
                return m
    return None


def _channel_goals(audience: SectionResult | None, chosen: list[str]) -> set[str]:
    table = _table(audience, "channels")
    goals: set[str] = set()
    for row in table.rows if table else []:
        if row.get("platform") not in chosen:
            continue
        for m in _codes(row.get("reasons")):
            if m["code"] == "audience.reason.goals":
                goals.update(str(i) for i in m.get("values", {}).get("ids") or [])
    return goals


def _resources(sections: list[SectionResult], cat: Catalog) -> dict[str, str]:
    resources = _section(sections, "resources")
    if resources is None:
        return {}
    out: dict[str, str] = {}
    data = resources.data if isinstance(resources.data, dict) else {}
    need, have = data.get("required_high"), data.get("available")
    if isinstance(need, (int, float)) and isinstance(have, (int, float)):
        out["hours"] = cat.t("report.onepage.hours", need=_whole(need), have=float(have))
    budget = _table(resources, "budget")
    if budget is not None:
        total = next((r for r in budget.rows if r.get("category") == "total"), None)
        internal = next((r for r in budget.rows if r.get("category") == "internal_hours"), None)
        months = [c.key for c in budget.columns if c.key not in ("category", "total")]
        if total is not None and isinstance(total.get("total"), (int, float)):
            cash = float(total["total"]) - float((internal or {}).get("total") or 0)
            out["budget"] = cat.t(
                "report.onepage.budget",
                total=_whole(float(total["total"])),
                cash=_whole(cash),
                months=len(months),
            )
    return out


def _risk(
    sections: list[SectionResult], cat: Catalog, own: Callable[[str], str]
) -> dict[str, str] | None:
    table = _table(_section(sections, "risks"), "top_risks")
    if table is None or not table.rows:
        return None
    row = min(table.rows, key=lambda r: r.get("rank") or 0)
    owner = row.get("owner")
    return {
        "scenario": own(str(row.get("scenario") or "")),
        "response": own(str(row.get("response") or "")),
        "owner": cat.text(owner) if isinstance(owner, dict) else own(str(owner or "")),
    }


def _kpis(
    sections: list[SectionResult], cat: Catalog, own: Callable[[str], str]
) -> list[dict[str, str]]:
    table = _table(_section(sections, "firm"), "goals")
    kpis = []
    for row in table.rows if table else []:
        target = row.get("target")
        unit = str(row.get("unit") or "")
        if isinstance(target, (int, float)):
            shown = cat.format_value(target, "pct" if unit == "%" else "num")
            target_text = shown if unit == "%" else f"{shown} {own(unit)}".strip()
        else:
            target_text = cat.t("common.missing")
        kpis.append(
            {
                "id": own(str(row.get("id") or "")),
                "goal": own(str(row.get("goal") or "")),
                "metric": own(str(row.get("metric") or "")),
                "target": target_text,
                "date": cat.date(row["due"]) if row.get("due") else cat.t("common.missing"),
            }
        )
    return kpis


def summary_texts(summary: dict[str, Any]) -> list[str]:
    """Every text the one-page answer prints (for tests and checks)."""
    texts = [summary["verdict"]["label"], summary["verdict"]["text"]]
    for d in summary["decisions"]:
        texts += [d["text"], d["why"], d["cost"]]
    for part in ("chosen", "dropped"):
        for c in summary["channels"][part]:
            texts += [c["name"], c["reason"] or c["verdict"]]
    texts += list(summary["resources"].values())
    if summary["risk"]:
        texts += list(summary["risk"].values())
    for k in summary["kpis"]:
        texts += [k["goal"], k["target"], k["date"]]
    return [t for t in texts if t]


__all__ = [
    "CHOSEN",
    "CHOSEN_REASONS",
    "DROPPED_REASONS",
    "MAX_DECISIONS",
    "WEIGHT",
    "build_summary",
    "summary_texts",
]
