"""A client's inputs: read as clients send them, validated all at once, written back safely."""

from .loader import ROW_COLUMN, STRATEGY_FILE, Workspace, load_workspace, slugify
from .new import new_workspace
from .tables import TABLES

__all__ = [
    "ROW_COLUMN",
    "STRATEGY_FILE",
    "TABLES",
    "Workspace",
    "load_workspace",
    "new_workspace",
    "slugify",
]
