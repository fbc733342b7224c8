"""Step 5's chapter: the risk register, the playbook, the spread of a complaint, the
monitoring plan, the mentions dashboard and the KPIs, combined into the section result."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...results import Column, SectionResult, Source, Table, action, finding, msg
from ...workspace import TABLES, Workspace
from ..audience.posting_times import zone_for_country
from ..base import Context, StepResult
from . import charts, links, monitoring, register, spread, tone
from .playbook import playbook

SECTION = "risks"
ORDER = 5
TOP = 5
QUEUE = 15
#: mentions older than this at the report date (about 3 months) are called old
OLD_DAYS = 91
#: below this share of mentions naming a watched term, the frequent @handles and words are named
FEW_MATCHED = 0.5


@dataclass(kw_only=True)
class Risks(StepResult):
    """Everything the notebook shows and the chapter reports."""

    register: pd.DataFrame
    cases: pd.DataFrame
    spread_model: spread.SpreadModel
    spread_curve: pd.DataFrame
    response_hours: float
    audience_from: tuple[str, int]
    terms: dict[str, list[str]]
    places: list[str]
    mentions: pd.DataFrame | None = None
    cleaning: monitoring.Cleaning | None = None
    plan_links: pd.DataFrame | None = None
    days: pd.DataFrame | None = None
    settings: Any = None
    #: the tone section's figures (negative shares, labels) when there are mentions
    tone: tone.ToneSummary | None = None

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
    audience, audience_from = _audience(ws, sp)
    model = spread.SpreadModel(
        sp.initial_audience,
        sp.r_before,
        sp.r_after,
        sp.generation_hours,
        audience=max(audience, sp.initial_audience),
    )
    mon = ws.strategy.monitoring
    terms = {k: list(getattr(mon, k)) for k in monitoring.KINDS}
    result = Risks(
        section=section,
        register=reg,
        cases=register.cases(),
        spread_model=model,
        spread_curve=spread.curve(model),
        response_hours=sp.response_hours,
        audience_from=audience_from,
        terms=terms,
        places=_places(ws, settings),
        settings=settings,
    )
    _register(result)
    _cases(result)
    _playbook(result, ws)
    _spread(result, settings)
    _monitoring_plan(result)
    _plan_links(result, ws)
    if ws.has("mentions"):
        _mentions(result, ws, settings, ctx.report_date)
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
                    "strength": x["strength"] if isinstance(x["strength"], str) else "judge",
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
    _clusters(r)
    s.actions.append(action("risks.action.review_register", "owner.management", 90))


def _clusters(r: Risks) -> None:
    """Crisis clusters as the firm's judgement: a prepared first response takes precedence;
    a named cluster gives its response strength; without one the deciding question and the
    options of the clusters the category can fall into. Guilt is never assumed."""
    s = r.section
    top = r.top
    prepared = top[[_given(v) for v in top["response"]]]
    if not prepared.empty:
        s.decisions.append(msg("risks.decision.prepared", scenarios=prepared["scenario"].tolist()))
    rest = top[[not _given(v) for v in top["response"]]]
    for strength in ("rebuild", "diminish", "instruct"):
        hit = rest[rest["strength"] == strength]["scenario"].tolist()
        if hit:
            s.decisions.append(msg(f"risks.decision.{strength}", scenarios=hit))
    for _, x in rest[rest["cluster_default"]].iterrows():
        code = (
            "risks.decision.judge_employee"
            if x["category"] == "employee"
            else ("risks.decision.judge")
        )
        s.decisions.append(
            msg(
                code,
                scenario=x["scenario"],
                options=[msg(f"risks.option.{c}").model_dump() for c in x["candidates"]],
            )
        )
    undecided = r.register[r.register["cluster_default"]]
    if not undecided.empty:
        s.open_questions.append(
            msg("risks.question.cluster", scenarios=undecided["scenario"].tolist())
        )


TOP_FIELDS = ("scenario", "early_signals", "prevention", "response", "owner", "escalation")


def _top_row(x: pd.Series) -> dict:
    row = {k: (None if pd.isna(x[k]) else x[k]) for k in TOP_FIELDS}
    row["rank"] = int(x["rank"])
    return row


def _cluster_cell(x: pd.Series) -> dict:
    if x["cluster_default"]:
        return msg(
            "risks.cell.cluster_open",
            options=[msg(f"risks.cluster.{c}").model_dump() for c in x["candidates"]],
        ).model_dump()
    return msg(
        "risks.cell.cluster", cluster=msg(f"risks.cluster.{x['cluster']}").model_dump()
    ).model_dump()


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
            Source(
                source=c["source"],
                study=f"risk case: {c['title_en']}",
                year=str(c["year"]),
                messages={
                    "source": msg(f"sources.case.{c['id']}"),
                    "study": msg("sources.study.risk_case", case=_case(c["id"], "title")),
                },
            )
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
def _audience(ws: Workspace, sp: Any) -> tuple[int, tuple[str, int]]:
    """(audience, (where it comes from, how many communities)): the setting, else the sizes
    of step 2's communities together, else the stated default."""
    if sp.audience:
        return int(sp.audience), ("setting", 0)
    if "communities" in TABLES and ws.has("communities"):
        table = ws.table("communities")
        if "size" in table.columns:
            sizes = pd.to_numeric(table["size"], errors="coerce").dropna()
            if len(sizes) and sizes.sum() > 0:
                return int(sizes.sum()), ("communities", len(sizes))
    return spread.DEFAULT_AUDIENCE, ("default", 0)


def _spread(r: Risks, settings: Any) -> None:
    s = r.section
    table = r.spread_curve
    m = r.spread_model
    at = table
    if r.response_hours > float(table["response_hours"].max()) - 1:
        # a response time beyond the curve (e.g. a week): its own two points, never n/a
        low = float(np.floor(r.response_hours))
        at = spread.curve(m, hours=[low, low + 1])
    worth = spread.hour_worth(at, r.response_hours)
    at4 = table.set_index("response_hours")
    fast = round(float(at4["mean"].iloc[0]))
    grows = m.r_before >= 1
    capped = _capped_at(at, r.response_hours)
    limit = round(spread.ceiling(m))
    r.add_figure(
        "spread",
        title=msg(
            "risks.figure.spread_title_grows" if grows else "risks.figure.spread_title",
            hours=r.response_hours,
            reach=round(worth[0]) if worth else None,
            extra=round(worth[1]) if worth else None,
            audience=m.audience,
            ceiling=limit,
            capped=100 * capped,
        ),
        caption=msg(
            "risks.figure.spread_caption",
            initial=m.initial_audience,
            r_before=m.r_before,
            r_after=m.r_after,
            hours=m.generation_hours,
            runs=4000,
            audience=m.audience,
        ),
        alt=msg(
            "risks.figure.spread_alt",
            fast=fast,
            slow=round(float(at4["mean"].iloc[-1])),
            last=float(at4.index[-1]),
        ),
        draw=lambda cat: charts.spread_curve(table, r.response_hours, cat),
    )
    if worth:
        s.findings.append(
            finding(
                "risks.finding.spread_grows" if grows else "risks.finding.spread",
                "warning" if grows else "info",
                hours=r.response_hours,
                reach=round(worth[0]),
                extra=round(worth[1]),
                fast=fast,
                audience=m.audience,
                ceiling=limit,
                capped=100 * capped,
                r_before=m.r_before,
            )
        )
    if m.r_after >= 1:
        after = round(spread.final_size(m.initial_audience, m.r_after, m.audience))
        s.findings.append(
            finding("risks.finding.spread_unchecked", "warning", audience=m.audience, ceiling=after)
        )
    source, n = r.audience_from
    if source == "default":
        s.defaults.append(msg("risks.default.audience", audience=m.audience))
    else:
        s.findings.append(finding(f"risks.finding.audience_{source}", audience=m.audience, n=n))
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
                Column(key="capped", label="risks.col.capped", format="pct"),
            ],
            rows=[
                {
                    "response_hours": row["response_hours"],
                    "mean": round(row["mean"]),
                    "interval": msg(
                        "risks.cell.interval", low=round(row["low"]), high=round(row["high"])
                    ).model_dump(),
                    "p90": round(row["p90"]),
                    "capped": 100 * row["capped"],
                }
                for _, row in table.iterrows()
                if row["response_hours"] in (0, 1, 2, 4, 8, 12, 24)
            ],
        )
    )
    s.actions.append(
        action("risks.action.response_time", "owner.management", 30, hours=r.response_hours)
    )


def _capped_at(table: pd.DataFrame, hours: float) -> float:
    """Share of runs that reached the whole audience when answered after ``hours``."""
    rows = table.set_index("response_hours")["capped"]
    return float(np.interp(hours, rows.index, rows.values))


# -- the content plan, linked --------------------------------------------------------------
def _plan_links(r: Risks, ws: Workspace) -> None:
    """The content plan's contests with a public hashtag, service posts and review answers
    linked to the risks they raise or answer; a missing hashtag risk is a gap."""
    if "content_plan" not in TABLES or not ws.has("content_plan"):
        return
    table = links.link(ws.table("content_plan"), r.register)
    r.plan_links = table
    if table.empty:
        return
    s = r.section
    linked = table[table["risk"].notna()]
    if not linked.empty:
        posts = linked.drop_duplicates(["date", "title", "link"])
        s.findings.append(
            finding(
                "risks.finding.plan_links",
                n=len(posts),
                k=linked["risk"].nunique(),
                hashtag=int((posts["link"] == "hashtag").sum()),
                service=int((posts["link"] == "service").sum()),
                review=int((posts["link"] == "review").sum()),
            )
        )
        s.tables.append(
            Table(
                id="plan_links",
                title=msg("risks.table.plan_links_title", n=len(posts)),
                caption=msg("risks.table.plan_links_caption"),
                columns=[
                    Column(key="risk", label="risks.col.scenario"),
                    Column(key="link", label="risks.col.link", format="code:risks.link"),
                    Column(key="post", label="risks.col.post"),
                ],
                rows=[
                    {
                        "risk": x["risk"],
                        "link": x["link"],
                        "post": msg(
                            "risks.cell.post", date=x["date"], title=x["title"] or x["channel"]
                        ).model_dump(),
                    }
                    for _, x in linked.iterrows()
                ],
            )
        )
    gaps = table[table["risk"].isna() & (table["link"] == "hashtag")]
    if not gaps.empty:
        tags = sorted({t for lst in gaps["hashtags"] for t in lst})
        s.findings.append(
            finding(
                "risks.finding.hashtag_gap",
                "warning",
                titles=gaps["title"].dropna().tolist(),
                hashtags=tags,
            )
        )
        s.actions.append(
            action("risks.action.hashtag_risk", "owner.social_team", 14, hashtags=tags)
        )
    review_gaps = table[table["risk"].isna() & (table["link"] == "review")]
    if not review_gaps.empty:
        s.open_questions.append(msg("risks.question.review_risk"))


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


def _mentions(r: Risks, ws: Workspace, settings: Any, report_date: dt.date) -> None:
    s = r.section
    zone = settings.time_zone or zone_for_country(ws.strategy.firm.country)
    firm_names = [ws.name, *r.terms["brands"]]
    raw, cleaning = monitoring.clean(
        ws.table("mentions"), zone=zone, query=settings.mentions_query, firm_names=firm_names
    )
    r.cleaning = cleaning
    m = monitoring.prepare(raw, r.terms)
    r.mentions = m
    firm = m
    _mention_count(r, cleaning, len(m), report_date)
    if len(m):
        _terms_found(r, m)
    _counted_table(r, cleaning, m)
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
                    base=float(row["expected"]),
                    ratio=float(row["ratio"]),
                )
            )
            s.findings.append(_spike_detail(firm, day))
    if tested:
        _untested(r, days, rule.spike_ratio)
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
    labels = ws.table("tone_labels") if ws.has("tone_labels") else None
    r.tone = tone.add_section(s, firm, labels)
    r.files["mentions"] = tone.per_mention(m, r.days, r.terms)
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


def _mention_count(r: Risks, c: monitoring.Cleaning, n: int, report_date: dt.date) -> None:
    """How many mentions count, from which rows, and what cleaning did: said in full, never
    a placeholder."""
    s = r.section
    if c.queries:
        if c.query is not None:
            s.findings.append(
                finding(
                    "risks.finding.query_set" if c.query_set else "risks.finding.query_found",
                    k=len(c.queries),
                    query=c.query,
                    n=c.queries.get(c.query, 0),
                    other=c.other_queries,
                )
            )
        else:
            s.findings.append(
                finding(
                    "risks.finding.query_unknown",
                    "warning",
                    k=len(c.queries),
                    queries=list(c.queries)[:8],
                )
            )
            s.open_questions.append(msg("risks.question.query"))
    if n == 0:
        s.findings.append(finding("risks.finding.mentions_none", "warning", rows=c.rows))
        return
    assert c.first is not None and c.last is not None
    age = (report_date - c.last.date()).days
    s.findings.append(
        finding(
            "risks.finding.mentions_count",
            n=n,
            rows=c.rows,
            first=c.first.date().isoformat(),
            last=c.last.date().isoformat(),
            days=(c.last.date() - c.first.date()).days + 1,
        )
    )
    s.findings.append(
        finding(
            "risks.finding.cleaning",
            duplicates=c.duplicates,
            empty=c.empty,
            truncated=c.truncated,
            chars=monitoring.ANALYSIS_CHARS,
        )
    )
    if c.with_offset:
        s.findings.append(
            finding(
                "risks.finding.zone_converted",
                zone=c.zone,
                n=c.with_offset,
                total=c.rows,
                offsets=c.offsets[:6],
            )
        )
    else:
        s.findings.append(finding("risks.finding.zone_local", zone=c.zone))
    if age >= OLD_DAYS:
        s.summary.append(
            finding(
                "risks.summary.mentions_old",
                "warning",
                last=c.last.date().isoformat(),
                months=age / 30.44,
                report=report_date.isoformat(),
            )
        )
    else:
        s.findings.append(finding("risks.finding.mentions_age", days=max(age, 0)))


def _counted_table(r: Risks, c: monitoring.Cleaning, m: pd.DataFrame) -> None:
    """What counts, row by row: the export, what cleaning removed or kept, and how many
    mentions name each watched term."""

    def row(code: str, n: int, **values: Any) -> dict:
        return {"what": msg(f"risks.count.{code}", **values).model_dump(), "n": n}

    rows = [row("rows", c.rows)]
    if c.queries:
        rows.append(row("other_queries", c.other_queries))
    rows += [
        row("duplicates", c.duplicates),
        row("mentions", len(m)),
        row("empty", c.empty),
        row("truncated", c.truncated, chars=monitoring.ANALYSIS_CHARS),
    ]
    if len(m):
        for _, t in monitoring.term_counts(m["text"], r.terms).iterrows():
            kind = msg(f"risks.kind.{t['kind']}").model_dump()
            rows.append(row("term", int(t["mentions"]), term=t["term"], kind=kind))
        if any(r.terms.values()):
            rows.append(row("matched", int(m["is_matched"].sum())))
    r.section.tables.append(
        Table(
            id="counted",
            title=msg("risks.table.counted_title", n=len(m)),
            caption=msg("risks.table.counted_caption", zone=c.zone),
            columns=[
                Column(key="what", label="risks.col.what"),
                Column(key="n", label="risks.col.count", format="num"),
            ],
            rows=rows,
        )
    )


def _terms_found(r: Risks, m: pd.DataFrame) -> None:
    """Which watched term matched how many mentions; where few match, the most frequent
    @handles and words, so the consultant can add the firm's own handle."""
    s = r.section
    counts = monitoring.term_counts(m["text"], r.terms)
    matched = int(m["is_matched"].sum())
    if not counts.empty:
        s.findings.append(
            finding(
                "risks.finding.terms_matched",
                matched=matched,
                n=len(m),
                terms=[
                    msg(
                        "risks.cell.term",
                        term=t["term"],
                        kind=msg(f"risks.kind.{t['kind']}").model_dump(),
                        n=int(t["mentions"]),
                    ).model_dump()
                    for _, t in counts.iterrows()
                ],
            )
        )
    if matched < FEW_MATCHED * len(m):
        handles = monitoring.frequent_handles(m["text"])
        words = monitoring.frequent_words(m["text"])
        if handles or words:
            s.findings.append(
                finding(
                    "risks.finding.terms_few",
                    "warning",
                    share=100 * matched / len(m),
                    handles=[
                        msg("risks.cell.counted", item=h, n=c).model_dump() for h, c in handles
                    ],
                    words=[msg("risks.cell.counted", item=w, n=c).model_dump() for w, c in words],
                )
            )
            s.actions.append(
                action(
                    "risks.action.add_handle",
                    "owner.social_team",
                    7,
                    handle=handles[0][0] if handles else words[0][0],
                )
            )


def _spike_detail(m: pd.DataFrame, day: pd.Timestamp) -> Any:
    """A spike day's negative share (over the mentions whose tone was scored) and its most
    frequent authors."""
    on_day = m[m["time"].dt.normalize() == day]
    scored = on_day[on_day["scored"]]
    authors = on_day["author"].dropna().astype(str)
    authors = authors[authors.str.strip() != ""].value_counts().head(3)
    return finding(
        "risks.finding.spike_detail" if len(authors) else "risks.finding.spike_detail_anonymous",
        day=day.date().isoformat(),
        negative=100 * float(scored["negative"].mean()) if len(scored) else 0.0,
        scored=len(scored),
        authors=[
            msg("risks.cell.counted", item=monitoring.safe_text(a, 60), n=int(c)).model_dump()
            for a, c in authors.items()
        ],
    )


def _untested(r: Risks, days: pd.DataFrame, ratio: float) -> None:
    """Days without enough history before them are named as not tested, and the largest day
    of the export if it is among them and at least ``ratio`` times the median day."""
    untested = days[days["level"].isna()]
    if untested.empty:
        return
    largest = days["count"].idxmax()
    common = {
        "n": len(untested),
        "first": untested.index[0].date().isoformat(),
        "last": untested.index[-1].date().isoformat(),
    }
    high = days["count"].max() >= ratio * max(float(days["count"].median()), 0.5)
    if largest in untested.index and high:
        r.section.findings.append(
            finding(
                "risks.finding.untested_largest",
                "warning",
                day=largest.date().isoformat(),
                count=int(days.loc[largest, "count"]),
                **common,
            )
        )
    else:
        r.section.findings.append(finding("risks.finding.untested", **common))


def validate_notes(ws: Workspace) -> list[str]:
    """What ``social-strategy validate`` says about a mentions export (English, as the
    command's other lines): how many mentions count, how many name which watched term and,
    where few do, the most frequent @handles and words."""
    if not ws.has("mentions"):
        return []
    settings = getattr(ws.strategy.settings, SECTION, None)
    mon = ws.strategy.monitoring
    terms = {k: list(getattr(mon, k)) for k in monitoring.KINDS}
    zone = (settings.time_zone if settings else "") or zone_for_country(ws.strategy.firm.country)
    m, c = monitoring.clean(
        ws.table("mentions"),
        zone=zone,
        query=settings.mentions_query if settings else "",
        firm_names=[ws.name, *terms["brands"]],
    )
    notes = [
        f"mentions: {len(m):,} of {c.rows:,} rows count as mentions of the firm "
        f"({c.duplicates:,} duplicates removed, {c.empty:,} without text kept)."
    ]
    if c.queries:
        which = f'"{c.query}"' if c.query is not None else "none names the firm: every row"
        notes.append(f"mentions: the export mixes {len(c.queries)} brands or queries; {which}.")
    if m.empty:
        return notes
    counts = monitoring.term_counts(m["text"], terms)
    if not counts.empty:
        matched = int(monitoring.matches(m["text"], counts["term"].tolist()).sum())
        listed = ", ".join(
            f"{t} {n:,}" for t, n in zip(counts["term"], counts["mentions"], strict=True)
        )
        notes.append(f"mentions: {matched:,} of {len(m):,} name a watched term ({listed}).")
    else:
        matched = 0
        notes.append("mentions: no watched terms are set (strategy.yaml, monitoring).")
    if matched < FEW_MATCHED * len(m):
        handles = ", ".join(f"{h} ({n:,})" for h, n in monitoring.frequent_handles(m["text"]))
        words = ", ".join(f"{w} ({n:,})" for w, n in monitoring.frequent_words(m["text"]))
        notes.append(
            f"mentions: few name a watched term. Most frequent @handles: {handles or 'none'}; "
            f"words: {words or 'none'}. Add the firm's own handle to the watched terms."
        )
    return notes


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
                    "name": x["name"] if isinstance(x["name"], str) else ws.name,
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
    m = r.mentions if r.mentions is not None else None
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
    """The method note: the tone scorers' scores measured on data they were not trained on."""
    if r.mentions is None:
        return
    tone.method_findings(r.section)


__all__ = [
    "FEW_MATCHED",
    "OLD_DAYS",
    "ORDER",
    "QUEUE",
    "SECTION",
    "TOP",
    "TOP_FIELDS",
    "Risks",
    "kpi_kind",
    "run",
    "validate_notes",
]
