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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, Field

from . import __version__

_M = TypeVar("_M", bound=BaseModel)


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
    #: at most ten years: a due date is a date the calendar has
    due_days: int = Field(default=30, ge=0, le=3650)


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


def table(
    table_id: str,
    rows: Any,
    keys: Sequence[str | Column],
    prefix: str,
    formats: Mapping[str, str] | None = None,
    *,
    title: Message,
    caption: Message | None = None,
    labels: Mapping[str, str] | None = None,
) -> Table:
    """A chapter's table: ``rows`` (a frame, or row mappings), the column ``keys`` in order,
    headed by the catalog keys ``<prefix>.<key>`` and shown in ``formats`` (by key; "text"
    where not given).

    ``labels`` names a heading whose catalog key is not the column's (``{"n": "count"}``
    heads ``n`` with ``<prefix>.count``); a :class:`Column` among ``keys`` is used as it is.
    A frame gives one row per line with its ``keys`` columns, as plain values (numpy
    scalars as numbers, NaN as None); row mappings are used as given, so a chapter that
    computes its cells builds them first::

        table("register", reg, ["rank", "scenario", "tier"], "risks.col",
              {"rank": "num", "tier": "code:risks.tier"}, title=msg("risks.table.register"))
    """
    formats = formats or {}
    labels = labels or {}
    columns = [
        key
        if isinstance(key, Column)
        else Column(
            key=key, label=f"{prefix}.{labels.get(key, key)}", format=formats.get(key, "text")
        )
        for key in keys
    ]
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a pandas DataFrame
        picked = [c.key for c in columns]
        records = [_clean(row) for row in rows[picked].to_dict("records")]
    else:
        records = [dict(row) for row in rows]
    return Table(id=table_id, title=title, caption=caption, columns=columns, rows=records)


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
    #: the source's words in the report's language: a catalog message for ``source``,
    #: ``study`` or ``note`` that the report shows in place of the field's text (which stays,
    #: in English, to tell sources apart and for older reports)
    messages: dict[str, Message] = {}


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
    _save_svg(phone, path)


#: SVG ids (clip paths, markers) are hashed from this salt instead of a random one, so the
#: same figure gives the same bytes on every render and reports can be compared and cached
SVG_HASH_SALT = "social-strategy"


#: charts keep their text as text (``svg.fonttype: none``), set in DejaVu Sans (the fonts the
#: charts are laid out with, which the PDF embeds and a browser falls back from to its sans
#: serif): drawing every glyph as a path made WeasyPrint spend about a fifth of the PDF's
#: time on chart lettering (bench/render_bench.py), and real text can be found and copied
SVG_RC = {"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "none"}


def _save_svg(fig: MplFigure, path: Path) -> None:
    import matplotlib as mpl

    with mpl.rc_context(SVG_RC):
        fig.savefig(path, format="svg", metadata={"Date": None})
    text = path.read_text(encoding="utf-8")
    generic = text.replace("font-family: 'DejaVu Sans'", "font-family: 'DejaVu Sans', sans-serif")
    if generic != text:
        path.write_text(generic, encoding="utf-8")


#: where each figure is also kept as a PNG (Word and PowerPoint take no SVG), and its
#: resolution: sharp when a slide is projected or a page printed
PNG_FOLDER = "png"
PNG_DPI = 200
#: zlib level of the PNG copies: 1, the fastest; PIL's default 6 made the files about 20 %
#: smaller for about 15 % more CPU time per copy (bench/png_bench.py)
PNG_COMPRESS = 1
#: set to ``0`` in a render's kernels when the render asks for neither Word nor slides:
#: then no PNG copies are drawn (bench/png_bench.py); unset or anything else: they are
PNG_VARIABLE = "SOCIAL_STRATEGY_PNG"


def png_wanted() -> bool:
    """Whether figures get their PNG copies by default (see :data:`PNG_VARIABLE`)."""
    import os

    return os.environ.get(PNG_VARIABLE, "1").strip() != "0"


def png_path(svg: Path) -> Path:
    """The PNG copy of the figure ``svg`` (``figures/png/<name>.png``)."""
    return svg.parent / PNG_FOLDER / f"{svg.stem}.png"


def _save_png(fig: MplFigure, svg: Path) -> None:
    path = png_path(svg)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(
        path,
        format="png",
        dpi=PNG_DPI,
        metadata={"Software": None},
        pil_kwargs={"compress_level": PNG_COMPRESS},
    )


#: a figure whose file is already current (same drawing, same data): left as it is
KEEP = "keep"


def save_section(
    results_dir: Path | str,
    result: SectionResult,
    figures: dict[str, MplFigure] | None = None,
    *,
    by_language: dict[str, dict[str, MplFigure]] | None = None,
    png: bool | None = None,
) -> Path:
    """Write ``result`` and its figures (SVG) into ``results_dir``; return the JSON path.

    With ``png`` (default: :func:`png_wanted`) each figure also gets its PNG copy for Word
    and slides (``figures/png/``).

    ``figures`` are drawn in one language (``<section>_<name>.svg``); ``by_language`` holds
    the same figures drawn in several (``<section>_<name>.<lang>.svg``), so one execution
    serves reports in each. Every figure the result declares must be given, so a chapter
    never points at a missing chart.
    """
    results_dir = Path(results_dir)
    (results_dir / FIGURES).mkdir(parents=True, exist_ok=True)
    sets = by_language if by_language is not None else {"": figures or {}}
    png = png_wanted() if png is None else png
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
            _save_svg(fig, results_dir / FIGURES / file)
            if png:
                _save_png(fig, results_dir / FIGURES / file)
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
    """All section results in a folder, in method order.

    The folder is read as untrusted input (``rebuild`` reads folders that may have been
    copied, edited or damaged): every file is checked by :func:`read_result`, and all
    problems of all files are raised together as one InputError naming file and field."""
    from .errors import InputError

    sections: list[SectionResult] = []
    problems = []
    for path in sorted(Path(results_dir).glob("*.json")):
        if path.name == META_FILE:
            continue
        try:
            sections.append(read_result(path, SectionResult))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise _bad_results(problems)
    return sorted(sections, key=lambda s: s.order)


#: a results file larger than this is not read (the example's largest is about 200 KB)
MAX_RESULT_MB = 50
#: numbers in results are counts, euros, shares and scores: none comes near this
MAX_NUMBER = 1e15
#: results nest a few levels (a table's rows, a message's values); more is not a results file
MAX_DEPTH = 32


def _bad_results(problems: list) -> Exception:
    """The InputError of a damaged results folder; also a ValueError, as pydantic's own
    errors were, so callers that only ask "readable or not" keep working."""
    from .errors import InputError

    class BadResults(InputError, ValueError):
        pass

    return BadResults(problems)


RESULTS_EXPECTED = "a results file written by the workbook: render the client again"


class _Huge(str):
    """An integer too long to be a figure, kept as its text so its field can be named."""


def _parse_int(text: str) -> int | _Huge:
    return _Huge(text) if len(text.lstrip("-")) > 18 else int(text)


def read_result(path: Path, model: type[_M]) -> _M:
    """One results file as untrusted input: its size, encoding, JSON syntax, nesting,
    numbers (finite, at most 10^15) and schema are checked before anything reads it. An
    InputError names the file (``results/risks.json``) and the field
    (``findings.0.values.n``), never a traceback."""
    from pydantic import ValidationError

    from .errors import Problem

    shown = f"results/{path.name}"
    value = _result_json(path, shown)
    problems = _check_values(value, (), shown)
    if problems:
        raise _bad_results(problems)
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise _bad_results(
            [
                Problem(
                    shown,
                    _schema_message(err),
                    column=".".join(str(p) for p in err["loc"]) or None,
                    column_label="field",
                    value=_shown_value(err.get("input")),
                    expected=RESULTS_EXPECTED,
                    expected_code="problem.expect.results_file",
                )
                for err in exc.errors()[:20]
            ]
        ) from None


def _result_failure(shown: str, message: str, code: str, **kw: Any) -> Exception:
    """The error for a results file that cannot be read at all."""
    from .errors import Problem

    kw.setdefault("expected", RESULTS_EXPECTED)
    kw.setdefault("expected_code", "problem.expect.results_file")
    problem = Problem(shown, message, column_label="field", code=code, **kw)
    return _bad_results([problem])


def _result_json(path: Path, shown: str) -> Any:
    """A results file's JSON value: not too large, readable, UTF-8, valid and not nested
    too deeply."""
    try:
        if path.stat().st_size > MAX_RESULT_MB * 1024 * 1024:
            raise _result_failure(
                shown,
                f"the file is larger than {MAX_RESULT_MB} MB: not a results file",
                "problem.results_too_large",
                params={"limit": MAX_RESULT_MB},
            )
        data = path.read_bytes()
    except OSError as exc:
        raise _result_failure(
            shown,
            f"the file cannot be read ({exc.strerror})",
            "problem.cannot_read",
            params={"reason": exc.strerror or ""},
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _result_failure(
            shown,
            f"the file is not text (byte {exc.start:,} is not UTF-8): damaged or replaced",
            "problem.results_not_text",
            params={"byte": exc.start},
        ) from None
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=float)
    except json.JSONDecodeError as exc:
        raise _result_failure(
            shown,
            f"the file is not valid JSON ({exc.msg})",
            "problem.results_not_json",
            row=exc.lineno,
            row_label="line",
            params={"reason": exc.msg},
        ) from None
    except RecursionError:
        raise _result_failure(
            shown,
            f"the file is nested too deeply (more than {MAX_DEPTH} levels)",
            "problem.results_too_deep",
            params={"limit": MAX_DEPTH},
        ) from None


def _schema_message(err: Any) -> str:
    msg = str(err.get("msg", "does not fit"))
    return msg[:1].lower() + msg[1:]


def _shown_value(value: Any) -> Any:
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _check_values(value: Any, path: tuple, shown: str) -> list:
    """Numbers out of range and nesting too deep, each with its field."""
    from .errors import Problem

    problems: list = []
    stack = [(value, path)]
    while stack and len(problems) < 20:
        item, where = stack.pop()
        field = ".".join(str(p) for p in where) or None
        if len(where) > MAX_DEPTH:
            problems.append(
                Problem(
                    shown,
                    f"the file is nested too deeply (more than {MAX_DEPTH} levels)",
                    column=field,
                    column_label="field",
                    code="problem.results_too_deep",
                    params={"limit": MAX_DEPTH},
                )
            )
            continue
        if isinstance(item, dict):
            stack.extend((v, (*where, k)) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((v, (*where, i)) for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, _Huge) or (
            isinstance(item, (int, float))
            and not isinstance(item, bool)
            and not (math.isfinite(item) and abs(item) <= MAX_NUMBER)
        ):
            huge = isinstance(item, _Huge)
            digits = len(str(item).lstrip("-"))
            problems.append(
                Problem(
                    shown,
                    f"the number has {digits} digits: out of range"
                    if huge
                    else "the number is out of range",
                    column=field,
                    column_label="field",
                    value=f"{item[:20]}..." if huge else str(item),
                    expected="a finite number of at most 10^15, as the workbook writes: "
                    "render the client again",
                    code="problem.out_of_range_digits" if huge else "problem.out_of_range",
                    expected_code="problem.expect.finite_number",
                    params={"n": digits},
                )
            )
    return problems


def figure_names(section: SectionResult) -> list[tuple[str, str]]:
    """(field, file name) of every figure file a section names."""
    names = []
    for i, ref in enumerate(section.figures):
        names.append((f"figures.{i}.file", ref.file))
        names.extend((f"figures.{i}.files.{lang}", file) for lang, file in ref.files.items())
    return names


class ReportMeta(BaseModel):
    """What the report says about itself: for whom, when, in which language, by which version."""

    firm: str
    legal_name: str | None = None
    industry: str | None = None
    region: str | None = None
    consultant: str | None = None
    fictional: bool = False
    report_date: dt.date = Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))
    #: the workspace's language (the report may be rendered in another)
    language: str
    version: str
    #: the languages the render's reports are made in (figures are drawn in each)
    languages: list[str] = []
    #: steps whose results were reused from an earlier render with the same inputs
    reused: list[str] = []
    #: when the reused results were made (the earlier render's folder name)
    reused_from: str | None = None
    #: the firm's logo, copied into the results folder (``logo.png``); None: no logo
    logo: str | None = Field(default=None, pattern=r"^logo\.(png|jpg|gif)$")
    #: the earlier render the review compares with (``--since``); None: the client's
    #: latest earlier complete render, found beside this one
    since: str | None = None


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
        logo=_logo_name(ws),
    )


def _logo_name(ws: Workspace) -> str | None:
    """``logo.<ext>``: the name the firm's logo has in a results folder (checked when the
    workspace was loaded: an image of a known format inside the workspace)."""
    from PIL import Image

    from .workspace.strategy_file import LOGO_FORMATS, logo_path

    if not ws.strategy.firm.logo:
        return None
    with Image.open(logo_path(ws.path, ws.strategy.firm.logo)) as image:
        return f"logo{LOGO_FORMATS[image.format]}"


def save_logo(ws: Workspace, results_dir: Path | str) -> None:
    """Copy the firm's logo into the results folder, so a rebuild finds it there."""
    import shutil

    name = _logo_name(ws)
    if name is not None:
        Path(results_dir).mkdir(parents=True, exist_ok=True)
        from .workspace.strategy_file import logo_path

        shutil.copyfile(logo_path(ws.path, ws.strategy.firm.logo or ""), Path(results_dir) / name)


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
    return read_result(path, ReportMeta)


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
    "MAX_DEPTH",
    "MAX_NUMBER",
    "MAX_RESULT_MB",
    "META_FILE",
    "NARROW_WIDTH",
    "PNG_COMPRESS",
    "PNG_DPI",
    "PNG_FOLDER",
    "PNG_VARIABLE",
    "RESULTS_EXPECTED",
    "SVG_HASH_SALT",
    "SVG_RC",
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
    "figure_names",
    "finding",
    "load_sections",
    "msg",
    "png_path",
    "png_wanted",
    "read_inputs",
    "read_meta",
    "read_result",
    "report_meta",
    "save_logo",
    "save_section",
    "table",
    "write_atomic",
    "write_inputs",
    "write_meta",
]
