"""Step 4's sources and defaults: the benchmarks the chapter cites and every default it
used in place of the firm's own figures."""

from __future__ import annotations

import pandas as pd

from ...results import Source, msg
from ...workspace import Workspace
from .model import Resources

RESPONSE_BENCHMARK = "response_expected"


def add_sources(r: Resources, benchmarks: pd.DataFrame) -> None:
    used: set[str] = set()
    if r.flags.response or "response_hours" not in r.settings.model_fields_set:
        used.add(RESPONSE_BENCHMARK)
    seen = set()
    for _, row in benchmarks[benchmarks["id"].isin(used)].iterrows():
        key = (row["source"], row["study"], row["year"])
        if key in seen:
            continue
        seen.add(key)
        r.section.sources.append(
            Source(
                source=row["source"],
                study=row["study"],
                year=str(row["year"]),
                metric=None,
                confidence=row["confidence"] or None,
                url=row["url"] or None,
                note=row["note"] or None,
            )
        )


def add_defaults(r: Resources, ws: Workspace, times: pd.DataFrame) -> None:
    sec, s = r.section, r.settings
    chosen = s.model_fields_set
    marks = times.set_index("id")
    used = list(dict.fromkeys(n.benchmark for n in r.plan.needs if n.basis == "default"))
    if any(n.count_from == "default" for n in r.plan.needs):
        used.append("answers")
    if any(sc.once for sc in r.scenarios):
        used.append("training")
    # each benchmark's time per task, low to high (resource_times.csv)
    for ref in used:
        low, high = (float(marks.loc[ref, f"value_{end}"]) for end in ("low", "high"))
        sec.defaults.append(msg(f"resources.default.time_{ref}", low=low, high=high))
    if any(sc.code == "rota" for sc in r.scenarios):
        sec.defaults.append(
            msg(
                "resources.default.time_rota",
                evening=float(marks.loc["evening", "value_high"]),
                weekend=float(marks.loc["weekend_day", "value_high"]),
            )
        )
    if any(n.count_from == "days" for n in r.plan.needs) and "days_per_week" not in chosen:
        sec.defaults.append(msg("resources.default.days_per_week", days=s.days_per_week))
    if getattr(ws.strategy, "plan_start", None) is None:
        sec.defaults.append(msg("resources.default.plan_start", month=r.months[0]))
    if "response_hours" not in chosen:
        sec.defaults.append(msg("resources.default.response_hours", hours=s.response_hours))
    if r.work.people and "max_share_pct" not in chosen:
        sec.defaults.append(msg("resources.default.max_share", share=s.max_share_pct))
    if "fte_hours" not in chosen:
        sec.defaults.append(msg("resources.default.fte_hours", hours=s.fte_hours))


__all__ = ["RESPONSE_BENCHMARK", "add_defaults", "add_sources"]
