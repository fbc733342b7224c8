"""Find each table of the workspace: a CSV file, a sheet of an xlsx workbook, or the file a
setting names (a posts export). Only files inside the workspace folder are read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..paths import inside
from .inputs import TABLES
from .profile import Strategy
from .readers import RawTable, normalise_header, read_csv, read_xlsx_sheet, xlsx_sheets
from .schema import TableSpec
from .strategy_file import STRATEGY_FILE

Reader = Callable[[], "RawTable | Problem"]


def table_sources(
    root: Path, strategy: Strategy | None, problems: list[Problem]
) -> Iterator[tuple[TableSpec, str, Reader]]:
    """Yield (spec, shown name, reader) for every table present as CSV or xlsx sheet."""
    sheets = _workbook_sheets(root, problems)
    for name, spec in TABLES.items():
        named = _setting(strategy, spec.file_setting)
        if named:
            # the file named in the settings is the table; nothing else is looked at
            found = _named_file(root, spec, named, problems)
        else:
            found = _found_by_name(root, name, sheets)
        if len(found) > 1:
            problems.append(
                Problem(
                    found[1][0],
                    f"table '{name}' is given twice",
                    expected=f"one source only; also found in {found[0][0]}",
                    code="problem.table_twice",
                    expected_code="problem.expect.one_source",
                    params={"table": name, "other": found[0][0]},
                )
            )
            continue
        if found:
            yield spec, found[0][0], found[0][1]


def _workbook_sheets(root: Path, problems: list[Problem]) -> dict[str, list[tuple[Path, str]]]:
    """The sheets of the workspace's workbooks by table name (Excel's lock files and
    workbooks outside the folder left out; an unreadable workbook is a problem)."""
    sheets: dict[str, list[tuple[Path, str]]] = {}
    for book in sorted(root.glob("*.xlsx")):
        if book.name.startswith("~$") or not inside(root, book, problems):
            continue
        names = xlsx_sheets(book)
        if isinstance(names, Problem):
            problems.append(names)
            continue
        for sheet in names:
            sheets.setdefault(normalise_header(sheet), []).append((book, sheet))
    return sheets


def _found_by_name(
    root: Path, name: str, sheets: dict[str, list[tuple[Path, str]]]
) -> list[tuple[str, Reader]]:
    """The table's sources by its name: ``<name>.csv`` and the sheets called so."""
    found: list[tuple[str, Reader]] = []
    csv_path = root / f"{name}.csv"
    if csv_path.is_file():
        refused: list[Problem] = []
        if inside(root, csv_path, refused):
            found.append((csv_path.name, lambda p=csv_path: read_csv(p, p.name)))
        else:  # unreadable: references to it are not judged
            found.append((csv_path.name, lambda r=refused[0]: r))
    for book, sheet in sheets.get(name, []):
        shown = f"{book.name}, sheet {sheet}"
        found.append((shown, _xlsx_reader(book, sheet, shown)))
    return found


def _setting(strategy: Strategy | None, dotted: str | None) -> str:
    """The value of ``settings.<dotted>`` ("" when unset or the profile failed)."""
    if strategy is None or not dotted:
        return ""
    value: Any = strategy.settings
    for part in dotted.split("."):
        value = getattr(value, part, "")
    return str(value or "")


def _named_file(
    root: Path, spec: TableSpec, named: str, problems: list[Problem]
) -> list[tuple[str, Reader]]:
    """The file a setting names for ``spec`` (CSV or xlsx), inside the workspace only."""
    path = root / named

    def bad(message: str) -> list[tuple[str, Any]]:
        problems.append(
            Problem(
                STRATEGY_FILE,
                message,
                column=f"settings.{spec.file_setting}",
                column_label="field",
                value=named,
                expected="a CSV or xlsx file inside the workspace folder",
            )
        )
        return []

    if not path.resolve().is_relative_to(root.resolve()):
        return bad("the file must lie inside the workspace folder")
    if not path.is_file():
        return bad("the file named here does not exist")
    shown = path.relative_to(root).as_posix()
    if path.suffix.lower() != ".xlsx":
        return [(shown, lambda: read_csv(path, shown))]
    names = xlsx_sheets(path)
    if isinstance(names, Problem):
        problems.append(names)
        return []
    if not names:
        return bad("the workbook has no worksheet")
    sheet = next((n for n in names if normalise_header(n) == spec.name), names[0])
    return [(f"{shown}, sheet {sheet}", _xlsx_reader(path, sheet, f"{shown}, sheet {sheet}"))]


def _xlsx_reader(book: Path, sheet: str, shown: str):
    return lambda: read_xlsx_sheet(book, sheet, shown)


__all__ = ["Reader", "table_sources"]
