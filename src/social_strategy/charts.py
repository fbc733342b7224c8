"""One chart style for every step: a small palette, readable in black and white.

A step draws its charts with ``with mpl.rc_context(STYLE): fig, ax = new_figure(w, h)`` and
the palette below (a step with several charts may keep them in its own module).

Charts carry axis labels in the report's language (from the catalog); their action titles
and source captions are set by the report around the image, so they are not drawn here.
Figures are made outside pyplot; a notebook shows one with ``display(fig)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Rectangle

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .i18n import Catalog
    from .steps.audience.posting_times import PostingTimes
    from .steps.audience.reach import ChannelReach

BRAND = "#1f4e5f"
ACCENT = "#b8651b"
MUTED = "#8a969c"
LIGHT = "#e9eef0"
INK = "#1d2327"

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "svg.fonttype": "path",
    "figure.dpi": 100,
    # text typed by a client ("$x$", "50$") is drawn as text, never parsed as mathtext
    "text.parse_math": False,
}


def new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot: nothing is shown until a notebook displays it, and nothing
    piles up in pyplot's global list during a render."""
    fig = MplFigure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots()


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
            ax.barh(
                yi,
                r.value,
                color=LIGHT if partial else BRAND,
                edgecolor=BRAND,
                hatch="///" if partial else None,
                height=0.6,
            )
            end = r.value
            if r.high is not None and r.low is not None and r.high - r.low > 0.05:
                ax.plot([r.low, r.high], [yi, yi], color=ACCENT, lw=2, solid_capstyle="butt")
                end = max(end, r.high)
            label = cat.percent(r.value)
            if partial:
                label += " " + cat.t("charts.coverage", coverage=r.coverage)
            ax.text(end + 2, yi, label, va="center", ha="left", color=INK)
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
    """Weekday x hour grid of mean engagement; slots with too few posts are hatched grey,
    the best judged slots outlined."""
    with mpl.rc_context(STYLE):
        means = times.matrix("mean")
        counts = times.matrix("n")
        hours = [h for h in range(24) if not np.all(np.isnan(counts[:, h]))]
        lo, hi = (min(hours), max(hours)) if hours else (0, 23)
        cols = list(range(lo, hi + 1))
        grid = means[:, cols]
        judged = np.where(np.nan_to_num(counts[:, cols]) >= min_per_cell, grid, np.nan)
        fig, ax = new_figure(6.6, 3.0)
        ax.set_facecolor("white")
        thin = ~np.isnan(grid) & np.isnan(judged)
        ax.imshow(
            np.where(thin, 1.0, np.nan), cmap=ListedColormap([LIGHT]), aspect="auto", vmin=0, vmax=1
        )
        image = ax.imshow(judged, cmap="Blues", aspect="auto")
        for r, c in zip(*np.nonzero(thin), strict=True):
            ax.text(c, r, "·", ha="center", va="center", color=MUTED)
        for slot in times.best:
            c = slot.hour - lo
            ax.add_patch(
                Rectangle((c - 0.5, slot.weekday - 0.5), 1, 1, fill=False, edgecolor=ACCENT, lw=2)
            )
        ax.set_yticks(
            range(7),
            [
                cat.t(f"charts.weekday.{d}")
                for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            ],
        )
        ax.set_xticks(range(len(cols)), [str(h) for h in cols])
        ax.set_xlabel(cat.t("charts.hour_axis"))
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.9, pad=0.02)
        bar.set_label(cat.t(f"charts.engagement_{times.metric}"))
        bar.outline.set_visible(False)
    return fig


def show(fig: Figure) -> None:
    """Display a figure in a notebook as PNG (works with any matplotlib backend)."""
    import io

    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    display(Image(data=buffer.getvalue(), format="png"))
