"""A validated workspace: the strategy profile and one DataFrame per table."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .inputs import TABLES
from .profile import Strategy
from .schema import ROW_COLUMN


@dataclass
class Workspace:
    """A validated workspace: the strategy profile and one DataFrame per table."""

    path: Path
    strategy: Strategy
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    #: tables a step asked for (``has`` or ``table``): what its result depends on
    accessed: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.strategy.firm.name

    @property
    def slug(self) -> str:
        return slugify(self.strategy.firm.name)

    def has(self, table: str) -> bool:
        self.accessed.add(table)
        return table in self.tables and not self.tables[table].empty

    def table(self, name: str) -> pd.DataFrame:
        """The validated table, or an empty frame with the schema's columns."""
        self.accessed.add(name)
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=[*TABLES[name].columns(), ROW_COLUMN])

    def source_file(self, name: str) -> Path | None:
        """The file a table was read from (a CSV, an export, or the xlsx workbook)."""
        shown = self.sources.get(name)
        if shown is None:
            return None
        return self.path / shown.split(", sheet ", 1)[0]


def slugify(text: str) -> str:
    """``'Röstwerk Elbufer GmbH'`` -> ``'roestwerk-elbufer-gmbh'``: safe as a folder name."""
    text = text.lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "client"
