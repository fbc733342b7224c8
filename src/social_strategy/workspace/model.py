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
        """The report folder's name: the firm's name in Latin letters, or the workspace
        folder's name when the firm's name gives none (only symbols)."""
        return slugify(self.strategy.firm.name, fallback=self.path.name)

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


def slugify(text: str, fallback: str = "") -> str:
    """``'Röstwerk Elbufer GmbH'`` -> ``'roestwerk-elbufer-gmbh'``: safe as a folder name.

    Other scripts are transliterated (``'מאפיית כהן'`` -> ``'m-fyyt-khhn'``, ``'مخبز الأمل'``
    -> ``'mkhbz-l-ml'``), so firms with Hebrew, Arabic or Greek names get folders of their
    own; a name that gives no letters or digits takes ``fallback`` (the workspace folder's name)."""
    from anyascii import anyascii

    def slug(value: str) -> str:
        value = value.lower()
        for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            value = value.replace(src, dst)
        value = anyascii(unicodedata.normalize("NFKC", value)).lower()
        return re.sub(r"[^a-z0-9]+", "-", value).strip("-")[:60].strip("-")

    return slug(text) or slug(fallback) or "client"


__all__ = ["Workspace", "slugify"]
