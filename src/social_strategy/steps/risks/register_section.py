"""Step 5's register: the risks ranked on the matrix, the top risks' preparation, the
crisis clusters as the firm's decisions, the reference cases and the playbook."""

from __future__ import annotations

import pandas as pd

from ...results import Source, action, finding, msg, table
from ...workspace import TABLES, Workspace
from . import charts
from .model import Risks
from .playbook import playbook


def add_register(r: Risks) -> None:
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
    _matrix_figure(r, len(high))
    _register_tables(r)
    _top_questions(r)


def _matrix_figure(r: Risks, high: int) -> None:
    """The register on the likelihood-impact matrix, each risk placed in the alt text."""
    reg = r.register
    r.add_figure(
        "matrix",
        title=msg("risks.figure.matrix_title", n=len(reg), high=high),
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


def _register_tables(r: Risks) -> None:
    """The whole register, and the top risks with their preparation."""
    s, reg = r.section, r.register
    s.tables.append(
        table(
            "register",
            [_register_row(x) for _, x in reg.iterrows()],
            REGISTER_COLUMNS,
            "risks.col",
            REGISTER_FORMATS,
            title=msg("risks.table.register_title", n=len(reg)),
            caption=msg("risks.table.register_caption"),
        )
    )
    top = r.top
    s.tables.append(
        table(
            "top_risks",
            [_top_row(x) for _, x in top.iterrows()],
            ("rank", *TOP_FIELDS),
            "risks.col",
            {"rank": "num"},
            title=msg("risks.table.top_title", n=len(top)),
            caption=msg("risks.table.top_caption"),
        )
    )


def _top_questions(r: Risks) -> None:
    """What the top risks still lack (a prepared response, an owner, early signals), the
    crisis clusters as decisions, and the yearly review."""
    s, top = r.section, r.top
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


REGISTER_COLUMNS = (
    "rank",
    "scenario",
    "category",
    "likelihood",
    "impact",
    "score",
    "tier",
    "cluster",
    "strength",
)
REGISTER_FORMATS = {
    "rank": "num",
    "category": "code:risks.category",
    "likelihood": "num",
    "impact": "num",
    "score": "num",
    "tier": "code:risks.tier",
    "strength": "code:risks.strength",
}


def _register_row(x: pd.Series) -> dict:
    return {
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


def _case(case_id: str, part: str) -> dict:
    """A text of the reference catalogue, in the report's language (the catalogs hold the
    same texts as data/reference/risk_cases.csv; a test keeps them equal)."""
    return msg(f"risks.case.{case_id}.{part}").model_dump()


def add_cases(r: Risks) -> None:
    s = r.section
    cases = r.cases
    s.tables.append(
        table(
            "cases",
            [
                {
                    "title": _case(c["id"], "title"),
                    "happened": _case(c["id"], "happened"),
                    "lesson": _case(c["id"], "lesson"),
                    "year": c["year"],
                }
                for _, c in cases.iterrows()
            ],
            ("title", "happened", "lesson", "year"),
            "risks.col",
            labels={"title": "case"},
            title=msg("risks.table.cases_title", n=len(cases)),
            caption=msg("risks.table.cases_caption"),
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


def add_playbook(r: Risks, ws: Workspace) -> None:
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
        table(
            "playbook",
            [
                {
                    "phase": p.phase,
                    "step": msg(f"risks.playbook.{p.code}").model_dump(),
                    "who": msg(p.owner).model_dump(),
                }
                for p in playbook()
            ],
            ("phase", "step", "who"),
            "risks.col",
            {"phase": "code:risks.phase"},
            title=msg("risks.table.playbook_title"),
            caption=msg(
                "risks.table.playbook_caption_team" if people else "risks.table.playbook_caption",
                people=people,
            ),
        )
    )
    if top is not None and _given(top["escalation"]):
        s.decisions.append(
            msg("risks.decision.escalation", scenario=top["scenario"], path=top["escalation"])
        )
    s.actions.append(action("risks.action.drill", "owner.social_team", 60))


__all__ = [
    "REGISTER_COLUMNS",
    "REGISTER_FORMATS",
    "TOP_FIELDS",
    "add_cases",
    "add_playbook",
    "add_register",
]
