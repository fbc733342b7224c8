"""Cell types shared by every table schema.

Each type parses the text a spreadsheet produces (decimal commas, thousands separators,
percent signs, German dates) before pydantic checks it. Whether a file writes decimals with
a comma is decided per file and passed as validation context ``decimal_comma``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

_THOUSANDS_POINT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d")
_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def no_such_date(text: str) -> PydanticCustomError:
    """The error of a date written correctly that the calendar does not have
    (``31.02.2026``, ``2026-13-01``): named as such, not as a typing mistake."""
    return PydanticCustomError("no_such_date", "no such date", {"text": text})


def parse_number(value: Any, info: ValidationInfo) -> Any:
    """``'1.234,5'`` -> 1234.5 in a decimal-comma file, ``'1,234.5'`` -> 1234.5 otherwise.

    A lone separator of the other kind is taken as the decimal mark (``'12,5'`` in a comma
    file is 12.5), since Excel quotes such cells and nobody writes ``12,5`` meaning 125.
    Percent signs and spaces are dropped: ``'12,5 %'`` -> 12.5. Anything else is returned
    unchanged for pydantic to reject with its own message.
    """
    if not isinstance(value, str):
        return value
    text = value.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if text == "":
        return None
    decimal_comma = bool(info and info.context and info.context.get("decimal_comma"))
    if decimal_comma:
        if _THOUSANDS_POINT.match(text):
            text = text.replace(".", "")
        text = text.replace(",", ".")
    else:
        if _THOUSANDS_COMMA.match(text):
            text = text.replace(",", "")
        elif text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
    return text


def parse_date(value: Any) -> Any:
    """ISO dates, ``31.03.2027`` and Excel datetimes become a :class:`datetime.date`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        m = _DATE_DE.match(text)
        if m:
            day, month, year = (int(g) for g in m.groups())
            year += 2000 if year < 100 else 0
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise no_such_date(text) from None
        m = _DATE_ISO.match(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise no_such_date(text) from None
        if _ISO_DATETIME.match(text):
            return text[:10]
        return text
    return value


def split_list(value: Any) -> Any:
    """``'coffee; barista, latte art'`` -> ``['coffee', 'barista', 'latte art']``."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,|]", value) if part.strip()]
    return value


def blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


def parse_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"1", "yes", "ja", "y", "j", "true", "wahr", "x"}:
            return True
        if text in {"0", "no", "nein", "n", "false", "falsch", ""}:
            return False
    return value


Number = Annotated[float, BeforeValidator(parse_number)]
Integer = Annotated[int, BeforeValidator(parse_number)]
Date = Annotated[dt.date, BeforeValidator(parse_date)]
TextList = Annotated[list[str], BeforeValidator(split_list)]
Flag = Annotated[bool, BeforeValidator(parse_bool)]


__all__ = [
    "Date",
    "Flag",
    "Integer",
    "Number",
    "TextList",
    "blank_to_none",
    "no_such_date",
    "parse_bool",
    "parse_date",
    "parse_number",
    "split_list",
]
