"""Step 5's charts: the risk matrix, the spread curve, mention volume against its baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from ...charts import ACCENT, BRAND, INK, LIGHT, MUTED, STYLE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...i18n import Catalog

#: cell shades by tier, light to dark (readable in black and white)
TIER_SHADE = {"low": "#f4f6f7", "medium": "#dfe6e9", "high": "#b9c7cd", "critical": "#8fa4ad"}


def matrix(register: pd.DataFrame, cat: Catalog) -> Figure:
    """5x5 likelihood x impact grid shaded by tier; each risk shown by its rank number."""
    from .register import tier

    with mpl.rc_context(STYLE):
        fig, ax = new_figure(5.2, 4.4)
        for li in range(1, 6):
            for im in range(1, 6):
                ax.add_patch(
                    Rectangle(
                        (im - 0.5, li - 0.5),
                        1,
                        1,
                        facecolor=TIER_SHADE[tier(li * im)],
                        edgecolor="white",
                        lw=2,
                    )
                )
        cells: dict[tuple[int, int], list[str]] = {}
        for _, r in register.iterrows():
            cells.setdefault((int(r["impact"]), int(r["likelihood"])), []).append(str(r["rank"]))
        for (im, li), ranks in cells.items():
            text = ", ".join(ranks[:4]) + (" …" if len(ranks) > 4 else "")
            ax.text(im, li, text, ha="center", va="center", color=INK, fontweight="bold")
        ax.set_xlim(0.5, 5.5)
        ax.set_ylim(0.5, 5.5)
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.set_xlabel(cat.t("risks.chart.impact"))
        ax.set_ylabel(cat.t("risks.chart.likelihood"))
        ax.set_aspect("equal")
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
    return fig


def spread_curve(table: pd.DataFrame, response_hours: float, cat: Catalog) -> Figure:
    """Expected reach (with its interval) and the 90th percentile against response time."""
    with mpl.rc_context(STYLE):
        fig, ax = new_figure(6.4, 3.4)
        x = table["response_hours"]
        ax.fill_between(x, table["low"], table["high"], color=LIGHT, lw=0)
        ax.plot(x, table["mean"], color=BRAND, lw=2, label=cat.t("risks.chart.mean"))
        ax.plot(x, table["p90"], color=ACCENT, lw=1.5, ls="--", label=cat.t("risks.chart.p90"))
        ax.axvline(response_hours, color=MUTED, lw=1, ls=":")
        ax.set_ylim(bottom=0)
        ax.text(
            response_hours,
            ax.get_ylim()[1] * 0.45,
            " " + cat.t("risks.chart.your_response"),
            color=INK,
            va="center",
            ha="left",
        )
        ax.set_xlabel(cat.t("risks.chart.response_hours"))
        ax.set_ylabel(cat.t("risks.chart.reach"))
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: cat.number(v))  # local thousands
        )
        ax.set_xlim(float(x.min()), float(x.max()))
        ax.set_ylim(bottom=0)
        ax.legend(frameon=False, loc="upper left")
    return fig


def volume(days: pd.DataFrame, cat: Catalog) -> Figure:
    """Mentions per day, the baseline level, spikes marked (severe ones filled)."""
    with mpl.rc_context(STYLE):
        fig, ax = new_figure(6.8, 3.0)
        x = np.arange(len(days))
        ax.bar(x, days["count"], color=BRAND, width=0.8, label=cat.t("risks.chart.per_day"))
        ax.plot(x, days["level"], color=ACCENT, lw=1.5, label=cat.t("risks.chart.baseline"))
        for tier_name, marker in (("spike", "v"), ("severe", "v")):
            hit = days["tier"].to_numpy() == tier_name
            if hit.any():
                ax.scatter(
                    x[hit],
                    days["count"].to_numpy()[hit] * 1.04 + 0.3,
                    marker=marker,
                    s=50,
                    facecolor=INK if tier_name == "severe" else "white",
                    edgecolor=INK,
                    label=cat.t(f"risks.tier_spike.{tier_name}"),
                    zorder=3,
                )
        step = max(1, -(-len(days) // 6))
        ax.set_xticks(x[::step], [cat.date(d.date()) for d in days.index[::step]], rotation=0)
        ax.set_ylabel(cat.t("risks.chart.mentions"))
        ax.set_ylim(bottom=0)
        ax.legend(frameon=False, loc="upper left", fontsize=8)
    return fig


__all__ = ["TIER_SHADE", "matrix", "spread_curve", "volume"]
