"""Step 2's chart: value against promotion, week by week."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ...charts import ACCENT, BRAND, INK, LIGHT, MUTED, STYLE, hatch_once, new_figure
from .plan_checks import MIN_POSTS_FOR_SHARE, week_allows

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...i18n import Catalog

#: kinds bottom to top: what helps the reader first, promotion and contests on top
COLOURS = {"value": BRAND, "service": MUTED, "promotion": ACCENT, "contest": LIGHT}
#: hatches keep promotion and contests apart in black-and-white print
HATCH = {"promotion": "///", "contest": "xx"}


def mix_by_week(weekly: pd.DataFrame, cat: Catalog, limit_pct: float) -> Figure:
    """Stacked bars of planned posts per week by kind; above each bar the week's promotion:
    a share where the week has at least ``MIN_POSTS_FOR_SHARE`` posts, else a count
    (promotion/posts); in bold where the week holds more promotion than allowed (one a week
    always, more as 80/20 allows), the same rule as the plan check."""
    with mpl.rc_context(STYLE):
        weeks = list(weekly.index)
        fig, ax = new_figure(max(4.0, 0.45 * len(weeks) + 1.6), 3.6)
        x = np.arange(len(weeks))
        bottom = np.zeros(len(weeks))
        for kind, colour in COLOURS.items():
            values = weekly[kind].to_numpy(dtype=float) if kind in weekly else np.zeros(len(x))
            edge = INK if kind == "contest" else "white"
            bars = ax.bar(
                x,
                values,
                bottom=bottom,
                color=colour,
                edgecolor=edge,
                linewidth=[0.6 if v > 0 else 0 for v in values],
                width=0.7,
                label=cat.t(f"communities.kind.{kind}"),
            )
            if kind in HATCH:  # one hatched shape over the kind's bars (charts.hatch_once)
                drawn = [b for b, v in zip(bars, values, strict=True) if v > 0]
                hatch_once(ax, drawn, HATCH[kind], edge)
            bottom += values
        promo = weekly["promotion"].to_numpy(dtype=float) if "promotion" in weekly else 0 * x
        for xi, total, p in zip(x, bottom, promo, strict=True):
            if total <= 0:
                continue
            # a share only where the week has enough posts; else the count ("1/2")
            enough = total >= MIN_POSTS_FOR_SHARE
            label = cat.percent(p / total * 100) if enough else f"{int(p)}/{int(total)}"
            over = p > week_allows(int(total), limit_pct / 100)
            ax.text(
                xi,
                total + 0.1,
                label,
                ha="center",
                va="bottom",
                fontsize=7,
                color=INK,
                fontweight="bold" if over else "normal",
            )
        ax.set_xticks(x, [w.split("-")[1] for w in weeks], rotation=90 if len(x) > 16 else 0)
        ax.set_xlabel(cat.t("communities.chart.week_axis"))
        ax.set_ylabel(cat.t("communities.chart.posts_axis"))
        ax.set_ylim(0, max(bottom.max() if len(bottom) else 1, 1) * 1.25)
        handles = [
            Patch(
                facecolor=colour,
                edgecolor=INK if kind == "contest" else "white",
                hatch=HATCH.get(kind),
                label=cat.t(f"communities.kind.{kind}"),
            )
            for kind, colour in COLOURS.items()
        ]
        # below the chart, two columns: it stays readable when redrawn for a phone
        fig.legend(handles=handles, frameon=False, ncols=2, loc="outside lower center", fontsize=7)
    return fig


__all__ = ["COLOURS", "HATCH", "mix_by_week"]
