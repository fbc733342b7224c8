"""Read tables the way clients send them.

CSV files arrive as UTF-8 with or without BOM or as cp1252 (German Excel), separated by
commas, semicolons or tabs, with decimal commas and Excel quoting. Excel workbooks arrive
as .xlsx with one sheet per table. Both become a :class:`RawTable`: text cells keyed by
header, each row numbered as a spreadsheet user counts it (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem

_SEPARATORS = ";,\t|"
_COMMA_DECIMAL = re.compile(r"^-?\d+,\d+$")
_POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


@dataclass
class RawTable:
    """Cells as text, before validation."""

    file: str  # name shown to the user
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    decimal_comma: bool = False
    #: spreadsheet row of the header (1 unless blank rows come first)
    header_row: int = 1


def normalise_header(name: object) -> str:
    """``' Post Weekday '`` -> ``'post_weekday'``, ``'Share %'`` -> ``'share_pct'``."""
    text = str(name if name is not None else "").replace("\ufeff", "").strip().lower()
    text = text.replace("%", " pct")
    return re.sub(r"[\s\-./()]+", "_", text).strip("_")


def decode(data: bytes) -> str:
    """UTF-8 first, German Excel's cp1252 otherwise; a leading BOM is dropped either way.

    Some tools put a UTF-8 BOM in front of cp1252 text, so the BOM alone does not decide.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_LONE_CR = re.compile(r"\r(?!\n)")


def _stray_returns(text: str) -> str:
    """A lone carriage return in a file whose lines end in ``\n`` (Unix or Windows) is a
    line break typed inside a cell (exports of post texts carry them), not the end of a row:
    it becomes a space. Files that end their lines with ``\r`` alone (old Mac) are kept."""
    lone = len(_LONE_CR.findall(text))
    if lone and lone < text.count("\n"):
        return _LONE_CR.sub(" ", text)
    return text


def _sniff_separator(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: _count_outside_quotes(header, sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def _count_outside_quotes(line: str, sep: str) -> int:
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            n += 1
    return n


def read_csv(path: Path, shown_as: str) -> RawTable | Problem:
    """Read one CSV file; a :class:`Problem` when it cannot be read as a table at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(shown_as, f"the file cannot be read ({exc.strerror})")
    text = _stray_returns(decode(data))
    if not text.strip():
        return Problem(shown_as, "the file is empty", row=1, expected="a header row and data rows")
    sep = _sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"')
    records = list(reader)
    header_index = next((i for i, rec in enumerate(records) if any(c.strip() for c in rec)), None)
    if header_index is None:  # only separators: an empty sheet saved by Excel
        return Problem(shown_as, "the file is empty", row=1, expected="a header row and data rows")
    columns = [normalise_header(c) for c in records[header_index]]
    rows: list[tuple[int, dict[str, str]]] = []
    for i, rec in enumerate(records[header_index + 1 :], start=header_index + 2):
        if not any(c.strip() for c in rec):
            continue
        cells = {col: (rec[j].strip() if j < len(rec) else "") for j, col in enumerate(columns)}
        rows.append((i, cells))
    return RawTable(
        shown_as,
        columns,
        rows,
        decimal_comma=_decimal_comma(sep, rows),
        header_row=header_index + 1,
    )


def _decimal_comma(sep: str, rows: list[tuple[int, dict[str, str]]]) -> bool:
    """Semicolon files are German Excel exports; for others the cells decide."""
    if sep == ";":
        return True
    if sep == ",":
        return False
    commas = points = 0
    for _, cells in rows[:200]:
        for value in cells.values():
            commas += bool(_COMMA_DECIMAL.match(value))
            points += bool(_POINT_DECIMAL.match(value))
    return commas > points


def xlsx_sheets(path: Path) -> list[str] | Problem:
    """Sheet names of a workbook, or the problem opening it."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        return Problem(path.name, f"the workbook cannot be opened ({type(exc).__name__}: {exc})")
    try:
        return [ws.title for ws in wb.worksheets]  # chart sheets hold no table
    finally:
        wb.close()


def read_xlsx_sheet(path: Path, sheet: str, shown_as: str) -> RawTable | Problem:
    """Read one sheet; cells keep their Excel row numbers."""
    try:
        return _read_sheet(path, sheet, shown_as)
    except Exception as exc:  # a damaged or unusual workbook
        return Problem(shown_as, f"the sheet cannot be read ({type(exc).__name__}: {exc})")


def _read_sheet(path: Path, sheet: str, shown_as: str) -> RawTable | Problem:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    header_row = 1
    try:
        ws = wb[sheet]
        columns: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        for excel_row, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if columns is None:
                columns = [normalise_header(c) for c in cells]
                header_row = excel_row
                continue
            rows.append(
                (
                    excel_row,
                    {col: (cells[j] if j < len(cells) else "") for j, col in enumerate(columns)},
                )
            )
    finally:
        wb.close()
    if columns is None:
        return Problem(shown_as, "the sheet is empty", row=1, expected="a header row and data rows")
    return RawTable(shown_as, columns, rows, decimal_comma=False, header_row=header_row)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
