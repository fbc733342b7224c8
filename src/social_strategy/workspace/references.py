"""Checks across tables: ids that must exist elsewhere, and each table's own checks.

They run on every row that passed, also when other rows of the same table failed, so one
``validate`` lists every problem. A referred-to table that is missing or empty is named
once, first, instead of one problem per reference.
"""

from __future__ import annotations

import pandas as pd

from ..errors import Problem
from .inputs import TABLES
from .schema import GOALS, ROW_COLUMN


def cross_check(
    frames: dict[str, pd.DataFrame],
    sources: dict[str, str],
    goal_ids: set[str] | None,
    ids: dict[str, set[str]],
    unreadable: set[str],
) -> list[Problem]:
    """Problems with references between ``frames`` and to the goals of strategy.yaml.

    ``goal_ids`` is None when strategy.yaml could not be read (goal references are then not
    judged); ``ids`` holds every id each table's rows give, valid or not;
    ``unreadable`` names tables whose file is there but could not be read at all.
    """
    problems: list[Problem] = []
    shown_goals = sorted(goal_ids or [])
    known: dict[str, set[str] | None] = {
        GOALS: None if goal_ids is None else {g.lower() for g in goal_ids}
    }
    for name, spec in TABLES.items():
        if name in unreadable:
            known[name] = None
        elif spec.id_columns:
            known[name] = ids.get(name, set())
    missing_named: list[Problem] = []
    for name, spec in TABLES.items():
        frame = frames.get(name)
        if frame is None or frame.empty:
            continue
        for ref in spec.references:
            targets = known.get(ref.target)
            if targets is None:
                continue
            refs = [
                (rec[ROW_COLUMN], ref_id)
                for rec in frame[[ROW_COLUMN, ref.column]].to_dict("records")
                for ref_id in _ids(rec[ref.column])
            ]
            if not refs:
                continue
            if not targets and ref.target != GOALS:
                missing_named.append(_missing_target(ref.target, frames, sources, name, refs))
                continue
            for row, ref_id in refs:
                if ref_id.lower() not in targets:
                    problems.append(
                        Problem(
                            sources[name],
                            f"refers to a {ref.noun} that does not exist",
                            row=row,
                            column=ref.column,
                            value=ref_id,
                            expected=_expected(ref.target, shown_goals),
                        )
                    )
        for check in spec.checks:
            problems.extend(check(frame, sources[name]))
    return missing_named + problems


def _ids(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [str(value)]


def _expected(target: str, goals: list[str]) -> str:
    if target == GOALS:
        return f"a goal id from strategy.yaml ({', '.join(goals) or 'none yet'})"
    return f"an id from {target}"


def _missing_target(
    target: str,
    frames: dict[str, pd.DataFrame],
    sources: dict[str, str],
    referrer: str,
    refs: list[tuple[int, str]],
) -> Problem:
    shown = list(dict.fromkeys(ref_id for _, ref_id in refs))
    state = "has no rows" if target in frames else "is missing"
    file = sources.get(target, f"{target}.csv")
    return Problem(
        file,
        f"the table {state}; {sources[referrer]} refers to {', '.join(shown[:8])}"
        + (" ..." if len(shown) > 8 else ""),
        expected=f"a {target} table with these ids (see docs/workspace.md)",
    )
