"""Step 5's mentions dashboard: volume spikes against the firm's own baseline, the tone,
the loudest authors and the queue of mentions to answer first."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...results import action, finding, msg, table
from ...workspace import Workspace
from . import charts, monitoring, tone
from .model import QUEUE, Risks
from .tone_section import add_tone


def add_dashboard(r: Risks, ws: Workspace, settings: Any) -> None:
    """Spikes, tone, authors and the queue of the firm's mentions (``r.mentions``, not empty)."""
    s = r.section
    m = r.mentions
    assert m is not None
    _spikes(r, m, settings)
    unscored = int((~m["scored"]).sum())
    if unscored:
        s.findings.append(finding("risks.finding.sampled", n=int(m["scored"].sum()), total=len(m)))
    labels = ws.table("tone_labels") if ws.has("tone_labels") else None
    r.tone = add_tone(s, m, labels)
    r.files["mentions"] = tone.per_mention(m, r.days, r.terms)
    _authors(r, m)
    _queue(r, m)


def _spikes(r: Risks, m: pd.DataFrame, settings: Any) -> None:
    """Days with more mentions than the baseline allows, each with its detail; the days
    too early to test; the volume chart."""
    s = r.section
    rule = monitoring.SpikeRule(
        baseline_days=settings.baseline_days,
        spike_ratio=settings.spike_ratio,
        severe_ratio=settings.severe_ratio,
        alpha=settings.spike_alpha,
    )
    days = monitoring.spikes(monitoring.daily(m["time"]), rule)
    r.days = days
    tested = int(days["level"].notna().sum())
    flagged = days[days["tier"] != ""]
    if tested == 0:
        s.findings.append(finding("risks.finding.too_short", "info", days=rule.min_history))
        return
    if flagged.empty:
        s.findings.append(finding("risks.finding.no_spike", "positive", days=tested))
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
        s.findings.append(_spike_detail(m, day))
    _untested(r, days, rule.spike_ratio)
    r.add_figure(
        "volume",
        title=msg(
            "risks.figure.volume_title" if flagged.empty else "risks.figure.volume_title_spikes",
            n=len(flagged),
            days=len(days),
        ),
        caption=msg("risks.figure.volume_caption", **_thresholds(rule), alpha=100 * rule.alpha),
        alt=msg("risks.figure.volume_alt", days=len(days), n=len(flagged)),
        draw=lambda cat: charts.volume(days, cat),
    )
    if not {"spike_ratio", "severe_ratio", "baseline_days"} & settings.model_fields_set:
        s.defaults.append(msg("risks.default.spikes", **_thresholds(rule)))


def _thresholds(rule: monitoring.SpikeRule) -> dict[str, float]:
    """A spike rule as a message's values: the days of its baseline, the ratios to it that
    make a spike and a severe one."""
    return {"baseline": rule.baseline_days, "ratio": rule.spike_ratio, "severe": rule.severe_ratio}


def _authors(r: Risks, m: pd.DataFrame) -> None:
    authors = monitoring.top_authors(m)
    if authors.empty:
        return
    r.section.tables.append(
        table(
            "authors",
            [
                {
                    "author": monitoring.safe_text(a["author"], 60),
                    "reach": None if pd.isna(a["reach"]) else float(a["reach"]),
                    "mentions": int(a["mentions"]),
                    "negative": int(a["negative"]),
                }
                for _, a in authors.iterrows()
            ],
            ("author", "reach", "mentions", "negative"),
            "risks.col",
            {"reach": "num", "mentions": "num", "negative": "num"},
            labels={"mentions": "mention_count"},
            title=msg("risks.table.authors_title", n=len(authors)),
            caption=msg("risks.table.authors_caption"),
        )
    )


def _queue(r: Risks, m: pd.DataFrame) -> None:
    q = monitoring.queue(m, QUEUE)
    if q.empty:
        return
    r.section.tables.append(
        table(
            "queue",
            [
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
            ("time", "source", "author", "reach", "sentiment", "text"),
            "risks.col",
            {"reach": "num", "sentiment": "code:risks.sentiment"},
            title=msg("risks.table.queue_title", n=len(q)),
            caption=msg("risks.table.queue_caption"),
        )
    )
    negatives = int(q["negative"].sum())
    if negatives:
        r.section.actions.append(
            action("risks.action.answer_queue", "owner.customer_service", 2, n=negatives)
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


def _opt_text(value: object, limit: int) -> str | None:
    """A short optional cell (source, author): None when missing, else safe text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return monitoring.safe_text(value, limit) or None


__all__ = ["add_dashboard"]
