"""Load a client's workspace and validate all of it in one pass.

Every problem found (in ``strategy.yaml`` and in every table) is collected; if there are
any, one :class:`~social_strategy.errors.InputError` carries them all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import ValidationError

from ..errors import InputError, Problem
from .profile import Strategy, yaml_line
from .readers import RawTable, normalise_header, read_csv, read_xlsx_sheet, xlsx_sheets
from .tables import TABLES, TableSpec

STRATEGY_FILE = "strategy.yaml"


class YamlLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: pydantic checks them, so ``2027-13-45`` becomes
    a problem with its line instead of a crash inside the YAML parser."""


YamlLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
ROW_COLUMN = "_row"  # spreadsheet row number kept beside every validated record


@dataclass
class Workspace:
    """A validated workspace: the strategy profile and one DataFrame per table."""

    path: Path
    strategy: Strategy
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.strategy.firm.name

    @property
    def slug(self) -> str:
        return slugify(self.strategy.firm.name)

    def has(self, table: str) -> bool:
        return table in self.tables and not self.tables[table].empty

    def table(self, name: str) -> pd.DataFrame:
        """The validated table, or an empty frame with the schema's columns."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=[*TABLES[name].columns(), ROW_COLUMN])


def slugify(text: str) -> str:
    """``'Röstwerk Elbufer GmbH'`` -> ``'roestwerk-elbufer-gmbh'``: safe as a folder name."""
    text = text.lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "client"


def load_workspace(path: Path | str) -> Workspace:
    """Read and validate ``strategy.yaml`` and every table; raise one InputError for all."""
    root = Path(path).expanduser()
    if not root.is_dir():
        raise InputError(
            [
                Problem(
                    str(root),
                    "the workspace folder does not exist",
                    expected="a folder made by `social-strategy new`",
                )
            ]
        )
    problems: list[Problem] = []
    strategy = _load_strategy(root, problems)
    workspace = Workspace(root.resolve(), strategy) if strategy else None
    failed: set[str] = set()
    for spec, source, reader in _table_sources(root, strategy, problems):
        raw = reader()
        frame = None if isinstance(raw, Problem) else validate_table(spec, raw, problems)
        if isinstance(raw, Problem):
            problems.append(raw)
        if frame is None:
            failed.add(spec.name)
        elif workspace is not None:
            workspace.tables[spec.name] = frame
            workspace.sources[spec.name] = source
    if workspace is not None:
        _cross_checks(workspace, failed, problems)
    if problems or workspace is None:
        raise InputError(problems)
    return workspace


# -- strategy.yaml ---------------------------------------------------------------------
def _load_strategy(root: Path, problems: list[Problem]) -> Strategy | None:
    path = root / STRATEGY_FILE
    if not path.is_file():
        problems.append(
            Problem(
                STRATEGY_FILE,
                "the file is missing",
                expected="the firm profile (copy templates/workspace or run `social-strategy new`)",
            )
        )
        return None
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    try:
        node = yaml.compose(text, Loader=YamlLoader)
        data = yaml.load(text, Loader=YamlLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        text = f"YAML syntax error: {exc.problem or exc.context}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            text += (
                f" (in the block starting at line {exc.context_mark.line + 1}; the cause is "
                "often an unclosed quote or a wrong indentation a few lines above)"
            )
        problems.append(
            Problem(
                STRATEGY_FILE,
                text,
                row=mark.line + 1 if mark else None,
                row_label="line",
                expected="valid YAML; put text containing ':' or '#' in quotes",
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                STRATEGY_FILE,
                "the file is empty or not a set of 'key: value' lines",
                row=1,
                row_label="line",
                expected="at least 'firm:' with 'name:'",
            )
        )
        return None
    strategy, found = validate_strategy(data, node)
    problems.extend(found)
    return strategy


def validate_strategy(
    data: dict[str, Any], node: Any = None
) -> tuple[Strategy | None, list[Problem]]:
    """Check the contents of strategy.yaml; problems name the YAML line when ``node`` is given."""
    try:
        return Strategy.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            message, expected = _friendly(err)
            problems.append(
                Problem(
                    STRATEGY_FILE,
                    message,
                    row=yaml_line(node, loc) if node is not None else None,
                    row_label="line",
                    column=".".join(str(p) for p in loc) or None,
                    column_label="field",
                    value=_value_of(err),
                    expected=expected,
                )
            )
        return None, problems


# -- tables ----------------------------------------------------------------------------
def _table_sources(root: Path, strategy: Strategy | None, problems: list[Problem]):
    """Yield (spec, shown name, reader) for every table present as CSV or xlsx sheet."""
    sheets: dict[str, list[tuple[Path, str]]] = {}
    for book in sorted(root.glob("*.xlsx")):
        if book.name.startswith("~$"):
            continue
        names = xlsx_sheets(book)
        if isinstance(names, Problem):
            problems.append(names)
            continue
        for sheet in names:
            sheets.setdefault(normalise_header(sheet), []).append((book, sheet))

    posts_file = strategy.settings.audience.posts_file if strategy else ""
    for name, spec in TABLES.items():
        if name == "posts" and posts_file:
            # the export named in the settings is the posts table; nothing else is looked at
            found = _posts_export(root, posts_file, problems)
        else:
            found = []
            csv_path = root / f"{name}.csv"
            if csv_path.is_file():
                found.append((csv_path.name, lambda p=csv_path: read_csv(p, p.name)))
            for book, sheet in sheets.get(name, []):
                shown = f"{book.name}, sheet {sheet}"
                found.append((shown, _xlsx_reader(book, sheet, shown)))
        if len(found) > 1:
            problems.append(
                Problem(
                    found[1][0],
                    f"table '{name}' is given twice",
                    expected=f"one source only; also found in {found[0][0]}",
                )
            )
            continue
        if found:
            yield spec, found[0][0], found[0][1]


def _posts_export(root: Path, posts_file: str, problems: list[Problem]) -> list[tuple[str, Any]]:
    """The posts export named by ``settings.audience.posts_file`` (CSV or xlsx)."""
    path = root / posts_file

    def bad(message: str) -> list[tuple[str, Any]]:
        problems.append(
            Problem(
                STRATEGY_FILE,
                message,
                column="settings.audience.posts_file",
                column_label="field",
                value=posts_file,
                expected="a CSV or xlsx file inside the workspace folder",
            )
        )
        return []

    if not path.resolve().is_relative_to(root.resolve()):
        return bad("the posts export must lie inside the workspace folder")
    if not path.is_file():
        return bad("the posts export named here does not exist")
    shown = path.relative_to(root).as_posix()
    if path.suffix.lower() != ".xlsx":
        return [(shown, lambda: read_csv(path, shown))]
    names = xlsx_sheets(path)
    if isinstance(names, Problem):
        problems.append(names)
        return []
    if not names:
        return bad("the workbook has no worksheet")
    sheet = next((n for n in names if normalise_header(n) == "posts"), names[0])
    return [(f"{shown}, sheet {sheet}", _xlsx_reader(path, sheet, f"{shown}, sheet {sheet}"))]


def _xlsx_reader(book: Path, sheet: str, shown: str):
    return lambda: read_xlsx_sheet(book, sheet, shown)


def validate_table(spec: TableSpec, raw: RawTable, problems: list[Problem]) -> pd.DataFrame | None:
    """Check every row of ``raw`` against ``spec``; append problems, return the valid frame."""
    rename = _column_mapping(spec, raw.columns)
    present = set(rename.values())
    missing = [c for c in spec.required_columns() if c not in present]
    twice = [c for c in dict.fromkeys(raw.columns) if c in rename and raw.columns.count(c) > 1]
    for column in twice:
        problems.append(
            Problem(
                raw.file,
                "the column is given twice",
                row=raw.header_row,
                column=column,
                expected="each column once",
            )
        )
    for column in missing:
        aliases = spec.aliases.get(column, ())
        also = f" (or {', '.join(aliases)})" if aliases else ""
        problems.append(
            Problem(
                raw.file,
                "a required column is missing",
                row=raw.header_row,
                column=column,
                expected=f"a header named '{column}'{also}; found: "
                f"{', '.join(c for c in raw.columns if c) or 'no headers'}",
            )
        )
    if missing or twice:
        return None
    records: list[dict[str, Any]] = []
    context = {"decimal_comma": raw.decimal_comma}
    first_problem = len(problems)
    for row_number, cells in raw.rows:
        data = {rename[c]: v for c, v in cells.items() if c in rename}
        try:
            record = spec.model.model_validate(data, context=context).model_dump()
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else (err.get("ctx") or {}).get("columns")
                message, expected = _friendly(err)
                problems.append(
                    Problem(
                        raw.file,
                        message,
                        row=row_number,
                        column=column,
                        value=_value_of(err),
                        expected=expected,
                    )
                )
            continue
        record[ROW_COLUMN] = row_number
        records.append(record)
    _check_duplicates(spec, raw.file, records, problems)
    if len(problems) > first_problem:
        return None
    return pd.DataFrame.from_records(records, columns=[*spec.columns(), ROW_COLUMN])


def _column_mapping(spec: TableSpec, columns: list[str]) -> dict[str, str]:
    fields = set(spec.columns())
    mapping = {c: c for c in columns if c in fields}
    for column in columns:
        if column in mapping:
            continue
        for name, aliases in spec.aliases.items():
            if column in aliases and name not in mapping.values():
                mapping[column] = name
                break
    return mapping


def _check_duplicates(
    spec: TableSpec, file: str, records: list[dict[str, Any]], problems: list[Problem]
) -> None:
    if not spec.id_columns:
        return
    seen: dict[tuple[Any, ...], int] = {}
    for record in records:
        key = tuple(str(record[c]).strip().lower() for c in spec.id_columns)
        if key in seen:
            shown = " / ".join(str(record[c]) for c in spec.id_columns)
            problems.append(
                Problem(
                    file,
                    f"duplicate id, already used in row {seen[key]}",
                    row=record[ROW_COLUMN],
                    column=", ".join(spec.id_columns),
                    value=shown,
                    expected="each id only once",
                )
            )
        else:
            seen[key] = record[ROW_COLUMN]


#: (table, column, what it refers to): every id in the column must exist there
REFERENCES = (
    ("channels", "goals", "goal"),
    ("channels", "segments", "segment"),
    ("segment_platform_use", "segment_id", "segment"),
)


def _cross_checks(ws: Workspace, failed: set[str], problems: list[Problem]) -> None:
    """References between tables and to strategy.yaml (not into a table that failed)."""
    known = {"goal": {g.id.lower() for g in ws.strategy.goals}}
    if "segments" not in failed:
        known["segment"] = set(ws.table("segments")["id"].str.lower())
    expected = {
        "goal": f"a goal id from strategy.yaml ({', '.join(sorted(known['goal'])) or 'none yet'})",
        "segment": "an id from segments",
    }
    for table, column, target in REFERENCES:
        if table not in ws.tables or target not in known:
            continue
        for _, rec in ws.tables[table].iterrows():
            ids = rec[column] if isinstance(rec[column], list) else [rec[column]]
            for ref in ids:
                if ref.lower() not in known[target]:
                    problems.append(
                        Problem(
                            ws.sources[table],
                            f"refers to a {target} that does not exist",
                            row=rec[ROW_COLUMN],
                            column=column,
                            value=ref,
                            expected=expected[target],
                        )
                    )
    segments = ws.tables.get("segments")
    unweighable = (
        segments is not None
        and not segments.empty
        and segments["size"].isna().any()
        and segments["share_pct"].isna().any()
    )
    if unweighable:
        gap = segments[segments["share_pct"].isna()].iloc[0]
        problems.append(
            Problem(
                ws.sources["segments"],
                "segments need a share_pct each (or a size each) to be weighed",
                row=gap[ROW_COLUMN],
                column="share_pct",
                expected="the same column filled in every row",
            )
        )


# -- messages --------------------------------------------------------------------------
_MESSAGES = {
    "float_parsing": ("is not a number", "a number such as 12 or 12,5"),
    "float_type": ("is not a number", "a number such as 12 or 12,5"),
    "int_parsing": ("is not a whole number", "a whole number such as 12"),
    "int_type": ("is not a whole number", "a whole number such as 12"),
    "int_from_float": ("is not a whole number", "a whole number such as 12"),
    "date_parsing": ("is not a date", "a date such as 2027-03-31 or 31.03.2027"),
    "date_from_datetime_parsing": ("is not a date", "a date such as 2027-03-31 or 31.03.2027"),
    "date_type": ("is not a date", "a date such as 2027-03-31 or 31.03.2027"),
    "bool_parsing": ("is not yes or no", "yes/no, ja/nein, 1/0"),
    "bool_type": ("is not yes or no", "yes/no, ja/nein, 1/0"),
    "missing": ("is missing but required", None),
    "string_too_short": ("is empty but required", "some text"),
    "string_type": ("is not text", "text"),
    "list_type": ("is not a list", "a list (one item per line starting with '- ')"),
    "dict_type": ("is not a section of 'key: value' lines", "indented 'key: value' lines"),
    "model_type": ("is not a section of 'key: value' lines", "indented 'key: value' lines"),
    "extra_forbidden": ("is not a known setting (a typo?)", "one of the documented keys"),
}


def _friendly(err: dict[str, Any]) -> tuple[str, str | None]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if err.get("input") is None and kind in {
        "float_type",
        "int_type",
        "string_type",
        "date_type",
        "literal_error",
        "bool_type",
    }:
        return "is empty but required", None
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "literal_error":
        return "is not one of the allowed values", str(ctx.get("expected", "")).replace("'", "")
    if kind == "string_pattern_mismatch":
        return "has the wrong form", _PATTERN_HINTS.get(ctx.get("pattern", ""), ctx.get("pattern"))
    if kind in {"greater_than_equal", "greater_than"}:
        return "is too small", f"at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in {"less_than_equal", "less_than"}:
        return "is too large", f"at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), None
    if kind == "row":
        return err["msg"], None
    return err["msg"][0].lower() + err["msg"][1:], None


_PATTERN_HINTS = {
    r"^(\d{1,2}\s*-\s*\d{1,3}|\d{1,2}\+|all)$": "an age band such as 25-44, 65+ or all",
}


def _value_of(err: dict[str, Any]) -> Any:
    value = err.get("input")
    if isinstance(value, (dict, list)) or err["type"] == "missing":
        return None
    return value
