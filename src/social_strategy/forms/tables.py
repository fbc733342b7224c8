"""The workshop forms of the steps' tables: each table whose spec says ``form=True`` edited
as a grid. The forms follow the specs (:data:`~social_strategy.workspace.STEP_INPUTS`), so a
new step's tables get theirs without an edit here.

Every form checks the whole workspace before it writes, writes only the rows that changed
(the client's separator, encoding, quoting and list style kept), runs the steps that read the
table again and rebuilds the report (see :mod:`.grid`).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..notebook import Session
from ..workspace import STEP_INPUTS, TableSpec
from .grid import table_form

Form = Callable[[Session], w.VBox]


def _grid(spec: TableSpec) -> Form:
    def form(session: Session) -> w.VBox:
        return table_form(session, spec.name).widget

    form.__name__ = form.__qualname__ = f"{spec.name}_form"
    form.__doc__ = f"{spec.description} ({spec.name}.csv or its sheet), as an editable grid."
    return form


def step_forms(step: str) -> dict[str, Form]:
    """The grid forms of ``step``'s tables, by table, in the order its inputs declare them
    (read from the registered inputs each time, so a step registered later has its own)."""
    return {
        spec.name: _grid(spec)
        for inputs in STEP_INPUTS
        if inputs.step == step
        for spec in inputs.tables
        if spec.form
    }


def form_for(table: str) -> Form:
    """The grid form of ``table`` (a table whose spec says ``form=True``)."""
    for inputs in STEP_INPUTS:
        forms = step_forms(inputs.step)
        if table in forms:
            return forms[table]
    raise KeyError(f"no workshop form for table {table!r}")


# the names the notebooks of steps 1-5 import
segments_form = form_for("segments")
channels_form = form_for("channels")
communities_form = form_for("communities")
influencers_form = form_for("influencers")
team_form = form_for("team")
budget_form = form_for("budget")
risks_form = form_for("risks")


__all__ = [
    "Form",
    "budget_form",
    "channels_form",
    "communities_form",
    "form_for",
    "influencers_form",
    "risks_form",
    "segments_form",
    "step_forms",
    "team_form",
]
