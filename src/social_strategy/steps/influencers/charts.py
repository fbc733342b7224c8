"""Step 3's charts: the top accounts and their links, and the spread of the compared sets.

Every label drawn is the account's label from the result (a pseudonym where the person is
pseudonymised), never a handle from the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np

from ...charts import ACCENT, BRAND, INK, LIGHT, MUTED, STYLE, new_figure
from .spread import about

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...i18n import Catalog
    from .model import Influencers

#: colours of the first communities (others grey), readable in black and white by shape
COMMUNITY_COLOURS = (BRAND, ACCENT, "#5b8e7d", "#7a5c99", "#c2a83e", "#4f7cac")
MARKERS = ("o", "s", "D", "^", "v", "P")


def network_picture(r: Influencers, cat: Catalog) -> Figure:
    """The top-ranked accounts (and the chosen set): grey lines join accounts that share an
    audience (accounts interacting with both; width by how many), arrows show who mentions
    whom; node size by followers, colour and shape by community, chosen people outlined."""
    from matplotlib.lines import Line2D

    g, p = r.graph, r.position
    top = list(r.ranked["handle"][: r.settings.top_n])
    # candidates without interaction data have no place in the network: not drawn
    handles = [h for h in dict.fromkeys([*top, *r.chosen]) if h in g.index]
    idx = [g.index[h] for h in handles]
    fans = [set(g.src[g.dst == i].tolist()) for i in idx]
    sub = g.matrix[idx][:, idx].tocoo()
    shared: list[tuple[int, int, int]] = []
    for a in range(len(idx)):
        for b in range(a + 1, len(idx)):
            common = len(fans[a] & fans[b])
            if common:
                shared.append((a, b, common))
    pos = _community_layout([int(p.community[i]) for i in idx])
    followers = dict(zip(r.ranked["handle"], r.ranked["followers"], strict=True))
    with mpl.rc_context(STYLE):
        fig, ax = new_figure(6.6, 4.8)
        ax.set_axis_off()
        most = max((c for _, _, c in shared), default=1)
        for a, b, common in shared:
            (x0, y0), (x1, y1) = pos[a], pos[b]
            ax.plot([x0, x1], [y0, y1], color=LIGHT, lw=0.8 + 5 * common / most, zorder=1)
        for a, b, w in zip(sub.row, sub.col, sub.data, strict=True):
            (x0, y0), (x1, y1) = pos[int(a)], pos[int(b)]
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": MUTED,
                    "lw": 0.6 + min(2.0, np.log1p(w)),
                    "shrinkA": 9,
                    "shrinkB": 9,
                },
                zorder=2,
            )
        for node, handle in enumerate(handles):
            community = int(p.community[idx[node]])
            known = 0 <= community < len(COMMUNITY_COLOURS)
            colour = COMMUNITY_COLOURS[community] if known else MUTED
            marker = MARKERS[community % len(MARKERS)] if community >= 0 else "o"
            f = followers.get(handle)
            size = 40 + 30 * np.log10((f or 0) + 1)
            chosen = handle in r.chosen
            x, y = pos[node]
            ax.scatter(
                [x],
                [y],
                s=size,
                c=colour,
                marker=marker,
                edgecolors=INK if chosen else "white",
                linewidths=2.2 if chosen else 0.8,
                zorder=3,
            )
            label = r.label(handle)
            ax.annotate(
                label if isinstance(label, str) else cat.text(label),
                (x, y),
                xytext=(0, -11),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=7,
                color=INK,
                zorder=4,
            )
        ax.margins(0.12)
        ax.legend(
            handles=[
                Line2D(
                    [],
                    [],
                    marker="o",
                    ls="",
                    mfc="white",
                    mec=INK,
                    mew=2,
                    label=cat.t("influencers.chart.chosen"),
                ),
                Line2D([], [], color=LIGHT, lw=4, label=cat.t("influencers.chart.shared")),
                Line2D(
                    [], [], color=MUTED, lw=1, marker=">", label=cat.t("influencers.chart.mentions")
                ),
            ],
            loc="lower left",
            frameon=False,
            fontsize=7,
        )
    return fig


def _community_layout(communities: list[int]) -> list[tuple[float, float]]:
    """Each community's accounts on a small circle of their own, the communities around a
    large circle: who shares an audience sits together, nothing overlaps, no randomness."""
    groups = list(dict.fromkeys(communities))
    pos: list[tuple[float, float]] = [(0.0, 0.0)] * len(communities)
    for g_i, group in enumerate(groups):
        angle = 2 * np.pi * g_i / len(groups) + np.pi / 2
        cx, cy = (np.cos(angle), np.sin(angle)) if len(groups) > 1 else (0.0, 0.0)
        members = [i for i, c in enumerate(communities) if c == group]
        radius = 0.0 if len(members) == 1 else 0.16 + 0.05 * len(members)
        for m_i, member in enumerate(members):
            a = 2 * np.pi * m_i / len(members) + np.pi / 2
            pos[member] = (cx + radius * np.cos(a), cy + 0.8 * radius * np.sin(a))
    return pos


def spread_bars(r: Influencers, cat: Catalog) -> Figure:
    """Expected spread of the chosen set and of the sets it is compared with, with intervals."""
    rows = [("chosen", r.chosen_spread)] + [(c.name, c.spread) for c in r.comparisons]
    with mpl.rc_context(STYLE):
        fig, ax = new_figure(6.4, 0.5 * len(rows) + 1.0)
        y = np.arange(len(rows))[::-1]
        for yi, (name, est) in zip(y, rows, strict=True):
            ax.barh(
                yi,
                est.mean,
                color=BRAND if name == "chosen" else LIGHT,
                edgecolor=BRAND,
                height=0.6,
            )
            ax.plot([est.low, est.high], [yi, yi], color=ACCENT, lw=2, solid_capstyle="butt")
            ax.text(est.high + 0.3, yi, cat.number(about(est)), va="center", ha="left", color=INK)
        ax.set_yticks(y, [cat.t(f"influencers.set.{name}") for name, _ in rows])
        ax.set_xlabel(cat.t("influencers.chart.spread_axis"))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, max(est.high for _, est in rows) * 1.2 + 1)
    return fig


__all__ = ["COMMUNITY_COLOURS", "MARKERS", "network_picture", "spread_bars"]
