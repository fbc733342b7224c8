"""What ``social-strategy validate`` says about step 5's mentions export."""

from __future__ import annotations

from ...workspace import Workspace
from ..audience.posting_times import zone_for_country
from . import monitoring
from .model import FEW_MATCHED, SECTION


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


__all__ = ["validate_notes"]
