"""The errors a user sees: bad input, and a notebook that failed.

Every problem found in a client's workspace becomes a :class:`Problem` naming the file, the
row as a spreadsheet user counts it (the header is row 1), the column, the bad value and
what was expected. Loading collects all of them and raises one :class:`InputError`; the
command-line tool prints them and exits with status 2.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, phrased for a consultant."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None
    #: "row" for tables, "line" for YAML files
    row_label: str = "row"
    #: "column" for tables, "field" for YAML files
    column_label: str = "column"
    #: catalog key of the message (``problem.not_a_number``); None: only the English text
    code: str | None = None
    #: catalog key of the expectation (``problem.expect.number``)
    expected_code: str | None = None
    #: values for both catalog texts, and what :func:`localise` needs to name the place
    #: (``goal_id`` for a goal in strategy.yaml, ``header`` for a column under another name)
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: strategy.yaml: the field as pydantic locates it, ``("goals", 1, "target")``;
    #: tables: None (``row`` and ``column`` locate the cell)
    path: tuple[str | int, ...] | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"{self.row_label} {self.row}")
        if self.column:
            # the column as the file writes it (``count``, not the field ``weight``)
            header = self.params.get("header") or self.column
            where.append(f"{self.column_label} '{header}'")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None and self.value != "":
            text += f" (found {_show(self.value)}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return escape_controls(text)


class _Catalog(Protocol):
    def has(self, key: str) -> bool: ...
    def t(self, key: str, /, **values: Any) -> str: ...


def localise(problem: Problem, cat: _Catalog, *, with_file: bool = True) -> str:
    """The whole problem in the language of ``cat`` (an :class:`~.i18n.Catalog`), its place
    named as the client knows it: ``Zeile 4, Spalte „Anteil“`` in a table, ``Ziel G2, Feld
    „Zielwert“`` in strategy.yaml. A problem without a code (or whose code the catalog lacks)
    is shown as its English ``str()``."""
    if problem.code is None or not cat.has(problem.code):
        return str(problem)
    params = dict(problem.params)
    text = cat.t(problem.code, **params)
    expected = None
    if problem.expected_code and cat.has(problem.expected_code):
        expected = cat.t(problem.expected_code, **params)
    if problem.value is not None and problem.value != "":
        if isinstance(problem.value, str):
            found = cat.t("problem.quoted", text=_shorten(problem.value))
        else:
            found = _shorten(str(problem.value))
        key = "problem.found_expected" if expected else "problem.found"
        text = cat.t(key, message=text, found=found, expected=expected)
    elif expected:
        text = cat.t("problem.with_expected", message=text, expected=expected)
    where = location(problem, cat)
    if with_file:
        where = [problem.file, *where]
    if where:
        text = cat.t("problem.located", where=", ".join(where), message=text)
    return escape_controls(text)


def location(problem: Problem, cat: _Catalog) -> list[str]:
    """The parts of the problem's place (without the file), in the language of ``cat``."""
    if problem.path:
        return _path_location(problem.path, problem.params, cat)
    parts = []
    if problem.row is not None:
        key = "problem.where.line" if problem.row_label == "line" else "problem.where.row"
        parts.append(cat.t(key, row=problem.row))
    if problem.column:
        header = problem.params.get("header") or problem.column
        key = "problem.where.field" if problem.column_label == "field" else "problem.where.column"
        parts.append(cat.t(key, name=header))
    return parts


def _path_location(path: tuple, params: Mapping[str, Any], cat: _Catalog) -> list[str]:
    """``("goals", 1, "target")`` -> ``["Ziel G2", "Feld „Zielwert“"]``; positions count
    from 1, fields carry the form's label where the catalog has one."""
    parts: list[str] = []
    keys: list[str] = []  # the keys since the last position
    context: tuple = ()  # the keys leading to the current section
    for part in path:
        if isinstance(part, int):
            if list(context) + keys == ["goals"]:
                goal_id = params.get("goal_id")
                if goal_id:
                    parts.append(cat.t("problem.where.goal", id=goal_id))
                else:
                    parts.append(cat.t("problem.where.goal_n", n=part + 1))
            else:
                name = _label(tuple(keys), context, cat)
                parts.append(cat.t("problem.where.item", name=name, n=part + 1))
            context = (*context, *keys)
            keys = []
        else:
            keys.append(str(part))
    if keys:
        parts.append(cat.t("problem.where.field", name=_label(tuple(keys), context, cat)))
    return parts


def _label(keys: tuple[str, ...], context: tuple, cat: _Catalog) -> str:
    """The form's label of a field (``form.target``, ``form.firm_name``), else its keys."""
    if not keys:
        return ".".join(str(c) for c in context)
    candidates = []
    if len(keys) == 1 and context == ("goals",):
        candidates += [f"form.{keys[0]}", f"firm.col.{keys[0]}"]
    elif len(keys) == 2 and not context and keys[0] == "firm":
        candidates.append(f"form.firm_{keys[1]}")
    elif len(keys) == 2 and not context and keys[0] == "monitoring":
        candidates.append(f"firm.monitoring.{keys[1]}")
    elif len(keys) == 1 and not context:
        candidates += [f"form.{keys[0]}", f"firm.col.{keys[0]}"]
    for key in candidates:
        if cat.has(key):
            return cat.t(key)
    return ".".join(keys)


#: characters that steer a terminal or reorder text: C0/C1 controls, bidi overrides
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """Control characters shown as escapes (``\\x07``, ``\\x1b``, ``\\u202e``), so
    text from a client's file can neither ring, recolour nor reorder the terminal."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _shorten(text: str) -> str:
    return text[:57] + "..." if len(text) > 60 else text


def _show(value: object) -> str:
    text = _shorten(str(value))
    return repr(text) if isinstance(value, str) else text


@dataclass
class InputError(Exception):
    """All problems found in one pass over the input."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class WorkspaceProblems(InputError):
    """InputError shown in Jupyter as its list of problems, without a traceback."""

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines()


@dataclass
class NotebookFailed(Exception):
    """A notebook raised while executing: which one, which cell, what error."""

    notebook: str
    cell: int | None
    cell_source: str
    error: str
    kept: Path

    def __str__(self) -> str:
        where = f"cell [{self.cell}]" if self.cell is not None else "an unknown cell"
        first = self.cell_source.strip().splitlines()[0] if self.cell_source.strip() else ""
        return (
            f"notebook {self.notebook} failed in {where}"
            f"{f' ({first})' if first else ''}: {self.error}\n"
            f"The executed copy is kept for debugging: {self.kept}"
        )


__all__ = [
    "InputError",
    "NotebookFailed",
    "Problem",
    "WorkspaceProblems",
    "escape_controls",
    "localise",
    "location",
]
