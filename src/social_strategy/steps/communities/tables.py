"""Step 2's results as tables for the notebook, in the session's language."""

from __future__ import annotations

import pandas as pd

from .chapter import Communities


def _join(cat, messages) -> str:
    return "; ".join(cat.text(m) for m in messages)


def register_frame(c: Communities, cat) -> pd.DataFrame:
    """Each community with its verdict and the reasons, translated."""
    return pd.DataFrame(
        [
            {
                "community": s.name,
                "verdict": cat.t(f"communities.verdict.{s.verdict}"),
                "reaches %": None if s.relevance is None else round(s.relevance, 1),
                "reasons": _join(cat, [m.model_dump() for m in s.reasons]),
            }
            for s in c.suitability
        ]
    )


def cards_frame(c: Communities, cat) -> pd.DataFrame:
    """The rules-of-engagement cards, one row per community."""
    return pd.DataFrame(
        [
            {
                "community": s.name,
                "may": _join(cat, s.card["may"]),
                "how often": cat.text(s.card["often"]),
                "avoid": _join(cat, s.card["avoid"]),
                "moderators": s.card["moderators"]
                if isinstance(s.card["moderators"], str)
                else cat.text(s.card["moderators"]),
            }
            for s in c.suitability
        ]
    )


def findings_frame(c: Communities, cat) -> pd.DataFrame:
    """The content plan's findings with the rows to change."""
    return pd.DataFrame(
        [
            {
                "finding": cat.text(f.model_dump()),
                "rows": ", ".join(str(r) for r in f.values.get("rows", [])),
            }
            for f in c.section.findings
            if "rows" in f.values
        ],
        columns=["finding", "rows"],
    )


def risk_frame(c: Communities, cat) -> pd.DataFrame:
    """Spam-risk score per channel or community."""
    table = next((t for t in c.section.tables if t.id == "spam_risk"), None)
    if table is None:
        return pd.DataFrame()
    return pd.DataFrame(
        [
            {
                "place": row["place"],
                "posts/week": row["per_week"],
                "score": row["score"],
                "level": cat.t(f"communities.level.{row['level']}"),
                "why": _join(cat, row["reasons"]),
            }
            for row in table.rows
        ]
    )


def competitors_frame(c: Communities, cat) -> pd.DataFrame:
    """The firm and its competitors side by side."""
    return pd.DataFrame(
        [
            {
                "firm": row["name"],
                "channels (followers)": ", ".join(cat.text(m) for m in row["channels"]),
                "posts/week": row["posts_per_week"],
                "interactions/post": row["avg_interactions"],
                "does well": row["strengths"],
                "does badly": row["weaknesses"],
            }
            for row in c.comparison.rows
        ]
    )
