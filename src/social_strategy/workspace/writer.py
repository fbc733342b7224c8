"""Write into a workspace safely: temporary file, fsync, rename; the old version kept.

Forms and the ``new`` command write through here, so a crash mid-write never leaves a
half-written file and the previous answers are one ``.bak`` away.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import yaml


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; keep the old file as ``<name>.bak``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, *, backup: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def write_yaml(path: Path, data: dict, *, backup: bool = True) -> None:
    """Dump ``data`` as readable YAML (keys in the given order, umlauts as they are)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    atomic_write_text(path, text, backup=backup)


def write_table(path: Path, frame: pd.DataFrame, *, backup: bool = True) -> None:
    """Write a table as UTF-8 CSV with a BOM, which Excel opens with umlauts intact."""
    data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    atomic_write_bytes(path, data, backup=backup)
