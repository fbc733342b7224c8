"""Step 5's chapter: the risk register, the playbook, the spread of a complaint, the
monitoring plan, the mentions dashboard and the KPIs, combined into the section result."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...results import Column, SectionResult, Source, Table, action, finding, msg
from ...workspace import TABLES, Workspace
from ..base import Context, StepResult
from . import charts, monitoring, register, sentiment, spread
from .playbook import playbook

SECTION = "risks"
ORDER = 5
TOP = 5
QUEUE = 15


@dataclass(kw_only=True)
class Risks(StepResult):
    """Everything the notebook shows and the chapter reports."""

    register: pd.DataFrame
    cases: pd.DataFrame
    spread_model: spread.SpreadModel
    spread_curve: pd.DataFrame
    response_hours: float
    terms: dict[str, list[str]]
    places: list[str]
    mentions: pd.DataFrame | None = None
    days: pd.DataFrame | None = None
    settings: Any = None

    @property
    def top(self) -> pd.DataFrame:
        """The highest-ranked risks (what the executive summary names)."""
        return self.register.head(TOP)


def _case(case_id: str, part: str) -> dict:
    """A text of the reference catalogue, in the report's language (the catalogs hold the
    same texts as data/reference/risk_cases.csv; a test keeps them equal)."""
    return msg(f"risks.case.{case_id}.{part}").model_dump()


def run(ws: Workspace, ctx: Context) -> Risks:
    settings = ctx.settings
    section = SectionResult(section=SECTION, order=ORDER)
    reg = register.assess(ws.table("risks"))
    sp = settings.spread
    model = spread.SpreadModel(sp.initial_audience, sp.r_before, sp.r_after, sp.generation_hours)
    mon = ws.strategy.monitoring
    terms = {k: list(getattr(mon, k)) for k in monitoring.KINDS}
    result = Risks(
        section=section,
        register=reg,
        cases=register.cases(),
        spread_model=model,
        spread_curve=spread.curve(model),
        response_hours=sp.response_hours,
        terms=terms,
        places=_places(ws, settings),
        settings=settings,
    )
    _register(result)
    _cases(result)
    _playbook(result, ws)
    _spread(result, settings)
    _monitoring_plan(result)
    if ws.has("mentions"):
        _mentions(result, ws, settings)
    else:
        section.open_questions.append(msg("risks.question.mentions"))
    _kpis(result, ws)
    _method(result)
    return result


# -- the register -----------------------------------------------------------------------
def _register(r: Risks) -> None:
    s = r.section
    reg = r.register
    if reg.empty:
        s.summary.append(finding("risks.summary.no_register", "critical"))
        s.actions.append(action("risks.action.register_workshop", "owner.management", 21))
        return
    top = reg.iloc[0]
    high = reg[reg["tier"].isin(["high", "critical"])]
    s.summary.append(
        finding(
            "risks.summary.top",
            "critical" if top["tier"] == "critical" else "warning" if len(high) else "info",
            n=len(reg),
            high=len(high),
            scenario=top["scenario"],
            score=int(top["score"]),
        )
    )
    r.add_figure(
        "matrix",
        title=msg("risks.figure.matrix_title", n=len(reg), high=len(high)),
        caption=msg("risks.figure.matrix_caption"),
        alt=msg(
            "risks.figure.matrix_alt",
            items=[
                msg(
                    "risks.cell.placed",
                    rank=int(x["rank"]),
                    likelihood=int(x["likelihood"]),
                    impact=int(x["impact"]),
                ).model_dump()
                for _, x in reg.iterrows()
            ],
        ),
        draw=lambda cat: charts.matrix(reg, cat),
    )
    s.tables.append(
        Table(
            id="register",
            title=msg("risks.table.register_title", n=len(reg)),
            caption=msg("risks.table.register_caption"),
            columns=[
                Column(key="rank", label="risks.col.rank", format="num"),
                Column(key="scenario", label="risks.col.scenario"),
                Column(key="category", label="risks.col.category", format="code:risks.category"),
                Column(key="likelihood", label="risks.col.likelihood", format="num"),
                Column(key="impact", label="risks.col.impact", format="num"),
                Column(key="score", label="risks.col.score", format="num"),
                Column(key="tier", label="risks.col.tier", format="code:risks.tier"),
                Column(key="cluster", label="risks.col.cluster"),
                Column(key="strength", label="risks.col.strength", format="code:risks.strength"),
            ],
            rows=[
                {
                    "rank": int(x["rank"]),
                    "scenario": x["scenario"],
                    "category": x["category"],
                    "likelihood": int(x["likelihood"]),
                    "impact": int(x["impact"]),
                    "score": int(x["score"]),
                    "tier": x["tier"],
                    "cluster": _cluster_cell(x),
                    "strength": x["strength"],
                }
                for _, x in reg.iterrows()
            ],
        )
    )
    top = r.top
    s.tables.append(
        Table(
            id="top_risks",
            title=msg("risks.table.top_title", n=len(top)),
            caption=msg("risks.table.top_caption"),
            columns=[
                Column(key="rank", label="risks.col.rank", format="num"),
                Column(key="scenario", label="risks.col.scenario"),
                Column(key="early_signals", label="risks.col.early_signals"),
                Column(key="prevention", label="risks.col.prevention"),
                Column(key="response", label="risks.col.response"),
                Column(key="owner", label="risks.col.owner"),
                Column(key="escalation", label="risks.col.escalation"),
            ],
            rows=[_top_row(x) for _, x in top.iterrows()],
        )
    )
    missing = [x["scenario"] for _, x in top.iterrows() if not _given(x["response"])]
    if missing:
        s.findings.append(finding("risks.finding.no_response", "warning", scenarios=missing))
        s.actions.append(
            action("risks.action.holding_statements", "owner.social_team", 14, scenarios=missing)
        )
    unowned = [x["scenario"] for _, x in top.iterrows() if not _given(x["owner"])]
    if unowned:
        s.open_questions.append(msg("risks.question.owner", scenarios=unowned))
    blind = [x["scenario"] for _, x in top.iterrows() if not _given(x["early_signals"])]
    if blind:
        s.open_questions.append(msg("risks.question.signals", scenarios=blind))
    defaulted = reg[reg["cluster_default"]]
    if not defaulted.empty:
        s.defaults.append(msg("risks.default.cluster", n=len(defaulted)))
    for strength in ("rebuild", "diminish", "instruct"):
        hit = top[top["strength"] == strength]["scenario"].tolist()
        if hit:
            s.decisions.append(msg(f"risks.decision.{strength}", scenarios=hit))
    s.actions.append(action("risks.action.review_register", "owner.management", 90))


TOP_FIELDS = ("scenario", "early_signals", "prevention", "response", "owner", "escalation")


def _top_row(x: pd.Series) -> dict:
    row = {k: (None if pd.isna(x[k]) else x[k]) for k in TOP_FIELDS}
    row["rank"] = int(x["rank"])
    return row


def _cluster_cell(x: pd.Series) -> dict:
    code = "risks.cell.cluster_default" if x["cluster_default"] else "risks.cell.cluster"
    return msg(code, cluster=msg(f"risks.cluster.{x['cluster']}").model_dump()).model_dump()


def _given(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _cases(r: Risks) -> None:
    s = r.section
    cases = r.cases
    s.tables.append(
        Table(
            id="cases",
            title=msg("risks.table.cases_title", n=len(cases)),
            caption=msg("risks.table.cases_caption"),
            columns=[
                Column(key="title", label="risks.col.case"),
                Column(key="happened", label="risks.col.happened"),
                Column(key="lesson", label="risks.col.lesson"),
                Column(key="year", label="risks.col.year"),
            ],
            rows=[
                {
                    "title": _case(c["id"], "title"),
                    "happened": _case(c["id"], "happened"),
                    "lesson": _case(c["id"], "lesson"),
                    "year": c["year"],
                }
                for _, c in cases.iterrows()
            ],
        )
    )
    for _, c in cases.iterrows():
        s.sources.append(
            Source(source=c["source"], study=f"risk case: {c['title_en']}", year=str(c["year"]))
        )
    covered = set(r.register["category"])
    open_cases = [
        _case(c["id"], "title") for _, c in cases.iterrows() if c["category"] not in covered
    ]
    if open_cases and not r.register.empty:
        s.findings.append(finding("risks.finding.uncovered", "info", cases=open_cases))
        s.open_questions.append(msg("risks.question.uncovered"))


# -- the playbook ----------------------------------------------------------------------
def _playbook(r: Risks, ws: Workspace) -> None:
    s = r.section
    people: list[str] = []
    if "team" in TABLES and ws.has("team"):  # step 4's team table, where present
        team = ws.table("team")
        column = "person" if "person" in team.columns else "name"
        if column in team.columns:
            roles = team["role"] if "role" in team.columns else [None] * len(team)
            people = [
                f"{p}: {r}" if isinstance(r, str) and r.strip() else str(p)
                for p, r in zip(team[column], roles, strict=True)
                if isinstance(p, str) and p.strip()
            ]
    top = r.register.iloc[0] if not r.register.empty else None
    s.tables.append(
        Table(
            id="playbook",
            title=msg("risks.table.playbook_title"),
            caption=msg(
                "risks.table.playbook_caption_team" if people else "risks.table.playbook_caption",
                people=people,
            ),
            columns=[
                Column(key="phase", label="risks.col.phase", format="code:risks.phase"),
                Column(key="step", label="risks.col.step"),
                Column(key="who", label="risks.col.who"),
            ],
            rows=[
                {
                    "phase": p.phase,
                    "step": msg(f"risks.playbook.{p.code}").model_dump(),
                    "who": msg(p.owner).model_dump(),
                }
                for p in playbook()
            ],
        )
    )
    if top is not None and _given(top["escalation"]):
        s.decisions.append(
            msg("risks.decision.escalation", scenario=top["scenario"], path=top["escalation"])
        )
    s.actions.append(action("risks.action.drill", "owner.social_team", 60))


# -- the spread of a complaint -----------------------------------------------------------
def _spread(r: Risks, settings: Any) -> None:
    s = r.section
    table = r.spread_curve
    m = r.spread_model
    worth = spread.hour_worth(table, r.response_hours)
    at4 = table.set_index("response_hours")
    fast = float(at4["mean"].iloc[0])
    r.add_figure(
        "spread",
        title=msg(
            "risks.figure.spread_title",
            hours=r.response_hours,
            reach=worth[0] if worth else None,
            extra=worth[1] if worth else None,
        ),
        caption=msg(
            "risks.figure.spread_caption",
            initial=m.initial_audience,
            r_before=m.r_before,
            r_after=m.r_after,
            hours=m.generation_hours,
            runs=4000,
        ),
        alt=msg(
            "risks.figure.spread_alt",
            fast=fast,
            slow=float(at4["mean"].iloc[-1]),
            last=float(at4.index[-1]),
        ),
        draw=lambda cat: charts.spread_curve(table, r.response_hours, cat),
    )
    if worth:
        s.findings.append(
            finding(
                "risks.finding.spread",
                "warning" if m.r_before >= 1 else "info",
                hours=r.response_hours,
                reach=worth[0],
                extra=worth[1],
                fast=fast,
            )
        )
    s.findings.append(finding("risks.finding.story_15_150", "info"))
    chosen = settings.spread.model_fields_set
    if not chosen:
        s.defaults.append(
            msg(
                "risks.default.spread",
                initial=m.initial_audience,
                r_before=m.r_before,
                r_after=m.r_after,
                hours=m.generation_hours,
                response=r.response_hours,
            )
        )
    s.tables.append(
        Table(
            id="spread",
            title=msg("risks.table.spread_title"),
            caption=msg("risks.table.spread_caption"),
            columns=[
                Column(key="response_hours", label="risks.col.response_hours", format="num"),
                Column(key="mean", label="risks.col.mean", format="num"),
                Column(key="interval", label="risks.col.interval"),
                Column(key="p90", label="risks.col.p90", format="num"),
            ],
            rows=[
                {
                    "response_hours": row["response_hours"],
                    "mean": round(row["mean"]),
                    "interval": msg(
                        "risks.cell.interval", low=round(row["low"]), high=round(row["high"])
                    ).model_dump(),
                    "p90": round(row["p90"]),
                }
                for _, row in table.iterrows()
                if row["response_hours"] in (0, 1, 2, 4, 8, 12, 24)
            ],
        )
    )
    s.actions.append(
        action("risks.action.response_time", "owner.management", 30, hours=r.response_hours)
    )


# -- monitoring ---------------------------------------------------------------------------
def _places(ws: Workspace, settings: Any) -> list[str]:
    places = list(settings.places)
    channels = ws.table("channels")
    if not channels.empty:
        places += [
            str(p) for p, c in zip(channels["platform"], channels["considered"], strict=True) if c
        ]
    segments = ws.table("segments")
    if not segments.empty:
        places += [p for lst in segments["elsewhere"] for p in lst]
    seen: dict[str, str] = {}
    for p in places:
        seen.setdefault(p.strip().lower(), p.strip())
    return [p for p in seen.values() if p]


def _monitoring_plan(r: Risks) -> None:
    s = r.section
    rows = [
        {"what": msg(f"risks.kind.{k}").model_dump(), "items": v} for k, v in r.terms.items() if v
    ]
    if r.places:
        rows.append({"what": msg("risks.kind.places").model_dump(), "items": r.places})
    if not any(r.terms.values()):
        s.summary.append(finding("risks.summary.no_terms", "warning"))
        s.open_questions.append(msg("risks.question.terms"))
    if not r.places:
        s.open_questions.append(msg("risks.question.places"))
    if rows:
        s.tables.append(
            Table(
                id="monitoring",
                title=msg("risks.table.monitoring_title"),
                caption=msg("risks.table.monitoring_caption"),
                columns=[
                    Column(key="what", label="risks.col.what"),
                    Column(key="items", label="risks.col.items", format="list"),
                ],
                rows=rows,
            )
        )
    s.actions.append(action("risks.action.monitoring", "owner.social_team", 14))


def _mentions(r: Risks, ws: Workspace, settings: Any) -> None:
    s = r.section
    m = monitoring.prepare(ws.table("mentions"), r.terms)
    r.mentions = m
    firm = m[m["about_firm"]]
    other = len(m) - len(firm)
    s.findings.append(
        finding(
            "risks.finding.mentions",
            n=len(firm),
            first=firm["time"].min().date().isoformat() if len(firm) else None,
            last=firm["time"].max().date().isoformat() if len(firm) else None,
            other=other,
        )
    )
    _share_of_voice(r, ws, m)
    if firm.empty:
        return
    rule = monitoring.SpikeRule(
        baseline_days=settings.baseline_days,
        spike_ratio=settings.spike_ratio,
        severe_ratio=settings.severe_ratio,
        alpha=settings.spike_alpha,
    )
    days = monitoring.spikes(monitoring.daily(firm["time"]), rule)
    r.days = days
    tested = int(days["level"].notna().sum())
    flagged = days[days["tier"] != ""]
    if tested == 0:
        s.findings.append(finding("risks.finding.too_short", "info", days=rule.min_history))
    elif flagged.empty:
        s.findings.append(finding("risks.finding.no_spike", "positive", days=tested))
    else:
        for day, row in flagged.iterrows():
            s.findings.append(
                finding(
                    f"risks.finding.{row['tier']}",
                    "critical" if row["tier"] == "severe" else "warning",
                    day=day.date().isoformat(),
                    count=int(row["count"]),
                    base=float(row["level"]),
                    ratio=float(row["ratio"]),
                )
            )
    if tested:
        r.add_figure(
            "volume",
            title=msg(
                "risks.figure.volume_title"
                if flagged.empty
                else "risks.figure.volume_title_spikes",
                n=len(flagged),
                days=len(days),
            ),
            caption=msg(
                "risks.figure.volume_caption",
                baseline=rule.baseline_days,
                ratio=rule.spike_ratio,
                severe=rule.severe_ratio,
                alpha=100 * rule.alpha,
            ),
            alt=msg("risks.figure.volume_alt", days=len(days), n=len(flagged)),
            draw=lambda cat: charts.volume(days, cat),
        )
        chosen = settings.model_fields_set
        if not {"spike_ratio", "severe_ratio", "baseline_days"} & chosen:
            s.defaults.append(
                msg(
                    "risks.default.spikes",
                    baseline=rule.baseline_days,
                    ratio=rule.spike_ratio,
                    severe=rule.severe_ratio,
                )
            )
    unscored = int((~firm["scored"]).sum())
    if unscored:
        s.findings.append(
            finding("risks.finding.sampled", n=int(firm["scored"].sum()), total=len(firm))
        )
    neg = monitoring.negative_by_language(firm)
    s.tables.append(
        Table(
            id="sentiment",
            title=msg("risks.table.sentiment_title"),
            caption=msg("risks.table.sentiment_caption"),
            columns=[
                Column(key="lang", label="risks.col.language", format="code:risks.language"),
                Column(key="n", label="risks.col.n", format="num"),
                Column(key="share", label="risks.col.negative_share", format="pct"),
                Column(key="interval", label="risks.col.interval"),
            ],
            rows=[
                {
                    "lang": x["lang"],
                    "n": int(x["n"]),
                    "share": x["share"],
                    "interval": msg(
                        "risks.cell.pct_interval", low=x["low"], high=x["high"]
                    ).model_dump(),
                }
                for _, x in neg.iterrows()
            ],
        )
    )
    for _, x in neg.iterrows():
        s.findings.append(
            finding(
                "risks.finding.negative",
                "warning" if x["share"] >= 25 else "info",
                lang=msg(f"risks.language.{x['lang']}").model_dump(),
                share=x["share"],
                low=x["low"],
                high=x["high"],
                n=int(x["n"]),
            )
        )
    authors = monitoring.top_authors(firm)
    if not authors.empty:
        s.tables.append(
            Table(
                id="authors",
                title=msg("risks.table.authors_title", n=len(authors)),
                caption=msg("risks.table.authors_caption"),
                columns=[
                    Column(key="author", label="risks.col.author"),
                    Column(key="reach", label="risks.col.reach", format="num"),
                    Column(key="mentions", label="risks.col.mention_count", format="num"),
                    Column(key="negative", label="risks.col.negative", format="num"),
                ],
                rows=[
                    {
                        "author": monitoring.safe_text(a["author"], 60),
                        "reach": None if pd.isna(a["reach"]) else float(a["reach"]),
                        "mentions": int(a["mentions"]),
                        "negative": int(a["negative"]),
                    }
                    for _, a in authors.iterrows()
                ],
            )
        )
    q = monitoring.queue(firm, QUEUE)
    if not q.empty:
        s.tables.append(
            Table(
                id="queue",
                title=msg("risks.table.queue_title", n=len(q)),
                caption=msg("risks.table.queue_caption"),
                columns=[
                    Column(key="time", label="risks.col.time"),
                    Column(key="source", label="risks.col.source"),
                    Column(key="author", label="risks.col.author"),
                    Column(key="reach", label="risks.col.reach", format="num"),
                    Column(
                        key="sentiment", label="risks.col.sentiment", format="code:risks.sentiment"
                    ),
                    Column(key="text", label="risks.col.text"),
                ],
                rows=[
                    {
                        "time": x["time"].strftime("%Y-%m-%d %H:%M"),
                        "source": _opt_text(x["source"], 40),
                        "author": _opt_text(x["author"], 60),
                        "reach": None if pd.isna(x["reach"]) else float(x["reach"]),
                        "sentiment": x["sentiment"],
                        "text": monitoring.safe_text(x["text"]),
                    }
                    for _, x in q.iterrows()
                ],
            )
        )
        negatives = int(q["negative"].sum())
        if negatives:
            s.actions.append(
                action("risks.action.answer_queue", "owner.customer_service", 2, n=negatives)
            )


def _opt_text(value: object, limit: int) -> str | None:
    """A short optional cell (source, author): None when missing, else safe text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return monitoring.safe_text(value, limit) or None


def _share_of_voice(r: Risks, ws: Workspace, m: pd.DataFrame) -> None:
    if "competitors" not in TABLES or not ws.has("competitors"):
        return
    table = ws.table("competitors")
    if "name" not in table.columns:
        return
    names = [str(n) for n in table["name"].dropna() if str(n).strip()]
    if not names:
        return
    firm_terms = r.terms["brands"] or [ws.name]
    sov = monitoring.share_of_voice(m["text"], firm_terms, {n: [n] for n in names})
    if sov["mentions"].sum() == 0:
        return
    firm_share = float(sov["share"].iloc[0])
    r.section.findings.append(
        finding("risks.finding.share_of_voice", share=firm_share, n=int(sov["mentions"].sum()))
    )
    r.section.tables.append(
        Table(
            id="share_of_voice",
            title=msg("risks.table.sov_title", share=firm_share),
            caption=msg("risks.table.sov_caption"),
            columns=[
                Column(key="name", label="risks.col.name"),
                Column(key="mentions", label="risks.col.mention_count", format="num"),
                Column(key="share", label="risks.col.share", format="pct"),
            ],
            rows=[
                {
                    "name": x["name"] if x["name"] is not None else ws.name,
                    "mentions": int(x["mentions"]),
                    "share": x["share"],
                }
                for _, x in sov.iterrows()
            ],
        )
    )


# -- KPIs per goal ------------------------------------------------------------------------
_KPI = (
    ("negative", re.compile(r"negativ", re.IGNORECASE)),
    ("answered", re.compile(r"beantwort|answered|antwort|reply|replies|response", re.IGNORECASE)),
    ("mentions", re.compile(r"erwähnung|erwaehnung|mention", re.IGNORECASE)),
)


def kpi_kind(metric: str) -> str | None:
    """Which mentions-export figure measures a goal's metric (None: measured by hand)."""
    for kind, pattern in _KPI:
        if pattern.search(metric):
            return kind
    return None


def _quarter_values(m: pd.DataFrame, kind: str) -> dict[str, float]:
    if m.empty:
        return {}
    quarters = m["time"].dt.to_period("Q")
    out: dict[str, float] = {}
    for q, group in m.groupby(quarters):
        if kind == "mentions":
            months = group["time"].dt.to_period("M").nunique()
            out[str(q)] = len(group) / max(months, 1)
        elif kind == "negative":
            scored = group[group["scored"]]
            if len(scored):
                out[str(q)] = 100 * float(scored["negative"].mean())
        elif kind == "answered":
            questions = group[group["text"].str.contains("?", regex=False)]
            if len(questions):
                out[str(q)] = 100 * float(questions["is_answered"].mean())
    return out


def _kpis(r: Risks, ws: Workspace) -> None:
    goals = ws.strategy.goals
    if not goals:
        return
    m = r.mentions[r.mentions["about_firm"]] if r.mentions is not None else None
    answered_given = m is not None and m["answered"].notna().any()
    rows = []
    by_hand = []
    for g in goals:
        kind = kpi_kind(g.metric)
        measurable = m is not None and kind is not None and (kind != "answered" or answered_given)
        values = _quarter_values(m, kind) if measurable else {}
        if values:
            cell = [
                msg("risks.cell.quarter", quarter=q, value=v).model_dump()
                for q, v in values.items()
            ]
        else:
            by_hand.append(g.id)
            cell = msg("risks.cell.by_hand").model_dump()
        rows.append(
            {
                "goal": g.id,
                "metric": g.metric,
                "values": cell,
                "target": g.target,
                "unit": g.unit,
                "due": g.due.isoformat(),
            }
        )
    r.section.tables.append(
        Table(
            id="kpis",
            title=msg("risks.table.kpi_title"),
            caption=msg("risks.table.kpi_caption"),
            columns=[
                Column(key="goal", label="risks.col.goal"),
                Column(key="metric", label="risks.col.metric"),
                Column(key="values", label="risks.col.values"),
                Column(key="target", label="risks.col.target", format="num1"),
                Column(key="unit", label="risks.col.unit"),
                Column(key="due", label="risks.col.due", format="date"),
            ],
            rows=rows,
        )
    )
    if by_hand:
        r.section.findings.append(finding("risks.finding.kpi_by_hand", ids=by_hand))


def _method(r: Risks) -> None:
    """The method note: measured accuracy of the German scorer; the English one unmeasured."""
    _, held = sentiment.german_model()
    if r.mentions is None:
        return
    r.section.findings.append(
        finding(
            "risks.finding.method_de",
            accuracy=100 * held["accuracy"],
            f1=held["macro_f1"],
            base_accuracy=100 * held["baseline_accuracy"],
            base_f1=held["baseline_macro_f1"],
            n=held["n"],
        )
    )
    r.section.findings.append(finding("risks.finding.method_en"))
    r.section.sources.append(
        Source(
            source="W. Sidorenko, PotTS corpus of German tweets (MIT licence)",
            study="training and held-out data of the German sentiment model",
            year="2016",
        )
    )
    r.section.sources.append(
        Source(
            source="C. J. Hutto and E. Gilbert, VADER (vaderSentiment, MIT licence)",
            study="English sentiment lexicon and rules, ICWSM 2014",
            year="2014",
        )
    )


__all__ = ["ORDER", "QUEUE", "SECTION", "TOP", "TOP_FIELDS", "Risks", "kpi_kind", "run"]
