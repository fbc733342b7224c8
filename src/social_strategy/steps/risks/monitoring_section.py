"""Step 5's monitoring: the watched terms and places, and the mentions export cleaned and
counted (what counts, which terms match, the share of voice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ...results import action, finding, msg, table
from ...workspace import TABLES, Workspace
from ..audience.posting_times import zone_for_country
from . import monitoring
from .dashboard_section import add_dashboard
from .model import FEW_MATCHED, OLD_DAYS, Risks


def places(ws: Workspace, settings: Any) -> list[str]:
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


def add_monitoring_plan(r: Risks) -> None:
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
            table(
                "monitoring",
                rows,
                ("what", "items"),
                "risks.col",
                {"items": "list"},
                title=msg("risks.table.monitoring_title"),
                caption=msg("risks.table.monitoring_caption"),
            )
        )
    s.actions.append(action("risks.action.monitoring", "owner.social_team", 14))


def add_mentions(r: Risks, ws: Workspace, settings: Any, report_date: dt.date) -> None:
    """The mentions export, cleaned and counted: what counts, which watched terms match,
    the share of voice, then the dashboard of the mentions that count."""
    zone = settings.time_zone or zone_for_country(ws.strategy.firm.country)
    firm_names = [ws.name, *r.terms["brands"]]
    raw, cleaning = monitoring.clean(
        ws.table("mentions"), zone=zone, query=settings.mentions_query, firm_names=firm_names
    )
    r.cleaning = cleaning
    m = monitoring.prepare(raw, r.terms)
    r.mentions = m
    _mention_count(r, cleaning, len(m), report_date)
    if len(m):
        _terms_found(r, m)
    _counted_table(r, cleaning, m)
    _share_of_voice(r, ws, m)
    if not m.empty:
        add_dashboard(r, ws, settings)


def _mention_count(r: Risks, c: monitoring.Cleaning, n: int, report_date: dt.date) -> None:
    """How many mentions count, from which rows, and what cleaning did: said in full, never
    a placeholder."""
    s = r.section
    _query_findings(r, c)
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


def _query_findings(r: Risks, c: monitoring.Cleaning) -> None:
    """An export that mixes brands or queries: which one counts, or that none names the firm."""
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
        table(
            "counted",
            rows,
            ("what", "n"),
            "risks.col",
            {"n": "num"},
            labels={"n": "count"},
            title=msg("risks.table.counted_title", n=len(m)),
            caption=msg("risks.table.counted_caption", zone=c.zone),
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


def _share_of_voice(r: Risks, ws: Workspace, m: pd.DataFrame) -> None:
    if "competitors" not in TABLES or not ws.has("competitors"):
        return
    competitors = ws.table("competitors")
    if "name" not in competitors.columns:
        return
    names = [str(n) for n in competitors["name"].dropna() if str(n).strip()]
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
        table(
            "share_of_voice",
            [
                {
                    "name": x["name"] if isinstance(x["name"], str) else ws.name,
                    "mentions": int(x["mentions"]),
                    "share": x["share"],
                }
                for _, x in sov.iterrows()
            ],
            ("name", "mentions", "share"),
            "risks.col",
            {"mentions": "num", "share": "pct"},
            labels={"mentions": "mention_count"},
            title=msg("risks.table.sov_title", share=firm_share),
            caption=msg("risks.table.sov_caption"),
        )
    )


__all__ = ["add_mentions", "add_monitoring_plan", "places"]
