"""Write into a workspace safely: temporary file, fsync, rename; the old version kept.

Forms and the ``new`` command write through here, so a crash mid-write never leaves a
half-written file and the previous answers are one ``.bak`` away.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def update_strategy(path: Path, change: Callable[[Any], None]) -> None:
    """Apply ``change`` to strategy.yaml, keeping its comments, layout and quotes.

    The changed document is validated first; if it has problems an InputError carries them
    and the file is left as it was. Otherwise it is written atomically, the old version kept
    as ``strategy.yaml.bak``.
    """
    from ruamel.yaml import YAML

    from ..errors import InputError
    from .strategy_file import YamlLoader, validate_strategy

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap the consultant's long lines
    rt.indent(mapping=2, sequence=4, offset=2)
    doc = rt.load(Path(path).read_text(encoding="utf-8-sig"))
    change(doc)
    plain = yaml.load(_dump(rt, doc), Loader=YamlLoader)  # a SafeLoader subclass
    _, problems = validate_strategy(plain)
    if problems:
        raise InputError(problems)
    atomic_write_text(path, _dump(rt, doc))


def merge_list(doc: Any, key: str, items: list[Any]) -> None:
    """Set ``doc[key]`` to ``items`` changing only what differs, so untouched entries keep
    their quotes and comments."""
    current = doc.get(key)
    if current is None or not hasattr(current, "__setitem__"):
        doc[key] = items
        return
    for i, item in enumerate(items):
        if i >= len(current):
            current.append(item)
        elif isinstance(item, dict) and hasattr(current[i], "keys"):
            for field in [k for k in current[i] if k not in item]:
                del current[i][field]
            for field, value in item.items():
                if current[i].get(field) != value:
                    current[i][field] = value
        elif current[i] != item:
            current[i] = item
    del current[len(items) :]


def _dump(rt: Any, doc: Any) -> str:
    buffer = io.StringIO()
    rt.dump(doc, buffer)
    return buffer.getvalue()


def write_table(path: Path, frame: pd.DataFrame, *, backup: bool = True) -> None:
    """Write a table as UTF-8 CSV with a BOM, which Excel opens with umlauts intact."""
    data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    atomic_write_bytes(path, data, backup=backup)
