"""Section results: what a step hands to the report, as files in a results folder.

Each notebook writes ``<results>/<section>.json`` (a :class:`SectionResult`) and its
figures under ``<results>/figures/``. Results are language-neutral: numbers, codes of
findings and their values. Sentences come from the catalog when the report is rendered,
so the report can be rebuilt from a results folder alone.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from . import __version__

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

    from .workspace import Workspace

FIGURES = "figures"
#: the report's metadata in a results folder (not a section)
META_FILE = "report.json"
#: per section, the workspace tables its step read (for incremental renders)
INPUTS = "inputs"


class Message(BaseModel):
    """A catalog key and the values it is filled with."""

    code: str
    values: dict[str, Any] = {}


def msg(code: str, **values: Any) -> Message:
    return Message(code=code, values=values)


class Finding(Message):
    #: "critical" findings open the chapter and the executive summary
    level: Literal["critical", "warning", "info", "positive"] = "info"


class Action(Message):
    """Something to do, with an owner and a due date counted from the report date."""

    owner: str | None = None
    due_days: int = Field(default=30, ge=0)


def action(code: str, owner: str, due_days: int, **values: Any) -> Action:
    """An action for the 90-day plan: ``action("x.action.y", "owner.management", 14, ids=...)``."""
    return Action(code=code, owner=owner, due_days=due_days, values=values)


def finding(code: str, level: str = "info", **values: Any) -> Finding:
    return Finding(code=code, level=level, values=values)


class Column(BaseModel):
    key: str
    label: str  # catalog key
    #: a literal heading (a segment's name, say) used instead of ``label``
    text: str | None = None
    #: text | num | num1 | pct | pct1 | date | list | code:<catalog prefix>
    format: str = "text"


class Table(BaseModel):
    id: str
    title: Message
    caption: Message | None = None
    columns: list[Column]
    rows: list[dict[str, Any]]


class FigureRef(BaseModel):
    """A chart the notebook drew; ``file`` is relative to the figures folder."""

    name: str
    file: str = ""
    #: the figure drawn in each language the render asked for, by language code
    files: dict[str, str] = {}
    title: Message  # an action title: the finding in one sentence
    caption: Message  # data and source
    alt: Message


class Source(BaseModel):
    """A published figure's origin, cited in the report's sources chapter."""

    source: str
    study: str
    year: str
    metric: str | None = None
    confidence: str | None = None
    url: str | None = None
    note: str | None = None


class SectionResult(BaseModel):
    """Everything one step contributes to the report."""

    section: str
    order: int
    #: answer first: the sentences the chapter and the executive summary open with
    summary: list[Finding] = []
    findings: list[Finding] = []
    figures: list[FigureRef] = []
    tables: list[Table] = []
    decisions: list[Message] = []
    actions: list[Action] = []
    open_questions: list[Message] = []
    sources: list[Source] = []
    #: defaults the step used in place of firm data, each labelled in the report
    defaults: list[Message] = []
    #: free-form data for the section's own template
    data: dict[str, Any] = {}


def _clean(value: Any) -> Any:
    """NaN and infinities are not JSON: they become null (a missing figure)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _clean(value.item())
    return value


#: width (inches) of the copy of each figure drawn for phones: its text stays >= 10 px there
NARROW_WIDTH = 3.8


def _save_narrow(fig: MplFigure, path: Path) -> None:
    """The same figure re-laid out for a phone's width (the report shows it below 40rem)."""
    import copy

    from .charts import for_phone

    if fig.get_size_inches()[0] <= NARROW_WIDTH:
        return
    phone = copy.deepcopy(fig)  # the notebook's figure stays as drawn
    for_phone(phone, NARROW_WIDTH)
    phone.savefig(path, format="svg", metadata={"Date": None})


#: a figure whose file is already current (same drawing, same data): left as it is
KEEP = "keep"


def save_section(
    results_dir: Path | str,
    result: SectionResult,
    figures: dict[str, MplFigure] | None = None,
    *,
    by_language: dict[str, dict[str, MplFigure]] | None = None,
) -> Path:
    """Write ``result`` and its figures (SVG) into ``results_dir``; return the JSON path.

    ``figures`` are drawn in one language (``<section>_<name>.svg``); ``by_language`` holds
    the same figures drawn in several (``<section>_<name>.<lang>.svg``), so one execution
    serves reports in each. Every figure the result declares must be given, so a chapter
    never points at a missing chart.
    """
    results_dir = Path(results_dir)
    (results_dir / FIGURES).mkdir(parents=True, exist_ok=True)
    sets = by_language if by_language is not None else {"": figures or {}}
    declared = {f.name for f in result.figures}
    for given in sets.values():
        if declared != set(given):
            raise ValueError(f"figures declared {sorted(declared)} but given {sorted(given)}")
    for ref in result.figures:
        written = []
        for lang, given in sets.items():
            file = f"{result.section}_{ref.name}{f'.{lang}' if lang else ''}.svg"
            fig = given[ref.name]
            if isinstance(fig, str) and fig == KEEP:
                written.append((lang, file))
                continue
            fig.savefig(results_dir / FIGURES / file, format="svg", metadata={"Date": None})
            _save_narrow(fig, (results_dir / FIGURES / file).with_suffix(".narrow.svg"))
            written.append((lang, file))
        ref.file = written[0][1]  # the first language's, for readers that know one file
        ref.files = {lang: file for lang, file in written if lang}
    path = results_dir / f"{result.section}.json"
    # numpy scalars and NaN are cleaned first; dates are written as ISO text
    data = _clean(result.model_dump())
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))
    return path


def write_atomic(path: Path, text: str) -> None:
    """Write a results file whole or not at all: in a workshop several notebooks' kernels
    save into one results folder while the report is rebuilt from it."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_sections(results_dir: Path | str) -> list[SectionResult]:
    """All section results in a folder, in method order."""
    sections = [
        SectionResult.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(Path(results_dir).glob("*.json"))
        if p.name != META_FILE
    ]
    return sorted(sections, key=lambda s: s.order)


class ReportMeta(BaseModel):
    """What the report says about itself: for whom, when, in which language, by which version."""

    firm: str
    legal_name: str | None = None
    industry: str | None = None
    region: str | None = None
    consultant: str | None = None
    fictional: bool = False
    report_date: dt.date
    #: the workspace's language (the report may be rendered in another)
    language: str
    version: str
    #: the languages the render's reports are made in (figures are drawn in each)
    languages: list[str] = []
    #: steps whose results were reused from an earlier render with the same inputs
    reused: list[str] = []
    #: when the reused results were made (the earlier render's folder name)
    reused_from: str | None = None


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


def write_meta(results_dir: Path | str, meta: ReportMeta) -> Path:
    path = Path(results_dir) / META_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, meta.model_dump_json(indent=1))
    return path


def read_meta(results_dir: Path | str) -> ReportMeta:
    """The results folder's metadata; a clear error if the folder has none."""
    path = Path(results_dir) / META_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: the results folder was not made by a render")
    return ReportMeta.model_validate_json(path.read_text(encoding="utf-8"))


def write_inputs(results_dir: Path | str, section: str, tables: list[str]) -> None:
    """Record which workspace tables a section's step read."""
    folder = Path(results_dir) / INPUTS
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{section}.json", json.dumps({"tables": tables}))


def read_inputs(results_dir: Path | str, section: str) -> list[str] | None:
    """The tables a section's step read, or None when not recorded."""
    path = Path(results_dir) / INPUTS / f"{section}.json"
    try:
        return list(json.loads(path.read_text(encoding="utf-8"))["tables"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


__all__ = [
    "FIGURES",
    "INPUTS",
    "KEEP",
    "META_FILE",
    "NARROW_WIDTH",
    "Action",
    "Column",
    "FigureRef",
    "Finding",
    "Message",
    "ReportMeta",
    "SectionResult",
    "Source",
    "Table",
    "action",
    "finding",
    "load_sections",
    "msg",
    "read_inputs",
    "read_meta",
    "report_meta",
    "save_section",
    "write_atomic",
    "write_inputs",
    "write_meta",
]
