"""Checks across tables: ids that must exist elsewhere, and each table's own checks.

They run on every row that passed, also when other rows of the same table failed, so one
``validate`` lists every problem. A referred-to table that is missing or empty is named
once, first, instead of one problem per reference.
"""

from __future__ import annotations

import re

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
    known = _known_ids(goal_ids, ids, unreadable)
    missing_refs: dict[str, dict[str, list[str]]] = {}  # target -> referrer -> ids
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
                listed = missing_refs.setdefault(ref.target, {}).setdefault(sources[name], [])
                listed.extend(ref_id for _, ref_id in refs)
                continue
            problems.extend(_unknown_refs(ref, refs, targets, sources[name], shown_goals, sources))
        for check in spec.checks:
            problems.extend(check(frame, sources[name]))
    missing_named = [
        _missing_target(target, frames, sources, referrers)
        for target, referrers in missing_refs.items()
    ]
    return missing_named + problems


def _known_ids(
    goal_ids: set[str] | None, ids: dict[str, set[str]], unreadable: set[str]
) -> dict[str, set[str] | None]:
    """The ids each referable table (and the goals) gives, lower-cased for the goals; None
    where they cannot be judged (strategy.yaml or the table unreadable)."""
    known: dict[str, set[str] | None] = {
        GOALS: None if goal_ids is None else {g.lower() for g in goal_ids}
    }
    for name, spec in TABLES.items():
        if name in unreadable:
            known[name] = None
        elif spec.id_columns:
            known[name] = ids.get(name, set())
    return known


def _unknown_refs(
    ref, refs: list, targets: set[str], file: str, shown_goals: list[str], sources
) -> list[Problem]:
    """A problem for each reference (row, id) to an id the target does not give."""
    return [
        Problem(
            file,
            f"refers to a {ref.noun} that does not exist",
            row=row,
            column=ref.column,
            value=ref_id,
            expected=_expected(ref.target, shown_goals),
            **_coded(ref.target, ref_id, shown_goals, sources),
        )
        for row, ref_id in refs
        if ref_id.lower() not in targets
    ]


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


def _coded(
    target: str, ref_id: str, goals: list[str], sources: dict[str, str]
) -> dict[str, object]:
    """Catalog keys and values of an unknown reference: the id, and the goals or the table
    (as the file is named) it should be in."""
    if target == GOALS:
        return dict(
            code="problem.unknown_goal",
            expected_code="problem.expect.goal_id" if goals else "problem.expect.no_goals",
            params={"id": ref_id, "ids": ", ".join(goals), "file": "strategy.yaml"},
        )
    return dict(
        code="problem.unknown_ref",
        expected_code="problem.expect.id_from",
        params={"id": ref_id, "table": sources.get(target, f"{target}.csv")},
    )


def _missing_target(
    target: str,
    frames: dict[str, pd.DataFrame],
    sources: dict[str, str],
    referrers: dict[str, list[str]],
) -> Problem:
    """One problem for a referred-to table that is missing or has no rows, naming every
    table that refers to it and the ids it refers to."""
    state = "has no rows" if target in frames else "is missing"
    file = sources.get(target, f"{target}.csv")
    parts = []
    for referrer, ids in referrers.items():
        shown = sorted(dict.fromkeys(ids), key=_natural)
        parts.append(
            f"{referrer} refers to {', '.join(shown[:8])}" + (" ..." if len(shown) > 8 else "")
        )
    return Problem(
        file,
        f"the table {state}; {'; '.join(parts)}",
        expected=f"a {target} table with these ids (see docs/workspace.md)",
    )


def _natural(text: str) -> tuple:
    """``S2`` before ``S10``."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text))


__all__ = ["cross_check"]
