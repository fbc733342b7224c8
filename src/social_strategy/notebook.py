"""What every notebook, form and benchmark does around a step: load, run, show, save.

Notebooks stay thin: parameters, ``session = start(...)``, ``result = session.run("audience")``,
a chart or a table, ``session.save(result)``. In a live workshop (``interactive=True``)
problems in the input are shown as a readable list instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .deck_build import DeckBuilder
from .errors import InputError, WorkspaceProblems
from .i18n import Catalog, catalog
from .paths import default_workspace, reports_dir
from .results import (
    FIGURES,
    KEEP,
    META_FILE,
    SectionResult,
    read_meta,
    report_meta,
    save_logo,
    save_section,
    write_atomic,
    write_inputs,
    write_meta,
)
from .steps import Context, Reference, Step, StepResult, step
from .steps.frames import readable
from .workspace import Workspace, load_workspace

if TYPE_CHECKING:
    from matplotlib.figure import Figure


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
    #: live views (workshop): (step, render, output widget), redrawn after a form saves
    _views: list[tuple[str, Callable[[Any], Any], Any]] = field(default_factory=list, repr=False)
    _texts: list[tuple[str, dict[str, Any], Any]] = field(default_factory=list, repr=False)
    #: the slide deck after a save: built in the background (True), in the save (False),
    #: or in the background only in a kernel, a workshop page (None)
    deck_background: bool | None = None
    _deck: DeckBuilder = field(default_factory=DeckBuilder, repr=False)

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
        self.wait_prepared()
        try:
            self.ws = load_workspace(self.ws.path)
        except InputError as exc:
            raise WorkspaceProblems(exc.problems) from None
        self._results.clear()
        self._figures.clear()
        self._last_accessed = dict(self._accessed) or getattr(self, "_last_accessed", {})
        self._accessed.clear()

    # -- what a notebook shows ----------------------------------------------------------
    def column_label(self, table: str, name: str) -> str:
        """A table column's heading in the session's language: ``<step>.col.<table>.<name>``
        (``firm.col.goals.*`` for the goals), else ``form.<name>``, else the name itself."""
        from .workspace import STEP_INPUTS

        step = next((i.step for i in STEP_INPUTS for t in i.tables if t.name == table), "firm")
        for key in (f"{step}.col.{table}.{name}", f"form.{name}"):
            if self.cat.has(key):
                return self.cat.t(key)
        return name

    def table_view(self, table: str, columns: list[str] | None = None) -> Any:
        """A workspace table as the client reads it (a pandas Styler): headings in the
        session's language, blank cells blank (never NaN), lists joined with "; ", yes/no
        and numbers in the session's language, long texts not cut, client text escaped."""

        frame = self.ws.table(table).drop(columns=["_row"], errors="ignore")
        if columns:
            frame = frame[[c for c in columns if c in frame.columns]]
        frame = readable(frame.rename(columns=lambda c: self.column_label(table, c)), self.cat)
        # client text is escaped; the running row numbers 0, 1, 2 are not the client's
        styler = frame.style.format(na_rep="", escape="html").hide(axis="index")
        return styler.format_index(escape="html", axis=1)

    def say(self, key: str, **values: Any) -> None:
        """Show the catalog text ``key`` (Markdown) in the session's language: a notebook's
        headings, explanations and questions come from the same catalogs as the report (in
        a workshop it follows a switch to a client with another language)."""
        from IPython.display import Markdown, display

        if not self.interactive:
            display(Markdown(self.cat.t(key, **values)))
            return
        display(self.text(key, **values))

    def text(self, key: str, part: str = "", **values: Any) -> Any:
        """The catalog text ``key`` as a widget to place inside a form (a workshop): like
        :meth:`say`, it follows a switch to a client with another language. ``part``
        "heading" is the text's title line alone, "body" the text without it."""
        import ipywidgets as w
        from IPython.display import Markdown

        out = w.Output()
        out.add_class("smw-text")
        self._texts.append((key, {**values, _PART: part} if part else values, out))
        _fill(out, lambda: Markdown(_text_part(self.cat.t(key, **values), part)))
        return out

    def switch(self, path: Path) -> None:
        """Work on another client's workspace (the wizard): load it, take its language and
        its workshop results folder, and redraw every text and live view."""
        from IPython.display import Markdown

        self.wait_prepared()
        try:
            ws = load_workspace(Path(path))
        except InputError as exc:
            raise WorkspaceProblems(exc.problems) from None
        self.ws = ws
        self.lang = ws.strategy.firm.language
        self.report_date = ws.strategy.report_date or dt.date.today()
        self.results_dir = reports_dir() / ws.slug / "workshop" / "results"
        self._results.clear()
        self._figures.clear()
        self._accessed.clear()
        self._last_accessed = {}
        for key, values, out in self._texts:
            part = values.get(_PART, "")
            values = {k: v for k, v in values.items() if k != _PART}

            def render(key=key, values=values, part=part) -> Any:
                return Markdown(_text_part(self.cat.t(key, **values), part))

            _fill(out, render)
        for name, render, out in self._views:
            self._draw(out, render, self.run(name))

    def view(self, name: str, render: Callable[[Any], Any]) -> None:
        """Show ``render(result of step name)``. In a workshop the view lives in an output
        widget and is drawn again whenever a form saves something the step reads, so
        everything a step shows is current, not only what is under the form."""
        from IPython.display import display

        if not self.interactive:
            shown = render(self.run(name))
            if shown is not None:
                display(shown)
            return
        import ipywidgets as w

        out = w.Output()
        out.add_class("smw-view")
        self._views.append((name, render, out))
        self._draw(out, render, self.run(name))
        display(out)

    def view_figure(self, name: str, figure: str) -> None:
        """A live view of one of the step's figures (nothing when the result lacks it)."""
        self.view(name, lambda result: self._figure_image(result, figure))

    def view_summary(self, name: str) -> None:
        """A live view of the step's findings, decisions, actions and open questions."""
        from IPython.display import Markdown

        self.view(name, lambda result: Markdown(self.summary_markdown(result)))

    def _figure_image(self, result: StepResult, name: str) -> Any:
        fig = self.figure(result, name)
        if fig is None:
            return None
        from .charts import png_image

        return png_image(fig)

    @staticmethod
    def _draw(out: Any, render: Callable[[Any], Any], result: StepResult) -> None:
        _fill(out, lambda: render(result))

    # -- the workshop loop ----------------------------------------------------------------
    def affected(self, changed: Iterable[str]) -> list[str]:
        """The steps to run again after ``changed`` (table names, or ``strategy`` for
        strategy.yaml) was saved: the steps that read it, and every step that needs one of
        those, in method order."""
        from .steps import STEPS

        changed = set(changed)
        read = getattr(self, "_last_accessed", {}) | self._accessed
        hit = {c.removeprefix("step:") for c in changed if c.startswith("step:")}
        if "strategy" in changed:
            hit = {s.name for s in STEPS}
        else:
            hit |= {name for name, tables in read.items() if tables & changed}
            hit |= {s.name for s in STEPS if _step_tables(s.name) & changed}
        for s in STEPS:  # in order, so needs are settled before the steps needing them
            if set(s.needs) & hit:
                hit.add(s.name)
        return [s.name for s in STEPS if s.name in hit]

    def after_save(
        self, changed: Iterable[str], deck_done: Callable[[], None] | None = None
    ) -> WorkshopUpdate:
        """What a form does once its file is written and the workspace reloaded: run again
        the steps that depend on it (and any step without a saved result yet), save their
        results, redraw the live views and rebuild the report from the results folder
        (HTML only, no kernels)."""
        import time

        from .steps import STEPS

        self.wait_prepared()
        start_time = time.perf_counter()
        steps = self.affected(changed)
        stale = self.affected(self.stale())
        for name in [s.name for s in STEPS if s.name in set(steps) | set(stale)]:
            self.save(self.run(name), quiet=True)
        for name, render, out in self._views:
            if name in steps:
                self._draw(out, render, self.run(name))
        report = self.rebuild_report(deck_done)
        return WorkshopUpdate(steps, report, time.perf_counter() - start_time)

    def wait_prepared(self) -> None:
        """Wait for :meth:`prepare_workshop` running in the background, if it still runs."""
        import threading

        preparing = getattr(self, "_preparing", None)
        if preparing is not None and preparing is not threading.current_thread():
            preparing.join()
            self._preparing = None

    def stale(self) -> list[str]:
        """The steps whose saved result in the results folder is missing or older than a
        workspace file it was made from (edited outside the workshop, say in Excel), as
        ``affected`` takes them: step names are given as the tables they own."""
        from .results import read_inputs
        from .steps import STEPS

        strategy = (self.ws.path / "strategy.yaml").stat().st_mtime
        out: list[str] = []
        for s in STEPS:
            saved = self.results_dir / f"{s.name}.json"
            tables = read_inputs(self.results_dir, s.name)
            if not saved.is_file() or tables is None:
                out.append(f"step:{s.name}")
                continue
            if not _drawn_in(saved, self.lang):
                out.append(f"step:{s.name}")
                continue
            made = saved.stat().st_mtime
            files = [self.ws.source_file(t) for t in tables]
            if strategy > made or any(f is not None and f.stat().st_mtime > made for f in files):
                out.append(f"step:{s.name}")
        return out

    def prepare_workshop(self, *, background: bool | None = None) -> WorkshopUpdate | None:
        """Bring the workshop's results folder and report up to date (the last cell of every
        notebook runs this in a workshop), so the first save is as quick as the others.

        In a kernel (a workshop page) this runs in a background thread and returns None at
        once: the page shows as soon as its cells have run instead of after every step was
        saved and the report rebuilt (up to half a minute on a busy machine). A save waits
        for it (:meth:`after_save`). ``background=False`` runs it here and returns the update.
        """
        import threading

        if background is None:
            background = _in_kernel()
        if not background:
            return self.after_save([])

        def work() -> None:
            import contextlib

            # a broken workspace is reported by the first save, which runs the steps again
            with contextlib.suppress(Exception):
                self.after_save([])

        self._preparing = threading.Thread(target=work, name="smw-prepare", daemon=True)
        self._preparing.start()
        return None

    def rebuild_report(self, deck_done: Callable[[], None] | None = None) -> Path | None:
        """The workshop's report.html, rebuilt from the results folder; None when the
        results folder is not a workshop render folder. The slide deck beside it (the report
        link offers both) is built after it: in a workshop page in the background
        (:mod:`.deck_build`; ``deck_done`` is called when it is written), else here."""
        from .pipeline import rebuild

        folder = self.results_dir.parent
        written = rebuild(folder, lang=self.lang, formats=("html",))
        background = _in_kernel() if self.deck_background is None else self.deck_background
        if background:
            self._deck.later(folder, self.lang, deck_done)
        else:
            self._deck.build(folder, self.lang)
        return next((p for p in written if p.suffix == ".html"), None)

    def wait_deck(self) -> None:
        """Wait for the slide deck being built in the background, if one is."""
        self._deck.wait()

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

    def save(self, result: StepResult, *, quiet: bool = False) -> Path:
        """Write the section result and its figures (in every report language) for the
        report; in a workshop also the report's metadata."""
        langs = self.languages()
        if self.interactive and self.lang not in langs:
            # a workshop notebook in another language than the folder's results so far:
            # from now on figures are drawn in both (stale() has the others drawn again)
            langs = [*langs, self.lang]
            meta = report_meta(self.ws, self.report_date).model_copy(update={"languages": langs})
            write_meta(self.results_dir, meta)
            save_logo(self.ws, self.results_dir)
        keys = _FigureKeys(self.results_dir / FIGURES)
        by_language: dict[str, dict[str, Any]] = {}
        for lang in langs:
            by_language[lang] = {}
            for name in result.drawers:
                file = f"{result.section.section}_{name}.{lang}.svg"
                key = drawing_key(result.drawers[name], lang)
                if keys.current(file, key):
                    by_language[lang][name] = KEEP
                else:
                    by_language[lang][name] = self.figure(result, name, lang)
                    keys.set(file, key)
        if not (self.results_dir / META_FILE).is_file():
            meta = report_meta(self.ws, self.report_date).model_copy(update={"languages": langs})
            write_meta(self.results_dir, meta)
            save_logo(self.ws, self.results_dir)
        path = save_section(self.results_dir, result.section, by_language=by_language)
        for file_name, frame in result.files.items():
            # per-row tables (the mentions with their tone, say) beside the JSON
            csv_path = self.results_dir / f"{result.section.section}_{file_name}.csv"
            write_atomic(csv_path, frame.to_csv(index=False))
        keys.write()
        name = result.section.section
        write_inputs(self.results_dir, name, sorted(self._accessed.get(name, ())))
        if self.interactive and not quiet:
            from IPython.display import Markdown, display

            display(Markdown(self.cat.t("form.section_saved", step=self.cat.t(f"{name}.title"))))
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

    def report_link(self, report: Path | None) -> str:
        """HTML for the consultant: a link to the rebuilt report, relative to where the
        notebook server can serve it (JupyterLab opens it in a tab, Voila serves it from
        ``/voila/files/``), else the report's path."""
        import html
        import os

        from .paths import server_root

        if report is None:
            return ""
        text = html.escape(self.cat.t("form.report_updated"))
        root = server_root()
        try:
            inside = report.resolve().relative_to(root)
        except ValueError:
            shown = f"{text}: <code>{html.escape(str(report))}</code>"
            deck = report.with_suffix(".pptx")
            if deck.is_file():
                deck_text = html.escape(self.cat.t("form.deck_link"))
                shown += f"<br>{deck_text}: <code>{html.escape(str(deck))}</code>"
            return shown + self._deck_note(deck)
        if "VOILA_BASE_URL" in os.environ:
            href = f"{os.environ['VOILA_BASE_URL'].rstrip('/')}/voila/files/{inside.as_posix()}"
        else:  # JupyterLab: relative to the notebook's folder (the kernel's working folder)
            href = os.path.relpath(root / inside, Path.cwd()).replace(os.sep, "/")
        # a button, not a link in running text: it must be seen on the projector
        style = (
            "display:inline-block;margin:0.4em 0;padding:0.35em 0.9em;border-radius:4px;"
            "background:#1d5e3a;color:#fff;font-weight:bold;text-decoration:none"
        )
        link = (
            f"<a class='smw-report-link' role='button' style='{style}' "
            f"href='{html.escape(href)}' target='_blank'>{text}</a>"
        )
        deck = report.with_suffix(".pptx")
        if deck.is_file():  # the slides for the stakeholder meeting, downloaded
            deck_href = href.rsplit("/", 1)[0] + "/" + deck.name if "/" in href else deck.name
            link += (
                f" <a class='smw-deck-link' role='button' style='{style}' download "
                f"href='{html.escape(deck_href)}'>{html.escape(self.cat.t('form.deck_link'))}</a>"
            )
        return link + self._deck_note(deck)

    def _deck_note(self, deck: Path) -> str:
        """While the slide deck is built in the background: that it is (the deck offered
        is the one before this save until then), or that it is being made (none yet)."""
        import html

        if not self._deck.busy:
            return ""
        key = "form.deck_updating" if deck.is_file() else "form.deck_making"
        return f" <span class='smw-deck-updating'>{html.escape(self.cat.t(key))}</span>"


#: where :meth:`Session.text` keeps the part of a text it shows, among the text's values
_PART = "\x00part"


def _text_part(text: str, part: str) -> str:
    """``text`` (Markdown) whole, or its first heading line ("heading"), or the rest ("body")."""
    if not part:
        return text
    lines = text.strip().splitlines()
    heading = lines[0] if lines and lines[0].startswith("#") else ""
    if part == "heading":
        return heading
    return "\n".join(lines[1:] if heading else lines).strip()


def _fill(out: Any, render: Callable[[], Any]) -> None:
    """Show in the output widget ``out`` what ``render()`` returns and displays, replacing
    what it showed before.

    The outputs are captured in the kernel and set as the widget's state; the widget never
    captures the cell's output itself (``with out:``). Under Voila that capture makes the
    server's notebook client answer every output with a ``comm_msg`` on the shell channel
    while the cell still runs, and with ipykernel 7 such a message arriving during the
    execution can leave the cell's ``execute_reply`` unsent until the next shell message
    comes: the page then stays at "Executing N of M" with the kernel idle.
    """
    import base64

    from IPython.display import display
    from IPython.utils.capture import capture_output

    with capture_output(stdout=True, stderr=True, display=True) as captured:
        shown = render()
        if shown is not None:
            display(shown)
    outputs: list[dict[str, Any]] = []
    for name, text in (("stdout", captured.stdout), ("stderr", captured.stderr)):
        if text:
            outputs.append({"output_type": "stream", "name": name, "text": text})
    for item in captured.outputs:
        data = {
            mime: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
            for mime, value in item.data.items()
        }
        outputs.append({"output_type": "display_data", "data": data, "metadata": item.metadata})
    out.outputs = tuple(outputs)


@dataclass(frozen=True)
class WorkshopUpdate:
    """What one save in a workshop changed: the steps run again, the rebuilt report."""

    steps: list[str]
    report: Path | None
    seconds: float


class _FigureKeys:
    """Which drawing each figure file in a results folder was made from, so a save in a
    workshop draws again only the figures whose data changed."""

    FILE = "_drawn.json"

    def __init__(self, folder: Path) -> None:
        import json

        self.path = folder / self.FILE
        try:
            self.keys: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.keys = {}
        self.folder = folder
        self.changed = False

    def current(self, file: str, key: str | None) -> bool:
        from .results import png_path

        return (
            key is not None
            and self.keys.get(file) == key
            and (self.folder / file).is_file()
            and png_path(self.folder / file).is_file()
        )

    def set(self, file: str, key: str | None) -> None:
        if key is None:
            self.changed |= self.keys.pop(file, None) is not None
        else:
            self.keys[file] = key
            self.changed = True

    def write(self) -> None:
        import json

        if self.changed:
            from .results import write_atomic

            write_atomic(self.path, json.dumps(self.keys, indent=0, sort_keys=True))


def drawing_key(drawer: Callable[..., Any], lang: str) -> str | None:
    """A fingerprint of a figure's drawing: its code, the data it closes over, the language
    and this version of the package's code; None when the data cannot be fingerprinted
    (then the figure is always drawn)."""
    import hashlib
    import io
    import marshal
    import pickle
    import types

    class KeyPickler(pickle.Pickler):
        # functions inside the data (a step result's own drawers) count by their code
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, types.FunctionType):
                code = hashlib.sha256(marshal.dumps(obj.__code__)).hexdigest()
                return str, (f"{obj.__module__}.{obj.__qualname__}:{code}",)
            return NotImplemented

    try:
        cells = [c.cell_contents for c in (drawer.__closure__ or ())]
        buffer = io.BytesIO()
        KeyPickler(buffer, protocol=5).dump((cells, drawer.__defaults__))
        payload = buffer.getvalue()
        code = marshal.dumps(drawer.__code__)
    except Exception:  # anything that cannot be fingerprinted is simply drawn
        return None
    digest = hashlib.sha256(_code_version().encode() + code + payload + lang.encode())
    return digest.hexdigest()


def _code_version() -> str:
    """Changes whenever a module of the package changes (new charts draw new figures)."""
    global _CODE_VERSION
    if _CODE_VERSION is None:
        import hashlib

        from .paths import PACKAGE_DIR

        stamps = sorted(f"{p}:{p.stat().st_mtime_ns}" for p in PACKAGE_DIR.rglob("*.py"))
        _CODE_VERSION = __version__ + hashlib.sha256("\n".join(stamps).encode()).hexdigest()
    return _CODE_VERSION


_CODE_VERSION: str | None = None


def _drawn_in(saved: Path, lang: str) -> bool:
    """Whether a saved section result has its figures drawn in ``lang``."""
    import json

    try:
        figures = json.loads(saved.read_text(encoding="utf-8")).get("figures") or []
    except (OSError, ValueError):
        return False
    return all(not f.get("files") or lang in f["files"] for f in figures)


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (a notebook page), not a script or a test."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _step_tables(name: str) -> set[str]:
    """The tables a step declares as its own inputs."""
    from .workspace.inputs import STEP_INPUTS

    return {t.name for i in STEP_INPUTS if i.step == name for t in i.tables}


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
        from .steps import load_plugins

        load_plugins()  # steps from outside the package (SOCIAL_STRATEGY_STEPS), before their
        ws = load_workspace(path)  # settings and tables are validated
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


__all__ = ["Session", "WorkshopUpdate", "drawing_key", "start"]
