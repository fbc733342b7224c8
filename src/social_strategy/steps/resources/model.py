"""Step 4's result: what the notebook shows and the chapter reports, and what the verdict
rests on besides hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..base import StepResult
from .hours import Plan
from .money import Scenario
from .team import Coverage, Flags, Workload

SECTION = "resources"


ORDER = 4


@dataclass(kw_only=True)
class Resources(StepResult):
    """Everything the notebook shows and the chapter reports."""

    plan: Plan
    work: Workload
    coverage: Coverage
    flags: Flags
    scenarios: list[Scenario]
    budget: pd.DataFrame
    months: list[str]
    #: "enough", "not_enough", or "unknown" (no team table)
    verdict: str
    settings: Any = None
    #: budget items wholly outside the plan's twelve months
    outside: list[str] = field(default_factory=list)

    @property
    def available(self) -> float | None:
        return self.work.available if self.work.people else None

    @property
    def gap(self) -> float:
        """Missing hours per week at the upper end (0 when covered or no team)."""
        if self.available is None:
            return 0.0
        return max(0.0, self.plan.high - self.available)


def shortfalls(f: Flags) -> list[str]:
    """What keeps the care from lasting, besides hours (codes of resources.missing)."""
    out = []
    if f.single_person or f.no_deputy:
        out.append("deputy")
    if f.trainee_share:
        out.append("lead")
    if f.untrained_answering:
        out.append("trained_answers")
    if f.evenings_needed or f.weekends_needed:
        out.append("cover")
    return out


def flag_codes(f: Flags) -> list[str]:
    """The flags raised, as codes (``resources.flag.<code>``)."""
    out = []
    for code, on in (
        ("single_person", f.single_person),
        ("no_deputy", f.no_deputy),
        ("concentrated", f.concentrated),
        ("trainee", f.trainee_share),
        ("untrained_answering", f.untrained_answering),
        ("untrained_criticism", f.untrained_criticism),
        ("evenings", f.evenings_uncovered),
        ("weekends", f.weekends_uncovered),
        ("evenings_needed", f.evenings_needed),
        ("weekends_needed", f.weekends_needed),
        ("evenings_untrained", f.evenings_untrained),
        ("weekends_untrained", f.weekends_untrained),
        ("response", f.response),
        ("overloaded", f.overloaded),
        ("training_late", f.training_late),
    ):
        if on:
            out.append(code)
    return out


__all__ = ["ORDER", "SECTION", "Resources", "flag_codes", "shortfalls"]
