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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    #: xlsx: (row, column) of formula cells saved without their value (a workbook written by
    #: a program, never opened and saved in Excel): the value is unknown, not empty
    formulas: dict[tuple[int, str], str] = field(default_factory=dict)


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


#: the byte order mark Excel's "CSV UTF-8" puts in front of a file
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CsvText:
    """A CSV file's bytes decoded the one way every reader and editor decodes them."""

    #: :data:`BOM` when the file starts with one, else ``b""``
    bom: bytes
    #: ``"utf-8"`` or ``"cp1252"``: the encoding of what follows the BOM
    encoding: str
    #: the decoded text without the BOM; cp1252 gives one character per byte (bytes it
    #: leaves undefined become U+FFFD), so offsets in the text are offsets in the bytes
    text: str


def decode_csv(data: bytes) -> CsvText:
    """UTF-8 first, German Excel's cp1252 otherwise; a leading BOM is set apart either way.

    Some tools put a UTF-8 BOM in front of cp1252 text, so the BOM alone does not decide.
    """
    bom = BOM if data.startswith(BOM) else b""
    body = data[len(bom) :]
    try:
        return CsvText(bom, "utf-8", body.decode("utf-8"))
    except UnicodeDecodeError:
        return CsvText(bom, "cp1252", body.decode("cp1252", errors="replace"))


def decode(data: bytes) -> str:
    """The text of a CSV file's bytes (see :func:`decode_csv`)."""
    return decode_csv(data).text


_LONE_CR = re.compile(r"\r(?!\n)")


def stray_returns(text: str) -> str:
    """A lone carriage return in a file whose lines end in ``\n`` (Unix or Windows) is a
    line break typed inside a cell (exports of post texts carry them), not the end of a row:
    it becomes a space. Files that end their lines with ``\r`` alone (old Mac) are kept."""
    lone = len(_LONE_CR.findall(text))
    if lone and lone < text.count("\n"):
        return _LONE_CR.sub(" ", text)
    return text


def sniff_separator(text: str) -> str:
    """The separator of a CSV text: the one of ``;``, ``,``, tab and ``|`` found most often
    outside quotes in its first line that is not blank (``,`` when there is none)."""
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
        code="problem.too_large_file",
        expected_code="problem.expect.at_most_mb",
        params={"mb": _mb(size / 1024 / 1024), "limit": _mb(limit), "env": env_name("max_file_mb")},
    )


def _empty(shown_as: str, what: str) -> Problem:
    return Problem(
        shown_as,
        f"the {what} is empty",
        row=1,
        expected="a header row and data rows",
        code=f"problem.{what}_empty",
        expected_code="problem.expect.header_and_rows",
    )


def _mb(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


def too_many_rows(shown_as: str, n: int, *, more_than: bool = False) -> Problem | None:
    """A problem when ``n`` data rows are over the row limit; ``more_than``: counting
    stopped at ``n`` (the file has at least that many)."""
    limit = limits().max_rows
    if n <= limit:
        return None
    return Problem(
        shown_as,
        f"the table has too many rows ({'more than ' if more_than else ''}{n - more_than:,})",
        expected=f"at most {limit:,} rows; {env_name('max_rows')} raises the limit",
        code="problem.too_many_rows_more" if more_than else "problem.too_many_rows",
        expected_code="problem.expect.at_most_rows",
        params={"n": n - more_than, "limit": limit, "env": env_name("max_rows")},
    )


#: bytes read at a time when rows are counted before a file is read
_CHUNK = 8 * 1024 * 1024


def csv_rows_over_limit(path: Path, shown_as: str) -> Problem | None:
    """A problem when the CSV file at ``path`` has more data rows than the row limit,
    found before the file is read: its line breaks are counted chunk by chunk (bounded
    memory, about a second per 200 MB), and only a file with more lines than the limit
    is parsed, as a stream, to tell line breaks inside quoted cells from rows. Counting
    stops one row over the limit."""
    limit = limits().max_rows
    try:
        if path.stat().st_size <= 2 * (limit + 1):  # a row takes two bytes at least
            return None
    except OSError:
        return None
    lines = 0
    last = b""
    quoted = False
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                lines += chunk.count(b"\n")
                quoted = quoted or b'"' in chunk
                last = chunk[-1:]
    except OSError:
        return None  # read_csv names the problem
    lines += bool(last) and last != b"\n"
    if lines - 1 <= limit:  # the header is a line; blank lines only make fewer rows
        return None
    if not quoted:  # no quoted cells: every line that is not blank is a row
        n = -1  # the header
        with path.open("rb") as fh:
            for line in fh:
                if line.strip(_BLANK):
                    n += 1
                    if n > limit:
                        return too_many_rows(shown_as, n, more_than=True)
        return None
    return _count_records(path, shown_as, limit)


#: what a blank line of a CSV file may hold: separators and white space
_BLANK = b" \t\r\n;,|"


def _count_records(path: Path, shown_as: str, limit: int) -> Problem | None:
    """Non-blank records after the header, parsed as a stream; stops at ``limit + 1``."""
    with path.open("rb") as fh:
        head = fh.read(200_000)
    sep = sniff_separator(decode(head))
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        header_seen = False
        n = 0
        try:
            for rec in csv.reader(fh, delimiter=sep, quotechar='"'):
                if not any(c.strip() for c in rec):
                    continue
                if not header_seen:
                    header_seen = True
                    continue
                n += 1
                if n > limit:
                    return too_many_rows(shown_as, n, more_than=True)
        except csv.Error:
            return None  # read_csv names the problem
    return None


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
    big = too_large(path, shown_as) or csv_rows_over_limit(path, shown_as)
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
        return _empty(shown_as, "file")
    sep = sniff_separator(text)

    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"'))
    except csv.Error as exc:
        return Problem(shown_as, f"the file cannot be read as a table ({exc})")
    header_index = next((i for i, rec in enumerate(records) if any(c.strip() for c in rec)), None)
    if header_index is None:  # only separators: an empty sheet saved by Excel
        return _empty(shown_as, "file")
    columns = [normalise_header(c) for c in records[header_index]]
    rows = _rows(records, header_index, columns)
    problem = too_many_rows(shown_as, len(rows))
    if problem:
        return problem
    # over-long cells are judged when the table is validated: a problem in the columns the
    # table uses (cut and counted in an export's free text), nothing in the ones it ignores
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
    decoded = decode_csv(data)
    body, encoding = data[len(decoded.bom) :], decoded.encoding
    text = decoded.text[:1_000_000]
    del decoded  # a large file: only its head is kept as text
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
        return _empty(shown_as, "file")
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
    try:
        wb = open_workbook(path)
    except Exception as exc:  # openpyxl raises many types for damaged files
        return unopened_workbook(path.name, exc)
    try:
        return worksheet_names(wb)
    finally:
        wb.close()


def open_workbook(source: Path | bytes, *, formulas: bool = False, edit: bool = False) -> Any:
    """The one place a workbook is opened (openpyxl): read-only with the values Excel saved,
    ``formulas`` for the formulas instead, ``edit`` for a workbook to change and save.
    Raises what openpyxl raises for a damaged file (see :func:`unopened_workbook`)."""
    import openpyxl

    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    if edit:
        return openpyxl.load_workbook(opened)
    return openpyxl.load_workbook(opened, read_only=True, data_only=not formulas)


def unopened_workbook(shown_as: str, exc: Exception) -> Problem:
    """The problem of a workbook :func:`open_workbook` could not open."""
    return Problem(shown_as, f"the workbook cannot be opened ({type(exc).__name__}: {exc})")


def worksheet_names(wb: Any) -> list[str]:
    """The names of a workbook's worksheets (chart sheets hold no table)."""
    return [ws.title for ws in wb.worksheets]


def sheet_cells(ws: Any) -> Iterator[tuple[int, list[str]]]:
    """Every row of a worksheet as (Excel row, its cells as text, see :func:`cell_text`)."""
    for excel_row, values in enumerate(ws.iter_rows(values_only=True), start=1):
        yield excel_row, [cell_text(v) for v in values]


def read_xlsx_sheet(path: Path, sheet: str, shown_as: str) -> RawTable | Problem:
    """Read one sheet; cells keep their Excel row numbers."""
    try:
        return _read_sheet(path, sheet, shown_as)
    except Exception as exc:  # a damaged or unusual workbook
        return Problem(shown_as, f"the sheet cannot be read ({type(exc).__name__}: {exc})")


def _read_sheet(path: Path, sheet: str, shown_as: str) -> RawTable | Problem:
    big = too_large(path, shown_as)
    if big:
        return big
    wb = open_workbook(path)
    header_row = 1
    headers: dict[str, str] = {}
    try:
        ws = wb[sheet]
        big = _sheet_rows_over_limit(ws, shown_as)
        if big:
            return big
        formulas = _formula_cells(path, sheet, ws)
        columns: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        unsaved: dict[tuple[int, str], str] = {}
        for excel_row, cells in sheet_cells(ws):
            if formulas:
                _formula_texts(cells, excel_row, formulas, columns, unsaved)
            if not any(cells):
                continue
            if columns is None:
                columns = [normalise_header(c) for c in cells]
                headers = written_headers(cells)
                header_row = excel_row
                continue
            rows.append(
                (
                    excel_row,
                    {col: (cells[j] if j < len(cells) else "") for j, col in enumerate(columns)},
                )
            )
        problem = too_many_rows(shown_as, len(rows))
        if problem:
            return problem
    finally:
        wb.close()
    if columns is None:
        return _empty(shown_as, "sheet")
    return RawTable(
        shown_as,
        columns,
        rows,
        decimal_comma=False,
        header_row=header_row,
        headers=headers,
        formulas=unsaved,
    )


def _formula_texts(
    cells: list[str],
    excel_row: int,
    formulas: dict[tuple[int, int], str],
    columns: list[str] | None,
    unsaved: dict[tuple[int, str], str],
) -> None:
    """A formula without a saved value reads as empty: its text in its place (in
    ``cells``), recorded in ``unsaved`` by row and column (below the header)."""
    for j in range(len(cells)):
        if not cells[j] and (excel_row, j) in formulas:
            cells[j] = formulas[(excel_row, j)]
            if columns is not None and j < len(columns):
                unsaved[(excel_row, columns[j])] = cells[j]


def _sheet_rows_over_limit(ws: object, shown_as: str) -> Problem | None:
    """A problem when the sheet has more data rows than the limit, found before its cells
    are read: the sheet's own dimension (``A1:F5000``) settles it when it is within the
    limit; otherwise (a dimension that is missing, or counts formatted empty rows) the
    non-blank rows are counted as a stream, stopping one over the limit."""
    limit = limits().max_rows
    try:
        stated = ws.max_row  # type: ignore[attr-defined]
    except Exception:  # a damaged dimension
        stated = None
    if stated is not None and stated - 1 <= limit:
        return None
    n = -1  # the header is no data row
    for values in ws.iter_rows(values_only=True):  # type: ignore[attr-defined]
        if any(v is not None and str(v).strip() for v in values):
            n += 1
            if n > limit:
                return too_many_rows(shown_as, n, more_than=True)
    return None


def _formula_cells(path: Path, sheet: str, ws: object) -> dict[tuple[int, int], str]:
    """(Excel row, column index) -> formula of every formula cell of the sheet; read only
    when the sheet's XML holds a formula at all (one pass over the compressed part)."""
    import zipfile

    part = getattr(ws, "_worksheet_path", None)
    try:
        with zipfile.ZipFile(path) as book, book.open(part or "") as fh:
            tail = b""
            while chunk := fh.read(_CHUNK):
                if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                    break
                tail = chunk[-3:]
            else:
                return {}
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    found: dict[tuple[int, int], str] = {}
    wb = open_workbook(path, formulas=True)
    try:
        for excel_row, cells in enumerate(wb[sheet].iter_rows(), start=1):
            for j, cell in enumerate(cells):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" and isinstance(value, str):
                    found[(excel_row, j)] = value
    finally:
        wb.close()
    return found


def cell_text(value: object) -> str:
    """An xlsx cell's value as the text a CSV export would hold: a date as ``2024-03-01``,
    a whole float as an integer, nothing as ``""``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


__all__ = [
    "BOM",
    "COLUMNAR_LINES",
    "Columnar",
    "CsvText",
    "RawTable",
    "cell_text",
    "csv_rows_over_limit",
    "decode",
    "decode_csv",
    "long_cell",
    "normalise_header",
    "open_workbook",
    "read_csv",
    "read_xlsx_sheet",
    "restore_formula",
    "sheet_cells",
    "sniff_separator",
    "stray_returns",
    "too_large",
    "too_many_rows",
    "unopened_workbook",
    "worksheet_names",
    "written_headers",
    "xlsx_sheets",
]
