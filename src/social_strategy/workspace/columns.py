"""Validate a large table column by column, with the same rules and messages as row by row.

Validating 700,000 posts one pydantic model per row takes many seconds and more than a
gigabyte. Here each column is checked once per distinct value, by a one-field model built
from the row model (same type, constraints and field validators); columns that pandas read
as plain numbers are checked with vectorised comparisons. A model's checks over several
cells (its ``mode="after"`` validators) come from :meth:`Row.frame_rules`; a model that has
such checks without a frame version is validated row by row instead.
"""

from __future__ import annotations

import inspect
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types as at
import numpy as np
import pandas as pd
from pydantic import BaseModel, ValidationError, create_model, field_validator

from ..errors import Problem
from .fields import parse_number
from .limits import limits
from .messages import described, value_of
from .readers import RawTable, long_cell, restore_formula, too_many_rows
from .schema import ROW_COLUMN, Row, TableSpec


def numeric_fields(model: type[Row]) -> dict[str, str]:
    """Fields typed Number or Integer (also optional): name -> "number" | "integer"."""
    found = {}
    for name, info in model.model_fields.items():
        kind = _numeric_kind(info.annotation, list(info.metadata))
        if kind:
            found[name] = kind
    return found


def _numeric_kind(ann: Any, meta: list[Any]) -> str | None:
    if ann in (int, float) and any(getattr(m, "func", None) is parse_number for m in meta):
        return "integer" if ann is int else "number"
    origin = get_origin(ann)
    if origin is Annotated:
        args = get_args(ann)
        return _numeric_kind(args[0], [*args[1:], *meta])
    if origin in (Union, UnionType):
        for arg in get_args(ann):
            kind = _numeric_kind(arg, meta) if arg is not type(None) else None
            if kind:
                return kind
    return None


def can_validate(model: type[Row]) -> bool:
    """Whether the model's checks over whole rows have a frame version."""
    after = [d for d in model.__pydantic_decorators__.model_validators.values()]
    after = [d for d in after if d.info.mode == "after"]
    return not after or model.frame_rules.__func__ is not Row.frame_rules.__func__


@cache
def one_field(model: type[Row], name: str) -> type[BaseModel]:
    """A model of the single field ``name`` with the row model's type and field validators."""
    validators = {}
    for key, dec in model.__pydantic_decorators__.field_validators.items():
        if name in dec.info.fields or "*" in dec.info.fields:
            func = getattr(model, dec.cls_var_name)
            takes_info = len(inspect.signature(func).parameters) == 2

            def call(value: Any, info: Any, _f: Any = func, _i: bool = takes_info) -> Any:
                return _f(value, info) if _i else _f(value)

            validators[key] = field_validator(name, mode=dec.info.mode)(call)
    info = model.model_fields[name]
    return create_model(  # type: ignore[call-overload]
        f"{model.__name__}_{name}",
        __base__=Row,
        __validators__=validators,
        **{name: (info.annotation, info)},
    )


def _plain_text(model: type[Row], name: str) -> bool:
    """``str`` or ``str | None`` without constraints or validators: only stripped."""
    info = model.model_fields[name]
    if info.annotation not in (str, str | None) or info.metadata:
        return False
    return not any(
        name in d.info.fields or "*" in d.info.fields
        for d in model.__pydantic_decorators__.field_validators.values()
    )


def file_headers(rename: dict[str, str], written: dict[str, str]) -> dict[str, str]:
    """Column -> the header as the file writes it, where that differs from the column's
    name (``Anteil %`` for ``share_pct``), so a form names the column as the client does.
    ``rename`` maps the file's (normalised) headers to columns, ``written`` those headers to
    their text in the file."""
    headers = {}
    for header, name in rename.items():
        text = written.get(header, header)
        if text != name:
            headers[name] = text
    return headers


class _Errors:
    """Problems of one table, by row, so they come out in the order of the rows."""

    def __init__(self, file: str, headers: dict[str, str] | None = None) -> None:
        self.file = file
        self.headers = headers or {}  # column -> the file's header, where it differs
        self.bad: dict[int, list[Problem]] = {}  # row -> its problems

    def add(self, row: int, column: str, err: dict[str, Any]) -> None:
        said = described(err)
        if column in self.headers:
            said["params"] = {**said["params"], "header": self.headers[column]}
        self.bad.setdefault(int(row), []).append(
            Problem(self.file, row=int(row), column=column, value=value_of(err), **said)
        )

    def problems(self) -> list[Problem]:
        return [p for row in sorted(self.bad) for p in self.bad[row]]


def validate_columns(
    spec: TableSpec, raw: RawTable, rename: dict[str, str], problems: list[Problem]
) -> pd.DataFrame | None:
    """Validate ``raw.columnar``; None when it must be validated row by row after all."""
    assert raw.columnar is not None
    model = spec.model
    if not can_validate(model):
        return None
    fields = spec.columns()
    numeric = numeric_fields(model)
    wanted = {i: rename[c] for i, c in enumerate(raw.columns) if c in rename}
    frame = raw.columnar.read(wanted, set(numeric))
    if frame is None:
        return None
    big = too_many_rows(raw.file, len(frame))
    if big:
        problems.append(big)
        return frame.iloc[:0]
    rows = frame.index.to_numpy()
    errors = _Errors(raw.file, file_headers(rename, raw.headers))
    failed = np.zeros(len(frame), dtype=bool)
    bad_ids = np.zeros(len(frame), dtype=bool)  # rows whose id cells themselves failed
    out: dict[str, Any] = {}
    context = {"decimal_comma": raw.decimal_comma}
    truncated: dict[str, int] = {}
    for name in fields:
        if name not in frame.columns:
            out[name] = _default(model, name, len(frame))
            continue
        column = frame[name]
        if name in numeric and column.dtype.kind in "iuf":
            values, bad = _numbers(model, name, numeric[name], column, rows, errors)
        else:
            cut = name in spec.truncate
            values, bad, n_cut = _by_value(model, name, column, rows, errors, context, cut)
            if n_cut:
                truncated[name] = n_cut
        failed |= bad
        if name in spec.id_columns:
            bad_ids |= bad
        out[name] = values
    result = pd.DataFrame(out, index=frame.index)
    for mask, columns, message in model.frame_rules(result) or []:
        hit = mask.to_numpy(dtype=bool) & ~failed
        for row in rows[hit]:
            errors.add(row, columns, {"type": "row", "msg": message, "input": None})
        failed |= hit
    problems.extend(errors.problems())
    if spec.id_columns:  # every row whose ids could be read, also rows with other problems
        ids = result.loc[~bad_ids, list(spec.id_columns)].copy()
        ids[ROW_COLUMN] = rows[~bad_ids]
        check_duplicates(spec, raw.file, ids.to_dict("records"), problems, errors.headers)
    result = result[~failed].infer_objects()  # bool and text columns as records give them
    result = numeric_dtypes(model, model.frame_derive(result))
    result[ROW_COLUMN] = result.index.to_numpy()
    result = result.reset_index(drop=True)
    result.attrs["truncated"] = truncated
    return result


def numeric_dtypes(model: type[Row], frame: pd.DataFrame) -> pd.DataFrame:
    """Number columns as floats (missing: NaN), whole-number columns as integers when none is
    missing: the same dtypes whichever path validated the table."""
    for name, kind in numeric_fields(model).items():
        if name not in frame.columns:
            continue
        column = pd.to_numeric(frame[name]).astype(float)
        whole = kind == "integer" and not column.isna().any()
        frame[name] = column.astype(np.int64) if whole else column
    return frame


def _default(model: type[Row], name: str, n: int) -> list[Any]:
    value = one_field(model, name).model_validate({}).model_dump()[name]
    if isinstance(value, list):  # each row its own list, as row by row
        return [list(value) for _ in range(n)]
    return [value] * n


def _numbers(
    model: type[Row], name: str, kind: str, column: pd.Series, rows: np.ndarray, errors: _Errors
) -> tuple[Any, np.ndarray]:
    """A column pandas parsed as numbers: constraints and whole numbers checked at once."""
    info = model.model_fields[name]
    values = column.to_numpy(dtype=float)
    blank = np.isnan(values)
    bad = np.zeros(len(values), dtype=bool)
    checks = []
    for meta in info.metadata:
        for cls, op, key, kind_name in (
            (at.Ge, np.less, "ge", "greater_than_equal"),
            (at.Gt, np.less_equal, "gt", "greater_than"),
            (at.Le, np.greater, "le", "less_than_equal"),
            (at.Lt, np.greater_equal, "lt", "less_than"),
        ):
            if isinstance(meta, cls):
                checks.append((op, getattr(meta, key), key, kind_name))
    required = info.is_required() and type(None) not in get_args(info.annotation)
    for i in np.flatnonzero(blank & required):
        errors.add(rows[i], name, {"type": "float_type", "input": None, "msg": ""})
        bad[i] = True
    if kind == "integer":
        for i in np.flatnonzero(~blank & (values != np.floor(values))):
            errors.add(rows[i], name, {"type": "int_from_float", "input": _num(values[i])})
            bad[i] = True
    for op, limit, key, kind_name in checks:
        with np.errstate(invalid="ignore"):
            hit = ~blank & ~bad & op(values, limit)
        for i in np.flatnonzero(hit):
            err = {"type": kind_name, "input": _num(values[i]), "ctx": {key: limit}}
            errors.add(rows[i], name, err)
            bad[i] = True
    default = None if required else info.get_default(call_default_factory=True)
    if default is not None and blank.any():  # a blank optional cell takes the default
        values = values.copy()
        values[blank] = float(default)
        blank = np.zeros(len(values), dtype=bool)
    if kind == "integer" and not blank.any():
        return values.astype(np.int64), bad
    return values, bad


def _num(value: float) -> str:
    """The cell as the file wrote it (as far as a parsed number tells)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _by_value(
    model: type[Row],
    name: str,
    column: pd.Series,
    rows: np.ndarray,
    errors: _Errors,
    context: dict[str, Any],
    cut: bool = False,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Any other column: each distinct cell validated once by the one-field model. With
    ``cut``, over-long cells are cut to the cell limit (and counted) instead of refused."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    one = one_field(model, name)
    results, failures, long, cut_codes = _validate_uniques(model, name, one, uniques, context, cut)
    blank_value: Any = None
    if (codes < 0).any():
        try:
            blank_value = one.model_validate({name: ""}, context=context).model_dump()[name]
        except ValidationError as exc:
            failures[-1] = exc.errors()[0]
    lookup = np.empty(len(results) + 1, dtype=object)
    for k, value in enumerate(results):  # one by one: lists stay lists, never a 2-D array
        lookup[k] = value
    lookup[-1] = blank_value
    values = lookup[codes]  # code -1 (blank) picks the last entry
    bad_code = np.zeros(len(results) + 1, dtype=bool)
    for k in [*failures, *long]:
        bad_code[k] = True
    bad = bad_code[codes]
    for i in np.flatnonzero(bad):
        k = int(codes[i])
        if k in long:
            errors.bad.setdefault(int(rows[i]), []).append(
                long_cell(errors.file, int(rows[i]), name, long[k], errors.headers)
            )
        else:
            errors.add(rows[i], name, failures[k])
    n_cut = int(np.isin(codes, cut_codes).sum()) if cut_codes else 0
    return values, bad, n_cut


def _validate_uniques(
    model: type[Row],
    name: str,
    one: Any,
    uniques: Any,
    context: dict[str, Any],
    cut: bool,
) -> tuple[list[Any], dict[int, dict[str, Any]], dict[int, int], list[int]]:
    """Each distinct cell's value (None where refused), its error by cell code, the codes
    of over-long cells with their length, and the codes of cells cut to the limit."""
    plain = _plain_text(model, name)
    max_chars = limits().max_cell_chars
    results: list[Any] = []
    failures: dict[int, dict[str, Any]] = {}
    long: dict[int, int] = {}
    cut_codes: list[int] = []
    for k, cell in enumerate(uniques):
        text = _text(cell)
        if len(text) > max_chars and cut:
            text = text[:max_chars]
            cut_codes.append(k)
        elif len(text) > max_chars:
            long[k] = len(text)
            results.append(None)
            continue
        if plain and text:
            results.append(text)
            continue
        try:
            results.append(one.model_validate({name: text}, context=context).model_dump()[name])
        except ValidationError as exc:
            failures[k] = exc.errors()[0]
            results.append(None)
    return results, failures, long, cut_codes


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return restore_formula(str(cell).strip())


def check_duplicates(
    spec: TableSpec,
    file: str,
    records: list[dict[str, Any]],
    problems: list[Problem],
    headers: dict[str, str] | None = None,
) -> None:
    """Ids given twice among ``records`` (each with its ``ROW_COLUMN``, in row order)."""
    if not spec.id_columns:
        return
    headers = headers or {}
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
                    code="problem.duplicate_id",
                    expected_code="problem.expect.unique_id",
                    params={
                        "first_row": seen[key],
                        "header": ", ".join(headers.get(c, c) for c in spec.id_columns),
                    },
                )
            )
        else:
            seen[key] = record[ROW_COLUMN]


__all__ = [
    "can_validate",
    "check_duplicates",
    "file_headers",
    "numeric_dtypes",
    "numeric_fields",
    "one_field",
    "validate_columns",
]
