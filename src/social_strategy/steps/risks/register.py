"""The risk register on a 5x5 matrix, ranked, each risk with its SCCT crisis cluster.

Score = likelihood x impact (1-25); tiers: low 1-4, medium 5-9, high 10-14, critical 15-25.
The crisis cluster follows Coombs' situational crisis communication theory (SCCT, Coombs
2007): how much responsibility the public attributes to the firm decides how strong the
response must be:

- *victim* (the firm is a victim too: rumours, a hacked account): instruct, inform, help;
- *accidental* (a technical failure, a challenge by critics): explain and inform, justify;
- *preventable* (human error, misconduct, ignored criticism): apologise, compensate, rebuild.

A register row may name its cluster; otherwise the category's usual cluster is taken
(and shown as such).
"""

from __future__ import annotations

import csv
from functools import cache

import pandas as pd

from ...paths import REFERENCE

CASES_FILE = REFERENCE / "risk_cases.csv"

TIERS = ((4, "low"), (9, "medium"), (14, "high"), (25, "critical"))
#: the cluster a category usually falls into, when the register does not say
DEFAULT_CLUSTER = {
    "hijack": "accidental",
    "contest": "accidental",
    "criticism": "preventable",
    "neglect": "preventable",
    "employee": "preventable",
    "failure": "accidental",
    "spam": "preventable",
    "hack": "victim",
    "rumour": "victim",
    "other": "accidental",
}
#: the response strength SCCT calls for, by cluster
STRENGTH = {"victim": "instruct", "accidental": "diminish", "preventable": "rebuild"}


def tier(score: int) -> str:
    for upper, name in TIERS:
        if score <= upper:
            return name
    return "critical"


def assess(risks: pd.DataFrame) -> pd.DataFrame:
    """The register ranked by likelihood x impact (impact breaks ties), with tier, cluster
    (and whether it came from the category) and the response strength it calls for."""
    columns = [
        "rank", "scenario", "category", "likelihood", "impact", "score", "tier", "cluster",
        "cluster_default", "strength", "owner", "early_signals", "prevention", "response",
        "escalation", "_row",
    ]  # fmt: skip
    if risks.empty:
        return pd.DataFrame(columns=columns)
    out = risks.copy()
    out["likelihood"] = out["likelihood"].astype(int)
    out["impact"] = out["impact"].astype(int)
    out["score"] = out["likelihood"] * out["impact"]
    out["tier"] = out["score"].map(tier)
    out["cluster_default"] = out["cluster"].isna()
    out["cluster"] = [
        c if isinstance(c, str) else DEFAULT_CLUSTER[cat]
        for c, cat in zip(out["cluster"], out["category"], strict=True)
    ]
    out["strength"] = out["cluster"].map(STRENGTH)
    out["_order"] = range(len(out))
    out = out.sort_values(["score", "impact", "_order"], ascending=[False, False, True])
    out["rank"] = range(1, len(out) + 1)
    return out[columns].reset_index(drop=True)


@cache
def _cases() -> tuple[dict[str, str], ...]:
    with CASES_FILE.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def cases() -> pd.DataFrame:
    """The reference catalogue of classic cases (data/reference/risk_cases.csv)."""
    return pd.DataFrame(list(_cases()))


__all__ = ["CASES_FILE", "DEFAULT_CLUSTER", "STRENGTH", "TIERS", "assess", "cases", "tier"]
