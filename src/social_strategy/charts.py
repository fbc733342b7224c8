"""One chart style for every step: a small palette, readable in black and white.

A step draws its charts with ``with mpl.rc_context(STYLE): fig, ax = new_figure(w, h)`` and
the palette below (a step with several charts may keep them in its own module).

Charts carry axis labels in the report's language (from the catalog); their action titles
and source captions are set by the report around the image, so they are not drawn here.
Figures are made outside pyplot; a notebook shows one with ``display(fig)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


BRAND = "#1f4e5f"
ACCENT = "#b8651b"
MUTED = "#5b666d"  # 5.9:1 on white: readable as text
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
    "svg.fonttype": "none",  # text stays text (results.SVG_RC sets it where figures are saved)
    "figure.dpi": 100,
    # text typed by a client ("$x$", "50$") is drawn as text, never parsed as mathtext
    "text.parse_math": False,
}


def new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot: nothing is shown until a notebook displays it, and nothing
    piles up in pyplot's global list during a render."""
    fig = MplFigure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots()


def hatch_once(
    ax: Axes,
    patches: list[Any],
    hatch: str,
    colour: str,
    *,
    face: str = "none",
    zorder: float | None = None,
) -> Any:
    """One hatched shape over all of ``patches`` (drawn in data coordinates), instead of a
    hatch on each: the SVG then holds one pattern fill where it held one per bar or cell, and
    every pattern fill is drawn on its own when the PDF is written (131 of them took about
    a quarter of the PDF's writing time). The look is the same; the bars keep their colour.
    Returns the shape (``None`` when there is nothing to hatch or no hatch)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    paths = [p.get_path().transformed(p.get_patch_transform()) for p in patches]
    if not paths or not hatch:
        return None
    shape = PathPatch(
        Path.make_compound_path(*paths),
        facecolor=face,
        edgecolor=colour,
        hatchcolor=colour,
        hatch=hatch,
        lw=0,
        zorder=patches[0].get_zorder() if zorder is None else zorder,
    )
    ax.add_patch(shape)
    return shape


def for_phone(fig: Figure, width: float) -> None:
    """Re-lay ``fig`` out ``width`` inches wide for a phone, text size unchanged: labels
    that would leave the figure wrap, and crowded tick labels are thinned out."""
    import math

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_size_inches(width, fig.get_size_inches()[1] * 1.15)
    for ax in fig.axes:
        for text in ax.texts:
            text.set_wrap(True)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()  # tick label sizes are known only after a draw
        renderer = canvas.get_renderer()
        for axis in (ax.xaxis,):
            labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            if len(labels) < 2:
                continue
            needed = sum(t.get_window_extent(renderer).width for t in labels) * 1.4
            room = ax.get_window_extent(renderer).width
            step = math.ceil(needed / room) if room > 0 else 1
            for i, label in enumerate(labels):
                label.set_visible(i % step == 0)


def png_image(fig: Figure) -> Any:
    """A figure as a notebook PNG image, kept within the cell's width (projector zoom)."""
    import io

    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return Image(data=buffer.getvalue(), format="png")


def show(fig: Figure) -> None:
    """Display a figure in a notebook as PNG (works with any matplotlib backend)."""
    from IPython.display import display

    display(png_image(fig))


__all__ = [
    "ACCENT",
    "BRAND",
    "INK",
    "LIGHT",
    "MUTED",
    "STYLE",
    "for_phone",
    "hatch_once",
    "new_figure",
    "png_image",
    "show",
]
