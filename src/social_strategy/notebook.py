"""What every notebook, form and benchmark does around a step: load, run, show, save.

Notebooks stay thin: parameters, ``session = start(...)``, ``result = session.run("audience")``,
a chart or a table, ``session.save(result)``. In a live workshop (``interactive=True``)
problems in the input are shown as a readable list instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import InputError, WorkspaceProblems
from .i18n import Catalog, catalog
from .paths import default_workspace, reports_dir
from .results import (
    META_FILE,
    ReportMeta,
    SectionResult,
    read_meta,
    save_section,
    write_inputs,
    write_meta,
)
from .steps import Context, Reference, Step, StepResult, step
from .workspace import Workspace, load_workspace

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def report_meta(ws: Workspace, report_date: dt.date) -> ReportMeta:
    """The report's metadata for ``ws``, as the pipeline and the workshop write it."""
    firm = ws.strategy.firm
    return ReportMeta(
        firm=firm.name,
        legal_name=firm.legal_name,
        industry=firm.industry,
        region=firm.region,
        consultant=firm.consultant,
        fictional=firm.fictional,
        report_date=report_date,
        language=firm.language,
        version=__version__,
    )


@dataclass
class Session:
    ws: Workspace
    results_dir: Path
    lang: str
    report_date: dt.date
    interactive: bool
    reference: Reference = field(default_factory=Reference)
    _results: dict[str, StepResult] = field(default_factory=dict, repr=False)
    _figures: dict[tuple[int, str, str], Figure] = field(default_factory=dict, repr=False)
    #: the tables each step read (with the steps it needs): what its result depends on
    _accessed: dict[str, set[str]] = field(default_factory=dict, repr=False)

    @property
    def cat(self) -> Catalog:
        return catalog(self.lang)

    def context(self, s: Step) -> Context:
        """The context ``s`` runs in: earlier results it needs are run first (once)."""
        return Context(
            report_date=self.report_date,
            reference=self.reference,
            settings=getattr(self.ws.strategy.settings, s.name, None),
            earlier={name: self.run(name) for name in s.needs},
        )

    def run(self, name: str | Step) -> StepResult:
        """Run a step on the session's workspace (once; ``reload`` forgets the results)."""
        s = step(name) if isinstance(name, str) else name
        if s.name not in self._results:
            ctx = self.context(s)
            self.ws.accessed = set()
            self._results[s.name] = s.run(self.ws, ctx)
            self._accessed[s.name] = self.ws.accessed.union(*(self._accessed[n] for n in s.needs))
        return self._results[s.name]

    def reload(self) -> None:
        """Read the workspace again (after a form saved) and forget every result."""
        try:
            self.ws = load_workspace(self.ws.path)
        except InputError as exc:
            raise WorkspaceProblems(exc.problems) from None
        self._results.clear()
        self._figures.clear()
        self._accessed.clear()

    def figure(self, result: StepResult, name: str, lang: str = "") -> Figure | None:
        """One of the result's figures, drawn in ``lang`` (default: the session's language);
        None if the result does not declare it."""
        if name not in result.drawers:
            return None
        lang = lang or self.lang
        key = (id(result), name, lang)
        if key not in self._figures:
            self._figures[key] = result.drawers[name](catalog(lang))
        return self._figures[key]

    def languages(self) -> list[str]:
        """The languages the reports of this results folder are made in: those the render
        asked for (its report.json), else the session's."""
        try:
            langs = read_meta(self.results_dir).languages
        except (FileNotFoundError, ValueError):
            langs = []
        return langs or [self.lang]

    def save(self, result: StepResult) -> Path:
        """Write the section result and its figures (in every report language) for the
        report; in a workshop also the report's metadata."""
        langs = self.languages()
        by_language = {
            lang: {name: self.figure(result, name, lang) for name in result.drawers}
            for lang in langs
        }
        if not (self.results_dir / META_FILE).is_file():
            meta = report_meta(self.ws, self.report_date).model_copy(update={"languages": langs})
            write_meta(self.results_dir, meta)
        path = save_section(self.results_dir, result.section, by_language=by_language)
        name = result.section.section
        write_inputs(self.results_dir, name, sorted(self._accessed.get(name, ())))
        if self.interactive:
            print(f"Saved {path.name} in {self.results_dir}")
        return path

    def summary_markdown(self, result: StepResult | SectionResult) -> str:
        """The section's findings, actions and open questions as Markdown, translated."""
        section = result.section if isinstance(result, StepResult) else result
        cat = self.cat
        lines: list[str] = []

        def block(title_key: str, items: list[Any]) -> None:
            if items:
                lines.append(f"**{cat.t(title_key)}**\n")
                lines.extend(f"- {cat.text(i.model_dump())}" for i in items)
                lines.append("")

        block("report.findings", [*section.summary, *section.findings])
        block("report.decisions", section.decisions)
        block("report.actions", section.actions)
        block("report.open_questions", section.open_questions)
        block("report.defaults_used", section.defaults)
        return "\n".join(lines)

    def show(self, result: StepResult) -> None:
        """The section's findings, decisions, actions and open questions, translated."""
        from IPython.display import Markdown, display

        display(Markdown(self.summary_markdown(result)))

    def show_figure(self, result: StepResult, name: str) -> bool:
        """Display one figure as PNG; False when the result does not declare it."""
        fig = self.figure(result, name)
        if fig is None:
            return False
        from .charts import show

        show(fig)
        return True


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
