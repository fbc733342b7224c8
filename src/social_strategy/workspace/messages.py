"""Pydantic's validation errors as sentences a consultant understands."""

from __future__ import annotations

from typing import Any

_MESSAGES = {
    "float_parsing": ("is not a number", "a number such as 12 or 12,5"),
    "float_type": ("is not a number", "a number such as 12 or 12,5"),
    "int_parsing": ("is not a whole number", "a whole number such as 12"),
    "int_type": ("is not a whole number", "a whole number such as 12"),
    "int_from_float": ("is not a whole number", "a whole number such as 12"),
    "date_parsing": ("is not a date", "a date such as 2027-03-31 or 31.03.2027"),
    "date_from_datetime_parsing": ("is not a date", "a date such as 2027-03-31 or 31.03.2027"),
    "date_type": ("is not a date", "a date such as 2027-03-31 or 31.03.2027"),
    "bool_parsing": ("is not yes or no", "yes/no, ja/nein, 1/0"),
    "bool_type": ("is not yes or no", "yes/no, ja/nein, 1/0"),
    "missing": ("is missing but required", None),
    "string_too_short": ("is empty but required", "some text"),
    "string_type": ("is not text", "text"),
    "list_type": ("is not a list", "a list (one item per line starting with '- ')"),
    "dict_type": ("is not a section of 'key: value' lines", "indented 'key: value' lines"),
    "model_type": ("is not a section of 'key: value' lines", "indented 'key: value' lines"),
    "extra_forbidden": ("is not a known setting (a typo?)", "one of the documented keys"),
}


def friendly(err: dict[str, Any]) -> tuple[str, str | None]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if err.get("input") is None and kind in {
        "float_type",
        "int_type",
        "string_type",
        "date_type",
        "literal_error",
        "bool_type",
    }:
        return "is empty but required", None
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "literal_error":
        return "is not one of the allowed values", str(ctx.get("expected", "")).replace("'", "")
    if kind == "string_pattern_mismatch":
        return "has the wrong form", _PATTERN_HINTS.get(ctx.get("pattern", ""), ctx.get("pattern"))
    if kind in {"greater_than_equal", "greater_than"}:
        return "is too small", f"at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in {"less_than_equal", "less_than"}:
        return "is too large", f"at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), None
    if kind == "row":
        return err["msg"], None
    return err["msg"][0].lower() + err["msg"][1:], None


_PATTERN_HINTS = {
    r"^(\d{1,2}\s*-\s*\d{1,3}|\d{1,2}\+|all)$": "an age band such as 25-44, 65+ or all",
}


def value_of(err: dict[str, Any]) -> Any:
    value = err.get("input")
    if isinstance(value, (dict, list)) or err["type"] == "missing":
        return None
    return value
