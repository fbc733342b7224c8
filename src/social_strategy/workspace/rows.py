"""Check every row of a table against its specification; problems name file, row, column."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..errors import Problem
from .messages import friendly, value_of
from .readers import RawTable
from .schema import ROW_COLUMN, TableSpec


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
    for row_number, cells in raw.rows:
        data = {rename[c]: v for c, v in cells.items() if c in rename}
        try:
            record = spec.model.model_validate(data, context=context).model_dump()
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else (err.get("ctx") or {}).get("columns")
                message, expected = friendly(err)
                problems.append(
                    Problem(
                        raw.file,
                        message,
                        row=row_number,
                        column=column,
                        value=value_of(err),
                        expected=expected,
                    )
                )
            continue
        record[ROW_COLUMN] = row_number
        records.append(record)
    _check_duplicates(spec, raw.file, records, problems)
    return pd.DataFrame.from_records(records, columns=[*spec.columns(), ROW_COLUMN])


def raw_ids(spec: TableSpec, raw: RawTable) -> set[str]:
    """The ids every row gives (lower case), also of rows that fail validation: a reference
    to a row with a bad cell is not a second problem."""
    if not spec.id_columns:
        return set()
    rename = {c: n for c, n in _column_mapping(spec, raw.columns).items()}
    column = next((c for c, n in rename.items() if n == spec.id_columns[0]), None)
    if column is None:
        return set()
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
                )
            )
        else:
            seen[key] = record[ROW_COLUMN]
