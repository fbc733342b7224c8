"""Each step's inputs, one module per step: its tables' specifications and its settings.

A new step adds a module here with an ``INPUTS = StepInputs(...)``; the loader, the
settings block of strategy.yaml and the blank workspace's checks pick it up without edits.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..schema import StepInputs, TableSpec


def _discover() -> list[StepInputs]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        inputs = getattr(module, "INPUTS", None)
        if isinstance(inputs, StepInputs):
            found.append(inputs)
    return sorted(found, key=lambda i: i.order)


STEP_INPUTS: list[StepInputs] = _discover()
#: every table of every step, in method order
TABLES: dict[str, TableSpec] = {t.name: t for i in STEP_INPUTS for t in i.tables}


def add(inputs: StepInputs) -> None:
    """Add a step's inputs declared outside this package (see
    :func:`social_strategy.workspace.register_inputs`, which also extends the settings).
    The same inputs added again change nothing."""
    if inputs in STEP_INPUTS:
        return
    if any(i.step == inputs.step for i in STEP_INPUTS):
        raise ValueError(f"the inputs of step {inputs.step!r} are declared already")
    twice = [t.name for t in inputs.tables if t.name in TABLES]
    if twice:
        raise ValueError(f"step {inputs.step!r} declares tables other steps read: {twice}")
    STEP_INPUTS.append(inputs)
    STEP_INPUTS.sort(key=lambda i: i.order)
    _index()


def remove(step: str) -> None:
    """Remove the inputs of ``step`` (see :func:`add`)."""
    STEP_INPUTS[:] = [i for i in STEP_INPUTS if i.step != step]
    _index()


def _index() -> None:
    """TABLES again from STEP_INPUTS, in place (modules hold the dict itself)."""
    TABLES.clear()
    TABLES.update({t.name: t for i in STEP_INPUTS for t in i.tables})


__all__ = ["STEP_INPUTS", "TABLES", "add", "remove"]
