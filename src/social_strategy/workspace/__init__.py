"""A client's inputs: read as clients send them, validated all at once, written back safely.

Forms, steps and notebooks import from here only.
"""

from .inputs import STEP_INPUTS, TABLES
from .loader import load_workspace
from .model import Workspace, slugify
from .new import new_workspace
from .readers import RawTable, read_csv
from .registry import register_inputs, unregister_inputs
from .rows import truncated_cells, validate_table
from .schema import ROW_COLUMN, StepInputs, TableSpec
from .strategy_file import STRATEGY_FILE, validate_strategy
from .table_file import TableFile, open_table, save_table
from .writer import (
    CsvFormat,
    atomic_write_text,
    csv_format,
    merge_list,
    neutralise_formula,
    update_strategy,
    write_table,
)

__all__ = [
    "ROW_COLUMN",
    "STEP_INPUTS",
    "STRATEGY_FILE",
    "TABLES",
    "CsvFormat",
    "RawTable",
    "StepInputs",
    "TableFile",
    "TableSpec",
    "Workspace",
    "atomic_write_text",
    "csv_format",
    "load_workspace",
    "merge_list",
    "neutralise_formula",
    "new_workspace",
    "open_table",
    "read_csv",
    "register_inputs",
    "save_table",
    "slugify",
    "truncated_cells",
    "unregister_inputs",
    "update_strategy",
    "validate_strategy",
    "validate_table",
    "write_table",
]
