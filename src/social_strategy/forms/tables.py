"""The workshop forms of steps 1-5: each of the step's tables edited as a grid.

Every form checks the whole workspace before it writes, writes only the rows that changed
(the client's separator, encoding, quoting and list style kept), runs the steps that read the
table again and rebuilds the report (see :mod:`.grid`).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..notebook import Session
from .grid import table_form


def _grid(table: str, what: str) -> Callable[[Session], w.VBox]:
    def form(session: Session) -> w.VBox:
        return table_form(session, table).widget

    form.__name__ = form.__qualname__ = f"{table}_form"
    form.__doc__ = f"{what} ({table}.csv or its sheet), as an editable grid."
    return form


segments_form = _grid("segments", "Step 1: the target groups")
channels_form = _grid("channels", "Step 1: the channels: fit, effort, goals and segments served")
communities_form = _grid("communities", "Step 2: the communities and their rules")
influencers_form = _grid("influencers", "Step 3: the influencers and multipliers")
team_form = _grid("team", "Step 4: who works on social media, with how many hours")
budget_form = _grid("budget", "Step 4: the budget lines")
risks_form = _grid("risks", "Step 5: the risk scenarios, their owners and responses")


__all__ = [
    "budget_form",
    "channels_form",
    "communities_form",
    "influencers_form",
    "risks_form",
    "segments_form",
    "team_form",
]
