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


__all__ = ["STEP_INPUTS", "TABLES"]
