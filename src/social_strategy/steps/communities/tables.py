"""Step 2's results as tables for the notebook, in the session's language: headings from
the catalog, numbers in the language's format, no empty cell shown as NaN, reasons whole."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .competitors_section import CHANNEL_COLUMNS
from .model import Communities


def _join(cat, messages) -> str:
    return "; ".join(cat.text(m) for m in messages)


def _labels(cat, *keys: str) -> dict[str, str]:
    """The columns' headings: ``communities.col.<key>`` in the catalog's language."""
    return {k: cat.t(f"communities.col.{k}") for k in keys}


def _frame(rows: list[dict[str, Any]], col: dict[str, str]) -> pd.DataFrame:
    """Rows keyed as ``col`` is, headed by its labels (the headings even with no rows)."""
    return pd.DataFrame(
        [{col[k]: v for k, v in row.items()} for row in rows], columns=list(col.values())
    )


def _text(value: Any) -> str:
    """Client text as it is; blank where there is none (never NaN or None)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _number(cat, value: Any, spec: str = "num") -> str:
    """A number in the catalog's format; blank where there is none."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return cat.format_value(value, spec)


def register_frame(c: Communities, cat) -> pd.DataFrame:
    """Each community with its verdict and the reasons, translated."""
    col = _labels(cat, "name", "verdict", "relevance", "reasons")
    rows = [
        {
            "name": s.name,
            "verdict": cat.t(f"communities.verdict.{s.verdict}"),
            "relevance": "" if s.relevance is None else cat.percent(s.relevance, 1),
            "reasons": _join(cat, [m.model_dump() for m in s.reasons]),
        }
        for s in c.suitability
    ]
    return _frame(rows, col)


def cards_frame(c: Communities, cat) -> pd.DataFrame:
    """The rules-of-engagement cards, one row per community."""
    col = _labels(cat, "name", "may", "often", "avoid", "moderators")
    rows = [
        {
            "name": s.name,
            "may": _join(cat, s.card["may"]),
            "often": cat.text(s.card["often"]),
            "avoid": _join(cat, s.card["avoid"]),
            "moderators": s.card["moderators"]
            if isinstance(s.card["moderators"], str)
            else cat.text(s.card["moderators"]),
        }
        for s in c.suitability
    ]
    return _frame(rows, col)


def findings_frame(c: Communities, cat) -> pd.DataFrame:
    """The content plan's findings with the rows to change."""
    col = _labels(cat, "finding", "rows")
    rows = [
        {
            "finding": cat.text(f.model_dump()),
            "rows": ", ".join(str(r) for r in f.values.get("rows", [])),
        }
        for f in c.section.findings
        if "rows" in f.values
    ]
    return _frame(rows, col)


def risk_frame(c: Communities, cat) -> pd.DataFrame:
    """Spam-risk score per channel or community."""
    col = _labels(cat, "place", "per_week", "score", "level", "reasons")
    table = next((t for t in c.section.tables if t.id == "spam_risk"), None)
    rows = [
        {
            "place": row["place"],
            "per_week": _number(cat, row["per_week"], "num1"),
            "score": _number(cat, row["score"]),
            "level": cat.t(f"communities.level.{row['level']}"),
            "reasons": _join(cat, row["reasons"]),
        }
        for row in (table.rows if table is not None else [])
    ]
    return _frame(rows, col)


def competitors_frame(c: Communities, cat) -> pd.DataFrame:
    """The firm and its competitors side by side."""
    col = _labels(
        cat,
        "competitor",
        "channels",
        "posts_per_week",
        "avg_interactions",
        "strengths",
        "weaknesses",
    )
    rows = [
        {
            "competitor": row["name"],
            "channels": ", ".join(cat.text(m) for m in row["channels"]),
            "posts_per_week": _number(cat, row["posts_per_week"], "num1"),
            "avg_interactions": _number(cat, row["avg_interactions"], "num1"),
            "strengths": _text(row["strengths"]),
            "weaknesses": _text(row["weaknesses"]),
        }
        for row in c.comparison.rows
    ]
    return _frame(rows, col)


def competitor_channels_frame(c: Communities, cat) -> pd.DataFrame | None:
    """Competitors per channel and community with the engagement rate (None: the
    competitors file has no per-channel figures)."""
    table = next((t for t in c.section.tables if t.id == "competitor_channels"), None)
    if table is None:
        return None
    col = _labels(cat, *CHANNEL_COLUMNS)
    rows = [
        {
            "competitor": row["competitor"],
            "place": row["place"],
            "followers": _number(cat, row["followers"]),
            "posts_per_week": _number(cat, row["posts_per_week"], "num1"),
            "avg_interactions": _number(cat, row["avg_interactions"], "num1"),
            "engagement_rate": _number(cat, row["engagement_rate"], "pct1"),
        }
        for row in table.rows
    ]
    return _frame(rows, col)


__all__ = [
    "cards_frame",
    "competitor_channels_frame",
    "competitors_frame",
    "findings_frame",
    "register_frame",
    "risk_frame",
]
