"""Check every row of a table against its specification; problems name file, row, column."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..errors import Problem
from .columns import check_duplicates, file_headers, numeric_dtypes, one_field, validate_columns
from .limits import limits
from .messages import described, value_of
from .readers import RawTable, long_cell, restore_formula
from .schema import ROW_COLUMN, TableSpec

#: a table's problems listed at most; the rest are counted
MAX_LISTED = 100


def validate_table(spec: TableSpec, raw: RawTable, problems: list[Problem]) -> pd.DataFrame | None:
    """Check every row of ``raw`` against ``spec``; append problems.

    Returns the rows that passed (so references from them are still checked in the same
    run), or None when the header itself is wrong and no row can be read.
    """
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
                code="problem.column_twice",
                params={"header": raw.headers.get(column, column)},
                expected_code="problem.expect.column_once",
            )
        )
    for column in missing:
        aliases = spec.aliases.get(column, ())
        also = f" (or {', '.join(aliases)})" if aliases else ""
        headers = [c for c in raw.columns if c]
        problems.append(
            Problem(
                raw.file,
                "a required column is missing",
                row=raw.header_row,
                column=column,
                expected=f"a header named '{column}'{also}; found: "
                f"{', '.join(headers) or 'no headers'}",
                code="problem.column_missing",
                expected_code="problem.expect.header_or" if aliases else "problem.expect.header",
                params={
                    "column": column,
                    "aliases": ", ".join(aliases),
                    "found": ", ".join(headers) or "–",
                },
            )
        )
    if missing or twice:
        return None
    found: list[Problem] = []
    frame = _validate(spec, raw, rename, found)
    if raw.formulas:
        found = _formulas(raw, rename, found)
    problems.extend(_capped(raw.file, found))
    return frame


def truncated_cells(frame: pd.DataFrame) -> dict[str, int]:
    """Column -> how many of its cells were cut to the cell limit when the table was read
    (only columns a spec lists in ``truncate``: the free text of a machine-made export).
    A step reports the count beside its analysis ("3 texts cut at 32,767 characters")."""
    return dict(frame.attrs.get("truncated") or {})


def _formulas(raw: RawTable, rename: dict[str, str], found: list[Problem]) -> list[Problem]:
    """Formula cells saved without a value: one problem each, naming the cause, in place of
    what validation said about the (unknown) value."""
    headers = file_headers(rename, raw.headers)
    cells = {(row, rename[col]): text for (row, col), text in raw.formulas.items() if col in rename}
    kept = [p for p in found if (p.row, p.column) not in cells]
    for (row, column), formula in cells.items():
        header = headers.get(column, column)
        kept.append(
            Problem(
                raw.file,
                "a formula without a saved value: open and save the file in Excel",
                row=row,
                column=column,
                value=formula,
                expected="the formula's value, saved by Excel or LibreOffice (or the value "
                "typed in)",
                code="problem.formula_without_value",
                expected_code="problem.expect.saved_value",
                params={"header": header},
            )
        )
    return sorted(kept, key=lambda p: (p.row is None, p.row or 0))


def _capped(file: str, found: list[Problem]) -> list[Problem]:
    """At most MAX_LISTED problems of one table, and how many more there are."""
    if len(found) <= MAX_LISTED:
        return found
    more = len(found) - MAX_LISTED
    return [
        *found[:MAX_LISTED],
        Problem(
            file,
            f"and {more:,} more problems in this table, not listed",
            expected="the same kind of fix as above",
            code="problem.more_not_listed",
            expected_code="problem.expect.same_fix",
            params={"n": more},
        ),
    ]


def _validate(
    spec: TableSpec, raw: RawTable, rename: dict[str, str], problems: list[Problem]
) -> pd.DataFrame:
    if raw.columnar is not None:
        frame = validate_columns(spec, raw, rename, problems)
        if frame is not None:  # duplicates are checked there, over every row
            return frame
        raw.rows = raw.columnar.rows()
    records: list[dict[str, Any]] = []
    id_records: list[dict[str, Any]] = []  # ids of every row that gives them, valid or not
    context = {"decimal_comma": raw.decimal_comma}
    headers = file_headers(rename, raw.headers)
    max_chars = limits().max_cell_chars
    truncated: dict[str, int] = {}
    for row_number, cells in raw.rows:
        data = {rename[c]: v for c, v in cells.items() if c in rename}
        too_long = _cut_long_cells(spec, data, max_chars, truncated)
        problems.extend(
            long_cell(raw.file, row_number, column, length, headers)
            for column, length in too_long.items()
        )
        try:
            record = spec.model.model_validate(data, context=context).model_dump()
        except ValidationError as exc:
            failed = _row_problems(exc, raw.file, row_number, headers, too_long, problems)
            ids = _ids_of(spec, data, context, failed)
            if ids is not None:
                id_records.append({**ids, ROW_COLUMN: row_number})
            continue
        record[ROW_COLUMN] = row_number
        if too_long:
            ids = _ids_of(spec, data, context, set(too_long))
            if ids is not None:
                id_records.append({**ids, ROW_COLUMN: row_number})
            continue
        records.append(record)
        id_records.append(record)
    id_records.sort(key=lambda r: r[ROW_COLUMN])
    check_duplicates(spec, raw.file, id_records, problems, headers)
    frame = pd.DataFrame.from_records(records, columns=[*spec.columns(), ROW_COLUMN])
    frame = numeric_dtypes(spec.model, frame)
    frame.attrs["truncated"] = truncated
    return frame


def _cut_long_cells(
    spec: TableSpec, data: dict[str, Any], max_chars: int, truncated: dict[str, int]
) -> dict[str, int]:
    """Cells over the cell limit cut to it (in ``data``): counted in ``truncated`` where the
    table allows cutting, else returned with their length, to be refused."""
    too_long = {}
    for column, value in data.items():
        if len(value) > max_chars:
            if column in spec.truncate:
                truncated[column] = truncated.get(column, 0) + 1
            else:
                too_long[column] = len(value)
            data[column] = value[:max_chars]
    return too_long


def _row_problems(
    exc: ValidationError,
    file: str,
    row_number: int,
    headers: dict[str, str],
    too_long: dict[str, int],
    problems: list[Problem],
) -> set[str | None]:
    """A row's validation errors as problems (none again for a cell already refused as
    too long); returns the columns that failed."""
    failed: set[str | None] = set(too_long)
    for err in exc.errors():
        column = str(err["loc"][0]) if err["loc"] else (err.get("ctx") or {}).get("columns")
        failed.add(column)
        if column in too_long:
            continue
        said = described(err)
        if column in headers:
            said["params"] = {**said["params"], "header": headers[column]}
        problems.append(Problem(file, row=row_number, column=column, value=value_of(err), **said))
    return failed


def _ids_of(
    spec: TableSpec, data: dict[str, Any], context: dict[str, Any], failed: set[str | None]
) -> dict[str, Any] | None:
    """A failed row's id cells as validation makes them (``@Foo`` -> ``foo``), so a
    duplicate id is reported in the same run as the row's other problems; None when an
    id cell itself failed."""
    if not spec.id_columns or failed & set(spec.id_columns):
        return None
    ids = {}
    for column in spec.id_columns:
        try:
            one = one_field(spec.model, column).model_validate(
                {column: data.get(column)}, context=context
            )
        except ValidationError:
            return None
        ids[column] = getattr(one, column)
    return ids


def raw_ids(spec: TableSpec, raw: RawTable) -> set[str]:
    """The ids every row gives (lower case), also of rows that fail validation: a reference
    to a row with a bad cell is not a second problem."""
    if not spec.id_columns:
        return set()
    rename = {c: n for c, n in _column_mapping(spec, raw.columns).items()}
    column = next((c for c, n in rename.items() if n == spec.id_columns[0]), None)
    if column is None:
        return set()
    if raw.columnar is not None:  # a large table: only its id column is read
        frame = raw.columnar.read({raw.columns.index(column): "id"}, set())
        if frame is not None:
            return {restore_formula(str(v).strip()).lower() for v in frame["id"].dropna()} - {""}
        raw.rows = raw.columnar.rows()
    return {str(cells.get(column, "")).strip().lower() for _, cells in raw.rows} - {""}


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


__all__ = ["MAX_LISTED", "check_duplicates", "raw_ids", "truncated_cells", "validate_table"]
