"""Step 3's result: what the notebook shows and the chapter reports (labels only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..base import StepResult
from . import network, spread
from .graph import Graph
from .privacy import Pseudonyms


@dataclass(kw_only=True)
class Influencers(StepResult):
    """Everything the notebook shows and the chapter reports (labels only, no handles)."""

    ranked: pd.DataFrame
    graph: Graph | None
    position: network.Position | None
    chosen: list[str] = field(default_factory=list)
    chosen_spread: spread.Estimate | None = None
    comparisons: list[spread.Comparison] = field(default_factory=list)
    selection: spread.Selection | None = None
    ambassadors: pd.DataFrame = field(default_factory=pd.DataFrame)
    labels: dict[str, str] = field(default_factory=dict)
    #: the firm's own accounts (from channels.csv): never candidates, always named
    own: set[str] = field(default_factory=set)
    settings: Any = None

    names: Pseudonyms | None = None

    def label(self, handle: str) -> str:
        """What the report shows for an account: its pseudonym where due (accounts of the
        interaction data that are not candidates count as private persons)."""
        if handle not in self.labels:
            self.labels[handle] = self.names.label(handle, False)
        return self.labels[handle]


__all__ = ["Influencers"]
