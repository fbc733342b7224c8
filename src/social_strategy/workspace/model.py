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

    @property
    def name(self) -> str:
        return self.strategy.firm.name

    @property
    def slug(self) -> str:
        return slugify(self.strategy.firm.name)

    def has(self, table: str) -> bool:
        return table in self.tables and not self.tables[table].empty

    def table(self, name: str) -> pd.DataFrame:
        """The validated table, or an empty frame with the schema's columns."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=[*TABLES[name].columns(), ROW_COLUMN])


def slugify(text: str) -> str:
    """``'Röstwerk Elbufer GmbH'`` -> ``'roestwerk-elbufer-gmbh'``: safe as a folder name."""
    text = text.lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "client"
