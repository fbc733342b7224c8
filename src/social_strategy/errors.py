"""The errors a user sees: bad input, and a notebook that failed.

Every problem found in a client's workspace becomes a :class:`Problem` naming the file, the
row as a spreadsheet user counts it (the header is row 1), the column, the bad value and
what was expected. Loading collects all of them and raises one :class:`InputError`; the
command-line tool prints them and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"{self.row_label} {self.row}")
        if self.column:
            where.append(f"{self.column_label} '{self.column}'")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None and self.value != "":
            text += f" (found {_show(self.value)}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return text


def _show(value: object) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
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
