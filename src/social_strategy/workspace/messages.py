"""Pydantic's validation errors as sentences a consultant understands.

Each kind carries its English text (what the command line prints) and the catalog keys of
the same text (``problem.*`` in ``i18n/<lang>/core.yaml``), so a form shows it in the
workspace's language (see :func:`~social_strategy.errors.localise`).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple


class _Say(NamedTuple):
    message: str
    expected: str | None
    code: str | None
    expected_code: str | None


def _say(
    message: str, expected: str | None = None, *, code: str, expected_code: str | None = None
) -> _Say:
    return _Say(message, expected, code, expected_code)


_NUMBER = _say(
    "is not a number",
    "a number such as 12 or 12,5",
    code="problem.not_a_number",
    expected_code="problem.expect.number",
)
_WHOLE = _say(
    "is not a whole number",
    "a whole number such as 12",
    code="problem.not_whole",
    expected_code="problem.expect.whole",
)
_DATE = _say(
    "is not a date",
    "a date such as 2027-03-31 or 31.03.2027",
    code="problem.not_a_date",
    expected_code="problem.expect.date",
)
_BOOL = _say(
    "is not yes or no",
    "yes/no, ja/nein, 1/0",
    code="problem.not_yes_no",
    expected_code="problem.expect.yes_no",
)
_SECTION = _say(
    "is not a section of 'key: value' lines",
    "indented 'key: value' lines",
    code="problem.not_a_section",
    expected_code="problem.expect.section",
)
_EMPTY = _say("is empty but required", code="problem.empty")
_DATETIME = _say(
    "is not a date and time",
    "a date and time such as 2026-10-14 09:12 or 14.10.2026 09:12",
    code="problem.not_a_datetime",
    expected_code="problem.expect.datetime",
)

_MESSAGES = {
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "int_parsing": _WHOLE,
    "int_type": _WHOLE,
    "int_from_float": _WHOLE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_type": _DATE,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "no_such_date": _say(
        "no such date",
        "a day the calendar has, such as 28.02.2026",
        code="problem.no_such_date",
        expected_code="problem.expect.real_date",
    ),
    "bool_parsing": _BOOL,
    "bool_type": _BOOL,
    "missing": _say("is missing but required", code="problem.missing"),
    "string_too_short": _say(
        "is empty but required",
        "some text",
        code="problem.empty",
        expected_code="problem.expect.text",
    ),
    "string_type": _say(
        "is not text", "text", code="problem.not_text", expected_code="problem.expect.plain_text"
    ),
    "list_type": _say(
        "is not a list",
        "a list (one item per line starting with '- ')",
        code="problem.not_a_list",
        expected_code="problem.expect.list",
    ),
    "dict_type": _SECTION,
    "model_type": _SECTION,
    "extra_forbidden": _say(
        "is not a known setting (a typo?)",
        "one of the documented keys",
        code="problem.unknown_setting",
        expected_code="problem.expect.known_key",
    ),
}


def friendly(err: dict[str, Any]) -> tuple[str, str | None]:
    """The English message and expectation of one pydantic error."""
    said = described(err)
    return said["message"], said["expected"]


def described(err: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as :class:`~social_strategy.errors.Problem` fields: ``message`` and
    ``expected`` in English, and where the kind has them, ``code``, ``expected_code`` and
    ``params`` for the same text from a catalog."""
    say, params = _described(err)
    return {
        "message": say.message,
        "expected": say.expected,
        "code": say.code,
        "expected_code": say.expected_code,
        "params": params,
    }


def _described(err: dict[str, Any]) -> tuple[_Say, dict[str, Any]]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if err.get("input") is None and kind in {
        "float_type",
        "int_type",
        "string_type",
        "date_type",
        "datetime_type",
        "literal_error",
        "bool_type",
    }:
        return _EMPTY, {}
    if kind in _MESSAGES:
        return _MESSAGES[kind], {}
    if kind == "literal_error":
        return _not_allowed(ctx)
    if kind == "string_pattern_mismatch":
        return _wrong_form(ctx)
    if kind in _BOUNDS:
        return _out_of_bounds(kind, ctx)
    if kind == "duplicate_goal_id":
        say = _say(
            err["msg"], code="problem.duplicate_goal", expected_code="problem.expect.unique_id"
        )
        return say._replace(expected=None), {"id": ctx.get("id")}
    if kind == "value_error":
        # a field validator's "what is wrong; expected what": the expectation in its place
        message, _, expected = str(ctx.get("error", err["msg"])).partition("; expected ")
        return _Say(message, expected or None, None, None), {}
    if kind == "row":
        return _Say(err["msg"], None, None, None), {}
    return _Say(err["msg"][0].lower() + err["msg"][1:], None, None, None), {}


def _not_allowed(ctx: dict[str, Any]) -> tuple[_Say, dict[str, Any]]:
    """A value outside a literal's allowed values, the values listed."""
    shown = str(ctx.get("expected", ""))
    values = re.findall(r"'([^']*)'", shown) or [v for v in re.split(r",\s*|\s+or\s+", shown) if v]
    say = _say(
        "is not one of the allowed values",
        shown.replace("'", ""),
        code="problem.not_allowed",
        expected_code="problem.expect.one_of",
    )
    return say, {"values": values, "allowed": ", ".join(values)}


def _wrong_form(ctx: dict[str, Any]) -> tuple[_Say, dict[str, Any]]:
    """Text not matching a pattern: the pattern's hint where one is written, else the
    pattern itself."""
    pattern = ctx.get("pattern", "")
    if pattern in _PATTERN_HINTS:
        return _PATTERN_HINTS[pattern], {}
    say = _say(
        "has the wrong form",
        pattern,
        code="problem.wrong_form",
        expected_code="problem.expect.pattern",
    )
    return say, {"pattern": pattern}


#: pydantic's bound checks: kind -> (its context key, the words before the bound, message,
#: code, expected code)
_BOUNDS = {
    "greater_than_equal": (
        "ge",
        "at least",
        "is too small",
        "problem.too_small",
        "problem.expect.at_least",
    ),
    "greater_than": (
        "gt",
        "more than",
        "is too small",
        "problem.too_small",
        "problem.expect.more_than",
    ),
    "less_than_equal": (
        "le",
        "at most",
        "is too large",
        "problem.too_large",
        "problem.expect.at_most",
    ),
    "less_than": (
        "lt",
        "less than",
        "is too large",
        "problem.too_large",
        "problem.expect.less_than",
    ),
}


def _out_of_bounds(kind: str, ctx: dict[str, Any]) -> tuple[_Say, dict[str, Any]]:
    """A number below or above its bound (no catalog text when the bound is not a number)."""
    key, words, message, code, expected_code = _BOUNDS[kind]
    bound = ctx.get(key)
    text = f"{words} {_bound(bound)}"
    if not _numeric(bound):
        return _Say(message, text, None, None), {}
    return _say(message, text, code=code, expected_code=expected_code), {"bound": bound}


def _bound(value: object) -> str:
    """``0.0`` -> ``0``, ``12.5`` -> ``12.5``: a limit as a person writes it."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _numeric(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: what the patterns of the schemas ask for (the command line shows a time's pattern as is)
_PATTERN_HINTS = {
    r"^(\d{1,2}\s*-\s*\d{1,3}|\d{1,2}\+|all)$": _say(
        "has the wrong form",
        "an age band such as 25-44, 65+ or all",
        code="problem.wrong_form",
        expected_code="problem.expect.age_band",
    ),
    r"^([01]?\d|2[0-3])[:.][0-5]\d([:.][0-5]\d)?$": _say(
        "has the wrong form",
        r"^([01]?\d|2[0-3])[:.][0-5]\d([:.][0-5]\d)?$",
        code="problem.wrong_form",
        expected_code="problem.expect.time",
    ),
    r"^([01]?\d|2[0-3]):[0-5]\d$": _say(
        "has the wrong form",
        r"^([01]?\d|2[0-3]):[0-5]\d$",
        code="problem.wrong_form",
        expected_code="problem.expect.time",
    ),
}


def value_of(err: dict[str, Any]) -> Any:
    value = err.get("input")
    if isinstance(value, (dict, list)) or err["type"] == "missing":
        return None
    return value


__all__ = ["described", "friendly", "value_of"]
