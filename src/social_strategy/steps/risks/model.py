"""Step 5's result: what the notebook shows and the chapter reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..base import StepResult
from . import monitoring, spread, tone

SECTION = "risks"
ORDER = 5
TOP = 5
QUEUE = 15
#: mentions older than this at the report date (about 3 months) are called old
OLD_DAYS = 91
#: below this share of mentions naming a watched term, the frequent @handles and words are named
FEW_MATCHED = 0.5


@dataclass(kw_only=True)
class Risks(StepResult):
    """Everything the notebook shows and the chapter reports."""

    register: pd.DataFrame
    cases: pd.DataFrame
    spread_model: spread.SpreadModel
    spread_curve: pd.DataFrame
    response_hours: float
    audience_from: tuple[str, int]
    terms: dict[str, list[str]]
    places: list[str]
    mentions: pd.DataFrame | None = None
    cleaning: monitoring.Cleaning | None = None
    plan_links: pd.DataFrame | None = None
    days: pd.DataFrame | None = None
    settings: Any = None
    #: the tone section's figures (negative shares, labels) when there are mentions
    tone: tone.ToneSummary | None = None

    @property
    def top(self) -> pd.DataFrame:
        """The highest-ranked risks (what the executive summary names)."""
        return self.register.head(TOP)


__all__ = ["FEW_MATCHED", "OLD_DAYS", "ORDER", "QUEUE", "SECTION", "TOP", "Risks"]
