"""Step 3's result: what the notebook shows and the chapter reports (labels only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..base import StepResult
from . import network, spread
from .graph import Graph
from .privacy import Pseudonyms, write_key


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
    #: casefolded names of the firm's own people (team.csv, not external): named, not hidden
    team: set[str] = field(default_factory=set)
    #: chosen people who are not in the interaction data (chosen on the ranking alone)
    chosen_unlinked: list[str] = field(default_factory=list)
    #: pairwise overlap of the chosen people's audiences: (a, b, shared, share of smaller)
    overlaps: list[tuple[str, str, int, float]] = field(default_factory=list)

    def label(self, handle: str) -> str | dict:
        """What the report shows for an account: its handle, or a readable label with its
        pseudonym where due (accounts of the interaction data that are not candidates count
        as private persons)."""
        if handle not in self.labels:
            self.labels[handle] = self.names.label(handle, False, "interaction_account")
        return self.labels[handle]

    @property
    def network_scored(self) -> bool:
        """Whether the network part counts in the score: only when every candidate is in
        the interaction data."""
        return (
            self.position is not None
            and not self.ranked.empty
            and bool(self.ranked["in_graph"].astype(bool).all())
        )

    def in_graph(self, handle: str) -> bool:
        return self.graph is not None and handle in self.graph.index

    def write_key(self, folder) -> Any:
        """Write the pseudonym key beside the report (for the consultant, not the report)."""
        return write_key(self.names, folder) if self.names is not None else None


__all__ = ["Influencers"]
