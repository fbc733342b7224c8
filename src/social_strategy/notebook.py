"""What every notebook does around its step: find the workspace, load it, save results.

Notebooks stay thin: parameters, ``session = start(...)``, a call into ``steps``, a chart,
``session.save(...)``. In a live workshop (``interactive=True``) problems in the input are
shown as a readable list instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .i18n import Catalog, catalog
from .paths import default_workspace, reports_dir
from .results import SectionResult, save_section
from .workspace import Workspace, load_workspace

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class WorkspaceProblems(InputError):
    """InputError shown in Jupyter as its list of problems, without a traceback."""

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines()


@dataclass
class Session:
    ws: Workspace
    results_dir: Path
    lang: str
    report_date: dt.date
    interactive: bool

    @property
    def cat(self) -> Catalog:
        return catalog(self.lang)

    def save(self, result: SectionResult, figures: dict[str, Figure] | None = None) -> None:
        """Write the section result and its figures for the report."""
        path = save_section(self.results_dir, result, figures)
        if self.interactive:
            print(f"Saved {path.name} in {self.results_dir}")

    def summary_markdown(self, result: SectionResult) -> str:
        """The section's findings, actions and open questions as Markdown, translated."""
        cat = self.cat
        lines: list[str] = []

        def block(title_key: str, items: list[Any]) -> None:
            if items:
                lines.append(f"**{cat.t(title_key)}**\n")
                lines.extend(f"- {cat.text(i.model_dump())}" for i in items)
                lines.append("")

        block("report.findings", [*result.summary, *result.findings])
        block("report.decisions", result.decisions)
        block("report.actions", result.actions)
        block("report.open_questions", result.open_questions)
        block("report.defaults_used", result.defaults)
        return "\n".join(lines)

    def show(self, result: SectionResult) -> None:
        from IPython.display import Markdown, display

        display(Markdown(self.summary_markdown(result)))


def start(
    workspace: str = "",
    results_dir: str = "",
    language: str = "",
    report_date: str = "",
    interactive: bool = True,
) -> Session:
    """Load and validate the workspace named by the notebook's parameters."""
    path = Path(workspace).expanduser() if workspace else default_workspace()
    try:
        ws = load_workspace(path)
    except InputError as exc:
        raise WorkspaceProblems(exc.problems) from None
    lang = language or ws.strategy.firm.language
    date = (
        dt.date.fromisoformat(report_date)
        if report_date
        else (ws.strategy.report_date or dt.date.today())
    )
    results = Path(results_dir) if results_dir else reports_dir() / ws.slug / "workshop" / "results"
    return Session(ws, results, lang, date, interactive)
