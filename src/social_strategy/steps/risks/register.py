"""The risk register on a 5x5 matrix, ranked, each risk with its SCCT crisis cluster.

Score = likelihood x impact (1-25); tiers: low 1-4, medium 5-9, high 10-14, critical 15-25.
The crisis cluster follows Coombs' situational crisis communication theory (SCCT, Coombs
2007): how much responsibility the public attributes to the firm decides how strong the
response must be:

- *victim* (the firm is a victim too: rumours, a hacked account): instruct, inform, help;
- *accidental* (a technical failure, a challenge by critics): explain and inform, justify;
- *preventable* (human error, misconduct, ignored criticism): apologise, compensate, rebuild.

The cluster is a judgement the firm makes, never a default: a register row may name it.
Without it the risk is *to be judged*: the chapter asks the deciding question ("Did the firm
cause it? Could it have prevented it?") and gives the response options of the clusters the
category can fall into (``CANDIDATES``); it never states guilt. An employee's private post
is victim or accidental unless the firm says otherwise. A prepared first response (the
register's ``response``) takes precedence over the general advice of a cluster.
"""

from __future__ import annotations

import csv
from functools import cache

import pandas as pd

from ...paths import REFERENCE

CASES_FILE = REFERENCE / "risk_cases.csv"

TIERS = ((4, "low"), (9, "medium"), (14, "high"), (25, "critical"))
#: the clusters a category can fall into, for the firm to judge when the register does not
#: name one (the options are shown, none is assumed)
CANDIDATES = {
    "hijack": ("victim", "accidental"),
    "contest": ("accidental", "preventable"),
    "criticism": ("accidental", "preventable"),
    "neglect": ("accidental", "preventable"),
    "employee": ("victim", "accidental"),
    "failure": ("accidental", "preventable"),
    "spam": ("accidental", "preventable"),
    "hack": ("victim", "accidental"),
    "rumour": ("victim",),
    "other": ("victim", "accidental", "preventable"),
}
#: the response strength SCCT calls for, by cluster
STRENGTH = {"victim": "instruct", "accidental": "diminish", "preventable": "rebuild"}


def tier(score: int) -> str:
    for upper, name in TIERS:
        if score <= upper:
            return name
    return "critical"


def assess(risks: pd.DataFrame) -> pd.DataFrame:
    """The register ranked by likelihood x impact (impact breaks ties), with tier, the
    firm's crisis cluster (None: to be judged; ``cluster_default`` marks those), the
    clusters its category can fall into and the response strength a named cluster calls
    for (None when to be judged)."""
    columns = [
        "rank", "id", "scenario", "category", "likelihood", "impact", "score", "tier",
        "cluster", "cluster_default", "candidates", "strength", "owner", "early_signals",
        "prevention", "response", "escalation", "_row",
    ]  # fmt: skip
    if risks.empty:
        return pd.DataFrame(columns=columns)
    out = risks.copy()
    out["likelihood"] = out["likelihood"].astype(int)
    out["impact"] = out["impact"].astype(int)
    out["score"] = out["likelihood"] * out["impact"]
    out["tier"] = out["score"].map(tier)
    if "id" not in out.columns:
        out["id"] = None
    out["category"] = out["category"].where(out["category"].isin(list(CANDIDATES)), "other")
    out["cluster"] = [c if isinstance(c, str) and c else None for c in out["cluster"]]
    out["cluster_default"] = out["cluster"].isna()
    out["candidates"] = [list(CANDIDATES[c]) for c in out["category"]]
    out["strength"] = [STRENGTH.get(c) if c else None for c in out["cluster"]]
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


__all__ = ["CANDIDATES", "CASES_FILE", "STRENGTH", "TIERS", "assess", "cases", "tier"]
