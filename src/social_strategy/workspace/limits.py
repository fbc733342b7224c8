"""How much input the workbook reads: file sizes, rows, cell lengths, YAML depth.

Every limit has a default that real client files stay far below and can be raised with an
environment variable (documented in docs/workspace.md). A file over a limit is reported as
a problem naming the file, the limit and the variable that raises it; it is not read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    #: a table file (CSV or xlsx) larger than this is not read
    max_file_mb: float = 200.0
    #: a table with more data rows than this is not validated
    max_rows: int = 2_000_000
    #: a cell longer than this (Excel's own limit per cell) is not read
    max_cell_chars: int = 32_767
    #: strategy.yaml larger than this is not read
    max_yaml_kb: float = 512.0
    #: strategy.yaml nested deeper than this is not read
    max_yaml_depth: int = 40


_ENV = {
    "max_file_mb": ("SOCIAL_STRATEGY_MAX_FILE_MB", float),
    "max_rows": ("SOCIAL_STRATEGY_MAX_ROWS", int),
    "max_cell_chars": ("SOCIAL_STRATEGY_MAX_CELL_CHARS", int),
    "max_yaml_kb": ("SOCIAL_STRATEGY_MAX_YAML_KB", float),
    "max_yaml_depth": ("SOCIAL_STRATEGY_MAX_YAML_DEPTH", int),
}


def limits() -> Limits:
    """The limits in force: the defaults, each overridden by its environment variable when
    that holds a positive number (anything else is ignored)."""
    values = {}
    for name, (var, kind) in _ENV.items():
        text = os.environ.get(var, "").strip()
        try:
            value = kind(text) if text else None
        except ValueError:
            value = None
        if value is not None and value > 0:
            values[name] = value
    return Limits(**values)


def env_name(limit: str) -> str:
    """The environment variable that raises ``limit``."""
    return _ENV[limit][0]


__all__ = ["Limits", "env_name", "limits"]
