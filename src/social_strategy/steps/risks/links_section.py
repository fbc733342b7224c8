"""Step 5's links to the content plan: contests with a public hashtag, service posts and
review answers named beside the risks they raise or answer."""

from __future__ import annotations

import pandas as pd

from ...results import action, finding, msg, table
from ...workspace import TABLES, Workspace
from . import links
from .model import Risks


def add_plan_links(r: Risks, ws: Workspace) -> None:
    """The content plan's contests with a public hashtag, service posts and review answers
    linked to the risks they raise or answer; a missing hashtag risk is a gap."""
    if "content_plan" not in TABLES or not ws.has("content_plan"):
        return
    plan = links.link(ws.table("content_plan"), r.register)
    r.plan_links = plan
    if plan.empty:
        return
    s = r.section
    linked = plan[plan["risk"].notna()]
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
            table(
                "plan_links",
                [
                    {
                        "risk": x["risk"],
                        "link": x["link"],
                        "post": msg(
                            "risks.cell.post", date=x["date"], title=x["title"] or x["channel"]
                        ).model_dump(),
                    }
                    for _, x in linked.iterrows()
                ],
                ("risk", "link", "post"),
                "risks.col",
                {"link": "code:risks.link"},
                labels={"risk": "scenario"},
                title=msg("risks.table.plan_links_title", n=len(posts)),
                caption=msg("risks.table.plan_links_caption"),
            )
        )
    _plan_gaps(r, plan)


def _plan_gaps(r: Risks, plan: pd.DataFrame) -> None:
    """A contest's public hashtag with no risk in the register is a gap (with an action); a
    review answer with none is an open question."""
    s = r.section
    gaps = plan[plan["risk"].isna() & (plan["link"] == "hashtag")]
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
    review_gaps = plan[plan["risk"].isna() & (plan["link"] == "review")]
    if not review_gaps.empty:
        s.open_questions.append(msg("risks.question.review_risk"))


__all__ = ["add_plan_links"]
