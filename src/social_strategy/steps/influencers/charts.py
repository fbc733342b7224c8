"""Step 3's charts: the top accounts and their links, and the spread of the compared sets.

Every label drawn is the account's label from the result (a pseudonym where the person is
pseudonymised), never a handle from the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np

from ...charts import ACCENT, BRAND, INK, LIGHT, MUTED, STYLE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...i18n import Catalog
    from .chapter import Influencers

#: colours of the first communities (others grey), readable in black and white by shape
COMMUNITY_COLOURS = (BRAND, ACCENT, "#5b8e7d", "#7a5c99", "#c2a83e", "#4f7cac")
MARKERS = ("o", "s", "D", "^", "v", "P")


def network_picture(r: Influencers, cat: Catalog) -> Figure:
    """The top-ranked accounts (and the chosen set) with the interactions between them:
    node size by followers, colour and shape by community, chosen people outlined."""
    import networkx as nx

    g, p = r.graph, r.position
    top = list(r.ranked["handle"][: r.settings.top_n])
    handles = list(dict.fromkeys([*top, *r.chosen]))
    idx = [g.index[h] for h in handles]
    sub = g.matrix[idx][:, idx].tocoo()
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(idx)))
    graph.add_weighted_edges_from(
        (int(a), int(b), float(w)) for a, b, w in zip(sub.row, sub.col, sub.data, strict=True)
    )
    pos = nx.spring_layout(
        graph.to_undirected(), seed=r.settings.seed, k=1.2 / np.sqrt(len(idx) or 1)
    )
    followers = dict(zip(r.ranked["handle"], r.ranked["followers"], strict=True))
    with mpl.rc_context(STYLE):
        fig, ax = new_figure(6.6, 4.6)
        ax.set_axis_off()
        for a, b, w in graph.edges(data="weight"):
            (x0, y0), (x1, y1) = pos[a], pos[b]
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": MUTED,
                    "lw": 0.6 + min(2.5, np.log1p(w)),
                    "shrinkA": 9,
                    "shrinkB": 9,
                    "alpha": 0.8,
                },
            )
        for node, handle in enumerate(handles):
            community = int(p.community[idx[node]])
            colour = (
                COMMUNITY_COLOURS[community] if 0 <= community < len(COMMUNITY_COLOURS) else MUTED
            )
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
            ax.text(
                x, y - 0.09, r.label(handle), ha="center", va="top", fontsize=7, color=INK, zorder=4
            )
        ax.margins(0.12)
        ax.scatter(
            [],
            [],
            s=60,
            c=LIGHT,
            edgecolors=INK,
            linewidths=2.2,
            label=cat.t("influencers.chart.chosen"),
        )
        ax.legend(loc="lower left", frameon=False, fontsize=7)
    return fig


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
            ax.text(est.high + 0.3, yi, cat.number(est.mean, 1), va="center", ha="left", color=INK)
        ax.set_yticks(y, [cat.t(f"influencers.set.{name}") for name, _ in rows])
        ax.set_xlabel(cat.t("influencers.chart.spread_axis"))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, max(est.high for _, est in rows) * 1.2 + 1)
    return fig
