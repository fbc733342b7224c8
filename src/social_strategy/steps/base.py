"""The step contract: what every step of the method takes and gives.

A step is a module (or package) with ``run(ws, ctx) -> StepResult``. It reads the validated
workspace and a :class:`Context` (report date, reference data, its settings, the results of
the earlier steps it builds on) and returns a :class:`StepResult`: the language-neutral
:class:`~social_strategy.results.SectionResult` for the report and the functions that draw
the figures it declares. A figure is declared and given its drawing in one call
(:meth:`StepResult.add_figure`), so a chapter can never name a chart that is not drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..results import FigureRef, Message, SectionResult

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from ..i18n import Catalog

#: draws one figure in the given language
Drawer = Callable[["Catalog"], "Figure"]


class Reference:
    """Published reference data, read once when first used (data/reference)."""

    def __init__(self, platform_use: pd.DataFrame | None = None) -> None:
        if platform_use is not None:
            self.__dict__["platform_use"] = platform_use

    @cached_property
    def platform_use(self) -> pd.DataFrame:
        from ..reference import platform_use

        return platform_use()


@dataclass(frozen=True)
class Context:
    """What a step is given besides the workspace."""

    report_date: dt.date
    reference: Reference = field(default_factory=Reference)
    #: the step's block of ``settings:`` in strategy.yaml (None for a step without settings)
    settings: Any = None
    #: results of the earlier steps this step builds on, by step name
    earlier: Mapping[str, StepResult] = field(default_factory=dict)


@dataclass
class StepResult:
    """A step's result: its section for the report and how to draw the figures it declares."""

    section: SectionResult
    drawers: dict[str, Drawer] = field(default_factory=dict, repr=False)
    #: row-level tables saved beside the JSON as ``<section>_<name>.csv`` (language-neutral
    #: codes; cells a spreadsheet would run as formulas already neutralised)
    files: dict[str, Any] = field(default_factory=dict, repr=False)

    def add_figure(
        self, name: str, title: Message, caption: Message, alt: Message, draw: Drawer
    ) -> None:
        """Declare a figure for the chapter together with the function that draws it."""
        self.section.figures.append(FigureRef(name=name, title=title, caption=caption, alt=alt))
        self.drawers[name] = draw

    def figures(self, cat: Catalog) -> dict[str, Figure]:
        """Every declared figure, drawn with the labels of ``cat``'s language."""
        return {name: draw(cat) for name, draw in self.drawers.items()}


@dataclass(frozen=True)
class Step:
    """One step of the method as the registry lists it."""

    name: str
    order: int
    #: the module that holds ``run(ws, ctx)``
    module: str
    #: names of the earlier steps whose results this step reads
    needs: tuple[str, ...] = ()
    #: the folder that holds the step's notebook; None: the workbook's notebooks/ (a step
    #: from outside the package names its own folder)
    folder: Path | None = None

    @property
    def notebook(self) -> str:
        """The file name of the step's notebook, ``NN_<name>.ipynb`` (also the name of its
        executed copy in a render folder's ``notebooks/``)."""
        return f"{self.order:02d}_{self.name}.ipynb"

    @property
    def source(self) -> Path:
        """The step's notebook as the render executes it: :attr:`notebook` in
        :attr:`folder`, or in the workbook's notebooks/ folder."""
        if self.folder is not None:
            return Path(self.folder) / self.notebook
        from ..paths import NOTEBOOKS

        return NOTEBOOKS / self.notebook

    def run(self, ws: Any, ctx: Context) -> StepResult:
        import importlib

        return importlib.import_module(self.module).run(ws, ctx)


__all__ = ["Context", "Drawer", "Reference", "Step", "StepResult"]
