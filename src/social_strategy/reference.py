"""Published reference figures: platform use by age group, effort benchmarks.

Each figure keeps its source, study, year, metric and confidence. Nothing is interpolated;
a missing figure stays missing.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .paths import REFERENCE
from .results import Source
from .workspace.inputs.audience import MAX_AGE
from .workspace.platforms import canonical_platform

__all__ = [
    "AGE_CAP",
    "age_range",
    "benchmarks",
    "canonical_platform",
    "platform_use",
    "resource_times",
    "source_of",
]

#: open-ended age bands (``65+``) and segment bands are capped here
AGE_CAP = MAX_AGE


def age_range(band: str) -> tuple[int, int] | None:
    """``'14-29'`` -> (14, 30), ``'65+'`` -> (65, 90), ``'all'`` -> None (half-open ranges)."""
    band = str(band).strip().lower().replace(" ", "")
    if band == "all":
        return None
    if band.endswith("+"):
        return int(band[:-1]), AGE_CAP
    low, high = band.split("-")
    return int(low), min(int(high) + 1, AGE_CAP)


@cache
def _platform_use() -> pd.DataFrame:
    frame = pd.read_csv(REFERENCE / "platform_use_by_age.csv", dtype=str, keep_default_na=False)
    frame["value_pct"] = frame["value_pct"].astype(float)
    frame["year"] = [
        (p or f)[:4] for p, f in zip(frame["published"], frame["fielded"], strict=True)
    ]
    frame["published_sort"] = [
        p or f for p, f in zip(frame["published"], frame["fielded"], strict=True)
    ]
    frame["ref_id"] = [f"ref{i}" for i in range(len(frame))]
    return frame


def platform_use() -> pd.DataFrame:
    """The platform-use figures (a copy: callers may filter and annotate freely)."""
    return _platform_use().copy()


def source_of(row: pd.Series) -> Source:
    """A reference row as a citation for the report."""
    return Source(
        source=row["source"],
        study=row["study"],
        year=row["year"],
        metric=row["metric"],
        confidence=row["confidence"] or None,
        url=row["source_url"] or None,
        note=row["note"] or None,
    )


@cache
def _ranges(name: str) -> pd.DataFrame:
    """A reference table of ranges (``value_low``, ``value_high`` as numbers, the rest as
    text), read once."""
    frame = pd.read_csv(REFERENCE / name, dtype=str, keep_default_na=False)
    for col in ("value_low", "value_high"):
        frame[col] = frame[col].astype(float)
    return frame


def benchmarks() -> pd.DataFrame:
    """Effort and response-time benchmarks (defaults for resource planning)."""
    return _ranges("resource_benchmarks.csv").copy()


def resource_times() -> pd.DataFrame:
    """Time per post, answer, monitoring day and report (step 4's plan-based hours)."""
    return _ranges("resource_times.csv").copy()
