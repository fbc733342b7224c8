"""The content plan's link to the risk register (step 5), named in the communities chapter.

A small separate piece owned with step 5 (:mod:`..risks.links` makes the links): which
planned posts raise or answer which risks of the register, and a contest with a public
hashtag that the register does not cover yet.
"""

from __future__ import annotations

from typing import Any

from ...results import finding, msg
from ...workspace import TABLES, Workspace
from ..risks import links, register


def add(c: Any, ws: Workspace) -> None:
    """Add the links (and a missing hashtag risk) to the communities section ``c``."""
    if "content_plan" not in TABLES or not ws.has("content_plan"):
        return
    table = links.link(ws.table("content_plan"), register.assess(ws.table("risks")))
    if table.empty:
        return
    section = c.section
    linked = table[table["risk"].notna()]
    if not linked.empty:
        section.findings.append(
            finding(
                "communities.finding.risk_links",
                n=linked.drop_duplicates(["date", "title", "link"]).shape[0],
                items=[
                    msg(
                        "communities.cell.risk_link",
                        date=x["date"],
                        title=x["title"] or x["channel"],
                        link=msg(f"risks.link.{x['link']}").model_dump(),
                        risk=x["risk"],
                    ).model_dump()
                    for _, x in linked.iterrows()
                ],
            )
        )
    gaps = table[table["risk"].isna() & (table["link"] == "hashtag")]
    if not gaps.empty:
        section.findings.append(
            finding(
                "communities.finding.hashtag_risk_gap",
                "warning",
                titles=gaps["title"].dropna().tolist(),
                hashtags=sorted({t for lst in gaps["hashtags"] for t in lst}),
            )
        )


__all__ = ["add"]
