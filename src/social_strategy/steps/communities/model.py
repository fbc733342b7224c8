"""Step 2's result: what the notebook shows, the chapter reports and later steps read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..base import StepResult
from . import competitors, plan_checks, register

SECTION = "communities"
ORDER = 2


@dataclass(kw_only=True)
class Communities(StepResult):
    """Everything the notebook shows, the chapter reports and later steps read."""

    suitability: list[register.Suitability]
    review: plan_checks.PlanReview
    comparison: competitors.Comparison
    #: planned posts per week per channel or community over the plan's span
    posts_per_week: dict[str, float] = field(default_factory=dict)
    #: contests and hashtag campaigns in the plan, for the risk step
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    settings: Any = None


__all__ = ["ORDER", "SECTION", "Communities"]
