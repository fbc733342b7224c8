"""Step 1's charts: reach per channel and the posting-time heatmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.patches import Patch, Rectangle

from ...charts import ACCENT, BRAND, INK, LIGHT, MUTED, STYLE, hatch_once, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...i18n import Catalog
    from .posting_times import PostingTimes
    from .reach import ChannelReach


def reach_by_channel(rows: list[ChannelReach], cat: Catalog, threshold: float) -> Figure:
    """Horizontal bars: weighted reach per channel (longest on top, so the headline that
    names the longest bar names the top one), the range across studies or the survey's
    interval as a whisker, the go/no-go threshold as a dashed line; each channel's metric
    under its name; channels without data named as such. Value labels sit right of the
    whisker, never on it."""
    with mpl.rc_context(STYLE):
        rows = sorted(rows, key=lambda r: (r.value is None, -(r.value or 0)))
        fig, ax = new_figure(6.6, 0.55 * len(rows) + 1.1)
        y = np.arange(len(rows))[::-1]
        hatched: list[Rectangle] = []  # channels with partial data, hatched as one shape
        for yi, r in zip(y, rows, strict=True):
            if r.value is None:
                ax.text(
                    1,
                    yi,
                    cat.t("charts.no_data"),
                    va="center",
                    ha="left",
                    color=MUTED,
                    fontstyle="italic",
                )
                continue
            partial = not r.known
            bars = ax.barh(
                yi, r.value, color=LIGHT if partial else BRAND, edgecolor=BRAND, height=0.6
            )
            if partial:
                hatched.extend(bars.patches)
            end = r.value
            if r.high is not None and r.low is not None and r.high - r.low > 0.05:
                ax.plot([r.low, r.high], [yi, yi], color=ACCENT, lw=2, solid_capstyle="butt")
                end = max(end, r.high)
            label = cat.percent(r.value)
            if partial:
                label += " " + cat.t("charts.coverage", coverage=r.coverage)
            ax.text(end + 2, yi, label, va="center", ha="left", color=INK)
        hatch_once(ax, hatched, "///", BRAND)
        ax.axvline(threshold, color=ACCENT, ls="--", lw=1)
        ax.set_yticks(y, [_channel_label(r, cat) for r in rows])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_xlim(0, 130)
        ax.set_xticks([0, 20, 40, 60, 80, 100], [cat.percent(v) for v in (0, 20, 40, 60, 80, 100)])
        ax.set_xlabel(cat.t("charts.reach_axis"))
        ax.tick_params(axis="y", length=0)
    return fig


def _channel_label(r: ChannelReach, cat: Catalog) -> str:
    """``Instagram`` over its metric (``weekly use``): the metric is named on every figure."""
    if not r.metric:
        return r.platform
    key = "".join(c if c.isalnum() else "_" for c in r.metric.lower()).strip("_")
    key = key.replace("__", "_")
    code = f"audience.metric.{key}"
    return f"{r.platform}\n{cat.t(code) if cat.has(code) else r.metric}"


def posting_heatmap(times: PostingTimes, cat: Catalog, min_per_cell: int) -> Figure:
    """Weekday x all 24 hours: each judged slot coloured by its median ratio to the account's
    level (diverging around 1 = usual, value written in the cell); slots with too few posts
    light grey with a dot; slots without posts white and hatched; slots shown to be better
    (error controlled over all slots) outlined."""
    with mpl.rc_context(STYLE):
        ratio = times.matrix("ratio")
        counts = np.nan_to_num(times.matrix("n"))
        judged = np.isfinite(times.matrix("p"))
        thin = (counts > 0) & ~judged
        empty = counts == 0
        fig, ax = new_figure(7.0, 3.3)
        ax.set_facecolor("white")
        shown = np.where(judged, ratio, np.nan)
        finite = shown[np.isfinite(shown)]
        # at least 0.5x to 2x, at most 1/8x to 8x (beyond: the end colour)
        widest = float(np.max(np.abs(np.log(finite)))) if finite.size else 0.0
        span = min(max(np.log(2.0), widest), np.log(8.0))
        norm = LogNorm(vmin=float(np.exp(-span)), vmax=float(np.exp(span)))
        image = ax.imshow(shown, cmap="PuOr", norm=norm, aspect="auto")
        for r, c in zip(*np.nonzero(thin), strict=True):
            ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=LIGHT, edgecolor="white"))
            ax.text(c, r, "·", ha="center", va="center", color=MUTED)
        # the slots without posts: white and hatched, all of them one shape (one pattern
        # fill in the SVG, see charts.hatch_once)
        hatch_once(
            ax,
            [Rectangle((c - 0.5, r - 0.5), 1, 1) for r, c in zip(*np.nonzero(empty), strict=True)],
            "////",
            LIGHT,
            face="white",
            zorder=1,
        )
        for r, c in zip(*np.nonzero(judged), strict=True):
            value = ratio[r, c]
            dark = abs(np.log(value)) > 0.6 * span
            ax.text(
                c,
                r,
                cat.number(round(float(value), 1), 1),
                ha="center",
                va="center",
                fontsize=6,
                color="white" if dark else INK,
            )
        for slot in times.better:
            ax.add_patch(
                Rectangle(
                    (slot.hour - 0.5, slot.weekday - 0.5),
                    1,
                    1,
                    fill=False,
                    edgecolor=ACCENT,
                    lw=2.2,
                )
            )
        ax.set_xlim(-0.5, 23.5)
        ax.set_ylim(6.5, -0.5)
        ax.set_yticks(
            range(7),
            [
                cat.t(f"charts.weekday.{d}")
                for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            ],
        )
        ax.set_xticks(range(24), [str(h) for h in range(24)])
        ax.set_xlabel(cat.t("charts.hour_axis"))
        ax.tick_params(length=0, labelsize=7)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ticks = [
            t
            for t in (0.125, 0.25, 0.5, 0.67, 1.0, 1.5, 2.0, 4.0, 8.0)
            if norm.vmin <= t <= norm.vmax
        ]
        bar = fig.colorbar(image, ax=ax, shrink=0.9, pad=0.02, ticks=ticks)
        bar.ax.minorticks_off()
        bar.set_ticks(
            ticks, labels=[cat.number(t, 2 if t in (0.67, 0.125) else 1) + " ×" for t in ticks]
        )
        bar.set_label(cat.t("audience.chart.ratio_axis"))
        bar.outline.set_visible(False)
        ax.legend(
            handles=[
                Patch(
                    facecolor=LIGHT,
                    edgecolor=MUTED,
                    label=cat.t("audience.chart.few", min=min_per_cell),
                ),
                Patch(
                    facecolor="white",
                    edgecolor=MUTED,
                    hatch="////",
                    label=cat.t("audience.chart.none"),
                ),
            ],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.18),
            ncol=2,
            frameon=False,
            fontsize=7,
        )
    return fig


__all__ = ["posting_heatmap", "reach_by_channel"]
