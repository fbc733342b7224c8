"""What a render records for the next one to compare with: ``results/inputs/_snapshot.json``.

A snapshot holds, language-neutral,
- every workspace table's fingerprint (the file's hash, its rows) and, per row, a key (the
  table's id columns) with a hash of the row and, for tables of up to
  :data:`MAX_VALUE_ROWS` rows, the row's cells as text: so the review can say which rows
  were added, removed or edited, and in which columns;
- the KPIs measured from the exports (:mod:`social_strategy.measures`), with the raw counts
  the review's statistics need (events and weeks, successes and trials, per-post values);
- the goals of strategy.yaml with their targets, due dates and any value measured by hand.

The pipeline writes it after the notebooks ran; the report reads it (untrusted, like every
results file) from this render and from the earlier one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from .results import INPUTS, read_result, write_atomic

SNAPSHOT = f"{INPUTS}/_snapshot.json"
#: tables with more rows record only counts and hashes per row, not the cells
MAX_VALUE_ROWS = 300
#: tables with more rows record only their fingerprint and row count
MAX_KEYED_ROWS = 5000
#: per-post values kept for a KPI's statistics (the most recent)
MAX_SAMPLES = 2000
#: the quarter before the report date that KPIs with times are measured over
WINDOW_DAYS = 91


class TableRecord(BaseModel):
    """One workspace table as read for a render."""

    #: the file (or workbook sheet) it came from, relative to the workspace
    file: str | None = None
    sha: str = "absent"
    rows: int = 0
    #: the columns a row's key is made of
    key_columns: list[str] = []
    #: row key -> a short hash of the row's cells
    row_hashes: dict[str, str] = {}
    #: row key -> column -> the cell as text (small tables only)
    row_values: dict[str, dict[str, str]] = {}


class Measure(BaseModel):
    """One KPI measured from the workspace's exports, with what its statistics need."""

    #: followers | posts_week | planned_posts_week | engagement | reach | mentions_week |
    #: answered
    kpi: str
    #: a platform, or None for all channels together
    channel: str | None = None
    value: float | None = None
    #: count: counted, not sampled | rate: events per week | share: k of n | mean: per post
    basis: Literal["count", "rate", "share", "mean"] = "count"
    events: int | None = None
    weeks: float | None = None
    k: int | None = None
    n: int | None = None
    samples: list[float] = []
    window_start: dt.date | None = None
    window_end: dt.date | None = None


class GoalRecord(BaseModel):
    id: str
    goal: str
    metric: str
    baseline: float | None = None
    target: float
    unit: str | None = None
    due: dt.date
    #: a value measured by hand (strategy.yaml ``measured``), with its date
    measured: float | None = None
    measured_on: dt.date | None = None


class Snapshot(BaseModel):
    report_date: dt.date
    #: when the plan's goals started counting (strategy.yaml ``plan_start``, else the date)
    start: dt.date | None = None
    tables: dict[str, TableRecord] = {}
    measures: list[Measure] = []
    goals: list[GoalRecord] = []


def write_snapshot(results_dir: Path | str, snapshot: Snapshot) -> Path:
    path = Path(results_dir) / SNAPSHOT
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(json.loads(snapshot.model_dump_json()), ensure_ascii=False))
    return path


def read_snapshot(results_dir: Path | str) -> Snapshot | None:
    """The render's snapshot, checked like every results file; None when the render has
    none (made before snapshots were recorded)."""
    path = Path(results_dir) / SNAPSHOT
    if not path.is_file():
        return None
    return read_result(path, Snapshot)


__all__ = [
    "MAX_KEYED_ROWS",
    "MAX_SAMPLES",
    "MAX_VALUE_ROWS",
    "SNAPSHOT",
    "WINDOW_DAYS",
    "GoalRecord",
    "Measure",
    "Snapshot",
    "TableRecord",
    "read_snapshot",
    "write_snapshot",
]
