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
from typing import TYPE_CHECKING

from ..errors import Problem
from .limits import env_name, limits

if TYPE_CHECKING:
    import pandas as pd

_SEPARATORS = ";,\t|"
_COMMA_DECIMAL = re.compile(r"^-?\d+,\d+$")
_POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")
#: files with more lines than this are read column by column (see :class:`Columnar`)
COLUMNAR_LINES = 5_000
# the csv module's own cell limit (128 KiB) would end in a traceback; cells are measured
# against Limits.max_cell_chars instead, which names the row and column
csv.field_size_limit(2**31 - 1)


@dataclass
class RawTable:
    """Cells as text, before validation."""

    file: str  # name shown to the user
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    decimal_comma: bool = False
    #: spreadsheet row of the header (1 unless blank rows come first)
    header_row: int = 1
    #: large CSV files: read column by column when validated, ``rows`` stays empty
    columnar: Columnar | None = None
    #: column -> its header as written in the file (``share_pct`` -> ``Anteil %``), so a
    #: form names it as the client does
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Columnar:
    """A large CSV file kept as text until validation asks for the columns it needs, so a
    posts export of 700,000 rows is parsed by pandas' C reader into typed columns instead of
    one Python dict per row."""

    data: bytes
    encoding: str
    sep: str
    header_index: int
    decimal_comma: bool

    def read(self, wanted: dict[int, str], numeric: set[str]) -> pd.DataFrame | None:
        """Columns at the positions ``wanted`` (named by their values), numeric ones parsed
        by pandas where every cell is a plain number; blank cells NaN. The index is the
        spreadsheet row. None when the file's rows are too ragged for pandas' reader."""
        import pandas as pd

        try:
            frame = pd.read_csv(
                io.BytesIO(self.data),
                encoding=self.encoding,
                encoding_errors="replace",
                sep=self.sep,
                header=None,
                skiprows=self.header_index + 1,
                skip_blank_lines=False,
                usecols=list(wanted),
                dtype={pos: str for pos, name in wanted.items() if name not in numeric},
                keep_default_na=False,
                na_values=[""],
                decimal="," if self.decimal_comma else ".",
                quotechar='"',
                engine="c",
            )
        except (pd.errors.ParserError, ValueError, csv.Error):
            return None
        frame = frame.rename(columns=wanted)
        frame.index = frame.index + self.header_index + 2
        return frame.dropna(how="all")

    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """Every data row as text cells (the slow path, for what :meth:`read` cannot do)."""
        text = decode(self.data)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=self.sep))
        columns = [normalise_header(c) for c in records[self.header_index]]
        return _rows(records, self.header_index, columns)


def normalise_header(name: object) -> str:
    """``' Post Weekday '`` -> ``'post_weekday'``, ``'Share %'`` -> ``'share_pct'``."""
    text = str(name if name is not None else "").replace("\ufeff", "").strip().lower()
    text = text.replace("%", " pct")
    return re.sub(r"[\s\-./()]+", "_", text).strip("_")


def written_headers(cells: list[object]) -> dict[str, str]:
    """Normalised header -> the header as written, for the first column of each name."""
    headers: dict[str, str] = {}
    for cell in cells:
        text = str(cell if cell is not None else "").replace("\ufeff", "").strip()
        headers.setdefault(normalise_header(text), text)
    return headers


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


def stray_returns(text: str) -> str:
    """A lone carriage return in a file whose lines end in ``\n`` (Unix or Windows) is a
    line break typed inside a cell (exports of post texts carry them), not the end of a row:
    it becomes a space. Files that end their lines with ``\r`` alone (old Mac) are kept."""
    lone = len(_LONE_CR.findall(text))
    if lone and lone < text.count("\n"):
        return _LONE_CR.sub(" ", text)
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff_separator(text: str) -> str:
    header = next((line for line in text[:200_000].splitlines() if line.strip()), "")
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


def too_large(path: Path, shown_as: str) -> Problem | None:
    """A problem when ``path`` is over the file-size limit (checked before reading)."""
    limit = limits().max_file_mb
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= limit * 1024 * 1024:
        return None
    return Problem(
        shown_as,
        f"the file is too large to read ({_mb(size / 1024 / 1024)} MB)",
        expected=f"at most {_mb(limit)} MB; {env_name('max_file_mb')} raises the limit",
    )


def _mb(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


def too_many_rows(shown_as: str, n: int) -> Problem | None:
    limit = limits().max_rows
    if n <= limit:
        return None
    return Problem(
        shown_as,
        "the table has too many rows",
        expected=f"at most {limit:,} rows; {env_name('max_rows')} raises the limit",
    )


def long_cell(
    shown_as: str, row: int, column: str, n: int, headers: dict[str, str] | None = None
) -> Problem:
    limit = limits().max_cell_chars
    header = (headers or {}).get(column, column)
    return Problem(
        shown_as,
        f"the cell is too long ({n:,} characters)",
        row=row,
        column=column,
        expected=f"at most {limit:,} characters{', as in Excel' if limit == 32_767 else ''}"
        f"; {env_name('max_cell_chars')} raises the limit",
        code="problem.cell_too_long",
        expected_code="problem.expect.at_most_chars",
        params={"n": n, "limit": limit, "env": env_name("max_cell_chars"), "header": header},
    )


def read_csv(path: Path, shown_as: str) -> RawTable | Problem:
    """Read one CSV file; a :class:`Problem` when it cannot be read as a table at all."""
    big = too_large(path, shown_as)
    if big:
        return big
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(shown_as, f"the file cannot be read ({exc.strerror})")
    if data.count(b"\n") > COLUMNAR_LINES:
        return _columnar(data, shown_as)
    text = stray_returns(decode(data))
    if not text.strip():
        return Problem(shown_as, "the file is empty", row=1, expected="a header row and data rows")
    sep = sniff_separator(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"'))
    except csv.Error as exc:
        return Problem(shown_as, f"the file cannot be read as a table ({exc})")
    header_index = next((i for i, rec in enumerate(records) if any(c.strip() for c in rec)), None)
    if header_index is None:  # only separators: an empty sheet saved by Excel
        return Problem(shown_as, "the file is empty", row=1, expected="a header row and data rows")
    columns = [normalise_header(c) for c in records[header_index]]
    rows = _rows(records, header_index, columns)
    problem = too_many_rows(shown_as, len(rows))
    if problem:
        return problem
    max_chars = limits().max_cell_chars
    for row, cells in rows:
        for column, value in cells.items():
            if len(value) > max_chars:
                headers = written_headers(records[header_index])
                return long_cell(shown_as, row, column, len(value), headers)
    return RawTable(
        shown_as,
        columns,
        rows,
        decimal_comma=_decimal_comma(sep, rows),
        header_row=header_index + 1,
        headers=written_headers(records[header_index]),
    )


def _rows(
    records: list[list[str]], header_index: int, columns: list[str]
) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    for i, rec in enumerate(records[header_index + 1 :], start=header_index + 2):
        if not any(c.strip() for c in rec):
            continue
        cells = {
            col: restore_formula(rec[j].strip()) if j < len(rec) else ""
            for j, col in enumerate(columns)
        }
        rows.append((i, cells))
    return rows


def restore_formula(text: str) -> str:
    """Undo :func:`~.writer.neutralise_formula`: ``'@handle`` -> ``@handle``."""
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text


def _columnar(data: bytes, shown_as: str) -> RawTable | Problem:
    """The header and a sample of a large file; the rest stays bytes (see :class:`Columnar`)."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    encoding = "utf-8" if body.isascii() or _is_utf8(body) else "cp1252"
    text = body[:1_000_000].decode(encoding, errors="ignore")
    sep = sniff_separator(text)
    head: list[list[str]] = []
    try:
        for rec in csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"'):
            head.append(rec)
            if len(head) > 250:
                break
    except csv.Error as exc:
        return Problem(shown_as, f"the file cannot be read as a table ({exc})")
    header_index = next((i for i, rec in enumerate(head) if any(c.strip() for c in rec)), None)
    if header_index is None:
        return Problem(shown_as, "the file is empty", row=1, expected="a header row and data rows")
    columns = [normalise_header(c) for c in head[header_index]]
    sample = _rows(head, header_index, columns)
    decimal_comma = _decimal_comma(sep, sample)
    return RawTable(
        shown_as,
        columns,
        [],
        decimal_comma=decimal_comma,
        header_row=header_index + 1,
        headers=written_headers(head[header_index]),
        columnar=Columnar(
            body,
            encoding,
            sep,
            header_index,
            decimal_comma,
        ),
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

    big = too_large(path, shown_as)
    if big:
        return big
    max_rows, max_chars = limits().max_rows, limits().max_cell_chars
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    header_row = 1
    headers: dict[str, str] = {}
    try:
        ws = wb[sheet]
        columns: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        for excel_row, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if not any(cells):
                continue
            if columns is None:
                columns = [normalise_header(c) for c in cells]
                headers = written_headers(cells)
                header_row = excel_row
                continue
            if len(rows) >= max_rows:
                return too_many_rows(shown_as, max_rows + 1)
            for j, text in enumerate(cells):
                if len(text) > max_chars:
                    column = columns[j] if j < len(columns) else f"column {j + 1}"
                    return long_cell(shown_as, excel_row, column, len(text), headers)
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
    return RawTable(
        shown_as, columns, rows, decimal_comma=False, header_row=header_row, headers=headers
    )


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# the names these helpers had while they were private (for code written before)
_stray_returns, _sniff_separator, _cell_text = stray_returns, sniff_separator, cell_text


__all__ = [
    "COLUMNAR_LINES",
    "Columnar",
    "RawTable",
    "cell_text",
    "decode",
    "long_cell",
    "normalise_header",
    "read_csv",
    "read_xlsx_sheet",
    "restore_formula",
    "sniff_separator",
    "stray_returns",
    "too_large",
    "too_many_rows",
    "written_headers",
    "xlsx_sheets",
]
