"""Step 4's charts, in the one chart style (see :mod:`social_strategy.charts`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ...charts import ACCENT, BRAND, INK, LIGHT, MUTED, STYLE, hatch_once, new_figure
from ...workspace.inputs.resources import ACTIVITIES
from .hours import WHOLE, Plan
from .team import Workload

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...i18n import Catalog

#: one shade per activity, from the brand colour to light, hatched for black-and-white print
_SHADES = ("#1f4e5f", "#3f7384", "#6e98a6", "#a3bec7", "#b8651b", "#d89a5f", "#8a969c")
_HATCH = ("", "//", "", "\\\\", "", "..", "xx")


def _numbers(cat: Catalog) -> FuncFormatter:
    """Axis numbers in the catalog's language (1.234,5 in German)."""
    return FuncFormatter(lambda v, _: cat.format_value(v, "num1"))


def hours_by_channel(plan: Plan, available: float | None, cat: Catalog) -> Figure:
    """Stacked bars: required hours per week by channel and activity (upper end), the
    total required against the hours the team has; the low end of the range as a tick."""
    with mpl.rc_context(STYLE):
        groups = [c for c in [*plan.channels, WHOLE] if c in plan.by("channel")]
        labels = [cat.t("resources.chart.whole") if g == WHOLE else g for g in groups]
        rows = [*labels, cat.t("resources.chart.total")]
        fig, ax = new_figure(6.6, 0.5 * (len(rows) + 1) + 1.8)
        y = np.arange(len(rows) + 1)[::-1]
        hatched: dict[int, list] = {}  # activity -> its bars, hatched as one shape each
        for gi, g in enumerate([*groups, None]):
            left = 0.0
            for ai, activity in enumerate(ACTIVITIES):
                hours = sum(
                    n.high
                    for n in plan.needs
                    if n.activity == activity and (g is None or n.channel == g)
                )
                if hours <= 0:
                    continue
                bars = ax.barh(
                    y[gi],
                    hours,
                    left=left,
                    color=_SHADES[ai],
                    edgecolor="white",
                    height=0.6,
                )
                hatched.setdefault(ai, []).extend(bars.patches)
                left += hours
            low = sum(n.low for n in plan.needs if g is None or n.channel == g)
            if low < left - 1e-9:
                ax.plot([low, low], [y[gi] - 0.35, y[gi] + 0.35], color=INK, lw=1.5)
            ax.text(left + 0.3, y[gi], cat.format_value(left, "num1"), va="center", color=INK)
        if available is None:
            ax.text(0.3, y[-1], cat.t("resources.chart.no_team"), va="center", color=MUTED)
        else:
            ax.barh(y[-1], available, color=LIGHT, edgecolor=BRAND, height=0.6)
            ax.text(available + 0.3, y[-1], cat.format_value(available, "num1"), va="center")
            ax.axvline(available, color=ACCENT, ls="--", lw=1)
        ax.set_yticks(y, [*rows, cat.t("resources.chart.available")])
        ax.xaxis.set_major_formatter(_numbers(cat))
        ax.set_xlabel(cat.t("resources.chart.hours_axis"))
        ax.tick_params(axis="y", length=0)
        for ai, bars in hatched.items():
            hatch_once(ax, bars, _HATCH[ai], "white")
        if hatched:  # an empty plan has nothing to explain
            names = {i: cat.t(f"resources.activity.{ACTIVITIES[i]}") for i in hatched}
            fig.legend(
                handles=[_key(i, names[i]) for i in sorted(hatched)],
                loc="outside lower center",
                ncol=3,
                frameon=False,
                fontsize=8,
            )
    return fig


def _key(index: int, label: str) -> Patch:
    """A legend entry: the shade and the hatch of activity or category ``index``."""
    return Patch(
        facecolor=_SHADES[index % len(_SHADES)],
        edgecolor="white",
        hatch=_HATCH[index % len(_HATCH)],
        label=label,
    )


def workload(work: Workload, cat: Catalog) -> Figure:
    """Per person: the hours the plan puts on them (bar) against the hours they have (mark)."""
    with mpl.rc_context(STYLE):
        names = [p.name for p in work.people]
        loads = [p.total for p in work.people]
        hours = [p.hours for p in work.people]
        if work.unassigned:
            names.append(cat.t("resources.chart.unassigned"))
            loads.append(sum(work.unassigned.values()))
            hours.append(0.0)
        fig, ax = new_figure(6.4, 0.45 * len(names) + 1.2)
        y = np.arange(len(names))[::-1]
        for yi, load, have in zip(y, loads, hours, strict=True):
            over = load > have + 1e-9
            ax.barh(yi, load, color=ACCENT if over else BRAND, height=0.55)
            ax.plot([have, have], [yi - 0.4, yi + 0.4], color=INK, lw=2)
            ax.text(
                max(load, have) + 0.3,
                yi,
                cat.t("resources.chart.load_label", load=load, hours=have),
                va="center",
                color=INK,
                fontsize=8,
            )
        ax.set_yticks(y, names)
        ax.set_xlim(0, max([*loads, *hours, 1.0]) * 1.45)
        ax.xaxis.set_major_formatter(_numbers(cat))
        ax.set_xlabel(cat.t("resources.chart.load_axis"))
        ax.tick_params(axis="y", length=0)
    return fig


def budget(table: pd.DataFrame, months: list[str], cat: Catalog) -> Figure:
    """Stacked monthly bars by category over the plan's 12 months."""
    with mpl.rc_context(STYLE):
        fig, ax = new_figure(6.6, 3.2)
        x = np.arange(table.shape[1])
        bottom = np.zeros(table.shape[1])
        keys: list[Patch] = []  # the legend: shade and hatch of each category drawn
        for i, (category, row) in enumerate(table.iterrows()):
            values = row.to_numpy(float)
            if not values.any():
                continue
            bars = ax.bar(
                x, values, bottom=bottom, color=_SHADES[i % len(_SHADES)], edgecolor="white"
            )
            hatch_once(ax, list(bars), _HATCH[i % len(_HATCH)], "white")
            keys.append(_key(i, cat.t(f"resources.category.{category}")))
            bottom += values
        ax.set_xticks(x, months, rotation=45, ha="right")
        ax.set_ylabel(cat.t("resources.chart.euro_axis"))
        ax.yaxis.set_major_formatter(_numbers(cat))
        if keys:
            ax.legend(
                handles=keys,
                loc="upper left",
                bbox_to_anchor=(1.0, 1.0),
                frameon=False,
                fontsize=8,
            )
    return fig


__all__ = ["budget", "hours_by_channel", "workload"]
