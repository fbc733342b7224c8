"""Declare a step's inputs from outside the package: its tables and its settings block.

The built-in steps declare theirs in :mod:`.inputs`, found when the package is imported. A
step that lives elsewhere (a firm's own, or a test's) calls :func:`register_inputs` once:
the loader then finds, reads and checks its tables, strategy.yaml takes its ``settings:``
block with the model's defaults, and the workshop offers a grid for each table marked
``form=True``.
"""

from __future__ import annotations

from . import inputs
from .profile import refresh_settings
from .schema import StepInputs


def register_inputs(step_inputs: StepInputs) -> None:
    """Add a step's tables and settings to every workspace read from now on."""
    inputs.add(step_inputs)
    refresh_settings()


def unregister_inputs(step: str) -> None:
    """Remove what :func:`register_inputs` added for ``step``."""
    inputs.remove(step)
    refresh_settings()


__all__ = ["register_inputs", "unregister_inputs"]
