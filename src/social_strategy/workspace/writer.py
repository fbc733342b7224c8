"""Write into a workspace safely: temporary file, fsync, rename; the old version kept.

Forms and the ``new`` command write through here, so a crash mid-write never leaves a
half-written file and the previous answers are one ``.bak`` away.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; keep the old file as ``<name>.bak``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, *, backup: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def update_strategy(path: Path, change: Callable[[Any], None]) -> None:
    """Apply ``change`` to strategy.yaml, keeping its comments, layout and quotes.

    The changed document is validated first; if it has problems an InputError carries them
    and the file is left as it was. Otherwise it is written atomically, the old version kept
    as ``strategy.yaml.bak``.
    """
    from ruamel.yaml import YAML

    from ..errors import InputError
    from .strategy_file import YamlLoader, validate_strategy

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap the consultant's long lines
    rt.indent(mapping=2, sequence=4, offset=2)
    doc = rt.load(Path(path).read_text(encoding="utf-8-sig"))
    change(doc)
    plain = yaml.load(_dump(rt, doc), Loader=YamlLoader)  # a SafeLoader subclass
    _, problems = validate_strategy(plain)
    if problems:
        raise InputError(problems)
    atomic_write_text(path, _dump(rt, doc))


def merge_list(doc: Any, key: str, items: list[Any]) -> None:
    """Set ``doc[key]`` to ``items`` changing only what differs, so untouched entries keep
    their quotes and comments."""
    current = doc.get(key)
    if current is None or not hasattr(current, "__setitem__"):
        doc[key] = items
        return
    for i, item in enumerate(items):
        if i >= len(current):
            current.append(item)
        elif isinstance(item, dict) and hasattr(current[i], "keys"):
            for field in [k for k in current[i] if k not in item]:
                del current[i][field]
            for field, value in item.items():
                if current[i].get(field) != value:
                    current[i][field] = value
        elif current[i] != item:
            current[i] = item
    del current[len(items) :]


def _dump(rt: Any, doc: Any) -> str:
    buffer = io.StringIO()
    rt.dump(doc, buffer)
    return buffer.getvalue()


#: a cell starting with one of these is a formula to Excel and LibreOffice
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)``,
    ``@SUM(...)``, ``-2+3``) gets a leading apostrophe, so it is shown as text; the
    workspace readers drop that apostrophe again. Numbers and other values pass unchanged.
    Every CSV the tool writes goes through here (OWASP's advice on CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and header) neutralised."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_formula)
    out.columns = [neutralise_formula(c) for c in out.columns]
    return out


def write_table(
    path: Path, frame: pd.DataFrame, *, backup: bool = True, keep_format: bool = False
) -> None:
    """Write a table as UTF-8 CSV with a BOM, which Excel opens with umlauts intact; text
    cells that a spreadsheet would take for formulas are neutralised.

    With ``keep_format`` an existing file keeps its format (see :func:`csv_format`):
    encoding (UTF-8 with or without BOM, cp1252), separator, quoting (every cell quoted or
    only where needed) and line endings. Text that cp1252 cannot hold is written as UTF-8
    with a BOM instead, so nothing typed is lost.
    """
    path = Path(path)
    fmt = csv_format(path) if keep_format and path.is_file() else CsvFormat()
    text = neutralise_frame(frame).to_csv(
        index=False, sep=fmt.separator, quoting=fmt.quoting, lineterminator=fmt.line_end
    )
    try:
        data = text.encode(fmt.encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8-sig")
    atomic_write_bytes(path, data, backup=backup)


@dataclass(frozen=True)
class CsvFormat:
    """How a CSV file is written: what a client's spreadsheet expects back."""

    #: ``utf-8-sig`` (with BOM), ``utf-8`` or ``cp1252``
    encoding: str = "utf-8-sig"
    separator: str = ","
    #: ``csv.QUOTE_ALL`` when the file quotes every header cell, else ``csv.QUOTE_MINIMAL``
    quoting: int = csv.QUOTE_MINIMAL
    line_end: str = "\n"

    @property
    def decimal_comma(self) -> bool:
        """Semicolon files come from German Excel, which writes ``12,5``."""
        return self.separator == ";"


def csv_format(path: Path) -> CsvFormat:
    """The encoding, separator, quoting and line endings of an existing CSV file."""
    from .readers import decode_csv, sniff_separator

    decoded = decode_csv(Path(path).read_bytes())
    text = decoded.text
    # a file with a BOM is written back as UTF-8 with a BOM (also when cp1252 followed it)
    encoding = "utf-8-sig" if decoded.bom else decoded.encoding
    separator = sniff_separator(text)
    header = next((line for line in text.splitlines() if line.strip()), "")
    cells = next(csv.reader([header], delimiter=separator), [])
    raw = header.split(separator)
    quoted = (
        bool(cells)
        and len(raw) == len(cells)
        and all(c.strip().startswith('"') and c.strip().endswith('"') for c in raw)
    )
    return CsvFormat(
        encoding=encoding,
        separator=separator,
        quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL,
        line_end="\r\n" if "\r\n" in text else "\n",
    )


__all__ = [
    "FORMULA_START",
    "CsvFormat",
    "atomic_write_bytes",
    "atomic_write_text",
    "csv_format",
    "merge_list",
    "neutralise_formula",
    "neutralise_frame",
    "update_strategy",
    "write_table",
]
