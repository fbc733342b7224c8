"""Create a new client workspace from the blank, commented template."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..errors import InputError, Problem
from ..paths import WORKSPACE_TEMPLATE
from .model import slugify
from .strategy_file import STRATEGY_FILE
from .writer import atomic_write_text

PLACEHOLDER = '"__FIRM_NAME__"'


def new_workspace(name: str, parent: Path | str, *, language: str | None = None) -> Path:
    """Copy the template to ``parent/<slug>`` with the firm's name filled in."""
    name = name.strip()
    if not name:
        raise InputError([Problem("firm name", "the name is empty", expected="the firm's name")])
    target = Path(parent).expanduser() / slugify(name)
    if target.exists():
        raise InputError(
            [
                Problem(
                    str(target),
                    "a workspace with this name exists already",
                    expected="a new name or another --dir",
                )
            ]
        )
    staging = target.with_name(f".{target.name}.creating")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(WORKSPACE_TEMPLATE, staging)
    strategy = staging / STRATEGY_FILE
    text = strategy.read_text(encoding="utf-8")
    text = text.replace(PLACEHOLDER, json.dumps(name, ensure_ascii=False))
    if language:
        text = text.replace("language: de", f"language: {language}", 1)
    atomic_write_text(strategy, text, backup=False)
    staging.rename(target)
    return target


__all__ = ["PLACEHOLDER", "new_workspace"]
