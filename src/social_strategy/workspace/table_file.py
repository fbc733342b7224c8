"""Edit a client's table in place: open it as text cells, save back only what changed.

:func:`write_table` rewrites a file whole from a DataFrame, which changes what nobody
changed (a BOM appears, ``G1;G3`` becomes ``G1; G3``, quotes vanish). A workshop form edits
a table with :func:`open_table` and :func:`save_table` instead:

- CSV: every row the client did not change is written back byte for byte (its quoting, its
  line ending); a changed row keeps the raw text of its unchanged cells and writes its
  changed cells in the file's own style (separator, quoting, encoding). New rows follow the
  file's dominant style; the header, blank lines and the trailing newline (or its absence)
  stay as they were. Text the file's encoding (cp1252) cannot hold is refused with a
  :class:`~social_strategy.errors.Problem` naming row, column and character, never
  re-encoded silently.
- xlsx: only the changed cells are set (numbers stay numbers, dates stay dates); rows are
  inserted or deleted; other sheets and styles are kept by openpyxl.

Changed or new text cells a spreadsheet would run as a formula are neutralised (a leading
apostrophe in CSV, Excel's own quote prefix in xlsx). Writes are atomic and keep
``<name>.bak`` (:func:`~.writer.atomic_write_bytes`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from .limits import limits
from .readers import (
    decode_csv,
    long_cell,
    open_workbook,
    restore_formula,
    sheet_cells,
    sniff_separator,
    stray_returns,
    too_large,
    too_many_rows,
    unopened_workbook,
    worksheet_names,
)
from .writer import FORMULA_START, atomic_write_bytes

#: a plain number is no formula even when it starts with - or + (``-5``, ``+12,5``)
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: a table with more lines than this is not opened for editing (a posts export is read by
#: the workspace readers, never edited cell by cell; this keeps a form's memory bounded)
MAX_EDIT_LINES = 200_000


@dataclass
class _Cell:
    start: int  # offsets in the decoded text (without BOM)
    end: int
    value: str  # as csv.reader reads it (before strip / restore_formula)
    quoted: bool


@dataclass
class _Record:
    start: int
    end: int  # end of the cells, before the line ending
    term: str  # "\r\n", "\n", "\r" or "" (end of file)
    cells: list[_Cell]

    @property
    def blank(self) -> bool:
        return not any(c.value.strip() for c in self.cells)


@dataclass
class _CsvState:
    data: bytes  # the whole file as read
    bom: bytes
    encoding: str  # "utf-8" or "cp1252" (after the BOM, if any)
    text: str  # decoded body, as in the file
    sep: str
    records: list[_Record]
    header_index: int
    row_records: list[int]  # record index of every data row
    line_end: str
    final_newline: bool
    quote_all: bool
    quote_column: list[bool]  # new rows: quote this column's non-empty cells


@dataclass
class _XlsxState:
    data: bytes
    header_row: int
    row_numbers: list[int]  # Excel row of every data row


@dataclass
class TableFile:
    """A client's table as text cells, with what is needed to write it back unchanged."""

    path: Path
    #: xlsx sheet name, None for CSV
    sheet: str | None
    #: header cells as shown in the file (formula apostrophe removed)
    header: list[str]
    #: every data row's cells as text exactly as the client typed them, each row as long
    #: as the header
    rows: list[list[str]]
    _csv: _CsvState | None = field(default=None, repr=False)
    _xlsx: _XlsxState | None = field(default=None, repr=False)
    #: the rows as read, compared with what is saved (``rows`` may be edited in place)
    _read: list[list[str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._read = [list(row) for row in self.rows]

    @property
    def name(self) -> str:
        """The table's name as shown to the user (as the workspace readers name it)."""
        return _shown(self.path, self.sheet)

    def row_number(self, index: int) -> int:
        """The spreadsheet row (header = row 1 when nothing comes before it) of data row
        ``index`` as the file was opened."""
        if self._csv is not None:
            return self._csv.row_records[index] + 1
        assert self._xlsx is not None
        return self._xlsx.row_numbers[index]


def _shown(path: Path, sheet: str | None) -> str:
    return path.name if sheet is None else f"{path.name}, sheet {sheet}"


def open_table(path: Path, sheet: str | None = None) -> TableFile:
    """Open a CSV file or an xlsx sheet (the first one when ``sheet`` is None) for editing.

    Raises InputError with a Problem naming the file when it cannot be read, is over the
    workspace limits, or is empty."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return _open_xlsx(path, sheet)
    return _open_csv(path)


def save_table(table: TableFile, rows: list[list[str]]) -> bool:
    """Write ``rows`` (cells in the order of ``table.header``) back to the table's file,
    changing only what differs. False, and nothing written, when nothing changed.

    The file is written atomically (the old one kept as ``<name>.bak``) and ``table`` is
    re-read, so it can be edited and saved again. Raises InputError (file untouched) when the
    file changed on disk since it was opened or when typed text cannot be saved in the
    file's encoding."""
    new = [_normalise_row(row, len(table.header)) for row in rows]
    # a row with every cell blank is no row to the readers: it is not written
    new = [row for row in new if any(cell.strip() for cell in row)]
    if new == table._read:
        return False
    data = _csv_bytes(table, new) if table._csv is not None else _xlsx_bytes(table, new)
    if data is None:
        return False
    atomic_write_bytes(table.path, data)
    fresh = open_table(table.path, table.sheet)
    table.header, table.rows, table._read = fresh.header, fresh.rows, fresh._read
    table._csv, table._xlsx = fresh._csv, fresh._xlsx
    return True


def _normalise_row(row: list[Any], width: int) -> list[str]:
    cells = ["" if v is None else str(v) for v in list(row)[:width]]
    return cells + [""] * (width - len(cells))


def _fail(shown: str, message: str, **kw: Any) -> InputError:
    return InputError([Problem(shown, message, **kw)])


def _too_long_to_edit(shown: str) -> InputError:
    return _fail(
        shown,
        "the table is too long to edit here",
        expected=f"at most {MAX_EDIT_LINES:,} lines; edit longer tables in a spreadsheet",
        code="problem.too_long_to_edit",
        expected_code="problem.expect.at_most_lines",
        params={"limit": MAX_EDIT_LINES},
    )


# --------------------------------------------------------------------------- CSV


def _file_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a table's file, within the workspace's size limit."""
    big = too_large(path, shown)
    if big:
        raise InputError([big])
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _fail(shown, f"the file cannot be read ({exc.strerror})") from None


def _open_csv(path: Path) -> TableFile:
    shown = _shown(path, None)
    data = _file_bytes(path, shown)
    if data.count(b"\n") > MAX_EDIT_LINES:
        raise _too_long_to_edit(shown)
    decoded = decode_csv(data)  # cp1252: offsets in the text are offsets in the bytes
    bom, encoding, text = decoded.bom, decoded.encoding, decoded.text
    if not bom and text.isascii() and sniff_separator(text) == ";":
        # plain ASCII separated by semicolons: German Excel's "CSV (Trennzeichen-getrennt)",
        # which Excel opens as Windows-1252; typed umlauts are written so
        encoding = "cp1252"
    if not text.strip():
        raise _fail(shown, "the file is empty", row=1, expected="a header row and data rows")
    parsed = stray_returns(text)  # same length: offsets hold for both
    sep = sniff_separator(parsed)
    records = _parse(parsed, sep)
    header_index = next((i for i, r in enumerate(records) if not r.blank), None)
    if header_index is None:
        raise _fail(shown, "the file is empty", row=1, expected="a header row and data rows")
    header = [restore_formula(c.value.strip()) for c in records[header_index].cells]
    while header and not header[-1]:
        header.pop()
    row_records = [i for i in range(header_index + 1, len(records)) if not records[i].blank]
    problem = too_many_rows(shown, len(row_records))
    if problem:
        raise InputError([problem])
    rows = _data_rows(records, row_records, header, shown)
    terms = Counter(r.term for r in records if r.term)
    quote_all, quote_column = _quoting(records, header_index, row_records)
    state = _CsvState(
        data=data,
        bom=bom,
        encoding=encoding,
        text=text,
        sep=sep,
        records=records,
        header_index=header_index,
        row_records=row_records,
        line_end=terms.most_common(1)[0][0] if terms else _guess_line_end(bom, encoding, sep),
        final_newline=bool(records[-1].term),
        quote_all=quote_all,
        quote_column=quote_column,
    )
    return TableFile(path, None, header, rows, _csv=state)


def _data_rows(
    records: list[_Record], row_records: list[int], header: list[str], shown: str
) -> list[list[str]]:
    """The data rows' cells as text, as wide as the header; a cell over the limit refused."""
    max_chars = limits().max_cell_chars
    rows = []
    for i in row_records:
        cells = records[i].cells
        _refuse_long_cells(shown, i + 1, header, [c.value for c in cells], max_chars)
        rows.append(_normalise_row([restore_formula(c.value.strip()) for c in cells], len(header)))
    return rows


def _quoting(
    records: list[_Record], header_index: int, row_records: list[int]
) -> tuple[bool, list[bool]]:
    """The file's quoting style: every cell quoted, and per column whether most of its
    filled cells are (the header's cell where none is filled)."""
    content = [records[header_index], *(records[i] for i in row_records)]
    quote_all = all(c.quoted for r in content for c in r.cells)
    quote_column = []
    for j in range(len(records[header_index].cells)):
        filled = [
            r.cells[j].quoted
            for r in (records[i] for i in row_records)
            if j < len(r.cells) and r.cells[j].value
        ]
        if not filled:
            head = records[header_index].cells[j]
            filled = [head.quoted]
        quote_column.append(sum(filled) * 2 > len(filled))
    return quote_all, quote_column


def _refuse_long_cells(
    shown: str, row: int, header: list[str], texts: list[str], max_chars: int
) -> None:
    """Refuse a row holding a cell longer than the cell limit (row: the file's line or
    sheet row)."""
    for j, text in enumerate(texts):
        if len(text) > max_chars:
            column = header[j] if j < len(header) else f"column {j + 1}"
            raise InputError([long_cell(shown, row, column, len(text))])


def _guess_line_end(bom: bytes, encoding: str, sep: str) -> str:
    """A file of one line without a line break: Excel's (BOM, cp1252, semicolons) end their
    lines in CRLF, other tools mostly in LF."""
    return "\r\n" if bom or encoding == "cp1252" or sep == ";" else "\n"


def _parse(text: str, sep: str) -> list[_Record]:
    """Records with the offsets of their cells, read as ``csv.reader`` (Excel dialect,
    ``newline=""``) reads them: a quote opens a quoted cell only at the cell's start, ``""``
    inside it is a quote, text after the closing quote belongs to the cell."""
    stops = re.compile("[" + re.escape(sep) + "\r\n]")
    records: list[_Record] = []
    n, pos = len(text), 0
    next_nl = next_cr = -1  # where the next line feed / carriage return is (cached)
    while pos < n:
        start = pos
        cells: list[_Cell] = []
        if next_nl < pos:
            next_nl = text.find("\n", pos) % (n + 1)  # n when there is none
        if next_cr < pos:
            next_cr = text.find("\r", pos) % (n + 1)
        stop = min(next_nl, next_cr)
        if stop > pos and '"' not in text[pos:stop]:  # no quotes: the line split at sep
            for value in text[pos:stop].split(sep):
                cells.append(_Cell(pos, pos + len(value), value, False))
                pos += len(value) + 1
            pos = stop
        elif stop > pos:
            pos = _quoted_line(text, pos, sep, stops, cells)
        end = pos
        if text.startswith("\r\n", pos):
            term = "\r\n"
        elif pos < n:
            term = text[pos]
        else:
            term = ""
        pos += len(term)
        records.append(_Record(start, end, term, cells))
    return records


def _quoted_line(text: str, pos: int, sep: str, stops: re.Pattern, cells: list[_Cell]) -> int:
    """The cells of a line holding quotes, appended to ``cells``; returns where the line
    ends (its line break, or the end of the text)."""
    n = len(text)
    while True:
        cell_start = pos
        if pos < n and text[pos] == '"':
            parts, pos = [], pos + 1
            while True:
                q = text.find('"', pos)
                if q == -1:  # the file ends inside the quotes
                    parts.append(text[pos:])
                    pos = n
                    break
                parts.append(text[pos:q])
                if text[q + 1 : q + 2] == '"':
                    parts.append('"')
                    pos = q + 2
                    continue
                pos = q + 1
                break
            m = stops.search(text, pos)
            stop = m.start() if m else n
            parts.append(text[pos:stop])
            cells.append(_Cell(cell_start, stop, "".join(parts), True))
        else:
            m = stops.search(text, pos)
            stop = m.start() if m else n
            cells.append(_Cell(cell_start, stop, text[pos:stop], False))
        pos = cells[-1].end
        if pos < n and text[pos] == sep:
            pos += 1
            continue
        return pos


def _csv_bytes(table: TableFile, new: list[list[str]]) -> bytes | None:
    st = table._csv
    assert st is not None
    _unchanged_on_disk(table, st.data)

    def raw(start: int, end: int) -> bytes:
        if st.encoding == "cp1252":  # exact bytes, even those cp1252 leaves undefined
            return st.data[len(st.bom) + start : len(st.bom) + end]
        return st.text[start:end].encode("utf-8")

    out, pending = _csv_layout(st, table._read, new, raw)
    problems: list[Problem] = []
    for index, row, like in pending:
        out[index] = (_record_bytes(st, table, row, like, raw, index + 1, problems), "")
    if problems:
        raise InputError(problems)
    data = _joined(st, out)
    return None if data == st.data else data


def _csv_layout(
    st: _CsvState, old: list[list[str]], new: list[list[str]], raw: Any
) -> tuple[list[tuple[bytes, str]], list[tuple[int, list[str], _Record | None]]]:
    """The edited file as records: the unchanged ones as their raw bytes (blank lines and
    the lines above the header kept), and placeholders for the rows to write, each with
    the old record whose style it takes (None: a new row)."""
    out: list[tuple[bytes, str]] = []  # (cells, line ending)
    pending: list[tuple[int, list[str], _Record | None]] = []  # (out index, row, old record)

    def keep(index: int) -> None:
        rec = st.records[index]
        out.append((raw(rec.start, rec.end), rec.term))

    def write(row: list[str], like: _Record | None) -> None:
        out.append((b"", ""))
        pending.append((len(out) - 1, row, like))

    for i in range(st.header_index + 1):
        keep(i)
    gap_start = st.header_index + 1

    def gap_before(k: int) -> None:
        """Keep the blank records between the previous data row and original row ``k``."""
        nonlocal gap_start
        stop = st.row_records[k] if k < len(st.row_records) else len(st.records)
        for i in range(gap_start, stop):
            keep(i)
        gap_start = stop + 1

    matcher = difflib.SequenceMatcher(
        None, [tuple(r) for r in old], [tuple(r) for r in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(i1, i2):
            gap_before(k)
            if tag == "equal":
                keep(st.row_records[k])
            elif k - i1 < paired:  # a changed row: written in its own style
                write(new[j1 + k - i1], st.records[st.row_records[k]])
        if tag in ("insert", "replace"):
            for j in range(j1 + paired, j2):  # new rows, after the row before them
                write(new[j], None)
    gap_before(len(st.row_records))
    return out, pending


def _joined(st: _CsvState, out: list[tuple[bytes, str]]) -> bytes:
    """The records with their line endings (the file's own where a record has none; the
    last one ends as the file did) after the file's BOM."""
    ended = []
    for k, (content, term) in enumerate(out):
        if k == len(out) - 1:
            term = (term or st.line_end) if st.final_newline else ""
        elif not term:
            term = st.line_end
        ended.append(content + term.encode("ascii"))
    return st.bom + b"".join(ended)


def _record_bytes(
    st: _CsvState,
    table: TableFile,
    row: list[str],
    like: _Record | None,
    raw: Any,
    row_number: int,
    problems: list[Problem],
) -> bytes:
    """One changed or new row in the file's style; unchanged cells keep their raw text."""
    old = like.cells if like is not None else []
    if like is not None:
        width = max(len(table.header), len(old))
    else:  # as wide as the header record (Excel writes trailing separators)
        width = max(len(table.header), len(st.records[st.header_index].cells))
    parts: list[bytes] = []
    for k in range(width):
        value = row[k] if k < len(row) else ""
        cell = old[k] if k < len(old) else None
        if cell is not None and (k >= len(row) or restore_formula(cell.value.strip()) == value):
            parts.append(raw(cell.start, cell.end))
            continue
        text = value if _PLAIN_NUMBER.match(value) else _neutralise(value)
        if cell is not None:
            quote = cell.quoted
        else:
            quote = bool(value) and k < len(st.quote_column) and st.quote_column[k]
        if st.quote_all or quote or any(ch in text for ch in (st.sep, '"', "\n", "\r")):
            text = '"' + text.replace('"', '""') + '"'
        try:
            parts.append(text.encode(st.encoding))
        except UnicodeEncodeError as exc:
            bad = text[exc.start]
            column = table.header[k] if k < len(table.header) else f"column {k + 1}"
            problems.append(
                Problem(
                    table.name,
                    f"the character {bad!r} (U+{ord(bad):04X}) cannot be saved: the file is "
                    "in the Windows-1252 encoding of German Excel, which has no such character",
                    row=row_number,
                    column=column,
                    value=value,
                    expected="text Windows-1252 can hold, or save the file as "
                    "'CSV UTF-8' in Excel first",
                    code="problem.not_in_encoding",
                    expected_code="problem.expect.windows_1252",
                    params={"char": bad, "codepoint": f"U+{ord(bad):04X}", "header": column},
                )
            )
            parts.append(b"")
    if like is not None:  # a short row stays short where nothing was typed
        while len(parts) > len(old) and not row[len(parts) - 1]:
            parts.pop()
    return st.sep.encode(st.encoding).join(parts)


def _neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _unchanged_on_disk(table: TableFile, data: bytes) -> None:
    try:
        now = table.path.read_bytes()
    except OSError as exc:
        raise _fail(table.name, f"the file cannot be read ({exc.strerror})") from None
    if now != data:
        raise _fail(
            table.name,
            "the file was changed by someone else since it was opened; nothing was saved",
            expected="open the table again and repeat the change",
            code="problem.changed_on_disk",
            expected_code="problem.expect.reopen",
        )


# --------------------------------------------------------------------------- xlsx


def _chosen_sheet(path: Path, names: list[str], sheet: str | None) -> str:
    """The sheet asked for, or the workbook's first; a problem when there is none."""
    if sheet is None:
        if not names:
            raise _fail(path.name, "the workbook has no worksheet")
        return names[0]
    if sheet not in names:
        raise _fail(
            path.name,
            f"the workbook has no sheet {sheet!r}",
            expected="one of " + ", ".join(names),
        )
    return sheet


def _open_xlsx(path: Path, sheet: str | None) -> TableFile:
    shown = _shown(path, sheet)
    data = _file_bytes(path, shown)
    try:
        wb = open_workbook(data)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError([unopened_workbook(path.name, exc)]) from None
    try:
        sheet = _chosen_sheet(path, worksheet_names(wb), sheet)
        shown = _shown(path, sheet)
        header: list[str] | None = None
        header_row = 1
        rows: list[list[str]] = []
        numbers: list[int] = []
        max_rows, max_chars = limits().max_rows, limits().max_cell_chars
        for excel_row, cells in sheet_cells(wb[sheet]):
            if not any(cells):
                continue
            if header is None:
                header = list(cells)
                while header and not header[-1]:
                    header.pop()
                header_row = excel_row
                continue
            if len(rows) >= MAX_EDIT_LINES:
                raise _too_long_to_edit(shown)
            if len(rows) >= max_rows:
                raise InputError([too_many_rows(shown, max_rows + 1)])  # type: ignore[list-item]
            _refuse_long_cells(shown, excel_row, header, cells, max_chars)
            rows.append(_normalise_row(cells, len(header)))
            numbers.append(excel_row)
    finally:
        wb.close()
    if header is None:
        raise _fail(shown, "the sheet is empty", row=1, expected="a header row and data rows")
    return TableFile(path, sheet, header, rows, _xlsx=_XlsxState(data, header_row, numbers))


def _xlsx_bytes(table: TableFile, new: list[list[str]]) -> bytes:
    st = table._xlsx
    assert st is not None
    _unchanged_on_disk(table, st.data)
    wb = open_workbook(st.data, edit=True)
    ws = wb[table.sheet]
    numbers = st.row_numbers
    problems: list[Problem] = []
    sample = _column_samples(ws, numbers, len(table.header))

    def fill(excel_row: int, row: list[str], old: list[str] | None, like_row: int | None):
        _fill_row(ws, table, sample, excel_row, row, old, like_row, problems)

    def insert(at: int, rows: list[list[str]], like_row: int | None) -> None:
        ws.insert_rows(at, len(rows))
        if like_row is not None and like_row >= at:
            like_row += len(rows)
        for n, row in enumerate(rows):
            fill(at + n, row, None, like_row)

    matcher = difflib.SequenceMatcher(
        None, [tuple(r) for r in table._read], [tuple(r) for r in new], autojunk=False
    )
    # from the bottom up, so the Excel rows of what is still to do do not move
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        if j1 + paired < j2:
            at, like = _insert_at(i1 + paired, numbers, st.header_row)
            insert(at, new[j1 + paired : j2], like)
        for k in reversed(range(i1 + paired, i2)):
            ws.delete_rows(numbers[k], 1)
        for k in range(paired):
            fill(numbers[i1 + k], new[j1 + k], table._read[i1 + k], None)
    if problems:
        raise InputError(problems)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _insert_at(p: int, numbers: list[int], header_row: int) -> tuple[int, int | None]:
    """Where rows new after original row ``p - 1`` go in the sheet, and the row whose
    style they take (None: no data row to take it from)."""
    if p > 0:
        return numbers[p - 1] + 1, numbers[p - 1]
    if numbers:
        return numbers[0], numbers[0]
    return header_row + 1, None


def _column_samples(ws: Any, numbers: list[int], width: int) -> list[Any]:
    """Per column, the first filled cell: what an empty cell typed into should become."""
    sample: list[Any] = [None] * width
    for number in numbers:
        for k in range(width):
            if sample[k] is None and ws.cell(row=number, column=k + 1).value is not None:
                sample[k] = ws.cell(row=number, column=k + 1)
    return sample


def _fill_row(
    ws: Any,
    table: TableFile,
    sample: list[Any],
    excel_row: int,
    row: list[str],
    old: list[str] | None,
    like_row: int | None,
    problems: list[Problem],
) -> None:
    """Write the changed cells of one sheet row, typed like the cell they replace (a new
    row: like the row above, styled like it, else the column's first filled cell)."""
    import copy

    from openpyxl.utils.exceptions import IllegalCharacterError

    for k in range(len(table.header)):
        if old is not None and old[k] == row[k]:
            continue
        cell = ws.cell(row=excel_row, column=k + 1)
        like = cell.value if old is not None else None
        if like_row is not None:
            above = ws.cell(row=like_row, column=k + 1)
            like = above.value
            if above.has_style:
                cell._style = copy.copy(above._style)
        formula = isinstance(like, str) and like.startswith("=")
        if (like is None or formula) and sample[k] is not None:
            like = sample[k].value
            if cell.number_format == "General":
                cell.number_format = sample[k].number_format
        try:
            _set_cell(cell, row[k], like)
        except (AttributeError, ValueError, IllegalCharacterError) as exc:
            # a merged cell, a control character Excel cannot hold
            problems.append(
                Problem(
                    table.name,
                    f"the cell cannot be set ({type(exc).__name__}: {exc})",
                    row=excel_row,
                    column=table.header[k],
                    value=row[k],
                    expected="a cell outside merged cells, text without control characters",
                    code="problem.cell_not_set",
                    expected_code="problem.expect.settable_cell",
                    params={"header": table.header[k]},
                )
            )


def _set_cell(cell: Any, text: str, like: object) -> None:
    """Set an xlsx cell to typed text: a number where the column holds numbers, a date
    where it holds dates, otherwise text (shown as text even when it starts like a
    formula)."""
    if not text:
        cell.value = None
        return
    if isinstance(like, (int, float)) and not isinstance(like, bool) and _PLAIN_NUMBER.match(text):
        plain = text.replace(",", ".")
        cell.value = int(plain) if re.fullmatch(r"[+-]?\d+", plain) else float(plain)
        return
    if isinstance(like, (dt.date, dt.datetime)) and _ISO_DATE.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            pass
        else:
            cell.value = (
                dt.datetime.combine(day, dt.time()) if isinstance(like, dt.datetime) else day
            )
            return
    cell.value = text
    if text.startswith(FORMULA_START):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True  # Excel's own mark for "text, not a formula"


__all__ = ["MAX_EDIT_LINES", "TableFile", "open_table", "save_table"]
