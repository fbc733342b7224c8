"""Check every row of a table against its specification; problems name file, row, column."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..errors import Problem
from .columns import file_headers, numeric_dtypes, validate_columns
from .messages import described, value_of
from .readers import RawTable, restore_formula
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
    problems.extend(_capped(raw.file, found))
    return frame


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
        ),
    ]


def _validate(
    spec: TableSpec, raw: RawTable, rename: dict[str, str], problems: list[Problem]
) -> pd.DataFrame:
    if raw.columnar is not None:
        frame = validate_columns(spec, raw, rename, problems)
        if frame is not None:
            if spec.id_columns:
                records = frame[[*spec.id_columns, ROW_COLUMN]].to_dict("records")
                _check_duplicates(spec, raw.file, records, problems)
            return frame
        raw.rows = raw.columnar.rows()
    records: list[dict[str, Any]] = []
    context = {"decimal_comma": raw.decimal_comma}
    headers = file_headers(rename, raw.headers)
    for row_number, cells in raw.rows:
        data = {rename[c]: v for c, v in cells.items() if c in rename}
        try:
            record = spec.model.model_validate(data, context=context).model_dump()
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else (err.get("ctx") or {}).get("columns")
                said = described(err)
                if column in headers:
                    said["params"] = {**said["params"], "header": headers[column]}
                problems.append(
                    Problem(raw.file, row=row_number, column=column, value=value_of(err), **said)
                )
            continue
        record[ROW_COLUMN] = row_number
        records.append(record)
    _check_duplicates(spec, raw.file, records, problems)
    frame = pd.DataFrame.from_records(records, columns=[*spec.columns(), ROW_COLUMN])
    return numeric_dtypes(spec.model, frame)


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
                    code="problem.duplicate_id",
                    expected_code="problem.expect.unique_id",
                    params={"first_row": seen[key]},
                )
            )
        else:
            seen[key] = record[ROW_COLUMN]


__all__ = ["MAX_LISTED", "raw_ids", "validate_table"]
