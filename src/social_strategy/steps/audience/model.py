"""Step 1's result: what the notebook shows and the chapter reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..base import StepResult
from . import channel_choice, posting_times, reach

SECTION = "audience"
ORDER = 1
ANY = reach.ANY
PASSIVE = {"spectators", "inactives"}
VOCAL = {"creators", "critics"}
#: where an audience that is not on social media can be reached instead (besides the
#: segments' own ``elsewhere``)
INSTEAD = ("reviews", "search", "offline")


@dataclass(kw_only=True)
class Audience(StepResult):
    """Everything the notebook shows and the chapter reports."""

    metric: str
    weights: pd.Series
    names: dict[str, str]
    estimates: list[reach.Estimate]
    #: per platform, over the whole target group, in the channel's metric
    overall: list[reach.ChannelReach]
    #: per channel, over the segments it is meant for (verdicts, chart, headline)
    reach: list[reach.ChannelReach]
    verdicts: list[channel_choice.Verdict]
    times: posting_times.PostingTimes | None
    settings: Any = None
    #: is the target group on social media at all (None without segments)
    presence: reach.Presence | None = None
    #: keep / revive / close / claim for every existing account
    audit: list[channel_choice.AuditRow] = field(default_factory=list)

    @property
    def recommended(self) -> list[str]:
        """The channels this step recommends, in order (what later steps build on)."""
        return [v.platform for v in self.verdicts if v.verdict == "recommended"]


__all__ = ["ANY", "INSTEAD", "ORDER", "PASSIVE", "SECTION", "VOCAL", "Audience"]
