"""Load a client's workspace and validate all of it in one pass.

Every problem found (in ``strategy.yaml``, in every row of every table, and in the
references between them) is collected; if there are any, one
:class:`~social_strategy.errors.InputError` carries them all. The loader knows no table by
name: the tables, their checks and their references come from :mod:`.inputs`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from .model import Workspace
from .references import cross_check
from .rows import raw_ids, validate_table
from .sources import table_sources
from .strategy_file import load_strategy


def load_workspace(path: Path | str) -> Workspace:
    """Read and validate ``strategy.yaml`` and every table; raise one InputError for all."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise InputError(
            [
                Problem(
                    str(root),
                    "the workspace folder does not exist",
                    expected="a folder made by `social-strategy new`",
                )
            ]
        )
    problems: list[Problem] = []
    strategy, goal_ids = load_strategy(root, problems)
    frames: dict[str, pd.DataFrame] = {}
    sources: dict[str, str] = {}
    unreadable: set[str] = set()
    ids: dict[str, set[str]] = {}
    for spec, source, reader in table_sources(root, strategy, problems):
        raw = reader()
        if isinstance(raw, Problem):
            problems.append(raw)
            unreadable.add(spec.name)
            continue
        ids[spec.name] = raw_ids(spec, raw)
        frame = validate_table(spec, raw, problems)
        if frame is None:
            unreadable.add(spec.name)
            continue
        frames[spec.name] = frame
        sources[spec.name] = source
    problems.extend(cross_check(frames, sources, goal_ids, ids, unreadable))
    if problems or strategy is None:
        raise InputError(problems)
    return Workspace(root.resolve(), strategy, frames, sources)


__all__ = ["load_workspace"]
