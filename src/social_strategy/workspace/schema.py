"""What every table specification is made of: the row base, the spec, its references.

A step's inputs (its tables and its settings) are declared in one module of
:mod:`social_strategy.workspace.inputs`; the loader reads the specs and runs their checks
without knowing any table by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from .fields import blank_to_none

if TYPE_CHECKING:
    import pandas as pd

    from ..errors import Problem

ROW_COLUMN = "_row"  # spreadsheet row number kept beside every validated record
#: a reference target that is not a table: the goal ids of strategy.yaml
GOALS = "goals"


class Section(BaseModel):
    """A block of strategy.yaml: unknown keys are typos; empty values take the default."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if blank_to_none(v) is not None}
        return data


class Row(BaseModel):
    """Base of every table row: blank cells are missing values, text is stripped. A blank
    cell of an optional column takes the column's default (machine-made exports leave
    optional cells empty); a blank required cell is a problem."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, data: object) -> object:
        if isinstance(data, dict):
            fields = cls.model_fields
            out = {}
            for key, value in data.items():
                value = blank_to_none(value)
                if value is None and key in fields and not fields[key].is_required():
                    continue
                out[key] = value
            return out
        return data

    @classmethod
    def frame_rules(cls, frame: pd.DataFrame) -> list[tuple[pd.Series, str, str]] | None:
        """The model's checks over several cells (its ``mode="after"`` validators) applied
        to a whole table at once: (rows that fail, the columns, the message). A model with
        such validators overrides this so large tables are validated column by column."""
        return None

    @classmethod
    def frame_derive(cls, frame: pd.DataFrame) -> pd.DataFrame:
        """Values the model's validators fill in from other cells, for a whole table at once
        (the column-by-column path); the same as the validators do row by row."""
        return frame


def row_error(columns: str, message: str) -> PydanticCustomError:
    """An error about several cells of a row; ``columns`` names them for the user."""
    return PydanticCustomError("row", message, {"columns": columns})


@dataclass(frozen=True)
class Reference:
    """Every id in ``column`` must exist in ``target`` (a table's id column, or ``GOALS``)."""

    column: str
    target: str
    #: the target's singular, as the message names it ("segment", "goal")
    noun: str


#: a check of one validated table: (frame, shown file name) -> problems
TableCheck = Callable[["pd.DataFrame", str], "list[Problem]"]


@dataclass(frozen=True)
class TableSpec:
    """How one table is found, read and checked."""

    name: str
    model: type[Row]
    description: str
    id_columns: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: ids this table refers to in other tables or in strategy.yaml
    references: tuple[Reference, ...] = ()
    #: checks over the whole validated table (rows that passed)
    checks: tuple[TableCheck, ...] = ()
    #: the setting (``section.field``) that may name another file for this table
    file_setting: str | None = None
    #: free-text columns of a machine-made export (a post's or a mention's text): a cell
    #: longer than the cell limit is cut to it for the analysis and counted
    #: (:func:`~.rows.truncated_cells`), not refused; in other columns it is a problem
    truncate: tuple[str, ...] = ()
    #: the workshop edits this table in a grid form (:mod:`social_strategy.forms.tables`)
    form: bool = False

    def columns(self) -> list[str]:
        return list(self.model.model_fields)

    def required_columns(self) -> list[str]:
        return [n for n, f in self.model.model_fields.items() if f.is_required()]


@dataclass(frozen=True)
class StepInputs:
    """One step's inputs: its tables and the model of its block under ``settings:``."""

    step: str
    order: int
    tables: tuple[TableSpec, ...] = ()
    settings: type[BaseModel] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


__all__ = [
    "GOALS",
    "ROW_COLUMN",
    "Reference",
    "Row",
    "Section",
    "StepInputs",
    "TableCheck",
    "TableSpec",
    "row_error",
]
