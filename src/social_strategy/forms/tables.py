"""The workshop forms of steps 1-5: each of the step's tables edited as a grid.

Every form checks the whole workspace before it writes, writes only the rows that changed
(the client's separator, encoding, quoting and list style kept), runs the steps that read the
table again and rebuilds the report (see :mod:`.grid`).
"""

from __future__ import annotations

import ipywidgets as w

from ..notebook import Session
from .grid import table_form


def _form(session: Session, table: str, columns: list[str] | None = None) -> w.VBox:
    return table_form(session, table, columns=columns).widget


def channels_form(session: Session) -> w.VBox:
    """Step 1: the channels under consideration (fit, effort, goals and segments served)."""
    return _form(session, "channels")


def segments_form(session: Session) -> w.VBox:
    """Step 1: the target groups."""
    return _form(session, "segments")


def communities_form(session: Session) -> w.VBox:
    """Step 2: the communities, their rules and how much self-promotion they allow."""
    return _form(session, "communities")


def influencers_form(session: Session) -> w.VBox:
    """Step 3: the influencers and multipliers under consideration."""
    return _form(session, "influencers")


def team_form(session: Session) -> w.VBox:
    """Step 4: who works on social media, with how many hours."""
    return _form(session, "team")


def budget_form(session: Session) -> w.VBox:
    """Step 4: the budget lines."""
    return _form(session, "budget")


def risks_form(session: Session) -> w.VBox:
    """Step 5: the risk scenarios, their likelihood, impact, owner and response."""
    return _form(session, "risks")
