"""Step 2's competitors: side by side with the firm, channel by channel, with the openings
they leave, the lessons of their good and bad cases, and where they dominate."""

from __future__ import annotations

from ...results import action, finding, msg, table
from ...workspace import Workspace
from .model import Communities

#: the competitors' figures per channel (each an attribute of competitors.Presence)
CHANNEL_COLUMNS = (
    "competitor",
    "place",
    "followers",
    "posts_per_week",
    "avg_interactions",
    "engagement_rate",
)


def add_competitors(c: Communities, ws: Workspace) -> None:
    r, comp = c.section, c.comparison
    if not ws.has("competitors"):
        r.open_questions.append(msg("communities.question.competitors"))
        return
    _competitor_tables(c)
    if comp.openings:
        r.findings.append(
            finding("communities.finding.openings", "positive", channels=comp.openings)
        )
    if comp.unchecked:
        r.open_questions.append(
            msg("communities.question.competitor_presence", places=comp.unchecked)
        )
    for competitor, place, case, note in comp.lessons:
        r.findings.append(
            finding(
                f"communities.finding.lesson_{case}",
                "warning" if case == "bad" else "info",
                competitor=competitor,
                place=place or msg("common.missing").model_dump(),
                note=note,
            )
        )
    for d in comp.dominant[:5]:
        code = "dominant" if d.ours is not None else "dominant_absent"
        r.findings.append(
            finding(
                f"communities.finding.{code}",
                competitor=d.competitor,
                platform=d.platform,
                followers=d.followers,
                ours=d.ours,
            )
        )
    r.actions.append(action("communities.action.watch_competitors", "owner.social_team", 60))


def _competitor_tables(c: Communities) -> None:
    """The competitors side by side, and their channels where their figures are known."""
    r, comp = c.section, c.comparison
    r.tables.append(
        table(
            "competitors",
            comp.rows,
            ("name", "channels", "posts_per_week", "avg_interactions", "strengths", "weaknesses"),
            "communities.col",
            {"posts_per_week": "num1", "avg_interactions": "num1"},
            labels={"name": "competitor"},
            title=msg("communities.table.competitors_title", n=len(comp.rows) - 1),
            caption=msg("communities.table.competitors_caption"),
        )
    )
    per_channel = [p for p in comp.presence if p.posts_per_week is not None or not p.present]
    if per_channel or any(p.avg_interactions is not None for p in comp.presence):
        r.tables.append(
            table(
                "competitor_channels",
                [{k: getattr(p, k) for k in CHANNEL_COLUMNS} for p in comp.presence if p.present],
                CHANNEL_COLUMNS,
                "communities.col",
                {
                    "followers": "num",
                    "posts_per_week": "num1",
                    "avg_interactions": "num1",
                    "engagement_rate": "pct1",
                },
                title=msg("communities.table.competitor_channels_title"),
                caption=msg("communities.table.competitor_channels_caption"),
            )
        )


__all__ = ["CHANNEL_COLUMNS", "add_competitors"]
